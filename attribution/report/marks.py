"""The media-literacy signals in the story as a reader sees them: their marks, explanations and legend."""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..lexicon import Lexicon, default_lexicon
from ..types import Analysis, Claim, Sourcing, Span, Stance, TermUse
from .palette import style

LEANING = (Stance.DISTANCING, Stance.ENDORSING, Stance.DRAMATIC)
MARKED_SENTENCES = (Sourcing.UNSOURCED, Sourcing.OBSERVED, Sourcing.QUESTION)


@lru_cache(maxsize=1)
def report_words() -> dict[str, Any]:
    """The labels, explanations and card phrases of ``attribution/data/explanations.toml``."""
    return tomllib.loads(resources.files("attribution").joinpath("data/explanations.toml").read_text("utf-8"))


def counted(pair: list[str], n: int, **values: Any) -> str:
    """The singular or plural phrase of ``pair`` for ``n``, filled in."""
    return pair[0 if n == 1 else 1].format(n=n, **values)


@dataclass(frozen=True, slots=True)
class Tag:
    """The label at the start of a sentence no source stands behind (unsourced, observed, question).

    ``sentence`` is the sentence's index in the story (``SentenceLabel.sentence``).
    """

    key: str
    text: str
    explain: str
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class TermMark:
    """A quoted term's mark: its use, the tag raised after it (a speaker's number or a word), its explanation.

    ``index`` is the term's place in ``Analysis.quoted_terms``.
    """

    key: str
    tag: str
    colour: str
    explain: str
    index: int = 0


@dataclass(frozen=True, slots=True)
class StanceMark:
    """A leaning reporting verb's mark: its stance, the raised symbol and its explanation."""

    key: str
    symbol: str
    word: str
    explain: str
    own: bool = True


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One line of the legend: a sample of the mark and its meaning.

    The sample is an ``element`` with classes ``css`` around ``sample``, then a raised
    ``symbol`` (classes ``symbol_css``), then ``follow`` text in classes ``follow_css``.
    """

    key: str
    element: str
    css: str
    sample: str
    label: str
    explain: str = ""
    symbol: str = ""
    symbol_css: str = ""
    follow: str = ""
    follow_css: str = ""


def _verb_as_written(claim: Claim, cue: Span, text: str, lexicon: Lexicon) -> tuple[str, bool]:
    """The leaning verb as the story writes it ("pointed out" for the cue "pointed"), and whether it is
    the cue's own verb (else the cue is a participle that follows one: "lashed out at critics, saying")."""
    after = text[cue.end:cue.end + 40].lower().split()
    for name, phrases in lexicon.stance:
        if name != claim.stance.value:
            continue
        for phrase in sorted(phrases, key=len, reverse=True):
            verb, *rest = phrase.split()
            if verb == claim.cue_lemma.lower() and [w.strip(",.;:") for w in after[:len(rest)]] == rest:
                return " ".join([cue.text, *after[:len(rest)]]).strip(",.;:"), True
    return cue.text, False


@dataclass(frozen=True, slots=True)
class StoryMarks:
    """Where the signals are in the story: marked sentences, observation words, quoted terms, leaning verbs.

    ``stances`` maps a claim id to the mark of its reporting verb (leaning verbs only).
    """

    sentences: tuple[tuple[int, int, Tag], ...]
    observations: tuple[tuple[int, int], ...]
    terms: tuple[tuple[int, int, TermMark], ...]
    stances: Mapping[str, StanceMark]


