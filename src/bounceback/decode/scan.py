"""Finding addresses, SMTP codes and commands in free text (RFC 5321, RFC 3463)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email._parseaddr import parsedate_tz  # email.utils pulls in socket, random ...: 10 ms at start-up
from functools import lru_cache

from .. import patterns

_ATOM = r"""[^\s<>"(),;:\[\]@\\]"""
# local@domain; the domain's last label takes no dot, so "user@example.com." stops before it
ADDRESS = patterns.compile(rf"({_ATOM}+@(?:[^\s<>\"(),;:\[\]@\\.]+\.)+[^\s<>\"(),;:\[\]@\\.'=]+)")

# RFC 3463: class.subject.detail, not part of a dotted quad or version number ({classes}: 245 or 45)
_STATUS_OF = r"(?:^|[^\d.])([{classes}])\.(\d{{1,3}})\.(\d{{1,3}})(?:$|[^\d.]|\.(?:$|[^\d]))"
_STATUS = patterns.compile(_STATUS_OF.format(classes="245"))
# a reply code at the start of a reply line ("550 ", "550-", "550 5.1.1"), RFC 5321 4.2
_REPLY_START = patterns.compile(r"^\s*(?:\S+;\s*)?\(?([245][0-5]\d)(?:[\s\-]|\)|$)")
_REPLY_ANY_OF = r"(?:^|[\s(:;\[\]\"'])([{classes}][0-5]\d)(?:[ \-]+#?[{classes}]\.\d|[ \-]+[a-z<(\"'\[#]| ?$)"
_REPLY_ANY = patterns.compile(_REPLY_ANY_OF.format(classes="245"))
_COMMAND = patterns.compile(
    r"\b(?:in reply to|after|while sending|reply to|in response to|to|command|progress was)\s+"
    # Exim 4.9x: "SMTP error from remote mail server after pipelined RCPT TO:<...>"
    r"(?:the\s+|pipelined\s+)?(rcpt to|mail from|data|end of data|ehlo|helo|connect|initial connection|"
    r"rcpt|mail|bdat|starttls|auth|quit|message)\b"
    r"|\b(rcpt to|mail from|end of data|data|ehlo|helo)(?:\s*:?\s*<[^>]*>)?\s+(?:command|response)\b"
    # Yahoo's "[RCPT_TO]", "SMTP:RCPT host ..." (X3), qmail's "does not like recipient",
    # Postfix's "host ... refused to talk to me" (smtp_proto.c: the greeting was a refusal)
    r"|\[(rcpt)_to\]|\[(mail)_from\]|\bsmtp:(rcpt|mail|data)\b|does not like (recipient|sender)"
    r"|refused to (talk) to me\b"
    # Stalwart (smtp/src/queue: "host 'mx' rejected command 'RCPT TO:<...>' with code 550")
    r"|\bcommand '(rcpt to|mail from|data|bdat|ehlo|helo|starttls|auth)\b"
)
_COMMANDS = {
    "rcpt to": "RCPT", "rcpt": "RCPT", "mail from": "MAIL", "mail": "MAIL", "data": "DATA",
    "end of data": "DATA", "message": "DATA", "ehlo": "EHLO", "helo": "HELO", "connect": "CONN",
    "initial connection": "CONN", "bdat": "BDAT", "starttls": "STARTTLS", "auth": "AUTH", "quit": "QUIT",
    "recipient": "RCPT", "sender": "MAIL", "talk": "CONN",
}


def addresses(text: str) -> list[str]:
    return [m.group(1) for m in ADDRESS.finditer(text)]


def strip_address_type(value: str) -> str:
    """``rfc822; a@b`` -> ``a@b`` (RFC 3464 address-type); some MTAs write it twice."""
    v = value.strip()
    while ";" in v[:12]:
        v = v.split(";", 1)[1].strip()
    return v


@lru_cache(maxsize=8192)
def _clean_address(value: str) -> str:
    v = strip_address_type(value)
    lt = v.find("<")
    gt = v.find(">", lt + 1) if lt >= 0 else -1
    if gt > lt >= 0:
        lt = v.rfind("<", 0, gt)  # the innermost pair: Exim's "<<<a@b>>>: angle-brackets nested too deep"
    if gt > lt >= 0 and "@" in v[lt:gt] and " " not in v[lt:gt].strip():
        v = v[lt + 1 : gt].strip()
    else:
        m = ADDRESS.search(v)
        if not m:
            return ""
        v = m.group(1)
    v = v.strip("'\"`.,;:")
    if v.lower().startswith("mailto:"):
        v = v[7:]
    local, _, domain = v.rpartition("@")
    if not local or not domain:
        return ""
    return f"{local}@{domain.lower()}"


@lru_cache(maxsize=8192)
def _find_status(text: str) -> str:
    m = _STATUS.search(text)
    if not m:
        return ""
    return f"{m.group(1)}.{int(m.group(2))}.{int(m.group(3))}"


@lru_cache(maxsize=8192)
def _find_reply_code(text: str) -> str:
    m = _REPLY_START.search(text)
    if m:
        return m.group(1)
    m = _REPLY_ANY.search(text.lower())
    return m.group(1) if m else ""


_FAILURE_STATUS = patterns.compile(_STATUS_OF.format(classes="45"))
_FAILURE_REPLY = patterns.compile(_REPLY_ANY_OF.format(classes="45"))


def failure_codes(text: str) -> tuple[str, str]:
    """(status, reply code) of the first refusal in a text that also shows steps that went well:
    a session transcript's "250 2.1.5 Ok" comes before the "451 4.3.0 Error" it failed with."""
    m = _FAILURE_STATUS.search(text)
    status = f"{m.group(1)}.{int(m.group(2))}.{int(m.group(3))}" if m else ""
    r = _FAILURE_REPLY.search(text.lower())
    return status, r.group(1) if r else ""


# a session transcript: ">>> RCPT To:<a@b>" then "<<< 550 ..." (Sendmail, V5 Sendmail, InterScan):
# the last command sent before the refusal is the one refused
_SENT = patterns.compile(r">>>\s*(rcpt to|mail from|data|ehlo|helo|starttls|auth|quit)\b")


_NOT_THE_COMMAND = ("exchanger", "server", "system", "host", "box", "delivery", "relay")


@lru_cache(maxsize=8192)
def _find_command(text: str) -> str:
    low = text.lower()
    for m in _COMMAND.finditer(low):
        word = next(g for g in m.groups() if g)
        if word == "mail" and low[m.end():m.end() + 12].lstrip().startswith(_NOT_THE_COMMAND):
            continue  # "connection to mail exchanger failed", "to mail server": no command
        return _COMMANDS.get(word, "")
    if ">>>" in low:
        refused = min((i for i in (low.find("<<< 4"), low.find("<<< 5")) if i >= 0), default=len(low))
        sent = [x.group(1) for x in _SENT.finditer(low[:refused])]
        return _COMMANDS.get(sent[-1], "") if sent else ""
    return ""


# The cached scans see at most this much of a text: a reply line, a field value or a block is
# far shorter, and a cache of 8,192 entries must not hold megabytes a bounce's sender chose.
CACHED_TEXT = 4096


def clean_address(value: str) -> str:
    """``rfc822; "Name" <User@Example.COM>`` -> ``User@example.com``-ish: strip type, comments, brackets."""
    return _clean_address(value[:CACHED_TEXT])


def find_status(text: str) -> str:
    """The first enhanced status code in the text ('' if none)."""
    return _find_status(text[:CACHED_TEXT])


def find_reply_code(text: str) -> str:
    """The SMTP reply code of a reply line: at its start, else the first one that looks like a reply."""
    return _find_reply_code(text[:CACHED_TEXT])


def find_command(text: str) -> str:
    """The SMTP command a reply answered, as the text names it ("in reply to RCPT TO command")."""
    return _find_command(text[:CACHED_TEXT])


def codes_agree(reply_code: str, status: str) -> bool:
    return not reply_code or not status or reply_code[0] == status[0]


def parse_date(value: str) -> datetime | None:
    """An RFC 5322 date to an aware datetime (naive when the zone is -0000 or missing)."""
    if not value:
        return None
    try:
        parsed = parsedate_tz(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    *fields, offset = parsed
    try:
        if offset is None:
            return datetime(*fields[:6])
        return datetime(*fields[:6], tzinfo=timezone(timedelta(seconds=offset)))
    except (ValueError, OverflowError):
        return None


def host_of(value: str) -> str:
    """``dns; mx.example.com [192.0.2.1]`` -> ``mx.example.com``."""
    v = value.strip()
    if ";" in v[:10]:
        v = v.split(";", 1)[1].strip()
    v = v.split()[0] if v.split() else ""
    return v.strip("[]()<>.,;:").lower()
