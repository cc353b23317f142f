"""Trend Micro InterScan Messaging Security Suite (``"InterScan MSS"``).

Markers from Sisimai ``Lhost/InterScanMSS.pm`` (BSD-2-Clause): From
``"InterScan MSS"`` / ``"InterScan Notification"`` or Subject ``Mail could not
be delivered`` (``メッセージを配信できません。``, ``メール配信に失敗しました``); the text
shows the session per recipient

    Sent <<< RCPT TO:<user@example.jp>
    Received >>> 550 5.1.1 <user@example.jp>... user unknown

(the Japanese template: ``送信 >>> RCPT TO:<...>`` / ``受信 <<< 550 ...``) or
``Unable to deliver message to <user@example.jp>``, which Sisimai reads as an
unknown user (``knowledge/formats.toml``). When the whole session is shown, the
``250`` replies accepted a recipient, and a refusal after ``DATA`` is that of every
recipient accepted before it.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ..textscan import report_text
from ._provider import finish

NAME = "interscanmss"

_SENDERS = ('"interscan mss"', '"interscan notification"')
_SUBJECTS = ("Mail could not be delivered", "メッセージを配信できません。", "メール配信に失敗しました")
_UNABLE = "unable to deliver message to <"


def _session(line: str) -> tuple[str, str]:
    """(side, what) of a session line: ``Sent <<< RCPT TO:<a@b>`` -> ("command", "RCPT TO:<a@b>").

    The English template marks the client's command ``<<<`` and the reply ``>>>``,
    the Japanese one (``送信 >>> RCPT TO:...`` / ``受信 <<< 550 ...``) the other way
    round, so the text after the marker tells which side spoke.
    """
    for marker in ("<<<", ">>>"):
        i = line.find(marker)
        if i > 0:
            what = line[i + 3:].strip()
            if what[:3].isdigit():
                return "reply", what
            if what[:4].isalpha() and what[:4].isupper():
                return "command", what
    return "", ""


def detect(msg: Message) -> list[Delivery] | None:
    sender = msg.get("from").strip().lower()
    if not sender.startswith(_SENDERS) and msg.subject.strip() not in _SUBJECTS:
        return None
    blocks: dict[str, list[str]] = {}
    commands: dict[str, str] = {}
    current, last = "", ""  # the recipient of the last RCPT TO, the last command sent
    accepted: set[str] = set()
    for line in report_text(msg.body_text).split("\n"):
        s = line.strip()
        low = s.lower()
        side, what = _session(s)
        if side == "command":
            last = what[:4].upper()
            addr = scan.clean_address(what[8:]) if what.upper().startswith("RCPT TO:") else ""
            if addr:
                current = addr
                blocks.setdefault(current, [])
            if current:
                commands[current] = last
        elif side == "reply":
            if what[:1] in "23":
                # a transcript of the whole session: "250 ... Recipient ok" accepted that recipient
                if current and last == "RCPT":
                    accepted.add(current)
                continue
            if not current and "<" in what:
                # a refusal naming the recipient without its command line ("... <a@b>... user unknown")
                current = scan.clean_address(what[what.find("<"):])
            if last == "DATA":
                # the message itself refused (RFC 5321 §4.1.1.4): every recipient accepted before it
                for r in accepted:
                    if not blocks[r]:
                        blocks[r].append(what)
                        commands[r] = "DATA"
            elif current:
                blocks.setdefault(current, []).append(what)
        elif _UNABLE in low:
            i = low.find(_UNABLE)
            current = scan.clean_address(s[i + len(_UNABLE) - 1:])
            if current:
                blocks.setdefault(current, []).append(s)
    return finish([delivery(r, action="failed", diagnostic=" ".join(lines), command=commands.get(r, ""),
                            decoded_by=NAME) for r, lines in blocks.items() if lines or r not in accepted])
