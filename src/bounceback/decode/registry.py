"""The ordered list of detectors: the first one that finds deliveries wins.

Order by reliability (flufl.bounce #12): formats recognised by their own headers
first, then the standards, then the text fallback; auto-replies last, because
real bounces carry ``Auto-Submitted`` too. Adding a format touches its own
module and one line here.
"""

from __future__ import annotations

from .formats import (
    arf,
    autoreply,
    exchange2003,
    exchange2007,
    ezweb,
    fallback,
    gmail,
    gmx,
    googlegroups,
    kddi,
    mailru,
    office365,
    outlook,
    rfc3464,
    yahoo,
    yandex,
    zoho,
)

DETECTORS = (
    arf,
    # providers and services, recognised by their own headers
    googlegroups,
    gmail,
    yahoo,
    office365,
    outlook,
    exchange2007,
    exchange2003,
    mailru,
    yandex,
    zoho,
    gmx,
    ezweb,
    kddi,
    rfc3464,
    fallback,
    autoreply,
)
