"""Is this quote in that story? Exact, normalised, altered or absent, with offsets, a word diff and the speaker."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import InputError
from ..evaluate import name_matches
from ..types import Analysis, Claim
from .wording import Words, align, same_name, word_diff, words

# "altered": the best window of the story matches the quote's words at this similarity
# (2 x matched / words of both): one word changed in eight is 0.88, two changed in eight or
# one in four 0.75. Below it the quote is absent (a topic-related sentence shares words, not
# wording). A quote of several sentences is also altered when each sentence is found (at the
# same similarity) within SPAN times the quote's length: reordered, or a sentence cut out.
ALTERED = 0.75
SPAN = 3
MIN_PIECE_WORDS = 3

# Typographic variants folded by "normalised": quotation marks, apostrophes, dashes (with the
# spaces around them: "restored—in" = "restored - in"), ellipses, invisible characters.
_QUOTE_MARKS = "\"“”„‟«»″〝〞＂"
_APOSTROPHES = "'‘’‚‛′ʼ`´＇"
_FOLD = re.compile(r"\s*[-‐‑‒–—―−]+\s*|\s*(?:…|\.\s?\.\s?\.)\s*|\s+|[\u200b\u200c\u200d\u00ad\ufeff]|.", re.DOTALL)
_CHAR = str.maketrans({**{c: '"' for c in _QUOTE_MARKS}, **{c: "'" for c in _APOSTROPHES}})
_FINAL = ".,;:"
# Where a quote of several sentences or clauses is cut into pieces: after . ! ? ; or at a dash.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\s*[—–]\s*|\s+-\s+")


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """A quote someone attributes to the story, and optionally to whom."""

    quote: str
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the story says about one quote.

    ``start``/``end`` index the story text (None when absent); ``diff`` is ``-story words
    +quote words``; ``speaker_ok`` is None when no speaker was given or the story attributes
    the words to nobody; ``story_speaker`` is whom the story credits.
    """

    quote: str
    label: str
    start: int | None
    end: int | None
    diff: str
    speaker: str | None
    speaker_ok: bool | None
    story_speaker: str | None

    @property
    def passed(self) -> bool:
        """Exact or normalised, and the speaker (when given) is the story's."""
        return self.label in ("exact", "normalised") and (self.speaker is None or self.speaker_ok is True)


@dataclass(frozen=True, slots=True)
class _Found:
    label: str
    start: int
    end: int
    diff: str = ""


def verify(text: str, checks: Sequence[QuoteCheck],
           analyze: Callable[[str], Analysis] | None = None) -> list[Verdict]:
    """Check each quote against the story ``text``.

    Args:
        text: the story.
        checks: the quotes, each with an optional speaker.
        analyze: the analyzer, run once (and only) when a speaker is to be checked.
    """
    story = _Story(text)
    analysis: Analysis | None = None
    verdicts = []
    for check in checks:
        found = locate(text, check.quote, story=story)
        if not found:
            verdicts.append(Verdict(check.quote, "absent", None, None, "", check.speaker, None, None))
            continue
        best, ok, credited = found[0], None, None
        if check.speaker:
            if analysis is None and analyze is not None:
                analysis = analyze(text)
            if analysis is not None:
                # the occurrence credited to the speaker, else one credited to someone, else the first
                judged = [(f, *_speaker(analysis, f, check.speaker)) for f in found]
                best, ok, credited = next((j for j in judged if j[1]), next((j for j in judged if j[2]), judged[0]))
        verdicts.append(Verdict(check.quote, best.label, best.start, best.end, best.diff, check.speaker, ok, credited))
    return verdicts


class _Story:
    """The story's folded text and words, each made when a quote first needs it."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def folded(self) -> tuple[str, list[int], list[int]]:
        return fold(self.text)

    @cached_property
    def words(self) -> Words:
        return words(self.text)


def locate(text: str, quote: str, *, story: _Story | None = None) -> list[_Found]:
    """Where ``quote`` is in ``text``: every exact or else normalised occurrence, else the altered window, else []."""
    story = story or _Story(text)
    quote = quote.strip()
    exact = [_Found("exact", s, s + len(quote)) for s in _occurrences(text, quote) if _whole(text, s, s + len(quote))]
    if exact:
        return exact
    norm, starts, ends = story.folded
    bare = quote.strip(_QUOTE_MARKS + " \t\n")
    for candidate in dict.fromkeys([bare, bare.rstrip(_FINAL)]):
        needle = fold(candidate)[0].strip()
        hits = [_Found("normalised", starts[s], ends[s + len(needle) - 1]) for s in _occurrences(norm, needle)]
        hits = [h for h in hits if _whole(text, h.start, h.end)]
        if needle and hits:
            return hits
    altered = _altered(story.words, words(bare))
    return [altered] if altered else []


def fold(text: str) -> tuple[str, list[int], list[int]]:
    """The text with whitespace, quotation marks, apostrophes, dashes, ellipses and case folded.

    Returns the folded text and, for each of its characters, the start and end of the
    original characters it stands for, so a match maps back into ``text``.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _FOLD.finditer(text):
        piece = m.group()
        if piece.strip() and piece.strip()[0] in "-‐‑‒–—―−":
            folded = "-"
        elif "…" in piece or ".." in piece.replace(" ", ""):
            folded = "…"
        elif piece.isspace():
            folded = " "
        elif piece in "\u200b\u200c\u200d\u00ad\ufeff":
            folded = ""
        else:
            folded = piece.translate(_CHAR).casefold()
        start, end = m.span()
        if folded in ("-", "…"):  # the spaces swallowed around a dash or an ellipsis are not its offsets
            start, end = start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())
        out.append(folded)
        starts += [start] * len(folded)
        ends += [end] * len(folded)
    return "".join(out), starts, ends


