"""Linear-time text patterns (Google RE2) for attacker-controlled bounce text.

Bounce text comes from strangers: a backtracking engine can be made to run for
minutes by one crafted reply line (Sisimai #492, CVE-2022-4891). Every pattern
that runs on message content goes through this module, which only builds RE2
automata. Structure (header blocks, boundaries) is parsed with ``str``/``bytes``
methods instead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

import re2

__all__ = ["compile", "any_of", "PhraseTable", "normalize", "reply_text", "error"]

error = re2.error


_UNANCHORED = re2._Anchor.UNANCHORED
_ANCHOR_START = re2._Anchor.ANCHOR_START
_NO_MATCH = (-1, -1)


class Pattern(re2._Regexp):
    """An RE2 pattern with a fast path for ASCII text, which is most of any bounce.

    The ``re2`` wrapper maps every str offset to a UTF-8 byte offset and back, and
    wraps each search in a generator; that costs more than the match itself on the
    short texts decoders search. For ASCII text the offsets are the same, so the
    automaton runs on the encoded bytes and its spans are used as they come.
    Any other text takes the wrapper's own path.
    """

    __slots__ = ()

    def _first(self, anchor, text):
        if text.__class__ is str and text.isascii():
            data = text.encode("ascii")
            spans = self._regexp.Match(anchor, data, 0, len(data))
            return None if spans[0] == _NO_MATCH else re2._Match(self, text, 0, len(text), spans)
        return next(self._match(anchor, text), None)

    def search(self, text, pos=None, endpos=None):
        if pos is None and endpos is None:
            return self._first(_UNANCHORED, text)
        return super().search(text, pos, endpos)

    def match(self, text, pos=None, endpos=None):
        if pos is None and endpos is None:
            return self._first(_ANCHOR_START, text)
        return super().match(text, pos, endpos)

    def finditer(self, text, pos=None, endpos=None):
        if pos is not None or endpos is not None or text.__class__ is not str or not text.isascii():
            return super().finditer(text, pos, endpos)
        return self._ascii_iter(text)

    def _ascii_iter(self, text: str):
        data, at, end = text.encode("ascii"), 0, len(text)
        while True:
            spans = self._regexp.Match(_UNANCHORED, data, at, end)
            if spans[0] == _NO_MATCH:
                return
            yield re2._Match(self, text, at, end, spans)
            if at == end:
                return
            at = at + 1 if at == spans[0][1] else spans[0][1]  # past an empty match, as the wrapper does


def compile(pattern: str, *, ignore_case: bool = True) -> Pattern:  # noqa: A001 - mirrors re.compile
    """Compile one RE2 pattern (case-insensitive by default)."""
    opts = re2.Options()
    opts.case_sensitive = not ignore_case
    return Pattern(pattern, opts)


def any_of(literals: Iterable[str], *, ignore_case: bool = True):
    """One pattern matching any of the literal strings: a single linear pass finds the leftmost."""
    return compile("|".join(re2.escape(s) for s in literals), ignore_case=ignore_case)


def normalize(text: str) -> str:
    """Lower case and single spaces: the form every phrase table is written against.

    Text that is not ASCII is first brought to Unicode compatibility form (NFKC), so the
    full-width letters, digits and spaces of CJK mail ("ＩＰアドレス", "５５０　ユーザー") and the
    half-width katakana of Japanese carriers' notices ("ﾕｰｻﾞｰ") read like the forms the
    phrase tables are written in.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.lower().split())


# The code that opens each line of a multi-line reply (RFC 5321 §4.2.1): "550-5.7.1 The IP
# you're using to send mail is not authorized to 550-5.7.1 send email directly ... 550 5.7.1
# service provider" is one sentence once the codes of its lines are gone. A code followed by
# "-" opens a line of such a reply, the same code followed by a space its last line.
_REPLY_LINE = compile(r"\s([245][0-5]\d)(?:-|( ))(?:[245]\.\d{1,3}\.\d{1,3}(?:\s|$))?")


def reply_text(text: str) -> str:
    """``normalize`` and drop the line codes of a multi-line reply but the one the text starts with."""
    norm = normalize(text)
    if "-" not in norm:
        return norm
    found = list(_REPLY_LINE.finditer(norm))
    multi = {m.group(1) for m in found if m.group(2) is None}
    if not multi:
        return norm
    out, at = [], 0
    for m in found:
        if m.group(1) in multi:
            out.append(norm[at:m.start()])
            at = m.end()
            out.append(" " if at < len(norm) else "")
    out.append(norm[at:])
    return "".join(out)


def lower_pattern(pattern: str) -> str:
    """A pattern in lower case, escapes untouched (``\\S`` stays "not a space", ``\\x41`` stays "A")."""
    if "\\" not in pattern:
        return pattern.lower()
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            j = i + 2
            if pattern[i + 1] in "pPx" and j < n and pattern[j] == "{":  # \p{Greek}, \x{2019}
                j = pattern.find("}", j) + 1 or n
            out.append(pattern[i:j])
            i = j
            continue
        out.append(c.lower())
        i += 1
    return "".join(out)


_READS_ASCII: dict[str, bool] = {}  # answers of reads_ascii for non-ASCII patterns (the knowledge cache keeps them)


