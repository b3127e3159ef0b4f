"""The sourcing card at the top of the HTML report: the story's sourcing profile in words and small bars."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ..signals import profile_of
from ..types import Analysis, EntityType, Sourcing, Stance
from .marks import MARKED_SENTENCES, StoryMarks, counted, report_words
from .tables import sources_phrase


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of a bar: what it counts (``key`` names its pattern), how many, its share in percent."""

    key: str
    label: str
    count: int
    percent: float
    symbol: str = ""
    words: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the sourcing card: a label, a bar of one or more parts, the numbers in words.

    A ``stacked`` bar divides a whole into parts, each named in a key under it.
    """

    label: str
    text: str
    hint: str
    parts: tuple[Part, ...]
    stacked: bool = False


@dataclass(frozen=True, slots=True)
class Card:
    """The sourcing card: a summary sentence and its rows."""

    title: str
    summary: str
    rows: tuple[Row, ...]


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _share_text(part: int, whole: int) -> str:
    return f"{report_words()['card']['of_claims'].format(n=part, of=whole)} ({round(_percent(part, whole))}%)"


def _sentence_row(analysis: Analysis) -> Row | None:
    words = report_words()
    labels = Counter(s.label for s in analysis.sourcing)
    total = sum(labels.values())
    if not total:
        return None
    order = (Sourcing.ATTRIBUTED, *MARKED_SENTENCES)
    parts = tuple(Part(s.value, counted(words["sentences"][s.value]["card"], labels[s]), labels[s],
                       _percent(labels[s], total))
                  for s in order if labels[s] or s is Sourcing.UNSOURCED)
    return Row(words["card"]["rows"]["sentences"], counted(words["card"]["sentences"], total), "", parts, True)


def _stance_row(analysis: Analysis, leaning: Mapping[Stance, list[str]]) -> Row | None:
    words = report_words()
    counts = Counter(c.stance for c in analysis.claims)
    total = len(analysis.claims)
    if not total:
        return None
    parts = tuple(Part(s.value, s.value, counts[s], _percent(counts[s], total),
                       words["stance"][s.value].get("symbol", ""), ", ".join(leaning.get(s, ())))
                  for s in Stance if counts[s] or s is Stance.NEUTRAL)
    return Row(words["card"]["rows"]["verbs"], counted(words["card"]["verbs"], total), "", parts, True)


def _stance_words(analysis: Analysis, marks: StoryMarks) -> dict[Stance, list[str]]:
    """The distinct leaning verbs of each stance as written, in story order ("saying (after one)" for a
    participle that follows a leaning verb)."""
    found: dict[Stance, list[str]] = {}
    framed = report_words()["card"]["framed_word"]
    for claim in sorted(analysis.claims, key=lambda c: c.content.start):
        mark = marks.stances.get(claim.id)
        if mark is not None:
            word = mark.word.lower() if mark.own else framed.format(word=mark.word.lower())
            if word not in found.setdefault(claim.stance, []):
                found[claim.stance].append(word)
    return found


def sourcing_card(analysis: Analysis, counts: Mapping[str, int], marks: StoryMarks) -> Card:
    """The card at the top of the report: the story's sourcing in one sentence and a few bars.

    Args:
        analysis: the result of analysing one story (its profile is computed when missing).
        counts: ``tables.count_sources(analysis)``.
        marks: ``story_marks`` of the story (for the leaning verbs as written).

    Returns:
        The card; rows that have nothing to count (no claims, no sourcing map) are left out.
    """
    words, card = report_words(), report_words()["card"]
    profile = analysis.profile or profile_of(analysis)
    claims = analysis.claims
    names = {e.id: e.name for e in analysis.entities}
    types = {e.id: e.type for e in analysis.entities}
    per_source = Counter(c.speaker for c in claims if c.speaker)
    relayed = [c for c in claims if c.via]
    anonymous = sum(1 for c in claims if c.speaker and types.get(c.speaker) is EntityType.ANONYMOUS)
    labels = Counter(s.label for s in analysis.sourcing)
    leaning = _stance_words(analysis, marks)

    summary = [sources_phrase({**counts, "intermediaries": 0}),
               counted(card["anonymous"], profile.anonymous_sources) if profile.anonymous_sources
               else card["none_anonymous"]]
    if relayed:
        via = list(dict.fromkeys(names.get(v, v) for c in relayed for v in c.via))
        summary.append(f"{counted(card['relayed'], len(relayed))} ({'; '.join(via)})")
    elif claims:
        summary.append(card["none_relayed"])
    if analysis.sourcing:
        sentence = counted(card["unsourced"], labels[Sourcing.UNSOURCED], of=len(analysis.sourcing))
        if labels[Sourcing.OBSERVED]:
            sentence += ", " + counted(card["observed"], labels[Sourcing.OBSERVED])
        summary.append(sentence)
    if claims:
        stances = Counter(c.stance for c in claims)
        summary += [counted(card["stance"], stances[s], label=words["stance"][s.value]["label"],
                            words=", ".join(ws[:3]) + (", …" if len(ws) > 3 else ""))
                    for s, ws in leaning.items()] or [card["all_neutral"]]
    documents = [names[s] for s in per_source if types.get(s) is EntityType.DOCUMENT]
    if documents:
        summary.append(counted(card["documents"], len(documents), names="; ".join(documents)))

    rows: list[Row] = []
    rows_words = card["rows"]
    if claims:
        top, top_count = per_source.most_common(1)[0] if per_source else ("", 0)
        top_text = _share_text(top_count, len(claims))
        rows += [
            Row(rows_words["top"], f"{names.get(top, top)}: {top_text}" if top else top_text, rows_words["top_hint"],
                (Part("top", rows_words["top"], top_count, _percent(top_count, len(claims))),)),
            Row(rows_words["anonymous"], rows_words["anonymous_text"].format(share=_share_text(anonymous, len(claims))),
                "",
                (Part("anonymous", rows_words["anonymous"], anonymous, _percent(anonymous, len(claims))),)),
            Row(rows_words["relayed"], rows_words["relayed_text"].format(share=_share_text(len(relayed), len(claims))),
                "",
                (Part("relayed", rows_words["relayed"], len(relayed), _percent(len(relayed), len(claims))),)),
        ]
    rows += [r for r in (_sentence_row(analysis), _stance_row(analysis, leaning)) if r is not None]
    if claims:
        rows.append(Row(rows_words["documents"], "; ".join(documents) or rows_words["no_documents"], "", ()))
    return Card(card["title"], "; ".join(summary) + ".", tuple(rows))
