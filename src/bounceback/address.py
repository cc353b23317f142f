"""Email addresses as keys: one normal form, and a cheap test that a string is one.

Addresses are compared case-insensitively everywhere (the local part is
case-sensitive by RFC 5321 §2.4, but no mailbox provider treats it so, and a
list that holds ``Jane@x`` and ``jane@x`` holds one person twice).
"""

from __future__ import annotations

_FORBIDDEN = frozenset(' \t\r\n<>(),;:"[]\\') | frozenset(chr(c) for c in range(32)) | {"\x7f"}
_DOMAIN_FORBIDDEN = _FORBIDDEN | frozenset("@!#$%&'*+/=?^`{|}~_")


def normalize(text: str) -> str | None:
    """``text`` as a lower-case address, or None when it is not a plausible address.

    Accepts the usual decorations (``<a@b>``, ``mailto:a@b``, surrounding space).
    This is a sanity check for list data, not an RFC 5322 parser: address literals
    are rejected because mailing lists never hold them. Dots anywhere in the local part
    are accepted: docomo and au addresses made before 2009 hold ``..`` or end in ``.``,
    still receive mail, and their bounces write them quoted (``"a..b."@docomo.ne.jp``),
    which is unquoted here to the form the list holds.
    """
    s = text.strip()
    if s.startswith("<") and s.endswith(">"):
        s = s[1:-1].strip()
    if s[:7].lower() == "mailto:":
        s = s[7:]
    if not s.isprintable():  # control characters, or bytes that were not UTF-8 (surrogate escapes)
        return None
    local, at, domain = s.rpartition("@")
    if len(local) > 2 and local[0] == '"' and local[-1] == '"':
        local = local[1:-1]  # a quoted local part; one that needs its quotes is refused below
    if not at or not local or not domain or len(local) > 64 or len(domain) > 255:
        return None
    if any(ch in _FORBIDDEN for ch in local) or any(ch in _DOMAIN_FORBIDDEN for ch in domain):
        return None
    if "@" in local or local.strip(".") == "":
        return None
    labels = domain.rstrip(".").split(".")
    if len(labels) < 2 or any(not label or len(label) > 63 or label.startswith("-") or label.endswith("-")
                               for label in labels):
        return None
    return f"{local}@{'.'.join(labels)}".lower()


def domain_of(address: str) -> str:
    return address.rpartition("@")[2]
