"""Run a function over work items in forked processes that inherit a shared value.

A 100 MB export, or a parsed one, is not worth pickling to each worker: forked workers
inherit it. Results come back in the order of the items, so output does not depend
on the number of workers. Where fork is unavailable (Windows), work runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from typing import Any, TypeVar

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")

_shared: Any = None  # what forked workers inherit; set only while a pool runs


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _call(function: Callable[[Any, Any], Result], item: Any) -> Result:
    return function(_shared, item)


def fork_map(
    function: Callable[[Shared, Item], Result],
    items: Sequence[Item],
    *,
    shared: Shared,
    workers: int,
) -> Iterator[Result]:
    """``function(shared, item)`` for each item, in item order, on up to ``workers`` cores.

    ``function`` must be a module-level function (it is pickled by name).
    """
    if workers <= 1 or len(items) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return (function(shared, item) for item in items)
    return _forked(function, items, shared, workers)


def _forked(
    function: Callable[[Shared, Item], Result],
    items: Iterable[Item],
    shared: Shared,
    workers: int,
) -> Iterator[Result]:
    global _shared  # noqa: PLW0603  (read by the forked workers)
    _shared = shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield from pool.map(_call, repeat(function), items)
    finally:
        _shared = None
