"""Documents, polls and studies as sources: "the poll shows that ...", "one study found ...",
"In the latest Reuters/Ipsos poll, ..."."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate

from ..intermediaries import is_publisher, published_by, time_of
from ..lexicon import Lexicon
from ..speakers import is_cue
from ..syntax import case_of, first_of, last_of, sentence_of, span_of, trim
from ..types import ClaimKind, Mention, Parse, Span
from .content import is_adjunct
from .state import Draft, Story

# Dependents of a document verb that hold what the document says: "shows that ...",
# "shows Clinton leading", "indicates a tightening race".
_CONTENT = {"ccomp", "obj", "xcomp", "dep", "csubj"}
_SUBJECTS = {"nsubj", "nsubj:pass"}
_AFTERTHOUGHT = {"where", "which", "who", "with", "including", "according"}
_CIRCUMSTANCE = {"as", "while", "after", "before", "because", "since", "amid", "although", "though", "when"}


def document_frames(story: Story, read: Sequence[Draft]) -> list[Draft]:
    """The claims of documents: a document noun as the subject of a document verb, or a
    sentence opening "In the latest poll, ...", outside the claims the other passes ``read``:
    "Dunmore said tachograph records showed the driver had ..." is what Dunmore said."""
    frames: list[Draft] = []
    lex = story.lex
    cues = {d.cue.start for d in read if d.cue is not None}
    spans = sorted((d.start, d.end) for d in read)
    reach = list(accumulate((e for _, e in spans), max))
    starts = [s for s, _ in spans]
    for p in story.parses:
        for tok in p.tokens:
            verb = tok.lemma in lex.document_verbs and tok.pos in {"VERB", "NOUN"}
            if not verb and not (tok.dep == "case" and tok.lower_text() == "in"):
                continue
            if tok.start in cues or story.in_full_quote(tok.start):
                continue
            n = bisect_right(starts, tok.start) - 1
            if n >= 0 and reach[n] > tok.start:
                continue  # inside a claim read already
            frame = _verb_frame(story, p, tok.i) if verb else _in_frame(story, p, tok.i)
            if frame is not None:
                frames.append(frame)
    return frames


def document_authors(story: Story, drafts: Sequence[Draft]) -> list[Draft]:
    """``drafts`` whose speaker is a document, with its author or publisher in ``via`` where
    the text names one and no relay is read yet: "The report, published by the health
    ministry, said ...", "A letter from 40 senators says ..."."""
    out = []
    for d in drafts:
        m = d.speaker
        found = None
        # "according to" keeps its own reading (according.py): "according to the
        # Commission's decision" is the Commission's word
        if m is not None and not d.via and d.kind is not ClaimKind.ACCORDING_TO \
                and m.head.lower() in story.lex.document_nouns:
            found = _author_of(story, m)
        if found is None:
            out.append(d)
        elif _publisher_speaks(story.lex, *found):
            out.append(replace(d, speaker=found[1], via=(), channel=d.channel or found[0].head))
        else:
            out.append(replace(d, speaker=found[0], via=(found[1],)))
    return out


# Words before a data noun that do not make the numbers a document of their own.
_PLAIN = {"the", "new", "latest", "official", "recent", "provisional", "preliminary", "government"}


def _publisher_speaks(lex: Lexicon, doc: Mention, author: Mention) -> bool:
    """Whether the document ``doc`` is only its named publisher's numbers ("Figures from the
    Office for National Statistics", "New data from Eurostat"): the publisher speaks."""
    words = [w.lower() for w in doc.span.text.split() if w.lower() not in _PLAIN]
    return words == [doc.head] and doc.head in lex.data_nouns and any(
        w[:1].isupper() for w in author.span.text.split())


