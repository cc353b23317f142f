"""Ordered parallel map over forked worker processes, for decoding many messages.

Decoding is CPU-bound Python, so threads do not help. The workers are forked
after the knowledge base is loaded and the work listed, so both reach them
copy-on-write and nothing is sent to them. Each worker claims the next chunk of
items by reading its number from a shared pipe (a slow message holds up one
worker, not the others) and writes the pickled results of each chunk to its own
pipe. The main process reads all pipes as data comes and yields the results in
input order; reading pipes is all it does, so it stays free for the output.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import selectors
import signal
import struct
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from .errors import BouncebackError

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 16
MAX_CHUNKS = 4096  # chunk numbers all fit in a pipe's buffer (16 KB), so they are written at once
_NUMBER = struct.Struct("<i")
_FRAME = struct.Struct("<iQ")  # chunk number (-1: the worker failed), length of the pickled results


def default_jobs() -> int:
    """One worker per available CPU (at most 8)."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """``map(fn, items)`` computed in ``jobs`` forked processes, in input order."""
    from . import knowledge

    work = list(items)
    if jobs <= 1 or len(work) <= CHUNK or not hasattr(os, "fork"):  # no fork (Windows): one process
        yield from map(fn, work)
        return
    knowledge.warm()  # parse and compile the knowledge once, before forking: the workers share it
    size = max(CHUNK, -(-len(work) // MAX_CHUNKS))
    chunks = [work[i:i + size] for i in range(0, len(work), size)]
    # the chunk numbers, to be claimed by reading: a pipe read of a few bytes is atomic
    tasks_r, tasks_w = os.pipe()
    os.write(tasks_w, b"".join(_NUMBER.pack(c) for c in range(len(chunks))))
    os.close(tasks_w)
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # what exists now is shared: the workers' collector must not touch (and so copy) it
    workers: dict[int, int] = {}  # pipe fd -> pid
    try:
        for _ in range(min(jobs, len(chunks))):
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                os.close(r)
                _work(fn, chunks, tasks_r, w)
            os.close(w)
            workers[r] = pid
        os.close(tasks_r)
        tasks_r = -1
        try:
            yield from _collect(workers, len(chunks))
        except _Lost as lost:
            first = chunks[lost.args[0]][0]
            where = getattr(first, "label", None) or f"item {lost.args[0] * size + 1}"
            raise BouncebackError(f"a worker process stopped while decoding from {where} on (killed, or out of "
                                  "memory); what came before was written") from None
    finally:
        gc.unfreeze()
        if tasks_r >= 0:
            os.close(tasks_r)
        for fd, pid in workers.items():
            os.close(fd)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)  # stopped early (output closed, an error): end the rest
            os.waitpid(pid, 0)


def _work(fn: Callable, chunks: list[list], tasks: int, fd: int) -> None:
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
        with os.fdopen(fd, "wb") as out:  # buffered: it writes whole frames, however large
            while len(number := os.read(tasks, _NUMBER.size)) == _NUMBER.size:
                (c,) = _NUMBER.unpack(number)
                try:
                    data = pickle.dumps([fn(x) for x in chunks[c]], protocol=pickle.HIGHEST_PROTOCOL)
                except Exception as exc:  # handed to the main process, which raises it
                    data, c = pickle.dumps(exc), -1
                out.write(_FRAME.pack(c, len(data)))
                out.write(data)
                out.flush()
                if c < 0:
                    break
    except BaseException:
        status = 1
    finally:
        os._exit(status)  # no atexit handlers, no flushing of buffers copied from the parent


class _Lost(Exception):
    """The chunk no worker delivered."""


def _collect(workers: dict[int, int], n_chunks: int) -> Iterator:
    """Results in chunk order, read from the workers' pipes as they arrive."""
    buffers = {fd: bytearray() for fd in workers}
    done: dict[int, bytes] = {}
    nxt = 0
    with selectors.DefaultSelector() as sel:
        for fd in workers:
            sel.register(fd, selectors.EVENT_READ)
        while nxt < n_chunks:
            if nxt in done:
                yield from pickle.loads(done.pop(nxt))
                nxt += 1
                continue
            if not sel.get_map():  # every pipe closed, a chunk missing: its worker died (killed, out of memory)
                raise _Lost(nxt)
            for key, _ in sel.select():
                data = os.read(key.fd, 1 << 20)
                if not data:
                    sel.unregister(key.fd)
                    continue
                buf = buffers[key.fd]
                buf += data
                while len(buf) >= _FRAME.size:
                    c, size = _FRAME.unpack_from(buf)
                    if len(buf) < _FRAME.size + size:
                        break
                    payload = bytes(buf[_FRAME.size:_FRAME.size + size])
                    del buf[:_FRAME.size + size]
                    if c < 0:
                        raise pickle.loads(payload)
                    done[c] = payload
