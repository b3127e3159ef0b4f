"""Colon introductions ("From Chairwoman X:", "X added:") and colon headlines
(`Poll: ...`, `Manager: "Not there yet"`, `'Quote': Name on topic`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence, Set

from ..intermediaries import time_of
from ..speakers import is_cue, subject
from ..syntax import span_head, span_of
from ..types import ClaimKind, Mention, Span
from .page import NAME_END, Para, mention_between, quote_ending
from .state import Draft, Story
from .verbs import reports

# Names and nothing else after a label's colon: a byline or a credit line, no claim.
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*"
_CREDITS = re.compile(rf"{_NAME}(?:(?:,| and| &) {_NAME})+")

# Where the name after a quoted headline's colon ends: "Jane Roe on fares", "Jane Roe, 51, ...".
_NAME_CUT = re.compile(r"[ \u00a0]+(?:on|about|in|at|talks|says)[ \u00a0]|[,;—–|]")


def introduced(story: Story, paras: Sequence[Para]) -> list[Draft]:
    """ "From Chairwoman Ruth Alder:" and the quote paragraphs after it: direct claims of the
    one the line introduces (a line with a reporting verb is read by the quote pass)."""
    text = story.text
    frames = []
    for n, para in enumerate(paras[:-1]):
        line = text[para.start:para.end]
        if para.title or not line.endswith(":") or len(line.split()) > 12:
            continue
        lead = _introduction(line[:-1], story.lex.introductions)
        if lead is None:
            continue
        # "From Commissioner Ray Lund, who voted no:": the name, not its description
        cut = NAME_END.search(text, para.start + lead, para.end - 1)
        speaker = mention_between(story, para.start + lead, cut.start() if cut else para.end - 1,
                                   full_end=para.end - 1)
        for nxt in paras[n + 1:]:
            quote = quote_ending(story, nxt.start, nxt.end)
            if quote is None or quote[0] > nxt.start + 2:
                break  # only paragraphs that are one quotation follow the introduction
            start, end = quote
            frames.append(Draft(ClaimKind.DIRECT, start, end, Span.of(text, para.end - 1, para.end), ":", speaker,
                                (), None, None, story.sentence_at(start, 0), 0.85 if speaker else 0.5, nxt.block))
    return frames


def block_quoted(story: Story, paras: Sequence[Para]) -> list[Draft]:
    """ "Limbaugh added:" closing its paragraph, then a paragraph without quotation marks:
    a block quotation whose marks the page's layout carried (and a copy lost), the words of
    the one the cue's subject names."""
    text = story.text
    frames = []
    for n, para in enumerate(paras[:-1]):
        line = text[para.start:para.end]
        nxt = paras[n + 1]
        if para.title or nxt.title or not line.endswith(":") or len(line.split()) > 12:
            continue
        body = text[nxt.start:nxt.end]
        k = bisect_left(story.opens, nxt.start)
        quoted = k < len(story.opens) and story.opens[k] < nxt.end or story.in_full_quote(nxt.start) is not None
        if quoted or len(body.split()) < 4 or body.rstrip()[-1:] == ":":
            continue  # a quotation is the quote pass's; a list heading or a label is no block quote
        cue = _closing_cue(story, para)
        if cue is None:
            continue
        pi, v = cue
        p = story.parses[pi]
        speaker = story.mention(p, subject(p, v, story.lex))
        if speaker is None:
            continue
        frames.append(Draft(ClaimKind.DIRECT, nxt.start, nxt.end, span_of(text, p, v, v), p.tokens[v].lemma, speaker,
                            (), None, time_of(text, p, v, story.lex), story.sentence_at(nxt.start, 0), 0.7,
                            nxt.block))
    return frames


