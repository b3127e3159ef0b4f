"""Pass 1: every full quotation finds its reporting verb, or continues the speaker before it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence, Set
from dataclasses import replace

from ..intermediaries import channel_of, recipient_via, time_of
from ..quotes import Quote
from ..speakers import is_cue, speaker_beside, speaker_mention
from ..syntax import last_of, sentence_of, span_of
from ..types import ClaimKind, Parse
from .state import Cue, Draft, Story
from .verbs import reports

# A sentence ends inside a quote: "reform. It's"
_INNER_STOP = re.compile(r"[.?!…][\"'’”]*\s+[\"'‘“]*[A-Z]")


def quoted_frames(story: Story) -> tuple[list[Draft], frozenset[Cue], tuple[Quote, ...]]:
    """The direct claims of the story's full quotations that have a cue, the cues they took,
    and the quotes without a cue that stand as sentences (``continued_frames`` gives them the
    speaker before them once the other passes have run)."""
    frames: list[Draft] = []
    taken: set[Cue] = set()
    loose: list[Quote] = []
    for q in story.full:
        frame, cue = _quoted_frame(story, q, taken)
        if cue is not None:
            taken.add(cue)
        if frame is not None:
            frames.append(frame)
        elif _continuation_end(story, q) is not None:
            loose.append(q)
    return frames, frozenset(taken), tuple(loose)


def continued_frames(story: Story, loose: Sequence[Quote], drafts: Sequence[Draft]) -> list[Draft]:
    """The quotes without a cue that continue the reported speech just before them.

    A quote continues the last quote before it in its paragraph or the one before ("“One,”
    he said. “Two.”"), or the claim of another kind it follows as the next sentence, in its
    paragraph or opening the next: "The answers are “not meeting the demand,” says Paul Vance,
    founder of Homes Now. “We compare it to a drought.”", "The depot may be reluctant to act,
    Marsh said. “The other factor is the cost.”" (the same cue and speaker).
    """
    if not loose:
        return []
    cued = sorted((d for d in drafts if d.cue is not None), key=lambda d: d.end)
    quoted = [d for d in cued if d.kind is ClaimKind.DIRECT]
    # not a clause read inside a quotation: "“They said we could not go,” Ames said. “We went.”"
    others = [d for d in cued if d.kind is not ClaimKind.DIRECT and story.in_full_quote(d.cue.start) is None]
    quoted_ends, other_ends = [d.end for d in quoted], [d.end for d in others]
    out: list[Draft] = []
    for q in loose:
        prior = _last_quoted(quoted, quoted_ends, out, q)
        n = bisect_right(other_ends, q.open) - 1
        if n >= 0 and (prior is None or others[n].end > prior.end and others[n].sentence != prior.sentence) \
                and _next_sentence(story, others[n], q):
            prior = others[n]  # not an aside of the quote's own cue: "..., said Caddell, speaking of the poll."
        if prior is None or any(_reads(d, q) and d.cue != prior.cue for d in drafts):
            continue  # a claim of its own reads it ("“...,” according to the ministry")
        end = _continuation_end(story, q) or q.content.end
        kind = ClaimKind.DIRECT if end <= _quote_end(story, q) else ClaimKind.MIXED
        out.append(replace(prior, kind=kind, start=q.content.start, end=end,
                           confidence=min(prior.confidence, 0.7), block=q.blocks[0], clausal=True,
                           sentence=story.sentence_at(q.content.start, prior.sentence)))
    return out


def _last_quoted(quoted: Sequence[Draft], ends: Sequence[int], out: Sequence[Draft], q: Quote) -> Draft | None:
    """The last quote claim before ``q`` (with a cue, or continued), in its paragraph or the one before."""
    n = bisect_right(ends, q.open) - 1
    found = [d for d in (quoted[n] if n >= 0 else None, out[-1] if out else None)
             if d is not None and d.end <= q.open and d.block in {q.blocks[0], q.blocks[0] - 1}]
    return max(found, key=lambda d: d.end, default=None)


def _quote_end(story: Story, q: Quote) -> int:
    end = q.close if q.close is not None else q.content.end
    return q.content.start + len(story.text[q.content.start:end].rstrip())


def _reads(d: Draft, q: Quote) -> bool:
    """Whether claim ``d`` reads quote ``q`` from its start, with a cue outside it."""
    inside = d.cue is not None and q.open <= d.cue.start < q.end
    return not inside and q.open <= d.start < q.end


def _next_sentence(story: Story, prior: Draft, q: Quote) -> bool:
    """Whether nothing but the rest of the prior claim's sentence stands between it and ``q``:
    no sentence of its own ("Marsh said so. The mayor left early. “...”") and no other paragraph."""
    if prior.block not in {q.blocks[0], q.blocks[0] - 1} or prior.cue is None:
        return False
    start = max(prior.end, prior.cue.end)
    lo = bisect_left(story.all_starts, start)
    hi = bisect_left(story.all_starts, q.open)
    text = story.text
    for n in range(lo, hi):
        word_end = story.all_starts[n + 1] if n + 1 < len(story.all_starts) else q.open
        if story.all_sents[n] != prior.sentence and any(ch.isalnum() for ch in text[story.all_starts[n]:word_end]):
            return False
    return True


def _quoted_frame(story: Story, q: Quote, taken: Set[Cue]) -> tuple[Draft | None, Cue | None]:
    """The claim of quotation ``q`` with a cue of its own and the cue it took, given the cues taken."""
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
    return None, None


def _continuation_end(story: Story, q: Quote) -> int | None:
    """Where the claim of a quote without a cue ends when the quote stands as a sentence (or
    opens one) and may continue the speaker before it; None for a quoted title or name
    ("“Midnight Ledger,” is due out in March", "“Midnight Ledger” sold well")."""
    text = story.text
    end = _quote_end(story, q)
    after = text[q.end:q.end + 2].lstrip(" \u00a0") if q.close is not None else ""
    if after[:1].isalpha() and after[:1].islower():
        # words of the reporter finish the quoted sentence: "''I wouldn't call it reform.
        # It's a tax increase'' for the top bracket." A sentence inside shows it is no title.
        if _INNER_STOP.search(text, q.content.start, end) is None:
            return None
        loc = story.locate(q.end)
        if loc is None:
            return None
        pi, i = loc
        p = story.parses[pi]
        _, s1 = sentence_of(p, i)
        k = bisect_right(story.full_starts, q.end)
        line_end = text.find("\n", q.end)
        stop = min(story.full[k].open if k < len(story.full) else len(text), line_end if line_end >= 0 else len(text))
        last = max((j for j in range(i, s1) if p.tokens[j].end <= stop), default=None)
        return p.tokens[last].end if last is not None else None
    # a quote inside the quote may close it: "... like 'I better hire someone like me.'"
    if q.closed and not text[q.content.start:end].rstrip("'’\"”").endswith((".", ",", "?", "!", "…")):
        return None
    return end


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
    # a quoted nickname or title in the cue's clause is no new quotation:
    # "“...!” his niece, Del. Maria “Mia” Soto, shouted to the crowd"
    k = bisect_right(story.full_starts, q.close)
    next_open = story.full[k].open if k < len(story.full) else len(story.text)
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
