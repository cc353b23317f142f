from __future__ import annotations

import os
import time

import pytest

from bounceback.parallel import CHUNK, ordered_map


def _square(x: int) -> int:
    return x * x


def _fails_on_77(x: int) -> int:
    if x == 77:
        raise ValueError("seventy-seven")
    return x


def _pid(_: int) -> int:
    time.sleep(0.001)  # long enough that one worker cannot take every chunk before the other starts
    return os.getpid()


def test_results_keep_the_input_order_across_workers():
    items = range(CHUNK * 20 + 3)
    assert list(ordered_map(_square, items, 3)) == [x * x for x in items]


def test_the_work_is_shared_by_forked_workers():
    pids = set(ordered_map(_pid, range(CHUNK * 40), 2))
    assert os.getpid() not in pids and len(pids) == 2


def test_few_items_stay_in_this_process():
    assert set(ordered_map(_pid, range(CHUNK), 4)) == {os.getpid()}


def _children() -> set[str]:
    """This process's child processes, running or not yet reaped (Linux /proc)."""
    found: set[str] = set()
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as fh:
            found.update(fh.read().split())
    return found


def test_an_error_in_a_worker_is_raised_here_and_no_worker_is_left_behind():
    before = _children()
    with pytest.raises(ValueError, match="seventy-seven"):
        list(ordered_map(_fails_on_77, range(CHUNK * 10), 2))
    assert _children() == before  # every worker was reaped


def test_stopping_early_ends_the_workers():
    before = _children()
    results = ordered_map(_square, range(CHUNK * 200), 2)
    assert next(results) == 0
    assert len(_children() - before) == 2
    results.close()
    assert _children() == before


def _dies_on_77(x: int) -> int:
    if x == 77:
        os._exit(9)  # a worker killed in the middle (out of memory, kill -9)
    return x


def test_a_worker_that_dies_is_one_clear_error():
    from bounceback.errors import BouncebackError

    before = _children()
    with pytest.raises(BouncebackError, match="worker process stopped"):
        list(ordered_map(_dies_on_77, range(CHUNK * 10), 2))
    assert _children() == before
