"""Recipients in free-text bounce reports that have no per-recipient structure.

Many small MTAs (and the last-resort ``fallback``) write one or two sentences and
an address somewhere: at the start of a line after a bullet (``> a@b``,
``* [a@b]: 550 ...``, ``a@b on <date>``), or after a label (``Intended
recipient: a@b``, ``addressed to 'a@b'``, ``SMTP=a@b;``, ``Error-for: a@b``).
This module finds them in a *section* of the text, from the MTA's opening
sentence to the returned original, and keeps three kinds of address out:

* addresses of the sender's side: the bounce's own From/To/Return-Path/...,
  and the envelope (Sender, Return-Path) of the returned original (issue #3);
* addresses on lines that look like quoted headers (``To:``, ``Cc:``, ``De:``);
* mail-system mailboxes (postmaster, MAILER-DAEMON).

The labels come from the bounce texts that flufl.bounce's SimpleMatch,
SMTP32, Exchange and Compuserve detectors and Mailman 2's bouncers recognise.
"""

from __future__ import annotations

from .. import patterns
from . import original, scan, textscan
from .message import Message
from .textscan import Block, BlockList

# CJK notices write full-width punctuation right against an address ("收件人：a@b", "（a@b）"):
# never part of one
_WIDE = "：；，、。（）＜＞「」【】"
_ATOM = rf"""[^\s<>"(),;:\[\]@\\'`{_WIDE}]"""
_ADDR = rf"({_ATOM}+@(?:[^\s<>\"(),;:\[\]@\\.'`=?{_WIDE}]+\.)+[^\s<>\"(),;:\[\]@\\.'`=?{_WIDE}]+)"

