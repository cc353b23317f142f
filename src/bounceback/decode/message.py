"""Lazy, bounded MIME access shared by every detector.

The standard library's ``email`` parser builds the whole tree of every message
(with ``policy.default`` about 480 messages/s on the shared corpus). A bounce
decoder needs the top headers, the boundaries, and the text of two or three small
parts, so this module splits the raw bytes itself and decodes a part only when a
detector asks for it. Every body is capped (``MAX_PART_BYTES``) so a 20 MB
attachment costs a ``bytes.find`` and nothing more.
"""

from __future__ import annotations

import base64
import binascii
import quopri

MAX_PART_BYTES = 512 * 1024  # a report part is a few KB; the returned original can be huge
MAX_PARTS = 64
MAX_DEPTH = 4
MAX_HEADER_BYTES = 256 * 1024


class cached:  # noqa: N801 - used like functools.cached_property
    """``functools.cached_property`` without its per-instance lock (Python < 3.12 takes one on
    every first access: a fifth of decoding time). Messages are decoded by one thread."""

    __slots__ = ("fn", "name")

    def __init__(self, fn) -> None:
        self.fn, self.name = fn, fn.__name__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


def normalize_newlines(raw: bytes) -> bytes:
    """CRLF and bare CR (old Mac) to LF, so every offset below works on one kind."""
    if b"\r" not in raw:
        return raw
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def _split_head(raw: bytes) -> tuple[bytes, bytes]:
    """Split at the first empty line; a message that starts with a blank line has no header."""
    if raw.startswith(b"\n"):
        return b"", raw[1:]
    i = raw.find(b"\n\n", 0, MAX_HEADER_BYTES)
    if i < 0:
        # headers only, or no blank line in the first MAX_HEADER_BYTES
        if len(raw) <= MAX_HEADER_BYTES:
            return raw, b""
        return b"", raw
    return raw[: i + 1], raw[i + 2 :]


def parse_headers(block: bytes) -> dict[str, list[str]]:
    """Header block to {lower-name: [values]}; unfolds continuation lines.

    Lines that are not ``Name: value`` end the block (mail with a broken header is
    common in bounces; what follows is treated as body by the caller's offsets).
    """
    headers: dict[str, list[str]] = {}
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:  # raw 8-bit header (GB2312, Latin-1 ...): Latin-1 keeps every byte, no surrogates
        text = block.decode("latin-1")
    name = None
    buf: list[str] = []
    for line in text.split("\n"):
        if not line:
            continue
        first = line[0]
        if first == " " or first == "\t" or (name is not None and "=" in line and ":" not in line):
            if name is not None:  # a parameter folded without indentation ("boundary=...") continues too
                buf.append(line.strip())
            continue
        if name is not None:
            value = buf[0] if len(buf) == 1 else " ".join(buf)
            if name in headers:
                headers[name].append(value)
            else:
                headers[name] = [value]
        key, colon, rest = line.partition(":")
        if not colon or not key or " " in key.strip() or line.startswith("From "):
            name = None  # mbox "From " line or garbage: skip it
            continue
        name = key.strip().lower()
        buf = [rest.strip()]
    if name is not None:
        value = buf[0] if len(buf) == 1 else " ".join(buf)
        headers.setdefault(name, []).append(value)
    return headers


def decode_words(value: str) -> str:
    """RFC 2047 encoded words (=?charset?B?...?=) to text; plain values pass through."""
    if "=?" not in value:
        return value
    from email.errors import MessageError  # only for encoded words: saves start-up
    from email.header import decode_header, make_header

    try:
        return str(make_header(decode_header(value)))
    except (LookupError, ValueError, UnicodeError, binascii.Error, MessageError):  # CharsetError: a bogus name
        return value


