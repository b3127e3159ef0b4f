"""The word lists of ``data/cues.toml``, loaded once into a frozen ``Lexicon``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

# The classes of the ``[stance]`` table, in the order of ``types.Stance``.
STANCES = ("neutral", "distancing", "endorsing", "dramatic")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list attrib's rules consult; see ``data/cues.toml`` for the meaning of each."""

    neutral: frozenset[str]
    relay: frozenset[str]
    cognitive: frozenset[str]
    self_reporting: frozenset[str]
    needs_clause: frozenset[str]
    that_only: frozenset[str]
    object_claim: frozenset[str]
    refusals: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    citing: frozenset[str]
    documents: frozenset[str]
    collectives: frozenset[str]
    businesses: frozenset[str]
    channels: frozenset[str]
    platforms: frozenset[str]
    media: frozenset[str]
    outlets: frozenset[str]
    government: frozenset[str]
    organization: frozenset[str]
    groups: frozenset[str]
    person: frozenset[str]
    titles: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymous_phrases: tuple[str, ...]
    time_words: frozenset[str]
    male: frozenset[str]
    female_nouns: frozenset[str]
    male_nouns: frozenset[str]
    female: frozenset[str]
    neuter: frozenset[str]
    plural: frozenset[str]
    first_person: frozenset[str]
    second_person: frozenset[str]
    boilerplate: tuple[str, ...]
    captions: tuple[str, ...]
    stance: tuple[tuple[str, tuple[str, ...]], ...] = ()
    observers: frozenset[str] = frozenset()
    outlet_people: frozenset[str] = frozenset()
    observer_self: frozenset[str] = frozenset()
    observation_verbs: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    scare_marks: tuple[str, ...] = ()
    naming: tuple[str, ...] = ()
    describing: tuple[str, ...] = ()
    name_nouns: frozenset[str] = frozenset()
    title_small: frozenset[str] = frozenset()
    # layout: transcripts, signatures, colon introductions and headlines ([layout])
    host_labels: frozenset[str] = frozenset()
    answer_labels: frozenset[str] = frozenset()
    stage_directions: frozenset[str] = frozenset()
    interview_markers: frozenset[str] = frozenset()
    introductions: frozenset[str] = frozenset()
    not_sources: frozenset[str] = frozenset()
    furniture_notes: tuple[str, ...] = ()
    trailers: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    date_words: frozenset[str] = frozenset()
    # documents as sources ([documents])
    document_nouns: frozenset[str] = frozenset()
    document_verbs: frozenset[str] = frozenset()
    data_nouns: frozenset[str] = frozenset()
    surveys: frozenset[str] = frozenset()
    # broadcast and interview relays ([broadcast])
    broadcasters: frozenset[str] = frozenset()
    broadcast_words: frozenset[str] = frozenset()
    object_verbs: frozenset[str] = frozenset()
    proposition_verbs: frozenset[str] = frozenset()
    proposition_nouns: frozenset[str] = frozenset()
    predicative_verbs: frozenset[str] = frozenset()
    infinitive_verbs: frozenset[str] = frozenset()
    idioms: frozenset[str] = frozenset()
    adjunct_cases: frozenset[str] = frozenset()
    governed_cases: frozenset[str] = frozenset()
    rebuttal_verbs: frozenset[str] = frozenset()
    others_words: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    claim_making_verbs: frozenset[str] = frozenset()
    topic_phrases: frozenset[str] = frozenset()  # "talk about": a verb's lemma and its preposition

    # derived once, not on each of the analyzer's many lookups
    loaded: frozenset[str] = field(init=False, default=frozenset(), compare=False)
    """The one-word reporting verbs of the ``[stance]`` lists (a multi-word one is a cue through its verb)."""
    cues: frozenset[str] = field(init=False, default=frozenset(), compare=False)
    """Every reporting verb lemma."""
    topic_verbs: frozenset[str] = field(init=False, default=frozenset(), compare=False)
    """The verbs of ``topic_phrases`` ("talk" of "talk about")."""
    report_lemmas: frozenset[str] = field(init=False, default=frozenset(), compare=False)
    """Every lemma that may report speech in some construction: the claim passes ask the
    others' questions only of these."""

    def __post_init__(self) -> None:
        loaded = frozenset(phrase for _, phrases in self.stance for phrase in phrases if " " not in phrase)
        object.__setattr__(self, "loaded", loaded)
        object.__setattr__(self, "cues", self.neutral | loaded | self.relay)
        topics = frozenset(phrase.split()[0] for phrase in self.topic_phrases)
        object.__setattr__(self, "topic_verbs", topics)
        object.__setattr__(self, "report_lemmas", self.cues | self.object_verbs | self.proposition_verbs
                           | self.predicative_verbs | self.infinitive_verbs | topics
                           | frozenset(idiom.split()[0] for idiom in self.idioms))

    @property
    def pronouns(self) -> frozenset[str]:
        """Every third-person pronoun form."""
        return self.male | self.female | self.neuter | self.plural


