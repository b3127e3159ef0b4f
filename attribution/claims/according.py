"""Pass 3: "according to X" and the other phrases of the word list's ``according_to``."""

from __future__ import annotations

from ..intermediaries import published_by
from ..syntax import last_of, sentence_of, span_of, trim
from ..types import ClaimKind, Parse
from .content import has_clause
from .state import Draft, Story


def according_frames(story: Story) -> list[Draft]:
    """The claims of every "according to X" outside full quotations."""
    frames: list[Draft] = []
    for p in story.parses:
        toks = p.tokens
        words = [t.lower_text() for t in toks]
        for phrase in story.lex.according_to:
            n = len(phrase)
            for i in range(len(toks) - n):
                if words[i] != phrase[0] or tuple(words[i:i + n]) != phrase:
                    continue
                if story.in_full_quote(toks[i].start):
                    continue
                frame = _according_frame(story, p, i, n)
                if frame is not None:
                    frames.append(frame)
    return frames


def _according_frame(story: Story, p: Parse, i: int, n: int) -> Draft | None:
    toks = p.tokens
    s0, s1 = sentence_of(p, i)
    if toks[i].dep == "case" and toks[i].head > i:
        noun: int | None = toks[i].head  # UD: "according" is the case marker of the source
    else:
        noun = next((j for j in range(i + n, s1) if toks[j].pos in {"NOUN", "PROPN", "PRON", "NUM"}), None)
        while noun is not None and i + n <= toks[noun].head < s1 and toks[noun].head > noun:
            noun = toks[noun].head
    if noun is None:
        return None
    phrase_end = max(last_of(p, noun), noun)
    speaker = story.mention(p, noun)
    speaker_i = published_by(p, noun, story.lex)
    if speaker_i is not None:
        speaker = story.mention(p, speaker_i)
    left = trim(p, s0, i - 1) if i > s0 else None
    right = trim(p, phrase_end + 1, s1 - 1) if phrase_end + 1 < s1 else None
    sizes = [(r[1] - r[0], r) for r in (left, right) if r is not None]
    if not sizes:
        return None
    lo, hi = max(sizes)[1]
    if left is not None and right is not None and toks[i - 1].text == "," and toks[phrase_end + 1].text == ",":
        lo, hi = right  # "The deal, according to two people, is worth $2 billion": what follows the source
    if right is not None and left is not None and toks[right[0]].dep == "mark":
        lo, hi = left  # "..., according to the agency, although they remain tiny": the claim is before
    if (lo, hi) == right and left is not None and has_clause(p, *left) and not has_clause(p, *right):
        # "Incomes would rise 19.9 percent, according to the foundation, more than twice what
        # it projected": a verbless fragment after the source is the writer's comment
        lo, hi = left
    if (lo, hi) == right and left is not None and toks[right[0]].tag == "VBG" and has_clause(p, *left):
        # "Walking lowers blood sugar, according to a new trial, adding to evidence that ...":
        # the participle after the source is the writer's comment
        lo, hi = left
    cue = span_of(story.text, p, i, i + n - 1)
    phrase = " ".join(t.lower_text() for t in toks[i:i + n])
    return Draft(ClaimKind.ACCORDING_TO, toks[lo].start, toks[hi].end, cue, phrase, speaker, (), None, None,
                 toks[i].sent, 0.85, p.block)
