"""Reason rules of ``classify.decide``: command-aware stage 2, text against code, format messages."""

from __future__ import annotations

import pytest

from bounceback.classify import decide
from bounceback.patterns import normalize


def reason(text: str, *, status: str = "", reply_code: str = "", command: str = "", **kw) -> str:
    return decide(status=status, reply_code=reply_code, text=normalize(text), command=command, **kw).reason


@pytest.mark.parametrize(("command", "text", "code", "want"), [
    # refused before the envelope: the client itself is refused (Exim "after initial connection")
    ("CONN", "550 Access denied...a0b1c2d3...", "550", "blocked"),
    ("CONN", "554 mx.example.net : You've reached your daily relay quota - 192.0.2.1", "554", "blocked"),
    ("EHLO", "550 Rejected", "550", "blocked"),
    ("HELO", "550 Go away", "550", "blocked"),
    # refused at MAIL FROM: the envelope sender is refused, whatever 5.7.1 or 550 alone say
    ("MAIL", "550 5.7.1 Access denied", "550", "rejected"),
    ("MAIL", "550 Not allowed", "550", "rejected"),
    # the same words at RCPT keep the recipient's reading
    ("RCPT", "550 No such mailbox", "550", "userunknown"),
    # at the end of DATA the recipient was already accepted: a bare 550 refuses the message
    ("DATA", "550 Message refused", "550", "filtered"),
    ("DATA", "550 Rejected by ESETS_SMTP (spam)", "550", "spamdetected"),
    ("DATA", "550 5.7.1 blah", "550", "securityerror"),  # a telling code keeps its reading
    ("DATA", "451 Requested action aborted", "451", "systemerror"),  # a passing local error
])
def test_the_refused_command_decides_when_nothing_else_does(command, text, code, want):
    status = "5.7.1" if "5.7.1" in text else ""
    assert reason(text, status=status, reply_code=code, command=command) == want


def test_a_phrase_still_outranks_the_command():
    assert reason("554 5.7.1 Reverse DNS failed.", status="5.7.1", reply_code="554", command="MAIL") == "requireptr"
    assert reason("550 Bad SPF records for [example.org:192.0.2.2]", reply_code="550", command="MAIL") == "authfailure"


def test_a_connection_that_never_opened_is_not_blocked():
    # no reply code: nobody refused anything (timeouts are networkerror / expired)
    assert reason("", command="CONN", action="failed") != "blocked"


def test_a_sender_domain_on_a_blocklist_at_mail_from_is_rejected():
    # 5.1.0 reads as "address" trouble: at MAIL FROM it is the sender's, and the text says so
    text = "550 5.1.0 MailFrom domain is listed in Spamhaus. To request removal see https://www.spamhaus.org/"
    assert reason(text, status="5.1.0", reply_code="550", command="MAIL") == "rejected"


def _classify(diagnostic: str, decoded_by: str, **kw):
    from bounceback.classify import classify
    from bounceback.model import Delivery
    return classify(Delivery("user@example.org", action="failed", diagnostic=diagnostic, decoded_by=decoded_by, **kw))


@pytest.mark.parametrize(("fmt", "text", "want"), [
    ("exim", "Message 1abcDE-0001xy-AB has been frozen", "expired"),
    ("mxlogic", "message was frozen on arrival by ACL", "expired"),
    ("domino", "User Jane Doe (jane@example.org) not listed in Domino Directory", "userunknown"),
    ("domino", "ユーザー Jane (jane@example.org) は Domino ディレクトリには見つかりません。", "userunknown"),
    ("domino", "Cannot route mail to user (jane@example.org)", "filtered"),
    ("notes", "User not listed in public Name & Address Book", "userunknown"),
    ("outlook", "550 Requested action not taken: mailbox unavailable (-1234:5678:-1234)", "userunknown"),
    ("messagelabs", "550 jane@example.org... No such user", "userunknown"),
    ("gmail", "554 554 5.7.0 Header error (state 18).", "filtered"),
    ("gmail", "500 Remote server does not support SMTP Authenticated Relay (state 12).", "norelaying"),
    ("qmail", "Unable to chdir to maildir. (#4.2.1)", "systemerror"),
    ("exim", "user not found", "userunknown"),
    ("exchange2003", "The recipient name is ambiguous MSEXCH:IMS:ORG:SITE:MAIL 0 (000C0595) Ambiguous Recipient",
     "filtered"),
    ("sendmail", "451 4.0.0 Operating system error", "mailererror"),
    ("verizon", "No valid recipients for this MM", "userunknown"),
    ("verizon", "550 Requested action not taken: no such user here", "userunknown"),


    ("mailru", "user not found", "userunknown"),
    ("opensmtpd", "Invalid domain name", "hostunknown"),
    ("gmail", "Address not found: Your message wasn't delivered to jane@example.org because the address "
              "couldn't be found. Check for typos or unnecessary spaces and try again.", "userunknown"),
])
def test_a_formats_own_message_names_the_reason(fmt, text, want):
    b = _classify(text, fmt)
    assert b.reason == want
    assert b.hard_bounce is (want in ("userunknown", "hostunknown"))


