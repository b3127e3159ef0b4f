"""Map a function over items in worker processes, results in input order; a dead worker is an error, not a hang."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from .errors import AttribError

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def batch_context(backend: str) -> multiprocessing.context.BaseContext:
    """Where a batch's story workers start: a forkserver with attrib (and the spaCy model) loaded.

    forkserver: workers start from a clean server process, not from the driver with its open
    store, threads (the progress display) and locks; a replacement starts the same way. The
    server loads the spaCy model before it forks, so the workers share it. Without forkserver
    (Windows) they are spawned and load it themselves.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    preload = ["attribution.audit.run", "attribution.pipeline"]
    context.set_forkserver_preload(preload + ["attribution.audit.preload"] if backend == "spacy" else preload)
    return context


def start_batch_workers(backend: str) -> None:
    """Start the server of ``batch_context`` now, so that it loads the model while this process goes on.

    The server takes about a second (importing spaCy, loading the model) on a core of its own;
    started when the first worker is, it is a second in which no story is analysed.
    """
    context = batch_context(backend)
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def in_worker_process() -> bool:
    """Whether this process was started by ``multiprocessing`` (a batch runner's worker, say).

    Such a process shares the machine's cores with its siblings already, and a daemonic one
    may not start processes of its own.
    """
    return multiprocessing.parent_process() is not None


def _ignore_interrupt() -> None:
    # the parent handles Ctrl-C; a worker that raised KeyboardInterrupt would print a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def map_in_processes(fn: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``fn`` of each item, computed by ``workers`` processes, yielded in the order of ``items``.

    On Linux the workers are forked, so they share what the parent has loaded (the spaCy
    model) instead of loading it again; elsewhere they are spawned and load it themselves.
    A daemonic process (a ``multiprocessing.Pool`` worker) may not start any: there the
    items are mapped in this process.

    Raises:
        AttribError: when a worker process dies (killed, or out of memory).
    """
    if workers <= 1 or multiprocessing.current_process().daemon:
        yield from map(fn, items)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupt)
    # a bounded window of items in flight, not all of them: results that wait for the consumer
    # would otherwise pile up (a 3 MiB story's parses held twice, as columns and as tokens)
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(executor.submit(fn, item))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as exc:
        raise AttribError(
            "a parsing process stopped unexpectedly (killed, or out of memory): "
            "analyse the story again, or split it"
        ) from exc
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
