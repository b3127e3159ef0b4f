"""Whether a reporting verb reports speech where it stands, and verbs the small model misread."""

from __future__ import annotations

from ..lexicon import Lexicon
from ..phrases import holds_phrase
from ..speakers import is_cue, is_cue_word
from ..syntax import QUOTE_MARKS, comma_before, first_of, last_of, sentence_of, span_of, subtree, tree
from ..types import Parse, Token
from .adjuncts import is_adjunct
from .state import Story

# The pronouns that stand for what a naming verb names: "what he calls corruption",
# "Florida, which she describes as her second home".
NAMED_PRONOUNS = frozenset({"what", "which", "whom"})


def reports(story: Story, p: Parse, v: int) -> bool:
    """Whether cue ``v`` reports speech here (not "declined to comment", "did not say")."""
    lex = story.lex
    toks = p.tokens
    tok = toks[v]
    below, seen = v, 0
    while toks[below].head != below and seen < 8:
        up, seen = toks[below].head, seen + 1
        if toks[up].lemma in lex.refusals and toks[below].dep == "xcomp":
            return False  # "declined to comment", "declined to say whether they would ask ..."
        below = up
    if tok.tag == "VB" and tok.dep == "root" and not any(
        toks[k].dep in {"nsubj", "nsubj:pass", "aux", "aux:pass", "mark"} for k in p.kids(v)
    ):
        return False  # "Please ask yourself that question": the writer's imperative to the reader
    nxt = toks[v + 1].lower_text() if v + 1 < len(toks) else ""
    if tok.lemma == "add" and nxt == "to":
        return False  # "adding to evidence that ...", "added to the pressure": adds, says nothing
    if tok.lemma in lex.that_only and nxt not in {",", "."} and not any(
        toks[k].dep == "ccomp" and k > v and any(toks[m].lower_text() == "that" and toks[m].dep == "mark"
                                                 for m in p.kids(k)) for k in p.kids(v)):
        return False  # "found the door locked" is no report; "found that the door was locked" is
    if tok.lemma in lex.that_only and any(
        toks[k].dep == "nsubj" and (toks[k].lemma in lex.document_nouns or toks[k].lower_text() in lex.document_nouns)
        for k in p.kids(v)
    ):
        return False  # "an internal review found that ...": a document's finding (documents.py)
    if tok.lemma == "call" and nxt not in {"on", "for", "upon"} and not names_something(p, v):
        return False  # "call the hotline" is not "called on Ottawa to act" or "called the plan a hoax"
    # "was criticized for saying that S", "responded by saying that S" report S, but not inside
    # another claim ("called on Dean to apologize for suggesting S")
    reasons = {"as", "by", "for"} if toks[tok.head].dep == "root" else {"as"}
    if tok.tag == "VBG" and any(
        toks[k].dep == "mark" and toks[k].lower_text() not in reasons for k in p.kids(v)
    ):
        return False  # "before dismissing them", "after saying": circumstance, not a report
    if tok.dep == "acl:relcl" and holds_phrase(story.anonymity, span_of(story.text, p, v, last_of(p, v)),
                                               lex.anonymous_phrases):
        return False  # "a city employee who asked not to be identified": a condition, not a claim
    s0, _ = sentence_of(p, v)
    if v == s0 and tok.dep == "advcl" and tok.tag in {"VBN", "VBD"}:
        return False  # "Asked about the report, Bērziņš told reporters ...": the question, not a claim
    if tok.tag == "VBN" and tok.dep in {"advcl", "acl"} and not is_misread_cue(lex, p, tok) and not any(
        toks[k].dep in {"aux", "aux:pass", "nsubj", "nsubj:pass"} for k in p.kids(v)
    ):
        return False  # "Asked about the report, Aalto told reporters ...": the question, not a claim
    # the negation is the reporter's, not the quote's: "“Probably not,” Ms. Moore said" reports
    return not any(
        toks[k].dep == "advmod" and toks[k].lower_text() in {"not", "n't", "never"}
        and story.in_full_quote(toks[k].start) is None for k in p.kids(v)
    )


