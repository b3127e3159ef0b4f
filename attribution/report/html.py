"""Render an analysis as one self-contained, offline HTML report."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from ..graph import PUBLISHER, build_graph, chain
from ..types import Analysis, Claim, Span
from .atomic import write_atomic
from .diagram import UNKNOWN, layout
from .tables import UNRESOLVED, claim_rows, source_rows

# light fills: black text on each has a contrast ratio above 12:1
COLOURS = ("#c7ceea", "#ffd6a5", "#caffbf", "#9bf6ff", "#e4c1f9", "#fdffb6",
           "#a0c4ff", "#ffadad", "#b9fbc0", "#ffc6ff", "#fcd5ce", "#d8e2dc")
PALETTE = len(COLOURS)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True, slots=True)
class Mark:
    """One claim covering a segment: the attributes of its ``<mark>`` element."""

    claim: str
    kind: str
    colour: str
    title: str
    first: bool


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by the same claims, cues and speaker mentions."""

    text: str
    marks: tuple[Mark, ...]
    cue_of: str
    who_of: str
    who_colour: str
    sups: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the story as written, cut into segments."""

    segments: tuple[Segment, ...]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each paragraph: text between blank lines, never empty.

    Args:
        text: the story.

    Returns:
        Offsets into ``text``; the blank lines between paragraphs belong to none.
    """
    spans, start = [], 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def chain_text(graph: nx.MultiDiGraph, claim: Claim) -> str:
    """The chain of one claim in words: ``Reuters ← RIA news agency ← CSTO general secretary, Thursday``.

    Args:
        graph: the graph of the analysis ``claim`` belongs to.
        claim: the claim.

    Returns:
        Publisher first, the origin last, then the time and the channel when known.
    """
    labels = [
        UNRESOLVED if graph.nodes[node].get("kind") == "claim" else graph.nodes[node]["label"]
        for node in chain(graph, claim.id)
    ]
    text = " ← ".join(labels)
    if claim.time:
        text += f", {claim.time}"
    if claim.channel:
        text += f" ({claim.channel})"
    return text


def speaker_numbers(analysis: Analysis) -> dict[str, int]:
    """The number of each speaker (1, 2, ...) in order of first claim; unresolved is 0.

    Args:
        analysis: the result of analysing one story.

    Returns:
        ``{"e1": 1, "e3": 2, ...}``.
    """
    rows = source_rows(analysis)
    return {row["speaker"]: i for i, row in enumerate(rows, start=1) if row["speaker"]}


def segments(analysis: Analysis, titles: dict[str, str], numbers: dict[str, int]) -> list[Paragraph]:
    """Cut the story into paragraphs of non-overlapping segments for highlighting.

    Claims may nest or overlap: each segment lists every claim covering it, outermost
    first. The first segment of a claim carries its id; its last one, the speaker number.

    Args:
        analysis: the result of analysing one story.
        titles: the chain text of each claim id.
        numbers: the speaker numbers (``speaker_numbers``).

    Returns:
        The paragraphs; their segments rebuild each paragraph's text exactly.
    """
    text = analysis.document.text
    claims = sorted(analysis.claims, key=lambda c: (c.content.start, -c.content.end, c.id))
    spans = [c.content for c in claims]
    spans += [c.cue for c in claims if c.cue] + [c.speaker_mention for c in claims if c.speaker_mention]
    paras = paragraphs(text) or [(0, 0)]
    cuts = sorted({*(p for s in spans for p in (s.start, s.end)), *(p for r in paras for p in r)})
    colour = {c.id: f"s{numbers[c.speaker] % PALETTE}" if c.speaker in numbers else "s-none" for c in claims}
    last_end = {
        c.id: max((min(e, c.content.end) for s, e in paras if s < c.content.end and c.content.start < e),
                  default=-1)
        for c in claims
    }
    seen: set[str] = set()

    def mark(c: Claim) -> Mark:
        first = c.id not in seen
        seen.add(c.id)
        return Mark(c.id, c.kind.value, colour[c.id], titles[c.id], first)

    where = {p: i for i, p in enumerate(cuts)}

    def covering(span_of: Callable[[Claim], Span | None]) -> list[list[Claim]]:
        """For each cut, the claims whose span covers the segment that starts there."""
        found: list[list[Claim]] = [[] for _ in cuts]
        for c in claims:
            span = span_of(c)
            if span is not None:
                for i in range(where[span.start], where[span.end]):
                    found[i].append(c)
        return found

    contents = covering(lambda c: c.content)
    cues = covering(lambda c: c.cue)
    whos = covering(lambda c: c.speaker_mention)
    result = []
    for p_start, p_end in paras:
        first, last = where[p_start], where[p_end]
        segs = []
        for i in range(first, last):
            end = cuts[i + 1]
            marks = tuple(mark(c) for c in contents[i])
            who = whos[i]
            segs.append(Segment(
                text[cuts[i]:end],
                marks,
                " ".join(c.id for c in cues[i]),
                " ".join(c.id for c in who),
                colour[who[0].id] if who else "",
                tuple(numbers.get(c.speaker or "", 0) for c in contents[i] if last_end[c.id] == end),
            ))
        result.append(segs)
    # a claim with no text of its own (empty, or between paragraphs) still gets its element
    for c in claims:
        if c.id not in seen:
            at = max((i for i, (s, _) in enumerate(paras) if s <= c.content.start), default=0)
            result[at].append(Segment("", (mark(c),), "", "", "", ()))
    return [Paragraph(tuple(segs)) for segs in result]


