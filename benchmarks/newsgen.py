"""Distinct news-like text for the benchmarks: the project's stories with names, numbers and paragraphs varied.

A length curve or a memory peak measured on one story repeated is flattered: the entity stage
sees the same few names again and again. Every variant made here gives each proper name a new
invented name (the same one throughout the variant, so "Agus Wibisono ... Wibisono said" still
corefers), draws new numbers and shuffles the body paragraphs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_NUMBER = re.compile(r"\d+")
_ONSETS = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou"]
_CODAS = ["", "", "n", "r", "s", "l", "k", "m"]
# words the parser reads as more than a name: kept, so dates and titles still parse as they do in news
_KEPT = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt",
    "Sgt", "St", "Jr",
})


def story_paths() -> list[Path]:
    """The stories in ``corpora/`` and ``tests/heldout*/``, in a fixed order."""
    return sorted((ROOT / "corpora").glob("*.txt")) + sorted(ROOT.glob("tests/heldout*/*.txt"))


@lru_cache(maxsize=1)
def _sources() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in story_paths())


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """Capitalised words that never occur in lower case in the stories: proper names."""
    text = "\n".join(_sources())
    lower = set(re.findall(r"\b[a-z]+\b", text))
    return frozenset(w for w in _WORD.findall(text) if w.lower() not in lower and w not in _KEPT)


def _invent(rng: random.Random) -> str:
    syllables = rng.randint(2, 3)
    name = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)) + rng.choice(_CODAS)
    return name.capitalize()


def _digits(match: re.Match[str], rng: random.Random) -> str:
    n = len(match.group())
    first = str(rng.randint(1, 9)) if n > 1 else str(rng.randint(0, 9))
    return first + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def variant(text: str, rng: random.Random) -> str:
    """``text`` with new names, new numbers and its body paragraphs (after the third) shuffled."""
    names = _name_words()
    invented: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        word = match.group()
        if word not in names:
            return word
        if word not in invented:
            invented[word] = _invent(rng)
        return invented[word]

    text = _NUMBER.sub(lambda m: _digits(m, rng), _WORD.sub(rename, text))
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    head, body = paragraphs[:3], paragraphs[3:]
    rng.shuffle(body)
    return "\n\n".join(head + body) + "\n"


def stories(seed: int = 0) -> Iterator[str]:
    """An endless stream of distinct stories: the originals first, then variants of them in turn."""
    yield from _sources()
    rng = random.Random(seed)
    while True:
        for text in _sources():
            yield variant(text, rng)


def words(text: str) -> int:
    """Words as ``str.split`` counts them."""
    return len(text.split())


def story_set(min_words: int, seed: int = 0) -> list[str]:
    """Distinct stories, the originals first, until they hold at least ``min_words`` words."""
    out: list[str] = []
    total = 0
    for text in stories(seed):
        if total >= min_words:
            return out
        out.append(text)
        total += words(text)
    return out


def long_story(chars: int, seed: int = 0) -> str:
    """One story of about ``chars`` characters (at most that many) made of distinct stories joined."""
    parts: list[str] = []
    size = 0
    for text in stories(seed):
        if size + len(text) + 2 > chars:
            rest = chars - size - 2
            if rest > 0:
                cut = text.rfind("\n\n", 0, rest)
                if cut > 0:
                    parts.append(text[:cut])
            break
        parts.append(text)
        size += len(text) + 2
    return "\n\n".join(parts)
