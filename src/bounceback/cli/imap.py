"""IMAP for the commands: the password (environment or prompt, never echoed) and a read-only folder reader."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import click

from .. import parse_raw
from ..errors import InputError
from ..model import Bounce
from ..sources.imap import ENV_PASSWORD, ImapSource, ImapTarget, parse_url
from ..verp import VerpPattern


def password_for(target: ImapTarget) -> str:
    """``$BOUNCEBACK_IMAP_PASSWORD``, else a hidden prompt on a terminal."""
    pw = os.environ.get(ENV_PASSWORD)
    if pw:
        return pw
    if not sys.stdin.isatty():
        raise InputError(target.url, f"no password: set ${ENV_PASSWORD} (stdin is not a terminal to ask on)")
    return click.prompt(f"IMAP password for {target.user}@{target.host}", hide_input=True, err=True)


def read_folder(url: str, verp: VerpPattern | None) -> Iterator[tuple[str, list[Bounce] | InputError]]:
    """Every message of the folder, decoded; the folder is opened read-only (nothing moved or flagged)."""
    target = parse_url(url)
    with ImapSource(target, password_for(target), readonly=True) as source:
        for msg in source.messages():
            yield msg.source, parse_raw(msg.source, msg.raw, verp)
