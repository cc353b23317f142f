"""``bounceback explain``: what a reply code, enhanced code or reply line means."""

from __future__ import annotations

import click

from .. import explain as explain_line
from .common import json_option, print_json


@click.command("explain")
@click.argument("words", nargs=-1, required=True)
@json_option
def command(words: tuple[str, ...], as_json: bool) -> None:
    """Explain SMTP codes or a whole reply line, e.g.

    \b
      bounceback explain 550
      bounceback explain 5.7.26
      bounceback explain "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown"
    """
    e = explain_line(" ".join(words))
    if as_json:
        print_json(e.to_dict())
        return
    from rich.console import Console
    from rich.panel import Panel

    codes = " ".join(x for x in (e.reply_code, e.status) if x) or "text"
    kind = "permanent" if e.permanent else "temporary"
    body = [f"[bold]{e.meaning}[/bold]", ""]
    if e.reason:
        body.append(f"Reason: [cyan]{e.reason}[/cyan]   Whose problem: [magenta]{e.fault}[/magenta]   ({kind}"
                    + (", the address is dead" if e.hard_bounce else "") + ")")
    else:
        body.append(f"Whose problem: [magenta]{e.fault}[/magenta]   ({kind})")
    if e.note:
        body.append(f"[yellow]Note:[/yellow] {e.note}")
    body += ["", f"[green]What to do:[/green] {e.advice}"]
    titles = " / ".join(x for x in (e.code_title, e.status_title) if x)
    Console().print(Panel("\n".join(body), title=f"{codes}  {titles}".strip(), title_align="left"))
