"""Small read-only helpers over a ``Parse``: subtrees, spans and noun-phrase mentions.

The look-ups a rule asks of a parse again and again (subtree bounds, a token's sentence,
quotation marks in a range) come from a ``Tree`` built once per parse, so that a sentence
with thousands of reporting verbs costs no more per verb than a short one.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from threading import Lock

from .lexicon import Lexicon
from .types import Mention, Parse, Span

QUOTE_MARKS = frozenset("\"“”„«»‹›‘’'")
# Dependents that belong to a name or a description of a speaker ("a spokesman for the ministry").
_LEFT_OF_MENTION = {"det", "amod", "compound", "nmod:poss", "nummod", "det:predet", "advmod", "flat"}
_RIGHT_OF_COMMON = {"nmod", "amod", "acl", "compound", "flat", "nummod"}
_RIGHT_OF_PROPER = {"flat", "compound"}
# What ends a mention to the right of its head ("Linda Marsh, 61", "the ministry (MoD)").
_MENTION_BREAKS = {",", "(", ";", "—", "–"}


@dataclass(frozen=True, slots=True)
class Tree:
    """Look-ups over one parse, computed once (``tree``); index ``i`` is a token index.
    Compact arrays: a long story keeps many of them at once."""

    first: array[int]  # the leftmost token of i's subtree
    last: array[int]  # the rightmost token of i's subtree
    size: array[int]  # how many tokens i's subtree holds
    order: array[int]  # pre-order rank: j is in i's subtree iff order[i] <= order[j] < order[i] + size[i]
    root: array[int]  # the root above i
    sentence_start: array[int]  # the token range of i's sentence
    sentence_end: array[int]
    starts: array[int]  # character offset of each token
    opening: array[int]  # opening quotation marks among the tokens before i (len + 1 entries)
    closing: array[int]  # closing ones
    parens: array[int]  # "(" among the tokens before i
    commas: array[int]  # "," among the tokens before i
    next_break: array[int]  # the first token at or after i that ends a mention (len + 1 entries)

    def contains(self, i: int, j: int) -> bool:
        """Whether token ``j`` is in the subtree of token ``i``."""
        return self.order[i] <= self.order[j] < self.order[i] + self.size[i]


class _Trees:
    """The trees of the parses seen last, by parse identity (hashing a ``Parse`` would read
    every token), for at most ``budget`` tokens: the stories being analysed, each dropped
    (``forget``) when its analysis ends, so that nothing of a story stays behind."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.kept: OrderedDict[int, tuple[Parse, Tree]] = OrderedDict()
        self.tokens = 0
        self.lock = Lock()

    def get(self, parse: Parse) -> Tree:
        hit = self.kept.get(id(parse))
        if hit is not None and hit[0] is parse:
            return hit[1]
        built = _tree(parse)
        with self.lock:
            stale = self.kept.pop(id(parse), None)  # a freed parse whose id was reused
            self.tokens += len(parse.tokens) - (len(stale[0].tokens) if stale else 0)
            self.kept[id(parse)] = (parse, built)
            while self.tokens > self.budget and len(self.kept) > 1:
                _, (old, _) = self.kept.popitem(last=False)
                self.tokens -= len(old.tokens)
        return built


    def forget(self, parses: Iterable[Parse]) -> None:
        """Drop the trees of ``parses`` (a story analysed): nothing of it stays behind."""
        with self.lock:
            for parse in parses:
                hit = self.kept.get(id(parse))
                if hit is not None and hit[0] is parse:
                    del self.kept[id(parse)]
                    self.tokens -= len(parse.tokens)


# A story's trees are kept while it is analysed (``pipeline.analyze`` forgets them at its end):
# the passes read its parses in story order several times, and a story whose trees did not
# fit was building each one six times over (a 1 MB story spent 13% of its analysis there).
# The bound is for several stories analysed at once in one process (threads); a tree takes
# about 60 bytes a token, a 3 MiB story's about 36 MB.
_TREES = _Trees(budget=2_000_000)


def forget_trees(parses: Iterable[Parse]) -> None:
    """Drop the kept trees of ``parses``: call when their story's analysis is done."""
    _TREES.forget(parses)


def tree(parse: Parse) -> Tree:
    """The ``Tree`` of ``parse``, built on first use and kept while it is among the latest."""
    return _TREES.get(parse)


