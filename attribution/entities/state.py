"""The explicit state of entity resolution: the story's facts, the entities being built, what a step found."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..lexicon import Lexicon
from ..phrases import PhraseIndex, index_phrases
from ..types import Mention, Span
from .wordindex import WordIndex, index_words


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
    labels: Mapping[tuple[int, int], str]  # (start, end) of every name the model labelled -> its label
    common_heads: frozenset[str]  # head words of organisations, governments, media and groups
    nounish: frozenset[str]  # head words of any kind of source: they describe rather than name
    pronouns: frozenset[str]
    person_words: WordIndex  # where the story's person nouns ("spokesman", "lawyer") stand
    anonymity: PhraseIndex  # where its anonymity phrases ("declined to be named") stand

    @classmethod
    def of(
        cls, lex: Lexicon, publisher: str | None, places: frozenset[Span], orgs: frozenset[Span],
        labels: Mapping[tuple[int, int], str], text: str,
    ) -> Context:
        """The context of story ``text`` with ``publisher`` (already normalised) and the model's named spans."""
        common = lex.government | lex.organization | lex.media | lex.groups
        nounish = lex.person | common | lex.anonymous_heads
        return cls(lex, publisher, places, orgs, labels, common, nounish, lex.pronouns,
                   index_words(text, lex.person), index_phrases(text, lex.anonymous_phrases))


@dataclass(eq=False, slots=True)
class Cluster:
    """An entity while it is being built: the one mutable thing in this package.

    Only ``store.Clusters`` changes a cluster, so its indexes stay true. ``index`` is the
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
    texts: set[str] = field(default_factory=set)  # the normalised texts of its mentions
    affiliation: str | None = None  # the organisation a person is named with ("CNN's Jake Tapper")


@dataclass(frozen=True, slots=True)
class Lesson:
    """What one mention teaches its cluster (see ``learning.teach``)."""

    name: str | None
    words: frozenset[str]
    ages: frozenset[str]
    kinds: frozenset[str]
    gender: str | None
    affiliation: str | None = None


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
