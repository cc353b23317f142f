"""Sendmail 8: "Returned mail: see transcript for details" with an RFC 3464 part.

savemail.c writes "----- The following addresses had permanent fatal errors -----",
then "----- Transcript of session follows -----" (``... while talking to host.:``,
``>>> RCPT To:<a>``, ``<<< 550 ...``, ``<a>... User unknown``) and a
``message/delivery-status`` part. Mailer errors leave only an exit code in
Diagnostic-Code (``X-Unix; 77``): the transcript then says what happened.
Detection after Sisimai::Lhost::Sendmail (Subject, "Mail Delivery Subsystem").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Delivery
from .. import dsn, scan
from ..common import delivery, from_has, text_blocks
from ..message import Message
from ..textscan import TextFormat
from . import _lhost

NAME = "sendmail"

_ADDRESSES = TextFormat(begin=("----- the following addresses had",), end=("----- transcript of session",))
_TRANSCRIPT = "----- transcript of session follows -----"
# lines that end a transcript pasted into a non-MIME body: the RFC 3464 fields that follow
# it (RFC 3464 §2.2, §2.3) or the returned message's own header
_AFTER_TRANSCRIPT = ("reporting-mta:", "received-from-mta:", "arrival-date:", "final-recipient:",
                     "original-recipient:", "return-path:", "received:")
_COMMANDS = {"rcpt": "RCPT", "mail": "MAIL", "data": "DATA", "ehlo": "EHLO", "helo": "HELO", "quit": "QUIT"}


def is_sendmail(msg: Message) -> bool:
    subject = msg.subject.strip().lower()
    return (subject.endswith("see transcript for details") or subject.startswith("warning: could not send")
            or from_has(msg, "mail delivery subsystem"))


@dataclass
class Transcript:
    host: str = ""
    command: str = ""
    replies: dict[str, list[str]] = field(default_factory=dict)  # "<<<" lines, per RCPT address ("" = other)
    notes: dict[str, str] = field(default_factory=dict)  # "<a>... Deferred: ..."
    lines: list[str] = field(default_factory=list)  # "554 5.3.0 unknown mailer error 255", mailer output
    expired: str = ""  # "Message could not be delivered for 5 days" (queue timeout, deliver.c)


def transcript(text: str) -> Transcript:
    t = Transcript()
    low = text.lower()
    i = low.find(_TRANSCRIPT)
    if i < 0:
        return t
    rcpt, sent = "", False
    for line in text[i:].split("\n")[1:200]:
        s = line.strip()
        if s.startswith("-----") or s.lower().startswith(("content-type:", "--")) and t.lines:
            break
        if s.lower().startswith(_AFTER_TRANSCRIPT):
            break
        if not s or s.startswith("**"):
            continue
        if s.startswith("... while talking to "):
            t.host = t.host or s[21:].rstrip(":").rstrip(".").strip().lower()
            sent = False
        elif s.startswith(">>> "):
            verb = s[4:].split(" ", 1)[0].split(":")[0].lower()
            if verb != "quit" or not t.command:  # the reply to QUIT after a refusal is no cause
                t.command = _COMMANDS.get(verb, t.command)
            rcpt = scan.clean_address(s[4:]).lower() if verb == "rcpt" else ""
            sent = True
        elif s.startswith("<<< "):
            if not sent and not t.command:
                # a reply before anything was sent is the greeting (usersmtp.c smtpinit): the
                # connection itself was refused (Sisimai::Lhost::Sendmail reads it as EHLO)
                t.command = "CONN"
            t.replies.setdefault(rcpt, []).append(s[4:].strip())
        elif "... " in s and "@" in s.split("... ", 1)[0] and not scan.find_reply_code(s[:4]):
            addr, _, note = s.partition("... ")
            t.notes.setdefault(scan.clean_address(addr).lower(), note.strip())
        elif s.lower().startswith("message could not be delivered"):
            t.expired = s
        elif not s.lower().startswith(("message will be deleted", "will keep trying",
                                       "warning: message still undelivered")):
            t.lines.append(s)
    return t


def _informative(diag: str) -> bool:
    """An exit code ("77"), an empty field or a bare number says nothing a reader can use."""
    d = diag.strip()
    return bool(d) and not d.isdigit() and (len(d) > 4 or not d[:3].isdigit())


def _reply(lines: list[str]) -> str:
    """A multi-line reply as one text: "552-5.7.0 a" / "552 5.7.0 b" -> "552-5.7.0 a b" (RFC 5321 §4.2.1)."""
    out = []
    for i, line in enumerate(dict.fromkeys(lines)):
        if i and line[:3].isdigit() and line[3:4] in ("-", " "):
            rest = line[4:].lstrip()
            code = scan.find_status(rest.split(" ", 1)[0]) if rest else ""
            line = rest.split(" ", 1)[1] if code and " " in rest else rest
        out.append(line.strip())
    return " ".join(out)


def _names_other(line: str, key: str) -> bool:
    """Whether a line names another recipient ("<<< 550 5.1.1 <a@x>... User unknown" in a pipelined session)."""
    named = [scan.clean_address(part.split(">", 1)[0]).lower()
             for part in line.split("<")[1:] if ">" in part and "@" in part.split(">", 1)[0]]
    return bool(named) and key not in named


def _replies(lines: list[str]) -> list[list[str]]:
    """The separate replies among "<<<" lines: a reply ends at its "NNN " line (RFC 5321 §4.2.1)."""
    out, cur = [], []
    for line in lines:
        cur.append(line)
        if not (line[:3].isdigit() and line[3:4] == "-"):
            out.append(cur)
            cur = []
    return out + [cur] if cur else out


def _diagnostic(t: Transcript, rcpt: str, given: str, listed: str) -> tuple[str, bool]:
    """The recipient's diagnostic, and whether it came from the SMTP session (so its command counts)."""
    key = rcpt.lower()
    # this recipient's RCPT, else the session's replies that name no other recipient
    replies = t.replies.get(key) or [ln for ln in t.replies.get("", []) if not _names_other(ln, key)]
    note = t.notes.get(key, "")
    if note and not t.replies.get(key) and not any(_reply(r) in note for r in _replies(replies)):
        replies = []  # "<a>... Deferred: Connection timed out with mx2": its own session, not the one shown
    if _informative(given):
        # Diagnostic-Code often holds only the first line of a multi-line reply; the transcript has it all
        start = " ".join(given.split())
        for reply in _replies(replies):
            full = _reply(reply)
            if len(full) > len(given) and full.startswith(start):
                return full, True
        return given, True
    if replies:
        return _reply(replies), True
    lines = [ln for ln in t.lines if not _names_other(ln, key)]
    if any(key in ln.lower() or scan.find_reply_code(ln) for ln in lines):
        return " ".join(lines), True
    reason = listed[9:].split(")")[0] if listed.startswith("(reason: ") else ""  # "    (reason: 550 Host unknown)"
    if _informative(reason):
        return reason, True
    return note or given, not note  # "<a>... Deferred: Connection refused by mx": no command of another session


