"""Entity resolution: speaker, intermediary and named mentions clustered into typed entities.

Pronouns, possessives ("his office"), definite descriptions ("the company",
"the 61-year-old") and short names ("Tokayev") are resolved to the entity they
refer to; every claim's speaker and intermediaries become entity ids. One straight
line: mention events in reading order (``events``), each placed in a cluster
(``placement``, ``references``) that learns from it (``learning``), then frozen
into entities and claims (``freeze``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import Lexicon
from ..types import Claim, Entity, Frame, Parse, Span
from .events import mention_events, self_references
from .freeze import freeze
from .kinds import not_a_source
from .learning import teach, told_gender
from .names import norm
from .placement import find
from .references import speaking_for, subject_before
from .state import Cluster, Context
from .store import Clusters

__all__ = ["resolve"]


def resolve(
    text: str, frames: Sequence[Frame], parses: Sequence[Parse], lexicon: Lexicon, publisher: str | None
) -> tuple[tuple[Entity, ...], tuple[Claim, ...]]:
    """Cluster the mentions of ``frames`` (and named entities around them) into entities.

    Returns:
        The entities that speak or relay a claim (ids ``e1..`` by first mention)
        and the claims with their speaker and intermediaries as entity ids.
    """
    events = mention_events(text, frames, parses, lexicon)
    ctx = Context.of(lexicon, norm(publisher) if publisher else None, events.places, events.orgs, events.labels,
                     text)
    self_reference = self_references(frames, lexicon)
    store = Clusters()
    assigned: dict[Span, Cluster | None] = {}  # None: a speaker left unresolved
    for event in events.events:
        m = event.mention
        if not_a_source(m, ctx):
            # "I", "we", "your research", "finance": a source only as a quote's own speaker
            voice = assigned.get(event.voice) if event.voice is not None else None
            speaking = speaking_for(m, voice)
            if speaking is not None:
                store.add(speaking, m, event.speaker)
            assigned[m.span] = speaking
            continue
        found = find(m, event.at, store, ctx)
        before = events.subjects.get((event.sentence[0], event.sentence[1] - 1))
        if event.speaker and before is not None:
            found = subject_before(m, found, assigned.get(before), ctx)
        store.apply(found)
        cluster = found.cluster or store.new(found.constructed)
        store.add(cluster, m, event.speaker)
        store.learn(cluster, teach(cluster, m, ctx))
        assigned[m.span] = cluster
        gender = told_gender(cluster, self_reference.get(m.span, ""))
        if gender:
            store.set_gender(cluster, gender)
    return freeze(frames, assigned, ctx)
