"""One story's work (read, analyse, write its report set, rows for the store) and where it runs."""

from __future__ import annotations

import contextlib
import io
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import AttribError, InputError
from ..inputs import MAX_BYTES, Story, decode, printable_path, read_story, report_stem
from ..report.atomic import Content, OverwriteError, write_set
from ..types import Analysis
from ..versions import attrib_version, model_version
from .records import StoryRecord, story_record

FORMATS = ("json", "html", "csv", "xlsx", "graphml", "gexf")
# the tables ``--csv`` writes, a file each (report.csv.to_csv)
CSV_TABLES = ("claims", "sources", "sentences", "terms")


class Cancelled(BaseException):
    """Ctrl-C (SIGINT) or a stop request (SIGTERM) reached a story while it was being analysed."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do with each story; the same for every story of a run, sent once per worker.

    ``formats`` are the report files written per story into ``out``; ``stdout`` renders the
    text printed instead (a picklable function); ``rows`` asks for the store's rows;
    ``remote`` returns the report files' contents for the driver to write (a cluster whose
    workers cannot see the output folder); ``publisher`` overrides what each story says.
    """

    formats: tuple[str, ...] = ()
    out: str | None = None
    backend: str = "spacy"
    max_bytes: int = MAX_BYTES
    stdout: Callable[[Analysis], str] | None = None
    rows: bool = False
    remote: bool = False
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """One story to analyse: its position in the input, its path, and its bytes when already read."""

    index: int
    path: str
    data: bytes | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one story gave: files written (or to write), text to print, store rows, or an error."""

    index: int
    path: str
    written: tuple[str, ...] = ()
    files: tuple[tuple[str, bytes], ...] = ()
    stdout: str = ""
    record: StoryRecord | None = None
    error: str | None = None
    input_error: bool = False
    cancelled: bool = False


# --------------------------------------------------------------------------- stopping cleanly

_STOP = {"requested": 0, "interruptible": False}


def _on_stop(signum: int, frame: Any) -> None:
    _STOP["requested"] += 1
    if _STOP["interruptible"]:
        _STOP["interruptible"] = False
        raise Cancelled


def stop_requested() -> int:
    """How many times Ctrl-C or SIGTERM arrived since ``catch_stops`` (0: none)."""
    return int(_STOP["requested"])


class catch_stops:  # noqa: N801  (used as a context manager, like contextlib's)
    """SIGINT and SIGTERM become a stop request while the block runs.

    A story being analysed (pure computation) is abandoned at once; one being written
    finishes its report set first. The old handlers come back when the block ends.
    """

    def __enter__(self) -> catch_stops:
        self.old = {s: signal.signal(s, _on_stop) for s in (signal.SIGINT, signal.SIGTERM)}
        _STOP["requested"] = 0
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.old.items():
            signal.signal(sig, handler)
        _STOP["interruptible"] = False


class _interruptible:  # noqa: N801
    """Inside the block a stop request raises ``Cancelled`` (nothing in it touches the disk)."""

    def __enter__(self) -> None:
        if _STOP["requested"]:
            raise Cancelled
        _STOP["interruptible"] = True

    def __exit__(self, *exc: object) -> None:
        _STOP["interruptible"] = False


def warm(backend: str) -> None:
    """Load the backend's model in this process (once: later calls find it loaded)."""
    from ..nlp import load_spacy, load_stanza

    load_spacy() if backend == "spacy" else load_stanza()


# --------------------------------------------------------------------------- one story


def report_names(name: str, formats: Iterable[str]) -> list[str]:
    """The file names of one story's report set, in a fixed order."""
    names = []
    for fmt in FORMATS:
        if fmt in formats:
            names += [f"{name}.{table}.csv" for table in CSV_TABLES] if fmt == "csv" else [f"{name}.{fmt}"]
    return names


def render_reports(analysis: Analysis, name: str, formats: Iterable[str]) -> dict[str, Content]:
    """The contents of one story's report set, by file name (the JSON written as it is made)."""
    formats = set(formats)
    files: dict[str, Content] = {}
    if "json" in formats:
        from ..report.json import write_json_to

        files[f"{name}.json"] = partial(write_json_to, analysis)
    if "html" in formats:
        from ..report.html import render_html

        files[f"{name}.html"] = render_html(analysis)
    if "csv" in formats:
        from ..report.csv import to_csv

        for table, text in to_csv(analysis).items():
            files[f"{name}.{table}.csv"] = text
    if "xlsx" in formats:
        from ..report.xlsx import to_xlsx

        files[f"{name}.xlsx"] = to_xlsx(analysis)
    if formats & {"graphml", "gexf"}:
        from ..graph import build_graph
        from ..report.graphml import to_gexf, to_graphml

        graph = build_graph(analysis)
        if "graphml" in formats:
            files[f"{name}.graphml"] = to_graphml(graph)
        if "gexf" in formats:
            files[f"{name}.gexf"] = to_gexf(graph)
    return files


def _encoded(content: Content) -> bytes:
    """A report file's bytes, to send to the machine that writes them."""
    if isinstance(content, str):
        return content.encode("utf-8")
    if isinstance(content, bytes):
        return content
    buffer = io.BytesIO()
    content(buffer)
    return buffer.getvalue()


def _story(task: Task, plan: Plan) -> Story:
    if task.data is not None:
        return decode(task.data, task.path, plan.max_bytes)
    return read_story(task.path, plan.max_bytes)