def _closing_cue(story: Story, para: Para) -> tuple[int, int] | None:
    """The reporting verb right before a paragraph's closing colon, with nothing after it
    but the cue's own time or manner ("Limbaugh added:", "The governor said on Friday:")."""
    loc = story.locate(para.start)
    if loc is None:
        return None
    pi, lo = loc
    p = story.parses[pi]
    toks = [t for t in p.tokens[lo:] if t.end <= para.end]
    cues = [t.i for t in toks if is_cue(t, story.lex) and reports(story, p, t.i)]
    if len(cues) != 1 or any(t.pos in {"VERB", "AUX"} and t.i > cues[0] for t in toks):
        return None
    return pi, cues[0]


def _introduction(line: str, introductions: frozenset[str]) -> int | None:
    """Where the name starts in "From Chairwoman Ruth Alder" / "Statement from the ministry"."""
    for match in re.finditer(r"\s+", line):
        if line[:match.start()].lower() in introductions:
            return match.end()
    return None


def headed(story: Story, paras: Sequence[Para]) -> list[Draft]:
    """ "Poll: Wealthy voters abandon ...", `Manager: "Not there yet"`: a headline (or a
    live blog's heading) whose label names a source is that source's claim."""
    text = story.text
    frames = []
    named: set[str] | None = None
    for n, para in enumerate(paras):
        line = text[para.start:para.end]
        colon = line.find(":")
        if colon <= 0 or colon + 1 >= len(line) or len(line.split()) > 25:
            continue
        if not para.title and (line.endswith(".") or len(line.split()) > 15):
            continue  # a heading of a live blog is short and has no full stop
        label = line[:colon].strip()
        if not label or len(label.split()) > 5:
            continue
        named = _names(story) if named is None else named
        if not _is_source_label(story, para.start, para.start + colon, named):
            continue
        rest = para.start + colon + 1
        while rest < para.end and text[rest].isspace():
            rest += 1
        if len(re.findall(r"[^\W\d_]{2,}", text[rest:para.end])) < 3 or "://" in text[rest:para.end]:
            continue  # "AP NBA: https://apnews.com/hub/NBA", "Score: 2-1": no claim
        if _CREDITS.fullmatch(text[rest:para.end].strip()):
            continue  # "The Northern Courier live team: Hannah Briggs, Tom Adeyemi": a byline
        kind, start, end = ClaimKind.INDIRECT, rest, para.end
        quote = quote_ending(story, rest, para.end)
        if quote is not None and quote[0] <= rest + 2:
            kind, start, end = ClaimKind.DIRECT, quote[0], quote[1]
        if end <= start:
            continue
        speaker = mention_between(story, para.start, para.start + colon)
        if speaker is not None and n + 1 < len(paras) and _bare_title(story, speaker):
            # "15:05 – Minister: ‘Listen to the warnings’" above "..., the transport secretary,
            # Priya Raman, said ...": the entry names whom the heading's title means
            speaker = _entry_speaker(story, paras[n + 1], speaker.head) or speaker
        frames.append(Draft(kind, start, end, Span.of(text, para.start + colon, para.start + colon + 1), ":",
                            speaker, (), None, None, story.sentence_at(start, 0), 0.7, para.block))
    return frames


def _bare_title(story: Story, m: Mention) -> bool:
    """ "Minister", "Police chief": a label that is only a title, naming no one."""
    words = [w.lower() for w in m.span.text.split()]
    return bool(words) and all(w in story.lex.titles for w in words)


def _entry_speaker(story: Story, para: Para, title: str) -> Mention | None:
    """The named subject of the first reporting verb in ``para``, else the person ``para``
    names with the heading's title ("Chief Constable Alisdair Morrow has just spoken ...")."""
    found = story.tokens_in(para.start, para.end)
    if found is None:
        return None
    p, entry = found
    cue = next((t for t in entry if is_cue(t, story.lex)), None)
    if cue is not None:
        m = story.mention(p, subject(p, cue.i, story.lex))
        return m if m is not None and (m.name is not None or m.propn) else None
    toks, first = p.tokens, entry[0].i if entry else len(p.tokens)
    for start, end, label in p.entities:
        titled = start > first and toks[start - 1].lower_text() == title
        if label == "PERSON" and titled and toks[start].start < para.end:
            return story.mention(p, span_head(p, start, end))
    return None


