"""Stories on a Dask cluster: a LocalCluster, or an existing scheduler's workers with attrib installed."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import AttribError
from .run import Outcome, Plan, Task, failed, run_story, stop_requested, warm

# stories in flight per worker: enough to keep every worker busy, few enough that the
# driver never holds much of the archive in memory
_WINDOW_PER_WORKER = 4
# a LocalCluster's workers without the statistical profiler and with slower housekeeping
# ticks: both wake a thread that takes the GIL from the parse (about 25% of its CPU time here)
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


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

        with dask.config.set(LOCAL_CONFIG):
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


def run_dask(tasks: Iterable[Task], plan: Plan, *, address: str, workers: int) -> Iterator[Outcome]:
    """Each story's outcome as it finishes, from a Dask cluster.

    The per-story function is ``run_story``, imported on the workers from attrib; the model
    is loaded once per worker by a worker plugin, never sent with a task. At most a few
    stories per worker are in flight, and each result is released once it is back.

    Raises:
        AttribError: when Dask is not installed or the scheduler cannot be reached.
    """
    from distributed import as_completed

    client, cluster = _client(address, workers)
    try:
        client.register_plugin(_plugin_class()(plan.backend))
        width = _WINDOW_PER_WORKER * max(1, len(client.scheduler_info()["workers"]) or workers)
        pending = iter(tasks)
        held: dict[Any, Task] = {}

        def submit() -> bool:
            task = next(pending, None)
            if task is None:
                return False
            future = client.submit(run_story, _read(task, plan), plan, pure=False, key=f"attrib-story-{task.index}")
            held[future] = task
            flow.add(future)
            return True

        flow = as_completed()
        for _ in range(width):
            if not submit():
                break
        for future in flow:
            task = held.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:  # a worker lost with the story (KilledWorker), or the cluster gone
                outcome = failed(task, f"{task.path}: the Dask worker analysing it was lost "
                                       f"({type(exc).__name__}); no report was written")
            future.release()
            yield outcome
            if stop_requested():
                client.cancel(list(held))
                for dropped in held.values():
                    yield Outcome(dropped.index, dropped.path, cancelled=True,
                                  error=f"{dropped.path}: abandoned (interrupted)")
                return
            submit()
    finally:
        # stopping a LocalCluster takes seconds: it goes on while the driver writes the tables
        # (a thread that is not a daemon: the interpreter waits for it before it exits)
        threading.Thread(target=_close, args=(client, cluster), name="attrib-dask-close").start()


def _close(client: Any, cluster: Any) -> None:
    client.close()
    if cluster is not None:
        cluster.close()
