"""The attribution graph of one story: who said what, relayed by whom, to the publisher."""

from __future__ import annotations

from typing import Any

import networkx as nx

from .channels import kind_of
from .types import Analysis, Claim, ClaimKind

PUBLISHER = "publisher"

_LABEL_CHARS = 80


def relation(claim: Claim) -> str:
    """The relation carried by the relay edges of ``claim``.

    Args:
        claim: the claim whose chain is being drawn.

    Returns:
        ``according_to``, ``quoted_by``, ``told`` or ``relayed_by``.
    """
    if claim.kind is ClaimKind.ACCORDING_TO:
        return "according_to"
    lemma = claim.cue_lemma.lower()
    # "the RIA news agency quoted the general secretary", "Interfax cited a source"
    if lemma in {"quote", "cite"}:
        return "quoted_by"
    # "X told reporters that ..."
    if lemma == "tell":
        return "told"
    return "relayed_by"


def _label(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _LABEL_CHARS else flat[: _LABEL_CHARS - 1].rstrip() + "…"


def _relay_path(claim: Claim) -> list[str]:
    """Node ids from the origin of ``claim`` to the publisher, consecutive repeats dropped."""
    path = [claim.speaker or claim.id, *claim.via, PUBLISHER]
    return [node for i, node in enumerate(path) if i == 0 or node != path[i - 1]]


def build_graph(analysis: Analysis) -> nx.MultiDiGraph:
    """The attribution graph of ``analysis`` (scalar attributes only, GraphML-safe).

    Nodes are the publisher (``"publisher"``), every entity (its id) and every claim
    (its id). Each claim adds a ``said`` edge speaker -> claim and a relay path
    speaker -> via[0] -> ... -> publisher; a claim without a speaker starts its relay
    path at the claim node. Every edge is keyed by its claim id.

    Args:
        analysis: the result of analysing one story.

    Returns:
        A new ``networkx.MultiDiGraph``.
    """
    doc = analysis.document
    graph = nx.MultiDiGraph()
    graph.add_node(
        PUBLISHER,
        kind="publisher",
        label=doc.publisher or "(publisher)",
        byline="; ".join(doc.byline),
    )
    for entity in analysis.entities:
        graph.add_node(entity.id, kind="entity", label=entity.name, type=entity.type.value)
    for claim in analysis.claims:
        graph.add_node(
            claim.id,
            kind="claim",
            label=_label(claim.content.text),
            claim_kind=claim.kind.value,
            start=claim.content.start,
            end=claim.content.end,
            sentence=claim.sentence,
            confidence=float(claim.confidence),
        )
    for claim in analysis.claims:
        common: dict[str, Any] = {
            "claim": claim.id,
            "cue": claim.cue.text if claim.cue else "",
            "channel": claim.channel or "",
            "channel_kind": kind_of(claim.channel) or "",
            "time": claim.time or "",
        }
        if claim.speaker is not None:
            graph.add_edge(claim.speaker, claim.id, key=claim.id, relation="said", hop=0, **common)
        path = _relay_path(claim)
        rel = relation(claim)
        for hop, (u, v) in enumerate(zip(path, path[1:], strict=False), start=1):
            graph.add_edge(u, v, key=claim.id, relation=rel, hop=hop, **common)
    for node, data in graph.nodes(data=True):
        # a speaker or via id with no entity behind it: keep the graph well-formed
        if "kind" not in data:
            data.update(kind="entity", label=node, type="other")
    return graph


def _claims(graph: nx.MultiDiGraph) -> list[str]:
    claims = [n for n, kind in graph.nodes(data="kind") if kind == "claim"]
    return sorted(claims, key=lambda n: (graph.nodes[n]["start"], graph.nodes[n]["end"]))


def claims_by_speaker(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Claim ids (in story order) for each speaker node, speakers in order of first claim.

    Claims without a speaker are not listed.

    Args:
        graph: a graph made by ``build_graph``.

    Returns:
        ``{"e1": ["c1", "c4"], ...}``.
    """
    result: dict[str, list[str]] = {}
    for claim_id in _claims(graph):
        for speaker, _, rel in graph.in_edges(claim_id, data="relation"):
            if rel == "said":
                result.setdefault(speaker, []).append(claim_id)
    return result


def chain(graph: nx.MultiDiGraph, claim_id: str) -> list[str]:
    """The node ids from the publisher back to the origin of one claim.

    Args:
        graph: a graph made by ``build_graph``.
        claim_id: the id of a claim node.

    Returns:
        e.g. ``["publisher", "e2", "e1"]`` (the RIA agency quoting the general
        secretary); the last id is the claim itself when the claim has no speaker.

    Raises:
        KeyError: when ``claim_id`` is not a claim of ``graph``.
    """
    if graph.nodes[claim_id].get("kind") != "claim":
        raise KeyError(claim_id)
    said = [u for u, keys in graph.pred[claim_id].items() if claim_id in keys]
    node = said[0] if said else claim_id
    path, hop = [node], 1
    while True:
        step = [v for v, keys in graph.succ[node].items()
                if claim_id in keys and keys[claim_id].get("hop") == hop]
        if not step:
            return path[::-1]
        node, hop = step[0], hop + 1
        path.append(node)


def longest_chain(graph: nx.MultiDiGraph) -> list[str]:
    """The longest ``chain`` among the claims of ``graph`` (the first in story order on ties).

    Args:
        graph: a graph made by ``build_graph``.

    Returns:
        The node ids of that chain, or ``[]`` when the story has no claims.
    """
    best: list[str] = []
    for claim_id in _claims(graph):
        path = chain(graph, claim_id)
        if len(path) > len(best):
            best = path
    return best


def indirect_speakers(graph: nx.MultiDiGraph) -> list[str]:
    """Speakers whose every claim reaches the publisher through an intermediary.

    Args:
        graph: a graph made by ``build_graph``.

    Returns:
        Speaker node ids in order of first claim.
    """
    return [
        speaker
        for speaker, claims in claims_by_speaker(graph).items()
        if all(len(chain(graph, claim_id)) > 2 for claim_id in claims)
    ]


def graph_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The node-link form of ``graph`` used in the attrib/1 JSON (``graph`` field).

    Args:
        graph: a graph made by ``build_graph``.

    Returns:
        ``networkx.node_link_data(graph, edges="edges")``.
    """
    return nx.node_link_data(graph, edges="edges")