def _author_of(story: Story, m: Mention) -> tuple[Mention, Mention] | None:
    """The document ``m`` without the phrase naming its author or publisher, and that
    author or publisher, where the text names one."""
    found = story.head_of(m)
    if found is None or not is_document(story.lex, *found):
        return None
    p, head = found
    k = _author(p, head, story.lex)
    author = story.mention(p, k)
    if k is None or author is None or is_publisher(author, story.publisher) or author.span.start < m.span.start:
        return None
    return _without_author(story, p, head, k, m), author


def is_document(lex: Lexicon, p: Parse, i: int) -> bool:
    """Whether token ``i`` heads a document ("the poll", "Polls", "one study", "data")."""
    tok = p.tokens[i]
    return tok.pos in {"NOUN", "PROPN"} and (tok.lower_text() in lex.document_nouns or tok.lemma in lex.document_nouns)


def _verb_frame(story: Story, p: Parse, v: int) -> Draft | None:
    """ "A Quinnipiac University poll found that 74 percent ...", "Polls show a close contest"."""
    lex = story.lex
    toks = p.tokens
    subj = next((k for k in p.kids(v) if toks[k].dep in _SUBJECTS and k < v), None)
    if subj is None and toks[v].dep == "conj":
        # "The poll was taken last week and shows ...": the subject of the verb it joins
        subj = next((k for k in p.kids(toks[v].head) if toks[k].dep in _SUBJECTS), None)
    if subj is None or not is_document(lex, p, subj) or _observed(lex, p, subj):
        return None
    if any(toks[k].dep == "advmod" and toks[k].lower_text() in {"not", "n't", "never"} for k in p.kids(v)):
        return None  # "the poll did not show ...": no claim
    span = _content(story, p, v)
    if span is None:
        return None
    lo, hi = span
    text = story.text
    speaker = story.mention(p, subj)
    author = _author(p, subj, lex)
    via: tuple[Mention, ...] = ()
    channel = None
    if author is not None and speaker is not None:
        # "A 2014 study by Harvard researchers found": the study speaks, its authors relay it
        via = tuple(m for m in (story.mention(p, author),) if m is not None)
        speaker = _without_author(story, p, subj, author, speaker)
        if via and _publisher_speaks(lex, speaker, via[0]):
            channel = speaker.head
            speaker, via = via[0], ()
    start, end = toks[lo].start, toks[hi].end
    return Draft(story.kind(ClaimKind.INDIRECT, start, end), start, end, span_of(text, p, v, v), toks[v].lemma,
                 speaker, via, channel, time_of(text, p, v, lex), toks[v].sent, 0.75, p.block)


def _without_author(story: Story, p: Parse, doc: int, author: int, m: Mention) -> Mention:
    """The mention ``m`` of the document ``doc`` without the phrase naming its ``author``: "A
    poll conducted by Gallup" is the poll, Gallup relays it."""
    toks = p.tokens
    branch = author
    while toks[branch].head not in {doc, branch}:
        branch = toks[branch].head
    if branch < doc:
        # "the agency's annual report": the report, after its owner and the owner's "'s"
        j = last_of(p, branch) + 1
        while j < doc and toks[j].lower_text() in {"'s", "’s", "'", "’"}:
            j += 1
        if not m.span.start <= toks[j].start < m.span.end:
            return m
        return replace(m, span=Span.of(story.text, toks[j].start, m.span.end), full=m.full or m.span)
    by = toks[first_of(p, branch)].start
    if not m.span.start < by < m.span.end:
        return m
    own = Span.of(story.text, m.span.start, by).text.rstrip(" ,")
    return replace(m, span=Span.of(story.text, m.span.start, m.span.start + len(own)), full=m.full or m.span)


def _observed(lex: Lexicon, p: Parse, doc: int) -> bool:
    """ "Bank records reviewed by The Associated Press show ...": what the reporters saw in
    documents is their observation, no document's claim."""
    toks = p.tokens
    return any(toks[k].dep == "acl" and toks[k].lower_text() in lex.observation_verbs for k in p.kids(doc))


