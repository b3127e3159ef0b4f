"""Where in a parse the content rules' stop words stand, found once per parse."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..speakers import is_cue, is_cue_word
from ..syntax import QUOTE_MARKS
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
    mark_commas: tuple[int, ...]  # a comma before a subordinator (", while others disagreed")
    semicolons: tuple[int, ...]
    quote_marks: tuple[int, ...]
    interviews: tuple[int, ...]  # the lemma "interview"


def marks_of(p: Parse, lex: Lexicon) -> Marks:
    """The ``Marks`` of parse ``p``."""
    toks = p.tokens
    stops, that_stops, finite, clausal, as_commas, refusals, as_saying = [], [], [], [], [], [], []
    joined_cues, mark_commas, semicolons, quote_marks, interviews = [], [], [], [], []
    for j, tok in enumerate(toks):
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        participle = nxt is not None and tok.text == "," and is_cue(nxt, lex) and nxt.tag == "VBG"
        if tok.text in {";", ":"} or participle:
            stops.append(j)
        if participle or nxt is not None and tok.text == "," and nxt.lower_text() in lex.citing:
            that_stops.append(j)
        if tok.pos in {"VERB", "AUX"} and tok.tag != "VBG" and tok.dep not in {"conj", "xcomp", "case", "fixed"}:
            finite.append(j)
        if tok.pos in {"VERB", "AUX"} and tok.dep not in {"amod", "compound"}:
            clausal.append(j)
        if nxt is not None and tok.text == "," and nxt.dep == "mark" and nxt.lower_text() == "as":
            as_commas.append(j)
        if tok.lemma in lex.refusals and tok.dep == "conj" and not any(
            toks[k].dep in {"nsubj", "nsubj:pass"} for k in p.kids(j)
        ):
            refusals.append(j)
        if j > 0 and tok.tag == "VBG" and is_cue_word(tok.lemma, lex) and toks[j - 1].lower_text() == "as":
            as_saying.append(j)
        if tok.dep in {"conj", "ccomp"} and is_cue(tok, lex):
            joined_cues.append(j)
        if nxt is not None and tok.text == "," and nxt.dep == "mark":
            mark_commas.append(j)
        if tok.text == ";":
            semicolons.append(j)
        if tok.text in QUOTE_MARKS:
            quote_marks.append(j)
        if tok.lemma == "interview":
            interviews.append(j)
    return Marks(tuple(stops), tuple(that_stops), tuple(finite), tuple(clausal), tuple(as_commas), tuple(refusals),
                 tuple(as_saying), tuple(joined_cues), tuple(mark_commas), tuple(semicolons), tuple(quote_marks),
                 tuple(interviews))


def first_in(positions: Sequence[int], lo: int, hi: int) -> int | None:
    """The first of the sorted ``positions`` within ``lo..hi``, or None."""
    n = bisect_left(positions, lo)
    return positions[n] if n < len(positions) and positions[n] <= hi else None


def all_in(positions: Sequence[int], lo: int, hi: int) -> Sequence[int]:
    """The sorted ``positions`` within ``lo..hi``."""
    return positions[bisect_left(positions, lo):bisect_left(positions, hi + 1)]
