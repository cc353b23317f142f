"""Addresses and their history, events, stats over time, incidents, and ingesting uploads."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile

from ...hygiene import history, report
from ...hygiene.report import since_time
from ...insights import daily, recent_events
from ...store import utcnow
from ..auth import require_user
from ..schemas import EventPageOut, HistoryOut, IncidentsOut, IngestOut, JobOut, StatsOut
from ..uploads import read_capped, read_upload
from .common import ERRORS, Since, store_of

router = APIRouter(prefix="/api/v1", dependencies=[Depends(require_user)])
Upload = Annotated[UploadFile, File(description="A bounce (.eml) or an mbox of bounces")]


@router.get("/addresses/{address}", response_model=HistoryOut, responses=ERRORS, tags=["addresses"])
def address_history(request: Request, address: str) -> dict:
    """Everything known about one address: its events, manual changes and suppressions; 404 if none."""
    h = history(store_of(request), address)
    if h.status == "unknown":
        raise HTTPException(404, f"nothing is known about {h.address}")
    return h.to_dict()


@router.get("/events", response_model=EventPageOut, responses=ERRORS, tags=["addresses"])
def events(request: Request, since: Since = "",
           address: Annotated[str, Query(max_length=320)] = "",
           reason: Annotated[str, Query(max_length=32)] = "",
           fault: Annotated[str, Query(max_length=16)] = "",
           domain: Annotated[str, Query(max_length=255)] = "",
           limit: Annotated[int, Query(ge=1, le=500)] = 50,
           offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict:
    """Bounce events, newest first."""
    start = since_time(since, utcnow()) if since else None
    return recent_events(store_of(request), address=address, reason=reason, fault=fault, domain=domain,
                         since=start, limit=limit, offset=offset).to_dict()


@router.get("/stats", response_model=StatsOut, responses=ERRORS, tags=["stats"])
def stats(request: Request, since: Since = "30d") -> dict:
    """Counts over a period (by reason, fault, receiving domain, policy effect) and a daily series."""
    store, now = store_of(request), utcnow()
    start = since_time(since, now).replace(hour=0, minute=0, second=0)  # whole UTC days, as the series
    r = report(store, since=start, now=now).to_dict()
    r.pop("incidents")
    return {**r, "daily": daily(store, since=start, now=now).to_dict()}


@router.get("/incidents", response_model=IncidentsOut, responses=ERRORS, tags=["stats"])
def incidents(request: Request, since: Since = "30d", open_only: bool = False) -> dict:
    """Sender and content incidents: a receiver refusing US, never the recipients' fault. Open ones first."""
    r = report(store_of(request), since=since)
    items = [i.to_dict() for i in r.incidents if i.open or not open_only]
    return {"since": r.to_dict()["since"], "until": r.to_dict()["until"], "incidents": items}


@router.post("/ingest", response_model=IngestOut, responses=ERRORS, tags=["ingest"])
async def ingest_upload(request: Request, file: Upload) -> dict:
    """Record an uploaded bounce or mbox and apply the policy; waits until done."""
    data = await read_upload(file, request.app.state.settings.max_upload_bytes)
    job, done = request.app.state.jobs.start(data, file.filename or "upload")
    await asyncio.wrap_future(done)
    finished = request.app.state.jobs.get(job.id)
    if finished.state == "failed":
        raise HTTPException(400, finished.error)
    return finished.summary.to_dict()


@router.post("/ingest/raw", response_model=IngestOut, responses=ERRORS, tags=["ingest"],
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
async def ingest_raw(request: Request) -> dict:
    """Record one raw message (or an mbox) sent as the request body, e.g. piped from an MTA.

    Any content type is read as bytes (``message/rfc822``, ``application/octet-stream`` ...).
    """
    data = await read_capped(request, request.app.state.settings.max_upload_bytes)
    if not data.strip():
        raise HTTPException(422, "the body is empty: send the raw message")
    job, done = request.app.state.jobs.start(data, "raw")
    await asyncio.wrap_future(done)
    finished = request.app.state.jobs.get(job.id)
    if finished.state == "failed":
        raise HTTPException(400, finished.error)
    return finished.summary.to_dict()


@router.post("/ingest/jobs", response_model=JobOut, status_code=202, responses=ERRORS, tags=["ingest"])
async def start_ingest(request: Request, file: Upload) -> dict:
    """Start ingesting an upload in the background; poll the job for progress."""
    data = await read_upload(file, request.app.state.settings.max_upload_bytes)
    job, _ = request.app.state.jobs.start(data, file.filename or "upload")
    return job.to_dict()


@router.get("/ingest/jobs/{job_id}", response_model=JobOut, responses=ERRORS, tags=["ingest"])
def ingest_job(request: Request, job_id: str) -> dict:
    """An ingest job's progress: messages read of the total, then the summary."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "no such ingest job")
    return job.to_dict()
