"""Export the attribution graph as GraphML and GEXF for Gephi, yEd and friends, always as XML that parses."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph import claims_by_speaker
from .atomic import write_atomic
from .cells import xml_text
from .palette import style

# GEXF reads node attributes named start/end as time intervals (a dynamic graph).
_GEXF_RENAMES = {"start": "char_start", "end": "char_end"}
_RELAY, _PUBLISHER, _UNRESOLVED = "#BBBBBB", "#444444", "#E4E4E4"


def _xml(value: Any) -> Any:
    return xml_text(value) if isinstance(value, str) else value


def xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose ids and text attributes XML 1.0 can hold (``cells.xml_text``).

    A story may hold control characters, U+FFFE or U+FFFF, which an XML file cannot; they
    become U+FFFD in the GraphML and GEXF files only (the JSON keeps the true text).

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.

    Returns:
        A new graph, equal to ``graph`` when its text was already XML text.
    """
    safe = nx.MultiDiGraph(**{k: _xml(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        safe.add_node(_xml(node), **{k: _xml(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        safe.add_edge(_xml(u), _xml(v), key=_xml(key), **{k: _xml(value) for k, value in data.items()})
    return safe


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """The GraphML document of ``graph``, its text made XML-safe (``xml_safe``).

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.

    Returns:
        The XML text.
    """
    return "\n".join(nx.generate_graphml(xml_safe(graph))) + "\n"


def _rgb(hex_colour: str) -> dict[str, float]:
    return {"r": int(hex_colour[1:3], 16), "g": int(hex_colour[3:5], 16), "b": int(hex_colour[5:7], 16), "a": 1.0}


def gexf_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The graph Gephi should read: one weighted edge per pair of nodes, coloured like the report.

    Gephi merges parallel edges (summing or dropping their attributes), so the claims an
    edge carries are summed here: ``weight`` is their number, ``claims`` their ids and
    ``relation`` the kinds of hop ("said", "relayed_by", ...). Speakers and their claims get
    the speaker's colour from the report's palette (``viz:color``); intermediaries grey,
    the publisher dark grey, claims without a speaker light grey.

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.

    Returns:
        A new ``networkx.DiGraph`` (claim offsets renamed ``char_start``/``char_end``).
    """
    numbers = {speaker: n for n, speaker in enumerate(claims_by_speaker(graph), start=1)}
    simple = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {_GEXF_RENAMES.get(k, k): v for k, v in data.items()}
        if data.get("kind") == "claim":
            speaker = next((u for u, _, rel in graph.in_edges(node, data="relation") if rel == "said"), None)
            colour = style(numbers[speaker]).tint if speaker else _UNRESOLVED
        elif node in numbers:
            colour = style(numbers[node]).hue
            attrs["speaker_number"] = numbers[node]
        else:
            colour = _PUBLISHER if data.get("kind") == "publisher" else _RELAY
        simple.add_node(node, **attrs, viz={"color": _rgb(colour)})
    for u, v, key, data in graph.edges(keys=True, data=True):
        if simple.has_edge(u, v):
            edge = simple.edges[u, v]
            edge["weight"] += 1
            edge["claims"] += f" {key}"
            if data["relation"] not in edge["relation"].split(" "):
                edge["relation"] += f" {data['relation']}"
        else:
            simple.add_edge(u, v, weight=1, claims=str(key), relation=data["relation"])
    for _, _, data in simple.edges(data=True):
        data["label"] = f"{data['weight']} claim{'' if data['weight'] == 1 else 's'}"
    return simple


def to_gexf(graph: nx.MultiDiGraph) -> str:
    """The GEXF 1.2 document of ``gexf_graph(graph)``: weighted, labelled and coloured for Gephi, XML-safe.

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.

    Returns:
        The XML text.
    """
    return "\n".join(nx.generate_gexf(gexf_graph(xml_safe(graph)))) + "\n"


def write_graphml(graph: nx.MultiDiGraph, path: Path, *, protect: Iterable[Path] = ()) -> Path:
    """Write ``to_graphml(graph)`` to ``path`` atomically.

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.
        path: the output file.
        protect: input files that must not be overwritten.

    Returns:
        ``path``.
    """
    return write_atomic(Path(path), to_graphml(graph), protect=protect)


def write_gexf(graph: nx.MultiDiGraph, path: Path, *, protect: Iterable[Path] = ()) -> Path:
    """Write ``to_gexf(graph)`` to ``path`` atomically.

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.
        path: the output file.
        protect: input files that must not be overwritten.

    Returns:
        ``path``.
    """
    return write_atomic(Path(path), to_gexf(graph), protect=protect)
