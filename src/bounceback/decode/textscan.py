"""Recipients and their error text in the human-readable part of a bounce.

Most MTAs that do not write RFC 3464 still lay their report out the same way: a
sentence that opens the error section, then per recipient a line that starts
with the address followed by lines of explanation, then a separator before the
returned original. ``TextFormat`` names the opening sentences of one MTA;
``blocks`` finds the per-recipient blocks inside that section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import patterns
from . import original, scan

# An address at the start of a line: "<a@b>:", "a@b", "  a@b ...", "RCPT TO:<a@b>", '"a@b"'
_LEADING = patterns.compile(
    r"^\s*(?:[-*>]+\s*)?(?:rcpt to:\s*|recipient:\s*|to:\s*|failed recipient:\s*|address:\s*|"
    r"original-recipient:\s*|final-recipient:\s*(?:rfc822;)?\s*)?[<\"'(\[]?\s*(?:mailto:)?"
    r"([^\s<>\"(),;:\[\]@\\]+@(?:[^\s<>\"(),;:\[\]@\\.]+\.)*[^\s<>\"(),;:\[\]@\\.']+)[>\"')\]]?"
    r"(?:\s*\.{3}\s*|\s*[:,]\s*|\s+|$)(.*)$"
)
_REMOTE = patterns.compile(
    r"(?:host|server|mta|relay|while talking to|remote host|by)\s+\[?([a-z0-9][a-z0-9.-]*\.[a-z]{2,}|"
    r"\d{1,3}(?:\.\d{1,3}){3})\]?\s*(?:\[[0-9a-f.:]+\])?\s*(?:said|:|refused|replied|answered|\()"
)

# "550-jane@example.org is not ...": a line of a multi-line reply (RFC 5321 §4.2.1) that
# starts with the address it refuses, not a recipient "550-jane"
_REPLY_LINE = patterns.compile(r"^[245]\d\d-")

MAX_SECTION = 64 * 1024
MAX_BLOCKS = 200


@dataclass(frozen=True, slots=True)
class TextFormat:
    """Where one MTA's error section starts and ends (lowercased phrases)."""

    begin: tuple[str, ...] = ()
    end: tuple[str, ...] = ()


def section(text: str, fmt: TextFormat) -> str | None:
    """The error section: after the first ``begin`` line, up to ``end`` or the original.

    Returns None when ``fmt.begin`` is given and none of its phrases occurs.
    """
    lower = text.lower()
    start = 0
    if fmt.begin:
        hits = [i for i in (lower.find(b) for b in fmt.begin) if i >= 0]
        if not hits:
            return None
        start = min(hits)
        nl = lower.find("\n", start)
        start = nl + 1 if nl >= 0 else len(text)
    stop = len(text)
    for marker in fmt.end:
        i = lower.find(marker, start)
        if 0 <= i < stop:
            stop = i
    sep = original.find_separator(lower[start:stop])
    if sep >= 0:
        stop = start + sep
    return text[start : min(stop, start + MAX_SECTION)]


@dataclass(slots=True)
class Block:
    """One recipient of a text report and the lines that explain its failure."""

    address: str
    lines: list[str] = field(default_factory=list)
    alias: str = ""  # the address the sender used, when the report names it ("expanded from")

    @property
    def text(self) -> str:
        return " ".join(" ".join(line.split()) for line in self.lines if line.strip()).strip()

    @property
    def announces(self) -> bool:
        """Its last line announces what follows ("For the following reason:"): the paragraph
        after a blank line still explains the address."""
        return bool(self.lines) and self.lines[-1].rstrip().endswith(":")


class BlockList:
    """Blocks in order of first mention; an address named again continues its own block."""

    __slots__ = ("items", "_by_address", "_cap")

    def __init__(self, cap: int = MAX_BLOCKS) -> None:
        self.items: list[Block] = []
        self._by_address: dict[str, Block] = {}
        self._cap = cap

    def __contains__(self, address: str) -> bool:
        return address.lower() in self._by_address

    def open(self, address: str) -> Block | None:
        """The address's block, new if need be (None once ``cap`` recipients are known)."""
        key = address.lower()
        block = self._by_address.get(key)
        if block is None and len(self.items) < self._cap:
            block = self._by_address[key] = Block(address)
            self.items.append(block)
        return block


