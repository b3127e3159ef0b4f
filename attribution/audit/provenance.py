"""Quote provenance across stories: one quote carried by several stories is a cluster, with drift and flags."""

from __future__ import annotations

import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as Date  # noqa: N812
from itertools import combinations

from networkx.utils import UnionFind

from ..types import Analysis
from .candidates import candidate_pairs
from .wording import REORDERED, Words, align, bag_diff, bag_overlap, content_words, same_name, word_diff, words

# Which quotes can match across stories. A quote of at least MIN_WORDS words of which
# MIN_CONTENT are not function words is matched fuzzily: "the situation is under control"
# (5 words, 2 content words) or "we are monitoring the situation closely" (3 content words)
# are stock phrases that unrelated stories share by chance, and never match. A shorter quote
# (SHORT_WORDS words or more) matches only an identical quote credited to the same speaker,
# and only when it holds a number or a capitalised word after its first ("Havana will host
# the talks"): a copy, not a coincidence.
MIN_WORDS = 6
MIN_CONTENT = 4
SHORT_WORDS = 3
# A pair is one quote when, with the shorter quote aligned in the longer, the words match
# at this similarity (2 x matched / words of both: one word changed in eight is 0.88, two
# in eight 0.75), sharing SHARED content words; or when the two are of similar length
# (REORDER_LENGTH) and REORDER of the shorter's words are in the other, in any order.
MATCH = 0.75
SHARED = 3
REORDER = 0.9
REORDER_LENGTH = 0.67
# Drift is measured against a wording at least REFERENCE_LENGTH as long as the quote.
REFERENCE_LENGTH = 0.8

