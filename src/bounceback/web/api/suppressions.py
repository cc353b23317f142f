"""``/api/v1/suppressions``: check one address (fast), search, add, remove with a note, export CSV."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from sqlalchemy import select

from ...hygiene import check, suppressions
from ...hygiene.views import EventView
from ...insights import search_suppressions
from ...store import Store
from ...store.models import Event
from ..auth import require_user
from ..schemas import ChangesOut, CheckOut, SuppressIn, SuppressionPageOut
from .common import ERRORS, iso_date, store_of

router = APIRouter(prefix="/api/v1/suppressions", tags=["suppressions"], dependencies=[Depends(require_user)])
MAX_EVIDENCE = 200


def evidence_events(store: Store, ids: tuple[int, ...]) -> list[dict]:
    if not ids:
        return []
    rows = store.read(lambda s: s.scalars(select(Event).where(Event.id.in_(ids[:MAX_EVIDENCE]))
                                          .order_by(Event.event_at, Event.id)).all())
    return [EventView.of(e, "").to_dict() for e in rows]


@router.get("", response_model=SuppressionPageOut, responses=ERRORS)
def search(request: Request,
           q: Annotated[str, Query(max_length=320, description="Part of the address")] = "",
           reason: Annotated[str, Query(max_length=32)] = "",
           kind: Annotated[str, Query(max_length=16, description="suppressed | unsubscribed")] = "",
           cause: Annotated[str, Query(max_length=32)] = "",
           include_ended: bool = False,
           limit: Annotated[int, Query(ge=1, le=500)] = 50,
           offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict:
    """Suppressions in force (or every one, with include_ended), newest first, filtered."""
    return search_suppressions(store_of(request), q=q, reason=reason, kind=kind, cause=cause,
                               include_ended=include_ended, limit=limit, offset=offset).to_dict()


@router.post("", response_model=ChangesOut, responses=ERRORS)
def add(request: Request, body: SuppressIn) -> dict:
    """Suppress addresses by hand, with a note saying why (for good, or until a date)."""
    until = iso_date(body.until, "until")
    changes = suppressions.add(store_of(request), body.addresses, note=body.note, kind=body.kind, until=until)
    return {"changes": [c.to_dict() for c in changes]}


@router.get("/export.csv", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}, 401: ERRORS[401]})
def export_csv(request: Request, include_ended: bool = False) -> StreamingResponse:
    """Suppressions as CSV (``bounceback suppressions import`` reads it back)."""
    buf = io.StringIO()
    suppressions.export(store_of(request), buf, include_ended=include_ended)
    return StreamingResponse(iter([buf.getvalue()]), media_type="text/csv",
                             headers={"Content-Disposition": 'attachment; filename="suppressions.csv"'})


@router.get("/{address}", response_model=CheckOut, responses=ERRORS, summary="Check one address")
async def check_one(request: Request, address: str) -> JSONResponse:
    """200 with the suppression in force and the events it rests on; 404 when the address may be mailed.

    The hot path of a sending pipeline: two indexed reads run right on the event loop (no thread
    hop) and the answer is serialised directly (it is built from ``to_dict``, already the schema).
    """
    store = store_of(request)
    [c] = check(store, [address])
    if c.status == "invalid":
        raise HTTPException(422, f"{address!r} is not an email address")
    if c.suppression is None:
        raise HTTPException(404, f"{c.address} is not suppressed ({c.status})")
    return JSONResponse({**c.to_dict(), "evidence": evidence_events(store, c.suppression.evidence)})


@router.delete("/{address}", response_model=ChangesOut, responses=ERRORS)
def remove(request: Request, address: str,
           note: Annotated[str, Query(min_length=1, max_length=2000, description="Why (kept with the change)")]
           ) -> dict:
    """End the suppression in force (it stays in the history with the note); 404 when there is none."""
    [c] = suppressions.remove(store_of(request), [address], note=note)
    if c.outcome == "invalid":
        raise HTTPException(422, f"{address!r} is not an email address")
    if c.outcome == "not suppressed":
        raise HTTPException(404, f"{c.address} is not suppressed")
    return {"changes": [c.to_dict()]}
