"""Words for a sender incident's evidence on the dashboard (Jinja filters; see partials/incident_evidence.html)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...hygiene.incidents import Evidence, IncidentView

# Evidence.status -> what the page says; "unchecked" is refined by the note of a host that was tried
WORDS = {"listed": "listed", "unknown": "unknown", "not listed": "not listed", "unchecked": "not checked yet"}


def evidence_word(e: Evidence) -> str:
    """listed | unknown | not listed | not checked yet, or for a host name: lookup failed | no address."""
    if e.status == "unchecked" and e.note:  # the host was looked up: it failed, or it has no public address
        return "lookup failed" if "lookup failed" in e.note else "no address"
    return WORDS[e.status]


def evidence_verdict(i: IncidentView) -> str:
    """The evidence in a few words: what is listed, else whether anything is unknown or still unchecked."""
    listed = [e.target for e in i.evidence if e.status == "listed"]
    words = {evidence_word(e) for e in i.evidence}
    if listed:
        return f"{', '.join(listed)} listed"
    if words & {"unknown", "lookup failed"}:
        return "unknown (lookup failed)"
    if "not checked yet" in words:
        return "not checked yet"
    return "nothing listed" if i.evidence else "no sending IP or domain named"


@cache
def _list_titles() -> dict[str, str]:
    from ...reputation.lists import builtin_lists

    return {lst.name: lst.title for lst in builtin_lists()}


def list_title(name: str) -> str:
    """A DNS blocklist's name for people ("Spamhaus ZEN"); a list of a lists file keeps its name."""
    return _list_titles().get(name, name)


FILTERS = {"evidence_word": evidence_word, "evidence_verdict": evidence_verdict, "list_title": list_title}
