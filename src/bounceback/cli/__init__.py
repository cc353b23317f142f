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

# command -> (module in this package exposing ``command``, one line for `bounceback --help`).
# A module is imported only when its command runs, so ``bounceback parse`` does not pay for the
# web server or the DNS client, and the line is here so listing the commands imports none of
# them (the store and server ones pull in SQLAlchemy and FastAPI); tests/cli/test_help.py checks
# it against each command's own help.
COMMANDS = {
    "parse": ("parse", "Decode bounce messages, MTA logs or an IMAP folder: one record per recipient."),
    "explain": ("explain", "Explain SMTP codes or a whole reply line."),
    "unclassified": ("unclassified", "List the bounces whose reason is undefined or onhold, grouped by similar text."),
    "dnsbl": ("dnsbl", "Check IP addresses (IPv4, IPv6) and domains against DNS blocklists."),
    "validate": ("validate", "Check every address of a CSV list: syntax, a domain that accepts mail, role accounts, "
                             "already suppressed."),
    "verp": ("verp", "Encode a recipient into a VERP envelope sender, or decode one."),
    # list hygiene (issue #4)
    "ingest": ("ingest", "Record bounces (files, mbox, Maildir, stdin, an IMAP folder, MTA logs) and apply the "
                         "policy."),
    "check": ("check", "Say for each address whether it may be mailed, and if not, why and since when."),
    "suppressions": ("suppressions", "List, add, remove, export and import suppressions."),
    "clean": ("clean", "Remove suppressed and unsubscribed addresses from LIST.csv; every other column and the row "
                       "order stay."),
    "history": ("history", "Every bounce, change and suppression of ADDRESS, oldest first, with what each did."),
    "report": ("report", "Sender incidents with what to do, then events by reason, fault and receiving domain, "
                         "suppressions added and failures per mailing."),
    "incidents": ("incidents", "Sender and content incidents; look up the sending IP and domains on DNS "
                               "blocklists."),
    "db": ("db", "The database: migrations, where it is, re-applying the policy."),
    # the server (issue #6)
    "serve": ("serve", "Serve the API (/api/v1, docs at /api/docs), webhooks (/webhooks/...) and the dashboard (/)."),
    "token": ("token", "API tokens for the server's API and dashboard (sent as Authorization: Bearer TOKEN)."),
    "demo": ("demo", "Ingest generated bounce messages (real formats, invented people) into the database."),
}


class Group(click.Group):
    """Loads commands lazily and turns the project's own errors into one line on stderr."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        entry = COMMANDS.get(name)
        if entry is None:
            return None
        return importlib.import_module(f"{__name__}.{entry[0]}").command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help`` from COMMANDS, without importing the commands."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in self.list_commands(ctx)])

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
