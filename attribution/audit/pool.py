"""Local worker processes that survive faults: a killed worker loses only the story it held.

Each worker has its own pipe and holds one story at a time, so the driver always knows
which story a dead worker took with it (a shared task queue cannot tell, and a worker
killed while holding its lock stops the pool: the hang of ``multiprocessing.Pool``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from ..errors import AttribError
from ..processes import batch_context
from .run import Outcome, Plan, Task, catch_stops, failed, run_story, stop_requested, warm

# seconds the stories in progress get to finish or be abandoned after Ctrl-C
GRACE = 30.0
_POLL = 0.25


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: Task | None = None


def _worker_main(conn: Connection, plan: Plan) -> None:
    """A worker: load the model once, then analyse the stories the driver sends, one at a time."""
    catch_stops().__enter__()  # Ctrl-C abandons the story being analysed; the process ends when told
    error = None
    try:
        warm(plan.backend)
    except AttribError as exc:
        error = str(exc)  # reported by each story, as a story's own error would be
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the driver is gone
        if task is None:
            return
        outcome = failed(task, error) if error else run_story(task, plan)
        try:
            conn.send(outcome)
        except (BrokenPipeError, OSError):
            return


def _start(ctx: multiprocessing.context.BaseContext, plan: Plan) -> _Worker:
    ours, theirs = ctx.Pipe()
    process = ctx.Process(target=_worker_main, args=(theirs, plan), name="attrib-worker", daemon=True)
    process.start()
    theirs.close()  # so that a dead worker reads as end-of-file here
    return _Worker(process, ours)


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = "; out of memory?" if -exitcode == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit code {exitcode}"


def _assign(worker: _Worker, pending: Iterator[Task]) -> None:
    task = next(pending, None)
    if task is None:
        return
    worker.task = task
    with contextlib.suppress(OSError):
        worker.conn.send(task)  # a worker that died meanwhile is found by its sentinel


def _collect(worker: _Worker) -> Outcome | None:
    """The worker's outcome if it sent one, a failure if it died holding a story, else None."""
    assert worker.task is not None
    try:
        if worker.conn.poll():
            outcome = worker.conn.recv()
            worker.task = None
            return outcome
    except (EOFError, OSError):
        worker.process.join(5)
    if worker.process.is_alive():
        return None
    task, worker.task = worker.task, None
    return failed(task, f"{task.path}: the worker analysing it stopped ({_how(worker.process.exitcode)}); "
                        "no report was written")


def run_pool(tasks: Iterable[Task], plan: Plan, *, jobs: int) -> Iterator[Outcome]:
    """Each story's outcome as it finishes, from ``jobs`` worker processes.

    A worker that dies (SIGKILL, the OOM killer, a crash in native code) fails only the
    story it held; a new worker takes its place. After Ctrl-C no new story starts, the
    stories in progress are finished or abandoned (``GRACE`` seconds at most, or until a
    second Ctrl-C), and the generator ends.
    """
    ctx = batch_context(plan.backend)
    pending = iter(tasks)
    workers = [_start(ctx, plan) for _ in range(jobs)]
    try:
        for worker in workers:
            _assign(worker, pending)
        while not stop_requested():
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=_POLL)
            for i, worker in enumerate(workers):
                if worker.task is None or (outcome := _collect(worker)) is None:
                    continue
                if not worker.process.is_alive():
                    workers[i] = worker = _start(ctx, plan)
                if not stop_requested():
                    _assign(worker, pending)  # first: the worker need not wait while the outcome is handled
                yield outcome
        yield from _drain(workers)
    finally:
        _stop(workers)


def _drain(workers: list[_Worker]) -> Iterator[Outcome]:
    """After Ctrl-C: the outcomes of the stories in progress, finished or abandoned."""
    for worker in workers:
        if worker.task is not None:  # a terminal sent them Ctrl-C too; `kill -INT driver` did not
            with contextlib.suppress(OSError):
                os.kill(worker.process.pid, signal.SIGTERM)  # type: ignore[arg-type]
    deadline = time.monotonic() + GRACE
    while any(w.task is not None for w in workers) and time.monotonic() < deadline and stop_requested() < 2:
        busy = [w for w in workers if w.task is not None]
        wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=_POLL)
        for worker in busy:
            if (outcome := _collect(worker)) is not None:
                yield outcome
    for worker in workers:
        if worker.task is not None:
            task, worker.task = worker.task, None
            worker.process.kill()
            yield Outcome(task.index, task.path, cancelled=True, error=f"{task.path}: abandoned (interrupted)")


def _stop(workers: list[_Worker]) -> None:
    """Tell every worker to end, and end those that do not."""
    for worker in workers:
        with contextlib.suppress(OSError):
            if worker.task is not None:
                os.kill(worker.process.pid, signal.SIGTERM)  # type: ignore[arg-type]
            worker.conn.send(None)
    deadline = time.monotonic() + GRACE
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
