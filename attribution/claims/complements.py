"""What a reporting verb says when it takes no clause: an object, a predicative complement, a to-infinitive.

Which verbs take which is data (cues.toml's ``[complements]``); this module reads the
parse: "denied the allegations" (the object names something said), "called climate change
a hoax" (object and complement), "vowed to repeal the law" (the infinitive).
"""

from __future__ import annotations

from ..lexicon import Lexicon
from ..speakers import CLAUSAL, could_speak, subject
from ..syntax import case_of, first_of, last_of, trim
from ..types import Parse, Token
from .content import circumstance_cut, right_edge
from .state import Story
from .verbs import NAMED_PRONOUNS, names_something, to_verb


def is_complement_cue(lex: Lexicon, tok: Token, p: Parse | None = None) -> bool:
    """Whether ``tok`` is a verb that may report speech through a complement ("defended
    the plan", "branded it a hoax") though it is no reporting verb of its own; with its
    parse, also a naming verb of a relative clause the parser hung as a modifier
    ("laws on what it calls sensible gun safety")."""
    if tok.pos != "VERB":
        return False
    if tok.dep not in CLAUSAL:
        return p is not None and tok.dep == "acl" and tok.lemma in lex.predicative_verbs and \
            _relative_object(p, tok.i) is not None
    return (tok.lemma in lex.object_verbs or tok.lemma in lex.proposition_verbs
            or tok.lemma in lex.predicative_verbs or tok.lemma in lex.infinitive_verbs or tok.lemma in lex.topic_verbs)


def complement_span(story: Story, p: Parse, v: int) -> tuple[int, int] | None:
    """The token range of what verb ``v`` says through its object, its predicative
    complement or its to-infinitive, or None when it says nothing that way."""
    lex = story.lex
    toks = p.tokens
    lemma = toks[v].lemma
    if lemma in lex.predicative_verbs:
        span = _predicative(story, p, v) or _named_by_relative(story, p, v)
        if span is not None:
            return span
    if lemma in lex.topic_verbs:
        # "talked about the economy", "spoke of a new era": what the talk was about
        topic = next((k for k in p.kids(v) if k > v and toks[k].dep in {"obl", "nmod"}
                      and f"{lemma} {case_of(p, k)}" in lex.topic_phrases), None)
        if topic is None:
            return None
        lo = first_of(p, topic)
        return trim(p, lo + 1 if toks[lo].dep == "case" else lo, last_of(p, topic))
    obj = _object(p, v)
    if lemma in lex.infinitive_verbs:
        # "vowed to repeal the law", "threatened to strike": the infinitive is the promise;
        # "encouraged voters to check the record": with the one encouraged, when someone
        # who can speak did ("low rates encouraged people to borrow" is no speech)
        inf = next((k for k in p.kids(v) if k > v and toks[k].dep == "xcomp" and to_verb(p, k)), None)
        subj = subject(p, v, lex)
        if inf is not None and (obj is None or obj < inf and subj is not None and could_speak(p, subj, lex)):
            lo = first_of(p, inf if obj is None else obj)
            return trim(p, lo, circumstance_cut(p, lo, last_of(p, inf)))
    if obj is None or toks[obj].pos == "PRON":
        return None  # "denied it": what "it" was is elsewhere
    if lemma in lex.object_verbs or lemma in lex.proposition_verbs and names_proposition(lex, p, obj):
        return None if _rebuts(lex, p, v, obj) else _object_range(story, p, v, obj)
    return None


def _rebuts(lex: Lexicon, p: Parse, v: int, obj: int) -> bool:
    """ "rejected the criticism", "disputed the account of the meeting": the object is
    someone else's words, and what the speaker holds instead is not in it."""
    tok = p.tokens[obj]
    words = lex.others_words
    return p.tokens[v].lemma in lex.rebuttal_verbs and (tok.lemma in words or tok.lower_text() in words)


def names_proposition(lex: Lexicon, p: Parse, obj: int) -> bool:
    """Whether the object headed by ``obj`` names something said or proposed
    ("the allegations", "his plan to cut taxes"); "the nominee" does not."""
    tok = p.tokens[obj]
    return tok.lemma in lex.proposition_nouns or tok.lower_text() in lex.proposition_nouns


def _predicative(story: Story, p: Parse, v: int) -> tuple[int, int] | None:
    """ "called climate change a hoax", "described the talks as productive", "referred to
    the protesters as thugs": the object with what the verb says it is."""
    toks = p.tokens
    kids = [k for k in p.kids(v) if k > v]
    obj = _object(p, v)
    if obj is None and toks[v].lemma == "refer":
        # "referred to the protesters as thugs": the object is the "to" phrase
        obj = next((k for k in kids if toks[k].dep in {"obl", "nmod"} and case_of(p, k) == "to"), None)
    if obj is None:
        return None
    if toks[v].lemma == "call":
        return _object_range(story, p, v, obj) if names_something(p, v) else None
    has_as = any(k > obj and toks[k].dep in {"obl", "nmod", "advcl", "xcomp"} and _as_phrase(p, k) for k in kids)
    if has_as or any(j > obj and _as_phrase(p, j) for j in p.kids(obj)):
        return _object_range(story, p, v, obj)
    return None


def _relative_object(p: Parse, v: int) -> int | None:
    """The "what" / "which" object before verb ``v`` ("what he calls", "which she described")."""
    toks = p.tokens
    named = (k for k in p.kids(v) if k < v and toks[k].dep == "obj" and toks[k].lower_text() in NAMED_PRONOUNS)
    return next(named, None)


def _named_by_relative(story: Story, p: Parse, v: int) -> tuple[int, int] | None:
    """ "ending what he calls corruption in politics", "won Florida, which she describes as
    her second home", "a path, which he declared “a total disaster”": the object is a
    relative pronoun, and what the subject names it is what was said."""
    toks = p.tokens
    if _relative_object(p, v) is None or not any(toks[k].dep == "nsubj" for k in p.kids(v)):
        return None
    named = next((k for k in p.kids(v) if k > v and (
        toks[k].dep in {"xcomp", "obj"} or toks[k].dep in {"obl", "nmod", "advcl"} and _as_phrase(p, k))), None)
    return None if named is None else _object_range(story, p, v, named)


def _object(p: Parse, v: int) -> int | None:
    return next((k for k in p.kids(v) if k > v and p.tokens[k].dep == "obj"), None)


def _as_phrase(p: Parse, k: int) -> bool:
    """ "as productive", "as a security review": the complement of "described X as"."""
    toks = p.tokens
    if toks[k].lower_text() == "as":
        return True
    return case_of(p, k) == "as" or any(toks[j].dep == "mark" and toks[j].lower_text() == "as" for j in p.kids(k))


def _object_range(story: Story, p: Parse, v: int, obj: int) -> tuple[int, int] | None:
    """From the object to the end of the verb's complements after it, without the verb's
    own circumstances ("during a rally in Iowa", "on Monday") and without a second claim."""
    lo = first_of(p, obj)
    if p.tokens[lo].dep == "case" and p.tokens[lo].head == obj:
        lo += 1  # "referred to the protesters as thugs": what follows "to"
    hi, _ = right_edge(story, p, v, lo, objects=True)
    return trim(p, lo, circumstance_cut(p, lo, hi))
