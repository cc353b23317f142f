"""The ordered list of detectors: the first one that finds deliveries wins.

Order by reliability (flufl.bounce #12): formats recognised by their own headers
first, then the standards, then the text fallback; auto-replies last, because
real bounces carry ``Auto-Submitted`` too. Adding a format touches its own
module and one line here.
"""

from __future__ import annotations

from .formats import (
    aolscreen,
    arf,
    autoreply,
    caiwireless,
    fallback,
    groupwise,
    notbounce,
    rfc3464,
    simplematch,
    sina,
    smtp32,
    yale,
)

DETECTORS = (
    notbounce,
    arf,
    smtp32,
    yale,
    sina,
    aolscreen,
    groupwise,
    caiwireless,
    rfc3464,
    simplematch,
    fallback,
    autoreply,
)
