"""Scoring: name matching, one-to-one claim matching and micro-averaged totals."""

from __future__ import annotations

import pytest

from attribution.evaluate import Counts, name_matches, normalize


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
