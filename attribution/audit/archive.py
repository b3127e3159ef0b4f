"""An audit over an archive: which stories need analysing, what the store keeps of each, what ends it."""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..inputs import expand, printable_path, report_stem
from ..report.atomic import remove_stale_temps
from ..versions import attrib_version, model_version
from .run import Outcome, Plan, Task, report_names
from .store import Store, open_store

_GLOB = set("*?[")


def expand_paths(paths: list[str]) -> list[str]:
    """Files, folders (their ``.txt`` stories) and globs, each story once, in the order given.

    Raises:
        InputError: for standard input, a glob that matches nothing, or a folder without stories.
    """
    out: list[str] = []
    for path in paths:
        if path == "-":
            raise InputError("an audit reads stories from files: save standard input to a file first")
        if not os.path.exists(path) and _GLOB & set(path):
            found = sorted(glob.glob(path, recursive=True))
            if not found:
                raise InputError(f"{path} matches no file")
            out.extend(expand(found))
        else:
            out.extend(expand([path]))
    return list(dict.fromkeys(out))


def file_digest(path: str) -> str | None:
    """The SHA-256 of a file's bytes, None when it cannot be read (the analysis says why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


class Audit:
    """One run of ``attrib audit``: the store opened, the stories registered, what is left to do.

    A story is analysed again only when its bytes, attrib's version, the model, or the
    report files asked for differ from what the store records.
    """

    def __init__(self, paths: list[str], plan: Plan) -> None:
        assert plan.out is not None
        self.paths = paths
        self.plan = plan
        self.out = Path(plan.out)
        self.removed = remove_stale_temps(self.out)
        self.store: Store = open_store(self.out)
        self.store.register(printable_path(p) for p in paths)
        self.todo = [i for i, path in enumerate(paths) if not self._current(path)]

    def _current(self, path: str) -> bool:
        _, sha, version, model, reports = self.store.known(printable_path(path))
        if sha is None or version != attrib_version() or model != model_version(self.plan.backend):
            return False
        wanted = report_names(report_stem(path), self.plan.formats)
        have = set(json.loads(reports or "[]"))
        if not set(wanted) <= have or not all((self.out / name).is_file() for name in wanted):
            return False
        return sha == file_digest(path)

    @property
    def skipped(self) -> int:
        """Stories the store already holds as they are now."""
        return len(self.paths) - len(self.todo)

    def tasks(self) -> Iterator[Task]:
        """The stories to analyse, made as the runner asks for them."""
        for i in self.todo:
            yield Task(i, self.paths[i])

    def record(self, outcome: Outcome) -> None:
        """Store one story's rows (or its failure) in its own transaction."""
        if outcome.record is not None and outcome.error is None:
            names = [Path(w).name for w in outcome.written]
            self.store.put(printable_path(outcome.path), outcome.record, json.dumps(names, ensure_ascii=False))
        elif outcome.error is not None and not outcome.cancelled:
            self.store.fail(printable_path(outcome.path), printable_path(outcome.error))

    def finish(self) -> list[Path]:
        """Write the combined tables and the audit page from the store; the files written.

        Nothing is written when the store has not changed since they were last written and
        they are all there: a re-run of an unchanged archive rebuilds nothing.
        """
        from .tables import table_names, write_tables

        made = f"{self.store.generation()} {attrib_version()}"
        names = [*table_names(), "index.html"]
        if self.store.meta("tables") == made and all((self.out / name).is_file() for name in names):
            return []
        from .index import write_index

        written = write_tables(self.store, self.out)
        written.append(write_index(self.store, self.out))
        self.store.set_meta("tables", made)
        return written

    def close(self) -> None:
        """Close the store."""
        self.store.close()
