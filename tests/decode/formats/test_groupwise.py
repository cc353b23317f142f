from __future__ import annotations

from bounceback.decode import decode

RAW = """From: System Administrator <postmaster@corp.example.com>
To: list-bounces@lists.example.org
Subject: Undeliverable: [List] minutes
X-Mailer: Internet Mail Service (5.5.2653.19)
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="gw"

--gw
Content-Type: text/plain

Your message

  To:      list@lists.example.org
  Cc:      other@lists.example.org
  Subject: [List] minutes
  Sent:    Mon, 2 Jul 2001 08:00:00 -0700

did not reach the following recipient(s):

c=US;a= ;p=Corp;o=HQ;dda:SMTP=j.doe@corp.example.com; on Mon, 2 Jul 2001
08:05:00 -0700
    The recipient name is not recognized
    MSEXCH:IMS:Corp:HQ:MAIL1 0 (000C05A6) Unknown Recipient

--gw
Content-Type: message/rfc822

From: poster@example.net
To: list@lists.example.org
Subject: [List] minutes

text
--gw--
"""


def test_exchange_ims_recipient_not_the_summary_lines():
    [d] = decode(RAW.encode())  # Exchange 5.5 IMS: exchange2003 reads it when present, else groupwise
    assert d.decoded_by in ("exchange2003", "groupwise")
    assert d.recipient == "j.doe@corp.example.com"
    assert "not recognized" in d.diagnostic


def test_novell_groupwise_angle_address():
    raw = RAW.replace("Internet Mail Service (5.5.2653.19)", "Novell GroupWise Internet Agent 6.5.4")
    raw = raw.replace("c=US;a= ;p=Corp;o=HQ;dda:SMTP=j.doe@corp.example.com; on Mon, 2 Jul 2001",
                      "The message could not be delivered to <j.doe@corp.example.com> (user not found)")
    [d] = decode(raw.encode())
    assert (d.recipient, d.decoded_by) == ("j.doe@corp.example.com", "groupwise")