def test_without_the_format_a_bare_user_unknown_reads_as_a_filter():
    # no SMTP command and no format that vouches for the words (Sisimai's convention)
    assert _classify("550 jane@example.org... No such user", "rfc3464").reason == "filtered"


def test_a_status_code_still_outranks_a_formats_message():
    b = _classify("550 5.2.2 Requested action not taken: mailbox unavailable", "outlook", status="5.2.2")
    assert b.reason == "mailboxfull"


def test_gmail_send_mail_as_misconfigured_is_the_sender_rejected():
    text = ("Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability Message not "
            "delivered: You're sending this from a different address or alias using the 'Send mail as' feature.")
    assert reason(text) == "rejected"


def test_orange_506_is_spam_content_not_a_dead_address():
    v = decide(status="5.2.0", reply_code="550", text=normalize("550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]"),
               remote_mta="smtp-in.orange.fr", recipient="someone@orange.fr")
    assert v.reason == "spamdetected" and v.provider


def test_words_correct_the_code_a_local_mta_put_on_its_own_message():
    # X-Postfix: Postfix wrote 5.6.0 on a reply that says spam (Sisimai: the text is tried first)
    text = "554 5.6.0 This message has been scored as spam with a probability of more than 90%"
    assert reason(text, status="5.6.0", reply_code="554", diagnostic_type="X-POSTFIX") == "spamdetected"
    # a remote server's own precise code stands beside words stage 1 does not weigh
    virus = "554 5.6.0 Virus found: Eicar-Test-Signature"
    assert reason(virus, status="5.6.0", reply_code="554", diagnostic_type="SMTP") == "contenterror"
    assert reason(virus, status="5.6.0", reply_code="554", diagnostic_type="X-POSTFIX") == "virusdetected"


def test_a_local_delivery_program_failure_is_mailererror():
    assert reason("temporary failure", status="4.3.0", diagnostic_type="X-UNIX") == "mailererror"
    # unless its words or a precise code say more
    assert reason("Disk quota exceeded", status="4.3.0", diagnostic_type="X-UNIX") == "mailboxfull"
    assert reason("mailbox full", status="5.2.2", diagnostic_type="X-UNIX") == "mailboxfull"


@pytest.mark.parametrize(("text", "want"), [
    ("mail.local: unknown user: jane", "userunknown"),
    ("maildrop: maildir over quota.", "mailboxfull"),
    ("procmail: Quota exceeded while writing \"/var/mail/jane\"", "mailboxfull"),
    ("vdelivermail: account is locked email bounced jane@example.org", "suspend"),
    ("Your message to <jane@example.org> was automatically rejected: Quota exceeded (mailbox for user is full)",
     "mailboxfull"),
])
def test_a_local_delivery_agents_line_names_the_reason_in_any_format(text, want):
    assert _classify(text, "sendmail").reason == want
    assert _classify(text, "qmail").reason == want


def test_local_agent_phrases_stay_on_their_own_line():
    # "mail.local:" far away from an unrelated "user unknown" is no MDA verdict
    text = "mail.local: " + "x " * 60 + "550 user unknown"
    assert _classify(text, "sendmail").reason != "userunknown"


def test_a_delayed_delivery_under_a_class_only_code_is_expired():
    assert reason("", status="4.4.0", action="delayed") == "expired"
    assert reason("", status="5.4.0", action="failed") == "networkerror"
    # words still outrank the queue's verdict
    assert reason("Quota exceeded", status="4.3.0", action="delayed") == "mailboxfull"


def test_text_that_a_status_rule_excepts_also_beats_the_code_in_stage_two():
    # 5.7.27 (RFC 7505: the sender's domain has a null MX) reads "rejected", but Sendmail puts it on
    # a recipient host that takes no mail at all
    assert reason("550 Host does not accept mail", status="5.7.27", reply_code="550") == "notaccept"
    assert reason("550 5.7.27 Sender address has null MX", status="5.7.27", reply_code="550") == "rejected"


def test_sendmail_host_unknown_is_hostunknown():
    text = "550 5.1.2 <jane@example.invalid>... Host unknown (Name server: .: host not found)"
    assert reason(text, status="5.1.2", reply_code="550") == "hostunknown"


