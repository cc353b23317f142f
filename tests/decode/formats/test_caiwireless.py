from __future__ import annotations

from bounceback.decode import decode

RAW = """From: MAILER-DAEMON@mail.example.net
To: sender@example.com
Subject: Mail not delivered
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="zz"

--zz
Content-Type: text/plain

Mail delivery failed.

The following recipients did not receive this message:

<nobody@example.org>

--zz
Content-Type: message/delivery-status


--zz--
"""


def test_angle_address_after_the_opening():
    [d] = decode(RAW.encode())
    assert (d.recipient, d.decoded_by, d.action) == ("nobody@example.org", "caiwireless", "failed")
