"""``bounceback demo``: fill a database with a month of a newsletter's bounces, to try the dashboard."""

from __future__ import annotations

import click

from .common import json_option, open_store, print_json, store_options


@click.command("demo")
@store_options
@json_option
def command(db: str | None, config_path: str | None, as_json: bool) -> None:
    """Ingest generated bounce messages (real formats, invented people) into the database.

    \b
      bounceback demo --db demo.db && bounceback serve --db demo.db
    """
    from ..web.demo import build

    with open_store(db, config_path) as store:
        summary = build(store)
    if as_json:
        print_json({"db": store.label, **summary.to_dict()})
    else:
        click.echo(f"{store.label}: {summary.count('recorded')} demo bounces recorded "
                   f"({summary.count('already ingested')} were there already), {summary.events} new events; "
                   f"now run: bounceback serve{' --db ' + db if db else ''}")
