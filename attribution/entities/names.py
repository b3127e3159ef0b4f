"""Proper names in mention text: titles stripped, normalised, compared by word and acronym."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import Lexicon
from ..types import Mention, Span
from .state import Context

DETERMINERS = ("the ", "a ", "an ")
_PREPOSITIONS = {"in", "at", "from", "with", "on", "near", "by", "to", "outside", "inside", "across", "around"}
_NAME_FUNCTION_WORDS = {
    "of", "the", "and", "for", "de", "la", "del", "della", "dello", "degli", "di", "des", "der", "den", "van",
    "von", "al", "el", "bin", "da", "do", "dos", "du", "le", "y", "e",
}
# Titles that take a portfolio before them ("Budget Secretary", "Health Commissioner")
_PORTFOLIO_TITLES = {"minister", "secretary", "commissioner"}
_OWNERS = {"ORG", "GPE", "LOC", "NORP"}  # model labels of a possessor that is an affiliation
_POSSESSIVE = ("'s", "’s", "s'", "s’")
_DESCRIPTIVE_SUFFIXES = ("-based", "-led", "-owned", "-run", "-backed", "-born", "-controlled", "-listed")


@lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """A name in lower case, one space between words, without a leading article."""
    low = " ".join(name.replace("’", "'").lower().split())
    for det in DETERMINERS:
        if low.startswith(det):
            low = low[len(det):]
    return low


def proper_name(m: Mention, ctx: Context) -> str | None:
    """The proper name in a mention, titles stripped ("Kazakh President Kassym-Jomart Tokayev")."""
    lex = ctx.lex
    if m.name is not None:
        return _after_possessor(strip_titles(m.name.text, lex), m.name, ctx)
    words = m.span.text.split()
    if m.head in ctx.common_heads and m.head not in lex.person:
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
        if body and m.propn and is_proper_word(body[0]) and "’s" not in body[0] and "'s" not in body[0]:
            return " ".join(body)
        return None
    head_word = next((w for w in reversed(words) if w.lower().strip(",.") == m.head), "")
    if head_word[:1].islower():
        return None  # "a former Lumora engineer" describes someone; it does not name them
    if not any(w[:1].isupper() for w in words[1:]) and not (words and words[0][:1].isupper()
                                                             and m.head not in ctx.nounish):
        return None
    stripped = strip_titles(m.span.text, lex)
    if not stripped or not stripped[:1].isupper():
        return None
    return _after_possessor(stripped, m.span, ctx)


def strip_titles(text: str, lex: Lexicon) -> str:
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


def _after_possessor(name: str, span: Span, ctx: Context) -> str:
    """ "CNN's Jake Tapper" -> "Jake Tapper": a possessor before a name is an affiliation, not the name.

    A one-word rest keeps its possessor unless that is an outlet, an acronym, or a place or
    organisation the model labelled ("CNN's Tapper", "South Korea's Lumora"): "Domino's
    Pizza" and "Tokayev's Kazakhstan" keep theirs.
    """
    words = name.split()
    owner = next((k for k in range(len(words) - 2, -1, -1) if words[k].endswith(_POSSESSIVE)), None)
    if owner is None:
        return name
    rest = words[owner + 1:]
    possessor = _without_possessive(words[:owner + 1])
    if not all(w[:1].isupper() for w in rest):
        return name
    # the model may label the possessor with or without its "'s" ("South Korea's" GPE)
    labelled = {_label(possessor, span, ctx), _label(" ".join(words[:owner + 1]), span, ctx)}
    if len(rest) >= 2 or _is_outlet_like(possessor, ctx.lex) or labelled & _OWNERS:
        return " ".join(rest)
    return name


def _label(words: str, span: Span, ctx: Context) -> str | None:
    """The model's label for ``words`` where they first stand in ``span``, if it named them."""
    at = span.text.find(words)
    return ctx.labels.get((span.start + at, span.start + at + len(words))) if words and at >= 0 else None


def affiliation(m: Mention, name: str, ctx: Context) -> str | None:
    """The organisation a person's name is given with: "CNN's Jake Tapper", "CNN host Jake Tapper".

    Only an organisation counts (one the model labelled ORG, or a known outlet): in
    "Israeli Prime Minister Benjamin Netanyahu" the word before the title is a nationality.
    """
    span = m.name or m.span
    text = span.text
    at = text.rfind(name)
    words = text[:at].split() if at > 0 else []
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    owner = next((k for k in range(len(words) - 1, -1, -1) if words[k].endswith(_POSSESSIVE)), None)
    if owner is not None:
        org = _without_possessive(words[:owner + 1])
    else:
        lead = []
        for w in words:
            if not is_proper_word(w) or w.lower() in ctx.lex.titles:
                break
            lead.append(w)
        if len(lead) == len(words):
            return None  # no role word follows: "Jake" in "Jake Tapper" is no affiliation
        if words[len(lead)].lower() in _PORTFOLIO_TITLES:
            return None  # "Agriculture Minister Claire Morel": a portfolio, part of the title
        org = " ".join(lead)
    return org if _label(org, span, ctx) == "ORG" or norm(org) in ctx.lex.outlets else None


def _without_possessive(words: list[str]) -> str:
    """ "the BBC's" -> "BBC"; "Fox News'" -> "Fox News"."""
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if not words:
        return ""
    last = words[-1]
    last = last[:-2] if last.endswith(("'s", "’s")) else last[:-1]
    return " ".join([*words[:-1], last])


def _is_outlet_like(name: str, lex: Lexicon) -> bool:
    """An outlet the word lists know, or an acronym (CNN, BBC, NATO)."""
    letters = name.replace(".", "")
    return norm(name) in lex.outlets or (len(letters) >= 2 and letters.isalpha() and letters.isupper())


def is_proper_word(word: str) -> bool:
    """A capitalised word that names (RIA, Tokayev), not a nationality adjective (English, Korean)."""
    if len(word) >= 2 and word.isupper():
        return True
    return word[:1].isupper() and not word.lower().endswith(("ish", "ian", "ese", "an", "ic", "ch", "kh"))


@lru_cache(maxsize=65536)
def acronym(name: str) -> str:
    """The initials of a name of two words or more ("radio free europe" -> "rfe"), else ""."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w not in {"of", "the", "and", "for"}]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def best_name(names: list[str]) -> str:
    """The fullest of an entity's names: most words, then most characters."""
    return max(names, key=lambda n: (len(n.split()), len(n)))