def remember_reads_ascii(answers: dict[str, bool]) -> None:
    """Answers of ``reads_ascii`` worked out before (the parse below costs ~25 µs a pattern)."""
    _READS_ASCII.update(answers)


def reads_ascii(pattern: str) -> bool:
    """Whether the (lower-cased) pattern can match a text of ASCII characters only.

    Read from the pattern's syntax tree (Python's ``re`` parser reads the RE2 syntax the tables
    use): a non-ASCII literal is needed unless an alternative, an optional part or a character
    class offers an ASCII way round it ("empf(?:ä|ae)nger" can, "宛先" cannot). What the parser
    does not read is taken to match ASCII, which is always safe.
    """
    if pattern.isascii():
        return True
    known = _READS_ASCII.get(pattern)
    if known is None:
        known = _READS_ASCII[pattern] = _parse_reads_ascii(pattern)
    return known


def _parse_reads_ascii(pattern: str) -> bool:
    try:
        from re import _constants as c  # only for the few tables with non-ASCII phrases
        from re import _parser
        tree = _parser.parse(pattern)
    except Exception:  # noqa: BLE001 - RE2-only syntax (\p{..}, \x{..}): assume it can
        return True

    def can(sub) -> bool:
        for op, av in sub:
            if op is c.LITERAL and av > 127:
                return False
            if op is c.IN and not any(o in (c.NEGATE, c.CATEGORY) or (o is c.LITERAL and a < 128)
                                      or (o is c.RANGE and a[0] < 128) for o, a in av):
                return False
            if op is c.BRANCH and not any(can(b) for b in av[1]):
                return False
            if op is c.SUBPATTERN and not can(av[-1]):
                return False
            if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] > 0 and not can(av[2]):
                return False
        return True

    return can(tree)


class PhraseTable:
    """Many labelled patterns searched in one pass with an RE2 Set.

    ``first(text)`` returns the label of the earliest entry (in insertion order)
    whose pattern occurs in ``text``; the order of entries is the priority.

    Matching ignores case the cheap way: patterns are lower-cased once and texts
    before each search, so the automaton is built case-sensitive. Its compiled
    program and the states it builds while matching are smaller than with RE2's
    own case folding, which keeps start-up and the first searches quick. Texts
    given as bytes must be lower case already (``normalize`` makes them so).

    Most bounce texts are ASCII, and the phrases of Japanese, Chinese, Korean or Russian
    servers can never match them: those phrases form a second set, compiled and searched
    only for texts that are not ASCII. The first set's automaton then builds fewer, smaller
    states for the texts most bounces have.
    """

    __slots__ = ("_set", "_index", "_wide", "_wide_index", "_wide_ready", "_labels", "_patterns", "_empty")

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        self._set, self._wide = self._new_set(), self._new_set()
        self._index: list[int] = []  # the entry number of each pattern of the ASCII set ...
        self._wide_index: list[int] = []  # ... and of the set searched only for other texts
        self._labels: list[str] = []
        self._patterns: list[str] = []
        for label, pattern in entries:
            low = lower_pattern(pattern)
            ascii_ok = reads_ascii(low)
            try:
                (self._set if ascii_ok else self._wide).Add(low)
            except re2.error as exc:
                raise ValueError(f"bad pattern for {label!r}: {pattern!r}: {exc}") from None
            (self._index if ascii_ok else self._wide_index).append(len(self._labels))
            self._labels.append(label)
            self._patterns.append(pattern)
        self._empty = not self._labels
        if self._index:
            self._set.Compile()
        self._wide_ready = False  # compiled on the first text that is not ASCII

    @staticmethod
    def _new_set():
        opts = re2.Options()
        opts.case_sensitive = True  # lower case on both sides instead (see above)
        opts.never_capture = True
        # room for the lazily built DFA of a table of ~1,500 phrases: with RE2's default 8 MB
        # the DFA cache keeps resetting and every search pays for rebuilding it
        opts.max_mem = 64 << 20
        return re2.Set.SearchSet(opts)

    def __len__(self) -> int:
        return len(self._labels)

    def _wide_hits(self, text: str | bytes) -> list[int]:
        if not self._wide_index or text.isascii():
            return []
        if not self._wide_ready:
            self._wide.Compile()
            self._wide_ready = True
        return [self._wide_index[i] for i in self._wide.Match(text) or ()]

    def matches(self, text: str | bytes) -> list[int]:
        """Indexes of the entries found (text may be UTF-8 bytes, to encode a text once for many tables)."""
        if self._empty or not text:
            return []
        text = text.lower() if isinstance(text, str) else text
        hits = [self._index[i] for i in self._set.Match(text) or ()] if self._index else []
        return sorted(hits + self._wide_hits(text))

    def found(self, text: str | bytes) -> bool:
        if self._empty or not text:
            return False
        text = text.lower() if isinstance(text, str) else text
        return bool(self._index and self._set.Match(text)) or bool(self._wide_hits(text))

    def first(self, text: str | bytes) -> tuple[str, str] | None:
        """(label, pattern) of the highest-priority match, or None."""
        hits = self.matches(text)
        if not hits:
            return None
        i = hits[0]
        return self._labels[i], self._patterns[i]

    def labels(self, text: str) -> Sequence[str]:
        return [self._labels[i] for i in self.matches(text)]
