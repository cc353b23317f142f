"""Ordered parallel map over worker processes, for decoding many messages.

Decoding is CPU-bound Python, so threads do not help; worker processes are
forked after the knowledge base is loaded (copy-on-write), take messages in
chunks and hand results back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 16


def default_jobs() -> int:
    """One worker per available CPU (at most 8)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    from . import knowledge

    knowledge.warm()  # parse and compile the knowledge once, before forking: the workers share it
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(jobs) as pool:
        yield from pool.imap(fn, items, chunksize=CHUNK)