_Rank = Callable[["ClaimRecord"], tuple[Date, int]]
# the records at these positions of the stream given to ``provenance_rows``, in that order
Fetch = Callable[[Sequence[int]], Sequence["ClaimRecord"]]


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim of one story, as provenance reads it: names, not entity ids.

    ``date`` is the story's date as ISO 8601 (``2024-03-01``, or a timestamp starting so);
    anything else counts as no date.
    """

    story: str
    claim: str
    speaker: str | None
    via: tuple[str, ...]
    text: str
    date: str | None


@dataclass(frozen=True, slots=True)
class ProvenanceRow:
    """One row of ``provenance.csv``: a claim in a cluster of two or more stories.

    ``date`` is the story's (empty when unknown); ``earliest`` is True for the claims of the
    cluster's earliest-dated story.
    """

    cluster: int
    story: str
    claim: str
    speaker: str
    via: str
    text: str
    drift: str
    flag: str
    date: str = ""
    earliest: bool = False


@dataclass(frozen=True, slots=True)
class Member:
    """A claim in a cluster: ``drift`` against the most common wording, ``flag`` for its credit."""

    record: ClaimRecord
    drift: str
    flag: str


@dataclass(frozen=True, slots=True)
class Cluster:
    """One quote across stories.

    ``wording`` is the most common wording, ``speaker`` and ``via`` the credit most stories
    give, ``earliest`` the story with the earliest date (None when no member has one).
    """

    id: int
    members: tuple[Member, ...]
    wording: str
    speaker: str | None
    via: str | None
    earliest: str | None

    @property
    def stories(self) -> tuple[str, ...]:
        """The stories that carry the quote, in input order."""
        return tuple(dict.fromkeys(m.record.story for m in self.members))


@dataclass(frozen=True, slots=True)
class _Quote:
    """A wording: its folded words (the key identical wordings share) and its content words."""

    key: tuple[str, ...]
    content: tuple[str, ...]

    @property
    def long(self) -> bool:
        return len(self.key) >= MIN_WORDS and len(self.content) >= MIN_CONTENT


def provenance(records: Iterable[ClaimRecord]) -> list[ProvenanceRow]:
    """One row per claim in a cluster of two or more stories, clusters in order of first claim.

    Args:
        records: every claim of the archive, in a stable order (story by story).
    """
    return list(provenance_rows(records))


def provenance_rows(records: Iterable[ClaimRecord], fetch: Fetch | None = None) -> Iterator[ProvenanceRow]:
    """The rows of ``provenance``, a cluster at a time.

    Args:
        records: every claim of the archive, in a stable order, read once.
        fetch: the records at given positions of ``records``, read again (from a store): with
            it only the words of each wording are kept while the clusters are found, and a
            cluster's records are fetched when its rows are made. Without it the records are
            kept in memory.
    """
    for cluster in iter_clusters(records, fetch):
        for m in cluster.members:
            r = m.record
            yield ProvenanceRow(cluster.id, r.story, r.claim, r.speaker or "", "; ".join(r.via), r.text,
                                m.drift, m.flag, r.date or "", r.story == cluster.earliest)


def records_from_analysis(analysis: Analysis, story: str | None = None, date: str | None = None) -> list[ClaimRecord]:
    """The claims of one analysed story as provenance records (speaker and via by entity name)."""
    names = {e.id: e.name for e in analysis.entities}
    where = story if story is not None else analysis.path or "-"
    return [ClaimRecord(where, c.id, names.get(c.speaker or ""), tuple(names[v] for v in c.via if v in names),
                        c.content.text, date) for c in analysis.claims]


def clusterable(text: str) -> bool:
    """Whether a quote is long and distinctive enough to match other quotes fuzzily (MIN_WORDS, MIN_CONTENT)."""
    return _quote(words(text).forms).long


def find_clusters(records: Iterable[ClaimRecord]) -> list[Cluster]:
    """Group the claims that carry one quote across two or more stories (see ``iter_clusters``)."""
    return list(iter_clusters(records))


def iter_clusters(records: Iterable[ClaimRecord], fetch: Fetch | None = None) -> Iterator[Cluster]:
    """The clusters, in order of their first claim; ``fetch`` as for ``provenance_rows``.

    Identical wordings are grouped first; MinHash LSH over the wordings' word windows
    proposes candidate pairs (never all pairs), which an alignment of their words confirms;
    a union-find joins confirmed pairs. Claims of one story never join each other directly.
    """
    kept: list[ClaimRecord] = []
    if fetch is None:
        records = _keeping(records, kept)
        fetch = lambda positions: [kept[i] for i in positions]  # noqa: E731
    for n, members in enumerate(_components(records), 1):
        yield _cluster(n, list(fetch(members)))


def _keeping(records: Iterable[ClaimRecord], kept: list[ClaimRecord]) -> Iterator[ClaimRecord]:
    for r in records:
        kept.append(r)
        yield r


def _components(records: Iterable[ClaimRecord]) -> list[list[int]]:
    """The positions of the claims of each cluster, read in one pass that keeps words, not records.

    Kept per claim: its story's number; per wording: its words; per short distinctive
    quote: its speaker (a short quote matches only the same words from the same speaker).
    """
    story_numbers: dict[str, int] = {}
    story_of = array("l")
    speakers: dict[int, str] = {}
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        story_of.append(story_numbers.setdefault(r.story, len(story_numbers)))
        found = words(r.text)
        if len(found) < SHORT_WORDS:
            continue
        key = tuple(sys.intern(w) for w in found.forms)
        groups[key].append(i)
        if r.speaker and not _quote(key).long and _distinctive(found):
            speakers[i] = r.speaker
    del story_numbers
    links = UnionFind()
    long: list[tuple[_Quote, list[int]]] = []
    for key, members in groups.items():
        quote = _quote(key)
        if quote.long:
            links.union(*members)
            long.append((quote, members))
        else:
            for i, j in combinations([m for m in members if m in speakers], 2):
                if story_of[i] != story_of[j] and same_name(speakers[i], speakers[j]):
                    links.union(i, j)
    del groups, speakers
    for g, h in candidate_pairs([q.content for q, _ in long]):
        (qg, mg), (qh, mh) = long[g], long[h]
        if links[mg[0]] == links[mh[0]] or not _overlap(qg, qh):
            continue
        if {story_of[i] for i in mg + mh} != {story_of[mg[0]]} and matches(qg, qh):
            links.union(mg[0], mh[0])
    components: dict[int, list[int]] = defaultdict(list)
    for i in sorted(links.parents):
        components[links[i]].append(i)
    return sorted(c for c in components.values() if len({story_of[i] for i in c}) > 1)


def matches(a: _Quote, b: _Quote) -> bool:
    """Whether two long quotes are one: changed words, a cut or a reordering, not a new quote."""
    if not (a.long and b.long):
        return False
    short, long = (a, b) if len(a.key) <= len(b.key) else (b, a)
    found = align(short.key, long.key)
    if found.similarity >= MATCH:
        content = set(short.content)
        shared = sum(1 for tag, a0, a1, _, _ in found.ops if tag == "equal" for w in short.key[a0:a1] if w in content)
        return shared >= SHARED
    return len(short.key) >= REORDER_LENGTH * len(long.key) and bag_overlap(short.key, long.key) >= REORDER


def _overlap(a: _Quote, b: _Quote) -> bool:
    """A cheap test before the alignment: the shorter shares half its content words with the other."""
    short, long = (a.content, b.content) if len(a.content) <= len(b.content) else (b.content, a.content)
    shared = len(set(short) & set(long))
    return shared >= SHARED and 2 * shared >= len(set(short))


def _quote(key: tuple[str, ...]) -> _Quote:
    return _Quote(key, tuple(content_words(key)))


def _distinctive(found: Words) -> bool:
    """A number, or a capitalised word after the first: a short quote that is not a stock phrase."""
    shown = [found.text[s:e] for s, e in found.spans]
    return any(t[0].isdigit() for t in shown) or any(t[0].isupper() for t in shown[1:])


@dataclass(frozen=True, slots=True)
class _Wording:
    """One wording of a cluster's quote: how many claims use it and its earliest date."""

    quote: _Quote
    words: Words
    count: int
    date: Date | None

    def beats(self, other: _Wording) -> bool:
        """More common, or as common and dated earlier: the reference ``other`` drifted from."""
        if self.count != other.count:
            return self.count > other.count
        return self.date is not None and other.date is not None and self.date < other.date


