"""Small helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from typing import Any

import click


def warn(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    click.echo(f"bounceback: {message}", err=True)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(f)


def verp_options(f):
    """``--verp BOUNCE_ADDRESS`` and ``--verp-separator C``; ``verp_pattern()`` turns them into a pattern."""
    f = click.option("--verp-separator", "verp_separator", default="+", show_default=True,
                     help="Separator between the bounce address's local part and the encoded recipient.")(f)
    f = click.option("--verp", "verp", metavar="BOUNCE_ADDRESS",
                     help="VERP bounce address (e.g. bounces@example.com): an unclear report takes its "
                          "recipient from the bounce's envelope address. Default: $BOUNCEBACK_VERP.")(f)
    return f


def verp_pattern(address: str | None, separator: str):
    """The pattern from --verp/--verp-separator, else from the environment, else None."""
    from ..verp import VerpPattern, from_env

    if address:
        return VerpPattern(address, separator or "+")
    return from_env()
