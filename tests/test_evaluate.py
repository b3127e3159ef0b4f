"""Scoring: name matching, one-to-one claim matching and micro-averaged totals."""

from __future__ import annotations

import json

import pytest

from attribution.evaluate import Counts, evaluate, name_matches, normalize
from attribution.pipeline import analyze


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("Kassym-Jomart Tokayev", ["Kassym-Jomart Tokayev"], True),
        ("Governor Alexei Voronin", ["Alexei Voronin"], True),
        ("the alliance’s general secretary", ["alliance's general secretary"], True),
        ("Tokayev government", ["Kassym-Jomart Tokayev", "Tokayev"], False),
        ("he", ["he", "Tokayev"], False),
        ("Marca", ["Marca"], True),
        ("Lumora", ["Lumora Electronics"], False),
    ],
)
def test_name_matches(predicted: str, gold: list[str], expected: bool) -> None:
    assert name_matches(predicted, gold) is expected


def test_normalize() -> None:
    assert normalize("The  Kazakh Interior Ministry.") == "kazakh interior ministry"


def test_counts() -> None:
    c = Counts(8, 10, 16) + Counts(2, 0, 4)
    assert (c.tp, c.predicted, c.gold) == (10, 10, 20)
    assert (c.precision, c.recall) == (1.0, 0.5)
    assert round(c.f1, 4) == 0.6667
    assert Counts(0, 0, 0).f1 == 1.0
    assert Counts(0, 3, 0).precision == 0.0


def test_a_story_that_is_not_utf8_is_read_as_windows_1252(tmp_path):
    # a Latin-1 story is messy input, not an error: read as `attrib analyze` reads it
    (tmp_path / "cafe.txt").write_bytes("The caf\u00e9 owner said the rent had doubled.\n".encode("latin-1"))
    gold = {"attributions": [{"content": "the rent had doubled", "speaker": "café owner"}]}
    (tmp_path / "cafe.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (score,) = evaluate(tmp_path, lambda text, path: analyze(text, path=path))
    assert (score.claims.tp, score.speakers.tp) == (1, 1)
