"""The quote finder: pairs quotation marks into quotes, paragraph by paragraph.

Works on characters only (no parse), so it never fails on what a parser would
choke on: an unbalanced mark lowers confidence, it does not raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .types import Span

_OPEN = {"“": "”", "„": "“", "«": "»", "‹": "›", "»": "«", "”": "”", "‘": "’"}
_CLOSE = {"”", "“", "»", "«", "›", "‹"}
_AMBIGUOUS = '"'
# Two apostrophes standing for a double quotation mark (NYT-archive style: ''It's over,'' he said).
_DOUBLED = "''"
_LOOKBACK = 200
_BEFORE_OPEN = set(" \t\u00a0([{—–-:;/\u2009\u200b") | {"", "\ufeff"}
# every character that may be (part of) a quotation mark
_MARK_CHARS = re.compile("[" + re.escape("".join(sorted({*_OPEN, *_OPEN.values(), *_CLOSE, _AMBIGUOUS, "'"}))) + "]")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``content`` is between the marks; ``closed`` is False when unbalanced.

    ``full`` says the quote stands as a sentence of its own (a candidate direct
    quote) rather than a few words inside someone else's sentence. ``open`` and
    ``close`` are where the marks begin; a mark is ``width`` characters long (2 for
    a doubled apostrophe), so the quote with its marks ends at ``close + width``.
    """

    open: int
    close: int | None
    content: Span
    closed: bool
    full: bool
    blocks: tuple[int, ...]
    width: int = 1

    @property
    def end(self) -> int:
        """Where the quote ends with its closing mark (its content's end when unclosed)."""
        return self.close + self.width if self.close is not None else self.content.end


def find_quotes(text: str, paragraphs: list[tuple[int, Span]]) -> list[Quote]:
    """Pair double quotation marks in ``paragraphs`` (``(block index, span)``) of ``text``.

    A paragraph that opens a quote and does not close it continues into the
    next paragraph when that one opens with a quotation mark (news style for a
    quote over several paragraphs); otherwise the quote runs to the paragraph end
    and is marked unclosed.
    """
    quotes: list[Quote] = []
    pending: tuple[int, list[int]] | None = None  # (open offset, blocks) carried over
    dangling: tuple[int, int, str] | None = None  # (open offset, block, closer) of a mark ending its line
    for n, (block, para) in enumerate(paragraphs):
        marks = _marks(text, para)
        if dangling is not None:
            # "Officials said:\t“" with the words on the next line: a line break pasted after the
            # mark; the quote is that line, up to its closing mark
            open_at, first_block, closer = dangling
            dangling = None
            inside = _marks(text, para, closer)
            if inside and inside[0][1] == "close":
                close = inside[0][0]
                full = _is_full(text, open_at, close)
                quotes.append(Quote(open_at, close, Span.of(text, para.start, close), True, full, (first_block, block)))
                marks = inside[1:]
            else:
                quotes.append(_make(text, open_at, None, paragraphs[n - 1][1].end, [first_block]))
        if pending is not None:
            if marks and marks[0][0] == para.start and marks[0][1] == "open":
                open_at, blocks = pending
                blocks.append(block)
                marks = marks[1:]
                pending = None
                close = next((pos for pos, role in marks if role == "close"), None)
                if close is None:
                    pending = (open_at, blocks)
                    if not _continues(text, paragraphs, n):
                        quotes.append(_make(text, open_at, None, para.end, blocks))
                        pending = None
                    continue
                quotes.append(_make(text, open_at, close, close, blocks))
                marks = [m for m in marks if m[0] > close]
            else:
                open_at, blocks = pending
                prev_end = paragraphs[n - 1][1].end
                quotes.append(_make(text, open_at, None, prev_end, blocks))
                pending = None
        open_at: int | None = None
        for pos, role in marks:
            if role == "open" and open_at is None:
                open_at = pos
            elif role == "open":
                # a second opening mark inside a quote: the first one was stray
                quotes.append(_make(text, open_at, None, pos, [block]))
                open_at = pos
            elif open_at is not None:
                quotes.append(_make(text, open_at, pos, pos, [block]))
                open_at = None
        if open_at is not None:
            if _continues(text, paragraphs, n):
                pending = (open_at, [block])
            elif open_at + mark_width(text, open_at) == para.end and n + 1 < len(paragraphs):
                dangling = (open_at, block, _closer_of(text, open_at))
            else:
                quotes.append(_make(text, open_at, None, para.end, [block]))
    if pending is not None:
        open_at, blocks = pending
        quotes.append(_make(text, open_at, None, paragraphs[-1][1].end, blocks))
    return sorted(quotes, key=lambda q: q.open)


def _continues(text: str, paragraphs: list[tuple[int, Span]], n: int) -> bool:
    if n + 1 >= len(paragraphs):
        return False
    nxt = paragraphs[n + 1][1]
    return bool(nxt.text) and (nxt.text[0] in _OPEN.keys() | {_AMBIGUOUS} or nxt.text.startswith(_DOUBLED))


