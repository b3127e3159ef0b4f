"""Pass 1: every full quotation finds its reporting verb, or continues the speaker before it."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Set
from dataclasses import replace

from ..intermediaries import channel_of, recipient_via, time_of
from ..quotes import Quote
from ..speakers import is_cue, speaker_beside, speaker_mention
from ..syntax import last_of, sentence_of, span_of
from ..types import ClaimKind, Parse
from .state import Cue, Draft, Story
from .verbs import reports


def quoted_frames(story: Story) -> tuple[list[Draft], frozenset[Cue]]:
    """The direct claims of the story's full quotations and the cues they took."""
    frames: list[Draft] = []
    by_block: dict[int, list[int]] = {}  # block -> indices of its frames
    taken: set[Cue] = set()
    for q in story.full:
        frame, cue = _quoted_frame(story, q, taken, _last_before(frames, by_block, q))
        if cue is not None:
            taken.add(cue)
        if frame is not None:
            by_block.setdefault(frame.block, []).append(len(frames))
            frames.append(frame)
    return frames, frozenset(taken)


def _last_before(frames: list[Draft], by_block: dict[int, list[int]], q: Quote) -> Draft | None:
    """The last claim found so far in the paragraph of ``q`` or the one before, ending before it."""
    block = q.blocks[0]
    last = -1
    for b in (block, block - 1):
        for n in reversed(by_block.get(b, ())):
            if frames[n].end <= q.open:
                last = max(last, n)
                break
    return frames[last] if last >= 0 else None


def _quoted_frame(story: Story, q: Quote, taken: Set[Cue], prior: Draft | None) -> tuple[Draft | None, Cue | None]:
    """The claim of quotation ``q`` and the cue it took, given the cues taken and the claim
    before it."""
    text = story.text
    start, end = q.content.start, q.close if q.close is not None else q.content.end
    stripped = text[start:end].rstrip()
    if not stripped:
        return None, None
    end = start + len(stripped)
    conf = 0.9 if q.closed else 0.6
    found = _cue_after(story, q, taken) or _cue_before(story, q, taken)
    if found is None and not q.closed:
        # "“We will not give up, the mayor said." — the closing mark was forgotten
        inner = _cue_inside(story, q, taken)
        if inner is not None:
            found, end = inner
    if found is not None:
        pi, v = found
        p = story.parses[pi]
        lex = story.lex
        speaker = speaker_mention(text, p, v, lex)
        if speaker is not None and q.open <= speaker.span.start < max(end, q.end):
            # never a word or mark of the quote: "«We are ready,» said Anna Berg" parses "»" as a subject
            after = max(end, q.end)
            other = next((k for k in p.kids(v) if p.tokens[k].dep == "nsubj" and p.tokens[k].start >= after
                          and p.tokens[k].pos != "PUNCT"), None)
            speaker = story.mention(p, other) if other is not None else speaker_beside(text, p, v, after, lex)
        via = recipient_via(text, p, v, lex, story.publisher)
        channel, outlet = channel_of(text, p, v, lex)
        tok = p.tokens[v]
        frame = Draft(
            ClaimKind.DIRECT, start, end, span_of(text, p, v, v), tok.lemma, speaker,
            tuple(m for m in (via or outlet,) if m is not None), channel, time_of(text, p, v, lex),
            tok.sent, conf if speaker else conf - 0.3, p.block,
        )
        return frame, found
    # a quote inside the quote may close it: "... like 'I better hire someone like me.'"
    if not stripped.rstrip("'’\"”").endswith((".", ",", "?", "!", "…")) and q.closed:
        return None, None  # a quoted title or name standing at the start of a sentence
    # no cue of its own: the quote continues the speaker of the quote before it, when it
    # stands as a sentence ("“Midnight Ledger,” is due out in March" names an album)
    after = text[q.end:q.end + 2].lstrip(" \u00a0") if q.close is not None else ""
    if after[:1].isalpha() and after[:1].islower():
        return None, None
    if prior is not None:
        frame = replace(prior, start=start, end=end, confidence=min(prior.confidence, 0.7), block=q.blocks[0],
                        sentence=story.sentence_at(q.content.start, prior.sentence))
        return frame, None
    return None, None