def _author(p: Parse, doc: int, lex: Lexicon) -> int | None:
    """ "a study by Harvard researchers", "data from the census bureau", "a poll conducted by
    Gallup": who wrote or published the document."""
    found = published_by(p, doc, lex)
    if found is not None:
        return found
    toks = p.tokens
    # "the agency's annual report": the owner (not "its report", whose owner is a pronoun)
    return next((k for k in p.kids(doc) if toks[k].pos in {"PROPN", "NOUN"}
                 and (toks[k].dep == "nmod" and case_of(p, k) in {"by", "from"} or toks[k].dep == "nmod:poss")), None)


def _content(story: Story, p: Parse, v: int) -> tuple[int, int] | None:
    """What a document verb reports: what follows it in its clause ("found that ...",
    "showed Clinton ahead in Pennsylvania", "found 31 incidents of voter impersonation"),
    without its time, its audience and the circumstances it is set in ("as Trump gains")."""
    toks = p.tokens
    _, s1 = sentence_of(p, v)
    kids = [k for k in p.kids(v) if k > v and toks[k].pos != "PUNCT" and toks[k].dep not in {"cc", "conj"}
            and not (toks[k].dep == "advcl" and any(toks[m].dep == "mark" for m in p.kids(k)))]
    while kids and toks[kids[0]].dep not in _CONTENT and is_adjunct(story.lex, p, kids[0]):
        kids = kids[1:]  # "found on Tuesday that ..."
    if not kids or not any(toks[k].dep in _CONTENT for k in kids):
        return _content_before(p, v)
    lo = first_of(p, kids[0])
    hi = min(max(last_of(p, k) for k in kids), s1 - 1)
    if toks[kids[0]].dep == "obj":
        # "indicates a tightening race as the governor gains ground": the object, not the
        # circumstance the parser hung on it
        hi = next((j - 1 for j in range(lo + 1, hi + 1)
                   if toks[j].dep == "mark" and toks[j].lower_text() in _CIRCUMSTANCE), hi)
        # "Polls show a close contest in the state, where 18 electoral votes are up for
        # grabs": the object, not the comment after its comma
        hi = next((j - 1 for j in range(lo + 1, hi) if toks[j].text == ","
                   and toks[j + 1].lower_text() in _AFTERTHOUGHT), hi)
    return trim(p, lo, hi)


def _content_before(p: Parse, v: int) -> tuple[int, int] | None:
    """ "Parents generally like the schedule, polls show.": the clause before the comma that
    sets off the document and its verb, when nothing follows the verb."""
    toks = p.tokens
    subj = next((k for k in p.kids(v) if toks[k].dep in _SUBJECTS and k < v), None)
    clause = next((k for k in p.kids(v) if toks[k].dep in {"ccomp", "parataxis"} and k < v), None)
    if subj is None or clause is None:
        return None
    comma = first_of(p, subj) - 1
    if comma < 0 or toks[comma].text != "," or last_of(p, clause) >= comma:
        return None
    return trim(p, first_of(p, clause), comma - 1)


def _in_frame(story: Story, p: Parse, i: int) -> Draft | None:
    """ "In the latest Reuters/Ipsos poll, Clinton leads Trump by 43 percent to 38": the
    poll is the source of what the sentence says after its comma."""
    lex = story.lex
    toks = p.tokens
    s0, s1 = sentence_of(p, i)
    noun = toks[i].head
    if i != s0 or noun <= i or not is_document(lex, p, noun):
        return None
    comma = last_of(p, noun) + 1
    if comma >= s1 or toks[comma].text != ",":
        return None
    span = trim(p, comma + 1, s1 - 1)
    if span is None:
        return None
    lo, hi = span
    if any(is_cue(toks[k], lex) for k in range(lo, hi + 1)):
        return None  # "In the report, the ministry said ...": the ministry's claim, read from its verb
    start, end = toks[lo].start, toks[hi].end
    return Draft(ClaimKind.ACCORDING_TO, start, end, span_of(story.text, p, i, i), "in", story.mention(p, noun),
                 (), None, None, toks[i].sent, 0.7, p.block)
