"""The sourcing map: each sentence of the story attributed, unsourced, observed or a question."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ..lexicon import Lexicon
from ..quotes import Quote
from ..types import Analysis, Sentence, SentenceLabel, Sourcing, Span
from .furniture import furniture
from .words import Word, mask_quotes, phrase_at, phrase_before, words

# "ALMATY (Reuters) –" or "SPRINGFIELD, Ill. (AP) —" on a line of its own: a dateline, not a sentence.
_DATELINE_ALONE = re.compile(r"^[A-Z][A-Z'’.,\- ]+(?:[A-Z][a-z]+\.?\s*)*(?:\([^()]{1,40}\)\s*[-–—]*|\s*[-–—]+)$")
_LINK = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# How far after its subject an observation verb may come ("An AP reporter at the protest in front of the
# Council building counted"); after the outlet's bare name, only its auxiliaries and adverbs
# ("Reuters has independently verified"): "Reuters first reported the deal in May, when investors saw"
# is no observation.
_SUBJECT_REACH = 10
_OUTLET_REACH = 3
# Pronouns that continue the observer of the sentence before ("In another part of town, they saw ...").
_CONTINUING = frozenset({"they", "he", "she"})


def label_sentences(analysis: Analysis, quotes: Sequence[Quote], lexicon: Lexicon) -> tuple[SentenceLabel, ...]:
    """Label every sentence of the headline and body by whose authority it rests on.

    A sentence is ``attributed`` when it holds any of a claim's content or its reporting
    verb; otherwise ``observed`` when the outlet's own people saw, heard or counted what it
    says, ``question`` when it asks, and ``unsourced`` when the outlet simply asserts it.

    Args:
        analysis: the analysis, with ``sentences`` from the parse and its claims.
        quotes: the story's quotations (their words are never the writer's observation).
        lexicon: the observation word lists.

    Returns:
        One label per sentence of the story, in order; datelines alone, links, lines
        without a word and page furniture (``furniture``) are left out.
    """
    text = analysis.document.text
    sentences = [s for s in analysis.sentences if _is_story_sentence(s.span.text)]
    holders = _claims_by_sentence(analysis, sentences)
    page = furniture(text, sentences, holders, analysis.document.publisher, lexicon)
    sentences = [s for n, s in enumerate(sentences) if n not in page]
    holders = [h for n, h in enumerate(holders) if n not in page]
    publisher = _publisher_words(analysis.document.publisher)
    opens = [q.open for q in quotes]
    people = lexicon.observers | lexicon.outlet_people
    out: list[SentenceLabel] = []
    for n, sentence in enumerate(sentences):
        claims = holders[n]
        observation = None
        if claims:
            label = Sourcing.ATTRIBUTED
        else:
            plain = mask_quotes(text, sentence.span.start, sentence.span.end, quotes, opens)
            after_observation = bool(out) and out[-1].label is Sourcing.OBSERVED
            seen = _observation(words(plain, 0, len(plain)), publisher, lexicon, people, after_observation)
            if seen is not None:
                label = Sourcing.OBSERVED
                observation = Span.of(text, sentence.span.start + seen[0], sentence.span.start + seen[1])
            elif sentence.span.text.rstrip().endswith("?"):
                label = Sourcing.QUESTION
            else:
                label = Sourcing.UNSOURCED
        out.append(SentenceLabel(sentence.span, label, claims, sentence.index, observation))
    return tuple(out)


def _is_story_sentence(text: str) -> bool:
    stripped = text.strip()
    return (any(c.isalpha() for c in stripped) and not _LINK.match(stripped)
            and not _DATELINE_ALONE.match(stripped))


def _claims_by_sentence(analysis: Analysis, sentences: Sequence[Sentence]) -> list[tuple[str, ...]]:
    """The ids of the claims each sentence holds part of (content or reporting verb), in id order."""
    starts = [s.span.start for s in sentences]
    found: list[list[str]] = [[] for _ in sentences]
    for claim in analysis.claims:
        spans = [claim.content] + ([claim.cue] if claim.cue is not None else [])
        for span in spans:
            n = max(0, bisect_right(starts, span.start) - 1)
            while n < len(sentences) and sentences[n].span.start < span.end:
                if sentences[n].span.end > span.start and claim.id not in found[n]:
                    found[n].append(claim.id)
                n += 1
    order = {c.id: k for k, c in enumerate(analysis.claims)}
    return [tuple(sorted(ids, key=order.__getitem__)) for ids in found]


def _publisher_words(publisher: str | None) -> tuple[str, ...]:
    """The outlet's name as phrases of lower-case words: "Associated Press" and "AP"."""
    if not publisher:
        return ()
    name = [w[2] for w in words(publisher, 0, len(publisher))]
    if name and name[0] == "the":
        name = name[1:]
    if not name:
        return ()
    phrases = [" ".join(name)]
    if len(name) > 1:
        phrases.append("".join(w[0] for w in name))
    return tuple(phrases)


