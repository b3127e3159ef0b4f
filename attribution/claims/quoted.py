"""Pass 1: every full quotation finds its reporting verb before it, after it or inside it."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Set

from ..intermediaries import channel_of, recipient_via, time_of
from ..quotes import Quote
from ..speakers import is_cue, is_cue_word, speaker_beside, speaker_mention
from ..syntax import last_of, mention_of_range, sentence_of, span_of
from ..types import ClaimKind, Mention, Parse
from .continued import continuation_end
from .state import Cue, Draft, Story
from .verbs import reports


# A sentence ends inside a quote: "reform. It's"
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
        elif continuation_end(story, q) is not None:
            loose.append(q)
    return frames, frozenset(taken), tuple(loose)


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
        speaker = speaker_mention(text, p, v, lex) or _inverted_speaker(story, p, v)
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
    if text[end - 1] == ":" and (pi, s0) not in taken and _inverted_speaker(story, p, s0) is not None:
        return pi, s0
    for i in range(last, s0 - 1, -1):
        tok = p.tokens[i]
        if tok.end > end:
            continue
        if (is_cue(tok, story.lex) and (pi, i) not in taken and reports(story, p, i)
                and not _has_clause(p, i, upto=end) and not story.in_full_quote(tok.start)):
            return pi, i
    return None


def _inverted_speaker(story: Story, p: Parse, v: int) -> Mention | None:
    """The speaker of an inverted cue opening its sentence before a colon, which the small
    model parses as part of a name: "Said Ellis: “...”", "Says Dana Ruiz, an economist: “...”"."""
    toks = p.tokens
    s0, s1 = sentence_of(p, v)
    tok = toks[v]
    if v != s0 or v + 1 >= s1 or not tok.text[:1].isupper() or tok.tag not in {"VBD", "VBZ"} \
            or not is_cue_word(tok.lemma, story.lex) or toks[v + 1].pos != "PROPN":
        return None
    stop = next((j for j in range(v + 1, s1) if toks[j].text in {",", ":"}), None)
    if stop is None or toks[stop].text != ":" and not any(toks[j].text == ":" for j in range(stop, s1)):
        return None
    return mention_of_range(story.text, p, v + 1, stop - 1, story.lex)


def _has_clause(p: Parse, v: int, upto: int) -> bool:
    return any(
        p.tokens[k].dep == "ccomp" and p.tokens[k].end <= upto and k > v for k in p.kids(v)
    )
