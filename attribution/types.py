"""The value types that flow between attrib's stages: frozen, slotted, hashable."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ClaimKind(StrEnum):
    """How a claim is reported (values are those of the attrib/1 contract)."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"
    ACCORDING_TO = "according_to"


class EntityType(StrEnum):
    """What kind of source an entity is (values are those of the attrib/1 contract)."""

    PERSON = "person"
    ORGANIZATION = "organization"
    GOVERNMENT = "government"
    MEDIA = "media"
    GROUP = "group"
    ANONYMOUS = "anonymous"
    DOCUMENT = "document"
    OTHER = "other"


class Stance(StrEnum):
    """How a reporting verb leans on what it reports (values are those of the attrib/1 contract)."""

    NEUTRAL = "neutral"
    DISTANCING = "distancing"
    ENDORSING = "endorsing"
    DRAMATIC = "dramatic"


class Sourcing(StrEnum):
    """Whose authority a sentence of the story rests on (values are those of the attrib/1 contract)."""

    ATTRIBUTED = "attributed"
    UNSOURCED = "unsourced"
    OBSERVED = "observed"
    QUESTION = "question"


class TermUse(StrEnum):
    """How a quoted term that is not a whole quotation is used (values of the attrib/1 contract)."""

    ATTRIBUTED = "attributed"
    SCARE = "scare"
    NAME = "name"


class BlockKind(StrEnum):
    """The role a paragraph of pasted text plays in the story."""

    TITLE = "title"
    BYLINE = "byline"
    BODY = "body"
    CAPTION = "caption"
    BOILERPLATE = "boilerplate"
    META = "meta"


@dataclass(frozen=True, slots=True)
class Span:
    """A slice of the input text; invariant: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> Span:
        """The span ``source[start:end]``."""
        return cls(start, end, source[start:end])


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the input with its role; ``span`` is what gets parsed."""

    kind: BlockKind
    span: Span


@dataclass(frozen=True, slots=True)
class Document:
    """The story as pasted: metadata recognised in it and its paragraphs."""

    text: str
    title: Span | None
    publisher: str | None
    byline: tuple[str, ...]
    dateline: Span | None
    blocks: tuple[Block, ...]
    date: str | None = None  # the publication date when a saved page's metadata gives it
    extracted_by: str | None = None  # "trafilatura 2.3.1" when ``text`` was extracted from a web page


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a parse with Universal Dependencies labels and global offsets.

    ``head`` is the index of the head token within the same ``Parse``
    (a root points to itself); ``sent`` is the index of its sentence.
    """

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    ent: str
    sent: int
    space_after: bool = True

    def lower_text(self) -> str:
        """The word in lower case."""
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Parse:
    """The parse of one block: tokens, sentence boundaries and named entities."""

    block: int
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]
    entities: tuple[tuple[int, int, str], ...]
    children: tuple[tuple[int, ...], ...] = field(default=(), compare=False)

    def kids(self, i: int) -> tuple[int, ...]:
        """Indices of the dependents of token ``i`` in order."""
        return self.children[i]


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase that names or refers to a source, with its head word.

    ``full`` is the whole noun phrase with appositions and relative clauses
    ("Linda Marsh, 61, who served as ..."); ``name`` an apposed proper name;
    ``propn`` whether the parser tagged a word of the mention as a proper noun.
    """

    span: Span
    head: str
    is_pronoun: bool = False
    full: Span | None = None
    name: Span | None = None
    propn: bool = False


@dataclass(frozen=True, slots=True)
class Frame:
    """A claim as found in one sentence, before speakers are resolved to entities.

    ``via`` holds the mentions of intermediaries, nearest the speaker first.
    """

    kind: ClaimKind
    content: Span
    cue: Span | None
    cue_lemma: str
    speaker: Mention | None
    via: tuple[Mention, ...]
    channel: str | None
    time: str | None
    sentence: int
    confidence: float
    block: int
    clausal: bool = True  # the content is a clause ("said that ..."), not an object ("accused X of Y")


@dataclass(frozen=True, slots=True)
class Entity:
    """A cluster of mentions that refer to one source."""

    id: str
    name: str
    type: EntityType
    mentions: tuple[Span, ...]
    affiliation: str | None = None  # the organisation a person is named with ("CNN's Jake Tapper": CNN)


@dataclass(frozen=True, slots=True)
class Claim:
    """A piece of reported speech with who said it, via whom, how and when."""

    id: str
    kind: ClaimKind
    content: Span
    cue: Span | None
    cue_lemma: str
    speaker: str | None
    speaker_mention: Span | None
    via: tuple[str, ...]
    channel: str | None
    time: str | None
    sentence: int
    confidence: float
    via_mentions: tuple[Span | None, ...] = ()  # the mention of each ``via`` entity, same order; None where implied
    stance: Stance = Stance.NEUTRAL


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the headline or body as the parser split it.

    ``index`` counts sentences over the whole story, as ``Claim.sentence`` does;
    ``block`` is the index of the paragraph it belongs to.
    """

    index: int
    block: int
    span: Span


@dataclass(frozen=True, slots=True)
class SentenceLabel:
    """One sentence of the sourcing map: whose authority it rests on, and the claims it holds.

    ``observation`` is the stretch that makes an observed sentence one ("Reuters
    correspondents saw"), for a report to point at.
    """

    span: Span
    label: Sourcing
    claims: tuple[str, ...] = ()
    sentence: int = 0
    observation: Span | None = None


@dataclass(frozen=True, slots=True)
class QuotedTerm:
    """A span in quotation marks (marks included) that is not a whole quotation.

    ``speaker`` is the entity whose words an attributed term is; ``cue`` the words that
    told its use ("so-called", "dubbed", "the book"), for an explanation in reports.
    """

    span: Span
    label: TermUse
    speaker: str | None = None
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """The story's sourcing at a glance; shares are fractions in [0, 1] rounded to two places.

    ``stance`` counts the claims of each reporting-verb stance, in ``Stance`` order.
    """

    claims: int = 0
    sources: int = 0
    named_sources: int = 0
    anonymous_sources: int = 0
    document_sources: int = 0
    anonymous_claim_share: float = 0.0
    via_claim_share: float = 0.0
    top_source_share: float = 0.0
    unsourced_sentence_share: float = 0.0
    stance: tuple[tuple[Stance, int], ...] = tuple((s, 0) for s in Stance)


@dataclass(frozen=True, slots=True, repr=False)
class Analysis:
    """Everything attrib found in one story."""

    document: Document
    path: str | None
    sha256: str
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    warnings: tuple[str, ...] = ()
    model: str = ""  # the parser's model, e.g. "en_core_web_sm 3.8.0"
    sentences: tuple[Sentence, ...] = ()
    sourcing: tuple[SentenceLabel, ...] = ()
    quoted_terms: tuple[QuotedTerm, ...] = ()
    profile: Profile | None = None

    def __repr__(self) -> str:
        name = self.path or (self.document.title.text if self.document.title else "story")
        speakers = len({c.speaker for c in self.claims if c.speaker})
        return (f"<Analysis {name!r}: {len(self.claims)} claim{'' if len(self.claims) == 1 else 's'} by "
                f"{speakers} source{'' if speakers == 1 else 's'}, {len(self.document.text):,} characters>")

    def _repr_html_(self) -> str:
        """Jupyter's display hook; the rendering lives in ``attribution.report.notebook``."""
        from .report.notebook import to_notebook_html

        return to_notebook_html(self)

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with id ``entity_id``, or None."""
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None
