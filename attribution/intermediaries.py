"""Intermediaries, channels and times: who relayed a claim, through what medium, and when."""

from __future__ import annotations

from .lexicon import Lexicon
from .syntax import case_of, first_of, mention, span_of, subtree
from .types import Mention, Parse


def time_of(text: str, p: Parse, v: int, lex: Lexicon) -> str | None:
    """The stated time of cue ``v`` ("said on Friday" -> "Friday"), if any."""
    toks = p.tokens
    for kid in p.kids(v):
        if toks[kid].dep not in {"obl", "obl:npmod", "advmod", "obl:tmod", "nmod:tmod"}:
            continue
        sub = subtree(p, kid)
        dated = [j for j in sub if toks[j].ent in {"DATE", "TIME"} or toks[j].lower_text() in lex.time_words]
        if dated:
            return span_of(text, p, dated[0], dated[-1]).text
    return None


def channel_words(words: list[str], lex: Lexicon) -> str | None:
    """The medium named by ``words`` ("a post on his Telegram channel" -> "Telegram post")."""
    joined = f" {' '.join(words)} "
    platform = next((w for w in words if w in lex.platforms), None)
    # the longest channel phrase, and of two as long the first: "a note provided to The New York
    # Post" is a note, not a post
    found = [(len(c), joined.find(f" {c} "), c) for c in lex.channels if f" {c} " in joined]
    noun = min(found, key=lambda f: (-f[0], f[1]))[2] if found else None
    if platform and noun in {"post", "page", "channel", "account", "video", platform, None}:
        name = "X" if platform == "x" else platform.title() if platform.islower() else platform
        return f"{name} post" if noun in {"post", "page", "channel"} else name
    if noun and noun not in lex.platforms:
        return noun
    return None


def is_media(p: Parse, i: int, lex: Lexicon) -> bool:
    """Whether the noun phrase headed by ``i`` names a news outlet."""
    toks = p.tokens
    if toks[i].lower_text() in lex.media:
        return True
    words = [toks[j].lower_text() for j in subtree(p, i) if toks[j].dep not in {"det", "case"}]
    return " ".join(words) in lex.outlets or any(w in lex.outlets for w in words if toks[i].pos == "PROPN")


def is_publisher(m: Mention | None, publisher: str) -> bool:
    """Whether mention ``m`` names the story's own publisher (lower case), never an intermediary."""
    if m is None or not publisher:
        return False
    low = m.span.text.lower()
    return publisher in low or low.removeprefix("the ") in publisher


def channel_of(text: str, p: Parse, v: int, lex: Lexicon) -> tuple[str | None, Mention | None]:
    """The medium of cue ``v`` ("statement", "Telegram post") and an outlet or office relaying it."""
    toks = p.tokens
    # "in a statement", "on Telegram"; an object only for "told a news conference"
    candidates = [k for k in p.kids(v) if toks[k].dep in {"obl", "advcl", "nmod"}
                  or toks[k].dep == "obj" and toks[v].lemma == "tell"]
    if toks[v].dep in {"advcl", "conj", "ccomp"} and toks[v].head != v:
        head = toks[v].head
        candidates += [k for k in p.kids(head) if toks[k].dep == "obl" and k < v]
    # "The minister, speaking on state television, said ...": the medium of a speaking participle
    for k in list(p.kids(v)) + [j for s in p.kids(v) if toks[s].dep == "nsubj" for j in p.kids(s)]:
        if toks[k].dep in {"advcl", "acl"} and toks[k].lemma in {"speak", "talk", "write"}:
            candidates += [j for j in p.kids(k) if toks[j].dep == "obl"]
    for kid in candidates:
        if toks[kid].dep == "obl" and toks[first_of(p, kid)].lower_text() not in {"in", "on", "via", "through", "at"}:
            continue
        sub = subtree(p, kid)
        channel = channel_words([toks[j].lower_text() for j in sub], lex)
        if channel is None:
            continue
        outlet = None
        for j in sub:
            if toks[j].dep != "nmod" or case_of(p, j) not in {"with", "to"}:
                continue
            # "in an interview with Deutschlandfunk radio" / "with Rolling Stone": the interviewer relays
            if is_media(p, j, lex) or (channel == "interview" and toks[j].pos == "PROPN"):
                outlet = mention(text, p, j, lex)
        return channel, outlet or released_by(text, p, kid, lex)
    return None, None


def released_by(text: str, p: Parse, k: int, lex: Lexicon) -> Mention | None:
    """ "in a statement released by his office": the office relays the statement."""
    toks = p.tokens
    for acl in p.kids(k):
        if toks[acl].dep == "acl" and toks[acl].tag == "VBN":
            for agent in p.kids(acl):
                if toks[agent].dep in {"obl:agent", "obl"} and case_of(p, agent) == "by":
                    return mention(text, p, agent, lex)
    return None


def recipient_via(text: str, p: Parse, v: int, lex: Lexicon, publisher: str) -> Mention | None:
    """ "told Caracol Radio that ...": an outlet the speaker spoke to relays the claim."""
    toks = p.tokens
    for kid in p.kids(v):
        audience = toks[kid].dep in {"obj", "iobj"} or (
            toks[kid].dep == "obl" and toks[first_of(p, kid)].lower_text() == "to"
        )
        if audience and kid > v and is_media(p, kid, lex):
            m = mention(text, p, kid, lex)
            if not is_publisher(m, publisher):
                return m
    return None


def published_by(p: Parse, noun: int, lex: Lexicon) -> int | None:
    """ "according to preliminary results published by / from the election commission" """
    toks = p.tokens
    documents = lex.documents | {w.rstrip("s") for w in lex.documents}
    for kid in p.kids(noun):
        if toks[kid].dep == "acl":
            for k in p.kids(kid):
                if toks[k].dep in {"obl:agent", "obl"} and case_of(p, k) in {"by", "from"}:
                    return k
        case = case_of(p, kid)
        if (toks[kid].dep == "nmod" and toks[noun].lemma in documents and case in {"from", "by", "of"}
                and (toks[kid].pos == "PROPN" or toks[kid].pos == "NOUN" and case != "of")):
            return kid  # "a report of the Audit Commission", but "a study of 11,000 pupils" studied them
    return None
