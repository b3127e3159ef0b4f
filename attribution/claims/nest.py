"""Reports inside reports: a claim held in another claim's content, in one sentence."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable
from dataclasses import dataclass, replace

from ..lexicon import Lexicon
from ..types import ClaimKind
from .state import Draft, Story


@dataclass(frozen=True, slots=True)
class _Nesting:
    """What nesting does to the claims of one sentence (indices into the drafts)."""

    dropped: frozenset[int]
    cut_at: dict[int, int]  # claim -> where the cue of a claim of its speaker inside it starts
    via_of: dict[int, int]  # report -> the claim it was relayed through
    channel_of: dict[int, int]  # claim -> the claim whose channel it takes when it names none


def nest(story: Story, drafts: list[Draft]) -> list[Draft]:
    """ "Marinov told reporters that Ilieva had assured him that ...": Ilieva via Marinov.

    Claim b lies inside claim a when a, not a direct quote, holds b's cue and b's content
    in one sentence. Of one speaker ("wrote that she was “disappointed” and urged residents
    to ..."), they are two claims: a ends before b's cue, and b takes a's channel. Of two
    speakers, a report inside a report ("told reporters that Ilieva had assured him that")
    is relayed: a goes, and b goes via a's speaker; anything else inside ("said the airline
    had added buses") is part of a's content and goes. Where several claims qualify, the
    last found counts.
    """
    by_sentence: dict[int, list[int]] = {}
    for n, d in enumerate(drafts):
        by_sentence.setdefault(d.sentence, []).append(n)
    asides = _asides(story.text, drafts)
    nestings = [_nest_sentence(story.text, story.lex, drafts, members, asides) for members in by_sentence.values()
                if len(members) > 1]
    dropped = {n for nesting in nestings for n in nesting.dropped}
    cut_at = {n: b for nesting in nestings for n, b in nesting.cut_at.items()}
    via_of = {n: a for nesting in nestings for n, a in nesting.via_of.items()}
    channel_of = {n: a for nesting in nestings for n, a in nesting.channel_of.items()}
    out = []
    for n, d in enumerate(drafts):
        if n in dropped:
            continue
        if n in cut_at:
            end = _cut(story.text, d.start, d.end, cut_at[n])
            d = replace(d, end=end, kind=story.kind(d.kind, d.start, end))
        if n in via_of:
            a = drafts[via_of[n]]
            d = replace(d, via=drafts[n].via + tuple(m for m in (a.speaker,) if m is not None) + a.via)
        if n in channel_of:
            d = replace(d, channel=drafts[n].channel or drafts[channel_of[n]].channel)
        out.append(d)
    return out


def _asides(text: str, drafts: list[Draft]) -> frozenset[int]:
    """ "said the videos do not show his hands, which he said were at his side": a report in a
    relative clause comments on a word of the claim around it; it is no report relayed by it."""
    return frozenset(n for n, d in enumerate(drafts)
                     if d.cue is not None and d.start < d.cue.start < d.end
                     and text[d.start:d.cue.start].split(maxsplit=1)[0].lower() in _RELATIVES)


_RELATIVES = {"which", "who", "whom", "whose"}


def _nest_sentence(text: str, lex: Lexicon, drafts: list[Draft], members: list[int], asides: frozenset[int],
                   ) -> _Nesting:
    """``nest`` for the claims ``members`` of one sentence, each question asked of all of
    them at once (``_sweep``): a sentence the parser chained into thousands of readings, one
    inside the other, costs n log n, not n²."""
    containers = [n for n in members if drafts[n].kind is not ClaimKind.DIRECT]
    reports = [n for n in members if drafts[n].cue is not None]
    footprint = {n: _footprint(drafts[n]) for n in reports}  # a holds b iff it holds this range
    speakers = {n: d.speaker.span for n in members if (d := drafts[n]).speaker is not None}

    def speaker(n: int) -> Hashable | None:
        return speakers.get(n)

    def speech(n: int) -> bool:
        return drafts[n].cue_lemma not in lex.cognitive

    def relayed(n: int) -> bool:
        d = drafts[n]
        return (speech(n) and n not in asides and d.clausal and d.cue_lemma not in lex.object_claim
                and d.speaker is not None)

    # the claims around each report, keyed by speaker (no speaker: another one for everyone)
    around = _sweep([(drafts[a].start, drafts[a].end, a, speaker(a) or ("none", a)) for a in containers],
                    [footprint[b] for b in reports])
    # the relayed reports inside each claim, keyed by speaker
    relayed_reports = [b for b in reports if relayed(b)]
    inside = _sweep([(-footprint[b][0], -footprint[b][1], b, speaker(b)) for b in relayed_reports],
                    [(-drafts[a].start, -drafts[a].end) for a in containers])
    same_around, same_inside = _same_speaker(drafts, containers, [b for b in reports if speech(b)], footprint,
                                             speakers)
    # a poll's finding stays a claim of its own: "a YouGov poll found that 61 percent of
    # people over 65 said they rarely walk" is what the poll found, and what they answered
    dropped = {a for a, seen in zip(containers, inside, strict=True)
               if (b := seen.last(not_key=speaker(a))) is not None and not _deep(text, drafts[a], drafts[b])
               and not _asks(lex, drafts[a])}
    via_of: dict[int, int] = {}
    channel_of: dict[int, int] = {}
    for b, seen in zip(reports, around, strict=True):
        d = drafts[b]
        if speech(b) and d.speaker is not None:
            other = seen.last(not_key=speaker(b))  # never b itself, whose speaker is its own
            if other is not None and _deep(text, drafts[other], d):
                other = None  # part of what the claim around it says, not a report it relays
            other_speaker = other is not None
        else:
            other = None
            lo, hi = footprint[b]
            holds_itself = d.kind is not ClaimKind.DIRECT and d.start <= lo and d.end >= hi
            other_speaker = seen.count - holds_itself > 0
        if not relayed(b) and other_speaker and b not in asides:
            dropped.add(b)
        if not relayed(b) or d.speaker is None or d.speaker.is_pronoun:
            other = None  # "Marinov told reporters that he had warned ...": "he" may be Marinov himself
        if other is not None:
            via_of[b] = other
        sources = [a for a in (other, same_around.get(b)) if a is not None]
        if sources:
            channel_of[b] = max(sources)
    cut_at = {a: _cue_at(drafts[b]) for a, b in same_inside.items()}
    # the claim around an aside ends before it
    for a, start in _first_asides(drafts, containers, [b for b in members if b in asides]).items():
        cut_at[a] = min(cut_at.get(a, start), start)
    return _Nesting(frozenset(dropped), cut_at, via_of, channel_of)


def _first_asides(drafts: list[Draft], containers: list[int], asides: list[int]) -> dict[int, int]:
    """For each of ``containers``, where the first of ``asides`` that starts inside it and ends
    with it starts (claims without one are left out)."""
    by_start = sorted(asides, key=lambda b: drafts[b].start)
    starts = [drafts[b].start for b in by_start]
    out: dict[int, int] = {}
    for a in containers:
        d = drafts[a]
        for i in range(bisect_right(starts, d.start), len(by_start)):
            if drafts[by_start[i]].end <= d.end + 1:
                out[a] = starts[i]
                break
    return out


def _same_speaker(
    drafts: list[Draft], containers: list[int], reports: list[int], footprint: dict[int, tuple[int, int]],
    speakers: dict[int, Hashable],
) -> tuple[dict[int, int], dict[int, int]]:
    """For each report, the last claim of its speaker around it; for each claim, the last
    report of its speaker inside it (never itself)."""
    groups: dict[Hashable, tuple[list[int], list[int]]] = {}
    for a in containers:
        if a in speakers:
            groups.setdefault(speakers[a], ([], []))[0].append(a)
    for b in reports:
        if b in speakers and speakers[b] in groups:
            groups[speakers[b]][1].append(b)
    around: dict[int, int] = {}
    inside: dict[int, int] = {}
    for group_containers, group_reports in groups.values():
        if not group_reports or len(set(group_containers) | set(group_reports)) < 2:
            continue  # a claim alone with its speaker
        seen = _sweep([(drafts[a].start, drafts[a].end, a, a) for a in group_containers],
                      [footprint[b] for b in group_reports])
        for b, s in zip(group_reports, seen, strict=True):
            last = s.last(not_key=b)
            if last is not None:
                around[b] = last
        seen = _sweep([(-footprint[b][0], -footprint[b][1], b, b) for b in group_reports],
                      [(-drafts[a].start, -drafts[a].end) for a in group_containers])
        for a, s in zip(group_containers, seen, strict=True):
            last = s.last(not_key=a)
            if last is not None:
                inside[a] = last
    return around, inside


def _asks(lex: Lexicon, d: Draft) -> bool:
    """Whether claim ``d`` is a survey's finding (its speaker a poll or survey)."""
    return d.speaker is not None and d.speaker.head in lex.surveys


def _deep(text: str, a: Draft, b: Draft) -> bool:
    """ "She says Trump represents the “same rigged system that he claims he will change”":
    report b starts deep inside claim a's content, so it is part of what a says; a report
    that a relays is a's content from its start ("told reporters that Ilieva had assured
    him that ..."; "said a senior official had warned ...")."""
    at = b.speaker.span.start if b.speaker is not None else _cue_at(b)
    lead = text[a.start:at].lower().replace("“", " ").replace('"', " ").split() if at > a.start else []
    return len(lead) > 3 and any(word in _SUBORDINATORS for word in lead)


# Words that open a clause inside a claim's content: a report after one is part of that clause.
_SUBORDINATORS = {"that", "which", "who", "whom", "whose", "what", "because", "if", "when", "while", "although",
                  "though", "since", "unless", "whether"}


def _footprint(d: Draft) -> tuple[int, int]:
    """(lo, hi) such that claim a holds d's cue and content iff a.start <= lo and a.end >= hi."""
    cue = _cue_at(d)
    return min(cue, d.start), max(cue + 1, d.end - 1)  # the content may end one mark past a's


def _cue_at(d: Draft) -> int:
    return d.cue.start if d.cue is not None else d.start


@dataclass(frozen=True, slots=True)
class _Last:
    """A set of claims in brief: how many, the last one (frames order) with its key, and
    the last one whose key differs from that one's."""

    count: int = 0
    best: tuple[int, Hashable] | None = None
    other: tuple[int, Hashable] | None = None

    def merge(self, more: _Last) -> _Last:
        entries = [e for e in (self.best, self.other, more.best, more.other) if e is not None]
        if not entries:
            return _Last(self.count + more.count)
        best = max(entries, key=lambda e: e[0])
        other = max((e for e in entries if e[1] != best[1]), default=None, key=lambda e: e[0])
        return _Last(self.count + more.count, best, other)

    def last(self, not_key: Hashable) -> int | None:
        """The last claim whose key is not ``not_key``."""
        for entry in (self.best, self.other):
            if entry is not None and entry[1] != not_key:
                return entry[0]
        return None


_NONE = _Last()


def _sweep(points: list[tuple[int, int, int, Hashable]], queries: list[tuple[int, int]]) -> list[_Last]:
    """For each query ``(x, y)``, the ``_Last`` of the points ``(px, py, index, key)`` with
    ``px <= x`` and ``py >= y``: a sweep over x with a Fenwick tree over y."""
    ys = sorted({-p[1] for p in points})  # py >= y iff -py <= -y: a prefix of this order
    tree = [_NONE] * (len(ys) + 1)
    pts = sorted(points, key=lambda p: p[0])
    out = [_NONE] * len(queries)
    n = 0
    for q in sorted(range(len(queries)), key=lambda q: queries[q][0]):
        x, y = queries[q]
        while n < len(pts) and pts[n][0] <= x:
            one = _Last(1, (pts[n][2], pts[n][3]))
            r = bisect_left(ys, -pts[n][1]) + 1
            while r < len(tree):
                tree[r] = tree[r].merge(one)
                r += r & -r
            n += 1
        seen = _NONE
        r = bisect_right(ys, -y)
        while r > 0:
            seen = seen.merge(tree[r])
            r -= r & -r
        out[q] = seen
    return out


def _cut(text: str, start: int, end: int, at: int) -> int:
    """Where content ``start..end`` ends when cut at ``at``, without a dangling "and", "but"
    or comma; ``end`` when nothing would be left."""
    head = text[start:at].rstrip()
    for tail in (" and", " but", ",", " and that", " but that"):
        if head.endswith(tail):
            head = head[: -len(tail)].rstrip()
    head = head.rstrip(" ,;")
    return start + len(head) if head else end
