"""Reporting-verb stance: whether a claim's cue is neutral, distancing, endorsing or dramatic."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from ..lexicon import Lexicon
from ..types import Analysis, Claim, Span, Stance
from .words import Word, words

_VOWELS = frozenset("aeiou")


def with_stances(analysis: Analysis, lexicon: Lexicon) -> tuple[Claim, ...]:
    """The claims of ``analysis``, each with the stance of its reporting verb.

    A participle after a comma takes the stance of the verb it elaborates: the cue of
    the claim before it in its sentence ("she boasted, adding ..."), else a reporting verb
    that made no claim of its own ("The mayor lashed out at critics, saying ...").

    Args:
        analysis: the analysis (its sentences bound a participle's look-back).
        lexicon: the ``[stance]`` word classes.

    Returns:
        The claims in the same order; a claim without a cue is neutral.
    """
    text = analysis.document.text
    starts = [s.span.start for s in analysis.sentences]
    stances: dict[str, Stance] = {}
    cued: list[Claim] = []  # claims with a cue, in order of their cues
    for claim in sorted(analysis.claims, key=lambda c: c.cue.start if c.cue else -1):
        if claim.cue is None:
            continue
        stance, own = stance_of(claim, text, lexicon)
        if not own and _is_participle(claim.cue, text):
            n = bisect_right(starts, claim.cue.start) - 1
            sentence_start = analysis.sentences[n].span.start if n >= 0 else 0
            before = [c for c in cued[-8:] if c.cue is not None and c.cue.start >= sentence_start]  # nearest last
            stance = stances[before[-1].id] if before else _framing(words(text, sentence_start, claim.cue.start),
                                                                      lexicon)
        stances[claim.id] = stance
        cued.append(claim)
    return tuple(replace(c, stance=stances.get(c.id, Stance.NEUTRAL)) for c in analysis.claims)


def stance_of(claim: Claim, text: str, lexicon: Lexicon) -> tuple[Stance, bool]:
    """The stance of ``claim``'s reporting verb from its lemma and the words after it.

    A multi-word cue is its verb and the words after it ("pointed out", lemma "point").

    Returns:
        The stance, and whether the verb is in a stance class (else it is neutral by default).
    """
    if claim.cue is None:
        return Stance.NEUTRAL, False
    after = [w[2] for w in words(text, claim.cue.end, min(len(text), claim.cue.end + 40))]
    stance, length = Stance.NEUTRAL, 0
    for rest, cls in _by_verb(lexicon).get(claim.cue_lemma.lower(), ()):
        if after[:len(rest)] == rest and len(rest) + 1 > length:
            stance, length = cls, len(rest) + 1  # the longest phrase: "pointed out" over "pointed"
    return stance, length > 0


def _is_participle(cue: Span, text: str) -> bool:
    """ "..., saying": a present participle just after a comma."""
    return cue.text.lower().endswith("ing") and text[max(0, cue.start - 8):cue.start].rstrip().endswith(",")


@lru_cache(maxsize=4)
def _by_verb(lexicon: Lexicon) -> dict[str, list[tuple[list[str], Stance]]]:
    """The stance phrases by their verb: "point" -> [(["out"], Stance.NEUTRAL), ...], in the lexicon's order."""
    classes = {phrase: Stance(name) for name, phrases in lexicon.stance for phrase in phrases}
    out: dict[str, list[tuple[list[str], Stance]]] = {}
    for phrase, cls in classes.items():
        verb, *rest = phrase.split()
        out.setdefault(verb, []).append((rest, cls))
    return out


@lru_cache(maxsize=4)
def _inflected(lexicon: Lexicon) -> dict[tuple[str, ...], Stance]:
    """Every written form of the stance phrases and other reporting verbs: ("lashed", "out") -> dramatic."""
    out: dict[tuple[str, ...], Stance] = {}
    for verb in lexicon.neutral | lexicon.relay:  # "she said, adding ...": the nearest verb of saying decides
        for form in _forms(verb):
            out[(form,)] = Stance.NEUTRAL
    for name, phrases in lexicon.stance:
        for phrase in phrases:
            verb, *rest = phrase.split()
            for form in _forms(verb):
                out[(form, *rest)] = Stance(name)
    return out


def _framing(before: list[Word], lexicon: Lexicon) -> Stance:
    """The stance of the nearest reporting verb before a participle cue, in its sentence."""
    forms = _inflected(lexicon)
    longest = max((len(k) for k in forms), default=0)
    for i in range(len(before) - 1, -1, -1):
        for n in range(longest, 0, -1):
            key = tuple(w[2] for w in before[i:i + n])
            if len(key) == n and key in forms:
                return forms[key]
    return Stance.NEUTRAL


def _forms(verb: str) -> set[str]:
    """The regular written forms of an English verb (with a doubled final consonant too:
    "slammed", "admitted"); a wrong extra form is harmless, it never occurs in text."""
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb
    forms = {verb, stem + "ing", verb + "d" if verb.endswith("e") else verb + "ed"}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(verb + "es")
    elif verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    else:
        forms.add(verb + "s")
    if len(verb) >= 3 and verb[-1] not in _VOWELS | {"w", "x", "y"} and verb[-2] in _VOWELS and verb[-3] not in _VOWELS:
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms
