"""Export the attribution graph as GraphML and GEXF for Gephi, yEd and friends."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from .atomic import write_atomic

# GEXF reads node attributes named start/end as time intervals (a dynamic graph).
_GEXF_RENAMES = {"start": "char_start", "end": "char_end"}


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """The GraphML document of ``graph``.

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.

    Returns:
        The XML text.
    """
    return "\n".join(nx.generate_graphml(graph)) + "\n"


def _gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    copy = graph.copy()
    for _, data in copy.nodes(data=True):
        for old, new in _GEXF_RENAMES.items():
            if old in data:
                data[new] = data.pop(old)
    return copy


def to_gexf(graph: nx.MultiDiGraph) -> str:
    """The GEXF 1.2 document of ``graph`` (claim offsets renamed ``char_start``/``char_end``).

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.

    Returns:
        The XML text.
    """
    return "\n".join(nx.generate_gexf(_gexf_graph(graph))) + "\n"


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
