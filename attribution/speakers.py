"""Speakers: who a reporting verb's subject is, inherited through conjunctions and participles."""

from __future__ import annotations

from .lexicon import Lexicon
from .syntax import QUOTE_MARKS, comma_before, first_of, last_of, mention, mention_of_range, sentence_of, tokens_after
from .types import Mention, Parse, Token

# A cue heads a clause; "a written statement" or "a statement saying" do not report speech.
CLAUSAL = frozenset({"root", "conj", "ccomp", "advcl", "parataxis", "xcomp", "dep", "csubj", "acl:relcl"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})


def is_cue(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` is a reporting verb heading a clause."""
    return tok.pos == "VERB" and tok.dep in CLAUSAL and is_cue_word(tok.lemma, lex)


def is_cue_word(lemma: str, lex: Lexicon) -> bool:
    """Whether ``lemma`` is a reporting verb (``lex.cues`` without building the union each time)."""
    return lemma in lex.neutral or lemma in lex.loaded or lemma in lex.relay


def could_speak(p: Parse, k: int, lex: Lexicon) -> bool:
    """Whether the noun phrase headed by ``k`` names someone who can say something (a
    person, a group, an organisation, an outlet), not a thing: "cited a senior official"
    relays the official; "cited a 2001 memo" names what was cited."""
    tok = p.tokens[k]
    if tok.pos == "PRON":
        return tok.lower_text() not in {"it", "this", "that", "these", "those", "what", "which"}
    if tok.pos == "PROPN" or tok.ent in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    word = tok.lower_text()
    return any(word in words or tok.lemma in words for words in (
        lex.person, lex.groups, lex.organization, lex.government, lex.media, lex.anonymous_heads,
        lex.businesses, lex.collectives,
    ))


def is_channel_participle(lex: Lexicon, p: Parse, i: int) -> bool:
    """ "issued a statement saying the manager had left": a reporting participle describing
    a statement, letter or post is the cue of what it says."""
    tok = p.tokens[i]
    head = p.tokens[tok.head]
    return (tok.dep == "acl" and tok.tag == "VBG" and tok.lemma in lex.neutral and tok.head != i
            and head.lower_text() in lex.channels)


def subject(p: Parse, v: int, lex: Lexicon, depth: int = 0) -> int | None:
    """The subject of cue ``v``, inherited through conjunctions and participles.

    "Lumora denied that it had ignored warnings, saying ...": the participle's
    speaker is the subject of the nearest reporting verb above it, not of "ignored".
    """
    toks = p.tokens
    # "Speaking to reporters in Leeds, the secretary, Nadia Okoro, said": a fronted participle
    # the model made a clausal subject is none
    subjects = [kid for kid in p.kids(v) if toks[kid].dep == "nsubj" or toks[kid].dep == "csubj" and not (
        toks[kid].tag == "VBG" and _comma_after(p, kid))]
    if len(subjects) > 1:
        # "the suspect, who police said was armed": the relative pronoun is the subject of
        # "was armed", which the small model hung on the cue beside the cue's own subject;
        # "Q: Your predecessor, Gordon Pike, says ...": nor is a turn's label
        own = [kid for kid in subjects if toks[kid].lower_text() not in _RELATIVE
               and not (kid + 1 < len(toks) and toks[kid + 1].text == ":")]
        subjects = own or subjects
    for kid in subjects:
        if toks[v].dep == "acl:relcl" and toks[kid].lower_text() in _RELATIVE:
            return toks[v].head  # "protesters, who said the vote was rigged": the protesters
        return kid
    # "Dashly had asked the court to ...": a capitalised name ending in -ly opening the
    # sentence, which the small model reads as an adverb
    lead = next((k for k in p.kids(v) if k < v and toks[k].dep == "advmod" and toks[k].text[:1].isupper()
                 and toks[k].text.lower().endswith("ly") and k == sentence_of(p, v)[0]
                 and toks[k + 1].pos in {"AUX", "VERB"}), None)
    if lead is not None:
        return lead
    # "The judge did, however, dismiss ...": the small model may hang the subject on the auxiliary
    for aux in p.kids(v):
        if toks[aux].dep == "aux" and aux < v:
            held = next((k for k in p.kids(aux) if toks[k].dep == "nsubj"), None)
            if held is not None:
                return held
    if depth > 3:
        return None
    tok = toks[v]
    if is_channel_participle(lex, p, v):
        # "The club issued a statement saying ...": who issued it
        noun = tok.head
        verb = toks[noun].head
        return subject(p, verb, lex, depth + 1) if toks[noun].dep in {"obj", "iobj"} and verb != noun else None
    if tok.dep == "acl" and tok.tag in {"VBD", "VBN"}:
        # "Her sister, Danielle Rowe, who works as her stylist, posted ...": the verbless root is the subject
        root = v
        while toks[root].head != root:
            root = toks[root].head
        return root if toks[root].pos in {"NOUN", "PROPN"} and root < v else None
    # "saying ...", "urging ..."; also "accused X of Y and urged Z", which the small model
    # may hang on "accused" as a subjectless adverbial clause
    participle = tok.dep in {"advcl", "xcomp"} and (tok.tag in {"VBG", "VB", "VBN"} or tok.dep == "advcl")
    if participle and tok.head != v and any(toks[k].dep == "mark" and toks[k].lower_text() == "for" for k in p.kids(v)):
        # "He was criticized for saying that ...": the one criticized said it
        passive = next((k for k in p.kids(tok.head) if toks[k].dep == "nsubj:pass"), None)
        if passive is not None:
            return passive
    if tok.head != v and (tok.dep == "conj" or participle):
        up = tok.head
        while up != toks[up].head and not is_cue(toks[up], lex):
            up = toks[up].head
        after_and = tok.dep == "conj" and v >= 2 and toks[v - 1].dep == "cc" and toks[v - 2].text == ","
        if after_and or participle and tok.tag == "VBG" and v >= 1 and toks[v - 1].text == ",":
            # "Mumba said miners had complained about cracks, and accused management of ...",
            # "Perdue said he didn't believe it, arguing that ...": after ", and" or a comma the
            # second verb joins the outermost report, not a verb inside its content
            top = up
            while top != toks[top].head:
                top = toks[top].head
                if is_cue(toks[top], lex):
                    up = top
        thought = toks[up].lemma in lex.cognitive and tok.lemma not in lex.cognitive and tok.dep == "conj"
        if thought and toks[up].dep == "ccomp" and is_cue(toks[toks[up].head], lex):
            # "an official said the White House believed it had the votes but conceded that ...":
            # the one who reports the belief concedes, not the one believed to hold it
            up = toks[up].head
        if is_cue(toks[up], lex) and up != v:
            return subject(p, up, lex, depth + 1)
        return subject(p, tok.head, lex, depth + 1)
    for kid in p.kids(v):
        # headline "Chile's central bank holds rates, says inflation ...": the clause before
        if kid < v and toks[kid].dep in {"ccomp", "conj"} and comma_before(p, v):
            subj = next((k for k in p.kids(kid) if toks[k].dep == "nsubj"), None)
            if subj is not None:
                return subj
        # "Voters interviewed outside the polling place said ...": a participle read as a clause
        adjacent = last_of(p, kid) == v - 1
        if kid < v and toks[kid].dep == "ccomp" and toks[kid].tag in {"VBN", "VBD"} and adjacent:
            subj = next((k for k in p.kids(kid) if toks[k].dep == "nsubj" and k < kid), None)
            if subj is not None:
                return subj
    return _apposed_before(p, v)


def _comma_after(p: Parse, k: int) -> bool:
    toks = p.tokens
    end = last_of(p, k)
    return toks[end].text == "," or end + 1 < len(toks) and toks[end + 1].text == ","


def _apposed_before(p: Parse, v: int) -> int | None:
    """ "Speaking to reporters in Westminster, the transport secretary, Priya Raman, said ...":
    the small model hangs the subject, set off by commas, as an apposition on the fronted
    clause's last noun; the first noun of that chain is the subject."""
    toks = p.tokens
    if v < 2 or toks[v - 1].text != "," or toks[v].dep != "root":
        return None
    k = v - 2
    while toks[k].dep == "appos" and toks[toks[k].head].dep == "appos" and toks[k].head < k:
        k = toks[k].head
    if toks[k].dep != "appos" or toks[k].pos not in {"NOUN", "PROPN"} or toks[k].head >= k:
        return None
    first = first_of(p, k)
    return k if first > 0 and toks[first - 1].text == "," else None


def speaker_mention(text: str, p: Parse, v: int, lex: Lexicon) -> Mention | None:
    """The speaker mention of cue ``v``; a verbless chunk before a root cue will do
    ("The 52-year-old added", which the small model parses without a subject)."""
    subj = subject(p, v, lex)
    if subj is not None:
        return mention(text, p, subj, lex)
    s0, _ = sentence_of(p, v)
    toks = p.tokens
    if toks[v].dep != "root" or v == s0:
        return None
    chunk = range(s0, v)
    if any(toks[j].pos in {"VERB", "AUX"} or toks[j].text in {",", ";", ":"} for j in chunk):
        return None
    if not any(toks[j].pos in {"NOUN", "PROPN", "PRON", "ADJ"} for j in chunk):
        return None
    return mention_of_range(text, p, s0, v - 1, lex)


def speaker_beside(text: str, p: Parse, v: int, quote_end: int, lex: Lexicon) -> Mention | None:
    """ "“...,” the 31-year-old said." when the parser took a word of the quote as subject."""
    toks = p.tokens
    before = [j for j in range(tokens_after(p, quote_end), v) if toks[j].pos != "PUNCT"
              and toks[j].text not in QUOTE_MARKS]
    if before and any(toks[j].pos in {"NOUN", "PROPN", "PRON", "ADJ", "NUM"} for j in before):
        return mention_of_range(text, p, before[0], before[-1], lex)
    _, s1 = sentence_of(p, v)
    after = next((j for j in range(v + 1, s1) if toks[j].pos in {"NOUN", "PROPN", "PRON"}), None)
    return mention(text, p, after, lex) if after is not None else None
