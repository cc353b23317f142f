"""Webhook payloads shaped like the providers' documented examples (addresses are ours)."""

from __future__ import annotations

MAIL = {
    "timestamp": "2026-11-02T09:14:00.000Z", "source": "news@sender.example", "messageId": "0102018f-ses-id",
    "headers": [{"name": "Message-ID", "value": "<m1@sender.example>"},
                {"name": "X-Campaign-Id", "value": "autumn-2026"}],
    "commonHeaders": {"from": ["News <news@sender.example>"], "to": ["jane@example.org"],
                      "messageId": "<m1@sender.example>", "subject": "Autumn news"},
}


def ses_bounce(bounce_type: str = "Permanent", sub_type: str = "General",
               diagnostic: str = "smtp; 550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown",
               status: str = "5.1.1", recipients: tuple[str, ...] = ("jane@example.org",)) -> dict:
    rec = []
    for r in recipients:
        item = {"emailAddress": r, "action": "failed"}
        if status:
            item["status"] = status
        if diagnostic:
            item["diagnosticCode"] = diagnostic
        rec.append(item)
    return {"notificationType": "Bounce", "mail": MAIL,
            "bounce": {"bounceType": bounce_type, "bounceSubType": sub_type, "bouncedRecipients": rec,
                       "timestamp": "2026-11-02T09:14:05.000Z", "feedbackId": "0102018f-feedback-1",
                       "reportingMTA": "dsn; a8-70.smtp-out.amazonses.com"}}


def ses_complaint() -> dict:
    return {"notificationType": "Complaint", "mail": MAIL,
            "complaint": {"complainedRecipients": [{"emailAddress": "joe@example.net"}],
                          "timestamp": "2026-11-02T10:00:00.000Z", "feedbackId": "0102018f-feedback-2",
                          "complaintFeedbackType": "abuse", "userAgent": "ExampleFBL/1.0"}}


def sendgrid_events() -> list[dict]:
    return [
        {"email": "gone@example.org", "timestamp": 1793610000, "event": "bounce", "type": "bounce",
         "status": "5.1.1", "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
         "bounce_classification": "Invalid Address", "sg_event_id": "sg-evt-1",
         "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0", "smtp-id": "<m2@sender.example>"},
        {"email": "bl@example.com", "timestamp": 1793610001, "event": "bounce", "type": "blocked",
         "status": "5.7.1", "reason": "554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using "
                                      "zen.spamhaus.org", "bounce_classification": "Reputation",
         "sg_event_id": "sg-evt-2"},
        {"email": "full@example.com", "timestamp": 1793610002, "event": "deferred",
         "response": "452 4.2.2 Mailbox full", "attempt": "3", "sg_event_id": "sg-evt-3"},
        {"email": "angry@example.net", "timestamp": 1793610003, "event": "spamreport", "sg_event_id": "sg-evt-4"},
        {"email": "reader@example.net", "timestamp": 1793610004, "event": "open", "sg_event_id": "sg-evt-5"},
    ]


def mailgun_failed(severity: str = "permanent", reason: str = "bounce") -> dict:
    return {"id": "CPgfbmQMTCKtHW6uIWtuVe", "timestamp": 1793610000.123, "event": "failed",
            "severity": severity, "reason": reason, "recipient": "alice@example.org",
            "delivery-status": {"code": 550, "enhanced-code": "5.1.1", "mx-host": "mx.example.org",
                                "message": "5.1.1 The email account that you tried to reach does not exist",
                                "description": ""},
            "message": {"headers": {"message-id": "m3@sender.example", "from": "news@sender.example",
                                    "to": "alice@example.org", "subject": "Autumn news"}}}


def postmark_bounce(kind: str = "HardBounce", details: str = "smtp;550 5.1.1 The email account that you "
                    "tried to reach does not exist.", email: str = "bob@example.org") -> dict:
    return {"RecordType": "Bounce", "ID": 4323372036854775807, "Type": kind, "TypeCode": 1,
            "Name": "Hard bounce", "Tag": "news", "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
            "ServerID": 23, "MessageStream": "outbound",
            "Description": "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
            "Details": details, "Email": email, "From": "news@sender.example",
            "BouncedAt": "2026-11-02T09:20:00Z", "DumpAvailable": True, "Inactive": True, "CanActivate": True,
            "Subject": "Autumn news"}