def _warnings(analysis: Analysis) -> list[str]:
    notes = list(analysis.warnings)
    for claim in analysis.claims:
        if claim.speaker is None:
            snippet = " ".join(claim.content.text.split())[:60]
            notes.append(f"{claim.id}: no speaker found for “{snippet}”")
    return notes


def report_context(analysis: Analysis) -> dict[str, Any]:
    """The plain data the template loops over (no template logic beyond loops).

    Args:
        analysis: the result of analysing one story.

    Returns:
        A dict of strings, numbers, lists and frozen dataclasses.
    """
    doc = analysis.document
    graph = build_graph(analysis)
    numbers = speaker_numbers(analysis)
    titles = {c.id: chain_text(graph, c) for c in analysis.claims}
    claims = claim_rows(analysis)
    for row in claims:
        row["chain"] = titles[row["id"]]
        row["number"] = numbers.get(row["speaker"], 0)
    sources = source_rows(analysis)
    for row in sources:
        row["number"] = numbers.get(row["speaker"], 0)
        row["colour"] = f"s{row['number'] % PALETTE}" if row["speaker"] else "s-none"
    diagram = layout(graph, numbers)
    return {
        "title": doc.title.text if doc.title else (Path(analysis.path).stem if analysis.path else "Story"),
        "publisher": doc.publisher or "",
        "byline": ", ".join(doc.byline),
        "dateline": doc.dateline.text if doc.dateline else "",
        "path": analysis.path or "",
        "sha256": analysis.sha256,
        "chars": len(doc.text),
        "paragraphs": segments(analysis, titles, numbers),
        "claims": claims,
        "sources": sources,
        "diagram": diagram,
        "box_colour": {b.node: f"s{b.number % PALETTE}" if b.number else "s-none" for b in diagram.boxes},
        "publisher_node": PUBLISHER,
        "unknown_node": UNKNOWN,
        "warnings": _warnings(analysis),
        "palette": list(enumerate(COLOURS)),
    }


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("report.html")


def render_html(analysis: Analysis) -> str:
    """The HTML report of ``analysis``: one offline file, everything from the story escaped.

    Args:
        analysis: the result of analysing one story.

    Returns:
        The HTML document.
    """
    return _template().render(**report_context(analysis))


def write_html(analysis: Analysis, path: Path, *, protect: Iterable[Path] = ()) -> Path:
    """Write ``render_html(analysis)`` to ``path`` atomically.

    Args:
        analysis: the result of analysing one story.
        path: the output file.
        protect: input files that must not be overwritten.

    Returns:
        ``path``.
    """
    return write_atomic(Path(path), render_html(analysis), protect=protect)
