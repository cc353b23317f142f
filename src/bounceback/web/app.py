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


def _docs(app: FastAPI) -> None:
    """The OpenAPI spec and Swagger UI, behind the same authentication as the API."""
    from fastapi import Depends
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import JSONResponse

    from .auth import require_user
    from .dashboard.render import page_user

    @app.get("/api/v1/openapi.json", include_in_schema=False, dependencies=[Depends(require_user)])
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/api/docs", include_in_schema=False, dependencies=[Depends(page_user)])
    def docs():
        return get_swagger_ui_html(openapi_url="/api/v1/openapi.json", title="bounceback API",
                                   swagger_js_url="/static/vendor/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")


def create_app(settings: ServerSettings | None = None, *, tokens: TokenSource | None = None,
               sns: SnsHttp | None = None,
               record_webhook: Callable[..., int] | None = None) -> FastAPI:
    settings = settings or ServerSettings()
    app = FastAPI(title="bounceback", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.webhooks = Webhooks(settings.webhooks, sns)
    if settings.store is not None:
        from .jobs import Jobs
        from .storeside import token_source, webhook_recorder

        tokens = tokens or token_source(settings.store)
        app.state.jobs = Jobs(settings.store, settings.reputation)
        record_webhook = record_webhook or webhook_recorder(settings.store, app.state.jobs.look_up)
    app.state.auth = Authenticator(tokens or NO_TOKENS)
    app.state.record_webhook = record_webhook or _no_store
    errors.install(app)
    _docs(app)

    from .api import core, webhooks

    app.include_router(core.router)
    if settings.store is not None:
        from .api import insight, suppressions

        app.include_router(suppressions.router)
        app.include_router(insight.router)
    app.include_router(webhooks.router)

    from .dashboard import routes as dashboard
    from .dashboard.render import LoginRequired, login_redirect

    @app.exception_handler(LoginRequired)
    async def _login(_request, exc: LoginRequired):
        return login_redirect(exc.next_path)

    if settings.store is not None:
        from .dashboard import pages

        app.include_router(pages.router)
    else:
        app.include_router(dashboard.nostore_router)
    app.include_router(dashboard.router)
    static = resources.files("bounceback.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