# an address opening a line, after an optional bullet or bracket: "> a@b", "* [a@b]:", "-- a@b", "<a@b>:"
_LEAD = patterns.compile(
    rf"^[ \t]*(?:[-*>|#+]+[ \t]*)?[<\"'(\[]?[ \t]*(?:mailto:)?{_ADDR}[>\"')\]]*[ \t]*(?:\.\.\.|[:;,.]|-+[ \t])?(.*)$"
)
# Sendmail's transcript line for one recipient: "554 <a@b>... 550 Host unknown"
_REPLY_LEAD = patterns.compile(rf"^[ \t]*[45]\d\d[ -](?:[45]\.\d{{1,3}}\.\d{{1,3}}[ \t]+)?<?{_ADDR}>?\.\.\.[ \t]*(.*)$")
# "Recipient" in the languages providers write their own notices in (Libero, Orange, GMX, WP/Onet,
# Seznam, 163/QQ/Aliyun, Naver/Daum, Yandex/Mail.ru, Japanese ISPs ...)
_LOCAL_RECIPIENT = (
    r"(?:destinatari[oa]s?|destinataire|destinat[áa]rios?|empf(?:[äa]|ae)nger(?:adresse)?|adresa(?:t|ci)|"
    r"adres[áa]t|odbiorca|p[řr][íi]jemce|ontvanger|mottagare|modtager|mottaker|vastaanottaja|al[ıi]c[ıi]|"
    r"получатель|адресат|收件人|收件者|收信人|受信者|宛先(?:アドレス)?|送信先|받는 ?사람|수신자)"
)
# an address after a label that names it as the failed recipient (flufl.bounce SimpleMatch, SMTP32,
# Exchange "SMTP=", Compuserve "Invalid receiver address", LSMTP "Error-for", MailEnable "[SMTP:"),
# and the labels of Sisimai::RFC3464's text fallback: "Failed to deliver to", "You sent mail to",
# "The following message to", a line that opens with "Address:" or a quoted display name
_LABELLED = patterns.compile(
    r"(?:^[ \t]*(?:address|\"[^\"\n]{1,80}\")|"
    r"(?:^|[\s(\[;,:])(?:failed to deliver to|you sent mail to|the following message to|intended recipient|"
    r"undeliverable address|addressed to|failed recipient|error-for|"
    r"unknown user|user mailbox[^:]{0,40}|delivery failed[^:]{0,40}|undeliverable +to|delivery userid|"
    r"mailbox is full|your message to|deliver your message to|did not reach the following recipient|"
    r"invalid receiver address|could not be delivered to|smtp=|\[smtp|rcpt to|recipient address|"
    r"recipient(?:\(s\))?|not delivered to|bad address|following (?:recipients?|address(?:es)?)[^:\n]{0,40}|"
    # "Recipient:" in the languages providers write their own notices in: a label, so a colon must
    # follow (or a tab: the next cell of an HTML table, message.html_to_text)
    rf"{_LOCAL_RECIPIENT}(?:[ \t]*[:：]|\t)))"
    rf"[ \t]*:?[ \t]*['\"<\[(]?[ \t]*(?:mailto:)?{_ADDR}"
)
# a label that only says "recipient" ("Destinatario:", "Recipient address:"): no words of the failure
_BARE_LABEL = patterns.compile(rf"^[ \t]*(?:recipient(?:\(s\))?(?: address)?|address|{_LOCAL_RECIPIENT})[ \t]*[:：\t]$")
# "(expanded from: <a@b>)" (Sendmail), "(generated from a@b)" (Exim): the address the sender used
_ALIAS = patterns.compile(rf"\((?:expanded|generated) from:?[ \t]*<?{_ADDR}>?\)")
_ANY = patterns.compile(_ADDR)
_CODED = patterns.compile(r"(?:^|[\s(\[])[45]\d\d[ -]|(?:^|[^\d.])[45]\.\d{1,3}\.\d{1,3}(?:$|[^\d.])")
_SENDER = patterns.compile(rf"(?:sent by|mail from:|envelope-from|return-path:)[ \t]*<?{_ADDR}")
# lines of a quoted header block (the original's summary, a forwarded message), in a few languages
_HEADERISH = patterns.compile(
    r"^[ \t>*-]*(?:from|to|cc|bcc|sender|reply-to|subject|date|sent|return-path|received(?: on)?|message-id|"
    r"errors-to|delivered-to|in-reply-to|references|list-[a-z-]+|x-[a-z0-9-]+|mime-version|content-[a-z-]+|"
    r"dkim-signature|authentication-results|de|para|asunto|enviado el|von|an|betreff|objet|envoy[ée]|[àa])"
    r"[ \t]*:"
)
_SYSTEM_BOXES = frozenset({"postmaster", "mailer-daemon", "mailer_daemon", "maildaemon", "mail-daemon",
                           "mdaemon", "mailerdaemon"})

MAX_RECIPIENTS = 200


def valid(address: str) -> bool:
    """A plausible mailbox: a dotted host name of letters, digits and hyphens."""
    local, _, domain = address.rpartition("@")
    if not local or local[0] in "/|" or "." not in domain or domain.startswith(".") or ".." in domain:
        return False
    return all(c.isalnum() or c in ".-" for c in domain)


def sender_side(msg: Message, *, weak: bool = False) -> set[str]:
    """Lower-cased addresses of the sender's side: the bounce's own sender headers, the original's envelope.

    ``weak`` adds the bounce's recipients (To, Delivered-To): the original's sender in real mail, but
    anonymised samples often reuse one address for everybody, so only the loosest scan drops them.
    """
    out: set[str] = set()
    names = ("from", "return-path", "reply-to", "sender", "errors-to")
    if weak:
        names += ("to", "delivered-to", "x-original-to", "x-envelope-to", "envelope-to")
    for name in names:
        for value in msg.get_all(name):
            out.update(a.lower() for a in scan.addresses(value))
    orig = original.original_part(msg)
    if orig is not None:  # not its From: a list member's own post can bounce at their own mailbox
        for name in ("sender", "return-path", "errors-to"):
            out.update(a.lower() for a in scan.addresses(orig.get(name)))
    return out


