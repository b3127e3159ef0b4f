"""Page furniture among a story's sentences: labels, show titles, notices, date lines, trailers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lexicon import Lexicon
from ..types import Sentence

_WORD = re.compile(r"[^\W_]+")
# A press release's trailer ("About the Water Authority", "Media contact:") opens in the
# second half of the story; a line opening with "About" higher up is a heading of the story.
_TRAILER_FROM = 0.5
_HEADING_WORDS = 8
_LABEL_WORDS = 6


def furniture(text: str, sentences: Sequence[Sentence], holders: Sequence[tuple[str, ...]],
              publisher: str | None, lex: Lexicon) -> frozenset[int]:
    """The indices of the sentences that are page furniture, not sentences of the story: a
    transcript's label ("WHITCOMBE:", "DR." of "DR. JANE ROE, CHEMIST:"), the outlet's name alone,
    a date line ("Aired May 4, 2025 - 19:00 ET"), an editor's note ("This interview has been
    edited for length."), a short label line ("Statements after the vote:"), and everything
    from a press release's trailer heading ("About X", "Media contact:") on. A sentence that
    holds a claim is always the story's, but for a label."""
    outlet = _bare(publisher or "")
    out: set[int] = set()
    trailer = False
    for n, sentence in enumerate(sentences):
        line = " ".join(sentence.span.text.split())
        low = line.lower()
        trailer = trailer or _trailer_heading(text, sentence, low, lex)
        if _in_label(text, sentence):
            out.add(n)  # the label holds the turn's cue (":"), its words the claim
            continue
        if holders[n]:
            continue
        if (trailer or (outlet and _bare(low) == outlet)
                or _date_line(low, lex) or low.startswith(lex.furniture_notes)
                or line.endswith(":") and len(line.split()) <= _LABEL_WORDS):
            out.add(n)
    return frozenset(out)


def _in_label(text: str, sentence: Sentence) -> bool:
    """Whether the sentence lies in a transcript label in capitals that opens its line
    ("DR. JANE ROE, CHEMIST, STATE UNIVERSITY: I think ...")."""
    span = sentence.span
    line = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.start)
    colon = text.find(":", span.start, end if end >= 0 else len(text))
    if colon < 0 or text[colon + 1:span.end].strip():
        return False  # "WHITCOMBE: The company says ...": the turn's words are a sentence
    label = text[line:colon]
    return (any(c.isalpha() for c in label) and not any(c.islower() for c in label)
            and len(label.split()) <= _LABEL_WORDS * 2)


def _bare(name: str) -> str:
    return " ".join(name.lower().split()).removeprefix("the ")


def _trailer_heading(text: str, sentence: Sentence, low: str, lex: Lexicon) -> bool:
    """ "About Northwind Robotics", "Forward-Looking Statements", "Media Contact:" on a line
    of its own in the second half of the story."""
    span = sentence.span
    if span.start < _TRAILER_FROM * len(text) or low.endswith(".") or len(low.split()) > _HEADING_WORDS:
        return False
    before = text.rfind("\n", 0, span.start)
    after = text.find("\n", span.end)
    if text[before + 1:span.start].strip() or text[span.end:after if after >= 0 else len(text)].strip():
        return False
    words = low.rstrip(":").split()
    if words[:1] == ["about"]:
        return len(words) > 1 and not words[1][0].isdigit()  # "About 200 people came": no heading
    return " ".join(words) in lex.trailers


def _date_line(low: str, lex: Lexicon) -> bool:
    """ "May 22, 2025", "Saturday 15 February 2025", "Aired October 14, 2025 - 19:00 ET"."""
    words = _WORD.findall(low)
    return (any(w.isdigit() for w in words) and any(w in lex.months for w in words)
            and all(w.isdigit() or w in lex.date_words or w in lex.months for w in words))
