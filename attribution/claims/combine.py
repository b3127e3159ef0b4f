"""Pass 4: the claims of the three passes combined: overlaps, nesting, relays, crossings."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate

from ..intermediaries import is_publisher
from ..types import ClaimKind, Frame, Mention
from .inside import reports_inside
from .nest import nest
from .state import Draft, Relay, Story

_SOMETHING = re.compile(r"\S")


def combine(story: Story, drafts: list[Draft], relays: Sequence[Relay]) -> list[Frame]:
    """The claims in text order, once overlaps are settled, nested reports turned into relays
    (nest.py), relay clauses applied and crossings settled."""
    drafts = [d for d in drafts if _SOMETHING.search(story.text, d.start, d.end)]  # "said:\t“" says nothing
    drafts = _drop_overlaps(drafts)
    drafts = nest(story, drafts)
    drafts = _apply_relays(drafts, relays, story.publisher)
    drafts = _uncross(drafts)
    drafts += _uncross(reports_inside(story, drafts))
    return [d.frame(story.text) for d in sorted(drafts, key=lambda d: (d.start, d.end))]


def _drop_overlaps(drafts: list[Draft]) -> list[Draft]:
    """A direct quote wins over a clause read from inside it (more than half of it quoted)."""
    direct = [d for d in drafts if d.kind is ClaimKind.DIRECT]
    out = list(direct)
    spans = sorted((d.start, d.end) for d in direct)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))
    for d in drafts:
        if d.kind is ClaimKind.DIRECT:
            continue
        # a quote covering more than half of d covers its middle: only quotes that start
        # before the middle and reach past it need a look
        mid = (d.start + d.end) / 2
        half = (d.end - d.start) / 2
        n = bisect_left(starts, mid) - 1
        while n >= 0 and reach[n] > mid and _overlap(d, spans[n]) <= half:
            n -= 1
        if n < 0 or reach[n] <= mid:
            out.append(d)
    return out


def _overlap(d: Draft, span: tuple[int, int]) -> int:
    return max(0, min(d.end, span[1]) - max(d.start, span[0]))


def _apply_relays(drafts: list[Draft], relays: Sequence[Relay], publisher: str) -> list[Draft]:
    """ "..., his office quoted him in a statement": the relay joins every claim of its sentence."""
    vias: dict[int, list[Mention]] = {}
    channels: dict[int, str] = {}  # the first relay's channel in each sentence
    for r in relays:
        if r.via is not None and not is_publisher(r.via, publisher):
            vias.setdefault(r.sentence, []).append(r.via)
            if r.channel is not None:
                channels.setdefault(r.sentence, r.channel)
    return [replace(d, via=d.via + tuple(vias[d.sentence]), channel=d.channel or channels.get(d.sentence))
            if d.sentence in vias else d for d in drafts]


# Which claim stays where two cross: a quotation, then a reported clause, then "according to".
_SURER = {ClaimKind.DIRECT: 0, ClaimKind.INDIRECT: 1, ClaimKind.MIXED: 1, ClaimKind.ACCORDING_TO: 2}


def _uncross(drafts: list[Draft]) -> list[Draft]:
    """Claims are disjoint or one holds the other. Where two cross ("Said: officials,
    according to „" read both as "said" and as "according to"), the claim of the surer kind
    stays, or the one that starts first."""
    order = sorted(range(len(drafts)), key=lambda n: (drafts[n].start, -drafts[n].end))
    kept: set[int] = set()
    around: list[int] = []  # kept claims holding the current start, outermost first
    ends: list[int] = []  # minus their ends: ascending
    by_kind: dict[int, list[int]] = {rank: [] for rank in _SURER.values()}  # positions in ``around``
    for n in order:
        d = drafts[n]
        while around and drafts[around[-1]].end <= d.start:
            _pop(around, ends, by_kind, drafts)
        k = bisect_right(ends, -d.end)  # from k on, the claims around end inside d: they cross it
        if any(by_kind[rank] and by_kind[rank][-1] >= k for rank in range(_SURER[d.kind] + 1)):
            continue  # one as sure as d already stands there
        while len(around) > k:
            kept.discard(_pop(around, ends, by_kind, drafts))
        around.append(n)
        ends.append(-d.end)
        by_kind[_SURER[d.kind]].append(len(around) - 1)
        kept.add(n)
    return [d for n, d in enumerate(drafts) if n in kept]


def _pop(around: list[int], ends: list[int], by_kind: dict[int, list[int]], drafts: list[Draft]) -> int:
    n = around.pop()
    ends.pop()
    by_kind[_SURER[drafts[n].kind]].pop()
    return n
