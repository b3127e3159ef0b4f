"""The story cut into paragraphs of segments, each with the marks that cover it, for the HTML views."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..types import Analysis, Claim, Span
from .marks import StanceMark, StoryMarks, Tag, TermMark, story_marks
from .palette import style

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Mark:
    """One claim covering a segment: the attributes of its ``<mark>`` element."""

    claim: str
    kind: str
    colour: str
    title: str
    first: bool


@dataclass(frozen=True, slots=True)
class Term:
    """A quoted term covering a segment; ``first`` and ``last`` say where its element opens and its tag goes."""

    mark: TermMark
    first: bool
    last: bool


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by the same claims, cues, speaker, intermediary mentions and signals.

    ``via_of`` lists the claims that the intermediary mentioned here relays; ``sentence`` is
    the tag of the unsourced, observed or question sentence the segment is in, shown before
    the segment where ``opens``; ``seen`` marks the words of an observation;
    ``stance`` the leaning reporting verb of a cue (focusable on its first segment, its symbol
    raised after its last).
    """

    text: str
    marks: tuple[Mark, ...]
    cue_of: str
    who_of: str
    who_colour: str
    sups: tuple[int, ...]
    via_of: str = ""
    sentence: Tag | None = None
    opens: bool = False
    seen: bool = False
    term: Term | None = None
    stance: StanceMark | None = None
    stance_first: bool = False
    stance_last: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the story as written, cut into segments."""

    segments: tuple[Segment, ...]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each paragraph: text between blank lines, never empty.

    Args:
        text: the story.

    Returns:
        Offsets into ``text``; the blank lines between paragraphs belong to none.
    """
    spans, start = [], 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _cover(where: dict[int, int], size: int, items: Iterable[tuple[int, int, T]]) -> list[list[T]]:
    """For each cut, the items whose ``(start, end)`` covers the segment that starts there."""
    found: list[list[T]] = [[] for _ in range(size)]
    for start, end, item in items:
        for i in range(where[start], where[end]):
            if item not in found[i]:
                found[i].append(item)
    return found


def segments(analysis: Analysis, titles: dict[str, str], numbers: dict[str, int],
             signals: StoryMarks | None = None) -> list[Paragraph]:
    """Cut the story into paragraphs of non-overlapping segments for highlighting.

    Claims may nest or overlap: each segment lists every claim covering it, outermost
    first. The first segment of a claim carries its id; its last one, the speaker number.
    A mention of an intermediary (``Claim.via_mentions``) lists the claims it relays.

    Args:
        analysis: the result of analysing one story.
        titles: the chain text of each claim id.
        numbers: the speaker numbers (``speaker_numbers``).
        signals: the signals to mark (``sourcing.story_marks``; found when not given).

    Returns:
        The paragraphs; their segments rebuild each paragraph's text exactly.
    """
    text = analysis.document.text
    signals = signals or story_marks(analysis, numbers)
    claims = sorted(analysis.claims, key=lambda c: (c.content.start, -c.content.end, c.id))
    vias = {c.id: [m for m in c.via_mentions if m is not None] for c in claims}
    spans: list[Span] = [c.content for c in claims] + [m for ms in vias.values() for m in ms]
    spans += [c.cue for c in claims if c.cue] + [c.speaker_mention for c in claims if c.speaker_mention]
    extra = [(s, e) for s, e, _ in signals.sentences] + list(signals.observations)
    extra += [(s, e) for s, e, _ in signals.terms]
    paras = paragraphs(text) or [(0, 0)]
    cuts = sorted({*(p for s in spans for p in (s.start, s.end)), *(p for r in extra for p in r),
                   *(p for r in paras for p in r)})
    colour = {c.id: style(numbers.get(c.speaker or "", 0)).css for c in claims}
    last_end = {
        c.id: max((min(e, c.content.end) for s, e in paras if s < c.content.end and c.content.start < e),
                  default=-1)
        for c in claims
    }
    seen: set[str] = set()

    def mark(c: Claim) -> Mark:
        first = c.id not in seen
        seen.add(c.id)
        return Mark(c.id, c.kind.value, colour[c.id], titles[c.id], first)

    where = {p: i for i, p in enumerate(cuts)}

    def covering(spans_of: Callable[[Claim], Sequence[Span | None]]) -> list[list[Claim]]:
        return _cover(where, len(cuts), ((s.start, s.end, c) for c in claims for s in spans_of(c) if s is not None))

    contents = covering(lambda c: [c.content])
    cues = covering(lambda c: [c.cue])
    whos = covering(lambda c: [c.speaker_mention])
    relays = covering(lambda c: vias[c.id])
    sentences = _cover(where, len(cuts), signals.sentences)
    opening = {where[s] for s, _, _ in signals.sentences}
    observed = _cover(where, len(cuts), ((s, e, True) for s, e in signals.observations))
    terms = _cover(where, len(cuts), ((s, e, (where[s], where[e] - 1, m)) for s, e, m in signals.terms))
    cue_starts = {where[c.cue.start] for c in claims if c.cue}
    cue_ends = {where[c.cue.end] - 1 for c in claims if c.cue}
    result = []
    for p_start, p_end in paras:
        first, last = where[p_start], where[p_end]
        segs = []
        for i in range(first, last):
            end = cuts[i + 1]
            who = whos[i]
            term = terms[i][-1] if terms[i] else None
            stance = next((signals.stances[c.id] for c in cues[i] if c.id in signals.stances), None)
            segs.append(Segment(
                text[cuts[i]:end],
                tuple(mark(c) for c in contents[i]),
                " ".join(c.id for c in cues[i]),
                " ".join(c.id for c in who),
                colour[who[0].id] if who else "",
                tuple(numbers.get(c.speaker or "", 0) for c in contents[i] if last_end[c.id] == end),
                " ".join(c.id for c in relays[i]),
                sentences[i][0] if sentences[i] else None,
                i in opening,
                bool(observed[i]),
                Term(term[2], term[0] == i, term[1] == i) if term else None,
                stance,
                stance is not None and i in cue_starts,
                stance is not None and i in cue_ends,
            ))
        result.append(segs)
    # a claim with no text of its own (empty, or between paragraphs) still gets its element
    for c in claims:
        if c.id not in seen:
            at = max((i for i, (s, _) in enumerate(paras) if s <= c.content.start), default=0)
            result[at].append(Segment("", (mark(c),), "", "", "", ()))
    return [Paragraph(tuple(segs)) for segs in result]
