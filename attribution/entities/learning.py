"""What one mention teaches the entity it joins: a name, words, ages, a kind of source, a gender."""

from __future__ import annotations

import re

from ..types import Mention
from .kinds import is_anonymous, kind_of_head
from .names import affiliation, norm, proper_name
from .state import Cluster, Context, Lesson
from .wordindex import words_in

_AGE = re.compile(r"\b(\d{1,3})-year-old\b|^[^,]+,\s*(\d{1,3})\s*,")


def teach(c: Cluster, m: Mention, ctx: Context) -> Lesson:
    """What mention ``m`` adds to what ``c`` already knows (``c`` is only read)."""
    lex = ctx.lex
    text = m.span.text
    name = proper_name(m, ctx) if not m.is_pronoun else None
    words = [w.lower().strip(",.’'") for w in text.split()]
    full = (m.full or m.span).text
    ages = _ages(full)
    learned = {w for w in words if w not in {"the", "a", "an"}}
    learned |= words_in(ctx.person_words, m.full or m.span, lex.person)
    kinds = {"place"} if m.span in ctx.places else set()  # "New Zealand": not a person, even with two names
    gender = c.gender
    head = m.head
    kind = kind_of_head(head, lex) or (kind_of_head(norm(name), lex) if name else None)  # "the White House"
    titled = any(w in lex.titles for w in words[:-1]) and text.split()[-1][:1].isupper()
    # words that describe a name ("Swedish chipmaker Nordvik", "Philippine Daily Inquirer"); the
    # affiliation in "Fox News' Bret Baier" does not describe Baier
    in_name = set(name.split()) if name else set()
    modifiers = [w for w, raw in zip(words[:-1], text.split(), strict=False) if raw[:1].islower() or raw in in_name]
    if m.is_pronoun:
        if head in lex.male or head in lex.female:
            kinds.add("person")
            gender = gender or ("male" if head in lex.male else "female")
        elif head in lex.neuter:
            kinds.add("org?")
    elif is_anonymous(m, lex, ctx.anonymity) and not name:
        kinds.add("anonymous")
    elif any(n in lex.outlets or n in lex.broadcasters for n in (norm(text), norm(name or ""))):
        kinds.add("media")
    elif kind and (not name or m.name is None and (head == words[-1] or kind != "person")):
        kinds.add(kind)
    elif titled or c.ages or ages:
        kinds.add("person")
    elif name and any(w in lex.organization or w.endswith("maker") for w in modifiers):
        kinds.add("organization")  # "Swedish chipmaker Nordvik Semiconductors"
    elif name and any(w in lex.media for w in modifiers):
        kinds.add("media")  # "Business daily Handelsblatt"
    elif name and m.span in ctx.orgs:
        kinds.add("org?")  # "Northbridge Rovers" named as an organisation by the model
    elif name and len(name.split()) in {2, 3} and all(w[:1].isupper() for w in name.split()):
        kinds.add("person?")
    if words and words[-1] in lex.female_nouns:
        gender = "female"  # "the spokeswoman"
    elif words and words[-1] in lex.male_nouns:
        gender = "male"
    employer = affiliation(m, name, ctx) if name and m.head not in ctx.common_heads else None
    return Lesson(name, frozenset(learned), ages, frozenset(kinds), gender, employer)


def _ages(full: str) -> frozenset[str]:
    """The ages ``full`` gives ("a 34-year-old", "Ana Ruiz, 34, ...")."""
    found = _AGE.finditer(full) if "-year-old" in full else filter(None, [_AGE.match(full)])
    return frozenset(match.group(1) or match.group(2) for match in found)


def told_gender(c: Cluster, first_word: str) -> str | None:
    """The gender a named person's own report tells ("Ashleigh Turner said she ...": female), if new."""
    if c.gender is None and first_word in {"he", "she"} and c.names and c.kind & {"person", "person?"}:
        return "male" if first_word == "he" else "female"
    return None
