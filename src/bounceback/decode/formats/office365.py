"""Office 365 / Exchange Online: the Exchange 2007+ NDR sent from Microsoft's cloud.

Markers from Sisimai ``Lhost/Office365.pm`` (BSD-2-Clause): at least two of
Subject ``Undeliverable:``, ``X-MS-Exchange-Message-Is-Ndr``,
``X-Microsoft-Antispam-PRVS``, ``X-Exchange-Antispam-Report-Test``, the
``X-MS-Exchange-CrossTenant-*`` headers, and a Received or Message-ID host under
``outbound.protection.outlook.com`` / ``prod.outlook.com``. The body is the
Exchange 2007+ layout (``exchange2007.parse``), sometimes with ``Original
Message Details`` / ``Error Details`` instead of the administrators' section.
"""

from __future__ import annotations

from ...model import Delivery
from ..message import Message
from . import exchange2007

NAME = "office365"

_HEADERS = ("x-ms-exchange-message-is-ndr", "x-microsoft-antispam-prvs", "x-exchange-antispam-report-test",
            "x-exchange-antispam-report-cfa-test", "x-ms-exchange-crosstenant-originalarrivaltime",
            "x-ms-exchange-crosstenant-fromentityheader", "x-ms-exchange-transport-crosstenantheadersstamped")
_HOSTS = (".outbound.protection.outlook.com", ".prod.outlook.com")


def _score(msg: Message) -> int:
    n = sum(1 for h in _HEADERS if h in msg.headers)
    n += "undeliverable:" in msg.subject.lower()
    n += any(h in r.lower() for r in msg.get_all("received") for h in _HOSTS)
    n += any(h in msg.get("message-id").lower() for h in _HOSTS)
    return n


def detect(msg: Message) -> list[Delivery] | None:
    if _score(msg) < 2:
        return None
    return exchange2007.parse(msg, NAME)
