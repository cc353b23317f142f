"""List hygiene: the Python API behind ``ingest``, ``check``, ``suppressions``, ``clean``, ``history``, ``report``.

    from bounceback.store import Store
    from bounceback.hygiene import ingest, check, clean, history, report, suppressions

    with Store.open("bounces.db") as store:          # or a postgresql:// URL; None = the default file
        summary = ingest(store, ["bounces.mbox"])     # IngestSummary
        for c in check(store, ["jane@example.org"]):  # AddressCheck
            print(c.status, c.suppression.why if c.suppression else "")
        for i in incidents(store, since="30d"):          # IncidentView, with .evidence (sender incidents)
            print(i.reason, i.receiver, [(e.target, e.status) for e in i.evidence])

The blocklist lookups behind the evidence are ``hygiene.evidence.check_evidence``
(kept apart so importing the hygiene API does not load the DNS client).

Every function returns frozen dataclasses with ``to_dict()``; the CLI prints them.
"""

from __future__ import annotations

from . import suppressions
from .check import AddressCheck, check
from .clean import CleanSummary, clean
from .history import AddressHistory, history
from .incidents import Evidence, IncidentView, incidents
from .ingest import IngestSummary, ingest
from .report import Report, report

__all__ = [
    "AddressCheck", "AddressHistory", "CleanSummary", "Evidence", "IncidentView", "IngestSummary", "Report",
    "check", "clean", "history", "incidents", "ingest", "report", "suppressions",
]
