"""The audit page ``DIR/index.html``: the stories' sourcing, the sources across them, the quotes that travel."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from ..report.atomic import open_atomic
from ..report.cells import visible_text
from ..versions import attrib_version
from .store import Store
from .tables import provenance_available
from .wording import REORDERED, diff_parts, in_context, words

# rows shown per archive-wide table, and per quote cluster; the CSV files hold them all
SHOWN = 300
SHOWN_PER_CLUSTER = 60
# a one-word name of these types may be the surname of a person named in full elsewhere
_PEOPLE = ("person", "other")
# what a flag of provenance.csv means, in a desk editor's words
FLAG_WORDS = {"reattributed": "credited to another speaker", "via_dropped": "intermediary not named"}


def _grouped(store: Store, role: str) -> None:
    """TEMP table ``grouped``: each source row that speaks (``claims``) or relays (``relayed``), with its group.

    A group is a type and a normalised name; a one-word person name ("tokayev") that is the
    surname of exactly one person named in full in the archive joins that person's group.
    The grouping runs in SQLite, so the driver holds only the groups it shows.
    """
    db = store.db
    db.create_function("last_word", 1, lambda key: (key or "").rsplit(" ", 1)[-1], deterministic=True)
    db.executescript("""
        DROP TABLE IF EXISTS temp.surname;
        CREATE TEMP TABLE surname (word TEXT PRIMARY KEY, full TEXT);
        INSERT INTO surname SELECT last_word(key), min(key) FROM
            (SELECT DISTINCT key FROM sources WHERE type = 'person' AND instr(key, ' ') > 0)
            GROUP BY last_word(key) HAVING count(*) = 1;
        DROP TABLE IF EXISTS temp.grouped;
    """)
    people = ", ".join(f"'{t}'" for t in _PEOPLE)
    db.execute(f"""
        CREATE TEMP TABLE grouped AS SELECT
            CASE WHEN e.type IN ({people}) AND m.full IS NOT NULL THEN 'person|' || m.full
                 ELSE e.type || '|' || e.key END AS gk,
            e.story, e.name, e.type, e.forms, e.{role} AS n
        FROM sources e LEFT JOIN surname m ON m.word = e.key AND instr(e.key, ' ') = 0
        WHERE e.{role} > 0""")
    db.execute("CREATE INDEX temp.grouped_gk ON grouped(gk)")


def _groups(store: Store, role: str, shown: int = SHOWN) -> tuple[list[dict[str, Any]], int]:
    """The sources grouped across stories, most stories first, and how many groups there are.

    ``role`` is ``claims`` (the speakers) or ``relayed`` (the intermediaries).
    """
    _grouped(store, role)
    total = store.count("SELECT count(DISTINCT gk) FROM grouped")
    top = list(store.rows("SELECT gk, count(DISTINCT story) AS stories, sum(n) AS claims FROM grouped"
                          " GROUP BY gk ORDER BY stories DESC, claims DESC, gk LIMIT ?", (shown,)))
    rows = []
    for group in top:
        names: Counter[str] = Counter()
        types: Counter[str] = Counter()
        forms: dict[str, None] = {}
        for r in store.rows("SELECT name, type, forms FROM grouped WHERE gk = ? ORDER BY rowid", (group["gk"],)):
            names[r["name"]] += 1
            types[r["type"]] += 1
            if len(forms) < 8:
                forms.update(dict.fromkeys(json.loads(r["forms"] or "[]")))
        kind = "person" if "person" in types else types.most_common(1)[0][0]
        name = max(names, key=lambda n: (names[n], len(n.split()), n))  # most used, then fullest
        rows.append({"name": name, "type": kind, "stories": group["stories"], "claims": group["claims"],
                     "forms": list(forms)[:8]})
    store.db.executescript("DROP TABLE temp.grouped; DROP TABLE temp.surname;")
    rows.sort(key=lambda r: (-r["stories"], -r["claims"], r["name"].casefold()))
    return rows, total


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


def _clusters(store: Store, shown: int = SHOWN) -> tuple[Iterator[dict[str, Any]], int]:
    """The quote clusters carried by most stories (then most flagged), and how many there are.

    Each cluster's rows are read as the page is written: one cluster in memory at a time.
    """
    total = store.count("SELECT count(DISTINCT cluster) FROM provenance")
    top = list(store.rows("SELECT cluster, count(DISTINCT story) AS stories, sum(flag != '') AS flags,"
                          " sum(drift != '') AS reworded, count(*) AS claims FROM provenance GROUP BY cluster"
                          " ORDER BY stories DESC, flags DESC, reworded DESC, cluster LIMIT ?", (shown,)))
    return (_cluster(store, c["cluster"], dict(c)) for c in top), total


def _cluster(store: Store, number: int, counts: dict[str, int]) -> dict[str, Any]:
    """One cluster as the page shows it: the most common wording, the earliest story, each story's credit."""
    wording = store.db.execute("SELECT text FROM provenance WHERE cluster = ? GROUP BY text"
                               " ORDER BY count(*) DESC, min(n) LIMIT 1", (number,)).fetchone()[0]
    query = ("SELECT p.story, p.claim, p.speaker, p.via, p.text, p.drift, p.flag, p.date, p.earliest, s.reports"
             " FROM provenance p LEFT JOIN stories s ON s.path = p.story WHERE p.cluster = ?"
             " ORDER BY p.earliest DESC, p.flag = '', p.drift = '', p.date IS NULL OR p.date = '', p.date, p.n"
             " LIMIT ?")
    rows, earliest = [], None
    for r in store.rows(query, (number, SHOWN_PER_CLUSTER)):
        href = _report(r["story"], r["reports"])
        local = (r["claim"] or "").rsplit(":", 1)[-1]
        row = {"story": r["story"], "name": Path(r["story"]).name, "href": f"{href}#claim-{local}" if href else None,
               "date": r["date"] or "", "earliest": bool(r["earliest"]), "speaker": r["speaker"] or "",
               "via": r["via"] or "", "diff": diff_parts(r["drift"] or ""), "flag": FLAG_WORDS.get(r["flag"] or "", ""),
               "reordered": (r["drift"] or "").startswith(REORDERED),
               "context": in_context(r["text"] or "", wording, r["drift"] or ""),
               "excerpt": not r["drift"] and _shorter(r["text"] or "", wording)}
        if row["earliest"] and earliest is None:
            earliest = row
        rows.append(row)
    return {"id": number, "text": wording, "stories": counts["stories"], "flags": counts["flags"],
            "reworded": counts["reworded"], "earliest": earliest, "rows": rows, "more": counts["claims"] - len(rows)}


def _shorter(text: str, wording: str) -> bool:
    """Whether a quote has fewer words than the cluster's wording: an excerpt of it."""
    return len(words(text)) < len(words(wording))


def index_context(store: Store) -> dict[str, Any]:
    """The plain data the audit page loops over."""
    speakers, speaker_count = _groups(store, "claims")
    relays, relay_count = _groups(store, "relayed")
    clusters, cluster_count = _clusters(store)
    return {
        "version": attrib_version(),
        "story_count": store.count("SELECT count(*) FROM stories WHERE sha256 IS NOT NULL"),
        "failed_count": store.count("SELECT count(*) FROM stories WHERE sha256 IS NULL AND error IS NOT NULL"),
        "claim_count": store.count("SELECT count(*) FROM claims"),
        "stories": _stories(store),
        "speakers": speakers, "speaker_count": speaker_count,
        "relays": relays, "relay_count": relay_count,
        "provenance": provenance_available(),
        "clusters": clusters, "cluster_count": cluster_count,
        "shown": SHOWN, "shown_per_cluster": SHOWN_PER_CLUSTER,
    }


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        finalize=visible_text,  # every value printed: a title's or name's control characters never reach the page raw
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
