"""Where the words of one word list stand in a story, so a span finds its own by bisection."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Set
from dataclasses import dataclass

from ..types import Span

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class WordIndex:
    """The white-space words of a text that are in a list (lower-cased, ",." stripped), by position."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]


def _key(word: str) -> str:
    return word.lower().strip(",.")


def index_words(text: str, listed: Set[str]) -> WordIndex:
    """The words of ``text`` that are in ``listed``."""
    lowered = text.lower()
    if len(lowered) == len(text):
        # offsets kept (no character lower-cases to two): one search for the few listed words
        # the story holds, instead of a look-up per word
        present = {w.strip(",.") for w in set(lowered.split())} & listed
        if not present:
            return WordIndex((), (), ())
        words = "|".join(re.escape(w) for w in sorted(present, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\S)[,.]*(?:{words})[,.]*(?!\S)")
        found = [(m.start(), m.end(), m.group().strip(",.")) for m in pattern.finditer(lowered)]
    else:
        found = [(m.start(), m.end(), key) for m in _WORD.finditer(text) if (key := _key(m.group())) in listed]
    return WordIndex(*(tuple(column) for column in zip(*found, strict=True))) if found else WordIndex((), (), ())


def words_in(index: WordIndex, span: Span, listed: Set[str]) -> set[str]:
    """The listed words of ``span.text`` split at white space (as ``{_key(w) for w in span.text.split()} &
    listed``): whole words from the index, the two at the span's edges, which may be cut, read again."""
    text = span.text
    edges = text.split(maxsplit=1)[:1] + text.rsplit(maxsplit=1)[-1:]
    out = {key for word in edges if (key := _key(word)) in listed}
    i = bisect_left(index.starts, span.start)
    while i < len(index.starts) and index.starts[i] < span.end:
        if index.ends[i] <= span.end:
            out.add(index.words[i])
        i += 1
    return out
