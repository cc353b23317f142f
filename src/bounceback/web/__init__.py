"""``bounceback serve``: the REST API, the ESP webhook endpoints and the dashboard.

    from bounceback.web import create_app, ServerSettings
    app = create_app(ServerSettings())          # a FastAPI app; uvicorn serves it

Thin over the Python API: every route calls ``bounceback`` (parse, explain),
``bounceback.sources.webhooks`` or the store, and turns the frozen records it
gets back into JSON or HTML.
"""

from __future__ import annotations

from .app import create_app
from .settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
