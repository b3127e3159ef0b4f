"""What the claim passes share: the story read once, and the records one pass hands the next."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from ..lexicon import Lexicon
from ..phrases import PhraseIndex, index_phrases
from ..quotes import Quote
from ..syntax import mention
from ..types import ClaimKind, Frame, Mention, Parse, Span, Token
from .marks import Marks, marks_of

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
    ends_after: tuple[int, ...]  # the earliest content end of the quotes from each one on
    full_starts: tuple[int, ...]
    full_reach: tuple[int, ...]  # the furthest end of the full quotes up to each one
    last_ends: tuple[int, ...]  # end of each non-empty parse
    last_pis: tuple[int, ...]  # its parse index
    tok_starts: tuple[tuple[int, ...], ...]
    all_starts: tuple[int, ...]
    all_sents: tuple[int, ...]
    marks: tuple[Marks, ...]  # per parse
    anonymity: PhraseIndex  # where the anonymity phrases ("asked not to be identified") stand
    parse_index: dict[int, int]  # id of a parse -> its index

    def in_full_quote(self, offset: int) -> Quote | None:
        """The full quotation holding ``offset``, if any."""
        first = bisect_right(self.full_reach, offset)  # the first quote ending after offset
        if first < bisect_right(self.full_starts, offset):
            return self.full[first]
        return None

    def holds_quote(self, start: int, end: int) -> bool:
        """Whether a quotation opens and closes within ``start..end``."""
        # a quote's content starts after its opening mark, so the quote that closes first
        # among those opening at or after ``start`` also opens before ``end``
        n = bisect_left(self.opens, start)
        return n < len(self.opens) and self.ends_after[n] <= end + 1

    def locate(self, offset: int) -> Cue | None:
        """(parse index, token index) of the first token at or after ``offset`` in its block."""
        k = bisect_right(self.last_ends, offset)  # the first parse that ends after offset
        if k == len(self.last_ends):
            return None
        pi = self.last_pis[k]
        i = bisect_left(self.tok_starts[pi], offset)
        return (pi, self.parses[pi].tokens[i].i) if i < len(self.tok_starts[pi]) else None

    def tokens_in(self, start: int, end: int) -> tuple[Parse, list[Token]] | None:
        """The parse holding the first token at or after ``start``, and its tokens from
        there that start before ``end``."""
        loc = self.locate(start)
        if loc is None:
            return None
        p = self.parses[loc[0]]
        return p, [t for t in p.tokens[loc[1]:] if t.start < end]

    def head_of(self, m: Mention) -> tuple[Parse, int] | None:
        """The parse and token index of mention ``m``'s head word within its span."""
        found = self.tokens_in(m.span.start, m.span.end)
        if found is None:
            return None
        p, toks = found
        head = next((t.i for t in toks if t.lower_text() == m.head.lower()), None)
        return None if head is None else (p, head)

    def sentence_at(self, offset: int, default: int) -> int:
        """The sentence index of the first token at or after ``offset``."""
        n = bisect_left(self.all_starts, offset)
        return self.all_sents[n] if n < len(self.all_sents) else default

    def mention(self, p: Parse, i: int | None) -> Mention | None:
        """The mention headed by token ``i`` of ``p``, or None."""
        if i is None:
            return None
        return mention(self.text, p, i, self.lex)

    def kind(self, kind: ClaimKind, start: int, end: int) -> ClaimKind:
        """Indirect speech holding a quotation is mixed."""
        if kind not in {ClaimKind.INDIRECT, ClaimKind.MIXED}:
            return kind
        return ClaimKind.MIXED if self.holds_quote(start, end) else ClaimKind.INDIRECT

    def marks_of(self, p: Parse) -> Marks:
        """The stop-word positions of parse ``p``."""
        return self.marks[self.parse_index[id(p)]]


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
        ends_after=tuple(reversed(list(accumulate((q.content.end for q in reversed(with_content)), min)))),
        full_starts=tuple(q.content.start for q in full),
        full_reach=tuple(accumulate((q.content.end for q in full), max)),
        last_ends=tuple(p.tokens[-1].end for p in parses if p.tokens),
        last_pis=tuple(n for n, p in enumerate(parses) if p.tokens),
        tok_starts=tuple(tuple(t.start for t in p.tokens) for p in parses),
        all_starts=tuple(t.start for p in parses for t in p.tokens),
        all_sents=tuple(t.sent for p in parses for t in p.tokens),
        marks=tuple(marks_of(p, lexicon) for p in parses),
        anonymity=index_phrases(text, lexicon.anonymous_phrases),
        parse_index={id(p): n for n, p in enumerate(parses)},
    )


@dataclass(frozen=True, slots=True)
class Relay:
    """ "his office quoted him in a statement": a relay without words of its own, which
    adds its subject to the ``via`` of every claim in its sentence."""

    sentence: int
    via: Mention | None
    channel: str | None
    verb: Cue  # the relay verb, so one clause is recorded once


@dataclass(frozen=True, slots=True)
class Draft:
    """A claim as a pass finds it: a ``Frame`` whose content is kept as offsets. A sentence
    the parser chained into one clause can hold thousands of readings inside one another;
    their text is sliced only for the claims that are kept."""

    kind: ClaimKind
    start: int
    end: int
    cue: Span | None
    cue_lemma: str
    speaker: Mention | None
    via: tuple[Mention, ...]
    channel: str | None
    time: str | None
    sentence: int
    confidence: float
    block: int
    clausal: bool = True  # the content is a clause ("said that ..."), not an object ("accused X of Y")

    def frame(self, text: str) -> Frame:
        """The ``Frame`` of this claim in ``text``."""
        return Frame(self.kind, Span.of(text, self.start, self.end), self.cue, self.cue_lemma, self.speaker,
                     self.via, self.channel, self.time, self.sentence, self.confidence, self.block, self.clausal)