def _tree(parse: Parse) -> Tree:
    toks = parse.tokens
    kids = parse.children
    n = len(toks)
    order = [-1] * n
    root = list(range(n))
    preorder: list[int] = []
    for top in [i for i in range(n) if toks[i].head == i] + list(range(n)):
        if order[top] >= 0:
            continue  # reached from a root already (the second list only catches tokens on a cycle)
        stack = [top]
        order[top] = len(preorder)
        while stack:
            i = stack.pop()
            preorder.append(i)
            order[i] = len(preorder) - 1
            for kid in reversed(kids[i]):
                if order[kid] < 0:
                    order[kid] = n  # queued
                    root[kid] = root[i]
                    stack.append(kid)
    first, last, size = list(range(n)), list(range(n)), [1] * n
    for i in reversed(preorder):
        for kid in kids[i]:
            if order[kid] > order[i]:
                first[i] = min(first[i], first[kid])
                last[i] = max(last[i], last[kid])
                size[i] += size[kid]
    sentence_start, sentence_end = [-1] * n, [n] * n
    for start, end in parse.sentences:
        for i in range(max(start, 0), min(end, n)):
            if sentence_start[i] < 0:
                sentence_start[i], sentence_end[i] = start, end
    opening, closing, parens, commas = [0], [0], [0], [0]
    opened = closed = paren = comma = 0
    for i, tok in enumerate(toks):
        text = tok.text
        if text in QUOTE_MARKS:
            if _is_opening(parse, i):
                opened += 1
            else:
                closed += 1
        elif text == "(":
            paren += 1
        elif text == ",":
            comma += 1
        opening.append(opened)
        closing.append(closed)
        parens.append(paren)
        commas.append(comma)
    next_break = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_break[i] = i if toks[i].text in _MENTION_BREAKS else next_break[i + 1]
    return Tree(
        first=array("i", first), last=array("i", last), size=array("i", size), order=array("i", order),
        root=array("i", root), sentence_start=array("i", [s if s > 0 else 0 for s in sentence_start]),
        sentence_end=array("i", sentence_end), starts=array("q", [t.start for t in toks]),
        opening=array("i", opening), closing=array("i", closing), parens=array("i", parens),
        commas=array("i", commas), next_break=array("i", next_break),
    )


def subtree(parse: Parse, i: int) -> list[int]:
    """Indices of token ``i`` and all its descendants, in order."""
    t = tree(parse)
    if t.last[i] - t.first[i] + 1 == t.size[i]:
        return list(range(t.first[i], t.last[i] + 1))
    out = [i]
    stack = list(parse.kids(i))
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(parse.kids(j))
    return sorted(out)


def span_head(parse: Parse, start: int, end: int) -> int:
    """The token of ``start..end`` (exclusive) whose head lies outside it: the head of a name
    the model labelled."""
    toks = parse.tokens
    return next((i for i in range(start, end) if not start <= toks[i].head < end or toks[i].head == i), end - 1)


def first_of(parse: Parse, i: int) -> int:
    """The leftmost token of ``i``'s subtree."""
    return tree(parse).first[i]


def last_of(parse: Parse, i: int) -> int:
    """The rightmost token of ``i``'s subtree."""
    return tree(parse).last[i]


def tokens_after(parse: Parse, offset: int) -> int:
    """The index of the first token that starts after character ``offset``."""
    return bisect_right(tree(parse).starts, offset)


def span_of(text: str, parse: Parse, lo: int, hi: int) -> Span:
    """The text span from the start of token ``lo`` to the end of token ``hi``."""
    return Span.of(text, parse.tokens[lo].start, parse.tokens[hi].end)


def sentence_of(parse: Parse, i: int) -> tuple[int, int]:
    """The ``(start, end)`` token range of the sentence holding token ``i``."""
    t = tree(parse)
    return t.sentence_start[i], t.sentence_end[i]


def trim(parse: Parse, lo: int, hi: int) -> tuple[int, int] | None:
    """Shrink ``[lo, hi]`` past leading "that"/punctuation and trailing punctuation.

    Quotation marks that close a quote at the end are kept: in "the council had
    “chosen to protect core services.”" the mark belongs to the claim.
    """
    toks = parse.tokens
    t = tree(parse)
    while lo <= hi and (
        (toks[lo].pos == "PUNCT" and toks[lo].text not in QUOTE_MARKS)
        or ((toks[lo].pos == "SCONJ" or toks[lo].dep == "mark") and toks[lo].lower_text() in {"that", "as"})
        or toks[lo].dep == "cc"
        or toks[lo].text.isspace()  # "said:\t“": the parser's token for a run of white space
    ):
        lo += 1
    while hi >= lo and (toks[hi].text.isspace() or (
        toks[hi].pos == "PUNCT" and toks[hi].text not in QUOTE_MARKS
        and not (toks[hi].text == ")" and t.parens[hi] > t.parens[lo])
    )):
        hi -= 1
    while hi >= lo and (toks[hi].dep == "cc" or toks[hi].pos == "PUNCT" and toks[hi].text in ",;:—–"):
        hi -= 1  # "said the results were robust but | cautioned that ..."
    while hi >= lo and toks[hi].text in QUOTE_MARKS and _is_opening(parse, hi):
        hi -= 1
        while hi >= lo and toks[hi].pos == "PUNCT" and toks[hi].text not in QUOTE_MARKS:
            hi -= 1
    if lo > hi:
        return None
    if t.opening[hi + 1] - t.opening[lo] > t.closing[hi + 1] - t.closing[lo]:
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


