"""MTA logs -> ``Delivery`` records: Postfix, Exim and Sendmail, one module each.

    from bounceback.sources.logs import LogReader, make_parser
    reader = LogReader(make_parser("postfix"))
    for position, delivery in reader.read(["/var/log/mail.log.2.gz", "/var/log/mail.log"], on_error=print):
        ...

A log line enters at ``classify`` with the same fields a decoded bounce has
(``decoded_by`` says ``postfix-log`` ...). ``reader.follow(path)`` keeps reading
as the MTA writes, across rotation; ``LogState`` remembers positions.
"""

from __future__ import annotations

from ...errors import InputError
from .common import Clock, LineParser
from .exim import EximParser
from .postfix import PostfixParser
from .reader import LogReader, LogState, Position, rotation_order
from .sendmail import SendmailParser

PARSERS = {"postfix": PostfixParser, "exim": EximParser, "sendmail": SendmailParser}
KINDS = tuple(PARSERS)

__all__ = ["KINDS", "Clock", "LineParser", "LogReader", "LogState", "Position", "make_parser",
           "rotation_order"]


def make_parser(kind: str, *, own_senders: tuple[str, ...] = (), clock: Clock | None = None) -> LineParser:
    """A parser for ``kind`` (postfix, exim, sendmail); ``own_senders`` see ``postfix.py``."""
    try:
        cls = PARSERS[kind]
    except KeyError:
        raise InputError(kind, f"unknown log kind (expected one of {', '.join(KINDS)})") from None
    return cls(own_senders=own_senders, clock=clock)
