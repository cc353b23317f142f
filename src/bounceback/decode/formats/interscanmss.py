"""Trend Micro InterScan Messaging Security Suite (``"InterScan MSS"``).

Markers from Sisimai ``Lhost/InterScanMSS.pm`` (BSD-2-Clause): From
``"InterScan MSS"`` / ``"InterScan Notification"`` or Subject ``Mail could not
be delivered`` (``メッセージを配信できません。``, ``メール配信に失敗しました``); the text
shows the session per recipient

    Sent <<< RCPT TO:<user@example.jp>
    Received >>> 550 5.1.1 <user@example.jp>... user unknown

or ``Unable to deliver message to <user@example.jp>``.
"""

from __future__ import annotations

from ...model import Delivery
from .. import scan
from ..common import delivery
from ..message import Message
from ._provider import finish, report_text

NAME = "interscanmss"

_SENDERS = ('"interscan mss"', '"interscan notification"')
_SUBJECTS = ("Mail could not be delivered", "メッセージを配信できません。", "メール配信に失敗しました")
_UNABLE = "unable to deliver message to <"


def detect(msg: Message) -> list[Delivery] | None:
    sender = msg.get("from").strip().lower()
    if not sender.startswith(_SENDERS) and msg.subject.strip() not in _SUBJECTS:
        return None
    blocks: dict[str, list[str]] = {}
    commands: dict[str, str] = {}
    current = ""
    for line in report_text(msg.body_text).split("\n"):
        s = line.strip()
        low = s.lower()
        if "<<<" in s:
            cmd = s.split("<<<", 1)[1].strip()
            if cmd.upper().startswith("RCPT TO:") and scan.clean_address(cmd[8:]):
                current = scan.clean_address(cmd[8:])
                blocks.setdefault(current, [])
                commands[current] = "RCPT"
        elif ">>>" in s and current:
            blocks[current].append(s.split(">>>", 1)[1].strip())
        elif _UNABLE in low:
            i = low.find(_UNABLE)
            current = scan.clean_address(s[i + len(_UNABLE) - 1:])
            if current:
                blocks.setdefault(current, []).append(s)
    return finish([delivery(r, action="failed", diagnostic=" ".join(lines), command=commands.get(r, ""),
                            decoded_by=NAME) for r, lines in blocks.items()])
