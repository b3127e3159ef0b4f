"""The clusters of a story and their indexes: the only code that changes a cluster.

Every lookup goes through an index (by name, name word, initials, word, age, mention
text) or walks clusters from the most recent back, so placing a mention costs about
the same on the ten-thousandth entity as on the first.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from ..types import Mention
from .names import acronym, norm
from .state import Cluster, Found, Lesson

# How many candidates a walk back from the most recent one examines: an antecedent
# ("he", "the company", "his office") lies within the last few entities of a story.
LOOKBACK = 256


class _Recency:
    """Clusters most recent first by one position (last seen, last spoke); ties: in order of creation."""

    __slots__ = ("_order", "_position")

    def __init__(self, position: Callable[[Cluster], int]) -> None:
        self._order: dict[int, Cluster] = {}  # ascending by key; a dict keeps that order and pops its tail
        self._position = position

    def key(self, c: Cluster) -> tuple[int, int]:
        return self._position(c), -c.index

    def put(self, c: Cluster) -> None:
        """Place ``c`` by its position now (reading order makes that the end, nearly always)."""
        order = self._order
        order.pop(c.index, None)
        key = self.key(c)
        later: list[Cluster] = []
        while order:
            index, last = order.popitem()
            if self.key(last) < key:
                order[index] = last
                break
            later.append(last)
        order[c.index] = c
        for x in reversed(later):
            order[x.index] = x

    def newest(self) -> Iterator[Cluster]:
        return reversed(self._order.values())


def _last_seen(c: Cluster) -> int:
    return c.last_seen


def _last_speaker(c: Cluster) -> int:
    return c.last_speaker


def _newest_of(lists: Iterable[list[int] | None], clusters: list[Cluster]) -> Iterator[Cluster]:
    """The clusters whose indexes are in any of the ascending ``lists``, newest first, each once."""
    previous = -1
    for i in heapq.merge(*(reversed(x) for x in lists if x), reverse=True):
        if i != previous:
            yield clusters[i]
        previous = i


class Clusters:
    """Every cluster in order of creation, with indexes kept true as clusters grow."""

    def __init__(self) -> None:
        self._all: list[Cluster] = []
        self._recent = _Recency(_last_seen)
        self._speakers = _Recency(_last_speaker)
        self._full: dict[str, list[int]] = {}  # normalised name -> clusters
        self._last: dict[str, list[int]] = {}  # last word of a name
        self._name_word: dict[str, list[int]] = {}  # any word of a name
        self._initials: dict[str, list[int]] = {}  # initials of a name
        self._word: dict[str, list[int]] = {}  # any word the cluster was described with
        self._word_recent: dict[str, _Recency] = {}
        self._unnamed_word: dict[str, list[int]] = {}  # the same, for clusters without a name
        self._age: dict[str, list[int]] = {}
        self._text: dict[str, list[int]] = {}  # normalised text of a mention
        self._untyped: dict[int, Cluster] = {}  # kind is exactly {"person?"}

    def __iter__(self) -> Iterator[Cluster]:
        return iter(self._all)

    # ------------------------------------------------------------------ lookups
    def named_like(self, key: str) -> Iterator[Cluster]:
        """Newest first, the clusters with a name that is ``key`` (normalised), shares its last word,
        is one of its words, holds it as a word (a one-word ``key``), or is its initials or expansion."""
        words = key.split()
        lists = [self._full.get(key), self._initials.get(key), *(self._full.get(w) for w in words)]
        if words:
            lists.append(self._last.get(words[-1]))
        if acronym(key):
            lists.append(self._full.get(acronym(key)))
        if len(words) == 1:
            lists.append(self._name_word.get(key))
        return _newest_of(lists, self._all)

    def called(self, key: str) -> Iterator[Cluster]:
        """In order of creation, the clusters with the normalised name ``key``."""
        return (self._all[i] for i in self._full.get(key, ()))

    def surnamed(self, word: str) -> Iterator[Cluster]:
        """In order of creation, the clusters with a name ending in ``word``."""
        return (self._all[i] for i in self._last.get(word, ()))

    def is_name_word(self, word: str) -> bool:
        """Whether ``word`` (lower case) is a word of some cluster's name."""
        return word in self._name_word

    def with_word(self, word: str) -> Iterator[Cluster]:
        """Newest first, at most ``LOOKBACK`` clusters described with ``word``."""
        return islice(_newest_of([self._word.get(word)], self._all), LOOKBACK)

    def unnamed_with_any_word(self, words: Iterable[str]) -> Iterator[Cluster]:
        """Newest first, at most ``LOOKBACK`` clusters without a name described with any of ``words``."""
        return islice(_newest_of([self._unnamed_word.get(w) for w in words], self._all), LOOKBACK)

    def seen_with(self, words: Iterable[str]) -> Iterator[Cluster]:
        """The one mentioned last first, at most ``LOOKBACK`` clusters described with any of ``words``."""
        walks = [self._word_recent[w].newest() for w in set(words) if w in self._word_recent]
        previous = None
        merged = heapq.merge(*walks, key=lambda c: (-c.last_seen, c.index))
        for c in islice(merged, 2 * LOOKBACK):
            if c is not previous:
                yield c
            previous = c

    def seen_with_all(self, words: set[str]) -> Iterator[Cluster]:
        """The one mentioned last first, at most ``LOOKBACK`` clusters that may hold every one of ``words``."""
        if not words or not all(w in self._word_recent for w in words):
            return iter(())
        rarest = min(sorted(words), key=lambda w: len(self._word[w]))
        return islice(self._word_recent[rarest].newest(), LOOKBACK)

    def newest_with_age(self, age: str) -> Cluster | None:
        """The newest cluster described with ``age`` years."""
        found = self._age.get(age)
        return self._all[found[-1]] if found else None

    def with_text(self, key: str) -> Iterator[Cluster]:
        """In order of creation, at most ``LOOKBACK`` clusters with a mention whose normalised text is ``key``."""
        return islice((self._all[i] for i in self._text.get(key, ())), LOOKBACK)

    def recent(self) -> Iterator[Cluster]:
        """The one mentioned last first (ties: in order of creation), at most ``LOOKBACK``."""
        return islice(self._recent.newest(), LOOKBACK)

    def recent_speakers(self) -> Iterator[Cluster]:
        """The one that spoke last first (ties: in order of creation), at most ``LOOKBACK``."""
        return islice(self._speakers.newest(), LOOKBACK)

    def untyped_before(self, at: float) -> list[Cluster]:
        """In order of creation, every cluster known only as a two-word name ("person?") seen before ``at``."""
        return sorted((c for c in self._untyped.values() if c.last_seen < at), key=lambda c: c.index)

    # ------------------------------------------------------------------ changes
    def new(self, constructed: str | None = None) -> Cluster:
        """A new, empty cluster, last in order of creation."""
        cluster = Cluster(len(self._all), constructed=constructed)
        self._all.append(cluster)
        return cluster

    def add(self, c: Cluster, m: Mention, speaker: bool) -> None:
        """Add mention ``m`` to ``c``; ``speaker``: it speaks or relays a claim."""
        c.mentions.append(m)
        text = norm(m.span.text)
        if text not in c.texts:
            c.texts.add(text)
            insort(self._text.setdefault(text, []), c.index)
        if m.span.start > c.last_seen:
            c.last_seen = m.span.start
            self._recent.put(c)
            for w in c.words:
                self._word_recent[w].put(c)
        if speaker and m.span.start > c.last_speaker:
            c.speaker = True
            c.last_speaker = m.span.start
            self._speakers.put(c)

    def learn(self, c: Cluster, lesson: Lesson) -> None:
        """Apply what a mention taught ``c``."""
        if lesson.name and lesson.name not in c.names:
            if not c.names:
                for w in c.words:
                    _unindex(self._unnamed_word, w, c)
            c.names.append(lesson.name)  # once each: the cluster's name scans stay short on a long story
            key = norm(lesson.name)
            words = key.split()
            _index(self._full, key, c)
            if words:
                _index(self._last, words[-1], c)
            for w in words:
                _index(self._name_word, w, c)
            if acronym(key):
                _index(self._initials, acronym(key), c)
        for w in lesson.words - c.words:
            _index(self._word, w, c)
            walk = self._word_recent.get(w)
            if walk is None:
                walk = self._word_recent[w] = _Recency(_last_seen)
            walk.put(c)
            if not c.names:
                _index(self._unnamed_word, w, c)
        c.words |= lesson.words
        for age in lesson.ages - c.ages:
            _index(self._age, age, c)
        c.ages |= lesson.ages
        c.kind |= lesson.kinds
        c.gender = lesson.gender
        c.affiliation = c.affiliation or lesson.affiliation
        self._typed(c)

    def apply(self, found: Found) -> None:
        """Apply what finding a mention's cluster taught other clusters."""
        for c in found.retyped:
            c.kind = {"org?"}
            self._typed(c)
        for c, gender in found.gendered:
            c.gender = gender
            c.kind.add("person")
            self._typed(c)

    def set_gender(self, c: Cluster, gender: str) -> None:
        """Record ``c``'s gender."""
        c.gender = gender

    def _typed(self, c: Cluster) -> None:
        if c.kind == {"person?"}:
            self._untyped[c.index] = c
        else:
            self._untyped.pop(c.index, None)


def _index(index: dict[str, list[int]], key: str, c: Cluster) -> None:
    found = index.get(key)
    if found is None:
        index[key] = [c.index]
        return
    if not found or found[-1] < c.index:
        found.append(c.index)  # a new cluster: nearly always
        return
    at = bisect_left(found, c.index)
    if at == len(found) or found[at] != c.index:
        found.insert(at, c.index)


def _unindex(index: dict[str, list[int]], key: str, c: Cluster) -> None:
    found = index.get(key, [])
    at = bisect_left(found, c.index)
    if at < len(found) and found[at] == c.index:
        del found[at]
