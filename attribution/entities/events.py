"""Mention events: the speaker, intermediary and named-entity mentions of a story in reading order."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from ..lexicon import Lexicon
from ..syntax import mention as make_mention
from ..syntax import span_head
from ..types import ClaimKind, Frame, Mention, Parse, Span
from .kinds import personal

_PLACES = {"GPE", "LOC", "FAC"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
POSSESSIVE = {"his": "male", "her": "female", "its": "neuter", "their": "plural"}
_NESTING = 8  # quotes inside quotes looked through for the one holding a mention


@dataclass(frozen=True, slots=True)
class MentionEvent:
    """One mention to place; ``at`` is where it is read (a cataphor reads later than it stands)."""

    mention: Mention
    speaker: bool  # it speaks or relays a claim (else: a named entity nearby)
    at: float
    voice: Span | None = None  # for "I" / "we" inside a quote: the mention of the quote's speaker
    sentence: tuple[int, int] = (-1, -1)  # (block, sentence index) where the mention stands


@dataclass(frozen=True, slots=True)
class Events:
    """The mention events in reading order, and the named places and organisations that do not speak.

    ``places`` (GPE, LOC, FAC; a country that speaks too) and ``orgs`` (ORG) are weak
    evidence: the small model often labels people ORG and GPE.
    """

    events: tuple[MentionEvent, ...]
    places: frozenset[Span]
    orgs: frozenset[Span]
    labels: Mapping[tuple[int, int], str]  # (start, end) of every name the model labelled -> its label
    subjects: Mapping[tuple[int, int], Span]  # (block, sentence) -> the name that is its main clause's subject


def mention_events(text: str, frames: Sequence[Frame], parses: Sequence[Parse], lexicon: Lexicon) -> Events:
    """Speaker and intermediary mentions of ``frames``, plus the named entities not inside them."""
    events: dict[Span, tuple[Mention, bool]] = {}
    order: dict[Span, float] = {}
    for f in frames:
        if f.speaker is not None:
            events[f.speaker.span] = (f.speaker, True)
        for m in f.via:
            events.setdefault(m.span, (m, True))
            if (f.speaker is not None and m.span.start < f.speaker.span.start
                    and m.span.text.split()[0].lower() in POSSESSIVE):
                # "In a statement released by her office, President Ilze Ozola said": "her" looks ahead
                order[m.span] = f.speaker.span.start + 0.5
    voices = _voices(events, frames, lexicon)
    for span, voice in voices.items():
        # "“I said the plan would fail,” Smith said": "I" is read once its speaker is known
        order[span] = max(order.get(span, span.start), voice.start + 0.5)
    places: set[Span] = set()
    orgs: set[Span] = set()
    labels: dict[tuple[int, int], str] = {}
    # spans already covered, by start, with the furthest end reached so far (linear-time overlap test)
    covered = sorted((s.start, s.end) for s in events)
    starts = [s for s, _ in covered]
    reach = list(accumulate((e for _, e in covered), max))
    for p in parses:
        for start, end, label in p.entities:
            labels[p.tokens[start].start, p.tokens[end - 1].end] = label
            if label not in _NAMED:
                continue
            m = make_mention(text, p, _root(p, start, end, label == "PERSON"), lexicon)
            if label == "GPE" and m.span in events and end - start == 1:
                places.add(m.span)  # "Zambia says ...": a country speaking, not a name inside another
            k, after = bisect_right(starts, m.span.start), bisect_left(starts, m.span.start)
            if (k and reach[k - 1] > m.span.start) or (after < len(starts) and starts[after] < m.span.end):
                continue
            events.setdefault(m.span, (m, False))
            if label in _PLACES:
                places.add(m.span)
            elif label == "ORG":
                orgs.add(m.span)
    ordered = sorted(events.values(), key=lambda e: (order.get(e[0].span, e[0].span.start), -e[0].span.end))
    starts, where, subjects = _sentences(text, parses, lexicon)
    return Events(
        tuple(MentionEvent(m, speaker, order.get(m.span, m.span.start), voices.get(m.span),
                           where[max(0, bisect_right(starts, m.span.start) - 1)] if starts else (-1, -1))
              for m, speaker in ordered),
        frozenset(places), frozenset(orgs), labels,
        _named_subjects(subjects, sorted(events, key=lambda s: (s.start, s.end))),
    )


def _named_subjects(subjects: dict[tuple[int, int], Span], spans: list[Span]) -> dict[tuple[int, int], Span]:
    """Each sentence subject as the mention event inside it ("Harrowgate captain Liam O'Dowd"
    -> the name "Liam O'Dowd" the model labelled), where there is one."""
    starts = [s.start for s in spans]
    out = {}
    for key, subj in subjects.items():
        k = bisect_right(starts, subj.end - 1) - 1  # the last event starting inside the subject
        if k >= 0 and spans[k].start >= subj.start:
            out[key] = spans[k]
    return out


def _sentences(
    text: str, parses: Sequence[Parse], lexicon: Lexicon,
) -> tuple[list[int], list[tuple[int, int]], dict[tuple[int, int], Span]]:
    """Where each sentence starts, its (block, index), and the proper name that is the subject
    of its main clause ("Mr. Harlan dismissed that account", "Shaw ... was more cautious")."""
    starts: list[int] = []
    where: list[tuple[int, int]] = []
    subjects: dict[tuple[int, int], Span] = {}
    for p in parses:
        toks = p.tokens
        for s0, s1 in p.sentences:
            if s0 >= s1:
                continue
            key = (p.block, toks[s0].sent)
            starts.append(toks[s0].start)
            where.append(key)
            root = next((i for i in range(s0, s1) if toks[i].head == i), None)
            kids = p.kids(root) if root is not None else ()
            subj = next((k for k in kids if toks[k].dep in {"nsubj", "nsubj:pass"}), None)
            if subj is not None and toks[subj].pos == "PROPN":
                subjects[key] = make_mention(text, p, subj, lexicon).span
    return starts, where, subjects


def self_references(frames: Sequence[Frame], lexicon: Lexicon) -> dict[Span, str]:
    """The first word of the content of each neutral report by a named speaker, by speaker span.

    "Ashleigh Turner said she had bought four tins": a neutral report that opens with
    she / he speaks of its speaker, which tells a named person's gender ("claims he took
    $12 million" speaks of someone else, so loaded and object cues do not count).
    """
    return {
        f.speaker.span: f.content.text.split(None, 1)[0].lower()
        for f in frames
        if f.speaker is not None and not f.speaker.is_pronoun and f.kind is not ClaimKind.DIRECT
        and f.cue_lemma in lexicon.self_reporting and f.content.text
    }


def _voices(events: dict[Span, tuple[Mention, bool]], frames: Sequence[Frame], lexicon: Lexicon) -> dict[Span, Span]:
    """For each first-person pronoun inside a quote, the mention of the innermost quote's speaker."""
    quoted = sorted(
        ((f.content.start, -f.content.end, f.speaker.span) for f in frames
         if f.speaker is not None and f.kind in {ClaimKind.DIRECT, ClaimKind.MIXED}),
        key=lambda q: (q[0], q[1]),
    )
    starts = [start for start, _, _ in quoted]
    voices: dict[Span, Span] = {}
    for span, (m, _) in events.items():
        if personal(m.span.text, lexicon) != "first":
            continue
        k = bisect_right(starts, span.start)
        for _, neg_end, speaker in reversed(quoted[max(0, k - _NESTING):k]):
            if span.end <= -neg_end and speaker != span:
                voices[span] = speaker
                break
    return voices


def _root(p: Parse, start: int, end: int, person: bool = False) -> int:
    """The head token of the name ``start..end``, or, for a person, of the name it begins
    ("Liam" of "Liam O’Dowd", which the model may cut at the apostrophe)."""
    toks = p.tokens
    i = span_head(p, start, end)
    head = toks[i].head
    if person and toks[i].dep in {"compound", "flat"} and head == end and toks[head].pos == "PROPN":
        return head
    return i
