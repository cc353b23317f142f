"""Rendering pages: the layout's context (navigation, login state) and the login redirect."""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ... import __version__
from ..auth import user_of

NAV = (("/", "Overview"), ("/suppressions", "Suppressions"), ("/explain", "Explain"), ("/upload", "Upload"))

templates = Jinja2Templates(directory=str(resources.files("bounceback.web").joinpath("templates")))


class LoginRequired(Exception):
    """Raised by ``page_user``; the app answers with a redirect to the login page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def page_user(request: Request) -> Any:
    """Dependency of every page but login: the caller, or a redirect to /login."""
    user = user_of(request)
    if user is None:
        raise LoginRequired(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    return user


def login_redirect(next_path: str) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(next_path, safe='/')}", status_code=303)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    user = user_of(request)
    base = {"nav": NAV, "active": context.pop("active", request.url.path), "version": __version__,
            "open_mode": user is True, "logged_in": user not in (None, True), "title": "bounceback"}
    return templates.TemplateResponse(request, template, {**base, **context}, status_code=status)
