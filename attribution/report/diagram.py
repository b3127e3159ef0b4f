"""Lay out the chain diagram of the HTML report: speakers | intermediaries | publisher.

Speakers (every source a claim starts from, including one that also relays) stand in the
left column in the order of their numbers, relay-only intermediaries in the middle, the
publisher as a bar on the right. A speaker's claims that reach the publisher directly cross
the middle column in a lane of their own, so no arrow runs through a box.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ..graph import PUBLISHER, chain

FONT, LINE = 13, 16  # label size and line height, in SVG user units
_TOP, _PAD, _GAP_Y, _GAP_X, _LANE = 26, 6, 8, 40, 4
_WIDTH = {"speaker": 150, "intermediary": 130, "publisher": 84}
_CHAR = 7.0  # a generous mean character width at FONT in a sans-serif face
_NUMBER = 24  # room for the speaker's number at the left of its box
_MAX_LINES = 3


@dataclass(frozen=True, slots=True)
class Box:
    """A node of the diagram: its box, its wrapped label and what it is."""

    node: str
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    text_x: float
    text_y: float
    title: str
    column: str
    number: int
    note: str


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
    headings: tuple[tuple[str, float], ...]


def _wrap(text: str, width: float) -> tuple[str, ...]:
    chars = max(6, int(width / _CHAR))
    return tuple(textwrap.wrap(" ".join(text.split()) or "?", chars, max_lines=_MAX_LINES, placeholder=" …"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _xy(x: float, y: float) -> str:
    return f"{x:.1f},{y:.1f}"


def _curve(x0: float, y0: float, x1: float, y1: float, bend: float | None = None) -> str:
    """A cubic from (x0, y0) to (x1, y1): an S between columns, or a loop ``bend`` to the right."""
    if bend is None:
        mid = (x0 + x1) / 2
        return f"M{_xy(x0, y0)} C{_xy(mid, y0)} {_xy(mid, y1)} {_xy(x1, y1)}"
    return f"M{_xy(x0, y0)} C{_xy(x0 + bend, y0)} {_xy(x1 + bend, y1)} {_xy(x1, y1)}"


def _chains(graph: nx.MultiDiGraph) -> tuple[list[str], Counter[tuple[str, str]]]:
    """The origins of the claims (story order) and the claims carried by each hop."""
    claims = sorted((n for n, kind in graph.nodes(data="kind") if kind == "claim"),
                    key=lambda n: (graph.nodes[n]["start"], graph.nodes[n]["end"]))
    origins: list[str] = []
    hops: Counter[tuple[str, str]] = Counter()
    for claim_id in claims:
        path = chain(graph, claim_id)[::-1]
        origins.append(path[0])
        hops.update(list(dict.fromkeys(zip(path, path[1:], strict=False))))
    return list(dict.fromkeys(origins)), hops


def layout(graph: nx.MultiDiGraph, numbers: dict[str, int]) -> Diagram:
    """Place speakers, intermediaries and the publisher in columns and route the edges.

    Args:
        graph: a graph made by ``attribution.graph.build_graph``.
        numbers: the speaker number shown in the text for each speaker node.

    Returns:
        The diagram, coordinates in SVG user units (the SVG scales to its container).
    """
    origins, hops = _chains(graph)
    unresolved = [n for n in origins if graph.nodes[n].get("kind") == "claim"]
    speakers = [n for n in origins if n not in unresolved] + unresolved
    relays = list(dict.fromkeys(v for (_, v) in hops if v != PUBLISHER and v not in speakers))
    columns = ["speaker", *(["intermediary"] if relays else []), "publisher"]
    left = {}
    x = float(_PAD)
    for column in columns:
        left[column] = x
        x += _WIDTH[column] + _GAP_X
    width = x - _GAP_X + _PAD
    relayed = Counter({v: n for (u, v), n in hops.items() if u != v})

    def box(node: str, column: str, y: float, number: int = 0) -> Box:
        data = graph.nodes[node]
        w = _WIDTH[column]
        if data.get("kind") == "claim":
            name, title = f"unresolved speaker ({node})", f"No speaker found for claim {node}"
        else:
            name = data.get("label", node)
            kind = data.get("type") or data.get("kind", "")
            title = f"{name} ({kind})" if kind and node != PUBLISHER else name
        inset = _NUMBER if column == "speaker" else 8
        lines = _wrap(name, w - inset - 6)
        note = f"also relays {_plural(relayed[node], 'claim')}" if column == "speaker" and relayed[node] else ""
        h = len(lines) * LINE + (LINE if note else 0) + 10
        return Box(node, left[column], y, w, h, lines, left[column] + inset, y + 5 + FONT,
                   title + (f"; {note}" if note else ""), column, number, note)

    boxes: dict[str, Box] = {}
    y = float(_TOP)
    for node in speakers:
        boxes[node] = box(node, "speaker", y, numbers.get(node, 0))
        y += boxes[node].h + _GAP_Y
    bottom = y

    def centre(node: str) -> float:
        return boxes[node].y + boxes[node].h / 2

    # the middle column: relays level with the speakers feeding them, and a lane for each
    # speaker whose claims go straight to the publisher (its arrow crosses there)
    want: dict[str, float] = {}
    if relays:
        want = {f"~{u}": centre(u) for (u, v) in hops if v == PUBLISHER and u in speakers}
        for _ in range(2):  # a relay fed by another relay goes level with that one
            for r in relays:
                feeds = [centre(u) if u in boxes else want[u] for (u, v) in hops
                         if v == r and (u in boxes or u in want)]
                if feeds:
                    want[r] = sum(feeds) / len(feeds)
        y = float(_TOP)
        for entry in sorted([*want, *(r for r in relays if r not in want)], key=lambda e: want.get(e, bottom)):
            if entry.startswith("~"):
                top = max(want[entry] - _LANE / 2, y)
                boxes[entry] = Box(entry, left["intermediary"], top, _WIDTH["intermediary"], _LANE, (), 0, 0,
                                   "", "lane", 0, "")
                y = top + _LANE + _GAP_Y / 2
            else:
                made = box(entry, "intermediary", 0)
                top = max(want.get(entry, y) - made.h / 2, y)
                boxes[entry] = box(entry, "intermediary", top)
                y = top + made.h + _GAP_Y
        bottom = max(bottom, y)
    height = bottom - _GAP_Y + _PAD
    pub = box(PUBLISHER, "publisher", _TOP)
    pub_h = max(height - _TOP - _PAD, pub.h)
    boxes[PUBLISHER] = Box(PUBLISHER, pub.x, _TOP, pub.w, pub_h, pub.lines, pub.x + 8,
                           _TOP + (pub_h - len(pub.lines) * LINE) / 2 + FONT, pub.title, "publisher", 0, "")
    height = max(height, _TOP + pub_h + _PAD)
    arrows = _route(boxes, hops)
    shown = tuple(b for b in boxes.values() if b.column != "lane")
    headings = (("Speakers", left["speaker"]), *((("Intermediaries", left["intermediary"]),) if relays else ()),
                ("Publisher", left["publisher"]))
    return Diagram(round(width, 1), round(height, 1), shown, tuple(arrows), headings)


def _ports(boxes: dict[str, Box], hops: Counter[tuple[str, str]]) -> dict[tuple[str, str, str], float]:
    """Where each edge leaves and enters its boxes: spread along a side, in the order of the far ends."""
    sides: dict[tuple[str, str], list[tuple[float, str, str]]] = {}
    for u, v in hops:
        a, b = boxes[u], boxes[v]
        forward = b.x > a.x
        sides.setdefault((u, "right" if forward or b.x == a.x else "left"), []).append((b.y + b.h / 2, u, v))
        if v != PUBLISHER:
            sides.setdefault((v, "left" if forward else "right"), []).append((a.y + a.h / 2, u, v))
    ports: dict[tuple[str, str, str], float] = {}
    for (node, _), ends in sides.items():
        b = boxes[node]
        ends.sort()
        for i, (_, u, v) in enumerate(ends):
            ports[(node, u, v)] = b.y + b.h * (i + 1) / (len(ends) + 1)
    return ports


def _route(boxes: dict[str, Box], hops: Counter[tuple[str, str]]) -> list[Arrow]:
    ports = _ports(boxes, hops)
    pub = boxes[PUBLISHER]
    arrows = []
    for (u, v), count in sorted(hops.items(), key=lambda h: (boxes[h[0][0]].x, boxes[h[0][0]].y)):
        a, b = boxes[u], boxes[v]
        sy = ports[(u, u, v)]
        lane = boxes.get(f"~{u}") if v == PUBLISHER else None
        if lane is not None:  # across the middle column in the speaker's lane
            ly = lane.y + lane.h / 2
            path = f"{_curve(a.x + a.w, sy, lane.x, ly)} L{_xy(pub.x, ly)}"
            lx, ly_label = lane.x + lane.w / 2, ly
        elif v == PUBLISHER:
            path, lx, ly_label = f"M{_xy(a.x + a.w, sy)} L{_xy(pub.x, sy)}", (a.x + a.w + pub.x) / 2, sy
        elif b.x > a.x:
            ty = ports[(v, u, v)]
            path, lx, ly_label = _curve(a.x + a.w, sy, b.x, ty), (a.x + a.w + b.x) / 2, (sy + ty) / 2
        elif b.x == a.x:  # a speaker or an intermediary relaying to one in its own column: a loop on the right
            ty = ports[(v, u, v)]
            path, lx, ly_label = _curve(a.x + a.w, sy, b.x + b.w, ty, 36), a.x + a.w + 27, (sy + ty) / 2
        else:  # an intermediary relaying to a speaker: back to the left
            ty = ports[(v, u, v)]
            path, lx, ly_label = _curve(a.x, sy, b.x + b.w, ty), (a.x + b.x + b.w) / 2, (sy + ty) / 2
        width = round(1.2 + min(count, 8) * 0.45, 1)
        arrows.append(Arrow(u, v, path, count, width, round(lx, 1), round(ly_label, 1)))
    return arrows
