"""Incidents for people: what happened, what to do, and the blocklist evidence (``report``, ``incidents list``)."""

from __future__ import annotations

import textwrap

from rich.console import Console
from rich.text import Text

from ..hygiene.incidents import Evidence, IncidentView
from ..reputation.evidence import for_documentation
from .common import when

_VERDICT = {"listed": ("LISTED", "bold red"), "unknown": ("unknown", "yellow"),
            "not listed": ("not listed", "green"), "unchecked": ("not checked yet", "dim")}
_GROUPS = (("listed", True), ("unknown", None), ("not listed", False))  # a check's answer -> its words


def print_incidents(console: Console, incidents: tuple[IncidentView, ...]) -> None:
    if not incidents:
        console.print("No sender or content incidents.")
    for i in incidents:
        state = "[bold red]OPEN[/bold red]" if i.open else "closed"
        plural = "s" if i.events != 1 else ""
        console.print(f"{state} {i.kind} incident: [bold]{i.reason}[/bold] at [bold]{i.receiver}[/bold], "
                      f"{i.events} bounce{plural} to {i.recipients} recipient{'s' if i.recipients != 1 else ''}"
                      f" ({when(i.first_seen)} – {when(i.last_seen)})"
                      + ("; none of them suppressed" if i.kind == "sender" else ""))
        console.print(f"  What to do: {i.advice}", markup=False, highlight=False)
        if i.evidence:
            console.print("  Evidence: the sending IP and domains the bounces name, on DNS blocklists:")
            for e in i.evidence:
                print_evidence(console, e)
        console.print()


def print_evidence(console: Console, e: Evidence) -> None:
    line = Text(f"    {e.target} ", style="bold")
    line.append(f"({e.where}; {e.bounces} bounce{'s' if e.bounces != 1 else ''}): ", style="")
    groups = [(word, [c.list for c in e.checks if c.listed is value]) for word, value in _GROUPS]
    parts = [(word, names) for word, names in groups if names]
    if not parts:
        parts = [(e.status, [])]
    for n, (word, names) in enumerate(parts):
        label, style = _VERDICT[word]
        line.append("; " if n else "")
        line.append(label, style=style)
        line.append(f" on {', '.join(names)}" if names else "")
    checked = max((c.checked_at for c in e.checks), default=None)
    if checked is not None:
        line.append(f" (checked {when(checked)})", style="dim")
    console.print(line, soft_wrap=True)
    wrap = max(40, console.width - 8)
    if e.note:
        _paragraph(console, e.note, wrap)
    for c in e.checks:
        if c.listed is False:
            continue
        verdict = "is LISTED on" if c.listed else "is unknown on"
        codes = f" ({', '.join(c.codes)})" if c.codes else ""
        _paragraph(console, f"{e.target} {verdict} {c.list}{codes}: {c.meaning}", wrap)
        if c.advice:
            _paragraph(console, f"What to do: {c.advice}", wrap)
    if e.status == "unchecked":
        _paragraph(console, "Reserved for examples: looked up only with `bounceback incidents check --resolver "
                            "HOST`." if for_documentation(e.target) else
                   "Run `bounceback incidents check` to look it up.", wrap)


def _paragraph(console: Console, text: str, width: int) -> None:
    for n, chunk in enumerate(textwrap.wrap(text, width)):
        console.print(Text(("      " if n == 0 else "        ") + chunk), soft_wrap=True, highlight=False)
