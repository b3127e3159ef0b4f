"""After passes 2 and 3: the quotes without a cue continue the speaker of the claim before them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from ..quotes import Quote
from ..syntax import sentence_of
from ..types import ClaimKind
from .state import Draft, Story

# ", but “...”" / ", and still “...”" right before a quotation mark
_JOINT = re.compile(r",\s+(?:but|and)(?:\s+(?:still|also|then|yet))?\s*$")
_INNER_STOP = re.compile(r"[.?!…][\"'’”]*\s+[\"'‘“]*[A-Z]")


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
    by_start = sorted(drafts, key=lambda d: d.start)  # the claims starting inside a quote, by bisection
    starts = [d.start for d in by_start]
    out: list[Draft] = []
    for q in loose:
        prior = _last_quoted(quoted, quoted_ends, out, q)
        n = bisect_right(other_ends, q.open) - 1
        if n >= 0 and (prior is None or others[n].end > prior.end and others[n].sentence != prior.sentence) \
                and _next_sentence(story, others[n], q):
            prior = others[n]  # not an aside of the quote's own cue: "..., said Caddell, speaking of the poll."
        inside = by_start[bisect_left(starts, q.open):bisect_left(starts, q.end)]
        if prior is None or any(_reads(d, q) and d.cue != prior.cue for d in inside):
            continue  # a claim of its own reads it ("“...,” according to the ministry")
        end = continuation_end(story, q) or q.content.end
        kind = ClaimKind.DIRECT if end <= _quote_end(story, q) else ClaimKind.MIXED
        out.append(replace(prior, kind=kind, start=q.content.start, end=end,
                           confidence=min(prior.confidence, 0.7), block=q.blocks[0], clausal=True,
                           sentence=story.sentence_at(q.content.start, prior.sentence)))
    return out


def joined_frames(story: Story, drafts: Sequence[Draft]) -> list[Draft]:
    """A quote joined by "but" or "and" to the cue clause of a claim, ending its sentence, is
    more of the same claim: "“I like Larry,” he said, but “on water, Larry has a record.”",
    "Rents “keep going up,” Ortega said, and still “nobody listens.”"."""
    text = story.text
    cued = sorted((d for d in drafts if d.cue is not None and story.in_full_quote(d.cue.start) is None),
                  key=lambda d: d.cue.end)
    cue_ends = [d.cue.end for d in cued]
    out = []
    for q in story.quotes:
        if q.full or q.close is None:
            continue
        joint = _JOINT.search(text, max(0, q.open - 80), q.open)
        if joint is None or not text[q.content.start:_quote_end(story, q)].rstrip("'’\"”").endswith((".", "?", "!")):
            continue
        n = bisect_right(cue_ends, joint.start()) - 1
        if n < 0:
            continue
        prior = cued[n]
        between = text[prior.cue.end:joint.start()]
        if prior.end > q.open or len(between.split()) > 6 or any(ch in between for ch in ".;:?!\"“”\n") \
                or any(q.open <= d.start < q.end for d in drafts):
            continue
        out.append(replace(prior, kind=ClaimKind.DIRECT, start=q.content.start, end=_quote_end(story, q),
                           confidence=min(prior.confidence, 0.7), clausal=True))
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


def continuation_end(story: Story, q: Quote) -> int | None:
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