def is_system(address: str) -> bool:
    local = address.rpartition("@")[0].lower()
    return local in _SYSTEM_BOXES or local.startswith(("mailer-daemon", "postmaster"))


def section(text: str, begin=None, end: tuple[str, ...] = ()) -> str | None:
    """From the ``begin`` match (the rest of its line included) to ``end`` or the returned original.

    ``begin`` is a compiled pattern or None (the whole text); None is returned when it does not occur.
    """
    start = 0
    if begin is not None:
        m = begin.search(text)
        if m is None:
            return None
        start = text.rfind("\n", 0, m.start()) + 1  # the whole line: an address may come before the phrase
    lower = text.lower()
    stop = len(text)
    for marker in end + _ORIGINAL_STARTS:
        i = lower.find(marker, start + 1)
        if 0 <= i < stop:
            stop = i
    sep = original.find_separator(lower[start:stop])
    if sep > 0:
        stop = start + sep
    if stop < len(text):  # the marker's whole line goes: "|------ Message text follows: ------|" (T-Online)
        line_start = text.rfind("\n", start, stop)
        if line_start > start:
            stop = line_start
    return text[start : min(stop, start + 64 * 1024)]


# a returned original pasted without a separator line starts with its trace headers
_ORIGINAL_STARTS = ("\nreturn-path: <", "\nreceived: from ", "\nreceived: by ", "\nreceived: (")


def clean(addr: str, exclude: set[str]) -> str:
    """The address cleaned, or "" when it is invalid, excluded or a mail-system mailbox."""
    a = scan.clean_address(addr)
    if not a or not valid(a) or a.lower() in exclude or is_system(a):
        return ""
    return a