def _occurrences(hay: str, needle: str) -> list[int]:
    found, at = [], hay.find(needle) if needle else -1
    while at >= 0:
        found.append(at)
        at = hay.find(needle, at + 1)
    return found


def _whole(text: str, start: int, end: int) -> bool:
    """Whether the match starts and ends on word boundaries ("restore" is not in "restored")."""
    cut_start = 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum()
    cut_end = 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (cut_start or cut_end)


def _altered(story: Words, quote: Words) -> _Found | None:
    """The best window of the story for the quote's words, or its sentences found near each other."""
    if not quote.forms or not story.forms:
        return None
    found = align(quote.forms, story.forms)
    if found.similarity >= ALTERED and found.end > found.start:
        start, end = story.spans[found.start][0], story.spans[found.end - 1][1]
        return _Found("altered", start, end, word_diff(found, quote, story, reference="b") or "(punctuation)")
    return _pieces(story, quote)


def _pieces(story: Words, quote: Words) -> _Found | None:
    """A quote of several sentences whose sentences are all in the story, near each other."""
    pieces = [words(s) for s in _SENTENCE_BREAK.split(quote.text) if s and s.strip()]
    if len(pieces) < 2 or any(len(p.forms) < MIN_PIECE_WORDS for p in pieces):
        return None
    placed = [(align(p.forms, story.forms), p) for p in pieces]
    if any(a.similarity < ALTERED for a, _ in placed):
        return None
    lo, hi = min(a.start for a, _ in placed), max(a.end for a, _ in placed)
    if hi - lo > SPAN * len(quote.forms):
        return None
    diffs = [d for a, p in placed if (d := word_diff(a, p, story, reference="b"))]
    in_order = sorted(placed, key=lambda ap: ap[0].start)
    if in_order != placed:
        diffs.insert(0, "(reordered)")
    for (a, _), (b, _) in zip(in_order, in_order[1:], strict=False):
        gap = story.text[story.spans[a.end - 1][1]:story.spans[b.start][0]] if b.start > a.end else ""
        # '"...collapsing," said lead author Lena Brunner. "Some of them..."': the reporter's words
        # between two quotations are not words cut from the quote
        if gap and not any(mark in gap for mark in _QUOTE_MARKS):
            diffs.append(f"-{story.shown(a.end, b.start)}")
    return _Found("altered", story.spans[lo][0], story.spans[hi - 1][1], " ".join(diffs))


def _speaker(analysis: Analysis, found: _Found, speaker: str) -> tuple[bool | None, str | None]:
    """Whether the story credits the matched words to ``speaker``, and whom it credits (None: nobody)."""
    claims = [c for c in analysis.claims if c.speaker and _overlaps(c, found)]
    if not claims:
        return None, None
    judged = [(_credits(analysis, c, speaker), analysis.entity(c.speaker)) for c in claims]
    wrong = [entity for credited, entity in judged if not credited]
    entity = wrong[0] if wrong else judged[0][1]
    return not wrong, entity.name if entity else None


def _overlaps(claim: Claim, found: _Found) -> bool:
    """The claim's content covers half of the match, or the match half of the claim."""
    inter = min(claim.content.end, found.end) - max(claim.content.start, found.start)
    return inter > 0 and (2 * inter >= found.end - found.start or 2 * inter >= claim.content.end - claim.content.start)


def _credits(analysis: Analysis, claim: Claim, speaker: str) -> bool:
    """The given name is one of the speaker's forms (``name_matches``), or the same name without titles."""
    entity = analysis.entity(claim.speaker)
    forms = [entity.name, *(m.text for m in entity.mentions)] if entity else []
    if claim.speaker_mention:
        forms.append(claim.speaker_mention.text)
    return name_matches(speaker, forms) or any(same_name(speaker, form) for form in forms)


def read_quotes(path: Path) -> list[QuoteCheck]:
    """Quotes from a file: JSON Lines with ``quote`` and optional ``speaker``, or one quote a line.

    Raises:
        InputError: the file cannot be read, or a line of JSON Lines is not a ``{"quote": ...}`` object.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the quotes file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text: give one quote a line, or JSON Lines") from None
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines or not lines[0][1].startswith("{"):
        return [QuoteCheck(line) for _, line in lines]
    checks = []
    for n, line in lines:
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path} line {n}: not JSON ({exc.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str) or not item["quote"].strip():
            raise InputError(f'{path} line {n}: expected an object like {{"quote": "...", "speaker": "..."}}')
        speaker = item.get("speaker")
        if speaker is not None and not isinstance(speaker, str):
            raise InputError(f"{path} line {n}: speaker must be a string")
        checks.append(QuoteCheck(item["quote"], speaker or None))
    return checks


def verdict_line(v: Verdict) -> str:
    """One line a quote: label, offsets, the quote, the diff and the speaker check."""
    where = f"{v.start}:{v.end}" if v.start is not None else ""
    line = f'{v.label:<10} {where:<11} "{v.quote}"' if where else f'{v.label:<10} "{v.quote}"'
    if v.diff:
        line += f"  diff: {v.diff}"
    if v.speaker and v.label != "absent":
        if v.speaker_ok is None:
            line += "  speaker: not attributed in the story"
        else:
            line += "  speaker: ok" if v.speaker_ok else f"  speaker: WRONG (story says {v.story_speaker})"
    return line


def verdict_json(v: Verdict) -> str:
    """The verdict as one line of JSON."""
    return json.dumps({"quote": v.quote, "label": v.label, "start": v.start, "end": v.end, "diff": v.diff,
                       "speaker": v.speaker, "speaker_ok": v.speaker_ok, "story_speaker": v.story_speaker},
                      ensure_ascii=False)
