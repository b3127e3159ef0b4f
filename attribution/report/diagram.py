"""Lay out the chain diagram of the HTML report: speakers | intermediaries | publisher."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ..graph import PUBLISHER, chain

UNKNOWN = "?"

_BOX_W, _BOX_H, _ROW, _GAP, _PAD, _NAME_CHARS = 210, 24, 32, 150, 12, 27


@dataclass(frozen=True, slots=True)
class Box:
    """A node of the diagram: its box and what it says."""

    node: str
    x: float
    y: float
    w: float
    h: float
    label: str
    title: str
    column: str
    number: int


@dataclass(frozen=True, slots=True)
class Arrow:
    """An edge of the diagram with the number of claims it carries."""

    source: str
    target: str
    path: str
    count: int
    width: float
    label_x: float
    label_y: float


@dataclass(frozen=True, slots=True)
class Diagram:
    """Everything the template needs to draw the chain diagram as inline SVG."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


def _short(name: str) -> str:
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1].rstrip() + "…"


Point = tuple[float, float]


def _bezier(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    s = 1 - t

    def at(a: float, b: float, c: float, d: float) -> float:
        return s**3 * a + 3 * s * s * t * b + 3 * s * t * t * c + t**3 * d

    return at(p0[0], p1[0], p2[0], p3[0]), at(p0[1], p1[1], p2[1], p3[1])


def _xy(p: Point) -> str:
    return f"{p[0]:.1f},{p[1]:.1f}"


def _curve(p0: Point, p1: Point, p2: Point, p3: Point) -> str:
    return f"M{_xy(p0)} C{_xy(p1)} {_xy(p2)} {_xy(p3)}"


def _controls(p0: Point, p3: Point) -> tuple[Point, Point]:
    mid = (p0[0] + p3[0]) / 2
    return (mid, p0[1]), (mid, p3[1])


def _link(p0: Point, p3: Point) -> str:
    """An S-shaped cubic from the right side of one box to the left side of another."""
    return _curve(p0, *_controls(p0, p3), p3)


def _label_at(p0: Point, p3: Point) -> Point:
    """Where the count goes: on the curve, just past the box it leaves."""
    return _bezier(p0, *_controls(p0, p3), p3, min(0.5, 40 / max(p3[0] - p0[0], 1)))


def layout(graph: nx.MultiDiGraph, numbers: dict[str, int]) -> Diagram:
    """Place speakers, intermediaries and the publisher in columns and route the edges.

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.
        numbers: the speaker number shown in the text for each speaker node.

    Returns:
        The diagram, coordinates in SVG user units.
    """
    claims = [n for n, kind in graph.nodes(data="kind") if kind == "claim"]
    claims.sort(key=lambda n: graph.nodes[n]["start"])
    counts: Counter[tuple[str, str]] = Counter()
    origins: list[str] = []
    for claim_id in claims:
        path = chain(graph, claim_id)[::-1]
        if graph.nodes[path[0]].get("kind") == "claim":
            path[0] = UNKNOWN
        origins.append(path[0])
        counts.update(set(zip(path, path[1:], strict=False)))
    left = list(dict.fromkeys(o for o in origins if not any(v == o for _, v in counts)))
    # one middle row per intermediary and one per speaker that skips the middle column
    # (a waypoint, so that its arrow passes between boxes, never through one)
    middle: list[str] = []
    for node in [*left, *(u for u, _ in counts)]:
        for u, v in counts:
            entry = f"~{u}" if v == PUBLISHER else v
            if u == node and entry not in middle and (v != PUBLISHER or node in left):
                middle.append(entry)
    # each middle row goes level with the mean row of the speakers feeding it (fewer crossings)
    row_of = {node: i for i, node in enumerate(left)}
    found = {entry: i for i, entry in enumerate(middle)}

    def level(entry: str) -> float:
        if entry.startswith("~"):
            return row_of[entry[1:]]
        rows = [row_of[u] for u, v in counts if v == entry and u in row_of]
        return sum(rows) / len(rows) if rows else len(left) + found[entry]

    middle.sort(key=level)
    has_middle = any(not m.startswith("~") for m in middle)
    columns = [("speaker", left)]
    columns += [("intermediary", middle)] if has_middle else []
    columns += [("publisher", [PUBLISHER])]
    # rows: speakers in order; a middle entry level with its sources unless that row is taken
    row: dict[str, float] = dict(row_of)
    taken = -1.0
    for entry in middle:
        taken = row[entry] = max(level(entry), taken + 1)
    rows = max(len(left), taken + 1)
    row[PUBLISHER] = (rows - 1) / 2
    height = 2 * _PAD + rows * _ROW
    boxes: dict[str, Box] = {}
    for c, (column, nodes) in enumerate(columns):
        for node in nodes:
            data = graph.nodes[node] if node in graph else {}
            name = data.get("label", "(unresolved speaker)")
            kind = data.get("type") or data.get("kind", "")
            top = _PAD + row[node] * _ROW + (_ROW - _BOX_H) / 2
            boxes[node] = Box(
                node, _PAD + c * (_BOX_W + _GAP), top, _BOX_W, _BOX_H,
                _short(name), f"{name} ({kind})" if kind else name, column, numbers.get(node, 0),
            )
    arrows = []
    for (u, v), count in sorted(counts.items(), key=lambda item: (boxes[item[0][0]].x, boxes[item[0][0]].y)):
        a, b = boxes[u], boxes[v]
        p0 = (a.x + a.w, a.y + a.h / 2)
        way = boxes.get(f"~{u}") if v == PUBLISHER and a.column == "speaker" else None
        if a.column == b.column:  # an intermediary relaying to another: loop out to the right
            p3 = (b.x + b.w, b.y + b.h / 2)
            p1, p2 = (p0[0] + 70, p0[1]), (p3[0] + 70, p3[1])
            path, (lx, ly) = _curve(p0, p1, p2, p3), _bezier(p0, p1, p2, p3, 0.5)
        elif way is not None:
            y = way.y + way.h / 2
            exit_, p3 = (way.x + way.w, y), (b.x, b.y + b.h / 2)
            path = f"{_link(p0, (way.x, y))} L{_xy(exit_)} C{_xy(_controls(exit_, p3)[0])} " + (
                f"{_xy(_controls(exit_, p3)[1])} {_xy(p3)}"
            )
            lx, ly = way.x + way.w / 2, y
        else:
            p3 = (b.x, b.y + b.h / 2)
            path, (lx, ly) = _link(p0, p3), _label_at(p0, p3)
        width = round(1.2 + min(count, 8) * 0.5, 1)
        arrows.append(Arrow(u, v, path, count, width, round(lx, 1), round(ly, 1)))
    boxes = {node: box for node, box in boxes.items() if not node.startswith("~")}
    total = 2 * _PAD + len(columns) * _BOX_W + (len(columns) - 1) * _GAP + (80 if has_middle else 0)
    return Diagram(total, height, tuple(boxes.values()), tuple(arrows))
