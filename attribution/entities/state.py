"""The explicit state of entity resolution: the story's facts, the entities being built, and their store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lexicon import Lexicon
from ..types import Mention, Span


@dataclass(frozen=True, slots=True)
class Context:
    """What is known about the whole story before any mention is placed.

    ``places`` and ``orgs`` are spans the model labelled GPE/LOC/FAC and ORG (weak
    evidence: the small model often labels people ORG and GPE); ``publisher`` is the
    story's own outlet, normalised, which never relays a claim.
    """

    lex: Lexicon
    publisher: str | None
    places: frozenset[Span]
    orgs: frozenset[Span]
    common_heads: frozenset[str]  # head words of organisations, governments, media and groups
    nounish: frozenset[str]  # head words that describe rather than name
    pronouns: frozenset[str]

    @classmethod
    def of(cls, lex: Lexicon, publisher: str | None, places: frozenset[Span], orgs: frozenset[Span]) -> Context:
        """The context of a story with ``publisher`` (already normalised) and the model's named spans."""
        common = lex.government | lex.organization | lex.media | lex.groups
        return cls(lex, publisher, places, orgs, common, lex.person | common | lex.anonymous_heads, lex.pronouns)


@dataclass(eq=False, slots=True)
class Cluster:
    """An entity while it is being built: the one mutable thing in this package.

    Only ``Clusters`` changes a cluster, so its indexes stay true. ``index`` is the
    order of creation; ``kind`` holds the evidence for the entity's type
    ("person", "person?" for an untyped two-word name, "org?", "place", ...).
    """

    index: int
    mentions: list[Mention] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    gender: str | None = None
    kind: set[str] = field(default_factory=set)
    last_speaker: int = -1
    last_seen: int = -1
    speaker: bool = False
    constructed: str | None = None  # a name built from its owner ("Mohammad Alamgir's sister")


@dataclass(frozen=True, slots=True)
class Lesson:
    """What one mention teaches its cluster (see ``learning.teach``)."""

    name: str | None
    words: frozenset[str]
    ages: frozenset[str]
    kinds: frozenset[str]
    gender: str | None


@dataclass(frozen=True, slots=True)
class Found:
    """Where a mention goes (``cluster``; None: a new entity) and what finding it taught others.

    ``constructed`` names a new entity after its owner ("his office" -> "Tokayev's office");
    ``gendered`` holds the entities a he/she was resolved to, with that gender; ``retyped``
    the untyped two-word names an "it" showed to be organisations.
    """

    cluster: Cluster | None
    constructed: str | None = None
    gendered: tuple[tuple[Cluster, str], ...] = ()
    retyped: tuple[Cluster, ...] = ()


class Clusters:
    """Every cluster in order of creation; the only code that changes a cluster."""

    def __init__(self) -> None:
        self._all: list[Cluster] = []

    def __iter__(self) -> Iterator[Cluster]:
        return iter(self._all)

    def newest_first(self) -> Iterator[Cluster]:
        """The clusters, the most recently created first."""
        return reversed(self._all)

    def recent_first(self) -> list[Cluster]:
        """The clusters, the one mentioned last first (ties: in order of creation)."""
        return sorted(self._all, key=lambda c: c.last_seen, reverse=True)

    def recent_speakers(self) -> list[Cluster]:
        """The clusters, the one that spoke last first (ties: in order of creation)."""
        return sorted(self._all, key=lambda c: c.last_speaker, reverse=True)

    # ------------------------------------------------------------------ changes
    def new(self, constructed: str | None = None) -> Cluster:
        """A new, empty cluster, last in order of creation."""
        cluster = Cluster(len(self._all), constructed=constructed)
        self._all.append(cluster)
        return cluster

    def add(self, c: Cluster, m: Mention, speaker: bool) -> None:
        """Add mention ``m`` to ``c``; ``speaker``: it speaks or relays a claim."""
        c.mentions.append(m)
        c.last_seen = max(c.last_seen, m.span.start)
        if speaker:
            c.speaker = True
            c.last_speaker = max(c.last_speaker, m.span.start)

    def learn(self, c: Cluster, lesson: Lesson) -> None:
        """Apply what a mention taught ``c``."""
        if lesson.name and lesson.name not in c.names:
            c.names.append(lesson.name)  # once each: the cluster's name scans stay short on a long story
        c.words |= lesson.words
        c.ages |= lesson.ages
        c.kind |= lesson.kinds
        c.gender = lesson.gender

    def apply(self, found: Found) -> None:
        """Apply what finding a mention's cluster taught other clusters."""
        for c in found.retyped:
            c.kind = {"org?"}
        for c, gender in found.gendered:
            c.gender = gender
            c.kind.add("person")

    def set_gender(self, c: Cluster, gender: str) -> None:
        """Record ``c``'s gender."""
        c.gender = gender
