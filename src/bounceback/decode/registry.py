"""The ordered list of detectors: the first one that finds deliveries wins.

Order by reliability (flufl.bounce #12): formats recognised by their own headers
first, then the standards, then the text fallback; auto-replies last, because
real bounces carry ``Auto-Submitted`` too. Adding a format touches its own
module and one line here.
"""

from __future__ import annotations

from .formats import (
    activehunter,
    amavis,
    apachejames,
    arf,
    autoreply,
    bigfoot,
    courier,
    domino,
    einsundeins,
    exim,
    fallback,
    imailserver,
    mailmarshal,
    mcafee,
    mxlogic,
    notes,
    opensmtpd,
    postfix,
    qmail,
    rfc3464,
    sendmail,
    surfcontrol,
    v5sendmail,
    x1,
    x2,
    x3,
    x5,
    x6,
)

DETECTORS = (
    arf,
    activehunter,
    apachejames,
    imailserver,
    domino,
    einsundeins,
    notes,
    mailmarshal,
    mxlogic,
    amavis,
    mcafee,
    surfcontrol,
    courier,
    bigfoot,
    exim,
    opensmtpd,
    postfix,
    qmail,
    sendmail,
    v5sendmail,
    x1,
    x2,
    x3,
    x5,
    x6,
    rfc3464,
    fallback,
    autoreply,
)