def is_reply_line(address: str) -> bool:
    """The "address" a line starts with is a reply's text: ``550-jane@example.org is not ...``."""
    return _REPLY_LINE.search(address) is not None


def is_separator(line: str) -> bool:
    """A line of dashes, equals signs or the like: where a signature, details or the original begin."""
    s = line.strip()
    return len(s) >= 5 and not s.strip("-=_*~")


def blocks(sect: str, *, skip: frozenset[str] = frozenset()) -> list[Block]:
    """Per-recipient blocks: a line that starts with an address opens one.

    A block ends at the next address line, at a blank line once it has text (unless its
    last line announces the next paragraph), or at a separator line (dashes or equals
    signs: a signature or the original follows); the same address again continues (and
    is merged into) its block.
    """
    found = BlockList()
    cur: Block | None = None
    for line in sect.split("\n"):
        s = line.strip()
        if not s:
            if cur is not None and cur.text and not cur.announces:
                cur = None
            continue
        if is_separator(s):
            cur = None
            continue
        m = _LEADING.search(line) if "@" in line else None
        if m and cur is not None and is_reply_line(m.group(1)):
            m = None
        if m:
            addr = scan.clean_address(m.group(1))
            if addr and addr.lower() not in skip:
                cur = found.open(addr)
                rest = m.group(2).strip()
                if cur is not None and rest:
                    cur.lines.append(rest)
                continue
        if cur is not None:
            cur.lines.append(line)
    return found.items


def report_text(text: str) -> str:
    """The human-readable report: the text before the returned original."""
    i = original.find_separator(text.lower())
    return text[:i] if i >= 0 else text


def after(text: str, *markers: str, stop_blank: bool = True) -> str:
    """The text after the first marker (case-insensitive) up to the next blank line.

    Text on the marker's own line after the marker belongs to it ("... was: 550 ...").
    """
    lower = text.lower()
    hits = [(i, m) for i, m in ((lower.find(m.lower()), m) for m in markers) if i >= 0]
    if not hits:
        return ""
    i, m = min(hits)
    rest = text[i + len(m):]
    if not stop_blank:
        return rest.strip()
    out: list[str] = []
    for line in rest.split("\n"):
        if not line.strip():
            if out:
                break
            continue
        out.append(line.strip())
    return " ".join(out)


def next_to(text: str, needle: str, low: str | None = None) -> str:
    """What the text says right where it names ``needle``: the rest of that line and the lines
    straight after it, up to a blank or separator line ("" when the needle stands alone).
    ``low`` is ``text.lower()``, for a caller that asks about many needles."""
    low, key = low if low is not None else text.lower(), needle.lower()
    i = low.find(key)
    while i > 0 and (low[i - 1].isalnum() or low[i - 1] in "._%+-"):  # "bob@x" is not "ob@x"
        i = low.find(key, i + 1)
    if i < 0:
        return ""
    out: list[str] = []
    for n, line in enumerate(text[i + len(needle):].split("\n")):
        s = line.strip()
        if n and (not s or is_separator(s)):
            break
        if s:
            out.append(s)
    return " ".join(out).lstrip(">'\")]:;,. ")


# A local delivery agent's own line (Sisimai::MDA): "mail.local: unknown user: bob",
# "procmail: Quota exceeded while writing ...", maildrop, vpopmail's vdelivermail, vmailmgr's
# vdeliver, and Dovecot's rejection "Your message to <a@b> was automatically rejected:"
# (dovecot deliver.c DEFAULT_MAIL_REJECTION_HUMAN_REASON) followed by its reason
_MDA_LINE = patterns.compile(
    r"(?m)^(?:(?:mail\.local|procmail|maildrop|vdelivermail|vdeliver): |"
    r"your message to [^ ]+ was automatically rejected:\s*$)"
)


def mda_text(text: str) -> str:
    """The local delivery agent's message in a report, one line: its first line and the lines
    after it up to a blank line ("" when no agent speaks)."""
    m = _MDA_LINE.search(text[:MAX_SECTION])
    if m is None:
        return ""
    out: list[str] = []
    for line in text[m.start():m.start() + 2000].split("\n"):
        if not line.strip():
            break
        out.append(line.strip())
    return " ".join(out)


def remote_host(text: str) -> str:
    m = _REMOTE.search(text.lower())
    return m.group(1) if m else ""
