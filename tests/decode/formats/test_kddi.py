from __future__ import annotations

SAMPLE = """
From: no-reply@a00000000000.dion.ne.jp
Reply-To: no-reply@app.auone-net.jp
Subject: =?ISO-2022-JP?B?GyRCJWEhPCVrJSglaSE8RExDThsoQg==?=
Content-Type: text/plain; charset="ISO-2022-JP"

Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900
     Could not be delivered to: <chie@a00000000000.dion.ne.jp>
     As their mailbox is full.
"""


def test_kddi_notice(parse):
    [d] = parse(SAMPLE)
    assert (d.recipient, d.action, d.diagnostic, d.decoded_by) == (
        "chie@a00000000000.dion.ne.jp", "failed", "As their mailbox is full.", "kddi")
