"""``bounceback serve``: the REST API, the ESP webhooks and the dashboard (FastAPI + uvicorn)."""

from __future__ import annotations

import json
import sys

import click

from .common import json_option


def _store_and_webhooks(db: str | None, config_path: str | None):
    """(store or None, the [webhooks] table). Without the store package the server runs without a database."""
    try:
        from ..config import load_config
        from ..store import Store
    except ImportError:  # the store is not part of this build yet: explain, parse and webhooks only
        from ..web.config import read_config

        return None, read_config(config_path).get("webhooks")
    config = load_config(config_path)
    return Store.open(db, config), config.raw.get("webhooks")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs an API token to exist first.")
@click.option("--port", default=8750, show_default=True, type=click.IntRange(0, 65535))
@click.option("--db", metavar="PATH|URL", default=None,
              help="SQLite file or database URL (default: $BOUNCEBACK_DB, [store] db, else the user data folder).")
@click.option("--config", "config_path", metavar="FILE", default=None,
              help="bounceback.toml with [webhooks] secrets (default: $BOUNCEBACK_CONFIG, ./bounceback.toml).")
@click.option("--secure-cookies", is_flag=True, help="Mark the login cookie Secure (when served over HTTPS).")
@json_option
def command(host: str, port: int, db: str | None, config_path: str | None, secure_cookies: bool,
            as_json: bool) -> None:
    """Serve the API (/api/v1, docs at /api/docs), webhooks (/webhooks/...) and the dashboard (/).

    Refuses to listen beyond loopback until an API token exists (bounceback token create NAME).
    """
    import uvicorn

    from ..sources.webhooks import WebhookSettings
    from ..web import ServerSettings, create_app
    from ..web.logs import log_config
    from ..web.settings import check_bind

    store, webhooks = _store_and_webhooks(db, config_path)
    settings = ServerSettings(webhooks=WebhookSettings.from_table(webhooks), store=store,
                              secure_cookies=secure_cookies)
    app = create_app(settings)
    check_bind(host, app.state.auth.required())
    started = {"url": f"http://{host}:{port}/", "api": f"http://{host}:{port}/api/docs",
               "db": store.label if store is not None else None,
               "auth_required": app.state.auth.required(), "webhooks": list(settings.webhooks.configured())}
    if as_json:
        sys.stdout.write(json.dumps(started) + "\n")
        sys.stdout.flush()
    else:
        click.echo(f"bounceback dashboard on {started['url']}  (API docs: {started['api']})", err=True)
    uvicorn.run(app, host=host, port=port, log_config=log_config(as_json), server_header=False)
