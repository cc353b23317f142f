"""fml (Japanese mailing-list manager) error notices from "<list>-admin@".

fml writes an ``X-MLServer`` header and ``<NNN.FML...@host>`` Message-Ids; a
notice names the address it is about as ``<a@b>.`` at the end of a line
("NOT MEMBER article from <a@b>.") above "Original mail as follows:". These
are the list refusing a post, so the format says the reason. Markers after
Sisimai::Lhost::FML.
"""

from __future__ import annotations

from ... import patterns
from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message

NAME = "fml"

# fml's own sentences (Sisimai::Lhost::FML $errortable): the line naming the address, and
# the lines under it, say why the list refused or dropped the post
_BODY = (
    ("rejected", patterns.compile(
        r"not member article from |reject (?:mail from .+@.+|since .+ header may cause mail loop|spammers:)"
        r"|you are not a member of this mailing list")),
    ("systemerror", patterns.compile(
        r"duplicated message-id|fml .+ has detected a loop condition so that|loop back warning:")),
    ("securityerror", patterns.compile(r"security alert:")),
)
# ... else the Subject fml gives the notice says it ($errortitle)
_SUBJECT = (
    ("rejected", patterns.compile(
        r"not member article from |reject mail (?:.+:|from) |spam mail from a spammer is rejected"
        r"|you .+ are not member")),
    ("systemerror", patterns.compile(
        r"fml system error message|loop alert: |loop back warning: |warning: unix from loop")),
    ("securityerror", patterns.compile(r"security alert")),
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
                reason = (next((r for r, p in _BODY if p.search(s)), "")
                          or next((r for r, p in _SUBJECT if p.search(msg.subject)), ""))
                out.append(delivery(rcpt, action="failed", diagnostic=s, reason=reason, decoded_by=NAME))
    return out or None
