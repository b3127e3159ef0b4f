"""The person words of a span found by the story's word index are those found by splitting the span."""

from __future__ import annotations

import pytest

from attribution.entities.wordindex import index_words, words_in
from attribution.types import Span

LISTED = frozenset({"spokesman", "lawyer", "mayor"})
TEXT = ("The Mayor's spokesman, a lawyer, said the mayor.  Spokesmanship\tis not a lawyer's job, "
        "the spokesman, Lawyer Ana Ruiz, said.")


@pytest.mark.parametrize("start", range(0, len(TEXT), 3))
def test_words_in_a_span_as_splitting_finds_them(start: int) -> None:
    index = index_words(TEXT, LISTED)
    for end in range(start, len(TEXT) + 1):
        span = Span.of(TEXT, start, end)
        expected = {w.lower().strip(",.") for w in span.text.split()} & LISTED
        assert words_in(index, span, LISTED) == expected, (start, end)
