"""The ``bounceback`` command: a thin skin over the Python API, one module per command group.

Exit codes: 0 success; 1 some input could not be read (each reported on stderr
as one line) or, for ``check``, an address is suppressed; 2 usage error.
"""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__
from ..errors import BouncebackError

# command name -> module in this package exposing ``command``; imported only when run,
# so ``bounceback parse`` does not pay for the web server or the DNS client
COMMANDS = {
    "parse": "parse",
    "explain": "explain",
    "unclassified": "unclassified",
    "dnsbl": "dnsbl",
    "validate": "validate",
    "verp": "verp",
    # list hygiene (issue #4)
    "ingest": "ingest",
    "check": "check",
    "suppressions": "suppressions",
    "clean": "clean",
    "history": "history",
    "report": "report",
    "incidents": "incidents",
    "db": "db",
    # the server (issue #6)
    "serve": "serve",
    "token": "token",
    "demo": "demo",
}


class Group(click.Group):
    """Loads commands lazily and turns the project's own errors into one line on stderr."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        return importlib.import_module(f"{__name__}.{module}").command

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
