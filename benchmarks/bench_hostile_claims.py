"""Time the claims stage on hostile inputs at 1x, 2x, 4x and 8x, split by stage.

Usage: ``.venv/bin/python benchmarks/bench_hostile_claims.py [--base CHARS] [--rounds N] [--only NAMES]``

Each generator builds distinct text (numbers and names vary, nothing is repeated verbatim)
of about ``--base`` characters at 1x; the same stages as ``pipeline.analyze`` run on it:
parse (``nlp.parse_blocks``, the model loaded beforehand), quotes (``find_quotes``) and
claims (``detect_claims``, the fastest of ``--rounds`` runs, garbage collection paused as
``timeit`` does; the sizes and ordinary news are timed in turn in each round, so that the
machine's load weighs on all alike). For each size it prints the seconds of each stage,
the claims stage's time per character, its growth per doubling (time at 2n / time at n:
2.0 is linear, 4.0 quadratic) and its time per character against ordinary news of the
same size (the paragraphs of distinct stories from corpora/ and tests/heldout*, shuffled);
then each input's growth per doubling fitted over all four sizes (2 to the log-log slope),
which one noisy size sways less than a single ratio.

Target (issue 10): the claims stage grows by at most 2.5x per doubling on every generator.
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attribution.claims import detect_claims  # noqa: E402
from attribution.lexicon import default_lexicon  # noqa: E402
from attribution.nlp import load_spacy, parse_blocks  # noqa: E402
from attribution.pipeline import _PARSED, _pieces  # noqa: E402
from attribution.quotes import find_quotes  # noqa: E402
from attribution.source import mask_markup, prepare  # noqa: E402
from attribution.types import BlockKind  # noqa: E402

SIZES = (1, 2, 4, 8)
NAMES = ["Ilieva", "Marinov", "Kuzmina", "Okoye", "Berg", "Tokayev", "Haugen", "Rowe", "Weidner", "Aalto"]


def _until(chars: int, piece: Callable[[int], str], sep: str) -> str:
    out: list[str] = []
    total, k = 0, 0
    while total < chars:
        out.append(piece(k))
        total += len(out[-1]) + len(sep)
        k += 1
    return sep.join(out)


def cues_in_one_sentence(chars: int) -> str:
    """ '"x0" he said "x1" he said ...': one sentence, a cue every 15 characters (issue 10)."""
    return _until(chars, lambda k: f'"x{k}" he said', " ")


def nested_quotes(chars: int) -> str:
    """ 'Officer0 said “Officer1 said “... it rained.”””': every quote inside the one before."""
    levels = chars // 17
    return "".join(f"Officer{k} said “" for k in range(levels)) + "it rained." + "”" * levels


def quotes_on_lines(chars: int) -> str:
    """One quote a line, its cue after, before (a colon) or none (it continues the speaker)."""
    def line(k: int) -> str:
        name = f"{NAMES[k % len(NAMES)]}{k}"
        return (f"“Prices rose {k} percent,” said {name}, a trader.", f"{name} said: “We sold {k} crates.”",
                f"“Stock {k} is gone.”")[k % 3]
    return _until(chars, line, "\n")


def quotes_in_one_paragraph(chars: int) -> str:
    """The same quotes run together into one paragraph: many sentences in one parse."""
    return quotes_on_lines(chars).replace("\n", " ")


def relay_clauses(chars: int) -> str:
    """ 'Prices rose, his office0 quoted him, his office1 quoted him, ...': relays of one claim."""
    return "Prices rose" + _until(chars, lambda k: f", his office{k} quoted him", "") + "."


def unclosed_quotes(chars: int) -> str:
    """ '“Stock 0 is gone, he said “Stock 1 ...': quotes never closed, a cue inside each."""
    return _until(chars, lambda k: f"“Stock {k} is gone, he said", " ")


GENERATORS: dict[str, Callable[[int], str]] = {
    "cues in one sentence": cues_in_one_sentence,
    "nested quotes": nested_quotes,
    "quotes on lines": quotes_on_lines,
    "quotes in one paragraph": quotes_in_one_paragraph,
    "relay clauses": relay_clauses,
    "unclosed quotes": unclosed_quotes,
}


def news(chars: int) -> str:
    """Ordinary news of about ``chars`` characters: the paragraphs of distinct stories from
    corpora/ and tests/heldout*, shuffled (the same order every run) so that every size
    holds the same mix of headlines, leads and quotes; none twice."""
    paths = sorted((ROOT / "corpora").glob("*.txt")) + sorted(ROOT.glob("tests/heldout*/*.txt"))
    stories = dict.fromkeys(p.read_text(encoding="utf-8-sig").strip() for p in paths)
    dealt = list(dict.fromkeys(para for story in stories for para in story.split("\n") if para.strip()))
    random.Random(0).shuffle(dealt)
    out: list[str] = []
    total = 0
    for para in dealt:
        if total >= chars:
            break
        out.append(para)
        total += len(para) + 2
    if total < chars:
        raise SystemExit(f"only {total} characters of distinct news: use a smaller --base")
    return "\n\n".join(out)


@dataclass(frozen=True)
class Prepared:
    """One input run through the stages before claims, with their times."""

    chars: int
    parse: float
    quotes: float
    call: tuple[Any, ...]  # the arguments of detect_claims


def prepared(text: str) -> Prepared:
    """``text`` through ``pipeline.analyze``'s stages up to the claims, each timed."""
    lex = default_lexicon()
    doc = prepare(text, lex)
    blocks = [(i, b.span) for i, b in enumerate(doc.blocks) if b.kind in _PARSED]
    pieces = [(i, start, piece) for i, span in blocks for start, piece in _pieces(span.start, mask_markup(span.text))]
    t0 = time.perf_counter()
    parses = parse_blocks(pieces, "spacy")
    t1 = time.perf_counter()
    quotes = find_quotes(text, blocks)
    t2 = time.perf_counter()
    headlines = frozenset(i for i, b in enumerate(doc.blocks) if b.kind is BlockKind.TITLE)
    return Prepared(len(text), t1 - t0, t2 - t1, (text, parses, quotes, lex, doc.publisher, headlines))


