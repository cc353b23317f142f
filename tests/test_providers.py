"""Receiving-provider rules (knowledge/providers.toml): real reply lines at the provider's own hosts.

Each case is a reply as the provider writes it, given with the remote MTA host the DSN names
(and a recipient at the provider), and the reason Sisimai's Rhost modules, or the provider's
own documentation where Sisimai has none, give it.
"""

from __future__ import annotations

import re

import pytest

from bounceback import knowledge
from bounceback.classify import classify, decide
from bounceback.model import Delivery
from bounceback.patterns import normalize

_STATUS = re.compile(r"\b([245]\.\d{1,3}\.\d{1,3})\b")


def _bounce(host: str, recipient: str, reply: str, command: str = ""):
    m = _STATUS.search(reply)
    d = Delivery(recipient, action="failed", status=m.group(1) if m else "", reply_code=reply[:3],
                 diagnostic=reply, diagnostic_type="SMTP", remote_mta=host, smtp_command=command,
                 decoded_by="rfc3464")
    return classify(d)


def _provider(host: str, recipient: str, reply: str) -> str:
    m = _STATUS.search(reply)
    return decide(status=m.group(1) if m else "", reply_code=reply[:3], text=normalize(reply),
                  remote_mta=host, recipient=recipient, action="failed").provider


@pytest.mark.parametrize(("host", "name"), [
    ("example-com.mail.protection.outlook.com", "microsoft"),
    ("NEKOCHAN.cat-neko22.prod.protection.outlook.com", "microsoft"),
    ("contoso.onmicrosoft.com", "microsoft"),
    ("hotmail-com.olc.protection.outlook.com", "microsoft"),
    ("smtp-in.orange.fr", "orange"),
    ("smtp-in.wanadoo.fr", "orange"),
    ("mwinf5d20.me-wanadoo.net", "orange"),
    ("smtpz4.laposte.net", "orange"),
    ("us-smtp-inbound-1.mimecast.com", "mimecast"),
    ("eu-smtp-inbound-2.mimecast.com", "mimecast"),
    ("za-smtp-inbound-1.mimecast.co.za", "mimecast"),
    ("mailstore1.secureserver.net", "godaddy"),
    ("smtp.secureserver.net", "godaddy"),
    ("mx3.qq.com", "tencent"),
    ("mx3.email.ua", "iua"),
    ("cxr.mx.a.cloudfilter.net", "cox"),
    ("mx.charter.net", "spectrum"),
    ("mx01.mail.icloud.com", "apple"),
    ("smtp1.privaterelay.appleid.com", "apple"),
    ("mta7.am0.yahoodns.net", "yahoo"),
    ("gmail-smtp-in.l.google.com", "google"),
    ("mx00.t-online.de", "t-online"),
    ("mx00.emig.gmx.net", "gmx"),
    ("mx-ha01.web.de", "gmx"),
])
def test_providers_are_recognised_by_the_hosts_they_really_use(host, name):
    p = knowledge.provider_for(host)
    assert p is not None and p.name == name


@pytest.mark.parametrize("domain", ["i.ua", "email.ua", "ua.fm", "orange.fr", "wanadoo.fr", "laposte.net", "cox.net"])
def test_providers_are_recognised_by_the_recipient_domain(domain):
    assert knowledge.provider_for("", domain) is not None


_MS = "example-com.mail.protection.outlook.com"
_OLC = "hotmail-com.olc.protection.outlook.com"
_YAHOO = "mta7.am0.yahoodns.net"
_GMAIL = "gmail-smtp-in.l.google.com"
_APPLE = "mx01.mail.icloud.com"
_ORANGE = "smtp-in.orange.fr"
_MIMECAST = "us-smtp-inbound-1.mimecast.com"

