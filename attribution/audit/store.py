"""The audit store: one SQLite file that accumulates stories across runs, one transaction a story."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import AttribError
from .records import CLAIM_FIELDS, PROFILE_COLUMNS, SOURCE_FIELDS, TERM_FIELDS, StoryRecord

STORE_NAME = "audit.sqlite"
SCHEMA_VERSION = "1"
# the columns of the provenance table, which every run computes afresh from the claims
PROVENANCE_FIELDS = ("cluster", "story", "claim", "speaker", "via", "text", "drift", "flag", "date", "earliest")

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    title TEXT, publisher TEXT, byline TEXT, date TEXT, dateline TEXT, chars INTEGER,
    attrib_version TEXT, model TEXT,
    claims INTEGER, sources INTEGER,
    {", ".join(f"{name} {kind}" for name, kind in PROFILE_COLUMNS.items())},
    profile TEXT, warnings TEXT, reports TEXT, error TEXT
);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE, n INTEGER NOT NULL,
    kind TEXT, speaker TEXT, speaker_name TEXT, speaker_mention TEXT, via TEXT, via_names TEXT, cue TEXT,
    cue_lemma TEXT, stance TEXT, channel TEXT, time TEXT, sentence INTEGER, confidence REAL,
    start INTEGER, "end" INTEGER, content TEXT
);
CREATE TABLE IF NOT EXISTS sources (
    id TEXT PRIMARY KEY, story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE, n INTEGER NOT NULL,
    name TEXT, type TEXT, key TEXT, forms TEXT, claims INTEGER, relayed INTEGER
);
CREATE TABLE IF NOT EXISTS quoted_terms (
    id TEXT PRIMARY KEY, story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE, n INTEGER NOT NULL,
    start INTEGER, "end" INTEGER, text TEXT, label TEXT, speaker TEXT
);
CREATE TABLE IF NOT EXISTS provenance (
    n INTEGER PRIMARY KEY, cluster INTEGER, story TEXT, claim TEXT, speaker TEXT, via TEXT, text TEXT,
    drift TEXT, flag TEXT, date TEXT, earliest INTEGER
);
CREATE INDEX IF NOT EXISTS claims_story ON claims(story, n);
CREATE INDEX IF NOT EXISTS sources_story ON sources(story, n);
CREATE INDEX IF NOT EXISTS sources_key ON sources(key);
CREATE INDEX IF NOT EXISTS terms_story ON quoted_terms(story, n);
CREATE INDEX IF NOT EXISTS provenance_cluster ON provenance(cluster);
"""


class StoreError(AttribError):
    """The audit store cannot be opened or is not an attrib store."""


def _global(story: int, local: str | None) -> str | None:
    return f"s{story}:{local}" if local else None