def _cue_inside(story: Story, q: Quote, taken: Set[Cue]) -> tuple[Cue, int] | None:
    """A ", the mayor said" clause inside an unclosed quote: the cue and where the quote ends."""
    loc = story.locate(q.content.start)
    if loc is None:
        return None
    pi, start = loc
    p = story.parses[pi]
    toks = p.tokens
    for i in range(start, len(toks)):
        if toks[i].start >= q.content.end:
            break
        if toks[i].text != ",":
            continue
        for j in range(i + 1, min(i + 6, len(toks))):
            if is_cue(toks[j], story.lex) and (pi, j) not in taken and reports(story, p, j):
                _, s1 = sentence_of(p, j)
                if all(toks[k].pos not in {"VERB", "AUX"} or k == j for k in range(i + 1, s1)):
                    return (pi, j), toks[i].end
                break
    return None


def _cue_after(story: Story, q: Quote, taken: Set[Cue]) -> Cue | None:
    """ "...,” said Tokayev." / "...,” he added in a statement." """
    if q.close is None:
        return None
    loc = story.locate(q.end)
    if loc is None:
        return None
    pi, start = loc
    p = story.parses[pi]
    if p.tokens[start].start - q.close > 3 or p.block != q.blocks[-1]:
        return None
    k = bisect_right(story.opens, q.close)
    next_open = story.opens[k] if k < len(story.opens) else len(story.text)
    toks = p.tokens
    lex = story.lex
    skip_to = -1
    for i in range(start, min(start + 24, len(toks))):
        tok = toks[i]
        if tok.start >= next_open:
            break
        if tok.text in {".", "?", "!", ";"} and i > start:
            break
        if i <= skip_to:
            continue
        if is_cue(tok, lex) and (pi, i) not in taken and reports(story, p, i):
            return pi, i
        if tok.pos in {"VERB", "AUX"} and tok.dep in {"acl:relcl", "acl"}:
            skip_to = last_of(p, i)  # "one resident, who gave only her first name, told Reuters"
            continue
        if tok.pos in {"VERB", "AUX"} and tok.dep not in {"aux", "aux:pass"} and not is_cue(tok, lex):
            return None
    return None


def _cue_before(story: Story, q: Quote, taken: Set[Cue]) -> Cue | None:
    """ "Kuzmina said: “...”" or a paragraph ending "..., Weidner said:" before the quote."""
    text = story.text
    k = q.open  # walk back over the white space before the mark, within its line
    while k > 0 and text[k - 1] != "\n" and text[k - 1].isspace():
        k -= 1
    if k > 0 and text[k - 1] != "\n":
        if text[k - 1] not in ":,":
            return None
        end = k
    else:
        para_start = k
        prev_end = para_start - 1
        while prev_end > 0 and text[prev_end - 1] in "\r\n \t":
            prev_end -= 1
        if prev_end <= 0 or text[prev_end - 1] != ":":
            return None
        end = prev_end
    loc = story.locate(end - 1)
    if loc is None:
        return None
    pi, last = loc
    p = story.parses[pi]
    s0, _ = sentence_of(p, last)
    for i in range(last, s0 - 1, -1):
        tok = p.tokens[i]
        if tok.end > end:
            continue
        if (is_cue(tok, story.lex) and (pi, i) not in taken and reports(story, p, i)
                and not _has_clause(p, i, upto=end) and not story.in_full_quote(tok.start)):
            return pi, i
    return None


def _has_clause(p: Parse, v: int, upto: int) -> bool:
    return any(
        p.tokens[k].dep == "ccomp" and p.tokens[k].end <= upto and k > v for k in p.kids(v)
    )
