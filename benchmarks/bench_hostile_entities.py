"""Time the entity stage on inputs with many distinct entities, against story length.

Usage: ``.venv/bin/python benchmarks/bench_hostile_entities.py [--base N] [--sizes 1,2,4,8] [--news 64]``

Three generators build distinct texts (never repeats: repeated names would fold into the
entities already met and hide the cost):

- ``speakers``: ``“Prices rose N percent,” said <unique name>, a local trader.`` one per line;
- ``mayors``: many distinct ``the mayor of <town>`` descriptions that speak;
- ``news``: the 11 corpus stories, every word of a named entity replaced by an invented word
  chosen per copy, so each copy has its own people, places and organisations.

For each at 1x, 2x, 4x and 8x it prints the time per character spent in the entity stage
(``entities.resolve``, best of ``--repeats`` runs over the same parse, each after a full
collection: the stage is pure and the machine noisy) and its growth per doubling, between
neighbouring sizes and from 1x to 8x (target <= 2.5x: near-linear), then the
share of the whole analysis the entity stage takes on distinct news at ``--news`` copies
(target < 10%). Times are CPU seconds of this process (``time.process_time``): the machine is
shared, and wall time there measures the neighbours.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attribution import pipeline  # noqa: E402
from attribution.nlp import load_spacy  # noqa: E402

STORIES = sorted((ROOT / "corpora").glob("*.txt"))
_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
_FIRST = ("Anna", "Peter", "Maria", "John", "Lena", "Omar", "Grace", "Ivan", "Sofia", "David", "Nadia", "Carlos")


def invented(n: int, syllables: int = 3) -> str:
    """A capitalised word of ``syllables`` consonant-vowel pairs, distinct for each ``n``."""
    parts = []
    for _ in range(syllables):
        n, k = divmod(n, len(_CONSONANTS) * len(_VOWELS))
        parts.append(_CONSONANTS[k // len(_VOWELS)] + _VOWELS[k % len(_VOWELS)])
    return "".join(parts).capitalize() + "n"


def speakers(n: int) -> str:
    """``n`` lines, each a quote by a person named nowhere else."""
    return "\n".join(
        f"“Prices rose {k % 40 + 2} percent,” said {_FIRST[k % len(_FIRST)]} {invented(k)}, a local trader."
        for k in range(n)
    )


def mayors(n: int) -> str:
    """``n`` lines, each a claim by the mayor of a town named nowhere else."""
    forms = (
        "The mayor of {t} said {k} roads were closed after the storm.",
        "“We need help now,” said the mayor of {t}.",
        "Schools in {t} will stay shut, the mayor of {t} told reporters.",
    )
    return "\n".join(forms[k % len(forms)].format(t=invented(k) + "ville", k=k % 30 + 2) for k in range(n))


class _News:
    """The corpus stories with the words of their named entities replaced per copy."""

    def __init__(self) -> None:
        nlp = load_spacy()
        self.stories: list[tuple[str, list[tuple[int, int, str]]]] = []
        for path in STORIES:
            text = path.read_text(encoding="utf-8")
            words = []
            for ent in nlp(text).ents:
                if ent.label_ in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}:
                    words += [(t.idx, t.idx + len(t), t.text) for t in ent if t.text[:1].isupper() and t.is_alpha]
            self.stories.append((text, words))
        self.vocabulary: dict[tuple[int, str], str] = {}

    def copy(self, c: int) -> str:
        out = []
        for text, words in self.stories:
            at, pieces = 0, []
            for start, end, word in words:
                key = (c, word)
                if key not in self.vocabulary:
                    self.vocabulary[key] = invented(len(self.vocabulary), 4)
                pieces += [text[at:start], self.vocabulary[key]]
                at = end
            pieces.append(text[at:])
            out.append("".join(pieces))
        return "\n\n".join(out)

    def __call__(self, copies: int) -> str:
        return "\n\n".join(self.copy(c) for c in range(copies))


class _Captured:
    """``entities.resolve`` as the pipeline calls it, with its arguments kept and its time taken."""

    def __init__(self) -> None:
        self.inner = pipeline.resolve
        self.args: tuple[object, ...] = ()
        self.seconds = 0.0

    def __call__(self, *args: object) -> object:
        self.args = args
        start = time.process_time()
        try:
            return self.inner(*args)
        finally:
            self.seconds = time.process_time() - start


def measure(text: str, repeats: int) -> tuple[float, float, int]:
    """(seconds in the entity stage, seconds in the whole analysis, entities) for ``text``.

    The stage is pure, so it is timed as the best of ``repeats`` runs over the same parse (the
    machine is shared and noisy); the whole analysis counts the stage at that best time.
    """
    captured = _Captured()
    pipeline.resolve = captured
    try:
        start = time.process_time()
        analysis = pipeline.analyze(text)
        total = time.process_time() - start
    finally:
        pipeline.resolve = captured.inner
    best = captured.seconds
    for _ in range(repeats - 1):
        gc.collect()  # each run starts from the same collector state
        start = time.process_time()
        captured.inner(*captured.args)
        best = min(best, time.process_time() - start)
    return best, total - captured.seconds + best, len(analysis.entities)


def curve(name: str, make: Callable[[int], str], unit: int, sizes: list[int], repeats: int) -> float:
    """Print the entity stage's time per character at each size; return the worst growth per doubling."""
    print(f"\n{name} (1x = {unit} units)")
    print(f"   {'size':>5} {'chars':>9} {'entities':>9} {'entity s':>9} {'us/char':>8} {'growth':>7} "
          f"{'total s':>8} {'share':>6}")
    previous: tuple[int, float] | None = None
    first: tuple[int, float] | None = None
    worst = 0.0
    for k in sizes:
        text = make(unit * k)
        seconds, total, entities = measure(text, repeats)
        per_char = seconds / len(text) * 1e6
        growth = ""
        if previous is not None:
            # growth of the stage's time per doubling of the input, from time per character
            steps = (k // previous[0]).bit_length() - 1
            ratio = (per_char / previous[1]) ** (1 / steps) * 2 if steps else 0.0
            worst = max(worst, ratio)
            growth = f"{ratio:.2f}x"
        print(f"   {k:>4}x {len(text):>9} {entities:>9} {seconds:>9.2f} {per_char:>8.2f} {growth:>7} "
              f"{total:>8.2f} {seconds / total:>6.1%}")
        previous = (k, per_char)
        first = first or previous
    if first is not None and previous is not None and previous[0] > first[0]:
        steps = (previous[0] // first[0]).bit_length() - 1
        print(f"   growth per doubling from {first[0]}x to {previous[0]}x: "
              f"{(previous[1] / first[1]) ** (1 / steps) * 2:.2f}x")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=500, help="lines at 1x for the speakers and mayors generators")
    parser.add_argument("--sizes", default="1,2,4,8", help="multiples of 1x, each double the last")
    parser.add_argument("--news", type=int, default=64, help="copies of the distinct-name corpus for the share")
    parser.add_argument("--repeats", type=int, default=5, help="runs of the entity stage per size (best is kept)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    news = _News()
    pipeline.analyze("Anna Berg said it was over.")  # load the model before timing
    worst = {
        "speakers": curve("many distinct speakers", speakers, args.base, sizes, args.repeats),
        "mayors": curve("many distinct 'the mayor of X'", mayors, args.base, sizes, args.repeats),
        "news": curve("distinct-name news (the 11 corpus stories, names replaced per copy)", news, 1, sizes,
                      args.repeats),
    }
    print("\nworst growth of the entity stage between neighbouring sizes (target <= 2.5x per doubling):")
    for name, value in worst.items():
        print(f"   {name:9} {value:.2f}x")
    if args.news:
        text = news(args.news)
        seconds, total, entities = measure(text, args.repeats)
        print(f"\ndistinct-name news at {args.news}x ({len(text):,} chars, {entities} entities): entity stage "
              f"{seconds:.2f} s of {total:.2f} s = {seconds / total:.1%} (target < 10%)")


if __name__ == "__main__":
    main()
