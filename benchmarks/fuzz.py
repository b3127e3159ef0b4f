"""Fuzz the text-preparation stage, the quote finder and the whole analyzer with Hypothesis.

Usage: ``.venv/bin/python benchmarks/fuzz.py [--examples N] [--analyze-examples M]`` (``make fuzz``)

Each target runs N generated inputs (arbitrary Unicode, and news-like text built from
speakers, cues, clauses, separators and random quotation marks) and checks that it never
raises and that every span it returns slices the input exactly. It prints how many inputs
each target tried and the first failure Hypothesis shrank, if any; the exit code is 1 when
a target failed.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_robustness import check_invariants, newslike  # noqa: E402

from attribution.errors import InputError  # noqa: E402
from attribution.lexicon import default_lexicon  # noqa: E402
from attribution.pipeline import analyze  # noqa: E402
from attribution.quotes import find_quotes  # noqa: E402
from attribution.source import mask_markup, paragraphs, prepare  # noqa: E402

LEX = default_lexicon()
MARKUP = st.sampled_from(["<p>", "</p>", "<b>", "<!-- x -->", "<script>a</script>", "<", ">", "<a href='“'>"])
TEXTS = st.one_of(st.text(max_size=400), newslike, st.lists(st.one_of(newslike, MARKUP), max_size=20).map("".join))


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
        assert q.close is None or text[q.close] in "\"“”„«»‹›’"  # ’ closes a British single quote
    assert [q.open for q in quotes] == sorted(q.open for q in quotes)


def whole_analyzer(text: str) -> None:
    try:
        analysis = analyze(text)
    except InputError:
        return
    check_invariants(text, analysis)


def fuzz(name: str, target: Callable[[str], None], examples: int) -> bool:
    tried = 0

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(TEXTS)
    def run(text: str) -> None:
        nonlocal tried
        tried += 1
        target(text)

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
    parser.add_argument("--analyze-examples", type=int, default=1_000, help="inputs for the whole analyzer")
    args = parser.parse_args()
    ok = fuzz("prepare + find_quotes", prepare_and_quotes, args.examples)
    ok &= fuzz("analyze (whole pipeline)", whole_analyzer, args.analyze_examples)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
