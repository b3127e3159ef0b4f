"""A cue's own circumstances: the time, channel, audience and place phrases that are not what was said."""

from __future__ import annotations

from ..intermediaries import channel_words
from ..lexicon import Lexicon
from ..syntax import case_of, subtree, tree
from ..types import Parse


def is_dated(p: Parse, k: int) -> bool:
    """Whether ``k`` heads a short time phrase ("on Friday", "earlier this week")."""
    toks = p.tokens
    return tree(p).size[k] <= 4 and any(toks[j].ent in {"DATE", "TIME"} for j in subtree(p, k))


def is_adjunct(lex: Lexicon, p: Parse, k: int) -> bool:
    """Time, channel and audience phrases around a cue are not what was said."""
    toks = p.tokens
    t = tree(p)
    dep = toks[k].dep
    first = toks[t.first[k]].lower_text()
    if dep in {"obl", "obl:npmod", "advmod"} and is_dated(p, k):
        return True
    told = dep == "obj" and toks[toks[k].head].lemma == "tell"
    if (dep in {"obl", "iobj"} or told) and first in {"in", "on", "a", "an", "the"} and channel_words(
        [toks[j].lower_text() for j in subtree(p, k)], lex
    ):
        return True  # "in a statement", "told a news conference"; but "denied the report" is what was denied
    return dep == "iobj" or (dep == "obl" and first == "to") or told


def is_circumstance(lex: Lexicon, p: Parse, v: int, k: int) -> bool:
    """ "called Trump a liar during a rally in Iowa", "denied the allegations on Monday":
    a phrase ``k`` of verb ``v``'s own time, place or occasion, or an adverb, after its
    object; but "blamed the crash on pilots" is what was blamed."""
    dep = p.tokens[k].dep
    if dep in {"advmod", "obl:npmod"}:
        return True
    if dep not in {"obl", "nmod", "advcl"}:
        return False
    case = case_of(p, k)
    if f"{p.tokens[v].lemma} {case}" in lex.governed_cases:
        return False
    return is_adjunct(lex, p, k) or case in lex.adjunct_cases
