"""Reading request bodies and uploads with a size cap, and splitting an upload into messages."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import HTTPException, Request, UploadFile

from ..sources.files import is_mbox, split_mbox

CHUNK = 1024 * 1024


async def read_capped(request: Request, limit: int) -> bytes:
    """The raw body, or 413 once it passes ``limit`` bytes (the length header is not trusted)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the body is larger than {limit} bytes")
    out = bytearray()
    async for chunk in request.stream():
        out += chunk
        if len(out) > limit:
            raise HTTPException(413, f"the body is larger than {limit} bytes")
    return bytes(out)


async def read_upload(upload: UploadFile, limit: int) -> bytes:
    out = bytearray()
    while chunk := await upload.read(CHUNK):
        out += chunk
        if len(out) > limit:
            raise HTTPException(413, f"the upload is larger than {limit} bytes")
    return bytes(out)


def messages(data: bytes, label: str) -> Iterator[tuple[str, bytes]]:
    """One message, or each message of an mbox as ``label:N``."""
    if not is_mbox(data[:5]):
        yield label, data
        return
    found = list(split_mbox(data))
    if len(found) == 1:
        yield label, found[0]
        return
    for n, msg in enumerate(found, 1):
        yield f"{label}:{n}", msg