def quoted_headlines(story: Story, paras: Sequence[Para]) -> list[Draft]:
    """ "‘We cannot cut our way to a better bus’: Transit chief Jane Roe on fares": a
    headline opening with a quotation names its speaker after the colon."""
    text = story.text
    frames = []
    for para in paras:
        if not para.title:
            continue
        q = next((q for q in story.quotes if q.open == para.start and q.close is not None and q.close < para.end),
                 None)
        if q is not None and q.close is not None:
            content_start, close, after = q.content.start, q.close, q.close + q.width
        else:
            # "'We ran the island on goodwill for too long': harbour master on ...": single
            # straight quotes, whose apostrophes the quote finder leaves alone
            single = _SINGLE_QUOTED.match(text, para.start, para.end)
            if single is None:
                continue
            content_start, close, after = single.start("words"), single.end("words"), single.end("words") + 1
        colon = re.match(r"[ \u00a0]*:[ \u00a0]*", text[after:para.end])
        if colon is None:
            continue
        start = after + colon.end()
        cut = _NAME_CUT.search(text, start, para.end)
        speaker = mention_between(story, start, cut.start() if cut else para.end)
        if speaker is None or not (speaker.propn or _role(story, speaker)):
            continue  # "‘Not there yet’: what the budget means": no one named or described
        at = after + colon.group().index(":")
        frames.append(Draft(ClaimKind.DIRECT, content_start, close, Span.of(text, at, at + 1), ":", speaker,
                            (), None, None, story.sentence_at(content_start, 0), 0.7, para.block))
    return frames


def _role(story: Story, m: Mention) -> bool:
    """ "harbour master", "transit chief", "a beekeeper": a bare role of one to three words."""
    words = m.span.text.split()
    if words and words[0] in {"a", "an"}:
        words = words[1:]  # "a beekeeper on the losses nobody is counting"
    return bool(words) and (m.head in story.lex.person or m.head in story.lex.titles or (
        len(words) <= 3 and all(w.isalpha() and w.islower() and w not in _NOT_ROLES for w in words)))


_NOT_ROLES = {"what", "how", "why", "who", "where", "when", "the", "a", "an", "this", "that", "our", "your", "my"}


# A headline opening with a quotation in single straight quotes, closed before a colon.
_SINGLE_QUOTED = re.compile(r"'(?P<words>[^'\n]+(?:'[a-z][^'\n]*)*)'(?=[ \u00a0]*:)")


def _names(story: Story) -> set[str]:
    """The words of the people and organisations the story's body names (lower case)."""
    return {t.lower_text() for p in story.parses if p.block not in story.headlines
            for start, end, label in p.entities if label in {"PERSON", "ORG"} for t in p.tokens[start:end]}


def _is_source_label(story: Story, start: int, end: int, named: Set[str]) -> bool:
    """Whether the words before a headline's colon name a source: a person, an organisation,
    a role or a document ("Poll", "Pence", "Minister"), not a place, a date or a section
    ("Ukraine", "Live", "Analysis")."""
    loc = story.locate(start)
    if loc is None:
        return False
    pi, lo = loc
    p = story.parses[pi]
    toks = [t for t in p.tokens[lo:] if t.end <= end]
    if not toks or any(t.pos in {"VERB", "AUX"} and t.tag != "VBN" for t in toks):
        return False
    words = [t.lower_text() for t in toks]
    lex = story.lex
    if words[0] in lex.not_sources or " ".join(words) in lex.not_sources:
        return False
    head = toks[-1]
    if head.ent in {"GPE", "LOC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "EVENT"}:
        return False
    source_words = lex.person | lex.documents | lex.government | lex.organization | lex.groups | lex.titles
    if head.lower_text() in source_words or head.lemma in source_words or head.ent in {"PERSON", "ORG", "NORP"}:
        return True
    # "Sanders: Clinton needs to ...": a headline's parse often misses the name; the story
    # names "Bernie Sanders" (but "Brexit: ..." names a topic, no one)
    return len(toks) <= 3 and all(t.text[:1].isupper() for t in toks) and head.lower_text() in named