def parse_params(value: str) -> tuple[str, dict[str, str]]:
    """``text/plain; charset="utf-8"`` -> ("text/plain", {"charset": "utf-8"})."""
    parts = _split_semicolons(value)
    head = parts[0].split(None, 1) if parts else []
    if len(head) == 2 and "=" in head[1]:
        parts[1:1] = [head[1]]  # "text/plain\n   charset=..." folded without its ';'
    ctype = head[0].strip().lower() if head else ""
    params: dict[str, str] = {}
    for p in parts[1:]:
        k, sep, v = p.partition("=")
        if not sep:
            continue
        v = v.strip()
        if v.startswith('"') and v.find('"', 1) > 0:
            v = v[1 : v.find('"', 1)]  # text after the closing quote is junk (a header joined in)
        params[k.strip().lower()] = v
    return ctype, params


def _split_semicolons(value: str) -> list[str]:
    if '"' not in value:
        return value.split(";")  # the common case: nothing quoted
    out, cur, quoted = [], [], False
    for ch in value:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


_CHARSET_ALIASES = {
    "x-unknown": "latin-1", "unknown-8bit": "latin-1", "us-ascii": "ascii", "ascii": "ascii",
    "iso-2022-jp": "iso2022_jp_ext", "shift-jis": "cp932", "shift_jis": "cp932", "sjis": "cp932",
    "x-sjis": "cp932", "euc-jp": "euc_jp", "gb2312": "gb18030", "gbk": "gb18030", "ks_c_5601-1987": "cp949",
    "windows-874": "cp874", "cp-850": "cp850",
}


# single-byte charsets that read every byte: UTF-8 under such a label decodes "without error" into
# mojibake ("EmpfÃ¤nger"), so bytes that are valid UTF-8 are read as UTF-8 (valid UTF-8 by chance
# in real Latin-1/Cyrillic text needs pairs like "Ã¤" and does not happen in bounce texts)
_SINGLE_BYTE = ("iso-8859", "iso8859", "latin", "windows-125", "cp125", "koi8", "us-ascii", "ascii", "cp850")


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _share(text: str, ranges: tuple[tuple[int, int], ...]) -> float:
    """The share of the text's non-ASCII characters that fall in ``ranges``."""
    wide = [ord(c) for c in text if ord(c) > 127]
    if not wide:
        return 0.0
    return sum(1 for o in wide if any(lo <= o <= hi for lo, hi in ranges)) / len(wide)


_KANA = ((0x3040, 0x30FF),)
_JAPANESE = ((0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E))
_HANGUL = ((0xAC00, 0xD7A3), (0x3130, 0x318F))
_HAN = ((0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E))


# the guess reads at most this much of the text's 8-bit lines: their script shows in a few of them,
# and a part of 512 KB of undeclared 8-bit bytes (attacker-chosen) must not be decoded six times over
GUESS_BYTES = 4 * 1024


def _eight_bit_lines(data: bytes) -> bytes:
    """The lines of the text that hold 8-bit bytes, whole, up to GUESS_BYTES: only they tell the
    charset, and the ASCII around them (headers, addresses, codes) would only cost time."""
    out: list[bytes] = []
    size = 0
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        if size + len(line) > GUESS_BYTES:
            break
        out.append(line)
        size += len(line) + 1
    return b"\n".join(out) or data[:GUESS_BYTES]


def _guess_legacy(data: bytes) -> str | None:
    """The codec of undeclared 8-bit text that is not UTF-8: Russian (KOI8-R, Windows-1251),
    Japanese (Shift_JIS, EUC-JP), Korean (EUC-KR) or Chinese (GB2312) bounces sent without a
    charset label.

    Each candidate must decode strictly and read as its script: Russian with Cyrillic letters for
    every 8-bit byte and a good share of all letters (pairs of Cyrillic letters are valid GB2312 too,
    so it is tried first; the two charsets swap the cases, and Russian text is mostly lower case),
    Japanese with kana, Korean with Hangul, Chinese inside the two-high-byte GB2312 plane. Latin-1
    text with a few accents stays Latin-1.
    """
    sample = _eight_bit_lines(data)
    best, best_lower = None, 0.5
    for codec in ("koi8_r", "cp1251"):
        text = sample.decode(codec, "replace")
        cyrillic = [c for c in text if "\u0400" <= c <= "\u04ff" and c.isalpha()]
        letters = sum(c.isalpha() for c in text)
        if _share(text, ((0x0400, 0x04FF),)) < 0.95 or len(cyrillic) < 0.3 * letters:
            continue
        lower = sum(c.islower() for c in cyrillic) / len(cyrillic)
        if lower > best_lower:
            best, best_lower = codec, lower
    if best is not None:
        return best
    for codec, ranges, need_kana in (("cp932", _JAPANESE, True), ("euc_jp", _JAPANESE, True),
                                     ("euc_kr", _HANGUL, False), ("gb2312", _HAN, False)):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if _share(text, ranges) >= 0.9 and (not need_kana or _share(text, _KANA) >= 0.1):
            return "gb18030" if codec == "gb2312" else codec
    return None