def story_marks(analysis: Analysis, numbers: Mapping[str, int]) -> StoryMarks:
    """The signals to mark in the story, each with the words that explain it.

    Args:
        analysis: the result of analysing one story.
        numbers: the speaker numbers of the report (``html.speaker_numbers``).

    Returns:
        Offsets into the story with their marks.
    """
    words, text, lexicon = report_words(), analysis.document.text, default_lexicon()
    sentences = tuple(
        (s.span.start, s.span.end, Tag(s.label.value, words["sentences"][s.label.value]["tag"],
                                       words["sentences"][s.label.value]["explain"], s.sentence))
        for s in analysis.sourcing if s.label in MARKED_SENTENCES and s.span.end > s.span.start
    )
    observations = tuple((s.observation.start, s.observation.end) for s in analysis.sourcing
                         if s.label is Sourcing.OBSERVED and s.observation is not None)
    terms = []
    for i, t in enumerate(analysis.quoted_terms):
        said = words["terms"][t.label.value]
        if t.label is TermUse.ATTRIBUTED:
            entity = analysis.entity(t.speaker)
            number = numbers.get(t.speaker or "", 0)
            explain = said["explain"].format(speaker=entity.name, number=number or "?") if entity else said["unknown"]
            mark = TermMark(t.label.value, str(number or "?"), style(number).css, explain, i)
        else:
            mark = TermMark(t.label.value, said["tag"], "", said["explain"], i)
        terms.append((t.span.start, t.span.end, mark))
    stances = {}
    for claim in analysis.claims:
        if claim.stance in LEANING and claim.cue is not None:
            said = words["stance"][claim.stance.value]
            word, own = _verb_as_written(claim, claim.cue, text, lexicon)
            stances[claim.id] = StanceMark(claim.stance.value, said["symbol"], word,
                                           said["explain" if own else "framed"].format(word=word), own)
    return StoryMarks(sentences, observations, tuple(terms), stances)


def legend(marks: StoryMarks) -> list[tuple[str, list[LegendEntry]]]:
    """The legend's groups, each with an entry for every kind of mark the story shows.

    Args:
        marks: ``story_marks`` of the story.

    Returns:
        ``(group title, entries)`` pairs; the claims group is always there.
    """
    words = report_words()
    said = words["legend"]
    claims = [LegendEntry(f"kind-{k}", "mark", f"sample k-{k} s-none", sample, label)
              for k, (sample, label) in said["kinds"].items()]
    claims += [LegendEntry(k, element, css, sample, label)
               for k, (element, css, sample, label) in said["marks"].items()]
    groups = [(said["groups"]["claims"], claims)]
    verbs = [LegendEntry("neutral", "b", "cue", said["neutral_sample"], words["stance"]["neutral"]["label"],
                         words["stance"]["neutral"]["legend"])]
    seen_stances = {m.key: m for m in marks.stances.values()}
    for stance in LEANING:
        if stance.value in seen_stances:
            w = words["stance"][stance.value]
            verbs.append(LegendEntry(stance.value, "b", f"cue stance-{stance.value}", seen_stances[stance.value].word,
                                     w["label"], w["legend"], w["symbol"],
                                     f"st st-{stance.value}"))
    groups.append((said["groups"]["verbs"], verbs))
    used = {tag.key for *_, tag in marks.sentences}
    sentences = []
    for s in MARKED_SENTENCES:
        if s.value in used:
            w = words["sentences"][s.value]
            sentences.append(LegendEntry(s.value, "span", f"tag tag-{s.value}", w["tag"], w["label"], w["legend"],
                                         follow=w["sample"], follow_css=w["sample_css"]))
    if sentences:
        groups.append((said["groups"]["sentences"], sentences))
    first_term = {}
    for *_, term in marks.terms:
        first_term.setdefault(term.key, term)
    terms = [LegendEntry(f"term-{u.value}", "span", f"term term-{u.value}", said["term_sample"],
                         words["terms"][u.value]["label"], words["terms"][u.value]["legend"],
                         first_term[u.value].tag,
                         f"tl tl-{u.value} badge {first_term[u.value].colour}" if first_term[u.value].colour
                         else f"tl tl-{u.value}")
             for u in TermUse if u.value in first_term]
    if terms:
        groups.append((said["groups"]["terms"], terms))
    return groups


def stance_summary(claims: list[Claim]) -> str:
    """The leaning verbs among ``claims`` in words: ``"2 distancing, 1 dramatic"``, or ``"neutral"``."""
    counts = Counter(c.stance for c in claims)
    return ", ".join(f"{counts[s]} {s.value}" for s in LEANING if counts[s]) or Stance.NEUTRAL.value