def claims_seconds(inputs: list[Prepared], rounds: int) -> list[float]:
    """The fastest of ``rounds`` runs of the claims stage on each input, the inputs taken in
    turn each round so that the machine's load weighs on all of them alike."""
    best = [float("inf")] * len(inputs)
    for _ in range(rounds):
        for k, p in enumerate(inputs):
            text, parses, *rest = p.call
            fresh = [replace(q) for q in parses]  # new identities: the stage builds its parse trees, as in a real run
            gc.collect()
            gc.disable()  # as timeit does: a full collection's cost is the heap's size, not this stage's
            try:
                start = time.perf_counter()
                detect_claims(text, fresh, *rest)
                best[k] = min(best[k], time.perf_counter() - start)
            finally:
                gc.enable()
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=14_000, help="characters at 1x (default 14,000: 8x is 112 KB)")
    ap.add_argument("--rounds", type=int, default=7, help="claims-stage runs per input; the fastest counts")
    ap.add_argument("--only", help="run only the generators whose names contain one of these (comma-separated)")
    args = ap.parse_args()
    load_spacy()
    news_inputs = [prepared(news(args.base * n)) for n in SIZES]
    print(f"{'input':24} {'size':>4} {'chars':>8} {'parse s':>8} {'quotes s':>8} {'claims s':>9} "
          f"{'claims us/char':>14} {'x/doubling':>10} {'vs news':>8}")
    fitted: dict[str, float] = {}
    for name, gen in {"ordinary news": news, **GENERATORS}.items():
        if args.only and name != "ordinary news" and not any(part in name for part in args.only.split(",")):
            continue
        inputs = news_inputs if name == "ordinary news" else [prepared(gen(args.base * n)) for n in SIZES]
        seconds = claims_seconds(inputs + (news_inputs if inputs is not news_inputs else []), args.rounds)
        news_seconds = seconds[len(SIZES):] or seconds
        for k, (n, p) in enumerate(zip(SIZES, inputs, strict=True)):
            rate = seconds[k] / p.chars
            news_rate = news_seconds[k] / news_inputs[k].chars
            growth = f"{seconds[k] / seconds[k - 1]:10.2f}" if k else f"{'':>10}"
            print(f"{name:24} {n:>3}x {p.chars:>8} {p.parse:8.2f} {p.quotes:8.3f} {seconds[k]:9.3f} "
                  f"{rate * 1e6:14.2f} {growth} {rate / news_rate:8.1f}")
        fitted[name] = 2 ** _slope([p.chars for p in inputs], seconds[:len(SIZES)])
    print("\ngrowth of the claims stage per doubling, fitted over 1x-8x (log-log slope; target <= 2.5x):")
    for name, growth in fitted.items():
        print(f"   {name:24} {growth:5.2f}x")
    worst = max(v for k, v in fitted.items() if k != "ordinary news")
    print(f"   worst hostile input      {worst:5.2f}x")


def _slope(xs: list[int], ys: list[float]) -> float:
    """The least-squares slope of log y against log x: 1.0 is linear, 2.0 quadratic."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


if __name__ == "__main__":
    main()
