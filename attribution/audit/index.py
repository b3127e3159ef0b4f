"""The audit page ``DIR/index.html``: the stories' sourcing, the sources across them, the quotes that travel."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from ..report.atomic import open_atomic
from ..versions import attrib_version
from .store import Store
from .tables import provenance_available

# rows shown per archive-wide table; the CSV files hold them all
SHOWN = 300
# a one-word name of these types may be the surname of a person named in full elsewhere
_PEOPLE = ("person", "other")


@dataclass
class _Group:
    """One source across the archive: the stories that name it, and how."""

    key: str
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    forms: dict[str, None] = field(default_factory=dict)
    stories: set[int] = field(default_factory=set)
    claims: int = 0

    def row(self) -> dict[str, Any]:
        kind = "person" if "person" in self.types else self.types.most_common(1)[0][0]
        name = max(self.names, key=lambda n: (self.names[n], len(n.split()), n))  # most used, then fullest
        return {"name": name, "type": kind,
                "stories": len(self.stories), "claims": self.claims, "forms": list(self.forms)[:8]}


def _surnames(store: Store) -> dict[str, str]:
    """One-word names that are the surname of exactly one person of the archive ("tokayev")."""
    full: defaultdict[str, set[str]] = defaultdict(set)
    single = set()
    for row in store.rows("SELECT DISTINCT key, type FROM sources WHERE type IN ('person', 'other')"):
        words = (row["key"] or "").split()
        if len(words) == 1:
            single.add(words[0])
        elif words and row["type"] == "person":
            full[words[-1]].add(row["key"])
    return {word: next(iter(full[word])) for word in single if len(full[word]) == 1}


def _groups(store: Store, role: str) -> list[dict[str, Any]]:
    """Sources grouped by their normalised name; ``role`` is ``claims`` (speakers) or ``relayed``."""
    merged = _surnames(store)
    groups: dict[str, _Group] = {}
    query = f"SELECT story, name, type, key, forms, {role} AS n FROM sources WHERE {role} > 0"
    for row in store.rows(query):
        key = row["key"] or row["name"].casefold()
        if row["type"] in _PEOPLE and key in merged:
            key, kind = merged[key], "person"
        else:
            kind = row["type"]
        group = groups.setdefault(f"{kind}|{key}", _Group(key))
        group.names[row["name"]] += 1
        group.types[row["type"]] += 1
        group.forms.update(dict.fromkeys(json.loads(row["forms"] or "[]")))
        group.stories.add(row["story"])
        group.claims += row["n"]
    rows = [g.row() for g in groups.values()]
    rows.sort(key=lambda r: (-r["stories"], -r["claims"], r["name"].casefold()))
    return rows


def _report(path: str, reports: str | None) -> str | None:
    names = json.loads(reports or "[]")
    for suffix in (".html", ".json"):
        for name in names:
            if name.endswith(suffix):
                return quote(name)
    return None


def _share(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def _stories(store: Store) -> Iterator[dict[str, Any]]:
    query = ("SELECT id, path, title, date, publisher, claims, sources, anonymous_claim_share,"
             " unsourced_sentence_share, loaded_verbs, top_source_share, reports, error, sha256"
             " FROM stories WHERE sha256 IS NOT NULL OR error IS NOT NULL ORDER BY id")
    for r in store.rows(query):
        yield {
            "id": f"s{r['id']}", "path": r["path"], "title": r["title"] or Path(r["path"]).stem,
            "href": _report(r["path"], r["reports"]), "date": r["date"] or "", "publisher": r["publisher"] or "",
            "claims": r["claims"] if r["sha256"] else "–", "sources": r["sources"] if r["sha256"] else "–",
            "anonymous": _share(r["anonymous_claim_share"]), "unsourced": _share(r["unsourced_sentence_share"]),
            "loaded": "–" if r["loaded_verbs"] is None else r["loaded_verbs"], "top": _share(r["top_source_share"]),
            "error": r["error"] if not r["sha256"] else "",
        }


def _clusters(store: Store, reports: dict[str, str | None]) -> list[dict[str, Any]]:
    clusters: dict[int, dict[str, Any]] = {}
    for r in store.rows("SELECT cluster, story, claim, speaker, via, text, drift, flag FROM provenance ORDER BY n"):
        c = clusters.setdefault(r["cluster"], {"id": r["cluster"], "rows": [], "wordings": Counter(),
                                               "flags": 0, "stories": set()})
        href = reports.get(r["story"])
        local = (r["claim"] or "").rsplit(":", 1)[-1]
        c["rows"].append({"story": r["story"], "href": f"{href}#claim-{local}" if href else None,
                          "speaker": r["speaker"] or "", "via": r["via"] or "", "drift": r["drift"] or "",
                          "flag": r["flag"] or ""})
        c["wordings"][" ".join((r["text"] or "").split())] += 1
        c["flags"] += bool(r["flag"])
        c["stories"].add(r["story"])
    out = []
    for c in clusters.values():
        out.append({"id": c["id"], "text": c["wordings"].most_common(1)[0][0], "stories": len(c["stories"]),
                    "flags": c["flags"], "rows": c["rows"]})
    out.sort(key=lambda c: (-c["stories"], -c["flags"], c["id"]))
    return out


def index_context(store: Store) -> dict[str, Any]:
    """The plain data the audit page loops over."""
    speakers = _groups(store, "claims")
    relays = _groups(store, "relayed")
    reports = {r["path"]: _report(r["path"], r["reports"])
               for r in store.rows("SELECT path, reports FROM stories WHERE id IN (SELECT story FROM claims"
                                   " WHERE id IN (SELECT claim FROM provenance))")}
    return {
        "version": attrib_version(),
        "story_count": store.count("SELECT count(*) FROM stories WHERE sha256 IS NOT NULL"),
        "failed_count": store.count("SELECT count(*) FROM stories WHERE sha256 IS NULL AND error IS NOT NULL"),
        "claim_count": store.count("SELECT count(*) FROM claims"),
        "stories": _stories(store),
        "speakers": speakers[:SHOWN], "speaker_count": len(speakers),
        "relays": relays[:SHOWN], "relay_count": len(relays),
        "provenance": provenance_available(),
        "clusters": _clusters(store, reports)[:SHOWN],
        "shown": SHOWN,
    }


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    return env.get_template("index.html")


def render_index(store: Store) -> Iterable[str]:
    """The audit page, as pieces of text (the stories' table streams from the store)."""
    return _template().generate(**index_context(store))


def write_index(store: Store, out: Path) -> Path:
    """Write ``out/index.html`` atomically."""
    path = Path(out) / "index.html"
    with open_atomic(path, newline="\n") as handle:
        for piece in render_index(store):
            handle.write(piece)
    return path