@pytest.mark.parametrize(("command", "status", "want"), [
    ("RCPT", "5.1.1", "userunknown"),  # no such docomo address
    ("DATA", "5.0.0", "rejected"),     # accepted at RCPT, refused after DATA: the recipient's settings refuse the sender
    ("DATA", "5.2.0", "filtered"),     # the reporting MTA calls it filtered
])
def test_docomo_unknown_user_depends_on_the_command(command, status, want):
    v = decide(status=status, reply_code="550", text=normalize("550 Unknown user jane@docomo.ne.jp"),
               command=command, remote_mta="mfsmax.docomo.ne.jp", recipient="jane@docomo.ne.jp")
    assert (v.reason, bool(v.provider)) == (want, True)


def test_a_transient_class_only_code_names_no_reason_by_itself():
    text = "451 4.3.0 This message could not be delivered due to a recipient error. Please try again later."
    assert reason(text, status="4.3.0", reply_code="451") == "onhold"
    # the permanent twin keeps its registry reading (5.3.0 other mail system status)
    assert reason("554 5.3.0 error", status="5.3.0", reply_code="554") == "systemerror"


def test_only_reply_codes_a_standard_defines_are_reported():
    b = _classify("426 connection timed out", "rfc3464", status="4.0.0", reply_code="426")
    assert b.reply_code == ""
    b = _classify("525 5.7.13 User account disabled", "rfc3464", status="5.7.13", reply_code="525")
    assert (b.reply_code, b.reason) == ("525", "suspend")  # RFC 5248 registry
    b = _classify("535 5.7.8 Authentication credentials invalid", "rfc3464", status="5.7.8", reply_code="535")
    assert b.reply_code == "535"  # RFC 4954


def test_a_permanent_pseudo_code_makes_notaccept_hard():
    # no code at all: the failure is permanent (the report says so), so the pseudo code is 5.0.932
    b = _classify("an MX or SRV record indicated no SMTP service", "exim")
    assert (b.reason, b.status, b.hard_bounce) == ("notaccept", "5.0.932", True)


@pytest.mark.parametrize(("text", "want"), [
    ("This mail message has exceeded the maximum incoming message size.", "mesgtoobig"),
    ("Your mail to the following recipients could not be delivered because they are not accepting mail "
     "with attachments or embedded images:", "filtered"),
    ("--------Error Detail (phquery V3.0): Does not have a final email delivery point, please contact this "
     "person by alternate means.", "userunknown"),
    ("L'adresse de messagerie référencée ci-dessus n'existe pas. Veuillez en vérifier l'orthographe.",
     "userunknown"),
])
def test_phrases_found_with_the_unclassified_report(text, want):
    # no command: a filter reading would absorb "unknown" phrases, so the test says RCPT for those
    command = "RCPT" if want == "userunknown" else ""
    assert reason(text, command=command) == want


def test_a_retry_timeout_is_a_transient_failure_that_persisted():
    # no code at all: the pseudo code's class comes from the words (RFC 3463 "persistent transient")
    b = _classify("retry timeout exceeded", "exim")
    assert (b.reason, b.status) == ("expired", "4.0.947")
    b = _classify("save to /var/mail/jane mailbox is full: retry timeout exceeded", "exim")
    assert (b.reason, b.status) == ("mailboxfull", "4.0.922")
    assert _classify("Envelope expired", "opensmtpd").status == "5.0.947"


