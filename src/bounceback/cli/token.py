"""``bounceback token create|list|revoke``: API tokens for ``bounceback serve``."""

from __future__ import annotations

import click

from .common import json_option, open_store, print_json, store_options, when


@click.group("token")
def command() -> None:
    """API tokens for the server's API and dashboard (sent as Authorization: Bearer TOKEN).

    Once any token exists, every endpoint but health needs one; serve listens
    beyond loopback only then. Tokens are stored hashed: a lost token cannot be
    shown again, revoke it and create another.
    """


@command.command("create")
@click.argument("name")
@store_options
@json_option
def create_command(name: str, db, config_path, as_json: bool) -> None:
    """Create a token called NAME and print it (the only time it is shown)."""
    from ..store.tokens import create_token

    with open_store(db, config_path) as store:
        record, secret = create_token(store, name)
    if as_json:
        print_json({"token": secret})
        return
    click.echo(secret)
    click.echo(f"bounceback: token {record.name!r} created ({record.prefix}…); it is not shown again", err=True)


@command.command("list")
@click.option("--all", "include_revoked", is_flag=True, help="Also list revoked tokens.")
@store_options
@json_option
def list_command(include_revoked: bool, db, config_path, as_json: bool) -> None:
    """List tokens: name, prefix, when made and last used (never the tokens themselves)."""
    from ..store.tokens import list_tokens

    with open_store(db, config_path) as store:
        tokens = list_tokens(store, include_revoked=include_revoked)
    if as_json:
        print_json([t.to_dict() for t in tokens])
        return
    if not tokens:
        click.echo("No tokens. Create one with: bounceback token create NAME")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    for col in ("name", "prefix", "created", "last used", "revoked"):
        table.add_column(col)
    for t in tokens:
        table.add_row(t.name, t.prefix + "…", when(t.created_at), when(t.last_used_at), when(t.revoked_at))
    Console().print(table)


@command.command("revoke")
@click.argument("name")
@store_options
@json_option
def revoke_command(name: str, db, config_path, as_json: bool) -> None:
    """Revoke the token called NAME (or with the prefix token list shows); it stops working at once."""
    from ..store.tokens import revoke_token

    with open_store(db, config_path) as store:
        record = revoke_token(store, name)
    if as_json:
        print_json(record.to_dict())
    else:
        click.echo(f"revoked token {record.name!r} ({record.prefix}…)")