def _marks(text: str, para: Span, closer: str = "") -> list[tuple[int, str]]:
    """Quotation marks of a paragraph with their role, "open" or "close"; ``closer`` is the
    mark that closes a quote the paragraph starts inside.

    Double marks pair as they come. British single marks (‘…’) count only outside double
    ones; a ’ closes them when it ends a sentence piece ("‘We are not,’ she said") or no
    lowercase word follows, so that "the citizens’ rights" keeps its apostrophe.
    """
    marks: list[tuple[int, str]] = []
    inside = bool(closer)
    single: int | None = None  # where an open British single quote began
    weak: int | None = None  # a ’ that may close it, kept in case no better one comes
    skip = -1  # the second apostrophe of a doubled mark
    for found in _MARK_CHARS.finditer(text, para.start, para.end):  # no other character changes a role
        pos, ch = found.start(), found.group()
        if pos == skip:
            continue
        if ch == "'" and single is None and pos + 1 < para.end and text.startswith(_DOUBLED, pos):
            role = _doubled_role(text, pos, para, inside, closer)
            if role == "later":
                continue  # "‘fine,''' he said": the last two of three apostrophes close the quote
            skip = pos + 1
            if role is None:
                continue  # "the Joneses'' house", or a doubled mark inside another kind of quote
            marks.append((pos, role))
            inside, closer = role == "open", _DOUBLED if role == "open" else ""
            continue
        if inside and closer == _DOUBLED:
            continue  # only a doubled apostrophe closes a doubled one
        if single is not None:
            if ch == "’" and not text[pos + 1:pos + 2].isalnum():
                if _closes_single(text, pos, para):
                    marks += [(single, "open"), (pos, "close")]
                    single = weak = None
                elif weak is None:
                    weak = pos
            continue
        if ch == "‘" and not inside and (text[pos - 1] if pos > para.start else "") in _BEFORE_OPEN:
            single, weak = pos, None
            continue
        if ch == _AMBIGUOUS:
            before = text[pos - 1] if pos > para.start else ""
            role = "open" if (not inside and (before in _BEFORE_OPEN or before in _OPEN)) else "close"
            if role == "close" and not inside:
                continue  # a stray inch mark or a closing mark without opening
        elif inside and ch == closer:
            role = "close"
        elif ch in _OPEN and not inside and (ch not in _CLOSE or _opens_here(text, pos, para)):
            role = "open"
        elif ch in _CLOSE:
            role = "close"
        else:
            continue
        marks.append((pos, role))
        if role == "open":
            inside, closer = True, (_OPEN.get(ch, _AMBIGUOUS) if ch != _AMBIGUOUS else _AMBIGUOUS)
        else:
            inside = False
    if single is not None:
        marks += [(single, "open")] + ([(weak, "close")] if weak is not None else [])
    return marks


def _doubled_role(text: str, pos: int, para: Span, inside: bool, closer: str) -> str | None:
    """The role of the doubled apostrophe at ``pos``: "open", "close", "later" (a third
    apostrophe follows: the pair ends one further on) or None (no quotation mark here)."""
    if inside:
        if closer != _DOUBLED:
            return None
        return "later" if text[pos + 2:pos + 3] == "'" else "close"
    before = text[pos - 1] if pos > para.start else ""
    after = text[pos + 2:pos + 3]
    # "''It's anti-reform,'' said X": it opens after a space, a dash or a bracket, before a word
    if (before in _BEFORE_OPEN or before in _OPEN) and after and not after.isspace():
        return "open"
    return None


def mark_width(text: str, pos: int) -> int:
    """How many characters the quotation mark at ``pos`` spans: 2 for a doubled apostrophe."""
    return 2 if text.startswith(_DOUBLED, pos) else 1


def _closer_of(text: str, pos: int) -> str:
    """The mark that closes a quote opened at ``pos``."""
    if text.startswith(_DOUBLED, pos):
        return _DOUBLED
    return _OPEN.get(text[pos], _AMBIGUOUS)


def _closes_single(text: str, pos: int, para: Span) -> bool:
    before = text[pos - 1] if pos > para.start else ""
    if before in ".,!?;:…—–":
        return True
    rest = text[pos + 1:min(para.end, pos + 4)].lstrip()
    return not (rest[:1].isalpha() and rest[:1].islower() and before.lower() == "s")


def _opens_here(text: str, pos: int, para: Span) -> bool:
    before = text[pos - 1] if pos > para.start else ""
    return before in _BEFORE_OPEN


def _make(text: str, open_at: int, close: int | None, end: int, blocks: list[int]) -> Quote:
    content = Span.of(text, min(open_at + mark_width(text, open_at), end), end)
    return Quote(open_at, close, content, close is not None, _is_full(text, open_at, close), tuple(blocks),
                 mark_width(text, open_at))


def _is_full(text: str, open_at: int, close: int | None) -> bool:
    """A quote is full when it starts a sentence or follows a colon or a reporting comma."""
    # only the stretch of the line just before the mark matters: bounded, so a story pasted
    # as one long line stays linear
    window = max(0, open_at - _LOOKBACK)
    line_start = text.rfind("\n", window, open_at) + 1 or window
    before = text[max(line_start, window):open_at].rstrip()
    if window > line_start or (line_start == window and window > 0 and text[window - 1] != "\n"):
        before = "x " + before  # the line began before the window: the quote does not open it
    if not before or before.endswith((":", ".", "?", "!", "…", "—", "–")):
        return True
    # a sentence that ends in a quoted title: ... said on Channel Four's “Morning Brew.” “I mean, ...”
    if before.rstrip("”\"’»").endswith((".", "?", "!", "…")) and before[-1] in "”\"’»":
        return True
    if before.endswith(",") and close is not None:
        inner = text[open_at + mark_width(text, open_at) : close].rstrip()
        if not inner.endswith((".", ",", "?", "!", "…")):
            return False
        # "“One,” he said, “two.”": the second piece continues a quote around a short cue
        last_close = max(max(before.rfind(c) for c in "”\"»“"), before.rfind(_DOUBLED) + 1)
        if last_close >= 0 and len(before[last_close + 1 :].split()) <= 14:
            return True
        return inner[:1].isupper()
    return False