CASES = [
    # --- Microsoft (Exchange Online / Outlook.com): Sisimai::Rhost::ExchangeOnline, Microsoft NDR docs
    (_OLC, "u@hotmail.com", "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your "
     "Internet service provider since part of their network is on our block list (S3150). You can also refer your "
     "provider to http://mail.live.com/mail/troubleshooting.aspx#errors.", "blocked", False),
    (_OLC, "u@hotmail.com", "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your "
     "Internet service provider since part of their network is on our block list (S3140).", "blocked", False),
    (_MS, "u@example.com", "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For "
     "more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(830)", "blocked", False),
    (_MS, "u@example.com", "550 5.7.705 Service unavailable. Access denied, tenant has exceeded threshold.",
     "blocked", False),
    (_MS, "u@example.com", "550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this "
     "list please visit https://sender.office.com/ and follow the directions. AS(1430)", "blocked", False),
    (_MS, "u@example.com", "550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Customer Block list "
     "(AS16012607). To request removal from this list please forward this message to delist@messaging.microsoft.com",
     "blocked", False),
    (_MS, "u@example.com", "550 5.7.509 Access denied, sending domain [EXAMPLE.ORG] does not pass DMARC verification "
     "and has a DMARC policy of reject.", "authfailure", False),
    (_MS, "u@example.com", "550 5.7.1 Email rejected per DMARC policy for example.org", "authfailure", False),
    # Directory-Based Edge Blocking: no such recipient in the tenant
    (_MS, "u@example.com", "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) "
     "[DM6NAM11FT001.eop-nam11.prod.protection.outlook.com]", "userunknown", True),
    (_MS, "u@example.com", "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; "
     "Delivery restriction check failed because the sender was not authenticated when sending to this group",
     "rejected", False),
    (_MS, "u@example.com", "550 5.7.134 RESOLVER.RST.SenderNotAuthenticatedForMailbox; authentication required; "
     "Delivery restriction check failed because the sender was not authenticated when sending to this mailbox",
     "rejected", False),
    (_MS, "u@example.com", "550 5.7.135 RESOLVER.RST.SenderNotAuthenticatedForPublicFolder; authentication required; "
     "Delivery restriction check failed because the sender was not authenticated when sending to this public folder",
     "rejected", False),
    (_MS, "u@example.com", "550 5.7.136 RESOLVER.RST.SenderNotAuthenticatedForMailUser; authentication required; "
     "Delivery restriction check failed because the sender was not authenticated when sending to this recipient",
     "rejected", False),
    # RESOLVER.RST.AuthRequired alone: Sisimai reads it as securityerror (lhost-exchange2007-04)
    (_MS, "u@example.com", "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required", "securityerror", False),
    (_MS, "u@example.com", "550 5.7.520 Access denied, Your organization does not allow external forwarding. Please "
     "contact your administrator for further assistance. AS(7555)", "policyviolation", False),
    (_OLC, "u@hotmail.com", "421 RP-001 (BAY004-MC1F13) Unfortunately, some messages from 192.0.2.1 weren't sent. "
     "Please try again. We have limits for how many messages can be sent per hour and per day.", "speeding", False),
    (_OLC, "u@hotmail.com", "550 SC-001 (BAY004-MC5F8) Unfortunately, messages from 192.0.2.1 weren't sent. Please "
     "contact your Internet service provider. You can tell them that Hotmail does not relay dynamically-assigned IP "
     "ranges.", "blocked", False),
    (_OLC, "u@hotmail.com", "421 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP "
     "reputation. For e-mail delivery information, see https://postmaster.live.com (S775)", "badreputation", False),
    (_MS, "u@example.com", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient u@example.com not found by SMTP "
     "address lookup", "userunknown", True),
    # --- Yahoo Inc.: Yahoo Sender Hub error codes, Sisimai 5 Rhost::YahooInc
    (_YAHOO, "u@yahoo.com", "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume "
     "or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes", "badreputation", False),
    (_YAHOO, "u@yahoo.com", "421 4.7.0 [TSS05] Messages from 192.0.2.1 temporarily deferred due to user complaints - "
     "4.16.56.1; see https://postmaster.yahooinc.com/error-codes", "badreputation", False),
    (_YAHOO, "u@yahoo.com", "553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying "
     "will NOT succeed. See https://postmaster.yahooinc.com/error-codes", "blocked", False),
    (_YAHOO, "u@yahoo.com", "554 delivery error: dd This user doesn't have a yahoo.com account (u@yahoo.com) [0] - "
     "mta1043.mail.ne1.yahoo.com", "userunknown", True),
    (_YAHOO, "u@yahoo.com", "552 1 Requested mail action aborted, mailbox not found", "userunknown", True),
    (_YAHOO, "u@yahoo.com", "554 delivery error: dd u@yahoo.com is no longer valid. [-20] - mta1001.mail.bf1.yahoo.com",
     "suspend", False),
    (_YAHOO, "u@yahoo.com", "421 Max message per connection reached, closing transmission channel", "toomanyconn",
     False),
    (_YAHOO, "u@yahoo.com", "421 Too many concurrent connections from 192.0.2.1", "toomanyconn", False),
    (_YAHOO, "u@yahoo.com", "550 relaying denied for <u@yahoo.com>", "norelaying", False),
    # --- Google: Sisimai::Rhost::GoogleApps, Google's SMTP error reference
    (_GMAIL, "u@gmail.com", "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC "
     "policy. Please contact the administrator of example.org domain if this was a legitimate mail.",
     "authfailure", False),
    (_GMAIL, "u@gmail.com", "550-5.7.28 [192.0.2.1] Our system has detected an unusual rate of unsolicited mail "
     "originating from your IP address. To protect our users from spam, mail sent from your IP address has been "
     "blocked.", "blocked", False),
    (_GMAIL, "u@gmail.com", "550-5.2.1 The email account that you tried to reach is disabled. Learn more at "
     "https://support.google.com/mail/?p=DisabledUser", "suspend", False),
    (_GMAIL, "u@gmail.com", "452-4.2.2 The email account that you tried to reach is over quota. Please direct the "
     "recipient to https://support.google.com/mail/?p=OverQuotaTemp", "mailboxfull", False),
    (_GMAIL, "u@gmail.com", "550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited "
     "mail. To reduce the amount of spam sent to Gmail, this message has been blocked.", "spamdetected", False),
    (_GMAIL, "u@gmail.com", "450-4.2.1 The user you are trying to contact is receiving mail too quickly. Please "
     "resend your message at a later time.", "speeding", False),
    # --- Apple iCloud: Sisimai 5 Rhost::Apple, Apple's postmaster page
    (_APPLE, "u@icloud.com", "554 5.7.1 [CS01] Message rejected due to local policy. Please visit "
     "https://support.apple.com/en-us/HT204137", "policyviolation", False),
    (_APPLE, "u@icloud.com", "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication "
     "checks. See https://support.apple.com/en-us/HT204137 for mailing best practices", "authfailure", False),
    (_APPLE, "u@icloud.com", "421 4.7.1 Messages to u@icloud.com deferred due to excessive volume. Try again later - "
     "https://support.apple.com/en-us/HT204137", "speeding", False),
    (_APPLE, "u@icloud.com", "550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- "
     "see https://www.spamhaus.org/dbl/", "blocked", False),
    (_APPLE, "u@icloud.com", "554 p01-smtpin001.me.com ESMTP not accepting connections", "blocked", False),
    (_APPLE, "u@icloud.com", "554 5.7.1 <u@icloud.com>: Relay access denied", "norelaying", False),
    (_APPLE, "u@icloud.com", "550 5.1.6 recipient no longer on server: u@icloud.com", "hasmoved", True),
    # --- T-Online, GMX / WEB.DE: postmaster pages
    ("mx00.t-online.de", "u@t-online.de", "554 IP=192.0.2.1 - A problem occurred. (Ask your postmaster for help or to "
     "contact tosa@rx.t-online.de to clarify.) (BL)", "blocked", False),
    ("mx00.emig.gmx.net", "u@gmx.de", "554-Transaction failed 554-Reject due to policy restrictions. 554 For "
     "explanation visit https://postmaster.gmx.net/en/case?c=r0701&i=ip&v=192.0.2.1", "policyviolation", False),
    ("mx-ha01.web.de", "u@web.de", "554-mx-ha01.web.de (mxweb111) Nemesis ESMTP Service not available 554-No SMTP "
     "service 554-IP address is black listed. 554 For explanation visit "
     "https://postmaster.web.de/en/case?c=bl&i=ip&v=192.0.2.1", "blocked", False),
    # --- Orange / La Poste: Sisimai::Rhost::FrancePTT
    (_ORANGE, "u@orange.fr", "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]",
     "userunknown", True),
    (_ORANGE, "u@orange.fr", "552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]",
     "mailboxfull", False),
    ("mwinf5d20.me-wanadoo.net", "u@example.com", "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. "
     "Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/?ip=192.0.2.1 "
     "[102]", "blocked", False),
    (_ORANGE, "u@orange.fr", "421 mwinf5c10 ME Trop de connexions, veuillez verifier votre configuration. Too many "
     "connections, slow down. OFR005_104 [104]", "toomanyconn", False),
    ("smtpz4.laposte.net", "u@laposte.net", "550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420",
     "suspend", False),
    (_ORANGE, "u@orange.fr", "550 5.7.1 Verification DMARC en echec. DMARC verification failed. OFR_517 [517]",
     "authfailure", False),
    # "Service refused" at the greeting refuses the client: its 4.2.1 names no mailbox
    ("smtpz4.laposte.net", "u@laposte.net", "421 4.2.1 Service refuse. Veuillez essayer plus tard. Service refused, "
     "please try later. LPN006_107", "blocked", False),
    # --- Mimecast: Sisimai::Rhost::Mimecast
    (_MIMECAST, "u@example.com", "550 Rejected by header based Anti-Spoofing policy: u@example.com - "
     "https://community.mimecast.com/docs/DOC-1369#550", "policyviolation", False),
    (_MIMECAST, "u@example.com", "550 Rejected by header-based Blocked Senders - Block policy for Header From - "
     "https://community.mimecast.com/docs/DOC-1369#550", "rejected", False),
    (_MIMECAST, "u@example.com", "550 Local CT IP Reputation - (reject) - https://community.mimecast.com/docs/DOC-1369#550",
     "badreputation", False),
    (_MIMECAST, "u@example.com", "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550",
     "userunknown", True),
    # --- GoDaddy, Tencent, I.UA, Cox: their Sisimai Rhost modules
    ("smtp.secureserver.net", "u@example.com", "554 p3plibsmtp01-04.prod.phx3.secureserver.net bizsmtp Connection "
     "refused. 192.0.2.1 has a poor reputation on Cloudmark Sender Intelligence (CSI). IB103", "blocked", False),
    ("smtp.secureserver.net", "u@example.com", "550 This IP has sent too many messages this hour. IB504", "speeding",
     False),
    ("mx3.qq.com", "u@qq.com", "550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022",
     "spamdetected", False),
    ("mx3.email.ua", "u@ua.fm", "550 Letter sending limit is exceeded. See http://mail.i.ua/err/5/", "speeding", False),
    ("mx3.email.ua", "u@email.ua", "550 Sender IP address is in blacklist. See http://mail.i.ua/err/9/", "blocked",
     False),
    ("cxr.mx.a.cloudfilter.net", "u@example.com", "554 cxr.mx.a.cloudfilter.net cmsmtp 192.0.2.1 rejected - no rDNS. "
     "AUP#CXDNS", "requireptr", False),
    # --- Facebook: its documented codes (Sisimai::Lhost::Facebook); INT-Tx is Facebook's own trouble
    ("mx-fb.facebook.com", "u@facebook.com", "451 4.7.1 INT-T2 http://postmaster.facebook.com/response_codes?"
     "ip=192.0.2.1#int Please try again later", "systemerror", False),
    ("service101.mimecast.com", "u@example.co.uk", "554 email rejected due to security policies - "
     "MCSpamSignature.sa.5.6", "spamdetected", False),
    ("service101.mimecast.com", "u@example.co.uk", "554 Email rejected due to security policies - "
     "https://community.mimecast.com/docs/DOC-1369#554", "virusdetected", False),
    # Sisimai::Rhost::Spectrum's range 1220-1250 (Spamhaus) is written "blokced" in 4.25
    ("mx.charter.net", "u@charter.net", "550 5.7.1 Your IP address has been blacklisted by Spamhaus. AUP#I-1220",
     "blocked", False),
]


