"""Quoted terms: words in quotation marks that are a speaker's, the outlet's distance, or a name."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ..lexicon import Lexicon
from ..quotes import Quote
from ..types import Analysis, BlockKind, Claim, ClaimKind, QuotedTerm, SentenceLabel, Span, TermUse
from .words import Word, phrase_before, words

# How many words before the opening mark may tell the term's use ("described the plan as").
_LOOKBACK_WORDS = 6
# How far back in its sentence a term's speaker may be named ("What critics called “a land grab”").
_LOOKBACK_CHARS = 300
# The most words between a describing verb and the source named before it ("Smith, the union leader, called").
_SUBJECT_GAP_WORDS = 5
# A quotation standing as a sentence is a whole quote, not a term, from this many words on.
_WHOLE_WORDS = 6
# The longest reporting clause between two pieces of one quotation ("she said," / "said the minister,").
_CLAUSE_WORDS = 14
_WORD_WITH_LETTERS = re.compile(r"[^\W\d_][\w’'\-.]*")


def find_quoted_terms(
    analysis: Analysis, quotes: Sequence[Quote], lexicon: Lexicon
) -> tuple[tuple[QuotedTerm, ...], tuple[str, ...]]:
    """Every span in quotation marks that is not a whole quotation, with its use.

    Args:
        analysis: the analysis with its claims and sourcing map (``sourcing``).
        quotes: the story's quotations.
        lexicon: the ``[terms]`` word lists.

    Returns:
        The terms in text order, and a warning for each headline quote whose words the
        story's body never has.
    """
    text = analysis.document.text
    direct = sorted((c for c in analysis.claims if c.kind is ClaimKind.DIRECT), key=lambda c: c.content.start)
    direct_starts = [c.content.start for c in direct]
    labels = analysis.sourcing
    label_starts = [s.span.start for s in labels]
    by_id = {c.id: c for c in analysis.claims}
    terms = []
    whole: Quote | None = None  # the last whole quotation
    for q in quotes:
        if q.close is None or not text[q.content.start:q.close].strip():
            continue
        if _is_whole_quote(q, text, direct, direct_starts) or _continues(whole, q, text):
            whole = q
            continue
        n = bisect_right(label_starts, q.open) - 1
        sentence = labels[n] if n >= 0 and labels[n].span.end > q.open else None
        before = words(text, max(sentence.span.start if sentence else 0, q.open - _LOOKBACK_CHARS), q.open)
        span = Span.of(text, q.open, q.end)
        terms.append(_use(span, text[q.content.start:q.close], before, sentence, analysis, by_id, lexicon))
    return tuple(terms), _headline_warnings(analysis, quotes)


def _is_whole_quote(q: Quote, text: str, direct: list[Claim], starts: list[int]) -> bool:
    """A quotation that is a direct claim's content, or stands as a sentence of its own."""
    assert q.close is not None
    inner = q.close - q.content.start
    for claim in direct[max(0, bisect_right(starts, q.open) - 1):]:
        if claim.content.start >= q.close:
            break
        overlap = min(claim.content.end, q.close) - max(claim.content.start, q.content.start)
        if overlap * 2 >= inner:
            return True
    stripped = text[q.content.start:q.close].rstrip()
    after_colon = text[max(0, q.open - 3):q.open].rstrip().endswith(":")  # "Putin: “We will win”"
    return q.full and (after_colon or stripped.endswith((".", ",", "?", "!", "…"))
                       or len(stripped.split()) >= _WHOLE_WORDS)