def to_text(data: bytes, charset: str = "") -> str:
    """Bytes in a declared charset to text, never failing: the charset (UTF-8 when the bytes are
    UTF-8 the charset cannot read, or UTF-8 under a single-byte label), else UTF-8, else a
    legacy CJK/Cyrillic charset the bytes read as, else Latin-1."""
    cs = (charset or "").strip().lower()
    cs = _CHARSET_ALIASES.get(cs, cs)
    if b"\x1b$" in data and not cs.startswith("iso2022"):
        cs = "iso2022_jp_ext"  # undeclared ISO-2022-JP, common in Japanese carrier bounces
    if cs and cs not in ("ascii", "utf-8", "utf8"):
        if cs.startswith(_SINGLE_BYTE) and not data.isascii():
            text = _utf8(data)
            if text is not None:
                return text
        try:
            text = data.decode(cs, "replace")
        except (LookupError, ValueError):  # an unknown charset, or a name with a NUL in it
            pass
        else:
            if "\ufffd" not in text:
                return text
            try:  # bytes the declared charset cannot read: often UTF-8 under an old label
                return data.decode("utf-8")
            except UnicodeDecodeError:
                return text
    text = _utf8(data)
    if text is not None:
        return text
    codec = _guess_legacy(data)
    return data.decode(codec, "replace") if codec else data.decode("latin-1")


class Part:
    """One MIME entity: headers parsed at once, body decoded on demand."""

    __slots__ = ("headers", "raw_body", "depth", "__dict__")

    def __init__(self, raw: bytes, depth: int = 0, *, normalized: bool = False) -> None:
        if not normalized:
            raw = normalize_newlines(raw)
        head, body = _split_head(raw)
        self.headers = parse_headers(head)
        self.raw_body = body
        self.depth = depth

    # -- headers -----------------------------------------------------------------
    def get(self, name: str, default: str = "") -> str:
        v = self.headers.get(name)
        return v[0] if v else default

    def get_all(self, name: str) -> list[str]:
        return self.headers.get(name, [])

    def decoded(self, name: str) -> str:
        return decode_words(self.get(name))

    @cached
    def content_type(self) -> str:
        v = self.get("content-type")
        ctype, self.__dict__["params"] = parse_params(v) if v else ("", {})
        return ctype or "text/plain"

    @cached
    def params(self) -> dict[str, str]:
        self.content_type  # noqa: B018 - sets params
        return self.__dict__["params"]

    @cached
    def is_multipart(self) -> bool:
        return self.content_type.startswith("multipart/") and bool(self.params.get("boundary"))

    # -- body --------------------------------------------------------------------
    @cached
    def body_bytes(self) -> bytes:
        """The body with its transfer encoding undone, capped at MAX_PART_BYTES."""
        body = self.raw_body[:MAX_PART_BYTES * 2]
        cte = self.get("content-transfer-encoding").strip().lower()
        try:
            if cte == "base64":
                body = base64.b64decode(b"".join(body.split()), validate=False)
            elif cte == "quoted-printable":
                body = quopri.decodestring(body)
        except (binascii.Error, ValueError):
            pass
        return body[:MAX_PART_BYTES]

    @cached
    def text(self) -> str:
        return to_text(self.body_bytes, self.params.get("charset", ""))

    @cached
    def parts(self) -> list[Part]:
        """Child entities of a multipart (empty otherwise); at most MAX_PARTS, MAX_DEPTH deep."""
        if not self.is_multipart or self.depth >= MAX_DEPTH:
            return []
        return [Part(chunk, self.depth + 1, normalized=True)
                for chunk in split_multipart(self.raw_body, self.params["boundary"])]

    @cached
    def attached(self) -> Part | None:
        """The message inside a message/rfc822 (or text/rfc822-headers) part."""
        if self.depth >= MAX_DEPTH:
            return None
        body = self.raw_body
        cte = self.get("content-transfer-encoding").strip().lower()
        if cte in ("base64", "quoted-printable"):
            body = self.body_bytes
        body = body.lstrip(b"\n")
        return Part(body[:MAX_PART_BYTES], self.depth + 1, normalized=True)

    def walk(self):
        """Depth-first over this entity and its descendants (not into attached messages)."""
        yield self
        for p in self.parts:
            yield from p.walk()


