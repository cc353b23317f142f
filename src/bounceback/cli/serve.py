"""``bounceback serve``: the REST API, the ESP webhooks and the dashboard (FastAPI + uvicorn)."""

from __future__ import annotations

import json
import sys

import click

from .common import json_option, store_options


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs an API token to exist first.")
@click.option("--port", default=8750, show_default=True, type=click.IntRange(0, 65535))
@store_options
@click.option("--secure-cookies", is_flag=True, help="Mark the login cookie Secure (when served over HTTPS).")
@json_option
def command(host: str, port: int, db: str | None, config_path: str | None, secure_cookies: bool,
            as_json: bool) -> None:
    """Serve the API (/api/v1, docs at /api/docs), webhooks (/webhooks/...) and the dashboard (/).

    Refuses to listen beyond loopback until an API token exists (bounceback token create NAME).
    """
    import uvicorn

    from ..config import load_config
    from ..sources.webhooks import WebhookSettings
    from ..store import Store
    from ..web import ServerSettings, create_app
    from ..web.logs import log_config
    from ..web.settings import check_bind

    config = load_config(config_path)  # [webhooks] secrets live next to the policy and [store] settings
    store = Store.open(db, config)
    settings = ServerSettings(webhooks=WebhookSettings.from_table(config.raw.get("webhooks")), store=store,
                              secure_cookies=secure_cookies)
    app = create_app(settings)
    check_bind(host, app.state.auth.required())
    started = {"url": f"http://{host}:{port}/", "api": f"http://{host}:{port}/api/docs",
               "db": store.label,
               "auth_required": app.state.auth.required(), "webhooks": list(settings.webhooks.configured())}
    if as_json:
        sys.stdout.write(json.dumps(started) + "\n")
        sys.stdout.flush()
    else:
        click.echo(f"bounceback dashboard on {started['url']}  (API docs: {started['api']})", err=True)
    uvicorn.run(app, host=host, port=port, log_config=log_config(as_json), server_header=False)
