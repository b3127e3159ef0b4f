"""Claim detection: finds reported speech and its cue, speaker mention, channel and time.

How the passes fit together. ``detect_claims`` reads the story once into a ``Story``
(state.py: text, parses, quotes, word lists and look-up indexes, marks.py's stop-word
positions; never changed) and runs five passes over it, each a module of plain functions;
what one pass hands the next is returned, never kept aside. The passes propose ``Draft``
claims (content by offsets); combining turns the kept ones into ``Frame``s.

0. layout.py: what the page's layout tells, not its syntax: transcript turns ("PENCE:",
   "A:"), quotes signed "— Name, title", "From Chairwoman X:" before quote paragraphs,
   colon headlines ("Poll: ..."). The claims of the other passes that a layout claim
   settles (the same quote, or a quote running across two turns) give way to it.

1. quoted.py: every full quotation finds its reporting verb after it ("...,” said
   Tokayev"), before it ("Kuzmina said: “...”", "Said Ellis: “...”") or inside an unclosed
   one. Returns its claims, the cues it took and the quotes left without a cue; once passes
   2 and 3 have run, continued.py gives each of those the speaker just before it: the quote
   before it ("“One,” he said, “two.”") or the claim it follows as the next sentence
   ("..., Marsh said. “The other factor is the cost.”"), and joins a quote that a "but"
   or "and" ties to a claim's cue clause ("he said, but “...”").
2. cued.py: every other reporting verb (not taken by pass 1) reads its content from the
   parse (content.py: a that-clause, the clause before a closing "the bank said", an object
   and complement for "accused X of Y"), with relays ("RIA quoted X as saying", "said,
   citing X"). Returns its claims and the relay clauses it saw ("..., his office quoted him
   in a statement"). verbs.py says whether a verb reports speech where it stands.
3. according.py: "according to X".
   documents.py: a document as the subject of a document verb ("the poll shows that",
   "one study found") or opening its sentence ("In the latest Reuters/Ipsos poll, ..."),
   for the verbs no pass before read; a document any pass made a speaker gets the author or
   publisher the text names in via ("The report, published by the ministry, said ...").
   broadcast.py: the outlet a speaker spoke on or to ("said on Sky News", "speaking to the
   BBC", "in an interview with talkSPORT") relays the claim, unless it is the publisher.
   offices.py: an office announcing its principal's intention ("Pruitt's office said she
   would ...") relays the principal's word.
4. combine.py: a claim needs a visible word; a quote wins over a clause read from inside
   it; a report inside a report becomes a relay and two cues of one speaker split their
   content (nest.py: "X told reporters that Y had said ..."); the relay clauses of pass 2
   join their sentence's claims; of two claims that cross, the surer one stays. Last, a
   report inside a quotation is a claim of its own, the quoted speaker in via (inside.py:
   "“One skipper told me he had seen it,” Okonjo said").

Who speaks is read by ``speakers``; relays, channels and times by ``intermediaries``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..lexicon import Lexicon
from ..quotes import Quote
from ..syntax import QUOTE_MARKS
from ..types import Frame, Parse
from .according import according_frames
from .broadcast import broadcast_relays
from .combine import combine
from .continued import continued_frames, joined_frames
from .cued import cued_frames
from .documents import document_authors, document_frames
from .layout import layout_frames, outside_layout
from .offices import principals
from .quoted import quoted_frames
from .state import read_story


def detect_claims(
    text: str, parses: Sequence[Parse], quotes: Sequence[Quote], lexicon: Lexicon, publisher: str | None,
    headlines: frozenset[int] = frozenset(),
) -> list[Frame]:
    """Every claim frame in the parsed blocks, in text order.

    Args:
        text: the input text (offsets index it).
        parses: one parse per claim-bearing block, in text order.
        quotes: the story's quotations (``find_quotes``).
        lexicon: the cue word lists.
        publisher: the outlet that published the story (never an intermediary).
        headlines: indices of the blocks that are headlines ("X says recount likely").
    """
    story = read_story(text, parses, quotes, lexicon, publisher, headlines)
    laid = layout_frames(story)
    quoted, taken, loose = quoted_frames(story)
    cued, relays = cued_frames(story, taken)
    read = quoted + cued + according_frames(story)
    read += continued_frames(story, loose, read) + joined_frames(story, read)
    read += document_frames(story, read)
    read = principals(story, broadcast_relays(story, document_authors(story, read)))
    return combine(story, laid + outside_layout(laid, read), relays)


__all__ = ["detect_claims", "QUOTE_MARKS"]
