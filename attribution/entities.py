"""Entity resolution: clusters speaker, intermediary and named mentions into typed entities.

Pronouns, possessives ("his office"), definite descriptions ("the company",
"the 61-year-old") and short names ("Tokayev") are resolved to the entity they
refer to; every claim's speaker and intermediaries become entity ids.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from .lexicon import Lexicon
from .syntax import mention as make_mention
from .types import Claim, ClaimKind, Entity, EntityType, Frame, Mention, Parse, Span

_PLACES = {"GPE", "LOC", "FAC"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_AGE = re.compile(r"\b(\d{1,3})-year-old\b|^[^,]+,\s*(\d{1,3})\s*,")
_DETERMINERS = ("the ", "a ", "an ")
_NEW_REFERENT = {"a", "an", "other", "another", "some", "several", "many", "one", "two", "three", "four", "five"}
_POSSESSIVE = {"his": "male", "her": "female", "its": "neuter", "their": "plural"}


@dataclass
class _Cluster:
    """An entity while it is being built (private to this module)."""

    mentions: list[Mention] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    gender: str | None = None
    kind: set[str] = field(default_factory=set)
    last_speaker: int = -1
    last_seen: int = -1
    speaker: bool = False
    constructed: str | None = None

    def add(self, m: Mention, speaker: bool) -> None:
        self.mentions.append(m)
        self.last_seen = max(self.last_seen, m.span.start)
        if speaker:
            self.speaker = True
            self.last_speaker = max(self.last_speaker, m.span.start)


def resolve(
    text: str, frames: Sequence[Frame], parses: Sequence[Parse], lexicon: Lexicon, publisher: str | None
) -> tuple[tuple[Entity, ...], tuple[Claim, ...]]:
    """Cluster the mentions of ``frames`` (and named entities around them) into entities.

    Returns:
        The entities that speak or relay a claim (ids ``e1..`` by first mention)
        and the claims with their speaker and intermediaries as entity ids.
    """
    resolver = _Resolver(text, lexicon, publisher)
    events = _events(text, frames, parses, lexicon, resolver.places, resolver.orgs)
    # "Ashleigh Turner said she had bought four tins": a neutral report that opens with
    # she / he speaks of its speaker, which tells a named person's gender ("claims he took
    # $12 million" speaks of someone else, so loaded and object cues do not count)
    self_reference = {
        f.speaker.span: f.content.text.split(None, 1)[0].lower()
        for f in frames
        if f.speaker is not None and not f.speaker.is_pronoun and f.kind is not ClaimKind.DIRECT
        and f.cue_lemma in lexicon.self_reporting and f.content.text
    }
    assigned: dict[Span, _Cluster] = {}
    for m, is_speaker, at in events:
        resolver.at = at
        if m.span not in assigned:
            assigned[m.span] = resolver.place(m, is_speaker)
        elif is_speaker:
            assigned[m.span].add(m, True)
        cluster = assigned[m.span]
        first = self_reference.get(m.span, "")
        if cluster.gender is None and first in {"he", "she"} and cluster.names and cluster.kind & {"person", "person?"}:
            cluster.gender = "male" if first == "he" else "female"
    return resolver.finish(frames, assigned)


def _events(
    text: str, frames: Sequence[Frame], parses: Sequence[Parse], lexicon: Lexicon, places: set[Span],
    orgs: set[Span],
) -> list[tuple[Mention, bool, float]]:
    """Speaker and intermediary mentions, plus named entities, in reading order, with that order.

    The spans of named places (GPE, LOC, FAC) and organisations (ORG) that are not
    speakers are added to ``places`` and ``orgs``: weak evidence, as the small model
    often labels people ORG and GPE.
    """
    events: dict[Span, tuple[Mention, bool]] = {}
    order: dict[Span, float] = {}
    for f in frames:
        if f.speaker is not None:
            events[f.speaker.span] = (f.speaker, True)
        for m in f.via:
            events.setdefault(m.span, (m, True))
            if (f.speaker is not None and m.span.start < f.speaker.span.start
                    and m.span.text.split()[0].lower() in _POSSESSIVE):
                # "In a statement released by her office, President Ilze Ozola said": "her" looks ahead
                order[m.span] = f.speaker.span.start + 0.5
    speaking_places: set[Span] = set()
    # spans already covered, by start, with the furthest end reached so far (linear-time overlap test)
    covered = sorted((s.start, s.end) for s in events)
    starts = [s for s, _ in covered]
    reach = list(accumulate((e for _, e in covered), max))
    for p in parses:
        for start, end, label in p.entities:
            if label not in _NAMED:
                continue
            root = _root(p, start, end)
            m = make_mention(text, p, root, lexicon)
            if label == "GPE" and m.span in events and end - start == 1:
                speaking_places.add(m.span)  # "Zambia says ...": a country speaking, not a name inside another
            k, after = bisect_right(starts, m.span.start), bisect_left(starts, m.span.start)
            if (k and reach[k - 1] > m.span.start) or (after < len(starts) and starts[after] < m.span.end):
                continue
            events.setdefault(m.span, (m, False))
            if label in _PLACES:
                places.add(m.span)
            elif label == "ORG":
                orgs.add(m.span)
    places.update(speaking_places)
    return [(m, speaker, order.get(m.span, m.span.start)) for m, speaker in
            sorted(events.values(), key=lambda e: (order.get(e[0].span, e[0].span.start), -e[0].span.end))]


def _root(p: Parse, start: int, end: int) -> int:
    for i in range(start, end):
        if not start <= p.tokens[i].head < end or p.tokens[i].head == i:
            return i
    return end - 1


@lru_cache(maxsize=65536)
def _norm(name: str) -> str:
    low = " ".join(name.replace("’", "'").lower().split())
    for det in _DETERMINERS:
        if low.startswith(det):
            low = low[len(det):]
    return low


class _Resolver:
    def __init__(self, text: str, lexicon: Lexicon, publisher: str | None) -> None:
        self.text = text
        self.lex = lexicon
        self.publisher = _norm(publisher) if publisher else None
        self.clusters: list[_Cluster] = []
        self.at = 0.0  # where in the text the mention being placed is read (a cataphor reads later)
        self.places: set[Span] = set()
        self.orgs: set[Span] = set()

    # ------------------------------------------------------------------ placing one mention
    def place(self, m: Mention, speaker: bool) -> _Cluster:
        cluster = self._find(m)
        if cluster is None:
            cluster = _Cluster()
            self.clusters.append(cluster)
        cluster.add(m, speaker)
        self._learn(cluster, m)
        return cluster

    def _find(self, m: Mention) -> _Cluster | None:
        words = m.span.text.split()
        first = words[0].lower() if words else ""
        if m.is_pronoun and len(words) == 1:
            return self._pronoun(first, self.at)
        if first in _POSSESSIVE and len(words) > 1:
            return self._possessed(m, first)
        name = self._name(m)
        if name:
            found = self._by_name(name, m)
            if found is not None:
                return found
            if m.head not in self._common_heads():
                return self._titled(m)
            # "the Tokayev government" again, tagged differently this time: match it as a description
            if m.span.text.split()[0].lower() not in {"the", "this", "that"}:
                return None
            found = self._described(m)
            key = set(_norm(name).split()) - {m.head}
            return found if found is not None and not found.names and key & found.words else None
        if self._anonymous(m):
            return self._same_text(m)
        age = self._age_of_description(m)
        if age:
            for c in reversed(self.clusters):
                if age in c.ages:
                    return c
        if first in _NEW_REFERENT:
            return None  # "a three-judge panel", "other analysts": someone not met before
        if first in {"the", "this", "that"} or name is None:
            return self._described(m)
        return None

    def _common_heads(self) -> frozenset[str]:
        lex = self.lex
        return lex.government | lex.organization | lex.media | lex.groups

    def _name(self, m: Mention) -> str | None:
        """The proper name in a mention, titles stripped ("Kazakh President Kassym-Jomart Tokayev")."""
        if m.name is not None:
            return _strip_titles(m.name.text, self.lex)
        words = m.span.text.split()
        if m.head in self._common_heads() - self.lex.person:
            # "the Kazakh Interior Ministry", "Civic Ballot Watch", "the RIA news agency",
            # "the Tokayev government": an organisation keeps its words; "the English club" has no name
            body = [w for w in words if w.lower() not in {"the", "a", "an"}]
            while body and (body[0][:1].islower() or body[0].lower().endswith(_DESCRIPTIVE_SUFFIXES)):
                body = body[1:]
            if body and all(w[:1].isupper() or w.lower() in {"of", "and", "for", "the"} for w in body):
                return " ".join(body)
            lower = [k for k, w in enumerate(body) if w[:1].islower() and w.lower() not in _NAME_FUNCTION_WORDS]
            if (lower and lower[-1] < len(body) - 1 and body[lower[-1]].lower() not in _PREPOSITIONS
                    and all(w[:1].isupper() for w in body[lower[-1] + 1:])):
                return " ".join(body[lower[-1] + 1:])  # "Swedish toolmaker Varga Group"
            if body and m.propn and _is_proper_word(body[0]) and "’s" not in body[0] and "'s" not in body[0]:
                return " ".join(body)
            return None
        head_word = next((w for w in reversed(words) if w.lower().strip(",.") == m.head), "")
        if head_word[:1].islower():
            return None  # "a former Lumora engineer" describes someone; it does not name them
        if not any(w[:1].isupper() for w in words[1:]) and not (words and words[0][:1].isupper()
                                                                 and m.head not in self._nounish()):
            return None
        stripped = _strip_titles(m.span.text, self.lex)
        if not stripped or not stripped[:1].isupper():
            return None
        return stripped

    def _nounish(self) -> frozenset[str]:
        return self.lex.person | self._common_heads() | self.lex.anonymous_heads

    def _by_name(self, name: str, m: Mention) -> _Cluster | None:
        key = _norm(name)
        last = key.split()[-1] if key.split() else key
        person_like = m.head not in self._common_heads()
        head_kind = self._kind_of_head(m.head)
        if person_like and len(key.split()) == 1:
            # a bare surname with two people of that name ("Kiana Rowe", "her sister, Danielle Rowe"):
            # the one already called by it, else the one introduced first
            namesakes = [c for c in self.clusters if c.kind & {"person", "person?"}
                         and any(_norm(n).split()[-1] == key for n in c.names)]
            if len(namesakes) > 1:
                called = [c for c in namesakes if any(_norm(n) == key for n in c.names)]
                return (called or namesakes)[0]
        for c in reversed(self.clusters):
            if not self._compatible(head_kind, c):
                continue  # "the Tokayev government" is not Tokayev
            for other in c.names:
                o = _norm(other)
                if o == key:
                    return c
                # "Rowe" is Kiana Rowe; "Danielle Rowe" is not
                full_names = [_norm(n).split() for n in c.names if len(n.split()) > 1]
                same_person = len(key.split()) == 1 or all(
                    f[0] == key.split()[0] for f in full_names if f[-1] == last
                )
                if person_like and c.kind & {"person", "person?"} and o.split()[-1] == last and len(last) > 2 \
                        and same_person:
                    return c
                institutional = bool(c.kind & {"organization", "government", "media", "org?"})
                if person_like and institutional and "person" not in c.kind:
                    continue  # "Tokayev" is not "the Tokayev government"
                if (m.span in self.places and institutional) or ("place" in c.kind and len(key) > len(o)):
                    continue  # "Zambia" is not "the Zambia Chamber of Mines"
                if (key in o.split() or o in key.split()) and len(min(key, o, key=len)) > 3:
                    return c
                if _acronym(o) == key or _acronym(key) == o:
                    return c
        return None

    def _titled(self, m: Mention) -> _Cluster | None:
        """ "the regional governor ... Governor Alexei Voronin": a title names a described entity."""
        words = {w.lower().strip(",.;:") for w in m.span.text.split()[:-1]}
        titles = {w for w in words if w in self.lex.titles and w in self.lex.person}
        for c in reversed(self.clusters):
            if not c.names and c.words & titles and "person" in c.kind:
                return c
        return None

    def _anonymous(self, m: Mention) -> bool:
        full = (m.full or m.span).text.lower()
        first = m.span.text.split()[0].lower() if m.span.text.split() else ""
        if any(p in full for p in self.lex.anonymous_phrases):
            return True
        indefinite = first in {"a", "an", "one", "two", "three", "four", "several", "some", "many", "other"}
        return m.head in self.lex.anonymous_heads and (indefinite or first == m.head)

    def _same_text(self, m: Mention) -> _Cluster | None:
        key = _norm(m.span.text)
        for c in self.clusters:
            if "anonymous" in c.kind and any(_norm(x.span.text) == key for x in c.mentions):
                return c
        return None

    def _age_of_description(self, m: Mention) -> str | None:
        match = re.fullmatch(r"(?:the|a|an)\s+(\d{1,3})-year-old", m.span.text.strip(), re.IGNORECASE)
        return match.group(1) if match else None

    def _described(self, m: Mention) -> _Cluster | None:
        """ "the company", "the ministry", "the rebel delegation", "the former senator"."""
        head = m.head
        words = {w.lower().strip(",.’'s") for w in m.span.text.split()[1:]} - {"the", "of", "for"}
        kind = self._kind_of_head(head)
        owned = "’s " in m.span.text or "'s " in m.span.text or " of " in m.span.text
        for c in sorted(self.clusters, key=lambda c: c.last_seen, reverse=True):
            if not self._compatible(kind, c):
                continue
            if head in c.words and (kind != "person" or not owned or words <= c.words):
                return c  # "the head of Sigi regency" is not "the head of the meteorology agency"
            if kind != "person" and head in self.lex.collectives and (words - {head}) & c.words - self._generic():
                return c  # "the rebel delegation" -> "the Andean Liberation Front rebel group"
        named_modifier = any(
            w[:1].isupper() and any(w.lower() in _norm(n).split() for c in self.clusters for n in c.names)
            for w in m.span.text.split()[1:-1]
        )
        if kind == "organization" and head in self.lex.businesses and not named_modifier:
            # "the company", "the English club": the organisation last quoted
            for c in sorted(self.clusters, key=lambda c: c.last_speaker, reverse=True):
                if c.speaker and kind in c.kind:
                    return c

        if self._age_of_description(m):
            kind, owned = "person", False  # "the 31-year-old" not introduced with an age
        # "the Sigi police chief" is someone new; "the Finnish astronomer" is who was just quoted
        named = any(_is_proper_word(w) for w in m.span.text.split()[1:])
        if kind == "person" and m.span.text.split()[0].lower() == "the" and not owned and not named:
            # "The former finance ministry economist ... also announced": the person just quoted
            recent = [c for c in self.clusters if c.speaker and c.kind & {"person", "person?"}]
            if recent:
                return max(recent, key=lambda c: c.last_speaker)
        if m.is_pronoun or head in self.lex.pronouns:
            return self._pronoun(head, self.at)
        return None

    @staticmethod
    def _compatible(kind: str | None, c: _Cluster) -> bool:
        """A description of an organisation never names a person, nor the reverse."""
        if kind is None or not c.kind:
            return True
        institutional = {"organization", "government", "media", "org?"}
        if kind in institutional:
            return bool(c.kind & institutional)
        if kind == "person":
            return bool(c.kind & {"person", "person?", "anonymous"})
        return kind in c.kind

    def _generic(self) -> set[str]:
        return {"former", "new", "local", "national", "state", "regional", "senior", "chief", "same", "other",
                "first", "second", "main", "general", "official", "public", "u.s."}

    def _kind_of_head(self, head: str) -> str | None:
        lex = self.lex
        if head in lex.media:
            return "media"
        if head in lex.government:
            return "government"
        if head in lex.organization:
            return "organization"
        if head in lex.groups:
            return "group"
        if head in lex.person:
            return "person"
        if head in lex.document_nouns:
            return "document"  # "the poll shows", "according to the filing"
        return None

    def _pronoun(self, word: str, at: int) -> _Cluster | None:
        """The most recent compatible speaker (then any named entity) before ``at``."""
        lex = self.lex
        if word in lex.male or word in lex.female:
            want = "male" if word in lex.male else "female"
            ok = lambda c: (  # noqa: E731
                ("person" in c.kind or "person?" in c.kind and "place" not in c.kind or _one_anonymous(c))
                and c.gender in {None, want}
            )
        elif word in lex.neuter:
            ok = lambda c: bool(c.kind & {"organization", "government", "media", "org?"})  # noqa: E731
        else:
            ok = lambda c: bool(c.kind & {"group", "organization", "government", "anonymous"})  # noqa: E731
        before = [c for c in self.clusters if c.last_seen < at and ok(c) and not self._is_publisher(c)]
        if not before and word in lex.neuter:
            # "Nordvik ... it said": a two-word name the model could not type is an organisation
            before = [c for c in self.clusters if c.last_seen < at and c.kind == {"person?"}]
            for c in before:
                c.kind = {"org?"}
        speakers = [c for c in before if c.speaker]
        pool = speakers or before
        if not pool:
            return None
        best = max(pool, key=lambda c: c.last_speaker if speakers else c.last_seen)
        if word in lex.male or word in lex.female:
            best.gender = "male" if word in lex.male else "female"
            best.kind.add("person")
        return best

    def _possessed(self, m: Mention, pron: str) -> _Cluster | None:
        """ "his office" -> Tokayev's office; "his government" -> the Tokayev government."""
        owner = self._pronoun(pron, self.at)
        rest = m.span.text.split(None, 1)[1]
        for c in reversed(self.clusters):
            if m.head in c.words and owner is not None and owner is not c and any(
                _norm(n).split()[-1] in _norm(x.span.text) for n in owner.names for x in c.mentions
            ):
                return c
        if owner is None:
            # "his government" with no person in sight: the government last mentioned
            same = [c for c in self.clusters if m.head in c.words]
            if same:
                return max(same, key=lambda c: c.last_seen)
        cluster = _Cluster()
        self.clusters.append(cluster)
        if owner is not None and owner.names:
            cluster.constructed = f"{_best_name(owner.names)}'s {rest}"
        return cluster

    # ------------------------------------------------------------------ learning from a mention
    def _learn(self, c: _Cluster, m: Mention) -> None:
        lex = self.lex
        text = m.span.text
        name = self._name(m) if not m.is_pronoun else None
        if name and name not in c.names:
            c.names.append(name)  # once each: the cluster's name scans stay short on a long story
        words = [w.lower().strip(",.’'") for w in text.split()]
        c.words.update(w for w in words if w not in {"the", "a", "an"})
        if m.span in self.places:
            c.kind.add("place")  # "New Zealand", "the United States": not a person, even with two names
        full = (m.full or m.span).text
        for match in _AGE.finditer(full):
            c.ages.add(match.group(1) or match.group(2))
        c.words.update(w.lower().strip(",.") for w in full.split() if w.lower().strip(",.") in lex.person)
        head = m.head
        kind = self._kind_of_head(head)
        titled = any(w in lex.titles for w in words[:-1]) and text.split()[-1][:1].isupper()
        if m.is_pronoun:
            if head in lex.male or head in lex.female:
                c.kind.add("person")
                c.gender = c.gender or ("male" if head in lex.male else "female")
            elif head in lex.neuter:
                c.kind.add("org?")
        elif self._anonymous(m) and not name:
            c.kind.add("anonymous")
        elif {_norm(text), _norm(name or "")} & (lex.outlets | lex.broadcasters):
            c.kind.add("media")
        elif kind and (not name or m.name is None and (head == words[-1] or kind != "person")):
            c.kind.add(kind)
        elif titled or c.ages:
            c.kind.add("person")
        elif name and any(w in lex.organization or w.endswith("maker") for w in words[:-1] if w.islower()):
            c.kind.add("organization")  # "Swedish chipmaker Nordvik Semiconductors"
        elif name and any(w in lex.media for w in words[:-1] if w.islower()):
            c.kind.add("media")  # "Business daily Handelsblatt"
        elif name and m.span in self.orgs:
            c.kind.add("org?")  # "Northbridge Rovers" named as an organisation by the model
        elif name and len(name.split()) in {2, 3} and all(w[:1].isupper() for w in name.split()):
            c.kind.add("person?")
        if words and words[-1] in lex.female_nouns | {w for w in words if w in lex.female_nouns}:
            c.gender = "female"
        elif words and words[-1] in lex.male_nouns:
            c.gender = "male"

    # ------------------------------------------------------------------ freezing
    def finish(
        self, frames: Sequence[Frame], assigned: dict[Span, _Cluster]
    ) -> tuple[tuple[Entity, ...], tuple[Claim, ...]]:
        used: list[_Cluster] = []
        for f in frames:
            for m in (f.speaker, *f.via):
                if m is not None and assigned[m.span] not in used:
                    used.append(assigned[m.span])
        used.sort(key=lambda c: min(x.span.start for x in c.mentions))
        ids = {id(c): f"e{n}" for n, c in enumerate(used, 1)}
        entities = tuple(
            Entity(ids[id(c)], self._canonical(c), self._type(c),
                   tuple(sorted({x.span for x in c.mentions}, key=lambda s: (s.start, s.end))))
            for c in used
        )
        claims = []
        for n, f in enumerate(sorted(frames, key=lambda f: (f.content.start, f.content.end)), 1):
            speaker = assigned[f.speaker.span] if f.speaker is not None else None
            via: list[str] = []
            for m in f.via:
                c = assigned[m.span]
                if c is speaker or ids[id(c)] in via or self._is_publisher(c):
                    continue
                via.append(ids[id(c)])
            claims.append(Claim(
                id=f"c{n}", kind=f.kind, content=f.content, cue=f.cue, cue_lemma=f.cue_lemma,
                speaker=ids[id(speaker)] if speaker is not None else None,
                speaker_mention=f.speaker.span if f.speaker is not None else None,
                via=tuple(via), channel=f.channel, time=f.time, sentence=f.sentence,
                confidence=round(f.confidence, 2),
            ))
        return entities, tuple(claims)

    def _is_publisher(self, c: _Cluster) -> bool:
        return self.publisher is not None and any(_norm(n) == self.publisher for n in c.names)

    def _canonical(self, c: _Cluster) -> str:
        if c.names:
            return _best_name(c.names)
        if c.constructed:
            return c.constructed
        described = [x for x in c.mentions if not x.is_pronoun]
        if described:
            text = described[0].span.text
            low = text.lower()
            for det in _DETERMINERS:
                if low.startswith(det):
                    return text[len(det):]
            return text
        return c.mentions[0].span.text

    def _type(self, c: _Cluster) -> EntityType:
        for kind, etype in (
            ("anonymous", EntityType.ANONYMOUS), ("media", EntityType.MEDIA), ("person", EntityType.PERSON),
            ("government", EntityType.GOVERNMENT), ("organization", EntityType.ORGANIZATION),
            ("group", EntityType.GROUP), ("document", EntityType.DOCUMENT), ("place", EntityType.OTHER),
            ("person?", EntityType.PERSON), ("org?", EntityType.ORGANIZATION),
        ):
            if kind in c.kind:
                return etype
        return EntityType.OTHER


