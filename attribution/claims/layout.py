"""Pass 0: claims told by the page's layout, not its syntax: transcript turns, signatures,
colon introductions and colon headlines."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..types import ClaimKind
from .headings import block_quoted, headed, introduced, quoted_headlines
from .page import paragraphs
from .signatures import signed
from .state import Draft, Story
from .transcripts import turns


def layout_frames(story: Story) -> list[Draft]:
    """The claims the layout tells: transcript turns, signatures, colon introductions and
    colon headlines, in paragraph order."""
    paras = paragraphs(story)
    frames, turn_blocks = turns(story, paras)
    inside = [(d.start, d.end) for d in frames]
    seen: set[tuple[int, int]] = set()
    # a host's short turn ("ANCHOR: Luis, what are you seeing?") is no colon headline
    headings = [d for d in headed(story, paras) if d.block not in turn_blocks]
    for d in (signed(story, paras) + introduced(story, paras) + block_quoted(story, paras) + headings
              + quoted_headlines(story, paras)):
        if (d.start, d.end) not in seen and not any(s <= d.start < e for s, e in inside):
            seen.add((d.start, d.end))  # a signed quote after an introduction is the signer's
            frames.append(d)
    return frames


def outside_layout(laid: Sequence[Draft], drafts: Sequence[Draft]) -> list[Draft]:
    """The claims of the other passes that the layout claims leave standing.

    A quotation the layout attributes goes to the layout's speaker: the quote pass's reading
    of the same words goes when its cue lies outside them (it continued the speaker of an
    earlier quote: "“...” — Paul Orme" is not the previous speaker's). A claim that runs
    across a label ("PENCE:") joins two turns: it goes too.
    """
    if not laid:
        return list(drafts)
    spans = sorted((d.start, d.end) for d in laid)
    labels = sorted(d.cue.start for d in laid if d.cue is not None)
    kept = []
    for d in drafts:
        if any(d.start < at < d.end for at in labels[bisect_left(labels, d.start):bisect_left(labels, d.end)]):
            continue
        cue_at = d.cue.start if d.cue is not None else -1
        n = bisect_right(spans, (d.end, d.end))
        covered = max((min(d.end, e) - max(d.start, s) for s, e in spans[max(0, n - 8):n]), default=0)
        inside = any(s <= cue_at < e for s, e in spans[max(0, n - 8):n])
        if d.kind is ClaimKind.DIRECT and 2 * covered > d.end - d.start and not inside:
            continue
        kept.append(d)
    return kept
