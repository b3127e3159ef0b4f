"""Where the phrases of one word list occur in a story, so a span asks whether it holds one by bisection."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from .types import Span


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """The start of every occurrence of each phrase in the lower-cased text; ``exact`` is False
    when lower-casing the text does not keep its offsets (a character that lower-cases to two,
    or a capital sigma, whose small form depends on what follows), and spans are read again."""

    starts: dict[str, tuple[int, ...]]
    exact: bool


def index_phrases(text: str, phrases: Iterable[str]) -> PhraseIndex:
    """The occurrences of ``phrases`` (lower case) in ``text``, case ignored."""
    lowered = text.lower()
    exact = len(lowered) == len(text) and "\u03a3" not in text
    return PhraseIndex({phrase: tuple(_occurrences(lowered, phrase)) for phrase in phrases} if exact else {}, exact)


def _occurrences(text: str, phrase: str) -> Iterable[int]:
    at = text.find(phrase)
    while at >= 0:
        yield at
        at = text.find(phrase, at + 1)


def holds_phrase(index: PhraseIndex, span: Span, phrases: Iterable[str]) -> bool:
    """Whether ``span.text.lower()`` holds one of ``phrases`` (as ``any(p in span.text.lower() ...)``)."""
    if not index.exact:
        lowered = span.text.lower()
        return any(phrase in lowered for phrase in phrases)
    for phrase in phrases:
        starts = index.starts.get(phrase)
        if starts is None:
            if phrase in span.text.lower():
                return True
            continue
        n = bisect_left(starts, span.start)
        if n < len(starts) and starts[n] + len(phrase) <= span.end:
            return True
    return False