def _one_anonymous(c: _Cluster) -> bool:
    """ "One parent, who spoke on condition that she not be named": a single unnamed person."""
    if "anonymous" not in c.kind or not c.mentions:
        return False
    head = c.mentions[0].head
    return not head.endswith("s") and head not in {"people", "staff", "police"}


def _best_name(names: list[str]) -> str:
    return max(names, key=lambda n: (len(n.split()), len(n)))


_PREPOSITIONS = {"in", "at", "from", "with", "on", "near", "by", "to", "outside", "inside", "across", "around"}
_NAME_FUNCTION_WORDS = {
    "of", "the", "and", "for", "de", "la", "del", "della", "dello", "degli", "di", "des", "der", "den", "van",
    "von", "al", "el", "bin", "da", "do", "dos", "du", "le", "y", "e",
}
_DESCRIPTIVE_SUFFIXES = ("-based", "-led", "-owned", "-run", "-backed", "-born", "-controlled", "-listed")


def _strip_titles(text: str, lex: Lexicon) -> str:
    """ "Kazakh President Kassym-Jomart Tokayev" -> "Kassym-Jomart Tokayev"."""
    words = text.split()
    while len(words) > 1 and words[0].lower().endswith(_DESCRIPTIVE_SUFFIXES):
        words = words[1:]  # "Mainz-based Helixion Biotech"
    last_title = -1
    for k, w in enumerate(words[:-1]):
        low = w.lower()
        if low in lex.titles:
            last_title = k
        elif not (w[:1].isupper() or low in {"the", "a", "an"} or w[:1].islower()):
            break
    if 0 <= last_title < len(words) - 1:
        words = words[last_title + 1:]
    lower = [k for k, w in enumerate(words[:-1]) if w[:1].islower() and w.lower() not in _NAME_FUNCTION_WORDS]
    if lower and words[lower[-1]].lower() not in _PREPOSITIONS and all(
        w[:1].isupper() or w.lower() in _NAME_FUNCTION_WORDS for w in words[lower[-1] + 1:]
    ):
        words = words[lower[-1] + 1:]  # "Consumer group ParentSafe Australia" -> "ParentSafe Australia"
    while len(words) > 1 and (words[0].lower() in {"the", "a", "an"} or words[0][:1].islower()):
        words = words[1:]
    if words and words[-1].lower().endswith(("'s", "’s")):
        return ""
    return " ".join(words).strip(",.")


def _is_proper_word(word: str) -> bool:
    """A capitalised word that names (RIA, Tokayev), not a nationality adjective (English, Korean)."""
    if len(word) >= 2 and word.isupper():
        return True
    return word[:1].isupper() and not word.lower().endswith(("ish", "ian", "ese", "an", "ic", "ch", "kh"))


@lru_cache(maxsize=65536)
def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w not in {"of", "the", "and", "for"}]
    return "".join(w[0] for w in words) if len(words) > 1 else ""
