"""McAfee Email Gateway: "Delivery Status" with ``X-NAI-Header: Modified by McAfee ...``.

"--- The following addresses had delivery problems ---" lists ``<rcpt> (reason)``;
the RFC 3464 part may carry only Original-Recipient. Markers after
Sisimai::Lhost::McAfee.
"""

from __future__ import annotations

from ...model import Delivery
from ..message import Message
from ..textscan import TextFormat
from . import _lhost

NAME = "mcafee"

FORMAT = TextFormat(begin=("--- the following addresses had delivery problems ---",))


def _clean(diag: str) -> str:
    return diag[1:-1] if diag.startswith("(") and diag.endswith(")") else diag


def detect(msg: Message) -> list[Delivery] | None:
    if "modified by mcafee" not in msg.get("x-nai-header").lower():
        return None
    return _lhost.combine(msg, NAME, FORMAT, clean=_clean) or None
