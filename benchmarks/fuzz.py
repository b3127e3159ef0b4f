"""Fuzz the text-preparation stage, the quote finder, the whole analyzer and every report writer with Hypothesis.

Usage: ``.venv/bin/python benchmarks/fuzz.py [--examples N] [--analyze-examples M] [--seed S]`` (``make fuzz``)

Each target runs N generated inputs (arbitrary Unicode, and news-like text built from
speakers, cues, clauses, separators, random quotation marks, markup and what breaks other
programs' files: formula starts, control characters, U+FFFE) and checks that it never
raises and that every span it returns slices the input exactly. Each whole-analyzer input
also goes through every writer: the JSON is read back, the HTML encodes and parses, no CSV
or sheet cell starts a formula, the GraphML and GEXF parse as XML and as graphs, and the
terminal summary holds no control character. It prints how many inputs each target tried
and the first failure Hypothesis shrank, if any; the exit code is 1 when a target failed.
``--seed`` makes a run repeatable (and lets a long run go in chunks with different seeds).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import time
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import networkx as nx  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from test_robustness import check_invariants, newslike  # noqa: E402

from attribution.cli import _summary  # noqa: E402
from attribution.errors import InputError  # noqa: E402
from attribution.graph import build_graph  # noqa: E402
from attribution.lexicon import default_lexicon  # noqa: E402
from attribution.pipeline import analyze  # noqa: E402
from attribution.quotes import find_quotes  # noqa: E402
from attribution.report.cells import is_formula  # noqa: E402
from attribution.report.csv import to_csv  # noqa: E402
from attribution.report.graphml import to_gexf, to_graphml  # noqa: E402
from attribution.report.html import render_html  # noqa: E402
from attribution.report.json import to_dict, to_json  # noqa: E402
from attribution.report.xlsx import to_xlsx  # noqa: E402
from attribution.source import mask_markup, paragraphs, prepare  # noqa: E402
from attribution.types import Analysis  # noqa: E402

LEX = default_lexicon()
MARKUP = st.sampled_from(["<p>", "</p>", "<b>", "<!-- x -->", "<script>a</script>", "<", ">", "<a href='“'>"])
# what other programs' files choke on: formulas, control characters, XML's non-characters, rich markup
FOREIGN = st.sampled_from(["=1+2", "=cmd|' /C calc'!A0", "@SUM(A1", "+44 20", "-5 percent", "\t=", "\r=", "\uff1d1",
                           "\x1b[31m", "\x1b]0;x\x07", "\x9b2J", "\x01", "\x0b", "\x7f", "\ufffe", "\uffff", "\x85",
                           "\u3000", "\u2028", "[/b]", "[bold]", "]]>", "&amp;", '"', "'"])
TEXTS = st.one_of(st.text(max_size=400), newslike,
                  st.lists(st.one_of(newslike, MARKUP, FOREIGN), max_size=20).map("".join))
# what a terminal would act on instead of showing
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def prepare_and_quotes(text: str) -> None:
    """Text preparation and the quote finder: never raise, spans slice the input."""
    paras = paragraphs(text)
    for p in paras:
        assert text[p.start:p.end] == p.text and p.text  # (a line of only "\x0c" is a paragraph)
    masked = mask_markup(text)
    assert len(masked) == len(text)
    doc = prepare(text, LEX)
    for block in doc.blocks:
        assert text[block.span.start:block.span.end] == block.span.text
    for span in (doc.title, doc.dateline):
        assert span is None or text[span.start:span.end] == span.text
    quotes = find_quotes(text, list(enumerate(paras)))
    for q in quotes:
        assert text[q.content.start:q.content.end] == q.content.text
        assert q.closed == (q.close is not None)
        # ’ closes a British single quote; '' (two apostrophes, width 2) closes what '' opened
        assert q.close is None or text[q.close] in "\"“”„«»‹›’" or text.startswith("''", q.close) and q.width == 2
    assert [q.open for q in quotes] == sorted(q.open for q in quotes)


def every_writer(analysis: Analysis) -> None:
    """Every report of ``analysis``, read back the way other programs read it."""
    assert json.loads(to_json(analysis).encode("utf-8")) == to_dict(analysis)
    page = render_html(analysis).encode("utf-8").decode("utf-8")
    HTMLParser().feed(page)
    tables = to_csv(analysis)
    for name, text in tables.items():
        assert text.startswith("\ufeff"), name
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
        assert [v for row in rows for v in row if is_formula(v)] == [], name
    assert len(list(csv.reader(io.StringIO(tables["claims"], newline="")))) >= len(analysis.claims) + 1
    book = load_workbook(io.BytesIO(to_xlsx(analysis)))
    sheet_cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in sheet_cells if c.data_type == "f" or is_formula(c.value)] == []
    graph = build_graph(analysis)
    graphml, gexf = to_graphml(graph), to_gexf(graph)
    ET.fromstring(graphml.encode("utf-8"))
    ET.fromstring(gexf.encode("utf-8"))
    back = nx.parse_graphml(graphml)
    assert back.number_of_nodes() == graph.number_of_nodes(), "graphml"
    assert nx.read_gexf(io.BytesIO(gexf.encode("utf-8"))).number_of_nodes() == graph.number_of_nodes(), "gexf"
    assert _RAW_CONTROL.findall(_summary(analysis).replace("\n", " ")) == [], "terminal summary"


def whole_analyzer(text: str) -> None:
    try:
        analysis = analyze(text)
    except InputError:
        return
    check_invariants(text, analysis)
    every_writer(analysis)


def fuzz(name: str, target: Callable[[str], None], examples: int, start: int | None = None) -> bool:
    tried = 0

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(TEXTS)
    def run(text: str) -> None:
        nonlocal tried
        tried += 1
        target(text)

    if start is not None:
        run = seed(start)(run)

    start = time.perf_counter()
    try:
        run()
    except Exception:
        print(f"{name}: {tried} inputs in {time.perf_counter() - start:.0f} s, FAILED on the input above:")
        traceback.print_exc(limit=3)
        return False
    print(f"{name}: {tried} inputs in {time.perf_counter() - start:.0f} s, no failure")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000, help="inputs for preparation + quotes")
    parser.add_argument("--analyze-examples", type=int, default=3_000,
                        help="inputs for the whole analyzer and every writer")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis's seed (default: a random one)")
    args = parser.parse_args()
    ok = True
    if args.examples:
        ok &= fuzz("prepare + find_quotes", prepare_and_quotes, args.examples, args.seed)
    if args.analyze_examples:
        ok &= fuzz("analyze + every writer", whole_analyzer, args.analyze_examples, args.seed)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
