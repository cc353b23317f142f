"""Dashboard pages that need no database: explain, login, logout; the others live beside this module."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ... import explain
from ..api.core import parse_bytes
from ..auth import COOKIE
from .render import is_htmx, page_user, render

router = APIRouter(include_in_schema=False)
User = Annotated[object, Depends(page_user)]

EXAMPLES = ("550 5.1.1 user unknown", "452 4.2.2 mailbox full", "554 5.7.1 blocked using zen.spamhaus.org",
            "5.7.26", "421")
MAX_PASTE = 2_000_000


def looks_like_message(text: str) -> bool:
    """A pasted bounce (header lines, then a body) rather than a code or a reply line."""
    lines = text.lstrip().splitlines()
    if len(lines) < 3:
        return False
    head = lines[0].split(":", 1)[0]
    return ":" in lines[0] and bool(head) and " " not in head and head.replace("-", "").isalnum()


def answer(q: str) -> dict:
    q = q.strip()[:MAX_PASTE]
    if looks_like_message(q):
        return {"parsed": parse_bytes(q.encode("utf-8", "surrogateescape"), "pasted message")}
    return {"explanation": explain(" ".join(q.split())[:4000])} if q else {}


@router.get("/explain", response_class=HTMLResponse)
def explain_page(request: Request, _user: User, q: str = "") -> Response:
    result = answer(q) if q else {}
    return render(request, "explain.html", q=q, examples=EXAMPLES, title="Explain", **result)


@router.post("/explain", response_class=HTMLResponse)
async def explain_post(request: Request, _user: User, q: Annotated[str, Form()] = "") -> Response:
    result = await run_in_threadpool(answer, q)
    if is_htmx(request):
        if "parsed" in result:
            p = result["parsed"]
            return render(request, "partials/bounces.html", bounces=p["bounces"], messages=p["messages"],
                          problems=p["problems"])
        if "explanation" in result:
            return render(request, "partials/explanation.html", e=result["explanation"])
        return HTMLResponse("")
    return render(request, "explain.html", q=q, examples=EXAMPLES, title="Explain", **result)


nostore_router = APIRouter(include_in_schema=False)


@nostore_router.get("/", response_class=HTMLResponse)
@nostore_router.get("/suppressions", response_class=HTMLResponse)
@nostore_router.get("/upload", response_class=HTMLResponse)
def without_store(request: Request, _user: User) -> Response:
    return render(request, "nostore.html", status=503, title="No database")


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:  # noqa: A002
    return render(request, "login.html", next=_safe_next(next), title="Log in", error="")


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/") -> Response:  # noqa: A002
    auth = request.app.state.auth
    if auth.verify(token.strip()) is None:
        return render(request, "login.html", status=401, next=_safe_next(next), title="Log in",
                      error="That token is not valid (or was revoked).")
    resp = RedirectResponse(_safe_next(next), status_code=303)
    resp.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict",
                    secure=request.app.state.settings.secure_cookies, max_age=14 * 24 * 3600)
    return resp


@router.post("/logout")
def logout() -> Response:
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(COOKIE)
    return resp


def _safe_next(path: str) -> str:
    """Only a path on this server (no //host, no scheme): no open redirect."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"