# Prepositions inside an organisation's name.
_NAME_LINKS = {"of", "for", "on"}


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
    t = tree(parse)
    lo = hi = head
    comma = t.next_break[head + 1]
    for kid in parse.kids(head):
        dep = toks[kid].dep
        if kid < head and (dep in _LEFT_OF_MENTION or dep == "nmod" and _possessive(parse, kid)):
            lo = min(lo, t.first[kid])  # "Dashly’s lawyers", the "’s" read as a case mark
        elif head < kid < comma and dep in keep_right and not _is_relative(parse, kid):
            hi = max(hi, min(t.last[kid], comma - 1))
        elif proper and head < kid < comma and dep == "nmod" and toks[kid].pos == "PROPN" and any(
            toks[c].dep == "case" and toks[c].lower_text() in _NAME_LINKS for c in parse.kids(kid)
        ) and tok.lower_text() in lexicon.organization | lexicon.government:
            # "Board of Elections", "Bank of England", "the Department for Education", "the
            # Center on Budget Priorities"
            hi = max(hi, min(t.last[kid], comma - 1))
    while lo < head and (toks[lo].pos == "PUNCT" or toks[lo].dep == "case"):
        lo += 1
    while hi > head and toks[hi].pos == "PUNCT":
        hi -= 1
    name = None
    if not proper:
        # "the envoy, Ingrid Haugen"; "the head of Sigi regency, Mohamad Irwan" (apposed to the
        # last noun); "The state news agency Antara" (the small model makes Antara a second subject)
        for j in range(lo, hi + 1):
            for kid in parse.kids(j):
                if toks[kid].dep == "appos" and kid > head and toks[kid].pos == "PROPN" and name is None:
                    start = _name_start(parse, kid)
                    if start - 1 != head and toks[start - 1].text[:1].isupper():
                        continue  # "a spokesperson for Diabetes UK": the end of a name, no apposition
                    name = span_of(text, parse, start, _name_end(parse, kid))
        nxt = head + 1
        if (name is None and nxt < len(toks) and toks[nxt].pos == "PROPN" and toks[nxt].head == tok.head
                and toks[nxt].dep == tok.dep and nxt != tok.head):
            name = span_of(text, parse, nxt, _name_end(parse, nxt))
    return Mention(
        span=span_of(text, parse, lo, hi),
        head=tok.lower_text(),
        is_pronoun=is_pronoun,
        full=span_of(text, parse, t.first[head], t.last[head]),
        name=name,
        propn=any(toks[j].pos == "PROPN" for j in range(lo, hi + 1)),
    )


def _possessive(parse: Parse, i: int) -> bool:
    return any(parse.tokens[k].dep == "case" and parse.tokens[k].text in {"'s", "’s", "'", "’"} for k in parse.kids(i))


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
            lo = min(lo, first_of(parse, kid))
    while parse.tokens[lo].pos in {"PUNCT", "DET"} and lo < i:
        lo += 1
    return lo


def _name_end(parse: Parse, i: int) -> int:
    hi = i
    for kid in parse.kids(i):
        if kid > i and parse.tokens[kid].dep in {"flat", "compound"}:
            hi = max(hi, last_of(parse, kid))
    return hi


def case_of(parse: Parse, k: int) -> str:
    """The preposition marking token ``k`` ("on" of "on Friday"), or ""."""
    return next((parse.tokens[j].lower_text() for j in parse.kids(k) if parse.tokens[j].dep == "case"), "")


def comma_before(parse: Parse, v: int, window: int = 8) -> bool:
    """Whether a comma stands within ``window`` tokens before ``v`` in its sentence."""
    s0, _ = sentence_of(parse, v)
    return any(parse.tokens[i].text == "," for i in range(v - 1, max(s0, v - window) - 1, -1))
