"""Time render_html against the analysis of a ~100-claim story (target: render < 10% of analysis).

Usage: ``.venv/bin/python benchmarks/bench_render.py [--repeat N]``

The story is every corpus story joined into one. The analysis is
``attribution.pipeline.analyze`` when it exists; until then the gold annotations stand in
for its result and the analysis time is the spaCy parse of the story alone (a lower
bound of any analysis, so the printed ratio is an upper bound).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from attribution.graph import build_graph, graph_data  # noqa: E402
from attribution.report.html import paragraphs, render_html  # noqa: E402

SEPARATOR = "\n\n"


def combined_story() -> tuple[str, dict[str, Any]]:
    """Every corpus story joined by blank lines, and the union of their gold annotations."""
    texts, attributions = [], []
    for story in sorted((ROOT / "corpora").glob("*.txt")):
        texts.append(story.read_text(encoding="utf-8"))
        gold = json.loads((ROOT / "tests" / "gold" / f"{story.stem}.gold.json").read_text(encoding="utf-8"))
        attributions += gold["attributions"]
    return SEPARATOR.join(texts), {"publisher": "Reuters", "byline": [], "attributions": attributions}


def median_seconds(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median wall time of ``repeat`` calls of ``fn`` (after one warm-up call) and its result."""
    result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    """Print the timings and the render/analysis ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text, gold = combined_story()
    try:
        from attribution.pipeline import analyze
    except ImportError:
        from test_graph import gold_analysis

        from attribution.nlp import parse_blocks

        blocks = [(i, start, text[start:end]) for i, (start, end) in enumerate(paragraphs(text))]
        label = "spaCy parse only (pipeline missing; gold claims rendered)"
        analysis_time, _ = median_seconds(lambda: parse_blocks(blocks), args.repeat)
        analysis = gold_analysis(text, gold, "combined.txt")
    else:
        label = "attribution.pipeline.analyze"
        analysis_time, analysis = median_seconds(lambda: analyze(text, path="combined.txt"), args.repeat)
    render_time, html = median_seconds(lambda: render_html(analysis), args.repeat)
    graph_time, _ = median_seconds(lambda: graph_data(build_graph(analysis)), args.repeat)
    print(f"story: {len(text)} chars, {len(analysis.claims)} claims, {len(analysis.entities)} entities")
    print(f"analysis ({label}): median {analysis_time * 1000:.1f} ms over {args.repeat} runs")
    print(f"render_html: median {render_time * 1000:.1f} ms ({len(html) / 1024:.0f} KiB)")
    print(f"build_graph + graph_data: median {graph_time * 1000:.1f} ms")
    print(f"render / analysis = {render_time / analysis_time:.1%} (target < 10%)")


if __name__ == "__main__":
    main()
