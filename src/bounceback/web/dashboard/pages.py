"""Dashboard pages over the store: overview, suppression browser, address history, upload."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ... import knowledge
from ...errors import InputError
from ...hygiene import history, report, suppressions
from ...hygiene.report import since_time
from ...hygiene.views import EventView
from ...insights import daily, search_suppressions, suppression_reasons
from ...store import Store, utcnow
from ..api.suppressions import evidence_events
from .render import is_htmx, page_user, render

router = APIRouter(include_in_schema=False)
User = Annotated[object, Depends(page_user)]
PERIODS = ("7d", "30d", "90d")
TOP = 8
CAUSES = {"hard_bounce": "Dead address", "complaint": "Complaint", "opt_out": "Opted out",
          "soft_bounces": "Repeated soft bounces", "soft_bounce_after_expiry": "Soft bounce after a second chance",
          "manual": "By hand"}


def _store(request: Request) -> Store:
    return request.app.state.settings.store


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, _user: User, since: str = "30d") -> Response:
    store, now = _store(request), utcnow()
    period = since if since in PERIODS else "30d"
    start = since_time(period, now).replace(hour=0, minute=0, second=0)  # whole UTC days, as the charts
    r = report(store, since=start, now=now)
    series = daily(store, since=r.since, now=now)
    reasons = knowledge.reasons()
    charts = {
        "daily": series.to_dict(),
        "daily_faults": [[fault, list(counts)] for fault, counts in series.failures_by_fault],  # in FAULTS order
        "by_fault": [list(kv) for kv in r.by_fault],
        "top_reasons": [[reason, n, reasons.get(reason, {}).get("fault", "unknown")] for reason, n in r.by_reason
                        if reason not in ("delivered",)][:TOP],
        "top_domains": [list(kv) for kv in r.by_domain[:TOP]],
    }
    in_force = search_suppressions(store, limit=1, now=now).total
    dead = sum(n for effect, n in r.by_effect if effect == "suppress")
    return render(request, "overview.html", title="Overview", report=r, charts=charts, period=period,
                  periods=PERIODS, in_force=in_force, dead=dead, db_label=store.label,
                  added_total=sum(n for _, n in r.suppressions_added), causes=CAUSES,
                  open_incidents=[i for i in r.incidents if i.open],
                  closed_incidents=[i for i in r.incidents if not i.open])


@router.get("/suppressions", response_class=HTMLResponse)
def suppression_browser(request: Request, _user: User, q: str = "", reason: str = "", kind: str = "",
                        include_ended: bool = False, offset: int = 0) -> Response:
    store = _store(request)
    q, reason, kind = q[:320], reason[:32], kind[:16]
    page = search_suppressions(store, q=q, reason=reason, kind=kind, include_ended=include_ended,
                               offset=max(0, min(offset, 10_000_000)), limit=50)

    def pager(at: int) -> str:
        params = {k: v for k, v in (("q", q), ("reason", reason), ("kind", kind)) if v}
        if include_ended:
            params["include_ended"] = "true"
        params["offset"] = str(max(0, at))
        return "/suppressions?" + urlencode(params)

    ctx = {"page": page, "pager": pager, "q": q, "reason": reason, "kind": kind, "include_ended": include_ended}
    if is_htmx(request) and request.headers.get("hx-target") == "results":
        return render(request, "partials/suppression_rows.html", **ctx)
    return render(request, "suppressions.html", title="Suppressions", reasons=suppression_reasons(store), **ctx)


@router.get("/suppressions/evidence", response_class=HTMLResponse)
def evidence(request: Request, _user: User, address: str) -> Response:
    store = _store(request)
    h = history(store, address)
    current = h.current or (h.suppressions[-1] if h.suppressions else None)
    ids = current.evidence if current else ()
    events = [_event(e) for e in evidence_events(store, ids)]
    return render(request, "partials/evidence.html", events=events,
                  empty="" if current else "No suppression for this address.")


def _event(d: dict) -> EventView:
    at = datetime.fromisoformat(d["at"].rstrip("Z"))
    return EventView(d["id"], at, d["dated_by"], d["address"], d["reason"], d["fault"], d["hard_bounce"],
                     d["status"], d["reply_code"], d["feedback_type"], d["diagnostic"], d["receiver"], d["source"],
                     d["decoded_by"], d["original_message_id"], d["campaign"], d["list_id"], d["advice"], d["outcome"])


@router.post("/suppressions/remove", response_class=HTMLResponse)
def remove_from_browser(request: Request, _user: User, address: Annotated[str, Form()],
                        note: Annotated[str, Form()] = "") -> Response:
    try:
        [c] = suppressions.remove(_store(request), [address], note=note)
    except InputError as exc:
        return render(request, "partials/removed.html", status=422, message=str(exc))
    message = (f"Un-suppressed {c.address}. The note is kept in its history; a later bounce can suppress it again."
               if c.outcome == "removed" else f"{c.address}: {c.outcome}.")
    return render(request, "partials/removed.html", message=message)


@router.get("/addresses/{address}", response_class=HTMLResponse)
def address_page(request: Request, _user: User, address: str, message: str = "") -> Response:
    h = history(_store(request), address)
    items = [{"type": "event", "at": e.at, "item": e} for e in h.events]
    items += [{"type": "manual", "at": m.at, "item": m} for m in h.manual]
    items.sort(key=lambda it: it["at"], reverse=True)
    return render(request, "address.html", title=h.address, h=h, items=items, message=message[:300],
                  active="")


@router.post("/addresses/{address}/{action}")
def change_address(request: Request, _user: User, address: str, action: str,
                   note: Annotated[str, Form()] = "") -> Response:
    store = _store(request)
    try:
        if action == "suppress":
            [c] = suppressions.add(store, [address], note=note)
        elif action == "unsuppress":
            [c] = suppressions.remove(store, [address], note=note)
        else:
            return render(request, "partials/removed.html", status=404, message="no such action")
        message = f"{c.address}: {c.outcome}."
    except InputError as exc:
        message = str(exc)
    return RedirectResponse(f"/addresses/{quote(address, safe='@')}?message={quote(message)}", status_code=303)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, _user: User) -> Response:
    return render(request, "upload.html", title="Upload",
                  max_mb=request.app.state.settings.max_upload_bytes // (1024 * 1024))
