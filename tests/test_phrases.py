"""A span holds an indexed phrase exactly when its lower-cased text does."""

from __future__ import annotations

import pytest

from attribution.phrases import holds_phrase, index_phrases
from attribution.types import Span

PHRASES = ("declined to be named", "familiar with", "close to")
TEXTS = (
    "An official who Declined to be named said a source close to the talks, familiar with them, agreed.",
    "İstanbul officials, familiar with the plan, declined to be named.",  # İ lower-cases to two characters
    "ΟΔΥΣΣΕΑΣ, close to the minister, spoke.",  # a capital sigma's small form depends on what follows
)


@pytest.mark.parametrize("text", TEXTS)
def test_holds_phrase_as_lowering_the_span(text: str) -> None:
    index = index_phrases(text, PHRASES)
    for start in range(len(text)):
        for end in range(start, len(text) + 1):
            span = Span.of(text, start, end)
            expected = any(phrase in span.text.lower() for phrase in PHRASES)
            assert holds_phrase(index, span, PHRASES) == expected, (start, end)


def test_a_phrase_not_indexed_is_read_from_the_span() -> None:
    text = "A source close to the talks said so."
    index = index_phrases(text, ())
    assert holds_phrase(index, Span.of(text, 0, 27), ("close to",))
    assert not holds_phrase(index, Span.of(text, 0, 12), ("close to",))
