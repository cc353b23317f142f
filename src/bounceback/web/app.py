"""The FastAPI application: API routes, webhook endpoints, dashboard pages and static assets."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..sources.webhooks import Webhooks
from ..sources.webhooks.ses import SnsHttp
from . import errors
from .auth import NO_TOKENS, Authenticator, TokenSource
from .settings import ServerSettings

DESCRIPTION = """Turn email bounces and delivery logs into clear answers and a clean mailing list.

Every endpoint but `/api/v1/health` and the webhooks needs `Authorization: Bearer <token>`
(`bounceback token create NAME`) once any token exists. Webhooks are verified by each
provider's own signature instead. Errors are `{"error": "..."}` with a 4xx status.
"""


def _no_store(_received, _bounces) -> int:
    return 0


def create_app(settings: ServerSettings | None = None, *, tokens: TokenSource | None = None,
               sns: SnsHttp | None = None,
               record_webhook: Callable[..., int] | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    app = FastAPI(title="bounceback", version=__version__, description=DESCRIPTION,
                  docs_url="/api/docs", redoc_url=None, openapi_url="/api/v1/openapi.json")
    app.state.settings = settings
    app.state.webhooks = Webhooks(settings.webhooks, sns)
    app.state.auth = Authenticator(tokens or NO_TOKENS)
    app.state.record_webhook = record_webhook or _no_store
    errors.install(app)

    from .api import core, webhooks

    app.include_router(core.router)
    app.include_router(webhooks.router)

    from .dashboard import routes as dashboard
    from .dashboard.render import LoginRequired, login_redirect

    @app.exception_handler(LoginRequired)
    async def _login(_request, exc: LoginRequired):
        return login_redirect(exc.next_path)

    app.include_router(dashboard.router)
    static = resources.files("bounceback.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
