"""RFC 3464 / RFC 6522 delivery status notifications from any MTA.

The catch-all for standard DSNs: a ``message/delivery-status`` part (or its
RFC 6533 ``global`` twin) with per-recipient fields; diagnostics missing from the
fields are completed from the human-readable part: from a block the address
leads, else from what follows the address where the text names it
("Failed to deliver to '<a@b>'\nLOCAL module(account a) reports:\n account is
full", CommuniGate Pro). A local delivery agent's own line in the text ("mail.local:
unknown user: bob", "procmail: Quota exceeded while writing", Dovecot's "was automatically
rejected:") says why the final delivery failed (Sisimai::MDA): it leads the diagnostic of a
recipient with no words of its own, and of the only recipient.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Delivery
from ..common import from_report
from ..message import Message
from ..textscan import MAX_BLOCKS, MAX_SECTION, mda_text, next_to, report_text

NAME = "rfc3464"


def detect(msg: Message) -> list[Delivery] | None:
    found = from_report(msg, NAME)
    if any(not d.diagnostic for d in found):
        text = report_text(msg.body_text)[:MAX_SECTION]
        low = text.lower()
        found = [replace(d, diagnostic=next_to(text, d.recipient, low)) if not d.diagnostic and n < MAX_BLOCKS else d
                 for n, d in enumerate(found)]
    if found:
        mda = mda_text(report_text(msg.body_text))
        if mda:
            found = [replace(d, diagnostic=f"{mda} {d.diagnostic}".strip())
                     if mda not in d.diagnostic and (not d.diagnostic or len(found) == 1) else d for d in found]
    return found or None
