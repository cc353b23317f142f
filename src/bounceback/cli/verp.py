"""``bounceback verp encode|decode``: the recipient in the envelope sender (Mailman/qmail VERP)."""

from __future__ import annotations

import click

from .. import verp as api
from ..errors import InputError
from .common import json_option, print_json

SEPARATOR = click.option("--separator", default="+", show_default=True,
                         help="Between the bounce address's local part and the encoded recipient.")


@click.group("verp")
def command() -> None:
    """Encode a recipient into a VERP envelope sender, or decode one."""


@command.command("encode")
@click.argument("address")
@click.option("--bounce-address", required=True, help="Your bounce mailbox, e.g. bounces@example.com.")
@SEPARATOR
@json_option
def encode(address: str, bounce_address: str, separator: str, as_json: bool) -> None:
    """The envelope sender to use for mail to ADDRESS, e.g. bounces+jane=example.org@example.com."""
    sender = api.encode(address, bounce_address, separator)
    if as_json:
        print_json({"recipient": address, "envelope_sender": sender})
    else:
        click.echo(sender)


@command.command("decode")
@click.argument("address")
@click.option("--bounce-address", help="Accept only VERP addresses of this bounce mailbox.")
@SEPARATOR
@json_option
def decode(address: str, bounce_address: str | None, separator: str, as_json: bool) -> None:
    """The recipient encoded in a VERP ADDRESS (exit 1 when it encodes none)."""
    recipient = api.decode(address, bounce_address, separator)
    if recipient is None:
        of = f" of {bounce_address}" if bounce_address else ""
        raise InputError(address, f"not a VERP address{of} (expected local{separator}user=domain@...)")
    if as_json:
        print_json({"address": address, "recipient": recipient})
    else:
        click.echo(recipient)
