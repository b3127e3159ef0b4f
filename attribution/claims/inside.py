"""Reports inside a quotation: what a quoted speaker says someone else said is a claim of its own.

"“One skipper told me he had seen the same thing on his sonar,” Okonjo said": the skipper
said he had seen it, and it reached the page through Okonjo, who stays in ``via`` (SCHEMA's
"a person who passed on what someone else said"). The quotation keeps its own claim; the
report inside it is read with the cued pass's rules, as the same sentence outside a quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..types import ClaimKind, Mention, Parse
from .cued import may_report, read_cue
from .nest import nest
from .state import Draft, Story

# Someone the quoted speaker names by pronoun ("he told me", "they said") is not resolvable
# from inside the quote with any confidence; "I told them" is the speaker's own claim.
_PRONOUN_HEADS = {"i", "we", "you", "he", "she", "they", "it", "me", "us", "him", "her", "them", "this", "that"}


# A report the quoted speaker passes on happened: "told us", "has said", "says"; not "has to
# believe the tendon will hold" or "would say", which are no one's claim.
_REPORTED = {"VBD", "VBZ", "VBP", "VBN"}
_OPEN_QUESTIONS = {"what", "how", "why", "whether", "if", "who", "when", "where", "which"}


def reports_inside(story: Story, drafts: Sequence[Draft]) -> list[Draft]:
    """The reports of named or described sources inside the direct claims of ``drafts``,
    each read once, for the innermost quotation that holds it."""
    outers = sorted((d for d in drafts if d.kind is ClaimKind.DIRECT and d.speaker is not None),
                    key=lambda d: (d.start, -d.end))
    if not outers:
        return []
    found: dict[int, list[Draft]] = {}
    open_: list[int] = []  # the quotations holding the current token, outermost first (claims nest)
    n = 0
    first, last = outers[0].start, max(d.end for d in outers)
    for pi, p in enumerate(story.parses):
        if not p.tokens or p.tokens[-1].end <= first:
            continue  # before the first quotation
        if p.tokens[0].start >= last:
            break  # after the last
        for tok in p.tokens:
            while n < len(outers) and outers[n].start <= tok.start:
                while open_ and outers[open_[-1]].end <= outers[n].start:
                    open_.pop()
                open_.append(n)
                n += 1
            while open_ and outers[open_[-1]].end <= tok.start:
                open_.pop()
            if open_:
                inner = _report(story, pi, p, tok.i, outers[open_[-1]])
                if inner is not None:
                    found.setdefault(open_[-1], []).append(inner)
    # "has said A and blamed B": two claims, as outside a quotation
    return [d for group in found.values() for d in nest(story, group)]


def _report(story: Story, pi: int, p: Parse, v: int, outer: Draft) -> Draft | None:
    """The claim of reporting verb ``v`` inside the quotation ``outer``, with its speaker in via."""
    if not _happened(p, v) or not may_report(story, p, v):
        return None
    inner = read_cue(story, pi, p, v, in_quote=True).frame
    if inner is None or not _own_source(inner.speaker) or outer.speaker is None:
        return None
    if inner.start < outer.start or inner.end > outer.end or inner.end - inner.start >= outer.end - outer.start:
        return None  # the quotation itself, read again
    words = story.text[inner.start:inner.end].split()
    if not words or words[0].lower() in _OPEN_QUESTIONS:
        return None  # "Today's ruling confirms what our clients have said": no claim of the ruling's
    if not inner.clausal and len(words) < 3:
        return None  # "the minister denied it": nothing the page can show
    via = tuple(m for m in inner.via if _own_source(m))
    kind = story.kind(ClaimKind.INDIRECT, inner.start, inner.end) if inner.kind is ClaimKind.DIRECT else inner.kind
    return replace(inner, kind=kind, via=(*via, outer.speaker, *outer.via),
                   confidence=min(inner.confidence, outer.confidence))


def _happened(p: Parse, v: int) -> bool:
    """A report that was made: "told us", "has said", "says", "did tell me"."""
    tok = p.tokens[v]
    return tok.tag in _REPORTED or tok.tag == "VB" and any(
        p.tokens[k].dep == "aux" and p.tokens[k].lemma == "do" for k in p.kids(v))


def _own_source(m: Mention | None) -> bool:
    """A source the text names or describes ("One skipper in Peterhead", "the federation"), not a pronoun."""
    return m is not None and not m.is_pronoun and m.head.lower() not in _PRONOUN_HEADS
