"""Mentions that refer back: pronouns, possessives ("his office") and descriptions ("the company")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..types import Mention
from .kinds import (
    GENERIC,
    INSTITUTIONAL,
    PERSONS,
    age_of_description,
    compatible,
    is_publisher,
    kind_of_head,
    one_anonymous,
)
from .names import best_name, is_proper_word, norm
from .state import Cluster, Context, Found
from .store import Clusters


def pronoun(word: str, at: float, store: Clusters, ctx: Context) -> Found:
    """The most recent compatible speaker (then any entity) mentioned before ``at``.

    A he / she found this way tells its entity's gender; an "it" that finds no
    organisation makes the untyped two-word names before it organisations.
    """
    lex = ctx.lex
    want: str | None = None
    ok: Callable[[Cluster], bool]
    if word in lex.male or word in lex.female:
        want = "male" if word in lex.male else "female"
        ok = lambda c: (  # noqa: E731
            ("person" in c.kind or "person?" in c.kind and "place" not in c.kind or one_anonymous(c))
            and c.gender in {None, want}
        )
    elif word in lex.neuter:
        ok = lambda c: bool(c.kind & INSTITUTIONAL)  # noqa: E731
    else:
        ok = lambda c: bool(c.kind & {"group", "organization", "government", "anonymous"})  # noqa: E731
    def eligible(c: Cluster) -> bool:
        return c.last_seen < at and ok(c) and not is_publisher(c, ctx)

    # the speaker that spoke last, else the entity mentioned last
    best = next(filter(eligible, store.recent_speakers()), None) or next(filter(eligible, store.recent()), None)
    if best is not None:
        return Found(best, gendered=((best, want),) if want else ())
    if word not in lex.neuter:
        return Found(None)
    # "Nordvik ... it said": a two-word name the model could not type is an organisation
    retyped = tuple(store.untyped_before(at))
    speakers = [c for c in retyped if c.speaker]
    pool = speakers or retyped
    if not pool:
        return Found(None, retyped=retyped)
    return Found(max(pool, key=lambda c: c.last_speaker if speakers else c.last_seen), retyped=retyped)


def subject_before(m: Mention, found: Found, subject: Cluster | None, ctx: Context) -> Found:
    """ "Mr. Harlan dismissed that account. “Nobody has asked me,” he said": a pronoun that
    speaks refers to the named subject of the sentence before it in its paragraph, when that
    fits, rather than to whoever spoke last."""
    word = m.span.text.lower()
    if subject is None or subject is found.cluster:
        return found
    lex = ctx.lex
    if not m.is_pronoun:
        # "Shaw, who scored the winner, was more cautious. The striker told Sky Sports ...": a
        # bare description of a person no one was called before is the subject just named
        words = m.span.text.split()
        bare = bool(words) and words[0].lower() == "the" and not any(is_proper_word(w) for w in words[1:])
        person = not subject.kind or subject.kind & PERSONS
        matched = found.cluster is not None and m.head in found.cluster.words
        described_person = kind_of_head(m.head, lex) == "person" or age_of_description(m) is not None
        if bare and described_person and person and not matched and m.head not in subject.words:
            return Found(subject)
        return found
    if word in lex.male or word in lex.female:
        want = "male" if word in lex.male else "female"
        # a name the model could not type is a person here ("Liam O'Dowd saw it differently")
        person = not subject.kind or "person" in subject.kind or (
            "person?" in subject.kind and "place" not in subject.kind)
        if person and subject.gender in {None, want}:
            return Found(subject, gendered=((subject, want),))
    elif word in lex.neuter:
        # an organisation, a thing, or a name the model could not type ("Harrowgate denied
        # that ... It said"), but no one known to be a person
        thing = subject.kind & INSTITUTIONAL or (subject.kind and not subject.kind & PERSONS)
        if thing or not subject.kind and not subject.gender:
            return Found(subject)
    return found


def speaking_for(m: Mention, voice: Cluster | None) -> Cluster | None:
    """Who a first-person pronoun inside a quote is, given the quote's speaker ``voice``.

    "“I said the plan would fail,” Smith said": "I" is Smith. "“We said the plant was
    unsafe,” the union said": "we" is the union, an organisation or group speaking for
    itself; a person's "we" is someone's group, not the person.
    """
    if voice is None or len(m.span.text.split()) != 1:
        return None
    if m.span.text.lower() in {"i", "me", "myself"}:
        return voice
    return voice if voice.kind & (INSTITUTIONAL | {"group", "anonymous"}) else None


def possessed(m: Mention, owner_word: str, at: float, store: Clusters, ctx: Context) -> Found:
    """ "his office" -> Tokayev's office; "his government" -> the Tokayev government."""
    found = pronoun(owner_word, at, store, ctx)
    owner = found.cluster
    rest = m.span.text.split(None, 1)[1]
    if owner is not None:
        surnames = {norm(n).split()[-1] for n in owner.names}
        for c in store.with_word(m.head):
            if owner is not c and any(s in text for s in surnames for text in c.texts):
                return replace(found, cluster=c)
    else:
        # "his government" with no person in sight: the government last mentioned
        same = next(store.seen_with([m.head]), None)
        if same is not None:
            return replace(found, cluster=same)
    constructed = f"{best_name(owner.names)}'s {rest}" if owner is not None and owner.names else None
    return replace(found, cluster=None, constructed=constructed)


def described(m: Mention, at: float, store: Clusters, ctx: Context) -> Found:
    """ "the company", "the ministry", "the rebel delegation", "the former senator"."""
    lex = ctx.lex
    head = m.head
    words = {w.lower().strip(",.’'s") for w in m.span.text.split()[1:]} - {"the", "of", "for"}
    kind = kind_of_head(head, lex)
    owned = "’s " in m.span.text or "'s " in m.span.text or " of " in m.span.text
    collective = kind != "person" and head in lex.collectives
    if kind == "person" and owned:
        candidates = store.seen_with_all(words | {head})
    else:
        candidates = store.seen_with([head, *((words - {head} - GENERIC) if collective else ())])
    for c in candidates:
        if not compatible(kind, c):
            continue
        if head in c.words and (kind != "person" or not owned or words <= c.words):
            return Found(c)  # "the head of Sigi regency" is not "the head of the meteorology agency"
        if collective and (words - {head}) & c.words - GENERIC:
            return Found(c)  # "the rebel delegation" -> "the Andean Liberation Front rebel group"
    named_modifier = any(
        w[:1].isupper() and store.is_name_word(w.lower()) for w in m.span.text.split()[1:-1]
    )
    if kind == "organization" and head in lex.businesses and not named_modifier:
        # "the company", "the English club": the organisation last quoted
        for c in store.recent_speakers():
            if kind in c.kind:
                return Found(c)
    if age_of_description(m):
        kind, owned = "person", False  # "the 31-year-old" not introduced with an age
    # "the Sigi police chief" is someone new; "the Finnish astronomer" is who was just quoted
    named = any(is_proper_word(w) for w in m.span.text.split()[1:])
    if kind == "person" and m.span.text.split()[0].lower() == "the" and not owned and not named:
        # "The former finance ministry economist ... also announced": the person just quoted
        recent = next((c for c in store.recent_speakers() if c.kind & PERSONS), None)
        if recent is not None and (recent.names or head in recent.words):
            return Found(recent)  # but "the nurse ... the mayor": two people no name joins
    if m.is_pronoun or head in ctx.pronouns:
        return pronoun(head, at, store, ctx)
    return Found(None)
