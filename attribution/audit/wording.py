"""The words of a quote, compared across texts: folded forms, where one sits in another, word diffs, names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from ..lexicon import default_lexicon

# A word: a number with its separators ("2,500", "3.1"), or letters and digits with inner
# apostrophes ("Kazakhstan’s", "don't").
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['‘’ʼ][^\W_]+)*")
_APOSTROPHES = str.maketrans({c: "'" for c in "‘’ʼ"})


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a text: folded forms (lower case, one apostrophe) and their offsets in ``text``."""

    text: str
    forms: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    def shown(self, i: int, j: int) -> str:
        """Words ``i``..``j`` as the text writes them, one space apart."""
        return " ".join(self.text[s:e] for s, e in self.spans[i:j])

    def __len__(self) -> int:
        return len(self.forms)


def words(text: str) -> Words:
    """The words of ``text``; punctuation, quotation marks and dashes are not words."""
    found = list(_WORD.finditer(text))
    return Words(text, tuple(m.group().translate(_APOSTROPHES).casefold() for m in found),
                 tuple(m.span() for m in found))


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The function words of ``data/function_words.txt``: words that say nothing of a quote's topic."""
    text = resources.files("attribution").joinpath("data/function_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.split("#")[0].strip()))


def content_words(forms: Sequence[str]) -> list[str]:
    """The words of ``forms`` that are not function words."""
    stop = function_words()
    return [w for w in forms if w not in stop]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Where word sequence ``a`` sits in word sequence ``b``: the window ``b[start:end]`` and the edits.

    ``ops`` are ``(tag, a_start, a_end, b_start, b_end)`` with ``tag`` ``equal`` or ``change``
    (``b`` offsets index all of ``b``); words of ``b`` outside the window are not edits: a
    shorter excerpt of a longer quote is the same words, fewer.
    """

    start: int
    end: int
    equal: int
    ops: tuple[tuple[str, int, int, int, int], ...]
    a_len: int

    @property
    def similarity(self) -> float:
        """Matched words over the words of ``a`` and of the window, 0..1."""
        total = self.a_len + self.end - self.start
        return 2 * self.equal / total if total else 0.0

    @property
    def changes(self) -> int:
        """How many places ``a`` and the window differ."""
        return sum(1 for op in self.ops if op[0] == "change")


def align(a: Sequence[str], b: Sequence[str]) -> Alignment:
    """The best window of ``b`` for ``a`` (rapidfuzz's partial alignment) and the word edits.

    The window found for ``len(a)`` words is widened by a quarter of that on each side, aligned
    word by word (rapidfuzz Indel), then narrowed to the matched words plus, at each edge, as
    many unmatched words of ``b`` as ``a`` has there (a changed first or last word).
    """
    if not a or not b:
        return Alignment(0, 0, 0, (), len(a))
    lo, hi = 0, len(b)
    if len(a) < len(b):
        found = fuzz.partial_ratio_alignment(a, b, processor=None)
        slack = max(2, len(a) // 4)
        lo, hi = max(0, found.dest_start - slack), min(len(b), found.dest_end + slack)
    matched = [op for op in Indel.opcodes(a, b[lo:hi]) if op.tag == "equal"]
    if not matched:
        return Alignment(lo, lo, 0, (), len(a))
    first, last = matched[0], matched[-1]
    start = lo + first.dest_start - min(first.src_start, first.dest_start)
    end = lo + last.dest_end + min(len(a) - last.src_end, hi - lo - last.dest_end)
    ops: list[tuple[str, int, int, int, int]] = []
    equal = 0
    for op in Indel.opcodes(a, b[start:end]):
        tag = "equal" if op.tag == "equal" else "change"
        a0, a1, b0, b1 = op.src_start, op.src_end, op.dest_start + start, op.dest_end + start
        if tag == "equal":
            equal += a1 - a0
        if ops and ops[-1][0] == tag == "change":  # a delete next to an insert is one change
            a0, b0 = ops[-1][1], ops[-1][3]
            ops.pop()
        ops.append((tag, a0, a1, b0, b1))
    return Alignment(start, end, equal, tuple(ops), len(a))


def word_diff(alignment: Alignment, a: Words, b: Words, *, reference: str = "b") -> str:
    """A compact word diff: ``-old +new`` per change, old words from the reference side.

    Args:
        alignment: ``align(a.forms, b.forms)``.
        a: the aligned words.
        b: the words ``a`` was aligned in.
        reference: which side is the reference (its words are prefixed ``-``): ``"a"`` or ``"b"``.
    """
    parts = []
    for tag, a0, a1, b0, b1 in alignment.ops:
        if tag == "equal":
            continue
        a_text, b_text = a.shown(a0, a1), b.shown(b0, b1)
        old, new = (a_text, b_text) if reference == "a" else (b_text, a_text)
        parts += [f"-{old}"] if old else []
        parts += [f"+{new}"] if new else []
    return " ".join(parts)


def bag_overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """The share of ``a``'s words (counted with repeats) that ``b`` also has: 1.0 for a reordering."""
    if not a:
        return 0.0
    return sum((Counter(a) & Counter(b)).values()) / len(a)


def bag_diff(a: Words, b: Words) -> str:
    """``-words +words`` that only ``b`` (the reference) / only ``a`` holds, ignoring order."""
    only_a = Counter(a.forms) - Counter(b.forms)
    only_b = Counter(b.forms) - Counter(a.forms)
    old = [b.text[s:e] for f, (s, e) in zip(b.forms, b.spans, strict=True) if only_b.pop(f, 0)]
    new = [a.text[s:e] for f, (s, e) in zip(a.forms, a.spans, strict=True) if only_a.pop(f, 0)]
    return " ".join(([f"-{' '.join(old)}"] if old else []) + ([f"+{' '.join(new)}"] if new else []))


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> tuple[str, ...]:
    """A name's words for comparing: folded, leading article, title words and media nouns dropped.

    "Kazakh President Kassym-Jomart Tokayev" -> (kazakh, kassym, jomart, tokayev);
    "the RIA news agency" -> (ria,).
    """
    forms = list(words(name).forms)
    if forms and forms[0] in ("the", "a", "an"):
        forms = forms[1:]
    lex = default_lexicon()
    kept = [w for w in forms if w not in lex.titles and f"{w}." not in lex.titles and w not in lex.media]
    return tuple(kept or forms)


def same_name(a: str, b: str) -> bool:
    """Whether two names can be one source: the same last word, one name's words all in the other.

    "Tokayev", "Kassym-Jomart Tokayev" and "Kazakh President Kassym-Jomart Tokayev" are one
    source; "Tokayev government" is not Tokayev (its last word, the head, differs).
    """
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb or ka[-1] != kb[-1]:
        return False
    short, long = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return set(short) <= set(long)


REORDERED = "(reordered)"


def diff_parts(drift: str) -> list[tuple[str, str]]:
    """A drift of ``word_diff`` or ``bag_diff`` read back: ``(old, new)`` words per change.

    "-fully +partly -3,000 +4,000" -> [("fully", "partly"), ("3,000", "4,000")]; a change that
    only drops or only adds words has an empty side. A reordering's mark is left out (its
    changes, if any, follow it). Words never start with "-" or "+": those start a change.
    """
    parts: list[list[str]] = []
    for token in drift.split():
        if token == REORDERED:
            continue
        if token[0] in "-+":
            if token[0] == "-" or not parts or parts[-1][1]:
                parts.append(["", ""])
            side = 0 if token[0] == "-" else 1
            parts[-1][side] = token[1:]
        elif parts:
            side = 1 if parts[-1][1] else 0
            parts[-1][side] += " " + token
    return [(old, new) for old, new in parts]


def in_context(text: str, reference: str, drift: str, context: int = 4) -> list[tuple[str, str]] | None:
    """The drift of ``text`` from ``reference`` shown in its words: ``(kind, words)`` segments.

    ``kind`` is ``same`` (up to ``context`` words either side of a change, "…" for the rest),
    ``old`` (the reference's words) or ``new`` (the text's). None when ``drift`` is not the
    word diff of ``text`` against ``reference`` (it was measured against another wording).
    """
    own, ref = words(text), words(reference)
    found = align(own.forms, ref.forms)
    if not drift or drift.startswith(REORDERED) or word_diff(found, own, ref, reference="b") != drift:
        return None
    segments: list[tuple[str, str]] = []
    last = len(found.ops) - 1
    for n, (tag, a0, a1, b0, b1) in enumerate(found.ops):
        if tag == "change":
            segments += [("old", _slice(ref, b0, b1))] if b1 > b0 else []
            segments += [("new", _slice(own, a0, a1))] if a1 > a0 else []
            continue
        head = a0 + (context if n > 0 else 0)  # words kept after the change before
        tail = a1 - (context if n < last else 0)  # words kept before the change after
        if head >= tail:
            segments.append(("same", _slice(own, a0, a1)))
            continue
        segments += [("same", _slice(own, a0, head))] if head > a0 else []
        segments.append(("same", "…"))
        segments += [("same", _slice(own, tail, a1))] if a1 > tail else []
    return segments


def _slice(found: Words, i: int, j: int) -> str:
    """Words ``i``..``j`` with the text between them (hyphens, commas, quotation marks)."""
    return found.text[found.spans[i][0]:found.spans[j - 1][1]]
