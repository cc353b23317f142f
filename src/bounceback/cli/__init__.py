"""The ``bounceback`` command: a thin skin over the Python API, one module per command group.

Exit codes: 0 success; 1 some input could not be read (each reported on stderr
as one line) or, for ``check``, an address is suppressed; 2 usage error.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import BouncebackError


class Group(click.Group):
    """Turns the project's own errors into one line on stderr, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BouncebackError as exc:
            click.echo(f"bounceback: {exc}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bounceback")
def main() -> None:
    """Turn email bounces and delivery logs into clear answers and a clean mailing list."""


def _register() -> None:
    from . import explain, parse, verp

    for module in (parse, explain, verp):
        main.add_command(module.command)


_register()
