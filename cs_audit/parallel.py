"""Run a function over work items in forked processes that inherit a shared value.

A 100 MB export, or a parsed one, is not worth pickling to each worker: forked workers
inherit it. Results come back in the order of the items, so output does not depend
on the number of workers. Where fork is unavailable (Windows), work runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
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
    if not forks(workers, items):
        return (function(shared, item) for item in items)
    return _forked(function, items, shared, workers)


def _call_batch(function: Callable[[Any, Any], Result], batch: list[Any]) -> list[Result]:
    return [function(_shared, item) for item in batch]


def _forked(
    function: Callable[[Shared, Item], Result],
    items: Sequence[Item],
    shared: Shared,
    workers: int,
) -> Iterator[Result]:
    global _shared  # noqa: PLW0603  (read by the forked workers)
    _shared = shared
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # a few batches per worker, so thousands of small chats cost few round trips;
            # at most 64 items, and a few batches per worker in flight, so what waits
            # in the pipes and the pool does not grow with the folder
            size = min(max(1, len(items) // (workers * 8)), 64)
            batches = (list(items[i : i + size]) for i in range(0, len(items), size))
            pending: deque[Future[list[Result]]] = deque()
            for batch in batches:
                pending.append(pool.submit(_call_batch, function, batch))
                if len(pending) >= workers * 4:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _shared = None


def can_fork() -> bool:
    """Whether this platform can fork workers (not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def forks(workers: int, items: Sequence[object]) -> bool:
    """Whether ``fork_map`` and ``fork_write`` will use workers for these items."""
    return workers > 1 and len(items) > 1 and can_fork()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _write_in_turn(state: tuple[Any, Any, Any, int, Any], task: tuple[int, Any]) -> None:
    render, shared, turn, fd, done = state
    index, item = task
    error: BaseException | None = None
    try:
        data = render(shared, item)
    except BaseException as caught:  # re-raised below, after the turn passes on
        error, data = caught, b""
    with turn:
        turn.wait_for(lambda: done.value == index)
        try:
            if error is None:
                _write_all(fd, data)
        finally:  # the next item may write even if this one failed: no worker waits forever
            done.value += 1
            turn.notify_all()
    if error is not None:
        raise error


def fork_write(
    render: Callable[[Shared, Item], bytes],
    items: Sequence[Item],
    *,
    shared: Shared,
    workers: int,
    fd: int,
) -> None:
    """Write ``render(shared, item)`` for each item to ``fd``, in item order.

    Workers render on up to ``workers`` cores and each writes its own bytes when its
    turn comes, so nothing is copied back through a pipe. ``fd`` must be a real file
    descriptor whose Python-level buffers were flushed.
    """
    if not forks(workers, items):
        for item in items:
            _write_all(fd, render(shared, item))
        return
    context = multiprocessing.get_context("fork")
    turn = context.Condition()
    done = context.Value("q", 0, lock=False)  # guarded by turn
    state = (render, shared, turn, fd, done)
    for _ in fork_map(_write_in_turn, list(enumerate(items)), shared=state, workers=workers):
        pass