def blocks(sect: str, exclude: set[str], weak: set[str] = frozenset(), *, anywhere: bool = False) -> list[Block]:
    """Per-recipient blocks of the section: an address line opens one, the lines below explain it.

    Addresses in ``weak`` (the bounce's own recipients) count only when nothing else is found. With
    ``anywhere``, a section without an address line or label yields every address it names.
    The address of an alias note ("expanded from") becomes the block's ``alias``.
    """
    found = BlockList(MAX_RECIPIENTS)
    aliases: dict[str, str] = {}
    cur: Block | None = None
    plain: list[str] = []
    sender_next = False
    below = 0  # lines under the current address line: a blank line after some of them ends the block
    for line in sect.split("\n"):
        if not line.strip():
            if cur is not None and below and not cur.announces:
                cur = None
            continue
        if textscan.is_separator(line):
            cur = None  # "=====": a new section (technical details, the original) begins
            continue
        if "@" not in line:
            (cur.lines if cur is not None else plain).append(line)
            below += 1
            sender_next = line.rstrip(" :").lower().endswith(("sent by", "sender", "sent from"))
            continue
        if sender_next:  # "A message sent by\n\n  <a@b>": the sender, on the line below its label
            sender_next = False
            exclude = exclude | {a.lower() for a in scan.addresses(line)}
            continue
        if _HEADERISH.search(line):
            continue
        m = _SENDER.search(line)
        if m:  # "A message sent by <a@b>", "MAIL FROM:<a@b>": the sender, never a recipient
            exclude = exclude | {m.group(1).lower()}
        m = _ALIAS.search(line)
        if m:
            alias = clean(m.group(1), exclude)
            # "<final@b> (expanded from: alias@b)": the line's own address is the recipient
            lead = _LEAD.search(line[:m.start()])
            final = clean(lead.group(1), exclude) if lead else ""
            if alias and final and final.lower() != alias.lower():
                cur = found.open(final)
                if cur is not None:
                    aliases.setdefault(final.lower(), alias)
                below = 0
                continue
            if alias and cur is not None:
                aliases.setdefault(cur.address.lower(), alias)
                continue
            if alias and alias not in found:
                cur = found.open(alias)
                continue
        addr, rest = "", ""
        m = _LEAD.search(line)
        if m and not (cur is not None and textscan.is_reply_line(m.group(1))):
            addr, rest = clean(m.group(1), exclude), m.group(2).strip()
        elif (m := _REPLY_LEAD.search(line)) is not None:
            addr, rest = clean(m.group(1), exclude), line.strip()
        if not addr:
            m = _LABELLED.search(line)
            if m:
                addr = clean(m.group(1), exclude)
                rest = line.strip()
                label = line[:m.start(1)].rstrip(" '\"<[(")
                if _BARE_LABEL.search(label):
                    # "Destinatario: a@b (550 ...)": the label says nothing, what follows the address does.
                    # Kept whole: a sentence around it, a label that says why ("Unknown user: a@b"), a
                    # transcript's ">>> RCPT To:<a@b>" (it names the command the reply below answered)
                    rest = line[m.end(1):].strip(" \t'\">])")
        if not addr:
            (cur.lines if cur is not None else plain).append(line)
            below += 1
            continue
        cur = found.open(addr)
        if cur is not None and rest:
            cur.lines.append(rest)
        below = 0
    if not found.items and anywhere:
        for m in _ANY.finditer(sect):
            line_start = sect.rfind("\n", 0, m.start()) + 1
            line_end = sect.find("\n", m.end())
            line = sect[line_start : line_end if line_end >= 0 else len(sect)]
            addr = clean(m.group(1), exclude | weak)
            quoted = _HEADERISH.search(line) and not line.lstrip(" \t>").lower().startswith("to:")
            if addr and not quoted:
                found.open(addr)
    out = found.items
    if len(out) > 1 and any(b.address.lower() not in weak for b in out):
        out = [b for b in out if b.address.lower() not in weak]
    for line in plain:  # a later line that names a recipient explains it ("User x (a@b) not listed")
        if "@" in line:
            low = line.lower()
            for b in out:
                if b.address.lower() in low:
                    b.lines.append(line)
    shared = " ".join(" ".join(x.split()) for x in plain if x.strip())
    coded = [x for x in plain if _CODED.search(x)]  # reply lines outside any block: the remote's words
    for b in out:
        if not b.text and shared:
            b.lines.append(shared)
        elif coded and not _CODED.search(b.text):
            b.lines.extend(coded)
        b.alias = aliases.get(b.address.lower(), "")
    return out


# -- is this a bounce at all? ------------------------------------------------------------------
_SENDERS = ("mailer-daemon", "postmaster", "mail delivery", "mail administrator", "mailer_daemon",
            "maildaemon", "mail-daemon", "mdaemon", "mmdf", "smtp gateway", "mail system",
            "system administrator", "mail.delivery")
_SUBJECTS = (
    "undeliver", "delivery fail", "delivery status", "returned mail", "failure notice", "mail delivery",
    "delivery notification", "could not be delivered", "nondeliverable", "non-deliverable", "not delivered",
    "delivery problem", "mail system error", "bounce", "rejected", "returned to sender", "unzustellbar",
    "non remis", "no se pudo entregar", "non recapitabile", "onbestelbaar", "недоставленное",
    "warning: could not send", "delayed mail", "delivery delayed", "error sending", "permanent error",
    "delivery failure", "mail not delivered", "user unknown", "processing error", "mail failed",
    "delivery warning", "message delayed", "not yet been delivered",
)


# the words every read receipt carries somewhere: cheaper to look for than walking the parts
_DISPOSITION = patterns.compile(r"disposition-notification")


def is_mdn(msg: Message) -> bool:
    """A read receipt / disposition notification (RFC 8098): never a failure.

    Asked by several detectors of one message (through ``looks_like_bounce``); the answer
    is kept on the message so its body is searched once."""
    known = msg.__dict__.get("is_mdn")
    if known is None:
        known = msg.__dict__["is_mdn"] = (
            msg.params.get("report-type", "").lower() == "disposition-notification"
            or (_DISPOSITION.search(msg.raw_body) is not None
                and any(p.content_type == "message/disposition-notification" for p in msg.leaves)))
    return known


