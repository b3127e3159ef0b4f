"""What a reporting verb reports: its content read from the parse, as a token range."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..lexicon import Lexicon
from ..speakers import could_speak, is_cue, is_cue_word, subject
from ..syntax import QUOTE_MARKS, comma_before, first_of, last_of, sentence_of, subtree, tree, trim
from ..types import Parse
from .adjuncts import is_adjunct, is_circumstance, is_dated
from .marks import Marks, all_in, first_in, joined_report
from .state import Story
from .verbs import absorbed

# Dependents of a cue that can hold (part of) what was said.
CONTENT_DEPS = {"ccomp", "xcomp", "obj", "obl", "advcl", "iobj", "dep", "nmod", "csubj"}
# Subordinators of a reporter's circumstance clause hung on the cue (", as profit fell").
# ("said the claim smacked of hypocrisy, because the council raised fees": a reason is said too)
_CIRCUMSTANCE = {"as", "after", "before", "when", "since", "while", "amid", "following"}
# Subordinators of the occasion of an act ("condemned the launch | as the leaders met");
# "urged both sides to show restraint while talks go on" asks for the "while" too, and
# "warned parents to stop using the formula after tests found a bacterium" gives the reason.
_OCCASION = {"as", "when", "until"}
# Subordinators of a reporter's contrast set after a claim (", while others disagreed").
_CONTRAST = {"while", "whereas"}
# Subordinators of a concession the writer adds after a claim (", although it may take years").
_CONCESSIVE = {"although", "though"}
# Dependents that modify a noun or a word rather than state something.
_MODIFIERS = {"acl", "acl:relcl", "amod", "compound", "advmod", "nmod"}


@dataclass(frozen=True, slots=True)
class Content:
    """What reading a cue found: the token range of its content, whether that is an object
    ("accused X of Y") rather than a clause, and the relay clauses passed over on the way
    ("..., his office quoted him in a statement"); ``lead`` is the part of the content set
    before a cue in its middle ("Civic Renewal" of "Civic Renewal, he noted, would need ...")."""

    span: tuple[int, int] | None
    is_object: bool = False
    relays: tuple[int, ...] = ()
    lead: tuple[int, int] | None = None
    addressee: tuple[int, int] | None = None  # "told BBC Radio Leeds the decision ...": whom it was told


# Adverbs the parser may put before the "that" of a reported clause ("said only that ...").
_ONLY = {"only", "merely", "simply", "just"}


def content_span(story: Story, p: Parse, v: int) -> Content:
    """The content of cue ``v``, without the reporter's context and the speaker's refusals."""
    raw = _content_span_raw(story, p, v)
    if raw.span is None:
        return raw
    lo, hi = raw.span
    toks = p.tokens
    lex = story.lex
    if lo > v:
        # "said on Monday its vaccine worked": the parser put the cue's time in the clause
        j = lo + 1 if toks[lo].pos == "ADP" else lo
        while j <= hi and toks[j].ent in {"DATE", "TIME"}:
            j += 1
        if j > lo and j <= hi and toks[j - 1].ent in {"DATE", "TIME"} and toks[j].dep != "case":
            lo = j
    if lo + 1 < hi and toks[lo].lower_text() in _ONLY and toks[lo + 1].lower_text() == "that":
        lo += 2  # "said only that he would review it": the clause after "that"
    if toks[lo].pos == "ADP":
        # "said in a statement that the president ...": the cue's own phrase is no content
        that = next((j for j in range(lo + 1, min(lo + 9, hi)) if toks[j].lower_text() == "that"
                     and toks[j].dep == "mark"), None)
        if that is not None and not any(toks[k].pos in {"VERB", "AUX"} for k in range(lo, that)):
            lo = that + 1
    if lo > v + 2 and toks[v + 1].lower_text() == "that" and not any(
        toks[k].pos in {"VERB", "AUX"} for k in range(v + 2, lo)
    ):
        lo = v + 2  # "argued that heavy loads and early start times played a role": "that" misread
    addressee = None
    if toks[v].lemma == "tell" and lo == v + 1:
        # "told BBC Radio Leeds the decision had been ...": the model may read the last word of
        # the addressee's name as the clause's verb; the name is whom it was told
        k = lo
        while k < hi and toks[k].text[:1].isupper() and toks[k].pos in {"PROPN", "VERB", "NOUN"}:
            k += 1
        if k > lo and k < hi and toks[k].pos in {"DET", "PRON", "PROPN", "NUM"} and toks[k - 1].pos == "VERB":
            addressee, lo = (lo, k - 1), k
    marks = story.marks_of(p)
    for j in all_in(marks.as_commas, lo + 1, hi - 1):
        # "said demand would recover later than expected, as its profit fell 38%": the
        # reporter's context after a comma is not part of the claim
        if last_of(p, toks[j + 1].head) >= hi - 1:
            hi = j - 1
            break
    for j in all_in(marks.mark_commas, lo + 1, hi - 1):
        # "Half of voters say they prefer an outsider, while about 4 in 10 want one with
        # experience": a contrast with a subject of its own after a comma is the reporter's
        after = toks[j + 1]
        if after.lower_text() in _CONTRAST and (
            after.head > j and last_of(p, after.head) >= hi - 1
            and any(toks[k].dep == "nsubj" for k in p.kids(after.head))
        ):
            hi = j - 1
            break
    for k in all_in(marks.joined_reports, lo + 1, hi):
        # "Six in 10 voters said the mayor is honest, and three-quarters said the same of the
        # governor", "said they were convinced the agency erred and Democrats accused the party
        # of ...": a report of its own, with its own subject, is not part of the first
        cc = joined_report(p, k)
        if cc is not None and cc - 1 > lo:
            hi = cc - 2 if toks[cc - 1].text == "," else cc - 1
            break
    hi = _writers_tail(lex, p, v, lo, hi, marks)
    for j in all_in(marks.semicolons, lo + 1, hi):
        # "said the timing was not intentional; they only learned of it on Friday": a
        # semicolon outside quotation marks ends what the cue reports
        if len(all_in(marks.quote_marks, lo, j)) % 2 == 0:
            hi = j - 1
            break
    j = next((j for j in all_in(marks.refusals, lo + 1, hi) if _speakers_refusal(lex, p, j)), None)
    if j is not None:
        # "confirmed that 212 complaints had been filed but declined to say how many": the
        # refusal is the speaker's, not part of what was confirmed
        cut = j - 1 if toks[j - 1].dep == "cc" else j
        return replace(raw, span=trim(p, lo, cut - 1), addressee=addressee)
    return replace(raw, span=trim(p, lo, hi), addressee=addressee)


def _speakers_refusal(lex: Lexicon, p: Parse, j: int) -> bool:
    """Whether refusal ``j`` is the speaker's: a refusal to say something ("declined to
    comment", "declined to elaborate"), or one the content's subject cannot make ("said the
    water tasted of metal and refused to drink it"); "police say the driver posed a threat
    and refused to leave the car" reports the driver's refusal."""
    toks = p.tokens
    act = next((k for k in p.kids(j) if toks[k].dep == "xcomp"), None)
    if act is None or is_cue_word(toks[act].lemma, lex) or not any(toks[k].dep == "obj" for k in p.kids(act)):
        return True
    subj = next((k for k in p.kids(toks[j].head) if toks[k].dep in {"nsubj", "nsubj:pass"}), None)
    return subj is None or not could_speak(p, subj, lex)