@pytest.mark.parametrize(("host", "recipient", "reply", "want", "hard"), CASES,
                         ids=[f"{c[3]}-{i:02}" for i, c in enumerate(CASES)])
def test_provider_reply_lines(host, recipient, reply, want, hard):
    b = _bounce(host, recipient, reply)
    assert (b.reason, b.hard_bounce) == (want, hard)


_BY_PROVIDER = [c for c in CASES if c[3] != "securityerror"]  # AuthRequired is left to the generic phrases


@pytest.mark.parametrize(("host", "recipient", "reply"), [c[:3] for c in _BY_PROVIDER],
                         ids=[f"{c[3]}-{i:02}" for i, c in enumerate(_BY_PROVIDER)])
def test_the_provider_rule_decides(host, recipient, reply):
    # the provider's own table answered, not the generic phrases
    assert _provider(host, recipient, reply)


def test_softbank_unknown_user_is_dead_at_rcpt_and_a_reception_filter_after_data():
    def verdict(command):
        return decide(status="5.0.0", reply_code="550", text=normalize("550 Unknown user taro@softbank.ne.jp"),
                      command=command, recipient="taro@i.softbank.jp", action="failed")

    assert (verdict("RCPT").reason, verdict("DATA").reason) == ("userunknown", "filtered")
    assert verdict("DATA").provider.startswith("SoftBank")
