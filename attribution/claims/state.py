"""What the claim passes share: the story read once, and the records one pass hands the next."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from ..lexicon import Lexicon
from ..quotes import Quote
from ..syntax import mention
from ..types import ClaimKind, Mention, Parse, Span

# A reporting verb: (parse index, token index).
Cue = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Story:
    """One story as the passes read it, never changed: text, parses, quotes, word lists and
    the look-up indexes that keep every pass's questions logarithmic on a long story."""

    text: str
    parses: tuple[Parse, ...]
    quotes: tuple[Quote, ...]  # quotations with content, by opening mark
    full: tuple[Quote, ...]  # those standing as sentences, by content start
    lex: Lexicon
    publisher: str  # lower case; "" when unknown
    headlines: frozenset[int]  # indices of headline blocks
    opens: tuple[int, ...]
    full_starts: tuple[int, ...]
    full_reach: tuple[int, ...]  # the furthest end of the full quotes up to each one
    last_ends: tuple[int, ...]  # end of each non-empty parse
    last_pis: tuple[int, ...]  # its parse index
    tok_starts: tuple[tuple[int, ...], ...]
    all_starts: tuple[int, ...]
    all_sents: tuple[int, ...]

    def in_full_quote(self, offset: int) -> Quote | None:
        """The full quotation holding ``offset``, if any."""
        first = bisect_right(self.full_reach, offset)  # the first quote ending after offset
        if first < bisect_right(self.full_starts, offset):
            return self.full[first]
        return None

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        """The quotations that open and close within ``start..end``."""
        out = []
        for n in range(bisect_left(self.opens, start), len(self.quotes)):
            q = self.quotes[n]
            if q.open > end:
                break
            if q.content.end <= end + 1:
                out.append(q)
        return out

    def locate(self, offset: int) -> Cue | None:
        """(parse index, token index) of the first token at or after ``offset`` in its block."""
        k = bisect_right(self.last_ends, offset)  # the first parse that ends after offset
        if k == len(self.last_ends):
            return None
        pi = self.last_pis[k]
        i = bisect_left(self.tok_starts[pi], offset)
        return (pi, self.parses[pi].tokens[i].i) if i < len(self.tok_starts[pi]) else None

    def sentence_at(self, offset: int, default: int) -> int:
        """The sentence index of the first token at or after ``offset``."""
        n = bisect_left(self.all_starts, offset)
        return self.all_sents[n] if n < len(self.all_sents) else default

    def mention(self, p: Parse, i: int | None) -> Mention | None:
        """The mention headed by token ``i`` of ``p``, or None."""
        if i is None:
            return None
        return mention(self.text, p, i, self.lex)

    def kind(self, kind: ClaimKind, content: Span) -> ClaimKind:
        """Indirect speech holding a quotation is mixed."""
        if kind not in {ClaimKind.INDIRECT, ClaimKind.MIXED}:
            return kind
        return ClaimKind.MIXED if self.quotes_in(content.start, content.end) else ClaimKind.INDIRECT


def read_story(
    text: str, parses: Sequence[Parse], quotes: Sequence[Quote], lexicon: Lexicon, publisher: str | None,
    headlines: frozenset[int],
) -> Story:
    """The ``Story`` the passes share, its indexes built once."""
    with_content = tuple(q for q in quotes if q.content.end > q.content.start)
    full = tuple(sorted((q for q in with_content if q.full), key=lambda q: q.content.start))
    parses = tuple(parses)
    return Story(
        text=text,
        parses=parses,
        quotes=with_content,
        full=full,
        lex=lexicon,
        publisher=(publisher or "").lower(),
        headlines=headlines,
        opens=tuple(q.open for q in with_content),
        full_starts=tuple(q.content.start for q in full),
        full_reach=tuple(accumulate((q.content.end for q in full), max)),
        last_ends=tuple(p.tokens[-1].end for p in parses if p.tokens),
        last_pis=tuple(n for n, p in enumerate(parses) if p.tokens),
        tok_starts=tuple(tuple(t.start for t in p.tokens) for p in parses),
        all_starts=tuple(t.start for p in parses for t in p.tokens),
        all_sents=tuple(t.sent for p in parses for t in p.tokens),
    )


@dataclass(frozen=True, slots=True)
class Relay:
    """ "his office quoted him in a statement": a relay without words of its own, which
    adds its subject to the ``via`` of every claim in its sentence."""

    sentence: int
    via: Mention | None
    channel: str | None
    verb: Cue  # the relay verb, so one clause is recorded once