def split_multipart(body: bytes, boundary: str) -> list[bytes]:
    """Split a multipart body by its boundary with ``bytes.find`` (no regex, linear)."""
    delim = b"--" + boundary.encode("utf-8", "surrogateescape")
    chunks: list[bytes] = []
    pos = body.find(delim)
    if pos < 0:
        return chunks
    while len(chunks) < MAX_PARTS:
        start = body.find(b"\n", pos + len(delim))
        if start < 0 or body.startswith(b"--", pos + len(delim)):
            break  # closing delimiter
        nxt = body.find(b"\n" + delim, start)
        if nxt < 0:
            chunks.append(body[start + 1 :])
            break
        chunks.append(body[start + 1 : nxt])
        pos = nxt + 1
    return chunks


class Message(Part):
    """A whole message, with helpers every detector uses."""

    def __init__(self, raw: bytes) -> None:
        super().__init__(normalize_newlines(raw), 0, normalized=True)

    @cached
    def subject(self) -> str:
        return self.decoded("subject")

    @cached
    def sender(self) -> str:
        return self.decoded("from")

    @cached
    def leaves(self) -> list[Part]:
        return [p for p in self.walk() if not p.is_multipart]

    def first(self, *ctypes: str) -> Part | None:
        for p in self.leaves:
            if p.content_type in ctypes:
                return p
        return None

    @cached
    def body_text(self) -> str:
        """The human-readable text: the first text/plain part (or the body of a single part).

        For a single-part message this is the whole capped body, which for most
        non-standard MTAs holds the report and then the returned original.
        """
        if not self.is_multipart or not self.parts:  # a multipart whose boundary never occurs reads as text
            # an HTML-only notice (Naver's) reads like the HTML part of a multipart one
            return html_to_text(self.text) if self.content_type == "text/html" else self.text
        for p in self.leaves:
            if p.content_type == "text/plain":
                return p.text
        for p in self.leaves:
            if p.content_type == "text/html":
                return html_to_text(p.text)
        return ""


def html_to_text(html: str) -> str:
    """Crude tag stripper for HTML-only bounces (linear, no regex)."""
    out: list[str] = []
    i, n = 0, len(html)
    while i < n:
        j = html.find("<", i)
        if j < 0:
            out.append(html[i:])
            break
        out.append(html[i:j])
        k = html.find(">", j)
        if k < 0:
            break
        tag = html[j + 1 : j + 5].lower()
        if tag.startswith(("br", "p", "/p", "div", "/div", "tr", "/tr", "li")):
            out.append("\n")
        elif tag.startswith(("/td", "/th")):
            out.append("\t")  # a table's label cell and its value: "Recipient\ta@b"
        i = k + 1
    text = "".join(out)
    for ent, ch in (("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&")):
        text = text.replace(ent, ch)
    return text
