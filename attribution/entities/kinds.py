"""Kinds of source a mention's words point to: head-word kinds, anonymity, ages, compatibility."""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..phrases import PhraseIndex, holds_phrase
from ..types import Mention
from .names import norm
from .state import Cluster, Context

INSTITUTIONAL = frozenset({"organization", "government", "media", "org?"})
PERSONS = frozenset({"person", "person?"})
# modifiers too common to tie a description to an entity ("the former minister", "the local group")
GENERIC = frozenset({
    "former", "new", "local", "national", "state", "regional", "senior", "chief", "same", "other",
    "first", "second", "main", "general", "official", "public", "u.s.",
})
_INDEFINITE = frozenset({"a", "an", "one", "two", "three", "four", "several", "some", "many", "other"})
_AGE_ONLY = re.compile(r"(?:the|a|an)\s+(\d{1,3})-year-old", re.IGNORECASE)


def kind_of_head(head: str, lex: Lexicon) -> str | None:
    """The kind of source a head word names ("ministry" -> "government"), if the word lists know it."""
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


def compatible(kind: str | None, c: Cluster) -> bool:
    """A description of an organisation never names a person, nor the reverse."""
    if kind is None or not c.kind:
        return True
    if kind in INSTITUTIONAL:
        return bool(c.kind & INSTITUTIONAL)
    if kind == "person":
        return bool(c.kind & {"person", "person?", "anonymous"})
    return kind in c.kind


def is_anonymous(m: Mention, lex: Lexicon, phrases: PhraseIndex) -> bool:
    """ "a source familiar with the matter", "two officials who declined to be named", "officials"
    (``phrases``: where the story's anonymity phrases stand)."""
    first = m.span.text.split()[0].lower() if m.span.text.split() else ""
    if holds_phrase(phrases, m.full or m.span, lex.anonymous_phrases):
        return True
    return m.head in lex.anonymous_heads and (first in _INDEFINITE or first == m.head)


def one_anonymous(c: Cluster) -> bool:
    """ "One parent, who spoke on condition that she not be named": a single unnamed person."""
    if "anonymous" not in c.kind or not c.mentions:
        return False
    head = c.mentions[0].head
    return not head.endswith("s") and head not in {"people", "staff", "police"}


def age_of_description(m: Mention) -> str | None:
    """The age of a description that is only an age ("the 61-year-old" -> "61")."""
    match = _AGE_ONLY.fullmatch(m.span.text.strip())
    return match.group(1) if match else None


def personal(word: str, lex: Lexicon) -> str | None:
    """ "first" or "second" for a first- or second-person pronoun or possessive ("I", "our", "you").

    "US officials said": a word in capitals is a name, not "us".
    """
    low = word.strip(",.;:").lower()
    if len(word) > 1 and word.isupper():
        return None
    if low in lex.first_person:
        return "first"
    return "second" if low in lex.second_person else None


def not_a_source(m: Mention, ctx: Context) -> bool:
    """Whether ``m`` never names a source on its own, so its speaker stays unresolved.

    "I said the vote was rigged", "We have said for months", "your research", "our
    analysis": the writer, a speaker or the reader; "finance" alone (of "finance minister"):
    a title word naming nobody.
    """
    words = m.span.text.split()
    if not words:
        return False
    if personal(words[0], ctx.lex):
        return m.name is None  # but "Your predecessor, Gordon Pike, says": the name is the source
    return all(w.islower() and w in ctx.lex.titles and w not in ctx.nounish for w in words)


def is_publisher(c: Cluster, ctx: Context) -> bool:
    """Whether ``c`` is the story's own publisher (never an intermediary, never an antecedent)."""
    return ctx.publisher is not None and any(norm(n) == ctx.publisher for n in c.names)
