"""HCL/IBM Lotus Domino: "DELIVERY FAILURE: ..." / "DELIVERY_FAILURE: ...".

"Your message / Subject: ... / was not delivered to: / <address> / because: /
<reason>", indented two spaces; newer servers add an RFC 3464 part (Status 5.0.0,
``X-Notes`` diagnostics) whose Final-Recipient may be the routed address: the
address the text names is the one the sender used. Markers after
Sisimai::Lhost::Domino.
"""

from __future__ import annotations

from ...model import Delivery
from .. import dsn, scan
from ..common import delivery
from ..message import Message
from . import _lhost

NAME = "domino"


def _failures(text: str) -> list[tuple[str, str]]:
    """(address, reason) from the "was not delivered to:" / "because:" paragraphs."""
    out: list[tuple[str, str]] = []
    state, rcpt, because = "", "", []
    for line in text.split("\n") + ["was not delivered to:"]:
        s = line.strip()
        if s == "was not delivered to:":
            if rcpt:
                out.append((rcpt, " ".join(because)))
            state, rcpt, because = "to", "", []
        elif s == "because:":
            state = "because"
        elif state == "to" and s and not rcpt:
            rcpt = scan.clean_address(s)
        elif state == "because" and s:
            because.append(s)
    return out


def detect(msg: Message) -> list[Delivery] | None:
    subject = msg.subject.lstrip().upper()
    if not subject.startswith(("DELIVERY FAILURE:", "DELIVERY_FAILURE:")):
        return None
    failures = _failures(msg.body_text)
    report = _lhost.report_fields(msg)
    out = []
    for i, (rcpt, because) in enumerate(failures):
        fields = _lhost.fields_for(report, rcpt, i, len(failures))
        dtype, diag = dsn.diagnostic_of(fields.get("diagnostic-code", ""))
        out.append(delivery(rcpt, action=fields.get("action", "failed"), status=fields.get("status", ""),
                            diagnostic=because or diag, diagnostic_type=dtype,
                            remote_mta=scan.host_of(fields.get("remote-mta", "")),
                            reporting_mta=scan.host_of(report.message.get("reporting-mta", "")), decoded_by=NAME))
    return out or None
