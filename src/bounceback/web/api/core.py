"""Health, explain and parse: what needs no database."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile

from ... import __version__, explain, parse
from ..auth import require_user
from ..schemas import ErrorOut, ExplanationOut, HealthOut, ParseOut
from ..uploads import messages, read_upload

router = APIRouter(prefix="/api/v1")
ERRORS = {401: {"model": ErrorOut}, 413: {"model": ErrorOut}, 422: {"model": ErrorOut}}


@router.get("/health", response_model=HealthOut, tags=["server"])
def health(request: Request) -> HealthOut:
    """Is the server up (no authentication needed)."""
    s = request.app.state.settings
    return HealthOut(version=__version__, store=s.store is not None, webhooks=list(s.webhooks.configured()))


@router.get("/explain", response_model=ExplanationOut, responses=ERRORS, tags=["explain"],
            dependencies=[Depends(require_user)])
def explain_line(q: Annotated[str, Query(min_length=1, max_length=4000,
                                        description="A reply code, enhanced status code or whole reply line",
                                        examples=["550 5.1.1 user unknown"])]) -> dict:
    """What a reply code, enhanced status code or reply line means, whose problem it is, what to do."""
    return explain(q).to_dict()


@router.post("/parse", response_model=ParseOut, responses=ERRORS, tags=["explain"],
             dependencies=[Depends(require_user)])
async def parse_upload(request: Request,
                       file: Annotated[UploadFile, File(description="A bounce (.eml) or an mbox")]) -> dict:
    """Decode an uploaded bounce (or an mbox of them): one record per failed recipient. Stores nothing."""
    data = await read_upload(file, request.app.state.settings.max_upload_bytes)
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(parse_bytes, data, file.filename or "upload")


def parse_bytes(data: bytes, label: str) -> dict:
    out, problems, n = [], [], 0
    for source, raw in messages(data, label):
        n += 1
        try:
            out.extend(b.to_dict() for b in parse(raw, source))
        except (ValueError, LookupError, UnicodeError, RecursionError, MemoryError) as exc:
            problems.append(f"{source}: cannot decode message ({type(exc).__name__})")
    return {"messages": n, "problems": problems, "bounces": out}
