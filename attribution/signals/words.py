"""Words of a stretch of text with their offsets, and phrase matching over them (no parse)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..quotes import Quote

# A word, with inner apostrophes and hyphens ("couldn't", "so-called", "Kazakhstan’s").
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")

Word = tuple[int, int, str]  # (start, end, lower-case text)


def words(text: str, start: int, end: int) -> list[Word]:
    """The words of ``text[start:end]`` in order, lower case, with global offsets."""
    return [(start + m.start(), start + m.end(), m.group().lower()) for m in _WORD.finditer(text[start:end])]


@lru_cache(maxsize=64)
def _by_first_word(phrases: frozenset[str] | tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        parts = tuple(phrase.split())
        if parts:
            index.setdefault(parts[0], []).append(parts)
    return {first: tuple(sorted(group, key=len, reverse=True)) for first, group in index.items()}


def phrase_at(seq: Sequence[Word], i: int, phrases: frozenset[str] | tuple[str, ...]) -> int:
    """The number of words of the longest of ``phrases`` that starts at ``seq[i]``, or 0."""
    if i >= len(seq):
        return 0
    for parts in _by_first_word(phrases).get(seq[i][2], ()):
        n = len(parts)
        if i + n <= len(seq) and all(seq[i + k][2] == parts[k] for k in range(1, n)):
            return n
    return 0


def phrase_before(seq: Sequence[Word], end: int, phrases: Iterable[str]) -> str | None:
    """The phrase of ``phrases`` whose words end ``seq[:end]``, the longest first."""
    best: str | None = None
    for phrase in phrases:
        parts = phrase.split()
        n = len(parts)
        if n <= end and all(seq[end - n + k][2] == parts[k] for k in range(n)) and (
            best is None or n > len(best.split())
        ):
            best = phrase
    return best


def mask_quotes(text: str, start: int, end: int, quotes: Sequence[Quote], opens: Sequence[int]) -> str:
    """``text[start:end]`` with every quotation in it (marks included) blanked to spaces.

    ``opens`` are the quotes' opening offsets in order, for a bisect instead of a scan.
    """
    chars = list(text[start:end])
    first = max(0, bisect_left(opens, start) - 1)
    for q in quotes[first:]:
        if q.open >= end:
            break
        q_end = q.end
        lo, hi = max(start, q.open), min(end, q_end)
        for k in range(lo - start, hi - start):
            chars[k] = " "
    return "".join(chars)
