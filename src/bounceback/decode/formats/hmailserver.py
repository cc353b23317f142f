"""hMailServer: "Message undeliverable: <subject>".

"Your message did not reach some or all of the intended recipients.", then
after "The following recipient(s) could not be reached:" each address on its own
line followed by indented ``Error Type: SMTP``, ``Remote server (ip) issued an
error.``, ``hMailServer sent: RCPT TO:<..>`` and ``Remote server replied: 550 ...``
(hMailServer's default NDR template).
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "hmailserver"

_COMMANDS = {"RCPT": "RCPT", "MAIL": "MAIL", "DATA": "DATA", "EHLO": "EHLO", "HELO": "HELO"}


_LABELS = ("error description:", "additional information:")


def _unlabel(line: str) -> str:
    low = line.lower()
    return next((line[len(lb):].strip() for lb in _LABELS if low.startswith(lb)), line)


def detect(msg: Message) -> list[Delivery] | None:
    text = msg.body_text
    low = text.lower()
    i = low.find("the following recipient(s) could not be reached:")
    if i < 0 or ("hmailserver" not in low and not msg.subject.lower().startswith("message undeliverable")):
        return None
    out, cur = [], None
    for line in text[i:].split("\n")[1:]:
        s = line.strip()
        if not s:
            continue
        if not line[:1].isspace() and "@" in s and " " not in s:
            cur = {"rcpt": scan.clean_address(s), "lines": []}
            out.append(cur)
        elif cur is not None and line[:1].isspace():
            cur["lines"].append(s)
        elif out:
            break
    found = []
    for e in out:
        lines, reply, remote, command = e["lines"], "", "", ""
        for s in lines:
            lower = s.lower()
            if lower.startswith("remote server replied:"):
                reply = s[22:].strip()
            elif lower.startswith("hmailserver sent:"):
                command = _COMMANDS.get(s[17:].strip()[:4].upper(), "")
            elif lower.startswith("remote server (") and ")" in s:
                remote = s[15:s.find(")")]
        # local delivery: "Error Description: ..." / "Additional information: ..." (labels of the template)
        diag = reply or " ".join(_unlabel(x) for x in lines if not x.lower().startswith("error type:"))
        if e["rcpt"]:
            found.append(delivery(e["rcpt"], action="failed", diagnostic=diag, command=command,
                                  remote_mta=remote, decoded_by=NAME))
    return found or None
