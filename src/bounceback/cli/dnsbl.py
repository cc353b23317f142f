"""``bounceback dnsbl``: is an IP address or domain on a DNS blocklist, what it means, what to do."""

from __future__ import annotations

import sys

import click

from ..errors import BouncebackError
from ..reputation import DEFAULT_TIMEOUT
from ..reputation.lists import DnsblList, builtin_lists, load_lists_file
from .common import json_option, print_json, warn


@click.command("dnsbl")
@click.argument("targets", nargs=-1, required=True)
@click.option("--lists", "list_names", multiple=True, metavar="NAME[,NAME...]",
              help="Lists to query (default: " + ", ".join(x.name for x in builtin_lists() if x.default) + ").")
@click.option("--lists-file", type=click.Path(dir_okay=False), metavar="FILE",
              help="More lists: a TOML file like knowledge/dnsbl.toml, or one 'ZONE [ip|ip6|domain]' a line.")
@click.option("--resolver", metavar="HOST[:PORT]", help="Recursive resolver to ask (default: /etc/resolv.conf's).")
@click.option("--dqs-key", default="", metavar="KEY", envvar="BOUNCEBACK_DQS_KEY",
              help="Spamhaus Data Query Service key (or $BOUNCEBACK_DQS_KEY): query KEY.zen.dq.spamhaus.net ...")
@click.option("--timeout", type=click.FloatRange(0.05, 60), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds to wait for each answer.")
@json_option
def command(targets: tuple[str, ...], list_names: tuple[str, ...], lists_file: str | None, resolver: str | None,
            dqs_key: str, timeout: float, as_json: bool) -> None:
    """Check IP addresses (IPv4, IPv6) and domains against DNS blocklists.

    IP addresses are checked on the IP lists, domains on the domain lists. Error
    answers (Spamhaus 127.255.255.x, 127.0.1.255), timeouts and resolvers that
    answer for everything are "unknown", never "listed".

    \b
    Exit codes: 0 listed nowhere; 1 listed on at least one list;
    2 a target is no IP address or domain (the rest is still checked), or a
    bad option (resolver, list name, lists file, DQS key);
    3 some lookups gave no usable answer (unknown).
    """
    from ..reputation import dnsbl as api

    names = tuple(n.strip() for v in list_names for n in v.split(",") if n.strip())
    try:
        extra: tuple[DnsblList, ...] = load_lists_file(lists_file) if lists_file else ()
        report = api.check(targets, lists=names, extra_lists=extra, resolver=resolver, dqs_key=dqs_key,
                           timeout=timeout)
    except BouncebackError as exc:  # a bad option: exit 2, as 1 means "listed"
        warn(str(exc))
        sys.exit(2)
    for err in report.errors:
        warn(str(err))
    for w in report.warnings:
        warn(f"warning: {w}")
    if as_json:
        print_json([r.to_dict() for r in report.results])
    else:
        _text(report)
    sys.exit(report.exit_code)


def _text(report) -> None:  # dnsbl.Report
    import textwrap

    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    width = max((len(r.list) for r in report.results), default=0) + 4
    indent = " " * (width + 2)
    wrap = max(40, console.width - len(indent))
    target = None
    for r in report.results:
        if r.target != target:
            target = r.target
            console.print(Text(target, style="bold"))
        verdict = (("LISTED", "bold red") if r.listed else ("not listed", "green") if r.listed is False
                   else ("unknown", "yellow"))
        line = Text("  " + r.list.ljust(width))
        line.append(verdict[0], style=verdict[1])
        if r.codes:
            line.append("  " + ", ".join(r.codes), style="dim")
        console.print(line)
        if r.listed is False:
            continue
        for paragraph in (r.meaning, f"What to do: {r.advice}" if r.advice else ""):
            for text in textwrap.wrap(paragraph, wrap):
                console.print(Text(indent + text), soft_wrap=True)
