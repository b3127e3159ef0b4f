"""Small read-only helpers over a ``Parse``: subtrees, spans and noun-phrase mentions."""

from __future__ import annotations

from .lexicon import Lexicon
from .types import Mention, Parse, Span

QUOTE_MARKS = frozenset("\"“”„«»‹›‘’'")
# Dependents that belong to a name or a description of a speaker ("a spokesman for the ministry").
_LEFT_OF_MENTION = {"det", "amod", "compound", "nmod:poss", "nummod", "det:predet", "advmod", "flat"}
_RIGHT_OF_COMMON = {"nmod", "amod", "acl", "compound", "flat", "nummod"}
_RIGHT_OF_PROPER = {"flat", "compound"}


def subtree(parse: Parse, i: int) -> list[int]:
    """Indices of token ``i`` and all its descendants, in order."""
    out = [i]
    stack = list(parse.kids(i))
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(parse.kids(j))
    return sorted(out)


def span_of(text: str, parse: Parse, lo: int, hi: int) -> Span:
    """The text span from the start of token ``lo`` to the end of token ``hi``."""
    return Span.of(text, parse.tokens[lo].start, parse.tokens[hi].end)


def sentence_of(parse: Parse, i: int) -> tuple[int, int]:
    """The ``(start, end)`` token range of the sentence holding token ``i``."""
    for start, end in parse.sentences:
        if start <= i < end:
            return start, end
    return 0, len(parse.tokens)


def trim(parse: Parse, lo: int, hi: int) -> tuple[int, int] | None:
    """Shrink ``[lo, hi]`` past leading "that"/punctuation and trailing punctuation.

    Quotation marks that close a quote at the end are kept: in "the council had
    “chosen to protect core services.”" the mark belongs to the claim.
    """
    toks = parse.tokens
    while lo <= hi and (
        (toks[lo].pos == "PUNCT" and toks[lo].text not in QUOTE_MARKS)
        or ((toks[lo].pos == "SCONJ" or toks[lo].dep == "mark") and toks[lo].lower_text() in {"that", "as"})
        or toks[lo].dep == "cc"
    ):
        lo += 1
    while hi >= lo and toks[hi].pos == "PUNCT" and toks[hi].text not in QUOTE_MARKS and not (
        toks[hi].text == ")" and any(toks[j].text == "(" for j in range(lo, hi))
    ):
        hi -= 1
    while hi >= lo and (toks[hi].dep == "cc" or toks[hi].pos == "PUNCT" and toks[hi].text in ",;:—–"):
        hi -= 1  # "said the results were robust but | cautioned that ..."
    while hi >= lo and toks[hi].text in QUOTE_MARKS and _is_opening(parse, hi):
        hi -= 1
        while hi >= lo and toks[hi].pos == "PUNCT" and toks[hi].text not in QUOTE_MARKS:
            hi -= 1
    if lo > hi:
        return None
    opened = sum(1 for j in range(lo, hi + 1) if toks[j].text in QUOTE_MARKS and _is_opening(parse, j))
    closed = sum(1 for j in range(lo, hi + 1) if toks[j].text in QUOTE_MARKS and not _is_opening(parse, j))
    if opened > closed:
        # 'as “a box-ticking exercise” and urged', 'to “act within days.”': the closing mark hangs elsewhere
        for j in range(hi + 1, min(hi + 3, len(toks))):
            if toks[j].text in QUOTE_MARKS:
                hi = j
                break
            if toks[j].pos != "PUNCT":
                break
    return lo, hi


def _is_opening(parse: Parse, i: int) -> bool:
    tok = parse.tokens[i]
    if tok.text in {"“", "„", "«"}:
        return True
    if tok.text in {'"', "'"}:
        glued_before = i > 0 and parse.tokens[i - 1].end == tok.start
        glued_after = i + 1 < len(parse.tokens) and parse.tokens[i + 1].start == tok.end
        return glued_after and not glued_before
    return False