@pytest.mark.parametrize("status, text", [
    ("5.1.10", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"),
    ("5.1.351", "550 5.1.351 Remote server returned unknown recipient or mailbox unavailable"),
])
def test_an_addressing_status_lets_the_words_name_a_dead_address_without_a_command(status, text):
    # X.1.x says the address is the problem (RFC 3463): no content filter in disguise
    assert reason(text, status=status, reply_code="550") == "userunknown"
    assert reason("550 5.0.0 Recipient not found", status="5.0.0", reply_code="550") == "filtered"


def test_the_standard_421_words_are_no_system_error():
    # RFC 5321 gives "Service not available, closing transmission channel" to every 421:
    # Postfix's own line says the greeting was refused, so the sender is blocked
    text = ("delivery temporarily suspended: connect to mx.example.net[192.0.2.9]: server refused "
            "to talk to me: 421 Service not available, closing transmission channel")
    assert reason(text, status="4.0.0", reply_code="421", diagnostic_type="X-POSTFIX") == "blocked"
    assert reason("432 4.3.2 Service not available", status="4.3.2", reply_code="432") == "systemerror"


@pytest.mark.parametrize(("command", "status", "text", "want"), [
    # a mailbox status (RFC 3463 X.2.x) given to the greeting names no mailbox yet
    ("CONN", "4.2.1", "421 4.2.1 Service unavailable, please try again later", "blocked"),
    ("EHLO", "4.2.2", "421 4.2.2 Service temporarily unavailable", "blocked"),
    # ... once a recipient is named it is that mailbox's
    ("RCPT", "4.2.1", "450 4.2.1 Service unavailable, please try again later", "suspend"),
    ("RCPT", "4.2.2", "452 4.2.2 Service temporarily unavailable", "mailboxfull"),
])
def test_a_mailbox_status_before_any_recipient_names_no_mailbox(command, status, text, want):
    assert reason(text, status=status, reply_code=text[:3], command=command) == want


def test_a_phrase_split_over_the_lines_of_a_multi_line_reply_is_found():
    # RFC 5321 §4.2.1: every line of the reply opens with the code; the words run across them
    text = ("550-5.7.1 [192.0.2.7] The IP you're using to send mail is not authorized to\n"
            "550-5.7.1 send email directly to our servers. Please use the SMTP relay at your\n"
            "550 5.7.1 service provider instead.")
    assert _classify(text, "rfc3464", status="5.7.1", reply_code="550").reason == "blocked"



def test_a_relay_refusal_does_not_override_a_formats_security_error():
    text = "553 Please turn on SMTP Authentication in your mail client. (a) is not permitted to relay through this server"
    assert _classify(text, "messagelabs", reply_code="553").reason == "securityerror"
    assert _classify(text, "rfc3464", reply_code="553").reason == "norelaying"  # no format verdict: the words decide


def test_a_bare_550_names_a_dead_mailbox_only_as_the_answer_to_rcpt():
    text = "550 Requested action not taken: message refused"
    assert reason(text, status="5.0.0", reply_code="550", command="RCPT") == "userunknown"
    assert reason(text, status="5.0.0", reply_code="550") == "onhold"  # any refusal: keep the address


def test_a_message_refused_because_of_spam_is_spamdetected():
    text = "554 5.7.1 Message rejected because of spam content"
    assert reason(text, status="5.7.1", reply_code="554", command="DATA") == "spamdetected"
    assert reason("550 5.7.1 Rejected due to Spamhaus listing", status="5.7.1", reply_code="550",
                  command="DATA") != "spamdetected"  # a blocklist is no verdict on the content


@pytest.mark.parametrize(("text", "want"), [
    # amavisd-new's own verdicts all come as "554 5.7.0 Reject" (Sisimai::Lhost::Amavis)
    ("554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Test-Signature", "virusdetected"),
    ("554 5.7.0 Reject, id=12345-01 - BANNED: application/x-msdownload,.exe,setup.exe", "policyviolation"),
    ("554 5.7.0 Reject, id=12345-01 - spam", "spamdetected"),
    ("550 5.3.5 Reject, id=12345-01 - Unable to relay message back to MTA", "systemerror"),
])
def test_amavis_categories(text, want):
    assert _classify(text, "amavis", status=text.split()[1], reply_code=text[:3]).reason == want


def test_unable_to_relay_is_still_norelaying():
    assert reason("550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain", status="5.7.54",
                  reply_code="550", command="RCPT") == "norelaying"
    assert reason("550 5.7.1 Unable to relay", status="5.7.1", reply_code="550", command="RCPT") == "norelaying"


def test_postfix_temporary_lookup_failure_is_a_table_lookup_not_dns():
    # smtpd_check.c "451 4.3.0 <addr>: Temporary lookup failure": the server's own table failed
    assert reason("451 4.3.0 <bob@example.org>: Temporary lookup failure", status="4.3.0", reply_code="451",
                  command="RCPT") == "systemerror"
    assert reason("451 4.4.3 Temporary DNS failure", status="4.4.3", reply_code="451") == "networkerror"


def test_aol_alone_reads_a_malformed_mx_answer_as_notaccept():
    text = "Name service error for name=example.org type=MX: Malformed or unexpected name server reply"
    assert _classify(text, "aol", status="5.4.4").reason == "notaccept"
    assert _classify(text, "postfix", status="5.4.4").reason != "notaccept"


def test_a_blocklist_link_names_the_sending_ip_not_the_content():
    text = ("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Spamhaus. To request "
            "removal from this list see https://www.spamhaus.org/query/ip/192.0.2.1")
    assert reason(text, status="5.7.1", reply_code="554") == "blocked"
    assert reason(text, status="5.7.1", reply_code="554", command="DATA") == "blocked"
