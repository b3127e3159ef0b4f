"""Pass 2: every other reporting verb reads its content from the parse; relays and citations."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, replace

from ..intermediaries import channel_of, is_publisher, recipient_via, time_of
from ..speakers import could_speak, is_channel_participle, is_cue, is_cue_word, speaker_mention, subject
from ..syntax import first_of, last_of, mention_of_range, sentence_of, span_of, trim
from ..types import ClaimKind, Mention, Parse
from .complements import complement_span, is_complement_cue
from .content import CONTENT_DEPS, Content, content_span, is_relay_clause, right_edge
from .marks import first_in
from .nominal import is_nominal_cue, nominal_frame
from .state import Cue, Draft, Relay, Story
from .verbs import absorbed, is_idiom_cue, is_misread_cue, reports, to_verb

# Verbs whose infinitive complement still reports speech ("went on to say", "continued to insist").
_LIGHT_VERBS = {"go", "continue", "seem", "appear", "try", "want", "have", "need", "begin", "start", "come"}
_SUBJECTS = {"nsubj", "nsubj:pass", "csubj"}


@dataclass(frozen=True, slots=True)
class Reading:
    """What reading one cue gave: its claim, the cues it took ("citing", "saying") and the
    relay clauses it passed over (token indices in the cue's parse)."""

    frame: Draft | None
    taken: tuple[Cue, ...] = ()
    relays: tuple[int, ...] = ()


def cued_frames(story: Story, taken: Set[Cue]) -> tuple[list[Draft], tuple[Relay, ...]]:
    """The claims of every reporting verb not ``taken`` and outside full quotations, and the
    relays ("his office quoted him in a statement") seen on the way."""
    frames: list[Draft] = []
    used = set(taken)
    relays: dict[Cue, Relay] = {}
    # neither a reporting word (``may_report``) nor a claim noun (``is_nominal_cue``): nothing to read
    readable = story.lex.report_lemmas | story.lex.claim_nouns
    for pi, p in enumerate(story.parses):
        for tok in p.tokens:
            if tok.lemma not in readable:
                continue
            if (pi, tok.i) not in used and is_nominal_cue(story, p, tok.i):
                nominal = nominal_frame(story, p, tok.i)
                if nominal is not None:
                    frames.append(nominal)
                continue
            if (pi, tok.i) in used or not may_report(story, p, tok.i):
                continue
            if story.in_full_quote(tok.start):
                continue
            reading = read_cue(story, pi, p, tok.i)
            used.update(reading.taken)
            for k in reading.relays:
                if (pi, k) not in relays:
                    relays[(pi, k)] = _relay(story, pi, p, k)
                    used.add((pi, k))
            if reading.frame is not None:
                frames.append(reading.frame)
    return frames, tuple(relays.values())


def may_report(story: Story, p: Parse, i: int) -> bool:
    """Whether token ``i`` is a reporting word worth reading: a cue verb, one the model
    misread, a complement cue ("called it a hoax") or an idiom ("made clear")."""
    lex, tok = story.lex, p.tokens[i]
    if tok.lemma not in lex.report_lemmas:
        return False
    return (is_cue(tok, lex) or is_misread_cue(lex, p, tok) or is_complement_cue(lex, tok, p)
            or is_idiom_cue(lex, p, tok) or is_channel_participle(lex, p, i))


def _relay(story: Story, pi: int, p: Parse, k: int) -> Relay:
    channel, _ = channel_of(story.text, p, k, story.lex)
    return Relay(p.tokens[k].sent, story.mention(p, subject(p, k, story.lex)), channel, (pi, k))


def read_cue(story: Story, pi: int, p: Parse, v: int, in_quote: bool = False) -> Reading:
    """The claim the reporting verb ``v`` makes, the cues it took and the relays it passed;
    ``in_quote``: ``v`` stands inside a quotation, whose speaker reports the claim."""
    lex = story.lex
    text = story.text
    toks = p.tokens
    tok = toks[v]
    if not reports(story, p, v) or absorbed(lex, p, v):
        return Reading(None)
    if tok.dep == "xcomp" and toks[tok.head].lemma not in lex.relay | _LIGHT_VERBS:
        return Reading(None)  # "urged members to reject the offer", "too slow to warn parents": part of a claim
    cites_a_thing = tok.lemma in lex.relay and _cites_a_thing(story, p, v)
    if tok.lemma in lex.relay and not cites_a_thing:
        return _relay_frame(story, pi, p, v)
    if tok.lemma == "cite" and tok.tag == "VBG" and not cites_a_thing:
        return Reading(None)  # "said, citing X" is read from the cue "said"
    if any(toks[k].dep in {"nsubj:pass", "aux:pass"} for k in p.kids(v)):
        return Reading(None)  # "was told", "is expected to"
    if tok.tag == "VBG" and tok.dep == "advcl" and any(
        toks[k].dep == "mark" and toks[k].lower_text() == "as" for k in p.kids(v)
    ):
        return Reading(None)  # "quoted X as saying" is read from the relay verb
    says = is_cue_word(tok.lemma, lex) or is_idiom_cue(lex, p, tok)
    content = content_span(story, p, v) if says and not cites_a_thing else Content(None)
    if content.span is None:
        # "denied the allegations", "called the plan a hoax", "vowed to repeal the law"
        if tok.dep == "advcl" and to_verb(p, v):
            return Reading(None, (), content.relays)  # "called her sister to offer her sympathy": a purpose
        span = complement_span(story, p, v)
        if span is None or not _may_speak(story, p, v):
            return Reading(None, (), content.relays)
        content = Content(span, is_object=True, relays=content.relays)
    lo, hi = content.span
    speaker = speaker_mention(text, p, v, lex)
    via: list[Mention] = []
    taken: tuple[Cue, ...] = ()
    cited = _citing(story, p, v)
    if cited is not None:
        citing, source = cited
        taken = ((pi, citing),)
        if speaker is not None:
            via.append(speaker)
        speaker = story.mention(p, source)
        lo = max(lo, last_of(p, source) + 1)
        trimmed = trim(p, lo, hi)
        if trimmed is None:
            return Reading(None, taken, content.relays)
        lo, hi = trimmed
    recipient = recipient_via(text, p, v, lex, story.publisher)
    if recipient is None and content.addressee is not None:
        told = mention_of_range(text, p, *content.addressee, lex)
        recipient = None if is_publisher(told, story.publisher) or not _is_outlet(story, p, content.addressee) else told
    channel, outlet = channel_of(text, p, v, lex)
    if channel is None and is_channel_participle(lex, p, v):
        channel = toks[tok.head].lower_text()  # "a statement saying ...": in a statement
    for m in (recipient, outlet):
        if m is not None:
            via.insert(0, m)
    start, end = toks[lo].start, toks[hi].end
    kind = story.kind(ClaimKind.INDIRECT, start, end)
    inside = story.in_full_quote(start)
    if inside is not None and end <= inside.content.end + 1 and inside.close is not None and not in_quote:
        # the clause is a whole quotation the quote pass could not attach: a direct claim
        kind, start, end = ClaimKind.DIRECT, inside.content.start, inside.close
    conf = 0.85 if speaker is not None and not speaker.is_pronoun else 0.75 if speaker else 0.4
    frame = Draft(kind, start, end, span_of(text, p, v, v), tok.lemma, speaker, tuple(via), channel,
                  time_of(text, p, v, lex), tok.sent, conf, p.block, clausal=not content.is_object)
    if content.lead is not None and kind == ClaimKind.INDIRECT:
        # "This campaign, he says, is different": the subject before the cue is said too,
        # and the claim reads on through the cue
        first = toks[content.lead[0]].start
        frame = replace(frame, kind=story.kind(ClaimKind.INDIRECT, first, end), start=first)
    return Reading(frame, (*taken, (pi, v)), content.relays)


def _is_outlet(story: Story, p: Parse, name: tuple[int, int]) -> bool:
    """Whether the name ``name`` (token range) is a news outlet ("BBC Radio Leeds", "Reuters")."""
    words = " ".join(p.tokens[k].lower_text() for k in range(name[0], name[1] + 1))
    lex = story.lex
    return (words in lex.broadcasters or words.split()[-1] in lex.broadcast_words or words in lex.media
            or any(w in lex.media for w in words.split()) or "radio" in words.split())


def _cites_a_thing(story: Story, p: Parse, v: int) -> bool:
    """ "cited a 2001 memo", "citing health reasons": what was cited is what was said,
    where "cited a senior official as saying" relays the official."""
    toks = p.tokens
    obj = next((k for k in p.kids(v) if k > v and toks[k].dep == "obj"), None)
    if obj is None or could_speak(p, obj, story.lex):
        return False
    _, s1 = sentence_of(p, v)
    return first_in(story.marks_of(p).as_saying, v + 2, s1 - 1) is None


def _may_speak(story: Story, p: Parse, v: int) -> bool:
    """ "A second sample confirmed the result" is no claim: a verb that reports through an
    object naming a proposition ("confirmed", "revealed") needs a subject that can say
    something (or a document), or none in sight."""
    subj = subject(p, v, story.lex)
    if subj is None or p.tokens[v].lemma not in story.lex.proposition_verbs:
        return True
    tok = p.tokens[subj]
    documents = story.lex.documents
    return could_speak(p, subj, story.lex) or tok.lemma in documents or tok.lower_text() in documents


def _citing(story: Story, p: Parse, v: int) -> tuple[int, int] | None:
    """ "Interfax said, citing a source ..., that": "citing" near the cue and its object."""
    toks = p.tokens
    s0, s1 = sentence_of(p, v)
    for i in range(v + 1, min(v + 9, s1)):
        if toks[i].lower_text() == "that":
            break
        if toks[i].lower_text() in story.lex.citing:
            objs = [k for k in p.kids(i) if toks[k].dep in {"obj", "dep", "nsubj"}]
            if objs and could_speak(p, objs[0], story.lex):
                return i, objs[0]  # but "said the plan worked, citing a drop in crime" cites no one
    return None


def _relay_frame(story: Story, pi: int, p: Parse, v: int) -> Reading:
    """ "RIA quoted the general secretary as saying ..." / "X was quoted by Y as saying ..." """
    lex = story.lex
    text = story.text
    toks = p.tokens
    kids = p.kids(v)
    passive = any(toks[k].dep in {"nsubj:pass", "aux:pass"} for k in kids)
    if passive:
        speaker_i = next((k for k in kids if toks[k].dep == "nsubj:pass"), None)
        relay_i = next((k for k in kids if toks[k].dep == "obl:agent"), None)
    else:
        speaker_i = next((k for k in kids if toks[k].dep == "obj"), None)
        relay_i = subject(p, v, lex)
    saying = next(
        (k for k in kids if toks[k].dep in {"advcl", "xcomp"} and is_cue_word(toks[k].lemma, lex) and k > v),
        None,
    )
    if saying is None:
        # "was quoted by the German news agency dpa as saying": the model took "dpa" for a verb
        _, s1 = sentence_of(p, v)
        saying = first_in(story.marks_of(p).as_saying, v + 2, s1 - 1)
    span = None
    taken: tuple[Cue, ...] = ()
    relays: tuple[int, ...] = ()
    if saying is not None:
        content = content_span(story, p, saying)
        span, relays = content.span, content.relays
        if span is None:
            comps = [k for k in p.kids(saying) if k > saying and toks[k].dep in CONTENT_DEPS]
            if comps:
                lo = first_of(p, comps[0])
                hi, seen = right_edge(story, p, saying, lo)
                span, relays = trim(p, lo, hi), relays + seen
        taken = ((pi, saying),)
    if span is None:
        # "C, the RIA news agency quoted the general secretary (as saying)."
        ccomps = [k for k in kids if toks[k].dep == "ccomp"]
        if ccomps:
            span = trim(p, first_of(p, ccomps[0]), last_of(p, ccomps[0]))
    if span is None:
        return Reading(None, taken, relays + ((v,) if is_relay_clause(lex, p, v) else ()))
    lo, hi = span
    for k in kids:
        # "cited X as saying his country would comply but could not police every lorry": the
        # small model hangs the second half on "cited"; it is still what X said
        if toks[k].dep == "conj" and k > hi and not any(toks[j].dep in _SUBJECTS for j in p.kids(k)):
            extended = trim(p, lo, last_of(p, k))
            hi = extended[1] if extended else hi
    speaker = story.mention(p, speaker_i)
    relay = story.mention(p, relay_i)
    via = tuple(m for m in (relay,) if m is not None and not is_publisher(m, story.publisher))
    channel, _ = channel_of(text, p, v, lex)
    start, end = toks[lo].start, toks[hi].end
    kind = story.kind(ClaimKind.INDIRECT, start, end)
    cue = span_of(text, p, v, v)  # "quoted" of "quoted ... as saying"
    frame = Draft(kind, start, end, cue, toks[v].lemma, speaker, via, channel, time_of(text, p, v, lex),
                  toks[v].sent, 0.85 if speaker else 0.4, p.block)
    return Reading(frame, (*taken, (pi, v)), relays)