def _cluster(number: int, recs: list[ClaimRecord]) -> Cluster:
    order = {story: n for n, story in enumerate(dict.fromkeys(r.story for r in recs))}

    def rank(r: ClaimRecord) -> tuple[Date, int]:
        """Ties go to the earliest-dated story, then to the first given."""
        return (_date(r.date) or Date.max, order[r.story])

    texts = {r.text: words(r.text) for r in recs}
    counts = Counter(texts[r.text].forms for r in recs)
    wordings: dict[tuple[str, ...], _Wording] = {}
    for r in sorted(recs, key=rank):
        w = texts[r.text]
        if w.forms not in wordings:
            wordings[w.forms] = _Wording(_quote(w.forms), w, counts[w.forms], _date(r.date))
    ranked = sorted(wordings.values(), key=lambda w: -w.count)  # stable: the earliest first among equals
    speaker = _majority_speaker(recs, rank)
    via = _majority_via(recs, rank)
    # a story credits the intermediary when any of its claims here does ("constitutional order
    # has been restored, his office quoted him" and, in its headline, "... restored, he says")
    crediting = {r.story for r in recs if via and any(same_name(v, via) for v in r.via)}
    members = []
    for r in recs:
        flag = ""
        if speaker and r.speaker and not same_name(r.speaker, speaker):
            flag = "reattributed"
        elif via and r.story not in crediting:
            flag = "via_dropped"
        members.append(Member(r, _drift(wordings[texts[r.text].forms], ranked), flag))
    dated = [r for r in recs if _date(r.date)]
    earliest = min(dated, key=rank).story if dated else None
    return Cluster(number, tuple(members), ranked[0].words.text, speaker, via, earliest)


def _drift(own: _Wording, ranked: list[_Wording]) -> str:
    """The word diff against the most common wording this quote matches: the cluster's, mostly.

    The reference beats the quote's own wording (more common, or as common and earlier) and
    is not much shorter (REFERENCE_LENGTH): a headline's six words quoted inside a longer
    quote are a cut of it, but the longer quote is no drift of the headline.
    """
    q = own.quote
    for ref in ranked:
        if not ref.beats(own):
            return ""
        if len(ref.quote.key) < REFERENCE_LENGTH * len(q.key) or not matches(q, ref.quote):
            continue
        if len(q.key) <= len(ref.quote.key):
            found = align(q.key, ref.quote.key)
            diff = word_diff(found, own.words, ref.words, reference="b")
        else:
            found = align(ref.quote.key, q.key)
            diff = word_diff(found, ref.words, own.words, reference="a")
        if found.similarity < MATCH:  # matched as a reordering
            return " ".join([REORDERED, bag_diff(own.words, ref.words)]).strip()
        return diff
    return ""


def _majority_speaker(recs: list[ClaimRecord], rank: _Rank) -> str | None:
    """The speaker most stories credit (a story votes once per name form); ties go to the earliest story."""
    named = sorted((r for r in recs if r.speaker), key=rank)
    if not named:
        return None
    stories: dict[str, set[str]] = defaultdict(set)
    for r in named:
        stories[r.speaker or ""].add(r.story)
    support = {name: len(set().union(*(s for other, s in stories.items() if same_name(name, other))))
               for name in stories}
    return max(stories, key=lambda name: support[name])  # the first (earliest) among equals


def _majority_via(recs: list[ClaimRecord], rank: _Rank) -> str | None:
    """The intermediary more stories credit than omit (a tie goes to the earliest story), or None."""
    stories = {r.story for r in recs}
    first = min(recs, key=rank).story
    credited: list[tuple[int, str]] = []
    for name in dict.fromkeys(v for r in recs for v in r.via):
        crediting = {r.story for r in recs if any(same_name(v, name) for v in r.via)}
        if 2 * len(crediting) > len(stories) or (2 * len(crediting) == len(stories) and first in crediting):
            credited.append((len(crediting), name))
    return max(credited, key=lambda c: c[0])[1] if credited else None


def _date(value: str | None) -> Date | None:
    """An ISO date (the first ten characters of an ISO timestamp), else None."""
    if not value:
        return None
    try:
        return Date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