def _writers_tail(lex: Lexicon, p: Parse, v: int, lo: int, hi: int, marks: Marks) -> int:
    """The last token of content ``lo..hi`` once a clause the writer adds after a comma, hung
    inside the content by the parser, is cut off."""
    toks = p.tokens
    # a tail is near the end: the last few commas (a chain of nested claims stays linear)
    for j in all_in(marks.commas, lo + 1, hi - 1)[-_TAIL_COMMAS:]:
        aside = _aside(p, j + 1)
        if aside is not None and last_of(p, aside) >= hi and _ends_sentence(p, last_of(p, aside)):
            # "said he did not back the mayor, the party's nominee", "demanded the governor
            # pardon Ruiz, who has not been charged": the writer's description of the last noun
            return j - 1
        after = j + 1
        while after < hi and toks[after].dep == "advmod" and toks[after].pos == "ADV":
            after += 1
        head = toks[after].head if toks[after].dep in {"mark", "advmod"} else after
        if head < after or last_of(p, head) < hi or toks[head].dep != "advcl" or is_cue(toks[head], lex):
            continue
        # "The latest test, the agency said, was its biggest yet, although it may take years":
        # a concession closing the sentence is the writer's
        concessive = toks[after].dep == "mark" and toks[after].lower_text() in _CONCESSIVE
        # "..., implicitly putting his name on the ballot": a participle the writer adds with
        # an adverb of his own reading; without one (", allowing people to see ...") it may be said
        participle = head == after > j + 1 and toks[head].tag == "VBG" and not any(
            toks[m].dep in {"nsubj", "mark"} for m in p.kids(head)
        )
        if concessive or participle:
            return j - 1
    return hi


