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

from .charset import to_text

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