def is_misread_cue(lex: Lexicon, p: Parse, tok: Token) -> bool:
    """A main reporting verb the small model mislabelled: tagged as a noun ("lawsuits ...
    accuse Verano of failing"), or hung as a modifier on the subject's relative clause
    ("Her sister, Danielle Rowe, who works as her stylist, posted on Instagram that ...")."""
    if not is_cue_word(tok.lemma, lex):
        return False
    deps = {p.tokens[k].dep for k in p.kids(tok.i)}
    if tok.pos == "NOUN" and tok.dep == "root":
        return "nsubj" in deps and bool(deps & {"obj", "ccomp"})
    if tok.pos != "VERB" or tok.dep != "acl" or tok.tag not in {"VBD", "VBN"}:
        return False
    root = tree(p).root[tok.i]
    verbless = p.tokens[root].pos in {"NOUN", "PROPN"}  # the sentence has no main verb but this one
    return verbless and ("ccomp" in deps or tok.tag == "VBD" or comma_before(p, tok.i))


def is_idiom_cue(lex: Lexicon, p: Parse, tok: Token) -> bool:
    """ "As the mayor put it in a statement, the budget is tight": an aside whose verb
    reports speech with its pronoun object; "as he put it on the table", "put it away" say
    nothing."""
    toks = p.tokens
    kids = p.kids(tok.i)
    if tok.pos != "VERB" or not any(
        toks[k].dep == "obj" and f"{tok.lemma} {toks[k].lower_text()}" in lex.idioms for k in kids
    ):
        return False
    placed = any(toks[k].dep == "compound:prt" or toks[k].dep == "obl" and not is_adjunct(lex, p, k) for k in kids)
    return not placed and any(toks[k].dep == "mark" and toks[k].lower_text() == "as" for k in kids)


def absorbed(lex: Lexicon, p: Parse, k: int) -> bool:
    """ "said she was heartbroken and still believed the truth would come out": a verb of
    thought joined to a reporting verb is part of what was said."""
    tok = p.tokens[k]
    return tok.dep == "conj" and tok.lemma in lex.cognitive and is_cue(p.tokens[tok.head], lex)


def names_something(p: Parse, v: int) -> bool:
    """ "called climate change a hoax", "called the plan “reckless”", "called him a liar":
    verb ``v`` names its object something. "called the hotline" names nothing."""
    toks = p.tokens
    after = [k for k in p.kids(v) if k > v and toks[k].dep in {"obj", "xcomp"}]
    if after and any(k < v and toks[k].dep == "obj" and toks[k].lower_text() in NAMED_PRONOUNS for k in p.kids(v)):
        return True  # "what he calls corruption", "which locals call the Crossroads": the pronoun is named
    named = [k for k in p.kids(v) if k > v and toks[k].dep == "xcomp" and not to_verb(p, k)]
    if len(named) > 1 and toks[named[0]].pos in {"PROPN", "PRON"}:
        return True  # "called Trump a “pathological liar”", both read as complements by the small model
    obj = next((k for k in p.kids(v) if k > v and toks[k].dep == "obj"), None)
    if obj is None:
        return False
    if any(toks[j].dep == "appos" and toks[first_of(p, j)].lower_text() in {"a", "an"}
           and toks[first_of(p, j) - 1].text != ","  # "the mayor, a local dentist" only describes
           for k in p.kids(v) if k > v and toks[k].dep == "conj" and toks[k].pos in {"NOUN", "PROPN"}
           for j in subtree(p, k)):
        return True  # "called the citation and the demand a political ploy": the name hung on the last object
    if any(k > obj and toks[k].dep == "xcomp" and not to_verb(p, k) for k in p.kids(v)):
        return True  # "called the plan reckless"; but "called Machado to express sympathy" is a call
    sub = subtree(p, obj)
    if any(toks[j].text in QUOTE_MARKS for j in sub):
        return True
    # the small model makes "Trump" of "called Trump a liar" part of the object "a liar"
    return any(toks[j].dep == "det" and j > sub[0] for j in sub)


def to_verb(p: Parse, k: int) -> bool:
    """Whether ``k`` is a verb with its infinitive "to" ("to express sympathy")."""
    toks = p.tokens
    return toks[k].pos in {"VERB", "AUX"} and any(toks[j].lower_text() == "to" and j < k for j in p.kids(k))