def mention(text: str, parse: Parse, head: int, lexicon: Lexicon) -> Mention:
    """The mention of a speaker whose head token is ``head``.

    A proper name keeps its compounds and titles ("Kazakh President Kassym-Jomart
    Tokayev") but not its appositions or relative clauses; a description keeps its
    modifiers ("a spokesman for the ministry", "two people familiar with the matter").
    An apposed proper name ("the envoy, Ingrid Haugen") is kept as ``name``.
    """
    toks = parse.tokens
    tok = toks[head]
    is_pronoun = tok.pos == "PRON" or tok.lower_text() in lexicon.pronouns
    proper = tok.pos == "PROPN"
    keep_right = _RIGHT_OF_PROPER if proper else _RIGHT_OF_COMMON
    lo = hi = head
    comma = next((j for j in range(head + 1, len(toks)) if toks[j].text in {",", "(", ";", "—", "–"}), len(toks))
    for kid in parse.kids(head):
        dep = toks[kid].dep
        if kid < head and dep in _LEFT_OF_MENTION:
            lo = min(lo, subtree(parse, kid)[0])
        elif head < kid < comma and dep in keep_right and not _is_relative(parse, kid):
            hi = max(hi, min(subtree(parse, kid)[-1], comma - 1))
        elif proper and head < kid < comma and dep == "nmod" and toks[kid].pos == "PROPN" and any(
            toks[c].dep == "case" and toks[c].lower_text() == "of" for c in parse.kids(kid)
        ) and tok.lower_text() in lexicon.organization | lexicon.government:
            hi = max(hi, min(subtree(parse, kid)[-1], comma - 1))  # "Board of Elections", "Bank of England"
    while lo < head and (toks[lo].pos == "PUNCT" or toks[lo].dep == "case"):
        lo += 1
    while hi > head and toks[hi].pos == "PUNCT":
        hi -= 1
    full = subtree(parse, head)
    name = None
    if not proper:
        # "the envoy, Ingrid Haugen"; "the head of Sigi regency, Mohamad Irwan" (apposed to the
        # last noun); "The state news agency Antara" (the small model makes Antara a second subject)
        for j in range(lo, hi + 1):
            for kid in parse.kids(j):
                if toks[kid].dep == "appos" and kid > head and toks[kid].pos == "PROPN" and name is None:
                    name = span_of(text, parse, _name_start(parse, kid), _name_end(parse, kid))
        nxt = head + 1
        if (name is None and nxt < len(toks) and toks[nxt].pos == "PROPN" and toks[nxt].head == tok.head
                and toks[nxt].dep == tok.dep and nxt != tok.head):
            name = span_of(text, parse, nxt, _name_end(parse, nxt))
    return Mention(
        span=span_of(text, parse, lo, hi),
        head=tok.lower_text(),
        is_pronoun=is_pronoun,
        full=span_of(text, parse, full[0], full[-1]),
        name=name,
        propn=any(toks[j].pos == "PROPN" for j in range(lo, hi + 1)),
    )


def mention_of_range(text: str, parse: Parse, lo: int, hi: int, lexicon: Lexicon) -> Mention:
    """A mention made of the tokens ``lo..hi`` (a subject chunk the parser did not label)."""
    head = parse.tokens[hi]
    span = span_of(text, parse, lo, hi)
    return Mention(span=span, head=head.lower_text(), is_pronoun=head.lower_text() in lexicon.pronouns, full=span)


def _is_relative(parse: Parse, i: int) -> bool:
    return any(parse.tokens[k].dep in {"nsubj", "nsubj:pass"} and parse.tokens[k].lower_text() in
               {"who", "which", "that", "whom"} for k in parse.kids(i))


def _name_start(parse: Parse, i: int) -> int:
    lo = i
    for kid in parse.kids(i):
        if kid < i and parse.tokens[kid].dep in {"compound", "flat", "amod", "det"}:
            lo = min(lo, subtree(parse, kid)[0])
    while parse.tokens[lo].pos in {"PUNCT", "DET"} and lo < i:
        lo += 1
    return lo


def _name_end(parse: Parse, i: int) -> int:
    hi = i
    for kid in parse.kids(i):
        if kid > i and parse.tokens[kid].dep in {"flat", "compound"}:
            hi = max(hi, subtree(parse, kid)[-1])
    return hi


def case_of(parse: Parse, k: int) -> str:
    """The preposition marking token ``k`` ("on" of "on Friday"), or ""."""
    return next((parse.tokens[j].lower_text() for j in parse.kids(k) if parse.tokens[j].dep == "case"), "")


def comma_before(parse: Parse, v: int, window: int = 8) -> bool:
    """Whether a comma stands within ``window`` tokens before ``v`` in its sentence."""
    s0, _ = sentence_of(parse, v)
    return any(parse.tokens[i].text == "," for i in range(v - 1, max(s0, v - window) - 1, -1))