def detect(msg: Message) -> list[Delivery] | None:
    if not is_sendmail(msg):
        return None
    return parse(msg, NAME)


def parse(msg: Message, name: str) -> list[Delivery] | None:
    """Deliveries of a Sendmail-style report (also Bigfoot's LiteMail, which copies it)."""
    report = _lhost.report_fields(msg)
    text = msg.body_text
    if not report.recipients and "final-recipient:" in text.lower():
        report = dsn.parse_fields(text)  # the report part's boundary was mangled: fields in the text
    listed = {b.address: b.text for b in text_blocks(msg, _ADDRESSES)}
    if not report.recipients and not listed:
        return None
    t = transcript(text)
    warning = msg.subject.lower().startswith("warning:")
    reporting = scan.host_of(report.message.get("reporting-mta", ""))
    rows = report.recipients or [{} for _ in listed]
    out = []
    for i, r in enumerate(rows):
        rcpt, orig = dsn.pick_recipient(r) if r else ("", "")
        if not rcpt and len(listed) == len(rows):
            rcpt = list(listed)[i]  # "Final-Recipient: RFC822; @host" lost its local part
        if not rcpt:
            continue
        note = listed.get(rcpt, "")
        if not orig and "(expanded from: " in note:  # "    (expanded from: <alias@example.net>)"
            orig = scan.clean_address(note.split("(expanded from: ", 1)[1].split(")")[0])
        dtype, given = dsn.diagnostic_of(r.get("diagnostic-code", ""))
        diag, in_session = _diagnostic(t, rcpt, given, listed.get(rcpt, ""))
        action, reason = r.get("action") or ("delayed" if warning else "failed"), ""
        if t.expired and not any(c.isalpha() for c in diag):
            # nothing but the queue timeout (and maybe a bare reply code) to go by
            diag, action, reason = f"{diag} {t.expired}".strip(), "delayed", "expired"
        # the session's command counts only for words taken from that session
        command = "RCPT" if rcpt.lower() in t.replies else (t.command if in_session else "")
        out.append(delivery(
            rcpt, action=action, status=r.get("status", ""), reason=reason,
            diagnostic=diag, diagnostic_type=dtype, command=command,
            remote_mta=scan.host_of(r.get("remote-mta", "")) or t.host, reporting_mta=reporting,
            date=scan.parse_date(r.get("last-attempt-date", "")), decoded_by=name, original_recipient=orig))
    return out or None
