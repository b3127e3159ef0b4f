"""Signatures: a quote followed by "— Name, title" or "-- Name" (press releases, posts, vox pops)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..types import ClaimKind, Span
from .page import NAME_END, Para, mention_between, quote_ending
from .state import Draft, Story

# A signature after a quote: "— Paul Orme, President and CEO", "-- Dana Kim", "― Sonya Herridge".
_SIGNATURE = re.compile(r"(?:^|(?<=[\s”\"’'»]))(?:—|―|–|--|-)[ \u00a0]*(?P<name>[A-Z(][^\n—―]{1,120})$")


def signed(story: Story, paras: Sequence[Para]) -> list[Draft]:
    """ "“The launch is a milestone.” — Paul Orme, President and CEO": a quote signed with a
    dash, on its line or the next, is a direct claim of the name signed."""
    text = story.text
    frames = []
    for n, para in enumerate(paras):
        if para.title:
            continue
        line = text[para.start:para.end]
        match = _SIGNATURE.search(line)
        if match is None:
            continue
        dash = para.start + match.start()
        name_start = para.start + match.start("name")
        if not _looks_like_name(text[name_start:para.end]):
            continue
        if text[para.start:dash].strip():
            quote = quote_ending(story, para.start, dash)
        elif n > 0:
            quote = quote_ending(story, paras[n - 1].start, paras[n - 1].end)
        else:
            quote = None
        if quote is None:
            continue
        start, end = quote
        cut = NAME_END.search(text, name_start, para.end)
        speaker = mention_between(story, name_start, cut.start() if cut else para.end, full_end=para.end)
        frames.append(Draft(ClaimKind.DIRECT, start, end, _dash_span(text, dash), "—", speaker, (), None, None,
                            story.sentence_at(start, 0), 0.85 if speaker else 0.5, para.block))
    return frames


def _dash_span(text: str, dash: int) -> Span:
    end = dash + 1
    while end < len(text) and text[end] in "-—―–":
        end += 1
    return Span.of(text, dash, end)


def _looks_like_name(words: str) -> bool:
    """ "Paul Orme, President and CEO", "Donald J. Trump (@realDonaldTrump) May 4, 2016":
    a name of one to five capitalised words first."""
    name = NAME_END.split(words.strip(), maxsplit=1)[0].strip()
    parts = name.removesuffix(".").split()
    return 1 <= len(parts) <= 5 and all(w[0].isupper() or w in {"de", "van", "von", "al", "bin", "la", "da"}
                                        for w in parts) and not name.endswith(":")
