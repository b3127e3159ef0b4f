"""Which entity a mention joins: by its name, its title, its words, its age, or what it refers back to."""

from __future__ import annotations

from dataclasses import replace
from itertools import islice

from ..types import Mention
from .events import POSSESSIVE
from .kinds import INSTITUTIONAL, PERSONS, age_of_description, compatible, is_anonymous, kind_of_head
from .names import acronym, norm, proper_name
from .references import described, possessed, pronoun
from .state import Cluster, Context, Found
from .store import Clusters

# "a three-judge panel", "other analysts": someone not met before
_NEW_REFERENT = {"a", "an", "other", "another", "some", "several", "many", "one", "two", "three", "four", "five"}
_DEFINITE = {"the", "this", "that"}


def find(m: Mention, at: float, store: Clusters, ctx: Context) -> Found:
    """The cluster mention ``m`` (read at ``at``) belongs to, or None for a new entity."""
    words = m.span.text.split()
    first = words[0].lower() if words else ""
    if m.is_pronoun and len(words) == 1:
        return pronoun(first, at, store, ctx)
    if first in POSSESSIVE and len(words) > 1:
        return possessed(m, first, at, store, ctx)
    name = proper_name(m, ctx)
    if name:
        named = by_name(name, m, store, ctx)
        if named is not None:
            return Found(named)
        if m.head not in ctx.common_heads:
            return Found(titled(m, store, ctx))
        # "the Tokayev government" again, tagged differently this time: match it as a description
        if first not in _DEFINITE:
            return Found(None)
        found = described(m, at, store, ctx)
        key = set(norm(name).split()) - {m.head}
        c = found.cluster
        return found if c is not None and not c.names and key & c.words else replace(found, cluster=None)
    if is_anonymous(m, ctx.lex, ctx.anonymity):
        return Found(same_text(m, store))
    age = age_of_description(m)
    if age:
        aged = store.newest_with_age(age)
        if aged is not None:
            return Found(aged)
    if first in _NEW_REFERENT:
        return Found(None)
    if first in _DEFINITE or name is None:
        return described(m, at, store, ctx)
    return Found(None)


def by_name(name: str, m: Mention, store: Clusters, ctx: Context) -> Cluster | None:
    """The entity already called ``name``, by a part of it ("Rowe") or by its initials."""
    key = norm(name)
    last = key.split()[-1] if key.split() else key
    person_like = m.head not in ctx.common_heads
    head_kind = kind_of_head(m.head, ctx.lex)
    if person_like and len(key.split()) == 1:
        # a bare surname with two people of that name ("Kiana Rowe", "her sister, Danielle Rowe"):
        # the one already called by it, else the one introduced first
        namesakes = list(islice((c for c in store.surnamed(key) if c.kind & PERSONS), 2))
        if len(namesakes) > 1:
            return next((c for c in store.called(key) if c.kind & PERSONS), namesakes[0])
    for c in store.named_like(key):
        if not compatible(head_kind, c):
            continue  # "the Tokayev government" is not Tokayev
        # "Rowe" is Kiana Rowe; "Danielle Rowe" is not; "Ruiz Montes" is Alberto Ruiz Montes
        full_names = [norm(n).split() for n in c.names if len(n.split()) > 1]
        parts = key.split()
        same_person = len(parts) == 1 or all(
            f[0] == parts[0] or f[-len(parts):] == parts for f in full_names if f[-1] == last
        )
        for other in c.names:
            o = norm(other)
            if o == key:
                return c
            if person_like and c.kind & PERSONS and o.split()[-1] == last and len(last) > 2 and same_person:
                return c
            institutional = bool(c.kind & INSTITUTIONAL)
            if person_like and institutional and "person" not in c.kind:
                continue  # "Tokayev" is not "the Tokayev government"
            if (m.span in ctx.places and institutional) or ("place" in c.kind and len(key) > len(o)):
                continue  # "Zambia" is not "the Zambia Chamber of Mines"
            if (key in o.split() or o in key.split()) and len(min(key, o, key=len)) > 3:
                return c
            if acronym(o) == key or acronym(key) == o:
                return c
    return None


def titled(m: Mention, store: Clusters, ctx: Context) -> Cluster | None:
    """ "the regional governor ... Governor Alexei Voronin": a title names a described entity."""
    lex = ctx.lex
    words = {w.lower().strip(",.;:") for w in m.span.text.split()[:-1]}
    titles = {w for w in words if w in lex.titles and w in lex.person}
    return next((c for c in store.unnamed_with_any_word(sorted(titles)) if "person" in c.kind), None)


def same_text(m: Mention, store: Clusters) -> Cluster | None:
    """An anonymous source is the same only when described in the same words ("a senior official")."""
    key = norm(m.span.text)
    return next((c for c in store.with_text(key) if "anonymous" in c.kind), None)
