"""MX Logic (McAfee SaaS Email Protection): Exim's templates behind MX Logic headers.

Recognised by ``X-MX-Bounce``, ``X-MXL-Hash``/``X-MXL-NoteHash`` or a ``<mxl~...>``
Message-Id; the report is Exim's ("This message was created automatically by
mail delivery software.", recipients indented two spaces) and ends at
"Included is a copy of the message header:". Markers after Sisimai::Lhost::MXLogic.
"""

from __future__ import annotations

from ...model import Delivery
from ..message import Message
from . import exim

NAME = "mxlogic"

_END = ("included is a copy of the message header",) + exim.END


def detect(msg: Message) -> list[Delivery] | None:
    if not (msg.get("x-mx-bounce") or msg.get("x-mxl-hash") or msg.get("x-mxl-notehash")
            or msg.get("message-id").lstrip().startswith("<mxl~")):
        return None
    return exim.parse(msg, NAME, _END)
