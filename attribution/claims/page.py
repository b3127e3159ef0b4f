"""The page as layout rules read it: parsed paragraphs, a mention between two offsets, a quote
that ends a line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..syntax import mention_of_range
from ..types import Mention, Span
from .state import Story

NAME_END = re.compile(r"\s*(?:,|\(|\bvia\b|@|\d)")


@dataclass(frozen=True, slots=True)
class Para:
    """A parsed paragraph: its block, its offsets, whether it is a headline."""

    block: int
    start: int
    end: int
    title: bool


def paragraphs(story: Story) -> list[Para]:
    """The parsed paragraphs in order (a long paragraph parsed in pieces is one)."""
    spans: dict[int, list[int]] = {}
    for p in story.parses:
        if p.tokens:
            span = spans.setdefault(p.block, [p.tokens[0].start, p.tokens[-1].end])
            span[0], span[1] = min(span[0], p.tokens[0].start), max(span[1], p.tokens[-1].end)
    return [Para(b, s, e, b in story.headlines) for b, (s, e) in sorted(spans.items())]


def mention_between(story: Story, start: int, end: int, full_end: int | None = None) -> Mention | None:
    """The mention made of the tokens from ``start`` to ``end`` (offsets), its description
    running to ``full_end``."""
    loc = story.locate(start)
    if loc is None:
        return None
    pi, lo = loc
    p = story.parses[pi]
    hi = lo
    while hi + 1 < len(p.tokens) and p.tokens[hi + 1].end <= end:
        hi += 1
    while hi > lo and p.tokens[hi].pos == "PUNCT":
        hi -= 1
    if p.tokens[lo].start >= end:
        return None
    m = mention_of_range(story.text, p, lo, hi, story.lex)
    full = m.span
    if full_end is not None and full_end > m.span.end:
        full = Span.of(story.text, m.span.start, full_end)
    return Mention(m.span, m.head, m.is_pronoun, full, None, any(t.pos == "PROPN" for t in p.tokens[lo:hi + 1]))


def quote_ending(story: Story, start: int, end: int) -> tuple[int, int] | None:
    """The content of the quotation that ends last within ``start..end`` when nothing but
    white space and punctuation follows it there."""
    best = None
    for q in story.quotes:
        if q.close is not None and start <= q.close < end and q.open < end and (best is None or q.close > best.close):
            best = q
    if best is None or best.close is None:
        return None
    if story.text[best.end:end].strip(" \t\u00a0.,;"):
        return None  # "“It was fine,” she said — Dana Kim": a cue stands between them
    return best.content.start, best.close
