"""Read-side views of the store for people: daily series, searches, pages of suppressions and events.

    from bounceback.insights import daily, search_suppressions, recent_events
    series = daily(store, since="30d")              # Daily: bounces per day by fault, suppressions added
    page = search_suppressions(store, q="example.org", reason="userunknown")   # SuppressionPage

The API and the dashboard are thin over these, as the CLI is over ``bounceback.hygiene``.
"""

from __future__ import annotations

from .browse import EventPage, SuppressionPage, recent_events, search_suppressions, suppression_reasons
from .stats import Daily, daily

__all__ = ["Daily", "EventPage", "SuppressionPage", "daily", "recent_events", "search_suppressions",
           "suppression_reasons"]
