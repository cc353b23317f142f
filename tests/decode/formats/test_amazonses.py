from __future__ import annotations

import json

EVENT = {
    "notificationType": "Bounce",
    "bounce": {
        "bounceType": "Permanent", "bounceSubType": "General",
        "bouncedRecipients": [{"emailAddress": "kai@example.net", "action": "failed", "status": "5.1.1",
                               "diagnosticCode": "smtp; 550 5.1.1 user unknown"}],
        "timestamp": "2024-03-01T10:00:00.000Z", "reportingMTA": "dsn; a1-2.smtp-out.us-west-2.amazonses.com",
    },
    "mail": {"messageId": "0100018d-0000", "destination": ["kai@example.net", "lea@example.net"]},
}


def _sns(event: dict, fold: bool = False) -> str:
    body = json.dumps({"Type": "Notification", "MessageId": "abc", "Message": json.dumps(event)}, indent=2)
    if fold:  # Sisimai's samples cut long lines with a trailing "!"
        body = "\n".join(line[:40] + "!\n " + line[40:] if len(line) > 40 else line for line in body.split("\n"))
    return ("From: AWS Notifications <no-reply@sns.amazonaws.com>\nSubject: AWS Notification Message\n"
            "X-Amz-Sns-Message-Id: 11111111-2222\n\n" + body + "\n\n--\nIf you wish to stop receiving notifications"
            " from this topic, please click the link below.\n")


DSN = """
From: MAILER-DAEMON@email-smtp.us-east-1.amazonses.com
Subject: Delivery Status Notification (Failure)
X-SES-Outgoing: 2024.03.01-54.240.0.1
Content-Type: multipart/report; report-type=delivery-status; boundary="ses"

--ses
Content-Type: text/plain

An error occurred while trying to deliver the mail to the following recipients:
max@charter.example

--ses
Content-Type: message/delivery-status

Reporting-MTA: dsn; a8-1.smtp-out.amazonses.com

Action: failed
Final-Recipient: rfc822; max@charter.example
Diagnostic-Code: smtp; 550 5.1.0 sender rejected
Status: 5.1.0

--ses--
"""


def test_sns_bounce(parse):
    [d] = parse(_sns(EVENT))
    assert (d.recipient, d.status, d.reply_code, d.action, d.decoded_by) == (
        "kai@example.net", "5.1.1", "550", "failed", "amazonses")
    assert d.reporting_mta == "a1-2.smtp-out.us-west-2.amazonses.com"


def test_sns_folded_lines(parse):
    [d] = parse(_sns(EVENT, fold=True))
    assert d.recipient == "kai@example.net"


def test_sns_complaint_and_delivery(parse):
    complaint = {"notificationType": "Complaint", "complaint": {
        "complainedRecipients": [{"emailAddress": "nia@example.org"}], "complaintFeedbackType": "abuse"}}
    [d] = parse(_sns(complaint))
    assert (d.recipient, d.reason, d.feedback_type, d.action) == ("nia@example.org", "feedback", "abuse", "")
    delivered = {"notificationType": "Delivery", "delivery": {
        "recipients": ["oli@example.org"], "smtpResponse": "250 2.6.0 Message received"}}
    [d] = parse(_sns(delivered))
    assert (d.recipient, d.action, d.reason) == ("oli@example.org", "delivered", "delivered")


def test_transient_mailbox_full(parse):
    event = json.loads(json.dumps(EVENT))
    event["bounce"].update(bounceType="Transient", bounceSubType="MailboxFull")
    [d] = parse(_sns(event))
    assert d.reason == "mailboxfull"


def test_dsn_with_action_first(parse):
    [d] = parse(DSN)
    assert (d.recipient, d.status, d.reply_code, d.action) == ("max@charter.example", "5.1.0", "550", "failed")


QUOTED = """
From: MAILER-DAEMON@email-bounces.amazonses.com
To: alice@example.com
Subject: Delivery Status Notification (Failure)
X-SES-Outgoing: 2024.03.01-54.240.0.1
Content-Type: multipart/report; report-type=delivery-status; boundary="ses"

--ses
Content-Type: text/plain

The following message to <kijitora@example.jp> was undeliverable.
The reason for the problem:
5.1.0 - Unknown address error 550-'5.1.1 <kijitora@example.jp>... User Unknown'

--ses
Content-Type: message/delivery-status

Reporting-MTA: dns; a192-79.smtp-out.amazonses.com

Final-Recipient: rfc822; kijitora@example.jp
Action: failed
Status: 5.0.0 (permanent failure)
Remote-MTA: dns; [192.0.2.9]
Diagnostic-Code: smtp; 5.1.0 - Unknown address error 550-'5.1.1 <kijitora@example.jp>... User Unknown' (delivery attempts: 0)

--ses
Content-Type: message/rfc822

From: alice@example.com
To: kijitora@example.jp, bob@example.net
--ses--
"""


def test_dsn_quoted_reply_refines_the_class_only_status(parse):
    """Sisimai Lhost/AmazonSES.pm: Status 5.0.0 and "5.1.0 - ... 550-'5.1.1 ...'": the quoted code wins."""
    [d] = parse(QUOTED)
    assert (d.recipient, d.status, d.reply_code, d.remote_mta, d.decoded_by) == (
        "kijitora@example.jp", "5.1.1", "550", "192.0.2.9", "amazonses")


def test_dsn_text_without_its_report_part(parse):
    """A copy that lost its delivery-status part: the opening sentence names the recipient and the line
    after "The reason for the problem:" is its diagnostic."""
    start, end = QUOTED.index("--ses\nContent-Type: message/delivery-status"), QUOTED.index("--ses\nContent-Type: message/rfc822")
    [d] = parse(QUOTED[:start] + QUOTED[end:])
    assert (d.recipient, d.status, d.reply_code, d.decoded_by) == ("kijitora@example.jp", "5.1.1", "550", "amazonses")
    assert d.diagnostic.startswith("5.1.0 - Unknown address error")
