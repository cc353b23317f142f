"""What the store-backed routes share: the store, the error responses, time parameters."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Query, Request

from ...errors import InputError
from ...hygiene.importer import parse_time
from ...store import Store
from ..schemas import ErrorOut

ERRORS = {400: {"model": ErrorOut}, 401: {"model": ErrorOut}, 404: {"model": ErrorOut},
          422: {"model": ErrorOut}}
Since = Annotated[str, Query(max_length=40, description="How far back: 30d, 12h, 2w, or an ISO date")]


def store_of(request: Request) -> Store:
    return request.app.state.settings.store


def iso_date(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        return parse_time(value)
    except ValueError:
        raise InputError(name, f"{value!r} is not an ISO date (2026-12-01 or 2026-12-01T09:00:00Z)") from None
