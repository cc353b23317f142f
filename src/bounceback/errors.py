"""The one small family of errors users can cause; the CLI prints their message and goes on."""

from __future__ import annotations


class BouncebackError(Exception):
    """Base class: its message is one line meant for the user."""


class InputError(BouncebackError):
    """A file, message, row or argument that cannot be read."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self):  # picklable, for parallel parsing
        return (type(self), (self.source, self.problem))
