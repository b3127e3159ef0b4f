"""The analyzer on the annotated stories: acceptance scores, the Kazakhstan chains, golden JSON.

Golden files: every story in corpora/ has its expected attrib/1 JSON in tests/golden/.
After a deliberate change, rewrite them with ``ATTRIB_UPDATE_GOLDEN=1 pytest tests/test_gold.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest

from attribution.evaluate import evaluate, name_matches, score_story, total
from attribution.pipeline import analyze
from attribution.report.json import to_json
from attribution.types import Analysis

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
GOLDEN = ROOT / "tests" / "golden"
CORPORA = sorted((ROOT / "corpora").glob("*.txt"))


@cache
def analysed(path: Path) -> Analysis:
    return analyze(path.read_text(encoding="utf-8-sig"), path=f"corpora/{path.name}")


def test_scores_on_the_development_stories_meet_the_acceptance_bar() -> None:
    scores = evaluate(GOLD, lambda text, path: analyze(text, path=path))
    overall = total(scores)
    assert len(scores) == 11
    assert overall.claims.f1 >= 0.88
    assert overall.speakers.f1 >= 0.80
    assert overall.via.f1 >= 0.75


def kazakhstan() -> tuple[Analysis, dict]:
    story = ROOT / "corpora" / "kazakhstan_reuters.txt"
    return analysed(story), json.loads((GOLD / "kazakhstan_reuters.gold.json").read_text(encoding="utf-8"))


def test_kazakhstan_every_gold_claim_with_its_speaker() -> None:
    analysis, gold = kazakhstan()
    score = score_story("kazakhstan_reuters", analysis, gold)
    assert score.claims.tp == score.claims.gold == score.claims.predicted == 13
    assert score.speakers.tp == 13


def _chain(analysis: Analysis, content_start: str) -> tuple[str, list[str], str | None]:
    names = {e.id: e.name for e in analysis.entities}
    claim = next(c for c in analysis.claims if c.content.text.startswith(content_start))
    return names[claim.speaker], [names[v] for v in claim.via], claim.channel


def test_kazakhstan_chains() -> None:
    analysis, _ = kazakhstan()
    speaker, via, channel = _chain(analysis, "constitutional order has been largely restored")
    assert name_matches(speaker, ["Kassym-Jomart Tokayev"])
    assert via == ["Kassym-Jomart Tokayev's office"] and channel == "statement"
    speaker, via, _ = _chain(analysis, "The entire peacekeeping force")
    assert name_matches(speaker, ["the alliance’s general secretary"])
    assert via == ["RIA news agency"]


def test_kazakhstan_observations_and_boilerplate_are_not_claims() -> None:
    analysis, gold = kazakhstan()
    text = analysis.document.text
    for span in [*gold["not_claims"], "You might also like", "Leave A Reply", "ALMATY (Reuters)",
                 "Your email address will not be published."]:
        start = text.find(span)
        assert start >= 0
        for claim in analysis.claims:
            assert claim.content.end <= start or claim.content.start >= start + len(span), span
    mentions = {m.text for e in analysis.entities for m in e.mentions}
    assert not any("ALMATY" in m or "Reuters" in m for m in mentions)


def test_kazakhstan_document_header() -> None:
    doc = json.loads(to_json(kazakhstan()[0]))["document"]
    assert (doc["title"], doc["publisher"], doc["byline"], doc["dateline"]) == (
        "Kazakh president says constitutional order has largely been restored", "Reuters",
        ["Olzhas Auyezov"], "ALMATY")


@pytest.mark.parametrize("story", CORPORA, ids=[p.stem for p in CORPORA])
def test_golden_json(story: Path) -> None:
    produced = to_json(analysed(story))
    golden = GOLDEN / f"{story.stem}.json"
    if os.environ.get("ATTRIB_UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert golden.is_file(), f"no golden file: run ATTRIB_UPDATE_GOLDEN=1 pytest {__file__}"
    assert produced == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("story", CORPORA, ids=[p.stem for p in CORPORA])
def test_spans_slice_the_input_and_ids_follow_the_contract(story: Path) -> None:
    analysis = analysed(story)
    text = analysis.document.text
    data = json.loads(to_json(analysis))
    spans = [c[k] for c in data["claims"] for k in ("content", "cue", "speaker_mention") if c[k]]
    spans += [m for e in data["entities"] for m in e["mentions"]]
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]
    assert [c["id"] for c in data["claims"]] == [f"c{n}" for n in range(1, len(data["claims"]) + 1)]
    starts = [c["content"]["start"] for c in data["claims"]]
    assert starts == sorted(starts)
    firsts = [min(m["start"] for m in e["mentions"]) for e in data["entities"]]
    assert firsts == sorted(firsts)
    ids = {e["id"] for e in data["entities"]}
    for c in data["claims"]:
        assert c["speaker"] is None or c["speaker"] in ids
        assert set(c["via"]) <= ids and c["speaker"] not in c["via"]


def test_same_input_gives_byte_identical_output() -> None:
    story = ROOT / "corpora" / "dev_03_football_transfer.txt"
    text = story.read_text(encoding="utf-8")
    assert to_json(analyze(text, path="x")) == to_json(analyze(text, path="x"))
