"""The combined tables of an audit, built from the store a chunk at a time: CSV for spreadsheets, Parquet."""

from __future__ import annotations

import csv
import importlib.util
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..report.atomic import open_atomic, temp_name
from ..report.cells import safe_cell
from .records import PROFILE_COLUMNS
from .store import PROVENANCE_FIELDS, Store

# each table's columns with their type (str, int or float), in order; `story` is the path as given
STORY_COLUMNS: dict[str, type] = {
    "story": str, "id": str, "sha256": str, "title": str, "publisher": str, "byline": str, "date": str,
    "dateline": str, "chars": int, "attrib_version": str, "model": str, "claims": int, "sources": int,
    **{name: float if kind == "REAL" else int for name, kind in PROFILE_COLUMNS.items()},
    "profile": str, "warnings": str, "error": str,
}
CLAIM_COLUMNS: dict[str, type] = {
    "story": str, "story_id": str, "id": str, "kind": str, "speaker": str, "speaker_name": str,
    "speaker_mention": str, "via": str, "via_names": str, "cue": str, "cue_lemma": str, "stance": str,
    "channel": str, "time": str, "sentence": int, "confidence": float, "start": int, "end": int, "content": str,
}
SOURCE_COLUMNS: dict[str, type] = {
    "story": str, "story_id": str, "id": str, "name": str, "type": str, "key": str, "forms": str,
    "claims": int, "relayed": int,
}
PROVENANCE_COLUMNS: dict[str, type] = {
    "cluster": int, "story": str, "claim": str, "speaker": str, "via": str, "text": str, "drift": str, "flag": str,
    "date": str, "earliest": int,
}


def _stories(store: Store) -> Iterator[tuple[Any, ...]]:
    profile = ", ".join(PROFILE_COLUMNS)
    query = (f"SELECT path, 's' || id, sha256, title, publisher, byline, date, dateline, chars, attrib_version,"
             f" model, claims, sources, {profile}, profile, warnings, error FROM stories"
             " WHERE sha256 IS NOT NULL OR error IS NOT NULL ORDER BY id")
    for row in store.rows(query):
        yield tuple(row)


def _claims(store: Store) -> Iterator[tuple[Any, ...]]:
    query = ("SELECT s.path, 's' || s.id, c.id, c.kind, c.speaker, c.speaker_name, c.speaker_mention, c.via,"
             " c.via_names, c.cue, c.cue_lemma, c.stance, c.channel, c.time, c.sentence, c.confidence, c.start,"
             ' c."end", c.content FROM claims c JOIN stories s ON s.id = c.story ORDER BY c.story, c.n')
    for row in store.rows(query):
        yield tuple(row)


def _sources(store: Store) -> Iterator[tuple[Any, ...]]:
    import json

    query = ("SELECT s.path, 's' || s.id, e.id, e.name, e.type, e.key, e.forms, e.claims, e.relayed"
             " FROM sources e JOIN stories s ON s.id = e.story ORDER BY e.story, e.n")
    for row in store.rows(query):
        values = list(row)
        values[6] = "; ".join(json.loads(values[6] or "[]"))
        yield tuple(values)


def provenance_available() -> bool:
    """Whether this attrib has quote provenance (``attribution.audit.provenance``)."""
    return importlib.util.find_spec("attribution.audit.provenance") is not None


def _provenance(store: Store) -> Iterator[tuple[Any, ...]]:
    query = "SELECT cluster, story, claim, speaker, via, text, drift, flag, date, earliest FROM provenance ORDER BY n"
    for row in store.rows(query):
        yield tuple(row)


_CLAIM_RECORDS = ("SELECT c.rowid, s.path, c.id, c.speaker_name, c.via_names, c.content, s.date"
                  " FROM claims c JOIN stories s ON s.id = c.story")


