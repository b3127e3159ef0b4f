"""The story's sourcing at a glance: how many sources, of what kind, and how much is unsourced."""

from __future__ import annotations

from collections import Counter

from ..types import Analysis, EntityType, Profile, Sourcing, Stance

# Sources identified by name or role; groups ("protesters", "residents") are neither named nor anonymous.
_NAMED = frozenset({EntityType.PERSON, EntityType.ORGANIZATION, EntityType.GOVERNMENT, EntityType.MEDIA,
                    EntityType.OTHER})


def profile_of(analysis: Analysis) -> Profile:
    """Counts and shares of the story's claims, sources, sentences and reporting-verb stances.

    Args:
        analysis: the analysis, with its claims (and their stances) and sourcing map.

    Returns:
        The profile; every share is 0.0 when there is nothing to divide by.
    """
    claims = analysis.claims
    types = {e.id: e.type for e in analysis.entities}
    per_source = Counter(c.speaker for c in claims if c.speaker is not None)
    kinds = Counter(types[s] for s in per_source if s in types)
    anonymous = sum(1 for c in claims if c.speaker is not None and types.get(c.speaker) is EntityType.ANONYMOUS)
    stances = Counter(c.stance for c in claims)
    unsourced = sum(1 for s in analysis.sourcing if s.label is Sourcing.UNSOURCED)
    return Profile(
        claims=len(claims),
        sources=len(per_source),
        named_sources=sum(n for kind, n in kinds.items() if kind in _NAMED),
        anonymous_sources=kinds[EntityType.ANONYMOUS],
        document_sources=kinds[EntityType.DOCUMENT],
        anonymous_claim_share=_share(anonymous, len(claims)),
        via_claim_share=_share(sum(1 for c in claims if c.via), len(claims)),
        top_source_share=_share(max(per_source.values(), default=0), len(claims)),
        unsourced_sentence_share=_share(unsourced, len(analysis.sourcing)),
        stance=tuple((s, stances[s]) for s in Stance),
    )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 2) if whole else 0.0
