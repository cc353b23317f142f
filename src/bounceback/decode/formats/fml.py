"""fml (Japanese mailing-list manager) error notices from "<list>-admin@".

fml writes an ``X-MLServer`` header and ``<NNN.FML...@host>`` Message-Ids; a
notice names the address it is about as ``<a@b>.`` at the end of a line
("NOT MEMBER article from <a@b>.") above "Original mail as follows:". These
are the list refusing a post, so the format says the reason. Markers after
Sisimai::Lhost::FML.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "fml"

_REASONS = (  # fml's own sentences (Sisimai::Lhost::FML)
    ("not member article from", "rejected"), ("you are not a member of this mailing list", "rejected"),
    ("reject mail from", "rejected"), ("spam mail from a spammer is rejected", "rejected"),
    ("duplicated message-id", "systemerror"), ("has detected a loop condition", "systemerror"),
    ("loop back warning", "systemerror"), ("security alert", "securityerror"),
)


def detect(msg: Message) -> list[Delivery] | None:
    msgid = msg.get("message-id").strip()
    if not msg.get("x-mlserver") or "-admin@" not in msg.sender.lower() or ".FML" not in msgid:
        return None
    out = []
    for line in msg.body_text.split("\n"):
        s = line.strip()
        if s.startswith("Original mail as follows"):
            break
        if s.endswith(">.") and "<" in s:
            rcpt = scan.clean_address(s[s.rfind("<"):-1])
            if rcpt:
                low = f"{s} {msg.subject}".lower()
                reason = next((r for p, r in _REASONS if p in low), "")
                out.append(delivery(rcpt, action="failed", diagnostic=s, reason=reason, decoded_by=NAME))
    return out or None
