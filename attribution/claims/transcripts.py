"""Transcript turns: "NAME:", "Q:" and "A:" lines, the host and correspondents who speak for
the outlet, stage directions and an interview's interviewee."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..intermediaries import is_publisher
from ..lexicon import Lexicon
from ..syntax import span_head
from ..types import ClaimKind, Mention, Span
from .cued import may_report
from .page import NAME_END, Para, mention_between
from .state import Draft, Story

# "PENCE:", "SEN. TED CRUZ (R-TX):", "WOLF BLITZER, CNN ANCHOR:", "Q:", "Jane Roe:" opening a paragraph.
_TURN = re.compile(
    r"""(?P<label>[A-Z][\w.'’\-]*(?:[ \u00a0][A-Z][\w.'’\-]*){0,4}   # one to five capitalised words
        (?:,[ \u00a0][A-Za-z][\w.'’\- ]{1,40}?){0,3}                     # ", TOXICOLOGIST, UNIVERSITY OF X"
        (?:[ \u00a0]?\([^()\n]{1,30}\))?)                               # "(R-TX)", "(voice-over)"
        [ \u00a0]?:[ \u00a0\t]*""",
    re.VERBOSE,
)
# The outlet introducing its own staff: "Our health correspondent Leon Baptiste".
_OUR_STAFF = re.compile(
    r"\b[Oo]ur[ \u00a0](?:[a-z][\w\-]*[ \u00a0]){0,3}(?P<title>[a-z][\w\-]*),?[ \u00a0]"
    r"(?P<name>[A-Z][\w'’\-]+(?:[ \u00a0][A-Z][\w'’\-]+){0,2})")
# "(BEGIN VIDEOTAPE)", "[CROSSTALK]": a stage direction, never speech.
_DIRECTION = re.compile(r"[(\[](?P<words>[A-Za-z][A-Za-z \-']{1,40})\.?[)\]]")
# A show's title naming its host: "EVENING REPORT WITH JANE ROE", "THE WEEK, HOSTED BY JANE ROE".
_SHOW_HOST = re.compile(
    r"\b(?:WITH|HOSTED BY)[ \u00a0]+(?P<name>[A-Z][A-Z.'’\-]+(?:[ \u00a0][A-Z][A-Z.'’\-]+){0,3})[ \u00a0]*")
# A sentence ending that is no question's: the turn states something too.
_STATEMENT_END = re.compile(r"[.!](?:[\s”\"’']|$)")


@dataclass(frozen=True, slots=True)
class _Turn:
    para: int  # index into the paragraphs
    label: Span  # the speaker's label, without the colon
    colon: Span
    body: int  # where the turn's words begin


def turns(story: Story, paras: Sequence[Para]) -> tuple[list[Draft], set[int]]:
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
    hosts = {name for t in turns if _is_host(t.label.text, lex) for name in _host_names(t.label.text)}
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


def _show_hosts(story: Story, paras: Sequence[Para], first_turn: int) -> set[str]:
    """The hosts a transcript's show title names before the first turn ("NIGHTLY NEWS WITH
    JANE ROE") or a host's label standing alone names: their turns are the outlet's voice."""
    hosts = set()
    for para in paras[:first_turn]:
        for line in story.text[para.start:para.end].splitlines():
            match = _SHOW_HOST.search(line)
            if match is not None and match.end() == len(line) and line.isupper():
                hosts.add(_surname(match.group("name")))
    for match in _OUR_STAFF.finditer(story.text):
        # "Our health correspondent Leon Baptiste has been at the hospital": the outlet's own
        if match.group("title").lower() in story.lex.host_labels:
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


def _turn_at(story: Story, n: int, para: Para) -> _Turn | None:
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


def _turn_end(story: Story, paras: Sequence[Para], turn: _Turn, last: int) -> int:
    """Where a turn's words end: its paragraph, and the ones after it up to ``last``, until a
    stage direction standing alone ("(BEGIN VIDEOTAPE)") or a headline."""
    end = paras[turn.para].end
    for para in paras[turn.para + 1:last + 1]:
        if para.title or _is_direction(story, story.text[para.start:para.end]) or _narrates(story, para):
            break
        end = para.end
    return _trim_directions(story, turn.body, end)


def _narrates(story: Story, para: Para) -> bool:
    """Whether a paragraph after a turn is the writer's again: it reports a named source and
    no one in it speaks as "I", "we" or to "you" ("A: We are in mediation ..." then "Calder &
    Moss did not respond. Its chief executive, Adrian Moss, said the firm had ...")."""
    lex = story.lex
    found = story.tokens_in(para.start, para.end)
    if found is None:
        return False
    p, toks = found
    if any(t.lower_text() in lex.first_person or t.lower_text() in lex.second_person for t in toks):
        return False
    return any(
        may_report(story, p, t.i) and not story.in_full_quote(t.start) and any(
            p.tokens[k].dep == "nsubj" and p.tokens[k].pos == "PROPN" for k in p.kids(t.i))
        for t in toks
    )


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


def _host_names(label: str) -> set[str]:
    """ "MAYA FERRIS, HOST" -> {"ferris"}; "PRESENTER (LUCINDA OYELARAN-BRISK)" -> also the
    surname in brackets, by which the host's later turns are labelled."""
    bracketed = re.search(r"\(([^()]+)\)", label)
    return {_surname(label)} | ({_surname(bracketed.group(1))} if bracketed else set())


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
    cut = NAME_END.search(label.text)
    end = label.start + (cut.start() if cut else len(label.text))
    return mention_between(story, label.start, end, full_end=label.end)


def _interviewee(story: Story, paras: Sequence[Para], first_turn: int) -> Mention | None:
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
                m = story.mention(p, span_head(p, start, end))
                if m is None or is_publisher(m, story.publisher):
                    continue  # "she spoke to the Chronicle": the outlet asks, it does not answer
                before = p.tokens[start - 1].lower_text() if start > 0 else ""
                if before in story.lex.interview_markers:
                    return m
                named.append(m)
    return named[0] if named else _introduced(story, paras[:first_turn])


def _introduced(story: Story, paras: Sequence[Para]) -> Mention | None:
    """The name that opens an interview's introduction as its subject ("Winifred Ashgrove-Nkemelu
    has kept bees ..."), where the model labelled no person."""
    for para in paras:
        for p in story.parses:
            if p.block != para.block:
                continue
            for s0, s1 in p.sentences:
                root = next((i for i in range(s0, s1) if p.tokens[i].head == i), None)
                kids = p.kids(root) if root is not None else ()
                subj = next((k for k in kids if p.tokens[k].dep == "nsubj" and p.tokens[k].pos == "PROPN"), None)
                m = story.mention(p, subj)
                if m is not None and not is_publisher(m, story.publisher):
                    return m
    return None


