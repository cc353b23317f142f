"""Bytes of a text part to text, whatever the bounce says (or does not say) about its charset.

Bounces come from every mail system there is: a declared charset may be unknown, misspelt or
wrong (UTF-8 under an old ISO-8859-1 label), and Japanese, Korean, Chinese and Russian notices
are often sent with none. ``to_text`` never fails.
"""

from __future__ import annotations

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
            return _utf8(data) or text  # bytes the declared charset cannot read: often UTF-8 under an old label
    text = _utf8(data)
    if text is not None:
        return text
    codec = _guess_legacy(data)
    return data.decode(codec, "replace") if codec else data.decode("latin-1")
