"""Quote provenance across stories: invented pairs a row, then the planted variants of the corpus."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from attribution.audit.provenance import (
    ClaimRecord,
    clusterable,
    find_clusters,
    provenance,
    provenance_rows,
    records_from_analysis,
)
from attribution.audit.wording import same_name

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_variants  # noqa: E402


def rec(story: str, text: str, speaker: str | None = "Anna Berg", via: tuple[str, ...] = (),
        date: str | None = None, claim: str = "c1") -> ClaimRecord:
    return ClaimRecord(story, claim, speaker, via, text, date)


def pair(a: str, b: str, speaker_b: str | None = "Anna Berg") -> list[tuple[str, str]]:
    """(story, drift) of each claim clustered from story a (earlier) and story b."""
    rows = provenance([rec("a", a, date="2024-05-01"), rec("b", b, speaker=speaker_b, date="2024-05-02")])
    return [(r.story, r.drift) for r in rows]


PAIRS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    ("exact",
     "The talks in Geneva will resume next week with all parties present",
     "The talks in Geneva will resume next week with all parties present",
     [("a", ""), ("b", "")]),
    ("exact after typography",
     "We won’t   accept a result built on bought votes",
     "We won't accept a result built on bought votes",
     [("a", ""), ("b", "")]),
    ("cut: an excerpt of the longer quote is no drift",
     "We will rebuild every school and hospital that was destroyed, and we will do it before winter comes",
     "we will rebuild every school and hospital that was destroyed",
     [("a", ""), ("b", "")]),
    ("reordered sentences",
     "Prices will rise sharply next year. Wages will not keep up with inflation.",
     "Wages will not keep up with inflation. Prices will rise sharply next year.",
     [("a", ""), ("b", "(reordered)")]),
    ("a word changed",
     "The ministry has fully restored power to the northern districts",
     "The ministry has partly restored power to the northern districts",
     [("a", ""), ("b", "-fully +partly")]),
    ("a word dropped",
     "Constitutional order has largely been restored in all regions of the country",
     "Constitutional order has been restored in all regions of the country",
     [("a", ""), ("b", "-largely")]),
    ("a number changed",
     "More than 3,000 protesters were arrested in the capital overnight",
     "More than 4,000 protesters were arrested in the capital overnight",
     [("a", ""), ("b", "-3,000 +4,000")]),
    ("a cut with a changed word",
     "Anti-terrorist operations should continue until the militants are completely eliminated, he said",
     "operations should continue until the militants are completely destroyed",
     [("a", ""), ("b", "-eliminated +destroyed")]),
    ("unrelated, one frame shared", "We are deeply concerned about the flooding in the northern provinces",
     "We are deeply concerned about the violence against journalists in the capital", []),
    ("unrelated, one template", "Consumer prices rose 3.1 percent in March from a year earlier",
     "Producer prices fell 0.4 percent in June from a month earlier", []),
    ("a stock phrase (three content words) is never matched", "We are monitoring the situation closely",
     "We are monitoring the situation closely", []),
    ("a short stock phrase, same speaker", "The situation is under control", "The situation is under control", []),
    ("a short distinctive quote, same speaker", "The talks will be held in Havana",
     "The talks will be held in Havana", [("a", ""), ("b", "")]),
    ("an identical eight-word quote", "Both delegations have shown seriousness in these talks",
     "Both delegations have shown seriousness in these talks", [("a", ""), ("b", "")]),
]


@pytest.mark.parametrize(("why", "a", "b", "expected"), PAIRS, ids=[p[0] for p in PAIRS])
def test_pairs(why: str, a: str, b: str, expected: list[tuple[str, str]]):
    assert pair(a, b) == expected


def test_short_distinctive_quote_needs_the_same_speaker():
    assert pair("The talks will be held in Havana", "The talks will be held in Havana", speaker_b="Jan Novak") == []


def test_identical_long_quote_clusters_whoever_is_credited_and_flags_the_later_credit():
    rows = provenance([rec("a", "Both delegations have shown seriousness in these talks", date="2024-05-01"),
                       rec("b", "Both delegations have shown seriousness in these talks", "Jan Novak",
                           date="2024-05-02")])
    assert [(r.story, r.flag) for r in rows] == [("a", ""), ("b", "reattributed")]


def test_claims_of_one_story_never_cluster_alone():
    quote = "The talks in Geneva will resume next week with all parties present"
    assert provenance([rec("a", quote, claim="c1"), rec("a", quote, claim="c2")]) == []


QUOTE = "The entire peacekeeping force will comprise around 2,500 men and stay for a few weeks"


def test_reattributed_against_the_majority_of_name_forms():
    rows = provenance([
        rec("a", QUOTE, "Kassym-Jomart Tokayev"),
        rec("b", QUOTE, "Tokayev"),
        rec("c", QUOTE, "Kazakh President Kassym-Jomart Tokayev"),
        rec("d", QUOTE, "Nursultan Nazarbayev"),
        rec("e", QUOTE, None),
    ])
    assert [(r.story, r.flag) for r in rows] == [("a", ""), ("b", ""), ("c", ""), ("d", "reattributed"), ("e", "")]


def test_via_dropped_when_most_stories_credit_the_agency():
    rows = provenance([
        rec("a", QUOTE, "general secretary", ("the RIA news agency",)),
        rec("b", QUOTE, "general secretary", ("RIA",)),
        rec("c", QUOTE, "general secretary"),
    ])
    assert [(r.story, r.via, r.flag) for r in rows] == [
        ("a", "the RIA news agency", ""), ("b", "RIA", ""), ("c", "", "via_dropped")]


def test_no_via_flag_when_most_stories_omit_it():
    rows = provenance([rec("a", QUOTE, via=("TASS",)), rec("b", QUOTE), rec("c", QUOTE)])
    assert [r.flag for r in rows] == ["", "", ""]


def test_most_common_wording_is_the_reference_and_earliest_story_is_known():
    changed = QUOTE.replace("2,500", "3,000")
    clusters = find_clusters([rec("x", changed, date="2024-05-03"), rec("y", QUOTE, date="2024-05-02"),
                              rec("z", QUOTE, date="2024-05-04"), rec("w", QUOTE)])
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster.wording == QUOTE
    assert cluster.earliest == "y"
    assert cluster.stories == ("x", "y", "z", "w")
    assert [m.drift for m in cluster.members] == ["-2,500 +3,000", "", "", ""]


def test_a_tie_without_dates_has_no_reference_wording():
    changed = QUOTE.replace("2,500", "3,000")
    assert [r.drift for r in provenance([rec("a", QUOTE), rec("b", changed)])] == ["", ""]


def test_headline_excerpt_does_not_make_the_body_quote_drift():
    headline = "constitutional order has largely been restored"
    body = "constitutional order has been largely restored in the Central Asian country ravaged by unrest"
    rows = provenance([rec("a", headline, claim="c1"), rec("a", body, claim="c2"),
                       rec("b", headline, claim="c1"), rec("b", body, claim="c2"),
                       rec("c", headline, claim="c1")])
    assert {(r.story, r.claim): r.drift for r in rows}[("b", "c2")] == ""


NAMES = [
    ("Tokayev", "Kassym-Jomart Tokayev", True),
    ("Kazakh President Kassym-Jomart Tokayev", "Tokayev", True),
    ("President Tokayev", "Kassym-Jomart Tokayev", True),
    ("Tokayev government", "Tokayev", False),
    ("the RIA news agency", "RIA", True),
    ("Jane Smith", "John Smith", False),
    ("Interior Ministry", "Kazakh Interior Ministry", True),
]


@pytest.mark.parametrize(("a", "b", "same"), NAMES)
def test_name_forms(a: str, b: str, same: bool):
    assert same_name(a, b) is same
    assert same_name(b, a) is same


# ---- the planted variants of the corpus, through `attrib audit` ------------------------

# The acceptance test end to end: `attrib audit` over the corpus stories and generated variants
# (quotes rewritten, cut, re-attributed, agencies dropped; benchmarks/make_variants.py) with
# the held-out stories as unrelated decoys on related topics, scored from provenance.csv and
# claims.csv against the generator's manifest: every corpus story, all 100 variants and the
# 30 decoys (22–46 s on two shared cores).


def _table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{k: _unquoted(v) for k, v in row.items()} for row in csv.DictReader(handle)]


def _unquoted(cell: str) -> str:
    """A cell as stored: the audit's tables quote what a spreadsheet would read as a formula ("-winter")."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def _audit(folder: Path, manifest: dict, files: list[str], out: Path) -> make_variants.Score:
    folder.mkdir()
    for name in files:
        (folder / name).write_bytes((out.parent / "variants" / name).read_bytes())
    # heldout7 and later stay out: their sports stories repeat sentences of heldout6's ("I've watched
    # it ten times", "said his side had been robbed"), and heldout9's and heldout10's two chairs both
    # called a decision "the hardest of my career", so the audit rightly clusters them
    decoys = sorted(p for p in ROOT.glob("tests/heldout*/*.txt")
                    if p.parent.name in {"heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6"})
    for path in decoys:
        (folder / f"decoy_{path.name}").write_bytes(path.read_bytes())
    proc = subprocess.run([sys.executable, "-m", "attribution", "audit", str(folder), "--out", str(out), "--json",
                           "--jobs", "2"], capture_output=True, text=True, timeout=1800)
    total = len(files) + len(decoys)
    assert proc.returncode == 0 and f"{total} of {total} stories analysed" in proc.stderr, proc.stderr[-2000:]
    rows = [SimpleNamespace(**r) for r in _table(out / "provenance.csv")]
    assert not [r.story for r in rows if Path(r.story).name.startswith("decoy_")], "a held-out story joined a cluster"
    spans = {(Path(c["story"]).name, c["id"]): (int(c["start"]), int(c["end"])) for c in _table(out / "claims.csv")}
    score = make_variants.score_provenance(rows, spans, manifest, files, clusterable)
    assert score.problems == [], score.line()
    assert score.clusters[0] == score.clusters[1] > 0
    assert score.drift[0] == score.drift[1] > 0
    assert score.reattributed[0] == score.reattributed[1] > 0
    assert score.via_dropped[0] == score.via_dropped[1] > 0
    assert score.earliest[0] == score.earliest[1] > 0
    assert (score.false_clusters, score.false_drift, score.false_flags) == (0, 0, 0)
    assert (out / "index.html").is_file() and (out / "audit.sqlite").is_file()
    return score


