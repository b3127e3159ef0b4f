"""Nominal cues: "the senator's claim that S", "his acknowledgment that S", "made the allegation that S"."""

from __future__ import annotations

from ..speakers import is_cue
from ..syntax import case_of, first_of, last_of, span_of, trim
from ..types import ClaimKind, Parse
from .state import Draft, Story


def is_nominal_cue(story: Story, p: Parse, n: int) -> bool:
    """Whether noun ``n`` names something said ("claim", "warning") and holds a that-clause."""
    tok = p.tokens[n]
    return tok.pos == "NOUN" and tok.lemma in story.lex.claim_nouns and _that_clause(p, n) is not None


def nominal_frame(story: Story, p: Parse, n: int) -> Draft | None:
    """The claim of noun cue ``n``: its that-clause, said by its possessor ("Smith's
    claim"), by its "by" phrase ("a warning by the agency") or by whoever made it
    ("the mayor made the promise that ...")."""
    clause = _that_clause(p, n)
    if clause is None or story.in_full_quote(p.tokens[n].start):
        return None
    head = p.tokens[p.tokens[n].head]
    if is_cue(head, story.lex):
        return None  # "repeated the allegation that S", "said in a statement that S": the verb's
    mark, head = clause
    span = trim(p, mark + 1, last_of(p, head))
    if span is None:
        return None
    lo, hi = span
    toks = p.tokens
    speaker = story.mention(p, _maker(story, p, n))
    start, end = toks[lo].start, toks[hi].end
    conf = 0.75 if speaker is not None and not speaker.is_pronoun else 0.65 if speaker else 0.4
    return Draft(story.kind(ClaimKind.INDIRECT, start, end), start, end, span_of(story.text, p, n, n),
                 toks[n].lemma, speaker, (), None, None, toks[n].sent, conf, p.block)


def _that_clause(p: Parse, n: int) -> tuple[int, int] | None:
    """The "that" and the head of the clause it opens under noun ``n``, or None. "The
    claim that he made" is a relative clause: its "that" is no mark."""
    toks = p.tokens
    for k in p.kids(n):
        if k > n and toks[k].dep in {"acl", "ccomp"} and (mark := _opening_that(p, k)) is not None:
            return mark, k
    head = toks[n].head
    if toks[n].dep == "nsubj" and toks[head].lemma == "be" and _maker_kid(p, n) is not None:
        # "the senator's argument is that taxes must rise": the clause is the copula's
        for k in p.kids(head):
            if k > head and toks[k].dep == "ccomp" and (mark := _opening_that(p, k)) is not None:
                return mark, k
    return None


def _opening_that(p: Parse, k: int) -> int | None:
    """The "that" that opens clause ``k``, or None."""
    toks = p.tokens
    mark = next((j for j in p.kids(k) if toks[j].dep == "mark" and toks[j].lower_text() == "that"), None)
    return mark if mark is not None and mark == first_of(p, k) else None


def _maker_kid(p: Parse, n: int) -> int | None:
    """Noun ``n``'s possessor ("the senator's claim") or "by"/"from" phrase ("a warning
    by the agency", "warnings from his attorney that the deal was illegal"), or None."""
    toks = p.tokens
    for k in p.kids(n):
        if toks[k].dep == "nmod:poss":
            return k
        if toks[k].dep in {"nmod", "obl"} and k > n and case_of(p, k) in {"by", "from"}:
            return k
    return None


def _maker(story: Story, p: Parse, n: int) -> int | None:
    toks = p.tokens
    kid = _maker_kid(p, n)
    if kid is not None:
        return kid
    head = toks[n].head
    if toks[n].dep == "obj" and toks[head].lemma in story.lex.claim_making_verbs:
        # "the mayor made the promise that taxes would fall"
        return next((k for k in p.kids(head) if toks[k].dep == "nsubj"), None)
    return None
