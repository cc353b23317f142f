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