def _use(
    span: Span, inner: str, sentence_words: list[Word], sentence: SentenceLabel | None, analysis: Analysis,
    by_id: dict[str, Claim], lex: Lexicon,
) -> QuotedTerm:
    """The term's label, with the speaker whose words it is and the words that told its use.

    ``sentence_words`` are the words of its sentence before the opening mark.
    """
    before = sentence_words[-_LOOKBACK_WORDS:]
    if cue := phrase_before(before, len(before), lex.scare_marks):
        return QuotedTerm(span, TermUse.SCARE, None, cue)  # "the so-called “peace plan”"
    if cue := phrase_before(before, len(before), lex.naming):
        return QuotedTerm(span, TermUse.NAME, None, cue)  # "a man who goes by “Shorty”"
    if before and before[-1][2] in lex.name_nouns:
        return QuotedTerm(span, TermUse.NAME, None, before[-1][2])  # "the word “genocide”", "the book “X”"
    holder = _innermost_claim(span, sentence, by_id)
    # in a headline written in title case ("Minister Calls Plan “A Betrayal”") capitals tell nothing
    title = _is_title(inner, lex) and not (sentence is not None and _is_title(
        sentence.span.text[:span.start - sentence.span.start] + sentence.span.text[span.end - sentence.span.start:],
        lex))
    if title and (holder is None or len(_WORD_WITH_LETTERS.findall(inner)) > 1):
        return QuotedTerm(span, TermUse.NAME, None, "title case")  # Operation “Northern Shield”
    if holder is not None:
        return QuotedTerm(span, TermUse.ATTRIBUTED, holder.speaker, holder.cue.text if holder.cue else None)
    if sentence is not None and sentence.claims:
        # "the ministry, which called them “terrorists”, said ...": the sentence's speaker
        nearest = min((by_id[c] for c in sentence.claims), key=lambda c: _distance(c, span))
        return QuotedTerm(span, TermUse.ATTRIBUTED, nearest.speaker, nearest.cue.text if nearest.cue else None)
    for end in range(len(sentence_words), len(sentence_words) - len(before), -1):
        if cue := phrase_before(sentence_words, end, lex.describing):
            # "what critics called “a land grab”": the words of the verb's subject
            verb_at = sentence_words[end - len(cue.split())][0]
            speaker = _subject_of(analysis, analysis.document.text, sentence_words[0][0], verb_at)
            return QuotedTerm(span, TermUse.ATTRIBUTED, speaker, cue)
    return QuotedTerm(span, TermUse.SCARE, None, None)  # no one in the sentence says these words


def _continues(whole: Quote | None, q: Quote, text: str) -> bool:
    """ "‘We are not,’ she said, ‘at the stage of drawing conclusions.’": the second piece
    goes on with the whole quotation around a short reporting clause."""
    if whole is None or whole.close is None or whole.blocks[-1] != q.blocks[0]:
        return False
    between = text[whole.end:q.open].strip()
    return between.endswith(",") and 0 < len(between.split()) <= _CLAUSE_WORDS


def _innermost_claim(span: Span, sentence: SentenceLabel | None, by_id: dict[str, Claim]) -> Claim | None:
    """The claim with the shortest content holding most of the quoted words."""
    if sentence is None:
        return None
    inner = max(1, span.end - span.start - 2)
    best: Claim | None = None
    for cid in sentence.claims:
        claim = by_id[cid]
        overlap = min(claim.content.end, span.end - 1) - max(claim.content.start, span.start + 1)
        if overlap * 2 >= inner and (best is None or len(claim.content.text) < len(best.content.text)):
            best = claim
    return best


def _distance(claim: Claim, span: Span) -> int:
    anchor = claim.cue or claim.content
    return min(abs(anchor.start - span.start), abs(anchor.end - span.end))


def _subject_of(analysis: Analysis, text: str, start: int, verb: int) -> str | None:
    """The entity named just before the verb at ``verb`` ("Smith called", "Smith, the union
    leader, called"), searched from ``start``; None when no source is named that close."""
    best: tuple[int, str] | None = None
    for entity in analysis.entities:
        for m in entity.mentions:
            if start <= m.start and m.end <= verb and (best is None or m.start > best[0]):
                best = (m.start, entity.id)
    if best is None:
        return None
    entity = analysis.entity(best[1])
    end = max(m.end for m in entity.mentions if m.start == best[0]) if entity else verb
    return best[1] if len(text[end:verb].split()) <= _SUBJECT_GAP_WORDS else None


def _is_title(inner: str, lex: Lexicon) -> bool:
    """Whether the quoted words are written as a title or name: “The Academy Years”, “PowerSlim 20”."""
    found = _WORD_WITH_LETTERS.findall(inner)
    if not found or not found[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in lex.title_small for w in found)


def _headline_warnings(analysis: Analysis, quotes: Sequence[Quote]) -> tuple[str, ...]:
    """A warning for each quotation in the headline whose words the body never has."""
    text = analysis.document.text
    titles = [b.span for b in analysis.document.blocks if b.kind is BlockKind.TITLE]
    in_title = [q for q in quotes if q.close is not None and any(t.start <= q.open < t.end for t in titles)]
    if not in_title:
        return ()
    bodies = [b.span for b in analysis.document.blocks if b.kind is BlockKind.BODY]
    body = " " + " ".join(w[2] for span in bodies for w in words(text, span.start, span.end)).replace("’", "'") + " "
    out = []
    for q in in_title:
        assert q.close is not None
        phrase = " ".join(w[2] for w in words(text, q.content.start, q.close)).replace("’", "'")
        if phrase and f" {phrase} " not in body:
            out.append(f"quoted in the headline, not found in the story: {text[q.open:q.end]}")
    return tuple(out)