def _observation(seq: list[Word], publisher: tuple[str, ...], lex: Lexicon, people: frozenset[str],
                 after_observation: bool) -> tuple[int, int] | None:
    """Where the words hold the outlet's people seeing, hearing, counting or reviewing.

    "Reuters correspondents saw ...", "An AFP reporter at the scene counted ...",
    "We spoke with residents at ...", "a copy of which was seen by Reuters". Returns the
    offsets from the observer to the verb (passive: from the verb to the outlet), or None.
    """
    for i in range(len(seq)):
        end = _observer_at(seq, i, publisher, lex, people, after_observation)
        bare = end and phrase_before(seq, end, publisher) is not None  # "Reuters has seen"
        verb = _verb_after(seq, end, lex, _OUTLET_REACH if bare else _SUBJECT_REACH) if end else None
        if verb is not None:
            return seq[i][0], seq[verb - 1][1]
        n = phrase_at(seq, i, lex.observation_verbs)
        if n and i + n < len(seq) and seq[i + n][2] == "by":
            # "a copy of which was seen by Reuters", "reviewed by our correspondent"
            last = _observer_at(seq, i + n + 1, publisher, lex, people, False)
            if last:
                return seq[i][0], seq[last - 1][1]
    return None


def _article(seq: Sequence[Word], i: int) -> int:
    return int(i < len(seq) and seq[i][2] in {"the", "a", "an", "our", "this"})


def _observer_at(seq: Sequence[Word], i: int, publisher: tuple[str, ...], lex: Lexicon, people: frozenset[str],
                 continuing: bool) -> int:
    """The index just after an observer starting at ``seq[i]``, or 0."""
    if i >= len(seq):
        return 0
    if continuing and seq[i][2] in _CONTINUING:
        return i + 1
    own = phrase_at(seq, i, lex.observer_self)
    if own:
        return i + own
    at = i + _article(seq, i)
    name = phrase_at(seq, at, publisher)
    if name:
        # "Reuters correspondents saw", "a Reuters team visited", "Reuters has seen a copy"
        return at + name + phrase_at(seq, at + name, people)
    journalists = phrase_at(seq, at, lex.observers)
    if journalists and publisher and phrase_before(seq, at, lex.outlets):
        return 0  # "an AFP reporter" in a Reuters story: another outlet's eyes
    return at + journalists if journalists else 0


def _verb_after(seq: Sequence[Word], end: int, lex: Lexicon, reach: int) -> int | None:
    """The index just after an observation verb a few words after ``end``, unless negated first."""
    for j in range(end, min(len(seq), end + reach)):
        word = seq[j][2]
        if word in lex.negations or word.endswith(("n't", "n’t")):
            return None
        n = phrase_at(seq, j, lex.observation_verbs)
        if n:
            return j + n
    return None
