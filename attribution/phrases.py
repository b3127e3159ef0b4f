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
    # every occurrence of any phrase as (start, end), by start: a span of the indexed phrases
    # bisects once instead of once a phrase
    spans: tuple[tuple[int, int], ...] = ()
    phrases: tuple[str, ...] = ()  # what was indexed


def index_phrases(text: str, phrases: Iterable[str]) -> PhraseIndex:
    """The occurrences of ``phrases`` (lower case) in ``text``, case ignored."""
    phrases = tuple(phrases)
    lowered = text.lower()
    exact = len(lowered) == len(text) and "\u03a3" not in text
    if not exact:
        return PhraseIndex({}, exact, (), phrases)
    starts = {phrase: tuple(_occurrences(lowered, phrase)) for phrase in phrases}
    spans = sorted((at, at + len(phrase)) for phrase, found in starts.items() for at in found)
    return PhraseIndex(starts, exact, tuple(spans), phrases)


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
    if phrases is index.phrases or index.starts.keys() == set(phrases):
        n = bisect_left(index.spans, (span.start,))
        while n < len(index.spans) and index.spans[n][0] <= span.end:
            if index.spans[n][1] <= span.end:
                return True
            n += 1
        return False
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
