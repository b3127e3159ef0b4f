"""Render an analysis as one self-contained, offline HTML report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from ..graph import build_graph, chain
from ..types import Analysis, Claim
from ..versions import attrib_version
from .atomic import write_atomic
from .card import sourcing_card
from .cells import visible_text
from .diagram import layout
from .marks import legend, report_words, stance_summary, story_marks
from .palette import Style, css_background, style
from .story import paragraphs, segments
from .tables import claim_rows, count_sources, source_rows, sources_phrase

__all__ = ["chain_summary", "chain_text", "paragraphs", "render_html", "report_context", "segments",
           "speaker_numbers", "template", "write_html"]
ARROW = " → "


@dataclass(frozen=True, slots=True)
class ChainLine:
    """One line of the chain summary: a path from speaker to publisher and its claims."""

    names: tuple[str, ...]
    number: int
    colour: str
    claims: tuple[str, ...]


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    return "unresolved speaker" if data.get("kind") == "claim" else data["label"]


def chain_text(graph: nx.MultiDiGraph, claim: Claim) -> str:
    """The chain of one claim in words, the way the diagram reads: speaker → ... → publisher.

    Args:
        graph: the graph of the analysis ``claim`` belongs to.
        claim: the claim.

    Returns:
        e.g. ``CSTO general secretary → RIA news agency → Reuters, Thursday``: the origin
        first, the publisher last, then the time and the channel when known.
    """
    text = ARROW.join(_label(graph, node) for node in chain(graph, claim.id)[::-1])
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
    speakers = [row["speaker"] for row in source_rows(analysis) if row["speaker"]]
    return {speaker: i for i, speaker in enumerate(speakers, start=1)}


def chain_summary(analysis: Analysis, graph: nx.MultiDiGraph, numbers: dict[str, int]) -> list[ChainLine]:
    """The distinct chains of a story, each with its claims, in order of first claim.

    Args:
        analysis: the result of analysing one story.
        graph: ``build_graph(analysis)``.
        numbers: the speaker numbers (``speaker_numbers``).

    Returns:
        One ``ChainLine`` per distinct path from a speaker to the publisher; every claim
        without a speaker is a line of its own (nothing says two are one source).
    """
    lines: dict[tuple[str, ...], list[str]] = {}
    for claim in sorted(analysis.claims, key=lambda c: (c.content.start, c.content.end)):
        path = tuple(chain(graph, claim.id)[::-1])
        lines.setdefault(path, []).append(claim.id)
    return [
        ChainLine(tuple(_label(graph, n) for n in path), numbers.get(path[0], 0),
                  style(numbers.get(path[0], 0)).css, tuple(ids))
        for path, ids in lines.items()
    ]


def _warnings(analysis: Analysis) -> list[str]:
    notes = list(analysis.warnings)
    for claim in analysis.claims:
        if claim.speaker is None:
            snippet = " ".join(claim.content.text.split())[:60]
            notes.append(f"{claim.id}: no speaker found for “{snippet}”")
    return notes


def speaker_css(styles: Iterable[Style]) -> list[tuple[str, str, str]]:
    """``(class, CSS background, SVG fill)`` for each speaker style used in a report.

    Args:
        styles: the styles of the speakers shown (``palette.style``).

    Returns:
        One triple per distinct style; a patterned style fills SVG with ``url(#pat-CLASS)``.
    """
    seen = {s.css: s for s in styles}
    fill = {s.css: "#fff" if not s.number else s.hue if s.pattern == "solid" else f"url(#pat-{s.css})"
            for s in seen.values()}
    return [(s.css, css_background(s), fill[s.css]) for s in seen.values()]


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
    marks = story_marks(analysis, numbers)
    stance_words = report_words()["stance"]
    claims = claim_rows(analysis)
    for row in claims:
        row["chain"] = titles[row["id"]]
        row["number"] = numbers.get(row["speaker"], 0)
        row["colour"] = style(row["number"]).css
        row["symbol"] = stance_words[row["stance"]].get("symbol", "")
    # source_rows: the speakers, then one row per claim without a speaker, in story order
    unresolved = iter(sorted((c for c in analysis.claims if c.speaker is None),
                             key=lambda c: (c.content.start, c.content.end)))
    sources = source_rows(analysis)
    for row in sources:
        row["number"] = numbers.get(row["speaker"], 0)
        row["colour"] = style(row["number"]).css
        mine = [c for c in analysis.claims if c.speaker == row["speaker"]] if row["speaker"] else [next(unresolved)]
        row["stance"] = stance_summary(mine)
    diagram = layout(graph, numbers)
    styles = [style(0), *(style(n) for n in numbers.values())]
    counts = count_sources(analysis)
    summary = chain_summary(analysis, graph, numbers)
    return {
        "title": doc.title.text if doc.title else (Path(analysis.path).stem if analysis.path else "Story"),
        "publisher": doc.publisher or "",
        "byline": ", ".join(doc.byline),
        "dateline": doc.dateline.text if doc.dateline else "",
        "date": doc.date or "",
        "extracted_by": doc.extracted_by or "",
        "path": analysis.path or "",
        "sha256": analysis.sha256,
        "chars": len(doc.text),
        "paragraphs": segments(analysis, titles, numbers, marks),
        "card": sourcing_card(analysis, counts, marks),
        "legend": legend(marks),
        "legend_intro": report_words()["legend"]["intro"],
        "claims": claims,
        "sources": sources,
        "counts": counts,
        "sources_phrase": sources_phrase(counts),
        "direct_chains": sorted((line for line in summary if len(line.names) == 2), key=lambda c: c.number or 10**9),
        "relayed_chains": [line for line in summary if len(line.names) > 2],
        "diagram": diagram,
        "box_class": {b.node: style(b.number).css if b.column == "speaker" else "relay" if b.column == "intermediary"
                      else "publisher" for b in diagram.boxes},
        "speaker_css": speaker_css(styles),
        "patterns": [s for s in styles if s.pattern != "solid" and s.number],
        "warnings": _warnings(analysis),
        "attrib_version": attrib_version(),
        "model": analysis.model or "unknown",
    }


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=visible_text,  # every value printed: no raw control character reaches the page
    )


def template(name: str) -> jinja2.Template:
    """A template of ``report/templates`` with autoescape on."""
    return _environment().get_template(name)


def render_html(analysis: Analysis) -> str:
    """The HTML report of ``analysis``: one offline file, everything from the story escaped.

    Args:
        analysis: the result of analysing one story.

    Returns:
        The HTML document.
    """
    return template("report.html").render(**report_context(analysis))


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