_SENDER_WORDS = patterns.any_of(_SENDERS)
_SUBJECT_WORDS = patterns.any_of(_SUBJECTS)


def strong_cue(msg: Message) -> bool:
    """A mail-system sender, a bounce subject, X-Failed-Recipients or a DSN content type."""
    return (bool(_SENDER_WORDS.search(msg.sender)) or bool(_SUBJECT_WORDS.search(msg.subject))
            or bool(msg.get("x-failed-recipients"))
            or msg.params.get("report-type", "").lower() == "delivery-status")


def looks_like_bounce(msg: Message) -> bool:
    """Cheap header test: a strong cue (``strong_cue``), or a null (or MAILER-DAEMON) Return-Path.

    A Return-Path that is absent says nothing (saved mail often lacks it); one that is ``<>`` is what
    RFC 5321 §4.5.5 gives every notification, and auto-replies too, so those are left out. Read
    receipts carry ``<>`` as well and are never bounces.
    """
    hit = strong_cue(msg)
    if not hit and not is_autoreply(msg):
        paths = msg.get_all("return-path")
        path = paths[-1].strip("<> \t").lower() if paths else "?"
        hit = not path or path.startswith(("mailer-daemon@", "postmaster@"))
    return hit and not is_mdn(msg)


# words of a failure report, for notices recognised by their null Return-Path alone
_EVIDENCE = patterns.compile(
    r"(?:^|\s)[45]\d\d[ -]|[45]\.\d{1,3}\.\d{1,3}|fail|undeliver|not (?:be )?delivered|could not|unable to|"
    r"rejected|refused|denied|blocked|unknown|does not|no such|no longer|error|returned|quota|full|exceed|"
    r"expired|not found|invalid|disabled|suspended|inactive|timed out|not allowed|not accept"
)


def reports_failure(text: str) -> bool:
    return bool(_EVIDENCE.search(text))


_AUTO_SUBJECTS = patterns.any_of((
    "automatic reply", "auto reply", "autoreply", "auto-reply", "out of office", "out of the office", "auto:",
    "vacation", "abwesenheit", "absence", "réponse automatique", "automatische antwort"))


def is_autoreply(msg: Message) -> bool:
    """RFC 3834 markers or an out-of-office subject: a null Return-Path alone does not make it a bounce."""
    return (msg.get("auto-submitted").lower().startswith("auto-replied") or bool(msg.get("x-autoreply"))
            or bool(msg.get("x-autorespond")) or bool(_AUTO_SUBJECTS.search(msg.subject)))


# -- warnings: the message is still queued --------------------------------------------------------
# Exim "has not yet been delivered ... No action is required on your part", Sendmail "Warning: could
# not send message for past 4 hours", Google "THIS IS A WARNING MESSAGE ONLY", Exchange "advisory-only
# ... has been postponed", Symantec "Delivery attempts will continue to be made", MessageSwitch.
_DELAYED = patterns.compile(
    r"not yet been delivered|has been delayed|delivery (?:has been |is )?delayed|\(delay\)|message delayed|"
    r"will be retried|still being retried|will continue to (?:try|attempt|be made)|attempts will continue|"
    r"no action is required|has been postponed|this is a warning|warning message only|warning only|"
    r"do not need to resend|could not send message for past|will keep trying|advisory-only"
)
_FINAL = patterns.compile(
    r"permanent(?:ly)? (?:error|failure|fatal)|failed permanently|fatal error|given up|giving up|gave up|"
    r"was aborted|will not be retried"
)


def is_delay(subject: str, text: str) -> bool:
    """The report says the message is still being retried (and nothing says it was given up)."""
    both = f"{subject}\n{text}"
    return bool(_DELAYED.search(both)) and not _FINAL.search(both)
