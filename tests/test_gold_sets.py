"""The annotated story sets themselves: well-formed, and the analyzer's scores on them.

tests/gold is the development set (copied from the shared gold); tests/heldout and
tests/heldout2 to tests/heldout8 were written blind by people who never ran the analyzer (see their
READMEs for what was measured before any change prompted by them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attribution.evaluate import evaluate, total
from attribution.pipeline import analyze

TESTS = Path(__file__).resolve().parent
SETS = ("gold", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8")
KINDS = {"direct", "indirect", "mixed", "according_to"}
STORIES = sorted(p for s in SETS for p in (TESTS / s).glob("*.gold.json"))


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


@pytest.mark.parametrize("gold_path", STORIES, ids=[f"{p.parent.name}/{p.name[:-10]}" for p in STORIES])
def test_gold_file_is_well_formed(gold_path: Path) -> None:
    name = gold_path.name.removesuffix(".gold.json")
    text = (gold_path.parent / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["id"] == name
    contents = []
    for item in gold["attributions"]:
        assert item["kind"] in KINDS
        found = _spans(text, item["content"])
        assert found, f"content not in the story: {item['content'][:60]!r}"
        contents += found
        assert item["content"] == item["content"].strip()
        for via in item["via"]:
            assert set(via) == {"name", "aliases"}
    for span in gold.get("not_claims", []):
        for s0, e0 in _spans(text, span) or pytest.fail(f"not_claim not in the story: {span[:60]!r}"):
            assert not any(s0 < e1 and s1 < e0 for s1, e1 in contents), f"not_claim overlaps a claim: {span!r}"


@pytest.mark.parametrize("folder", ["heldout", "heldout2", "heldout3", "heldout4", "heldout5"])
def test_held_out_scores_stay_above_the_development_bar(folder: str) -> None:
    overall = total(evaluate(TESTS / folder, lambda text, path: analyze(text, path=path)))
    assert overall.claims.f1 >= 0.88
    assert overall.speakers.f1 >= 0.80
    assert overall.via.f1 >= 0.75


def test_newsroom_formats_stay_at_or_above_their_blind_score() -> None:
    """tests/heldout6 (press releases, Q&A, live blog, transcript, filings, studies) was scored once,
    blind, at 0.895 / 0.822 / 0.370 (its README); the issue 7 bar is 0.90 / 0.85. Raised after the
    transcript, furniture, document and relay rules of branch transcripts (0.930 / 0.857 / 0.519).
    A floor, not a goal."""
    overall = total(evaluate(TESTS / "heldout6", lambda text, path: analyze(text, path=path)))
    assert overall.claims.f1 >= 0.925
    assert overall.speakers.f1 >= 0.85
    assert overall.via.f1 >= 0.51


# Blind newsroom-format sets after heldout6, each scored once (their READMEs): floors, not goals.
# heldout7 blind 0.904 / 0.826 / 0.615; heldout8 0.867 / 0.695 / 0.519; heldout9 0.905 / 0.847 /
# 0.609; heldout10 0.873 / 0.849 / 0.727; heldout11 0.874 / 0.820 / 0.486; heldout12 0.943 /
# 0.869 / 0.625.
_BLIND_FLOORS = {
    "heldout7": (0.90, 0.82, 0.61), "heldout8": (0.86, 0.69, 0.51), "heldout9": (0.90, 0.84, 0.60),
    "heldout10": (0.87, 0.84, 0.72), "heldout11": (0.87, 0.82, 0.48), "heldout12": (0.94, 0.86, 0.62),
}


@pytest.mark.parametrize("folder", sorted(_BLIND_FLOORS))
def test_later_newsroom_sets_stay_at_or_above_their_blind_scores(folder: str) -> None:
    overall = total(evaluate(TESTS / folder, lambda text, path: analyze(text, path=path)))
    claims, speakers, via = _BLIND_FLOORS[folder]
    assert overall.claims.f1 >= claims
    assert overall.speakers.f1 >= speakers
    assert overall.via.f1 >= via