_TAIL_COMMAS = 8  # the commas before the content's end that may open the writer's tail


def _ends_sentence(p: Parse, k: int) -> bool:
    """Whether only punctuation follows ``k`` in its sentence."""
    _, s1 = sentence_of(p, k)
    return all(p.tokens[j].pos == "PUNCT" for j in range(k + 1, s1))


def _aside(p: Parse, k: int) -> int | None:
    """The head of the non-restrictive relative clause ("who has not been charged") or the
    apposition ("the party's nominee") that ``k`` opens on the noun before it, or None.
    ("..., which forced her to leave" is as often the speaker's as the writer's.)"""
    toks = p.tokens
    tok = toks[k]
    if tok.lower_text() == "who" and toks[tok.head].dep == "acl:relcl":
        return tok.head
    up = k
    while first_of(p, up) == k:
        if toks[up].dep == "appos":
            # but "called for tax fairness, the closure of loopholes and relief for families"
            # is a list the parser took for an apposition, and "three cases in infants, one
            # of them in hospital, but had not confirmed a link" a predicate it hung on one
            listed = any(toks[j].dep == "conj" for j in p.kids(up))
            verb = any(toks[j].dep == "conj" and toks[j].pos in {"VERB", "AUX"} for j in subtree(p, up))
            return None if listed or verb else up
        if toks[up].head == up:
            break
        up = toks[up].head
    return None


def _content_span_raw(story: Story, p: Parse, v: int) -> Content:
    lex = story.lex
    toks = p.tokens
    tok = toks[v]
    kids = [k for k in p.kids(v) if toks[k].dep in CONTENT_DEPS]
    relays = tuple(k for k in kids if toks[k].dep in {"ccomp", "csubj"} and is_relay_clause(lex, p, k))
    ccomps = [k for k in kids if toks[k].dep in {"ccomp", "csubj"} and k not in relays]
    left = [k for k in ccomps if k < v]
    right = [k for k in ccomps if k > v]
    if p.block in story.headlines and tok.lemma in {"say", "warn", "claim", "insist"} and v + 1 < len(toks):
        # "..., governor says easing nearly over", "Zambia says 11 miners killed, six still trapped":
        # a headline's claim is all that follows the cue, up to a ";" or an "as" joining another event
        end = next((j for j in range(v + 1, len(toks)) if toks[j].text in {";", "|"}
                    or toks[j].lower_text() == "as" and toks[j].dep == "mark"), len(toks))
        if end > v + 1:
            return Content(trim(p, v + 1, end - 1), relays=relays)
    if left and not right:
        # "Inflation would return to the target, the bank said." — the clause before the cue,
        # always set off by a comma (without one, "Voters interviewed ... said" is a subject)
        first, last = first_of(p, left[-1]), last_of(p, left[-1])
        if last < v and tree(p).commas[v] > tree(p).commas[last]:
            return Content(trim(p, first, last), relays=relays)
    if right:
        lo = first_of(p, right[0])
        hi, seen = right_edge(story, p, v, lo)
        return Content(trim(p, lo, hi), relays=relays + seen)
    if tok.lemma in lex.object_claim:
        comps = [k for k in kids if k > v and not is_adjunct(lex, p, k)]
        if comps and toks[comps[0]].dep in {"obl", "nmod"} and tok.lemma not in {"call", "warn"}:
            comps = []  # "asked about the report": a topic, not what was asked or said
        if comps:
            lo = first_of(p, comps[0])
            if toks[lo].pos == "ADP" and tok.lemma in {"call", "warn"}:
                lo += 1  # "called on Ottawa to act", "warned of strikes": what follows "on" / "of"
            hi, seen = right_edge(story, p, v, lo, objects=True)
            return Content(trim(p, lo, circumstance_cut(p, lo, hi)), is_object=True, relays=relays + seen)
    has_subject = any(toks[k].dep in {"nsubj", "csubj"} for k in p.kids(v))
    if tok.dep == "advcl" and _opened_by_as(p, v) and not any(toks[k].dep in {"ccomp", "xcomp"} for k in kids):
        if any(toks[k].dep == "obj" and not could_speak(p, k, lex)
               and f"{tok.lemma} {toks[k].lower_text()}" not in lex.idioms for k in p.kids(v)):
            return Content(None, relays=relays)  # "As the mayor said goodbye, protesters gathered": a time
        if tok.head > v and has_subject:
            # "As the mayor pointed out, the budget is tight": the clause the aside comments on
            after = last_of(p, v) + 1
            head_end = last_of(p, tok.head)
            return Content(trim(p, after, head_end) if after <= head_end else None, relays=relays)
    marks = story.marks_of(p)
    that = _that_clause(lex, marks, p, v)
    if that is not None:
        return Content(that, relays=relays)
    inserted = tok.dep == "parataxis" and tok.head > v and has_subject and comma_before(p, v)
    # "Civic Renewal, he noted, would need two partners": the subject the cue split off
    # before it is said too
    before_cue = _before_subtree(p, tok.head, v) if inserted else None
    lead = None if before_cue is None else trim(p, *before_cue)
    rest = _rest_clause(lex, marks, p, v)
    if rest is not None and lead is None and tok.dep == "parataxis" and tok.head < v and comma_before(p, v):
        # "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt": the cue splits one claim
        before_cue = _before_subtree(p, tok.head, v)
        lead = None if before_cue is None else trim(p, *before_cue)
    if rest is not None:
        return Content(rest, relays=relays, lead=lead)
    if inserted:
        # "Civic Renewal, he noted, would need two partners": what follows the cue
        after = last_of(p, v) + 1
        head_end = last_of(p, tok.head)
        if after <= head_end:
            return Content(trim(p, after, head_end), relays=relays, lead=lead)
    before = _fragment_before(lex, p, v)
    if before is not None:
        return Content(before, relays=relays)
    if tok.dep in {"parataxis", "ccomp", "advcl"} and tok.head < v and has_subject:
        # "It was a hawkish hold, analysts said" parsed with the cue hanging off the content
        head = tok.head
        if toks[head].dep == "root" and not is_cue(toks[head], lex) and comma_before(p, v):
            before_cue = _before_subtree(p, head, v)
            if before_cue is not None:
                return Content(trim(p, *before_cue), relays=relays)
    return Content(None, relays=relays)