class Store:
    """``DIR/audit.sqlite``: stories, claims, sources and quoted terms, every row keyed by story.

    Ids are unique across the archive: story 12's claim c3 is ``s12:c3``, its entity e1
    ``s12:e1``. A story keeps its number across runs (it is keyed by its path as given).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._derived_tables()
            self.db.executescript(_SCHEMA)
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise StoreError(f"{self.path} was written by another version of attrib's audit store "
                                 f"(schema {row[0]}): audit into a new --out folder")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} cannot be used as the audit store: {exc}") from None

    def _derived_tables(self) -> None:
        """Drop a provenance table of other columns (an earlier attrib's): the next run computes it again."""
        columns = tuple(r[1] for r in self.db.execute("PRAGMA table_info(provenance)"))
        if columns and columns[1:] != PROVENANCE_FIELDS:
            self.db.execute("DROP TABLE provenance")

    def close(self) -> None:
        """Close the database (the WAL is folded back into the one file)."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def register(self, paths: Iterable[str]) -> None:
        """Give each new path a story number, in the order given (known paths keep theirs)."""
        with self._transaction():
            self.db.executemany("INSERT OR IGNORE INTO stories (path) VALUES (?)", ((p,) for p in paths))

    def known(self, path: str) -> tuple[int, str | None, str | None, str | None, str | None]:
        """``(number, sha256, attrib_version, model, reports)`` of a registered path."""
        row = self.db.execute("SELECT id, sha256, attrib_version, model, reports FROM stories WHERE path = ?",
                              (path,)).fetchone()
        if row is None:
            raise KeyError(path)
        return row

    def put(self, path: str, record: StoryRecord, reports: str) -> None:
        """Replace the rows of one story, all in one transaction."""
        story = self.known(path)[0]
        values = {
            "sha256": record.sha256, "title": record.title, "publisher": record.publisher,
            "byline": record.byline, "date": record.date, "dateline": record.dateline, "chars": record.chars,
            "attrib_version": record.attrib_version, "model": record.model, "claims": record.claim_count,
            "sources": record.source_count, **record.profile_values(), "profile": record.profile,
            "warnings": record.warnings, "reports": reports, "error": None,
        }
        claims = [(_global(story, row[1]), story, *self._claim(story, row)) for row in record.claims]
        sources = [(_global(story, row[1]), story, row[0], *row[2:]) for row in record.sources]
        terms = [(_global(story, f"q{row[0]}"), story, *row[:5], _global(story, row[5])) for row in record.terms]
        with self._transaction():
            self._changed()
            self._clear(story)
            self.db.execute(f"UPDATE stories SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
                            (*values.values(), story))
            self._insert("claims", claims, len(CLAIM_FIELDS) + 1)
            self._insert("sources", sources, len(SOURCE_FIELDS) + 1)
            self._insert("quoted_terms", terms, len(TERM_FIELDS) + 2)

    @staticmethod
    def _claim(story: int, row: tuple[Any, ...]) -> tuple[Any, ...]:
        fields = dict(zip(CLAIM_FIELDS, row, strict=True))
        fields["speaker"] = _global(story, fields["speaker"])
        fields["via"] = "; ".join(_global(story, v) or "" for v in fields["via"].split())
        del fields["local"]  # the claim's id in the story's own report; n keeps the order
        return tuple(fields.values())

    def _insert(self, table: str, rows: list[tuple[Any, ...]], width: int) -> None:
        self.db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", rows)

    def fail(self, path: str, error: str) -> None:
        """Record that a story could not be analysed (its old rows, if any, stay)."""
        with self._transaction():
            self._changed()
            self.db.execute("UPDATE stories SET error = ? WHERE path = ?", (error, path))

    def _changed(self) -> None:
        self.db.execute("INSERT INTO meta VALUES ('generation', '1')"
                        " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    def generation(self) -> int:
        """A number that grows with every story stored or failed: the tables of one generation are the same."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def meta(self, key: str) -> str | None:
        """A value kept in the store's ``meta`` table, None when unset."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Keep ``value`` under ``key`` in the store's ``meta`` table."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def replace_provenance(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Replace the quote clusters (computed over the whole archive) in one transaction."""
        with self._transaction():
            self.db.execute("DELETE FROM provenance")
            self.db.executemany(f"INSERT INTO provenance ({', '.join(PROVENANCE_FIELDS)})"
                                f" VALUES ({', '.join('?' * len(PROVENANCE_FIELDS))})", rows)

    def _clear(self, story: int) -> None:
        for table in ("claims", "sources", "quoted_terms"):
            self.db.execute(f"DELETE FROM {table} WHERE story = ?", (story,))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def rows(self, query: str, params: tuple[Any, ...] = (), size: int = 2000) -> Iterator[sqlite3.Row]:
        """The rows of ``query`` fetched ``size`` at a time (no whole table in memory)."""
        cursor = self.db.cursor()
        cursor.row_factory = sqlite3.Row
        cursor.execute(query, params)
        while batch := cursor.fetchmany(size):
            yield from batch

    def count(self, query: str, params: tuple[Any, ...] = ()) -> int:
        """The single number ``query`` returns."""
        return int(self.db.execute(query, params).fetchone()[0] or 0)


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception (Ctrl-C included)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def open_store(folder: Path) -> Store:
    """The store in ``folder`` (created on first use)."""
    return Store(Path(folder) / STORE_NAME)