def run_story(task: Task, plan: Plan) -> Outcome:
    """Read, analyse and report one story; every error becomes an ``Outcome`` with a message.

    The report set is written all at once (``write_set``): a story abandoned on Ctrl-C
    leaves none of its files, and a finished one all of them.
    """
    from ..pipeline import analyze

    path = task.path
    try:
        with _interruptible():
            story = _story(task, plan)
            known = replace(story.known, publisher=plan.publisher) if plan.publisher else story.known
            analysis = analyze(story.text, path=None if path == "-" else printable_path(path), backend=plan.backend,
                               data=story.data, warnings=story.warnings, max_chars=plan.max_bytes, known=known)
            record = story_record(analysis, attrib_version=attrib_version(),
                                  model=model_version(plan.backend)) if plan.rows else None
            files = render_reports(analysis, story.name, plan.formats) if plan.out is not None else {}
            text = plan.stdout(analysis) if plan.stdout is not None and plan.out is None else ""
        if plan.remote:
            encoded = tuple((n, _encoded(t)) for n, t in files.items())
            return Outcome(task.index, path, files=encoded, stdout=text, record=record)
        # from here on the story is finished, not abandoned: a stop request waits for the set
        written = write_set({Path(plan.out) / n: t for n, t in files.items()}) if files else []  # type: ignore[arg-type]
        return Outcome(task.index, path, written=tuple(str(w) for w in written), stdout=text, record=record)
    except (Cancelled, KeyboardInterrupt):
        _STOP["requested"] = max(1, int(_STOP["requested"]))
        return Outcome(task.index, path, cancelled=True, error=f"{path}: abandoned (interrupted)")
    except (InputError, OverwriteError) as exc:
        return Outcome(task.index, path, error=str(exc), input_error=True)
    except AttribError as exc:
        return Outcome(task.index, path, error=str(exc))
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return Outcome(task.index, path, error=f"cannot write{where}: {exc.strerror or exc}")
    except (MemoryError, RecursionError) as exc:
        what = "memory" if isinstance(exc, MemoryError) else "stack"
        return Outcome(task.index, path, error=f"{path}: ran out of {what}; try a smaller --max-mb or split the story")
    except Exception as exc:  # a bug: report it and go on with the other stories
        return Outcome(task.index, path,
                       error=f"{path}: internal error ({type(exc).__name__}: {exc}); please report it")


def overwrites(paths: list[str], out: Path, formats: Iterable[str]) -> dict[int, str]:
    """Stories whose report files would replace one of the input files: their index, with the message.

    Input files are compared by device and inode, once each, so the check stays linear in
    the number of stories.
    """
    inputs: dict[tuple[int, int], str] = {}
    for path in paths:
        with contextlib.suppress(OSError):
            if path != "-":
                st = os.stat(path)
                inputs[(st.st_dev, st.st_ino)] = path
    found = {}
    for i, path in enumerate(paths):
        for name in report_names(report_stem(path), formats):
            try:
                st = os.stat(Path(out) / name)
            except OSError:
                continue
            if (kept := inputs.get((st.st_dev, st.st_ino))) is not None:
                found[i] = f"refusing to overwrite the input file {kept}: choose another output folder or name"
                break
    return found


def failed(task: Task, error: str) -> Outcome:
    """The outcome of a story whose worker was lost."""
    return Outcome(task.index, task.path, error=error)


# --------------------------------------------------------------------------- where stories run


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def run(tasks: Iterable[Task], plan: Plan, *, total: int, jobs: int = 1, dask: str | None = None) -> Iterator[Outcome]:
    """Each story's outcome, as it finishes, from this process, local workers or a Dask cluster.

    Args:
        tasks: the stories, in input order (consumed lazily).
        plan: what to do with each.
        total: how many tasks there are.
        jobs: worker processes (1: in this process); with ``dask``, the LocalCluster's workers.
        dask: ``"local"`` for a LocalCluster, or a scheduler address (``tcp://host:8786``).

    Yields:
        Outcomes in the order stories finish; files a remote worker rendered are written here.

    Raises:
        KeyboardInterrupt: after Ctrl-C, once the stories in progress are finished or abandoned
            (every outcome that arrived was yielded first).
    """
    with catch_stops():
        if dask is not None:
            from .cluster import run_dask

            # a LocalCluster's workers see this machine's files: they read the stories and write
            # the reports themselves, as local workers do; a remote cluster's send them back
            source = run_dask(tasks, replace(plan, remote=dask != "local"), address=dask, workers=jobs, total=total)
        elif jobs > 1 and total > 1:
            from .pool import run_pool

            source = run_pool(tasks, plan, jobs=min(jobs, total))
        else:
            source = _run_here(tasks, plan)
        for outcome in source:
            yield _written(outcome, plan)
        if stop_requested():
            raise KeyboardInterrupt


def _run_here(tasks: Iterable[Task], plan: Plan) -> Iterator[Outcome]:
    for task in tasks:
        if stop_requested():
            return
        yield run_story(task, plan)


def _written(outcome: Outcome, plan: Plan) -> Outcome:
    """Write the files a remote worker sent back, all or none, in the output folder."""
    if not outcome.files or plan.out is None:
        return outcome
    try:
        written = write_set({Path(plan.out) / name: data for name, data in outcome.files})
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return replace(outcome, files=(), record=None, error=f"cannot write{where}: {exc.strerror or exc}")
    return replace(outcome, files=(), written=tuple(str(p) for p in written))


def in_order(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
    """The outcomes in input order (for text printed story after story); held back only as needed."""
    waiting: dict[int, Outcome] = {}
    expected = 0
    for outcome in outcomes:
        waiting[outcome.index] = outcome
        while expected in waiting:
            yield waiting.pop(expected)
            expected += 1
    yield from (waiting[i] for i in sorted(waiting))
