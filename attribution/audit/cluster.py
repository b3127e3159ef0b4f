"""Stories on a Dask cluster: a LocalCluster, or an existing scheduler's workers with attrib installed."""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import AttribError
from .run import Outcome, Plan, Task, failed, run_story, stop_requested, warm

# Stories go to the workers BATCH to a task once the archive keeps every worker busy with
# whole batches: a task's own cost in the scheduler, the client and the worker (its messages,
# state transitions and result fetch, about 16 ms of CPU a task on the development machine)
# is then shared by BATCH stories. Tasks in flight per worker: TASKS_PER_WORKER, enough to keep
# every worker busy, few enough that the driver never holds much of the archive in memory.
BATCH = 4
TASKS_PER_WORKER = 2
# A LocalCluster's workers: forked from a server process that imported Dask and attrib once
# (PRELOAD; started afresh, each worker spent a second of CPU on imports); without the
# statistical profiler and with slower housekeeping ticks (both wake a thread that takes the
# GIL from the parse: about 25% of its CPU time here); without MALLOC_TRIM_THRESHOLD_=65536,
# which Dask sets for its workers by default (memory handed back to the system after every
# parse: 2.0 against 0.8 s of system time per 100 stories, measured). Its scheduler without
# work stealing or the active memory manager (a few tasks in flight per worker, all alike,
# nothing kept on the workers: neither has work to do).
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
    "distributed.scheduler.work-stealing": False,
    "distributed.scheduler.active-memory-manager.start": False,
    "distributed.worker.multiprocessing-method": "forkserver",
}
PRELOAD = ("attribution.audit.cluster", "attribution.pipeline")


def _plugin_class() -> type:
    from distributed.diagnostics.plugin import WorkerPlugin

    class ModelPlugin(WorkerPlugin):
        """Loads the model once when a worker starts (and on every worker that joins later)."""

        name = "attrib-model"

        def __init__(self, backend: str) -> None:
            self.backend = backend

        def setup(self, worker: Any) -> None:
            with contextlib.suppress(AttribError):  # each story reports a missing model itself
                warm(self.backend)

    return ModelPlugin


def _client(address: str, workers: int) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise AttribError("--dask needs Dask: pip install 'attrib[dask]'") from None
    if address == "local":
        import dask
        from distributed.utils import get_mp_context

        with dask.config.set(LOCAL_CONFIG):
            # workers forked from a server that imported Dask and attrib once, as local workers
            # are (pool.py), not each started afresh (distributed's own list has no attrib)
            get_mp_context().set_forkserver_preload(["distributed", *PRELOAD])
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(address, timeout="20s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise AttribError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


def _read(task: Task, plan: Plan) -> Task:
    """The task with its bytes: workers elsewhere cannot read the driver's files."""
    if task.data is not None or task.path == "-":
        return task
    try:
        with open(task.path, "rb") as handle:
            return Task(task.index, task.path, handle.read(plan.max_bytes + 1))
    except OSError:
        return task  # the worker's read reports the error in the usual words


def run_batch(tasks: tuple[Task, ...], plan: Plan) -> list[Outcome]:
    """One Dask task: a few stories, one after the other, each with its own outcome."""
    return [run_story(task, plan) for task in tasks]


def batch_size(total: int, workers: int) -> int:
    """Stories per task: BATCH when every worker gets at least two rounds of full tasks, fewer otherwise."""
    return max(1, min(BATCH, total // (2 * TASKS_PER_WORKER * max(1, workers))))


def run_dask(tasks: Iterable[Task], plan: Plan, *, address: str, workers: int, total: int) -> Iterator[Outcome]:
    """Each story's outcome as it finishes, from a Dask cluster.

    The per-story function is ``run_story`` (``run_batch`` a few at a time), imported on the
    workers from attrib; the model is loaded once per worker by a worker plugin, never sent
    with a task. A few tasks per worker are in flight, and each result is released once it
    is back. A task whose worker is lost is tried again a story at a time, so that a story
    that kills its worker fails alone.

    Raises:
        AttribError: when Dask is not installed or the scheduler cannot be reached.
    """
    from distributed import as_completed

    client, cluster = _client(address, workers)
    try:
        client.register_plugin(_plugin_class()(plan.backend))
        width = max(1, len(client.scheduler_info()["workers"]) or workers)
        size = batch_size(total, width)
        pending = iter(tasks)
        held: dict[Any, tuple[Task, ...]] = {}
        flow = as_completed()

        def submit(batch: tuple[Task, ...]) -> None:
            sent = tuple(_read(task, plan) for task in batch) if plan.remote else batch
            future = client.submit(run_batch, sent, plan, pure=False,
                                   key=f"attrib-stories-{batch[0].index}-{len(batch)}")
            held[future] = batch
            flow.add(future)

        def more() -> None:
            batch = tuple(itertools.islice(pending, size))
            if batch:
                submit(batch)

        for _ in range(TASKS_PER_WORKER * width):
            more()
        for future in flow:
            batch = held.pop(future)
            try:
                outcomes = future.result()
            except Exception as exc:  # a worker lost with the stories (KilledWorker), or the cluster gone
                if len(batch) > 1:
                    for task in batch:
                        submit((task,))
                    future.release()
                    continue
                outcomes = [failed(batch[0], f"{batch[0].path}: the Dask worker analysing it was lost "
                                             f"({type(exc).__name__}); no report was written")]
            future.release()
            yield from outcomes
            if stop_requested():
                client.cancel(list(held))
                for dropped in (task for waiting in held.values() for task in waiting):
                    yield Outcome(dropped.index, dropped.path, cancelled=True,
                                  error=f"{dropped.path}: abandoned (interrupted)")
                return
            more()
    finally:
        # stopping a LocalCluster takes seconds: it goes on while the driver writes the tables
        # (a thread that is not a daemon: the interpreter waits for it before it exits)
        threading.Thread(target=_close, args=(client, cluster), name="attrib-dask-close").start()


def _close(client: Any, cluster: Any) -> None:
    client.close()
    if cluster is not None:
        cluster.close()
