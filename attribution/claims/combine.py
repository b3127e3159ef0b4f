"""Pass 4: the claims of the three passes combined: overlaps, reports inside reports, relays."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate

from ..intermediaries import is_publisher
from ..types import ClaimKind, Frame, Span
from .state import Relay, Story


def combine(story: Story, frames: list[Frame], relays: Sequence[Relay]) -> list[Frame]:
    """The claims in text order, once overlaps are settled, nested reports turned into relays
    and relay clauses applied."""
    frames = _drop_overlaps(frames)
    frames = _nest(story, frames)
    frames = _apply_relays(frames, relays, story.publisher)
    return sorted(frames, key=lambda f: (f.content.start, f.content.end))


def _drop_overlaps(frames: list[Frame]) -> list[Frame]:
    """A direct quote wins over a clause read from inside it."""
    direct = [f for f in frames if f.kind is ClaimKind.DIRECT]
    out = list(direct)
    spans = sorted((d.content for d in direct), key=lambda s: s.start)
    starts = [s.start for s in spans]
    reach = list(accumulate((s.end for s in spans), max))
    for f in frames:
        if f.kind is ClaimKind.DIRECT:
            continue
        # only quotes that start before f ends and reach past its start can overlap it
        n = bisect_left(starts, f.content.end) - 1
        half = 0.5 * (f.content.end - f.content.start)
        while n >= 0 and reach[n] > f.content.start and _overlap(f.content, spans[n]) <= half:
            n -= 1
        if n >= 0 and reach[n] > f.content.start:
            continue
        out.append(f)
    return out


def _nest(story: Story, frames: list[Frame]) -> list[Frame]:
    """ "Marinov told reporters that Ilieva had assured him that ...": Ilieva via Marinov."""
    lex = story.lex
    drop: set[int] = set()
    result = list(frames)
    by_sentence: dict[int, list[int]] = {}
    for n, f in enumerate(frames):
        by_sentence.setdefault(f.sentence, []).append(n)
    for a_i, a in enumerate(frames):
        for b_i in by_sentence[a.sentence]:  # claims nest only within one sentence
            b = frames[b_i]
            if a_i == b_i or a.kind is ClaimKind.DIRECT or b.cue is None:
                continue
            inside = (a.content.start <= b.cue.start < a.content.end
                      and a.content.start <= b.content.start and b.content.end <= a.content.end + 1)
            if not inside or b.sentence != a.sentence:
                continue
            speech = b.cue_lemma not in lex.cognitive
            if speech and a.speaker is not None and b.speaker is not None and a.speaker.span == b.speaker.span:
                # "wrote that she was “disappointed” and urged residents to ...": two claims
                cut = _cut(story.text, result[a_i].content, b.cue.start)
                result[a_i] = replace(result[a_i], content=cut, kind=story.kind(result[a_i].kind, cut))
                result[b_i] = replace(result[b_i], channel=b.channel or a.channel)
                continue
            # "told reporters that Ilieva had assured him that ...": a report inside a report
            # ("said the airline had added buses": "added buses" is not a report)
            relayed = speech and b.clausal and b.cue_lemma not in lex.object_claim and b.speaker is not None
            drop.add(a_i) if relayed else drop.add(b_i)
            if relayed and not b.speaker.is_pronoun:
                via = b.via + tuple(m for m in (a.speaker,) if m is not None) + a.via
                result[b_i] = replace(b, via=via, channel=b.channel or a.channel)
    return [f for i, f in enumerate(result) if i not in drop]


def _cut(text: str, content: Span, at: int) -> Span:
    """``content`` up to ``at``, without a dangling "and", "but" or comma."""
    head = text[content.start:at].rstrip()
    for tail in (" and", " but", ",", " and that", " but that"):
        if head.endswith(tail):
            head = head[: -len(tail)].rstrip()
    head = head.rstrip(" ,;")
    return Span.of(text, content.start, content.start + len(head)) if head else content


def _apply_relays(frames: list[Frame], relays: Sequence[Relay], publisher: str) -> list[Frame]:
    """ "..., his office quoted him in a statement": the relay joins every claim of its sentence."""
    out = []
    for f in frames:
        for r in relays:
            if r.sentence == f.sentence and r.via is not None and not is_publisher(r.via, publisher):
                f = replace(f, via=(*f.via, r.via), channel=f.channel or r.channel)
        out.append(f)
    return out


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))
