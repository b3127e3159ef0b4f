"""Where in a parse the content rules' stop words stand, found once per parse."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..speakers import is_cue, is_cue_word
from ..syntax import QUOTE_MARKS, first_of
from ..types import Parse


@dataclass(frozen=True, slots=True)
class Marks:
    """Sorted token indices of one parse, so a rule asks "the first X from here" by bisection
    instead of walking a sentence that may hold thousands of reporting verbs."""

    stops: tuple[int, ...]  # ";" or ":", or a comma before a reporting participle (", saying")
    that_stops: tuple[int, ...]  # a comma before a reporting participle or "citing"
    finite: tuple[int, ...]  # a finite verb that is not a conjunct or an infinitive complement
    clausal: tuple[int, ...]  # a verb that is not a modifier ("a closely watched vote")
    as_commas: tuple[int, ...]  # a comma before the subordinator "as" (", as its profit fell")
    refusals: tuple[int, ...]  # a subjectless conjunct "declined" / "refused"
    as_saying: tuple[int, ...]  # a reporting participle after "as" ("quoted by dpa as saying")
    joined_cues: tuple[int, ...]  # a reporting verb that is a conjunct or a clausal complement
    # of those, one with a subject of its own and no subordinator after "and" or ", and" /
    # ", but" ("..., and three-quarters said"; ``joined_report`` gives its cc token)
    joined_reports: tuple[int, ...]
    commas: tuple[int, ...]  # every ","
    mark_commas: tuple[int, ...]  # a comma before a subordinator (", while others disagreed")
    semicolons: tuple[int, ...]
    quote_marks: tuple[int, ...]
    interviews: tuple[int, ...]  # the lemma "interview"


_VERBAL = frozenset({"VERB", "AUX"})
_NOT_FINITE = frozenset({"conj", "xcomp", "case", "fixed"})


def marks_of(p: Parse, lex: Lexicon) -> Marks:
    """The ``Marks`` of parse ``p``."""
    toks = p.tokens
    stops, that_stops, finite, clausal, as_commas, refusals, as_saying = [], [], [], [], [], [], []
    joined_cues, mark_commas, semicolons, quote_marks, interviews, commas = [], [], [], [], [], []
    last = len(toks) - 1
    for j, tok in enumerate(toks):
        text, dep, lemma = tok.text, tok.dep, tok.lemma
        if text == ",":
            commas.append(j)
            nxt = toks[j + 1] if j < last else None
            participle = nxt is not None and nxt.tag == "VBG" and is_cue(nxt, lex)  # ", saying"
            if participle:
                stops.append(j)
            if participle or nxt is not None and nxt.lower_text() in lex.citing:
                that_stops.append(j)
            if nxt is not None and nxt.dep == "mark":
                mark_commas.append(j)
                if nxt.lower_text() == "as":
                    as_commas.append(j)
        elif text == ";" or text == ":":
            stops.append(j)
            if text == ";":
                semicolons.append(j)
        elif text in QUOTE_MARKS:
            quote_marks.append(j)
        if tok.pos in _VERBAL:
            if tok.tag != "VBG" and dep not in _NOT_FINITE:
                finite.append(j)
            if dep != "amod" and dep != "compound":
                clausal.append(j)
        if dep == "conj" and lemma in lex.refusals and not any(
            toks[k].dep in {"nsubj", "nsubj:pass"} for k in p.kids(j)
        ):
            refusals.append(j)
        if tok.tag == "VBG" and j > 0 and toks[j - 1].lower_text() == "as" and is_cue_word(lemma, lex):
            as_saying.append(j)
        if (dep == "conj" or dep == "ccomp") and is_cue(tok, lex):
            joined_cues.append(j)
        if lemma == "interview":
            interviews.append(j)
    return Marks(tuple(stops), tuple(that_stops), tuple(finite), tuple(clausal), tuple(as_commas), tuple(refusals),
                 tuple(as_saying), tuple(joined_cues), tuple(k for k in joined_cues if joined_report(p, k) is not None),
                 tuple(commas), tuple(mark_commas), tuple(semicolons), tuple(quote_marks), tuple(interviews))


def joined_report(p: Parse, k: int) -> int | None:
    """The "and" / "but" (cc) before joined cue ``k`` when ``k`` reports with a subject of its own
    and no subordinator, after ", and" or "and" ("..., and three-quarters said the same"), else None."""
    toks = p.tokens
    kids = p.kids(k)
    first = first_of(p, k)
    cc = first if toks[first].dep == "cc" else first - 1
    if cc < 1 or toks[cc].dep != "cc" or not (toks[cc - 1].text == "," or toks[cc].lower_text() == "and"):
        return None
    if not any(toks[j].dep == "nsubj" for j in kids) or any(toks[j].dep == "mark" for j in kids):
        return None
    return cc


def first_in(positions: Sequence[int], lo: int, hi: int) -> int | None:
    """The first of the sorted ``positions`` within ``lo..hi``, or None."""
    n = bisect_left(positions, lo)
    return positions[n] if n < len(positions) and positions[n] <= hi else None


def all_in(positions: Sequence[int], lo: int, hi: int) -> Sequence[int]:
    """The sorted ``positions`` within ``lo..hi``."""
    return positions[bisect_left(positions, lo):bisect_left(positions, hi + 1)]