def _opened_by_as(p: Parse, v: int) -> bool:
    return any(p.tokens[k].dep == "mark" and p.tokens[k].lower_text() == "as" for k in p.kids(v))


def _before_subtree(p: Parse, head: int, v: int) -> tuple[int, int] | None:
    """The first and last token of ``head``'s subtree before ``v`` and outside ``v``'s subtree."""
    t = tree(p)
    if all(t.last[k] - t.first[k] + 1 == t.size[k] for k in (head, v)):
        # both subtrees are unbroken ranges, the one of v inside the one of head
        return (t.first[head], t.first[v] - 1) if t.first[head] < t.first[v] else None
    sub = [j for j in subtree(p, head) if j < v and not t.contains(v, j)]
    return (sub[0], sub[-1]) if sub else None


def _fragment_before(lex: Lexicon, p: Parse, v: int) -> tuple[int, int] | None:
    """ "Okoye out for season with torn Achilles, team says": a verbless headline claim."""
    toks = p.tokens
    s0, s1 = sentence_of(p, v)
    subj = subject(p, v, lex)
    if subj is None or toks[v].lemma in lex.object_claim:
        return None
    start = first_of(p, subj)
    if start - 1 <= s0 or toks[start - 1].text != ",":
        return None
    if any(toks[j].lower_text() not in {",", "."} and j > v for j in range(v + 1, s1)):
        return None  # something follows the cue: not a closing "X says"
    return trim(p, s0, start - 2)


