"""Clusters to entities with ids, and claims whose speaker and intermediaries are those ids."""

from __future__ import annotations

from collections.abc import Sequence

from ..types import Claim, Entity, EntityType, Frame, Span
from .kinds import is_publisher
from .names import DETERMINERS, best_name
from .state import Cluster, Context

# the first kind of evidence a cluster holds decides its type
_TYPES = (
    ("anonymous", EntityType.ANONYMOUS), ("media", EntityType.MEDIA), ("person", EntityType.PERSON),
    ("government", EntityType.GOVERNMENT), ("organization", EntityType.ORGANIZATION),
    ("group", EntityType.GROUP), ("document", EntityType.DOCUMENT), ("place", EntityType.OTHER),
    ("person?", EntityType.PERSON), ("org?", EntityType.ORGANIZATION),
)


def freeze(
    frames: Sequence[Frame], assigned: dict[Span, Cluster | None], ctx: Context
) -> tuple[tuple[Entity, ...], tuple[Claim, ...]]:
    """The entities that speak or relay a claim (ids ``e1..`` by first mention), and the claims.

    ``assigned`` maps each mention span to its cluster (None: left unresolved).
    """
    # "He said the plant would close." with no one before it: a pronoun alone names no source,
    # so the speaker stays unresolved (its mention is kept) rather than becoming a source "He"
    assigned = {span: c if c is not None and _named(c) else None for span, c in assigned.items()}
    used: dict[int, Cluster] = {}
    for f in frames:
        for m in (f.speaker, *f.via):
            c = assigned[m.span] if m is not None else None
            if c is not None:
                used.setdefault(c.index, c)
    ordered = sorted(used.values(), key=lambda c: min(x.span.start for x in c.mentions))
    ids = {c.index: f"e{n}" for n, c in enumerate(ordered, 1)}
    entities = tuple(
        Entity(ids[c.index], canonical_name(c), entity_type(c),
               tuple(sorted({x.span for x in c.mentions}, key=lambda s: (s.start, s.end))),
               c.affiliation if c.affiliation and entity_type(c) is EntityType.PERSON else None)
        for c in ordered
    )
    claims = []
    for n, f in enumerate(sorted(frames, key=lambda f: (f.content.start, f.content.end)), 1):
        speaker = assigned[f.speaker.span] if f.speaker is not None else None
        via: list[str] = []
        via_mentions: list[Span | None] = []
        for m in f.via:
            c = assigned[m.span]
            if c is None or c is speaker or ids[c.index] in via or is_publisher(c, ctx):
                continue
            via.append(ids[c.index])
            via_mentions.append(m.span if m.span.end > m.span.start else None)
        claims.append(Claim(
            id=f"c{n}", kind=f.kind, content=f.content, cue=f.cue, cue_lemma=f.cue_lemma,
            speaker=ids[speaker.index] if speaker is not None else None,
            speaker_mention=f.speaker.span if f.speaker is not None else None,
            via=tuple(via), channel=f.channel, time=f.time, sentence=f.sentence,
            confidence=round(f.confidence, 2), via_mentions=tuple(via_mentions),
        ))
    return entities, tuple(claims)


def _named(c: Cluster) -> bool:
    """Whether anything but a pronoun refers to ``c``."""
    return bool(c.names or c.constructed or any(not x.is_pronoun for x in c.mentions))


def canonical_name(c: Cluster) -> str:
    """Its fullest name; else the name built from its owner; else its first description, article dropped."""
    if c.names:
        return best_name(c.names)
    if c.constructed:
        return c.constructed
    described = [x for x in c.mentions if not x.is_pronoun]
    if described:
        text = described[0].span.text
        low = text.lower()
        for det in DETERMINERS:
            if low.startswith(det):
                return text[len(det):]
        return text
    return c.mentions[0].span.text


def entity_type(c: Cluster) -> EntityType:
    """The type its strongest evidence gives (a person named as one beats an untyped two-word name)."""
    for kind, etype in _TYPES:
        if kind in c.kind:
            return etype
    return EntityType.OTHER