def update_provenance(store: Store) -> bool:
    """Cluster the quotes of the whole archive again and keep the clusters in the store.

    The claims are read from the store twice, never held all at once: a first pass keeps
    each wording's words, then each cluster's claims are read back by their row number.

    Returns:
        False when this attrib has no quote provenance (the table stays empty).
    """
    if not provenance_available():
        store.replace_provenance(())
        return False
    from .provenance import ClaimRecord, provenance_rows

    paths: dict[str, str] = {}  # one string per story path, however many claims share it
    rowids = array("q")

    def record(r: Any) -> ClaimRecord:
        path = paths.setdefault(r["path"], r["path"])
        return ClaimRecord(path, r["id"], r["speaker_name"], tuple(v for v in (r["via_names"] or "").split("; ") if v),
                           r["content"] or "", r["date"])

    def records() -> Iterator[ClaimRecord]:
        for r in store.rows(f"{_CLAIM_RECORDS} ORDER BY c.story, c.n"):
            rowids.append(r["rowid"])
            yield record(r)

    def fetch(positions: Sequence[int]) -> list[ClaimRecord]:
        wanted = [rowids[i] for i in positions]
        found: dict[int, ClaimRecord] = {}
        for lo in range(0, len(wanted), 500):  # SQLite's limit on bound parameters is far above 500
            chunk = wanted[lo:lo + 500]
            query = f"{_CLAIM_RECORDS} WHERE c.rowid IN ({', '.join('?' * len(chunk))})"
            found.update((r["rowid"], record(r)) for r in store.rows(query, tuple(chunk)))
        return [found[w] for w in wanted]

    rows = provenance_rows(records(), fetch)
    store.replace_provenance(tuple(getattr(r, f) for f in PROVENANCE_FIELDS) for r in rows)
    return True


TABLES: dict[str, tuple[dict[str, type], Any]] = {
    "stories": (STORY_COLUMNS, _stories),
    "claims": (CLAIM_COLUMNS, _claims),
    "sources": (SOURCE_COLUMNS, _sources),
    "provenance": (PROVENANCE_COLUMNS, _provenance),
}


def write_csv_table(path: Path, columns: Iterable[str], rows: Iterable[tuple[Any, ...]]) -> Path:
    """A CSV file for spreadsheets: UTF-8 with a BOM, formulas neutralised, written atomically."""
    with open_atomic(path, encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(list(columns))
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
    return path


def _arrow_type(kind: type) -> Any:
    import pyarrow as pa

    return {int: pa.int64(), float: pa.float64()}.get(kind, pa.string())


def write_parquet_table(path: Path, columns: dict[str, type], rows: Iterable[tuple[Any, ...]],
                        chunk: int = 2000) -> Path:
    """The same table as Parquet (values as stored, no spreadsheet quoting), in row groups of ``chunk``."""
    import os

    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, _arrow_type(kind)) for name, kind in columns.items()])

    def table(batch: list[tuple[Any, ...]]) -> Any:
        return pa.table([[r[i] for r in batch] for i in range(len(columns))], schema=schema)

    tmp = temp_name(path)
    try:
        with pq.ParquetWriter(tmp, schema) as writer:
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= chunk:
                    writer.write_table(table(batch))
                    batch = []
            if batch:
                writer.write_table(table(batch))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _parquet() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def table_names() -> list[str]:
    """The file names ``write_tables`` writes."""
    return [f"{name}.{ext}" for name in TABLES for ext in ("csv", "parquet") if ext == "csv" or _parquet()]


def write_tables(store: Store, out: Path) -> list[Path]:
    """``stories``, ``claims``, ``sources`` and ``provenance`` as CSV (and Parquet with pyarrow) in ``out``."""
    parquet = _parquet()
    update_provenance(store)
    written = []
    for name, (columns, rows) in TABLES.items():
        written.append(write_csv_table(out / f"{name}.csv", columns, rows(store)))
        if parquet:
            written.append(write_parquet_table(out / f"{name}.parquet", columns, rows(store)))
    return written
