"""Pass 0: claims told by the page's layout, not its syntax: transcript turns, signatures,
colon introductions and colon headlines."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence, Set
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..syntax import mention_of_range
from ..types import ClaimKind, Mention, Parse, Span
from .state import Draft, Story

# "PENCE:", "SEN. TED CRUZ (R-TX):", "WOLF BLITZER, CNN ANCHOR:", "Q:", "Jane Roe:" opening a paragraph.
_TURN = re.compile(
    r"""(?P<label>[A-Z][\w.'’\-]*(?:[ \u00a0][A-Z][\w.'’\-]*){0,4}   # one to five capitalised words
        (?:,[ \u00a0][A-Za-z][\w.'’\- ]{1,40}?){0,3}                     # ", TOXICOLOGIST, UNIVERSITY OF X"
        (?:[ \u00a0]?\([^()\n]{1,30}\))?)                               # "(R-TX)", "(voice-over)"
        [ \u00a0]?:[ \u00a0\t]*""",
    re.VERBOSE,
)
# A signature after a quote: "— Paul Orme, President and CEO", "-- Dana Kim", "― Sonya Herridge".
_SIGNATURE = re.compile(r"(?:^|(?<=[\s”\"’'»]))(?:—|―|–|--|-)[ \u00a0]*(?P<name>[A-Z(][^\n—―]{1,120})$")
# "(BEGIN VIDEOTAPE)", "[CROSSTALK]": a stage direction, never speech.
_DIRECTION = re.compile(r"[(\[](?P<words>[A-Za-z][A-Za-z \-']{1,40})\.?[)\]]")
# A show's title naming its host: "EVENING REPORT WITH JANE ROE", "THE WEEK, HOSTED BY JANE ROE".
_SHOW_HOST = re.compile(
    r"\b(?:WITH|HOSTED BY)[ \u00a0]+(?P<name>[A-Z][A-Z.'’\-]+(?:[ \u00a0][A-Z][A-Z.'’\-]+){0,3})[ \u00a0]*")
# A sentence ending that is no question's: the turn states something too.
_STATEMENT_END = re.compile(r"[.!](?:[\s”\"’']|$)")
# Where the name after a quoted headline's colon ends: "Jane Roe on fares", "Jane Roe, 51, ...".
_NAME_CUT = re.compile(r"[ \u00a0]+(?:on|about|in|at|talks|says)[ \u00a0]|[,;—–|]")
_QUOTE_OPENERS = "“\"„«»”'‘"
_NAME_END = re.compile(r"\s*(?:,|\(|\bvia\b|@|\d)")


@dataclass(frozen=True, slots=True)
class _Para:
    """A parsed paragraph: its block, its offsets, whether it is a headline."""

    block: int
    start: int
    end: int
    title: bool


def layout_frames(story: Story) -> list[Draft]:
    """The claims the layout tells: transcript turns, signatures, colon introductions and
    colon headlines, in paragraph order."""
    paras = _paragraphs(story)
    frames, turn_blocks = _turns(story, paras)
    inside = [(d.start, d.end) for d in frames]
    seen: set[tuple[int, int]] = set()
    # a host's short turn ("ANCHOR: Luis, what are you seeing?") is no colon headline
    headed = [d for d in _headed(story, paras) if d.block not in turn_blocks]
    for d in _signed(story, paras) + _introduced(story, paras) + headed + _quoted_headlines(story, paras):
        if (d.start, d.end) not in seen and not any(s <= d.start < e for s, e in inside):
            seen.add((d.start, d.end))  # a signed quote after an introduction is the signer's
            frames.append(d)
    return frames


def _paragraphs(story: Story) -> list[_Para]:
    """The parsed paragraphs in order (a long paragraph parsed in pieces is one)."""
    spans: dict[int, list[int]] = {}
    for p in story.parses:
        if p.tokens:
            span = spans.setdefault(p.block, [p.tokens[0].start, p.tokens[-1].end])
            span[0], span[1] = min(span[0], p.tokens[0].start), max(span[1], p.tokens[-1].end)
    return [_Para(b, s, e, b in story.headlines) for b, (s, e) in sorted(spans.items())]


# -- transcript turns ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Turn:
    para: int  # index into the paragraphs
    label: Span  # the speaker's label, without the colon
    colon: Span
    body: int  # where the turn's words begin


def _turns(story: Story, paras: Sequence[_Para]) -> tuple[list[Draft], set[int]]:
    """ "PENCE: Well, look, ..." / "A: We never ..." — each turn of a transcript or an
    interview is a direct claim of the speaker its label names. Also the blocks that open
    a turn, the hosts' included."""
    lex = story.lex
    turns = [t for n, para in enumerate(paras) if not para.title and (t := _turn_at(story, n, para)) is not None]
    counts: dict[str, int] = {}
    for t in turns:
        counts[_key(t.label.text)] = counts.get(_key(t.label.text), 0) + 1
    # a label in capitals, a Q / A label, or a name that opens two paragraphs or more: a
    # single "Ukraine: shelling resumed" is a heading, not a transcript
    turns = [t for t in turns if t.label.text.isupper() or counts[_key(t.label.text)] > 1
             or _key(t.label.text) in lex.answer_labels | lex.host_labels]
    if len(turns) < 2:
        return [], set()
    hosts = {_surname(t.label.text) for t in turns if _is_host(t.label.text, lex)}
    hosts |= _show_hosts(story, paras, turns[0].para)
    interviewee = _interviewee(story, paras, turns[0].para) if any(
        _key(t.label.text) in lex.answer_labels for t in turns) else None
    frames = []
    for k, turn in enumerate(turns):
        key = _key(turn.label.text)
        if _is_host(turn.label.text, lex) or _surname(turn.label.text) in hosts or _is_outlet(key, story.publisher):
            continue  # "ANCHOR:", "Q:", the host's own turns: the outlet's voice, or a question
        last = turn.para
        if k + 1 < len(turns):  # the paragraphs up to the next turn continue this one
            last = turns[k + 1].para - 1
        end = _turn_end(story, paras, turn, last)
        start = _skip_directions(story.text, turn.body, end)
        if end <= start or _only_questions(story.text[start:end]):
            continue  # "UNIDENTIFIED MALE: Can you tell us what's in those tanks?": a question put
        speaker = interviewee if key in lex.answer_labels else _label_mention(story, turn.label)
        para = paras[turn.para]
        frames.append(Draft(ClaimKind.DIRECT, start, end, turn.colon, ":", speaker, (), None, None,
                            story.sentence_at(start, 0), 0.8 if speaker is not None else 0.5, para.block))
    return frames, {paras[t.para].block for t in turns}


def _show_hosts(story: Story, paras: Sequence[_Para], first_turn: int) -> set[str]:
    """The hosts a transcript's show title names before the first turn ("NIGHTLY NEWS WITH
    JANE ROE") or a host's label standing alone names: their turns are the outlet's voice."""
    hosts = set()
    for para in paras[:first_turn]:
        for line in story.text[para.start:para.end].splitlines():
            match = _SHOW_HOST.search(line)
            if match is not None and match.end() == len(line) and line.isupper():
                hosts.add(_surname(match.group("name")))
    for para in paras:
        # "MAYA FERRIS, HOST:" on a line of its own, her words in the paragraph below
        label = _TURN.fullmatch(story.text, para.start, para.end)
        if label is not None and _is_host(label.group("label"), story.lex):
            hosts.add(_surname(label.group("label")))
    return hosts


def _only_questions(words: str) -> bool:
    """Whether a turn is nothing but questions ("Can you tell us what's in those tanks?")."""
    return words.rstrip().endswith("?") and _STATEMENT_END.search(words.rstrip()[:-1]) is None


def _turn_at(story: Story, n: int, para: _Para) -> _Turn | None:
    text = story.text
    # a transcript quoted paragraph by paragraph: '"WALLACE: Let's start with ...'
    at = para.start + 1 if text[para.start] in "\"“" else para.start
    match = _TURN.match(text, at, para.end)
    if match is None or match.end() >= para.end:
        return None
    label = match.group("label").rstrip()
    words = label.lower().replace("’", "'").split()
    if words and words[0].rstrip(".,") in story.lex.not_sources or "," not in label and _is_place(story, at):
        return None  # "UPDATE: ...", "WASHINGTON: ..." (but "DR. JANE ROE, TOXICOLOGIST:" is a speaker)
    colon = text.index(":", at + len(label))
    return _Turn(n, Span.of(text, at, at + len(label)), Span.of(text, colon, colon + 1), match.end())


def _turn_end(story: Story, paras: Sequence[_Para], turn: _Turn, last: int) -> int:
    """Where a turn's words end: its paragraph, and the ones after it up to ``last``, until a
    stage direction standing alone ("(BEGIN VIDEOTAPE)") or a headline."""
    end = paras[turn.para].end
    for para in paras[turn.para + 1:last + 1]:
        if para.title or _is_direction(story, story.text[para.start:para.end]):
            break
        end = para.end
    return _trim_directions(story, turn.body, end)


def _is_direction(story: Story, line: str) -> bool:
    match = _DIRECTION.fullmatch(line.strip(" \t\u00a0\"“”"))
    return match is not None and " ".join(match.group("words").lower().split()) in story.lex.stage_directions


def _skip_directions(text: str, start: int, end: int) -> int:
    """ "(CROSSTALK) We need ...": the turn's words begin after a leading stage direction."""
    while True:
        match = _DIRECTION.match(text, start, end)
        if match is None:
            return start
        start = match.end()
        while start < end and text[start].isspace():
            start += 1


def _trim_directions(story: Story, start: int, end: int) -> int:
    """ "... we will win. (APPLAUSE)": the turn ends before a trailing stage direction."""
    text = story.text
    while end > start:
        stripped = text[start:end].rstrip()
        end = start + len(stripped)
        if not stripped.endswith((")", "]")):
            return end
        opening = max(stripped.rfind("("), stripped.rfind("["))
        if opening < 0 or not _is_direction(story, stripped[opening:]):
            return end
        end = start + opening
    return end


def _is_host(label: str, lex: Lexicon) -> bool:
    """ "ANCHOR", "Q", "WOLF BLITZER, CNN ANCHOR": a label of the outlet's own voice or a question."""
    words = set(re.findall(r"[a-z][a-z\-]*", label.lower()))
    return bool(words & lex.host_labels) or _key(label) in lex.host_labels


def _is_outlet(key: str, publisher: str) -> bool:
    """ "THE CONVERSATION:" in The Conversation's interview: the outlet asks."""
    return bool(publisher) and key.removeprefix("the ") == _key(publisher).removeprefix("the ")


def _key(label: str) -> str:
    return " ".join(label.lower().replace("’", "'").rstrip(".").split())


def _surname(label: str) -> str:
    """ "WOLF BLITZER, CNN ANCHOR" and "BLITZER" -> "blitzer"."""
    name = re.split(r"[,(]", label)[0].split()
    return name[-1].lower().strip(".") if name else ""


def _is_place(story: Story, offset: int) -> bool:
    """Whether the word at ``offset`` is a place the parser knows ("WASHINGTON: ...")."""
    loc = story.locate(offset)
    if loc is None:
        return False
    pi, i = loc
    return story.parses[pi].tokens[i].ent in {"GPE", "LOC", "DATE", "TIME"}


def _label_mention(story: Story, label: Span) -> Mention | None:
    """The speaker a label names: "SEN. TED CRUZ (R-TX)" -> "SEN. TED CRUZ"."""
    cut = _NAME_END.search(label.text)
    end = label.start + (cut.start() if cut else len(label.text))
    return _mention_between(story, label.start, end, full_end=label.end)


def _mention_between(story: Story, start: int, end: int, full_end: int | None = None) -> Mention | None:
    """The mention made of the tokens from ``start`` to ``end`` (offsets), its description
    running to ``full_end``."""
    loc = story.locate(start)
    if loc is None:
        return None
    pi, lo = loc
    p = story.parses[pi]
    hi = lo
    while hi + 1 < len(p.tokens) and p.tokens[hi + 1].end <= end:
        hi += 1
    while hi > lo and p.tokens[hi].pos == "PUNCT":
        hi -= 1
    if p.tokens[lo].start >= end:
        return None
    m = mention_of_range(story.text, p, lo, hi, story.lex)
    full = m.span
    if full_end is not None and full_end > m.span.end:
        full = Span.of(story.text, m.span.start, full_end)
    return Mention(m.span, m.head, m.is_pronoun, full, None, any(t.pos == "PROPN" for t in p.tokens[lo:hi + 1]))


def _interviewee(story: Story, paras: Sequence[_Para], first_turn: int) -> Mention | None:
    """The person an interview's introduction names: "... spoke with Dr. Jane Roe, the
    agency's director": the one after "with" / "to" / "interviewed", else the first named."""
    named: list[Mention] = []
    for para in paras[:first_turn]:
        for p in story.parses:
            if p.block != para.block:
                continue
            for start, end, label in p.entities:
                if label != "PERSON":
                    continue
                m = story.mention(p, _head_of(p, start, end))
                if m is None:
                    continue
                before = p.tokens[start - 1].lower_text() if start > 0 else ""
                if before in story.lex.interview_markers:
                    return m
                named.append(m)
    return named[0] if named else None


def _head_of(p: Parse, start: int, end: int) -> int:
    """The token of ``start..end`` (exclusive) whose head lies outside it."""
    toks = p.tokens
    for i in range(start, end):
        if not start <= toks[i].head < end or toks[i].head == i:
            return i
    return end - 1


# -- signatures ------------------------------------------------------------------------


def _signed(story: Story, paras: Sequence[_Para]) -> list[Draft]:
    """ "“The launch is a milestone.” — Paul Orme, President and CEO": a quote signed with a
    dash, on its line or the next, is a direct claim of the name signed."""
    text = story.text
    frames = []
    for n, para in enumerate(paras):
        if para.title:
            continue
        line = text[para.start:para.end]
        match = _SIGNATURE.search(line)
        if match is None:
            continue
        dash = para.start + match.start()
        name_start = para.start + match.start("name")
        if not _looks_like_name(text[name_start:para.end]):
            continue
        if text[para.start:dash].strip():
            quote = _quote_ending(story, para.start, dash)
        elif n > 0:
            quote = _quote_ending(story, paras[n - 1].start, paras[n - 1].end)
        else:
            quote = None
        if quote is None:
            continue
        start, end = quote
        cut = _NAME_END.search(text, name_start, para.end)
        speaker = _mention_between(story, name_start, cut.start() if cut else para.end, full_end=para.end)
        frames.append(Draft(ClaimKind.DIRECT, start, end, _dash_span(text, dash), "—", speaker, (), None, None,
                            story.sentence_at(start, 0), 0.85 if speaker else 0.5, para.block))
    return frames


def _dash_span(text: str, dash: int) -> Span:
    end = dash + 1
    while end < len(text) and text[end] in "-—―–":
        end += 1
    return Span.of(text, dash, end)


def _looks_like_name(words: str) -> bool:
    """ "Paul Orme, President and CEO", "Donald J. Trump (@realDonaldTrump) May 4, 2016":
    a name of one to five capitalised words first."""
    name = _NAME_END.split(words.strip(), maxsplit=1)[0].strip()
    parts = name.removesuffix(".").split()
    return 1 <= len(parts) <= 5 and all(w[0].isupper() or w in {"de", "van", "von", "al", "bin", "la", "da"}
                                        for w in parts) and not name.endswith(":")


def _quote_ending(story: Story, start: int, end: int) -> tuple[int, int] | None:
    """The content of the quotation that ends last within ``start..end`` when nothing but
    white space and punctuation follows it there."""
    best = None
    for q in story.quotes:
        if q.close is not None and start <= q.close < end and q.open < end and (best is None or q.close > best.close):
            best = q
    if best is None or best.close is None:
        return None
    if story.text[best.end:end].strip(" \t\u00a0.,;"):
        return None  # "“It was fine,” she said — Dana Kim": a cue stands between them
    return best.content.start, best.close


# -- colon introductions and headlines ---------------------------------------------------


def _introduced(story: Story, paras: Sequence[_Para]) -> list[Draft]:
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
        cut = _NAME_END.search(text, para.start + lead, para.end - 1)
        speaker = _mention_between(story, para.start + lead, cut.start() if cut else para.end - 1,
                                   full_end=para.end - 1)
        for nxt in paras[n + 1:]:
            quote = _quote_ending(story, nxt.start, nxt.end)
            if quote is None or quote[0] > nxt.start + 2:
                break  # only paragraphs that are one quotation follow the introduction
            start, end = quote
            frames.append(Draft(ClaimKind.DIRECT, start, end, Span.of(text, para.end - 1, para.end), ":", speaker,
                                (), None, None, story.sentence_at(start, 0), 0.85 if speaker else 0.5, nxt.block))
    return frames


def _introduction(line: str, introductions: frozenset[str]) -> int | None:
    """Where the name starts in "From Chairwoman Ruth Alder" / "Statement from the ministry"."""
    for match in re.finditer(r"\s+", line):
        if line[:match.start()].lower() in introductions:
            return match.end()
    return None


def _headed(story: Story, paras: Sequence[_Para]) -> list[Draft]:
    """ "Poll: Wealthy voters abandon ...", `Manager: "Not there yet"`: a headline (or a
    live blog's heading) whose label names a source is that source's claim."""
    text = story.text
    frames = []
    named: set[str] | None = None
    for para in paras:
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
        kind, start, end = ClaimKind.INDIRECT, rest, para.end
        quote = _quote_ending(story, rest, para.end)
        if quote is not None and quote[0] <= rest + 2:
            kind, start, end = ClaimKind.DIRECT, quote[0], quote[1]
        if end <= start:
            continue
        speaker = _mention_between(story, para.start, para.start + colon)
        frames.append(Draft(kind, start, end, Span.of(text, para.start + colon, para.start + colon + 1), ":",
                            speaker, (), None, None, story.sentence_at(start, 0), 0.7, para.block))
    return frames


def _quoted_headlines(story: Story, paras: Sequence[_Para]) -> list[Draft]:
    """ "‘We cannot cut our way to a better bus’: Transit chief Jane Roe on fares": a
    headline opening with a quotation names its speaker after the colon."""
    text = story.text
    frames = []
    for para in paras:
        if not para.title:
            continue
        q = next((q for q in story.quotes if q.open == para.start and q.close is not None and q.close < para.end),
                 None)
        if q is None or q.close is None:
            continue
        after = q.close + q.width
        colon = re.match(r"[ \u00a0]*:[ \u00a0]*", text[after:para.end])
        if colon is None:
            continue
        start = after + colon.end()
        cut = _NAME_CUT.search(text, start, para.end)
        speaker = _mention_between(story, start, cut.start() if cut else para.end)
        if speaker is None or not speaker.propn:
            continue  # "‘Not there yet’: what the budget means": no one named
        at = after + colon.group().index(":")
        frames.append(Draft(ClaimKind.DIRECT, q.content.start, q.close, Span.of(text, at, at + 1), ":", speaker,
                            (), None, None, story.sentence_at(q.content.start, 0), 0.7, para.block))
    return frames


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