def test_planted_variants_through_audit(tmp_path: Path):
    manifest = make_variants.make_variants(tmp_path / "variants", 100, seed=0)
    files = [s["file"] for s in manifest["stories"]]
    assert len(files) == 11 + 100
    score = _audit(tmp_path / "in", manifest, files, tmp_path / "out")
    print(f"\n111 stories and 30 decoys: {score.line()}")


def test_generator_is_deterministic_and_spans_slice_the_text(tmp_path: Path):
    first = make_variants.make_variants(tmp_path / "a", 12, seed=3)
    second = make_variants.make_variants(tmp_path / "b", 12, seed=3)
    assert first == second
    kinds = {change for claim in first["claims"] for change in claim["changes"]}
    assert kinds == {"drift", "cut", "reattributed", "via_dropped"}
    for claim in first["claims"]:
        text = (tmp_path / "a" / claim["story"]).read_text(encoding="utf-8")
        assert text[claim["start"]:claim["end"]] == claim["text"]


def test_streamed_clusters_equal_those_kept_in_memory():
    records = [rec("a", QUOTE, "Tokayev", date="2024-05-02"), rec("b", QUOTE.replace("2,500", "3,000"), "Tokayev"),
               rec("b", "The talks in Geneva will resume next week with all parties present", claim="c2"),
               rec("c", QUOTE, "Nazarbayev", date="2024-05-01"),
               rec("c", "The talks in Geneva will resume next week with all parties present", claim="c2")]
    asked = []

    def fetch(positions):
        asked.append(list(positions))
        return [records[i] for i in positions]

    streamed = list(provenance_rows(iter(records), fetch))
    assert streamed == provenance(records)
    assert asked == [[0, 1, 3], [2, 4]]  # a cluster's claims, read when its rows are made
    assert [(r.story, r.earliest) for r in streamed if r.cluster == 1] == [("a", False), ("b", False), ("c", True)]


def test_records_from_analyses_in_memory():
    from attribution.pipeline import analyze

    a = analyze("The AFP news agency quoted Mayor Ana Ruiz as saying that every bridge in the city would be rebuilt "
                "before the winter storms.\n")
    b = analyze("Ruiz said that every bridge in the city would be rebuilt before the spring storms.\n")
    records = records_from_analysis(a, "a", "2024-05-01") + records_from_analysis(b, "b", "2024-05-02")
    assert [(r.story, r.speaker, r.via, r.drift) for r in provenance(records)] == [
        ("a", "Ana Ruiz", "AFP news agency", ""), ("b", "Ruiz", "", "-winter +spring")]
