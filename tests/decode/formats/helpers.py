"""Build small bounce samples for the format tests."""

from __future__ import annotations

from bounceback.decode import decode


def mime(headers: str, parts: list[tuple[str, str]], boundary: str = "==BOUNDARY==") -> bytes:
    """A multipart/report with (content-type, body) parts."""
    body = "".join(f"--{boundary}\nContent-Type: {ct}\n\n{text}\n" for ct, text in parts)
    return (f"{headers.strip()}\nMIME-Version: 1.0\nContent-Type: multipart/report; "
            f"report-type=delivery-status; boundary=\"{boundary}\"\n\n{body}--{boundary}--\n").encode()


def plain(headers: str, body: str) -> bytes:
    return f"{headers.strip()}\n\n{body}".encode()


def run(raw: bytes):
    """Deliveries of the message, also checked to read the same with CRLF and CR newlines."""
    found = decode(raw)
    for variant in (raw.replace(b"\n", b"\r\n"), raw.replace(b"\n", b"\r")):
        assert decode(variant) == found
    return found
