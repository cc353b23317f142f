"""``bounceback --help`` lists every command from cli.COMMANDS without importing them."""

from __future__ import annotations

import subprocess
import sys

import click

from bounceback.cli import COMMANDS, main


def test_every_listed_command_exists_under_its_name():
    ctx = click.Context(main)
    for name, (_module, line) in COMMANDS.items():
        command = main.get_command(ctx, name)
        assert command is not None and command.name == name and line.endswith(".")


def test_help_lists_the_commands_without_loading_the_store_or_the_server():
    code = ("import sys; from click.testing import CliRunner; from bounceback.cli import main; "
            "r = CliRunner().invoke(main, ['--help']); print(r.output); "
            "print('LOADED', [m for m in ('sqlalchemy', 'fastapi', 'bounceback.decode') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "parse " in out and "suppressions " in out and "LOADED []" in out
