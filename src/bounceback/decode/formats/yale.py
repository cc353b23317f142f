"""Yale University's ph-directory mailer (``MAILER-DAEMON@*.yale.edu``, "nameserver error report").

The report names the recipient by the local name the directory failed to
resolve, without a domain::

     --------Message not delivered to the following:

     someone    No matches to nameserver query

     --------Error Detail (phquery V4.1):

As flufl.bounce (``yale.py``) does, a bare name stands for both ``name@yale.edu``
and ``name@cs.yale.edu``, the two domains Yale's lists were sent to.
"""

from __future__ import annotations

from ...model import Delivery
from .. import loose, scan
from ..common import delivery
from ..message import Message

NAME = "yale"

_DOMAINS = ("yale.edu", "cs.yale.edu")


def detect(msg: Message) -> list[Delivery] | None:
    if msg.is_multipart:
        return None
    sender = scan.clean_address(msg.get("from")).lower()
    local, _, domain = sender.partition("@")
    if local != "mailer-daemon" or not (domain == "yale.edu" or domain.endswith(".yale.edu")):
        return None
    text = msg.body_text
    lower = text.lower()
    start = lower.find("message not delivered to the following")
    if start < 0:
        return None
    start = lower.find("\n", start) + 1
    end = lower.find("error detail", start)
    out = []
    for line in text[start : end if end > 0 else start + 4096].split("\n"):
        words = line.split(None, 1)
        if not words or words[0].startswith("-"):
            continue
        name, why = words[0], (words[1] if len(words) > 1 else "")
        if "@" in name:
            addr = loose.clean(name, set())
            targets = [addr] if addr else []
        else:
            targets = [f"{name}@{d}" for d in _DOMAINS]
        out.extend(delivery(a, action="failed", diagnostic=why, decoded_by=NAME) for a in targets)
    return out or None