def parse_lexicon(text: str) -> Lexicon:
    """Build a ``Lexicon`` from the TOML text of a cue file."""
    data = tomllib.loads(text)
    verbs, phrases, nouns, pron, boiler = (
        data["verbs"], data["phrases"], data["nouns"], data["pronouns"], data["boilerplate"],
    )
    seen, terms, layout = data["observation"], data["terms"], data.get("layout", {})
    documents, broadcast = data.get("documents"), data.get("broadcast")
    stance = {name: frozenset(" ".join(w.lower().split()) for w in words) for name, words in data["stance"].items()}

    def words(table: dict[str, list[str]], key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in table[key])

    return Lexicon(
        neutral=words(verbs, "neutral"),
        relay=words(verbs, "relay"),
        cognitive=words(verbs, "cognitive"),
        self_reporting=words(verbs, "self_reporting"),
        needs_clause=words(verbs, "needs_clause") | {w for w in stance["dramatic"] if " " not in w},
        object_claim=words(verbs, "object_claim"),
        that_only=words(verbs, "that_only"),
        refusals=words(verbs, "refusals"),
        according_to=tuple(tuple(p) for p in phrases["according_to"]),
        citing=words(phrases, "citing"),
        documents=words(nouns, "documents"),
        collectives=words(nouns, "collectives"),
        businesses=words(nouns, "businesses"),
        channels=words(nouns, "channels"),
        platforms=words(nouns, "platforms"),
        media=words(nouns, "media"),
        outlets=words(nouns, "outlets"),
        government=words(nouns, "government"),
        organization=words(nouns, "organization"),
        groups=words(nouns, "groups"),
        person=words(nouns, "person"),
        titles=words(nouns, "titles"),
        anonymous_heads=words(nouns, "anonymous_heads"),
        anonymous_phrases=tuple(nouns["anonymous_phrases"]),
        time_words=words(nouns, "time_words"),
        male=words(pron, "male"),
        female_nouns=words(data["gender"], "female"),
        male_nouns=words(data["gender"], "male"),
        female=words(pron, "female"),
        neuter=words(pron, "neuter"),
        plural=words(pron, "plural"),
        first_person=words(pron, "first_person"),
        second_person=words(pron, "second_person"),
        boilerplate=tuple(boiler["starts"]),
        captions=tuple(boiler["captions"]),
        stance=tuple((name, tuple(sorted(stance[name]))) for name in STANCES),
        observers=words(seen, "observers"),
        outlet_people=words(seen, "outlet_people"),
        observer_self=words(seen, "self"),
        observation_verbs=words(seen, "verbs"),
        negations=words(seen, "negations"),
        scare_marks=tuple(w.lower() for w in terms["scare"]),
        naming=tuple(w.lower() for w in terms["naming"]),
        describing=tuple(w.lower() for w in terms["describing"]),
        name_nouns=words(terms, "name_nouns"),
        title_small=words(terms, "title_small"),
        host_labels=words(layout, "hosts") if layout else frozenset(),
        answer_labels=words(layout, "answers") if layout else frozenset(),
        stage_directions=words(layout, "stage_directions") if layout else frozenset(),
        interview_markers=words(layout, "interview_markers") if layout else frozenset(),
        introductions=words(layout, "introductions") if layout else frozenset(),
        not_sources=words(layout, "not_sources") if layout else frozenset(),
        furniture_notes=tuple(w.lower() for w in layout.get("furniture_notes", ())) if layout else (),
        trailers=words(layout, "trailers") if layout else frozenset(),
        months=words(layout, "months") if layout else frozenset(),
        date_words=words(layout, "date_words") if layout else frozenset(),
        document_nouns=words(documents, "nouns") if documents else frozenset(),
        document_verbs=words(documents, "verbs") if documents else frozenset(),
        data_nouns=words(documents, "data_nouns") if documents else frozenset(),
        surveys=words(documents, "surveys") if documents else frozenset(),
        broadcasters=words(broadcast, "broadcasters") if broadcast else frozenset(),
        broadcast_words=words(broadcast, "broadcast_words") if broadcast else frozenset(),
        **{key: words(data["complements"], key) for key in (
            "object_verbs", "proposition_verbs", "proposition_nouns", "predicative_verbs", "infinitive_verbs", "idioms",
            "adjunct_cases", "governed_cases", "rebuttal_verbs", "others_words",
            "claim_nouns", "claim_making_verbs", "topic_phrases")},
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped in ``attribution/data/cues.toml``."""
    return parse_lexicon(resources.files("attribution").joinpath("data/cues.toml").read_text("utf-8"))
