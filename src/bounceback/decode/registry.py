"""The ordered list of detectors: the first one that finds deliveries wins.

Order by reliability (flufl.bounce #12): formats recognised by their own headers
first, then the standards, then the text fallback; auto-replies last, because
real bounces carry ``Auto-Submitted`` too. Adding a format touches its own
module and one line here.
"""

from __future__ import annotations

from .formats import (
    amazonses,
    amazonworkmail,
    aol,
    aolscreen,
    arf,
    autoreply,
    barracuda,
    biglobe,
    caiwireless,
    exchange2003,
    exchange2007,
    ezweb,
    facebook,
    fallback,
    gmail,
    gmx,
    googlegroups,
    groupwise,
    interscanmss,
    kddi,
    mailru,
    messagelabs,
    notbounce,
    office365,
    outlook,
    rfc3464,
    sendgrid,
    simplematch,
    sina,
    smtp32,
    verizon,
    yahoo,
    yale,
    yandex,
    zoho,
)

DETECTORS = (
    notbounce,
    arf,
    # providers and services, recognised by their own headers
    googlegroups,
    gmail,
    yahoo,
    aol,
    office365,
    outlook,
    exchange2007,
    exchange2003,
    amazonworkmail,
    amazonses,
    messagelabs,
    facebook,
    sendgrid,
    mailru,
    yandex,
    zoho,
    gmx,
    ezweb,
    kddi,
    biglobe,
    verizon,
    interscanmss,
    barracuda,
    # older MTAs of the Mailman corpus, recognised by their own headers
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