def _that_clause(lex: Lexicon, marks: Marks, p: Parse, v: int) -> tuple[int, int] | None:
    """ "said in a separate statement that ..." when the parser hung the clause elsewhere."""
    toks = p.tokens
    t = tree(p)
    _, s1 = sentence_of(p, v)
    citing: list[int] = []
    for i in range(v + 1, min(v + 16, s1)):
        tok = toks[i]
        if tok.lower_text() in lex.citing:
            citing.append(i)  # "reported, citing people familiar with the matter, that"
        if any(t.contains(c, i) for c in citing):
            continue
        if tok.lower_text() == "that":
            # "posted on Facebook that tap water remained safe": the model may tag "that" a determiner
            determiner = (i == v + 1 or toks[i - 1].pos in {"PROPN", "NOUN"}) and (
                first_in(marks.clausal, i + 1, s1 - 1) is not None
            )
            if tok.pos == "SCONJ" or tok.dep == "mark" or determiner:
                stop = first_in(marks.that_stops, i + 1, s1 - 2)  # ", saying ...", ", citing ..."
                return trim(p, i + 1, s1 - 1 if stop is None else stop - 1)
        clausal = tok.pos in {"VERB", "AUX"} and tok.dep not in {"amod", "acl", "compound", "aux", "aux:pass"}
        if clausal or tok.text in {".", ";", "“", '"'}:
            return None
    return None


def _rest_clause(lex: Lexicon, marks: Marks, p: Parse, v: int) -> tuple[int, int] | None:
    """ "said most of the complaints concerned ...": a clause the parser did not attach as one.

    Only for verbs that report a clause (say, tell, add ...): what follows the cue and
    its time, channel and audience phrases, when it holds a finite verb.
    """
    toks = p.tokens
    if toks[v].lemma in lex.object_claim or toks[v].lemma in lex.needs_clause:
        return None
    t = tree(p)
    _, s1 = sentence_of(p, v)
    adjuncts = [k for k in p.kids(v) if k > v and is_adjunct(lex, p, k)]
    lo = v + 1
    while lo < s1 and (any(t.contains(k, lo) for k in adjuncts)
                       or toks[lo].pos == "PUNCT" and toks[lo].text not in QUOTE_MARKS):
        lo += 1
    if lo < s1 and toks[lo].pos == "ADP":
        lo = _past_circumstance(lex, p, lo, s1)
        if lo is None:
            return None  # "complained about cracks in the roof": a topic, not a clause
    hi = s1 - 1
    stop = first_in(marks.stops, lo, s1 - 1)  # ";", ":" or ", saying ..."
    if stop is not None and (toks[stop].text != "," or stop + 1 < s1):
        hi = stop - 1
    finite = first_in(marks.finite, lo, hi) is not None
    return trim(p, lo, hi) if finite and lo <= hi else None


def _past_circumstance(lex: Lexicon, p: Parse, at: int, s1: int) -> int | None:
    """ "Trump said after the convention he would not accept it": the first word of the
    clause after a time or place phrase the parser hung on the clause's own verb, or None
    when what follows the preposition is no clause with a subject of its own."""
    toks = p.tokens
    if toks[at].lower_text() not in lex.adjunct_cases or toks[at].dep != "case":
        return None
    phrase = toks[at].head
    end = last_of(p, phrase)
    start = end + 1 + (end + 1 < s1 and toks[end + 1].text == ",")
    if start >= s1 or toks[phrase].head == phrase:
        return None
    clause = toks[phrase].head
    subject = next((k for k in p.kids(clause) if toks[k].dep in {"nsubj", "nsubj:pass"}), None)
    if clause <= end or subject is None or first_of(p, subject) != start:
        return None
    return start


def has_clause(p: Parse, lo: int, hi: int) -> bool:
    """Whether ``lo..hi`` holds a verb that is not a modifier nor inside one ("what it
    projected" of "more than twice what it projected" is)."""
    toks = p.tokens
    for j in range(lo, hi + 1):
        if toks[j].pos not in {"VERB", "AUX"}:
            continue
        up = j
        while lo <= up <= hi and not _modifies(p, up) and toks[up].head != up:
            up = toks[up].head
        if not lo <= up <= hi or not _modifies(p, up):
            return True
    return False


def _modifies(p: Parse, k: int) -> bool:
    """Whether ``k`` heads a modifier, a free relative ("what it projected") among them."""
    tok = p.tokens[k]
    free = tok.dep != "root" and any(j < k and p.tokens[j].tag == "WP" for j in p.kids(k))
    return tok.dep in _MODIFIERS or free


def _comma_before_subtree(p: Parse, k: int) -> bool:
    first = first_of(p, k)
    return first > 0 and p.tokens[first - 1].text == ","


