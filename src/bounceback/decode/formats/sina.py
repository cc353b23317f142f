"""sina.com's mail system (``MAILER-DAEMON@sina.com``): a Chinese notice, then ``<address>:`` lines.

flufl.bounce ``sina.py``: the recipients are the ``<...>`` lines of the first
text part (the notice is GB2312; the returned original is attached).
"""

from __future__ import annotations

from ...model import Delivery
from .. import loose, scan
from ..common import delivery
from ..message import Message

NAME = "sina"


def detect(msg: Message) -> list[Delivery] | None:
    if scan.clean_address(msg.get("from")).lower() != "mailer-daemon@sina.com" or not msg.is_multipart:
        return None
    text = msg.body_text
    exclude = loose.sender_side(msg)
    notice = " ".join(line.strip() for line in text.split("\n")[:12] if line.strip() and "@" not in line)
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("<") and ">" in s:
            addr = loose.clean(s[1 : s.find(">")], exclude)
            if addr:
                out.append(delivery(addr, action="failed", diagnostic=s[s.find(">") + 1 :].strip(" :") or notice,
                                    decoded_by=NAME))
    return out or None
