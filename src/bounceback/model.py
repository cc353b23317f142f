"""The records that flow through bounceback, one way.

``Delivery`` is what a decoder found in a message (format facts, no meaning);
``Bounce`` is a ``Delivery`` after classification (reason, fault, advice);
``Explanation`` is what ``explain`` says about a code or a reply line.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Original:
    """Headers of the returned original message, when the bounce carries them."""

    message_id: str = ""
    sender: str = ""  # From:
    to: str = ""
    subject: str = ""
    list_id: str = ""
    date: str = ""
    # X-* headers and other identifiers a sender may have put in (campaign ids ...)
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Delivery:
    """One recipient's delivery outcome, as decoded from a message, log line or webhook."""

    recipient: str
    action: str = ""  # failed | delayed | delivered | relayed | expanded | ""
    status: str = ""  # enhanced status code as reported, e.g. "5.1.1"
    reply_code: str = ""  # SMTP reply code, e.g. "550"
    diagnostic: str = ""  # the remote server's words (or the MTA's own)
    diagnostic_type: str = ""  # "SMTP", "X-Postfix", "X-Unix", ...
    remote_mta: str = ""
    reporting_mta: str = ""
    smtp_command: str = ""  # CONN, HELO, EHLO, MAIL, RCPT, DATA, BDAT, ...
    date: datetime | None = None
    reason: str = ""  # a reason the format itself implies (expired, feedback, vacation ...)
    feedback_type: str = ""
    decoded_by: str = ""
    original_recipient: str = ""  # RFC 3464 Original-Recipient, when it differs
    original: Original = field(default_factory=Original)


@dataclass(frozen=True, slots=True)
class Bounce:
    """A classified delivery outcome for one recipient: what happened and what to do."""

    recipient: str
    reason: str
    hard_bounce: bool
    fault: str  # recipient | sender | content | remote | network | unknown | none
    permanent: bool
    advice: str
    action: str = ""
    status: str = ""
    reply_code: str = ""
    diagnostic: str = ""
    diagnostic_type: str = ""
    remote_mta: str = ""
    reporting_mta: str = ""
    smtp_command: str = ""
    date: datetime | None = None
    feedback_type: str = ""
    decoded_by: str = ""
    original_recipient: str = ""  # the address the sender used, when the report names another final one
    source: str = ""  # the path as given ("-" for stdin)
    message: int = 0  # 1-based position of the message in an mbox of several; 0: the file is one message
    note: str = ""  # why the classification differs from what the code alone says
    original: Original = field(default_factory=Original)

    @property
    def original_message_id(self) -> str:
        return self.original.message_id

    @property
    def is_failure(self) -> bool:
        """True for outcomes that say mail did not reach the recipient."""
        return self.reason not in ("delivered", "vacation", "feedback")

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON-ready dict (hand-built: ``asdict`` deep-copies and is the slow part of output)."""
        d = {f: getattr(self, f) for f in _BOUNCE_FIELDS}
        d["date"] = self.date.isoformat() if self.date else None
        o = self.original
        d["original_message_id"] = o.message_id
        d["original_sender"] = o.sender
        d["original_subject"] = o.subject
        d["list_id"] = o.list_id
        d["original_headers"] = dict(o.extra)
        return d


_BOUNCE_FIELDS = tuple(f.name for f in fields(Bounce) if f.name != "original")


@dataclass(frozen=True, slots=True)
class Explanation:
    """What a reply code, enhanced status code or reply line means, and what to do."""

    reply_code: str
    status: str
    text: str
    meaning: str
    permanent: bool
    fault: str
    reason: str
    advice: str
    hard_bounce: bool
    code_title: str = ""
    status_title: str = ""
    matched: str = ""  # the phrase of the text that decided the reason
    note: str = ""  # set when the text contradicts the code
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sources"] = list(self.sources)
        return d