def right_edge(story: Story, p: Parse, v: int, lo: int, objects: bool = False) -> tuple[int, tuple[int, ...]]:
    """Last token of the cue's complements that start at or after ``lo``, and the relay
    clauses passed over. After an object (``objects``), the cue's own circumstances
    end it: "called Trump a liar | during a rally in Iowa"."""
    lex = story.lex
    toks = p.tokens
    hi = lo
    relays: list[int] = []
    after_phrase = False  # the last complement taken is a prepositional phrase ("for the unrest")
    for k in p.kids(v):
        if k < lo or toks[k].pos == "PUNCT" or toks[k].dep == "cc":
            continue
        if objects and k > hi and is_circumstance(lex, p, v, k) and not (after_phrase and is_dated(p, k)):
            continue  # but "blamed X for the unrest earlier this week": the time may be the unrest's
        if (toks[k].dep == "conj" and toks[k].pos in {"VERB", "AUX"} and not absorbed(lex, p, k)
                and (objects or not _carries_on(lex, p, k))):
            continue  # "accused X of Y and urged Z": a second claim, read from its own cue
        if toks[k].dep == "advcl" and is_cue(toks[k], lex) and not any(
            toks[m].lower_text() == "as" for m in p.kids(k)
        ):
            continue
        if toks[k].dep == "advcl" and toks[k - 1].text != "," and _comma_before_subtree(p, k) and any(
            toks[m].dep == "mark" and toks[m].lower_text() in _CIRCUMSTANCE for m in p.kids(k)
        ):
            continue  # "said that demand would recover later, as its profit fell 38%": context
        if is_cue(toks[k], lex) and toks[k].tag == "VBG" and comma_before(p, k):
            break  # ", saying ...", ", adding that ...": a claim of its own
        if is_relay_clause(lex, p, k):
            relays.append(k)
            continue
        if toks[k].dep == "obl" and is_adjunct(lex, p, k) and k > hi + 2:
            continue
        hi = max(hi, last_of(p, k))
        after_phrase = toks[k].dep in {"obl", "nmod"}
    return hi, tuple(relays)


def circumstance_cut(p: Parse, lo: int, hi: int) -> int:
    """The end of object claim ``lo..hi`` before a circumstance closing it that the parser
    hung inside the object ("warned officials to boost security | after hackers targeted
    two states", "criticized the law as a crazy system | during a stop in Flint")."""
    toks = p.tokens
    for j in range(lo + 1, hi + 1):
        word = toks[j].lower_text()
        head = toks[j].head
        if head < j or last_of(p, head) < hi:
            continue
        host = toks[toks[head].head]
        # but "accused her of being asleep when the calls came in", "asked them to fact-check
        # him during the debate": the circumstance of the act the object names
        if toks[j].dep == "mark" and word in _OCCASION and toks[head].dep == "advcl" and (
            host.tag != "VBG" and host.pos != "ADJ"
        ):
            return j - 1
        if toks[j].dep == "case" and word in {"during", "amid"} and host.pos not in {"VERB", "AUX"}:
            return j - 1
    return hi


def _carries_on(lex: Lexicon, p: Parse, k: int) -> bool:
    """ "said they had misgivings about her, but could not bear to insult him": a predicate
    the parser joined to the cue that goes on with what was said; no reporting verb, no
    subject of its own."""
    tok = p.tokens[k]
    if tok.pos not in {"VERB", "AUX"} or is_cue_word(tok.lemma, lex) or tok.lemma in lex.refusals:
        return False
    deps = {p.tokens[j].dep for j in p.kids(k)}
    if deps & {"nsubj", "nsubj:pass", "expl"} or not deps & {"aux", "ccomp", "xcomp"}:
        return False  # "said the song was a joke and laughed": an act of the speaker's
    return not any(tok.lemma in words for words in (
        lex.object_verbs, lex.proposition_verbs, lex.predicative_verbs, lex.infinitive_verbs, lex.topic_verbs))


def is_relay_clause(lex: Lexicon, p: Parse, k: int) -> bool:
    """ "..., his office quoted him in a statement": a relay verb with an object and no words of its own."""
    toks = p.tokens
    if toks[k].lemma not in lex.relay:
        return False
    has_words = any(toks[j].dep in {"ccomp", "advcl", "xcomp"} for j in p.kids(k))
    has_object = any(toks[j].dep == "obj" and could_speak(p, j, lex) for j in p.kids(k))
    return has_object and not has_words
