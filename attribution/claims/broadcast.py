"""Broadcast and interview relays: the outlet a speaker spoke on or to ("said on Sky News",
"told Sky Sports:", "speaking to the BBC", "in an interview with talkSPORT") relays the claim."""

from __future__ import annotations

from dataclasses import replace

from ..intermediaries import is_media, is_publisher
from ..lexicon import Lexicon
from ..syntax import case_of, first_of, sentence_of, subtree
from ..types import Mention, Parse, Span
from .marks import all_in
from .state import Draft, Story

# Verbs of speaking whose participle names the outlet spoken to ("Speaking to the BBC, ...").
_SPEAKING = {"speak", "talk", "tell", "say"}


def broadcast_relays(story: Story, drafts: list[Draft]) -> list[Draft]:
    """``drafts`` with the outlet their speaker spoke on or to in ``via`` (nearest the
    speaker: the outlet is the first to pass the words on), unless it is the publisher."""
    found = {id(d): _outlet(story, d) for d in drafts}
    # "Speaking to BBC Radio Leicester, Kerrigan said ... “...,” the 24-year-old said.": the
    # same speaker's next sentence was said on the same occasion
    last: tuple[Draft, tuple[Mention, str]] | None = None
    for d in sorted(drafts, key=lambda d: d.start):
        here = found[id(d)]
        if here is not None:
            last = (d, here)
        elif last is not None and _goes_on(last[0], d, story):
            found[id(d)] = last[1]
            last = (d, last[1])
    out = []
    for d in drafts:
        outlet_found = found[id(d)]
        if outlet_found is None:
            out.append(d)
            continue
        outlet, channel = outlet_found
        if any(m.span == outlet.span for m in d.via):
            out.append(replace(d, channel=d.channel or channel))
            continue
        out.append(replace(d, via=(outlet, *d.via), channel=d.channel or channel))
    return out


def _goes_on(before: Draft, d: Draft, story: Story) -> bool:
    """Whether ``d`` is the speaker of ``before`` going on in the next sentence of its
    paragraph: by a pronoun, a description, or the same surname."""
    if d.block != before.block or d.sentence not in {before.sentence, before.sentence + 1} or d.via:
        return False
    a, b = before.speaker, d.speaker
    if a is None or b is None or b.span == a.span:
        return False
    if b.is_pronoun:
        return b.head not in story.lex.neuter and b.head not in {"they", "them"}
    words = b.span.text.split()
    if words[0].lower() == "the" and not any(w[:1].isupper() for w in words[1:]):
        return True  # "the 24-year-old", "the manager"
    return words[-1].strip(",.").lower() == a.span.text.split()[-1].strip(",.").lower()


def _outlet(story: Story, d: Draft) -> tuple[Mention, str] | None:
    """The outlet of the claim's cue and the medium it names."""
    if d.cue is None:
        return None
    loc = story.locate(d.cue.start)
    if loc is None:
        return None
    pi, v = loc
    p = story.parses[pi]
    toks = p.tokens
    if toks[v].start != d.cue.start:
        return None
    lex = story.lex
    places = list(p.kids(v))
    # "Speaking to the BBC, captain Joe Mills said ...", "The mayor, speaking on LBC, said ...":
    # the participle's outlet
    near = places + [j for s in places if toks[s].dep == "nsubj" for j in p.kids(s)]
    places += [k for s in near if toks[s].dep in {"advcl", "xcomp", "acl"} and toks[s].lemma in _SPEAKING
               for k in p.kids(s)]
    # "In an interview with ESPN, Brooks, the striker Albion signed in the summer, said:":
    # the phrase opening the sentence is the cue's, wherever the parser hung it
    s0, _ = sentence_of(p, v)
    places += [k for k in all_in(story.marks_of(p).interviews, s0, v - 1) if k not in places
               and case_of(p, k) == "in" and first_of(p, k) == s0]
    for k in places:
        role = _role(p, v, k)
        if role is None:
            continue
        outlet = k
        if toks[k].lower_text() == "interview" or toks[k].lemma == "interview":
            # "in an interview with talkSPORT": the interviewer
            outlet = next((j for j in p.kids(k) if toks[j].dep == "nmod" and case_of(p, j) == "with"), -1)
            role = "interview"
        if outlet < 0:
            continue
        # "said on CNN's State of the Union": the network, not its programme
        outlet = next((j for j in p.kids(outlet) if toks[j].dep == "nmod:poss" and is_broadcaster(p, j, lex)), outlet)
        if not is_broadcaster(p, outlet, lex) or not _named(p, outlet):
            continue  # "said on state television": a medium (channel_of), no outlet named
        m = story.mention(p, outlet)
        if m is None or is_publisher(m, story.publisher):
            continue
        return _whole_name(story, p, outlet, m), _medium(p, outlet, lex) or role
    return None


def _whole_name(story: Story, p: Parse, i: int, m: Mention) -> Mention:
    """ "BBC Radio 5 Live", not "Live": the outlet's name runs from its first word, which a
    number inside it ("5") may have cut off."""
    toks = p.tokens
    words = [j for j in subtree(p, i) if j <= i and toks[j].dep not in {"det", "case"}]
    first = min(words, default=i)
    if toks[first].start >= m.span.start or any(toks[j].pos not in {"PROPN", "NUM"} for j in words):
        return m
    return replace(m, span=Span.of(story.text, toks[first].start, m.span.end))


def _role(p: Parse, v: int, k: int) -> str | None:
    """How the phrase ``k`` names an outlet: "on" one ("said on Sky News"), "to" one
    ("told Sky Sports", "speaking to the BBC") or in an interview."""
    toks = p.tokens
    dep = toks[k].dep
    case = case_of(p, k)
    if dep == "obl" and case == "on":
        return "broadcast"
    if dep in {"obj", "iobj"} and toks[toks[k].head].lemma == "tell" or dep == "obl" and case in {"to", "with"}:
        return "interview"
    if dep == "obl" and case == "in" and toks[k].lemma == "interview":
        return "interview"
    return None


def is_broadcaster(p: Parse, i: int, lex: Lexicon) -> bool:
    """Whether the noun phrase headed by ``i`` names an outlet ("Sky Sports", "BBC Radio 5
    Live", "talkSPORT", "ITV")."""
    toks = p.tokens
    words = [toks[j].lower_text() for j in subtree(p, i) if toks[j].dep not in {"det", "case"}]
    if any(w in lex.platforms for w in words):
        return False  # "wrote on the social network Bluesky": a post (channel_of), no broadcaster
    name = " ".join(words)
    named_as = toks[i].pos == "PROPN" and bool(words) and words[-1] in lex.broadcast_words  # "Capital Radio"
    return is_media(p, i, lex) or name in lex.broadcasters or named_as


def _named(p: Parse, i: int) -> bool:
    """Whether the noun phrase headed by ``i`` holds a name ("Sky News", "talkSPORT"), which
    the model may tag as a common noun at the start of a sentence."""
    return any(p.tokens[j].pos == "PROPN" or not p.tokens[j].text.islower() for j in subtree(p, i))


def _medium(p: Parse, i: int, lex: Lexicon) -> str | None:
    """ "radio" of "BBC Radio 5 Live", "television" of "Sky News TV"; None when the name says neither."""
    words = {p.tokens[j].lower_text() for j in range(first_of(p, i), i + 1)}
    if words & {"radio", "fm"}:
        return "radio"
    if words & {"tv", "television"}:
        return "television"
    return None
