"""RFC 3464 delivery status fields: per-message and per-recipient blocks.

Used for ``message/delivery-status`` parts (RFC 3464 / RFC 6522), for
``message/global-delivery-status`` (RFC 6533) and for the many MTAs that paste
the same fields into a plain-text body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import scan

PER_MESSAGE = frozenset({
    "reporting-mta", "received-from-mta", "arrival-date", "original-envelope-id", "dsn-gateway",
    "x-postfix-queue-id", "x-postfix-sender", "x-original-message-id", "x-mailer",
})
PER_RECIPIENT = frozenset({
    "original-recipient", "final-recipient", "action", "status", "remote-mta", "diagnostic-code",
    "last-attempt-date", "will-retry-until", "x-actual-recipient", "x-display-name", "final-log-id",
    "x-supplementary-info",
})
_STARTS_RECIPIENT = ("final-recipient", "original-recipient")


@dataclass(slots=True)
class Report:
    message: dict[str, str] = field(default_factory=dict)
    recipients: list[dict[str, str]] = field(default_factory=list)


def parse_fields(text: str) -> Report:
    """Parse DSN fields from text; tolerant of missing blank lines and folded values.

    A new recipient block starts at a blank line or when a recipient field
    repeats in the current block (several broken MTAs omit the blank lines).
    """
    report = Report()
    current: dict[str, str] | None = None
    name = ""
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line.strip():
            if current:
                report.recipients.append(current)
            current = None
            name = ""
            continue
        if line[0] in " \t" and name:
            target = current if (current is not None and name in current) else report.message
            if name in target:
                target[name] += " " + line.strip()
            continue
        colon = line.find(":")
        if colon <= 0:
            name = ""
            continue
        key = line[:colon].strip().lower()
        value = line[colon + 1 :].strip()
        if key in PER_RECIPIENT:
            # a recipient field repeated opens the next block; fields written before the first
            # one (Amazon SES and MessageLabs put Action and Status first) stay in the block
            if current is None or (key in _STARTS_RECIPIENT and key in current):
                if current:
                    report.recipients.append(current)
                current = {}
            current.setdefault(key, value)
            name = key
        elif key in PER_MESSAGE:
            report.message.setdefault(key, value)
            name = key
        else:
            name = ""
    if current:
        report.recipients.append(current)
    report.recipients = [r for r in report.recipients if "final-recipient" in r or "original-recipient" in r]
    return report


def _usable(address: str) -> bool:
    """An address with a local part and a domain, not an X.400 name or a bare user name.

    A dotless domain (``user@mailhub0``) still counts: it is where delivery failed, and
    Sisimai and the MTA report it so."""
    local, _, domain = address.rpartition("@")
    return bool(local) and bool(domain)


def field_address(value: str) -> str:
    """The address of a recipient field as written: ``rfc822; "a..b"@host`` keeps its quotes
    (RFC 5321 quoted local part) and a dotless domain; anything else goes through clean_address."""
    v = scan.strip_address_type(value)
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1].strip()
    local, _, domain = v.rpartition("@")
    if local and domain and not any(c.isspace() for c in v) and "@" not in domain and \
            all(c.isalnum() or c in "-." for c in domain) and (local[0] == '"') == (local[-1] == '"'):
        return f"{local}@{domain.lower()}"
    return scan.clean_address(value)


def pick_recipient(fields: dict[str, str]) -> tuple[str, str]:
    """(recipient, original_recipient) from Final-/Original-Recipient.

    The recipient is the Final-Recipient (where delivery failed, as Sisimai and the
    MTA report it); the Original-Recipient (the address the sender used, before
    forwarding) is kept beside it, and takes over when the final one is no
    address with a domain (X.400, a bare user name).
    """
    final = field_address(fields.get("final-recipient", ""))
    original = field_address(fields.get("original-recipient", ""))
    if not final or (not _usable(final) and original and _usable(original)):
        final, original = original, ""
    if not final:
        final = scan.clean_address(fields.get("x-actual-recipient", ""))
    if original.lower() == final.lower():
        original = ""
    return final, original


def diagnostic_of(value: str) -> tuple[str, str]:
    """``smtp; 550 5.1.1 ...`` -> ("SMTP", "550 5.1.1 ...")."""
    v = value.strip()
    head, sep, rest = v.partition(";")
    if sep and head and " " not in head.strip() and len(head) < 32:  # "X-Outbound-Mail-Relay; ..." (AOL)
        return head.strip().upper(), _unquote(rest.strip())
    return "", v


def _unquote(reply: str) -> str:
    """Cisco AsyncOS (IronPort) quotes the remote reply after its code: ``550-'5.1.1 <a>: User
    unknown'`` -> ``550 5.1.1 <a>: User unknown`` (the ``-`` is no multi-line reply)."""
    if len(reply) > 6 and reply[:3].isdigit() and reply[3:5] == "-'" and reply.endswith("'"):
        return f"{reply[:3]} {reply[5:-1].strip()}"
    return reply
