"""Measure the analyzer against the bare spaCy parse of the same text, in one run.

Usage: ``.venv/bin/python benchmarks/bench_analyze.py [--rounds N] [--copies N]`` (``make bench``)

Prints, as words per second:

1. throughput in one process: ``pipeline.analyze`` over the 11 corpus stories, beside the
   bare parse (the same spaCy pipeline, all components, ``nlp.pipe`` over the same
   paragraph texts, as one stream and story by story), rounds interleaved, by wall time and
   by this process's CPU time; and the peak memory of this process;
2. ``attrib analyze --json --out`` over a folder of the stories copied ``--copies`` times,
   with ``--jobs 1`` and ``--jobs 2`` (wall time, startup included), and the peak memory
   of the largest process (a worker, for ``--jobs 2``);
3. cold start of the CLI for the Kazakhstan story (median of 3) and its breakdown;
4. time against story length: distinct stories (``newsgen.py``) joined to 1x, 4x and 16x the
   length of the 11 stories.

Targets (2-core machine): analyzer >= 85% of the bare parse; --jobs 2 >= 1.6x one job;
cold start < 3 s; peak memory < 600 MB per worker.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from newsgen import long_story  # noqa: E402

from attribution.lexicon import default_lexicon  # noqa: E402
from attribution.nlp import load_spacy  # noqa: E402
from attribution.pipeline import _PARSED, analyze  # noqa: E402
from attribution.source import mask_markup, prepare  # noqa: E402

STORIES = sorted((ROOT / "corpora").glob("*.txt"))
ATTRIB = str(Path(sys.executable).with_name("attrib"))
KAZ = ROOT / "corpora" / "kazakhstan_reuters.txt"


def parsed_texts(text: str) -> list[str]:
    """The paragraph texts the analyzer hands to spaCy for ``text``."""
    doc = prepare(text, default_lexicon())
    return [mask_markup(b.span.text) for b in doc.blocks if b.kind in _PARSED]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def throughput(rounds: int) -> dict[str, float]:
    texts = [p.read_text(encoding="utf-8") for p in STORIES]
    per_story = [parsed_texts(t) for t in texts]
    stream = [p for ps in per_story for p in ps]
    n_words = words(stream)
    nlp = load_spacy()
    for t in texts:  # warm-up
        analyze(t)
    runs = {
        "analyzer": lambda: [analyze(t) for t in texts],
        "bare, one stream": lambda: list(nlp.pipe(stream)),
        "bare, per story": lambda: [list(nlp.pipe(ps)) for ps in per_story],
    }
    # wall time, and this process's CPU time, which other work on a shared machine disturbs less
    times: dict[str, dict[str, list[float]]] = {clock: {k: [] for k in runs} for clock in ("wall", "CPU")}
    for _ in range(rounds):  # interleaved, so that a slow spell of the machine falls on all three
        for name, run in runs.items():
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            times["wall"][name].append(time.perf_counter() - wall)
            times["CPU"][name].append(time.process_time() - cpu)
    print(f"\n1. throughput in one process ({len(texts)} stories, {n_words} words, median of {rounds} rounds)")
    rates = {}
    for clock, by_run in times.items():
        rates[clock] = {k: n_words / statistics.median(v) for k, v in by_run.items()}
        print("   " + ", ".join(f"{k} {v:6.0f}" for k, v in rates[clock].items()) + f" words a {clock} second")
    for clock, rate in rates.items():
        bare = max(rate["bare, one stream"], rate["bare, per story"])
        print(f"   analyzer / faster bare parse by {clock} time = {rate['analyzer'] / bare:.1%}   (target >= 85%)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"   peak memory of this process: {peak:.0f} MB   (target < 600 MB)")
    return rates["wall"]


def measured(cmd: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall seconds and the peak RSS (MB) of the largest process of ``cmd``'s tree."""
    probe = ("import resource, subprocess, sys, time; s = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(time.perf_counter() - s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode); "
             "sys.stderr.write(r.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    wall, rss, rc = done.stdout.split()
    if rc != "0":
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return float(wall), int(rss) / 1024, done


def cli_jobs(copies: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="attrib-bench-"))
    try:
        archive = tmp / "archive"
        archive.mkdir()
        n_words = 0
        for k in range(copies):
            for p in STORIES:
                text = p.read_text(encoding="utf-8")
                (archive / f"{k:02d}_{p.name}").write_text(text, encoding="utf-8")
                n_words += words(parsed_texts(text))
        n = copies * len(STORIES)
        print(f"\n2. attrib analyze --json --out over {n} stories ({n_words} words), wall time with startup")
        rates = {}
        for jobs in (1, 2):
            wall, rss, _ = measured([ATTRIB, "analyze", str(archive), "--json", "--out", str(tmp / f"out{jobs}"),
                                     "--jobs", str(jobs)])
            rates[jobs] = n_words / wall
            print(f"   --jobs {jobs}: {wall:6.1f} s  {rates[jobs]:7.0f} words/s  peak {rss:.0f} MB per process")
        same = all((tmp / "out1" / f.name).read_bytes() == f.read_bytes() for f in (tmp / "out2").iterdir())
        print(f"   --jobs 2 / --jobs 1 = {rates[2] / rates[1]:.2f}x   (target >= 1.6x on 2 cores); "
              f"identical reports: {same}")
    finally:
        shutil.rmtree(tmp)


BREAKDOWN = """
import time; t0 = time.perf_counter()
import attribution.cli
t1 = time.perf_counter()
from attribution.nlp import _import_spacy, load_spacy; _import_spacy()
t2 = time.perf_counter()
load_spacy()
t3 = time.perf_counter()
from attribution.pipeline import analyze
a = analyze(open(%r, encoding="utf-8").read())
t4 = time.perf_counter()
attribution.cli._summary(a)
t5 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)
"""


def cold_start() -> None:
    walls = [measured([ATTRIB, "analyze", str(KAZ)])[0] for _ in range(3)]
    parts = [subprocess.run([sys.executable, "-c", BREAKDOWN % str(KAZ)], capture_output=True, text=True,
                            check=True).stdout.split() for _ in range(3)]
    med = [statistics.median(float(p[i]) for p in parts) for i in range(5)]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    python = time.perf_counter() - start
    print(f"\n3. cold start: attrib analyze {KAZ.relative_to(ROOT)}: {statistics.median(walls):.2f} s "
          f"(median of 3: {', '.join(f'{w:.2f}' for w in walls)})   (target < 3 s)")
    names = ["python start", "import attribution.cli (typer)", "import spacy (no torch)", "load en_core_web_sm",
             "analyze (first call)", "summary table"]
    for name, value in zip(names, [python, *med], strict=True):
        print(f"   {name:32} {value:5.2f} s")


def curve() -> None:
    base = sum(len(p.read_text(encoding="utf-8")) for p in STORIES)
    nlp = load_spacy()
    print("\n4. time against story length (1x = the length of the 11 stories joined; distinct stories, not repeats)")
    print(f"   {'length':>6} {'chars':>9} {'words':>8} {'analyze s':>10} {'s per 1x':>9} {'bare parse s':>13} "
          f"{'ratio':>6} {'claims':>7}")
    for k in (1, 4, 16):
        text = long_story(base * k, seed=4)
        texts = parsed_texts(text)
        start = time.perf_counter()
        list(nlp.pipe(texts))
        bare = time.perf_counter() - start
        start = time.perf_counter()
        analysis = analyze(text, workers=1)
        took = time.perf_counter() - start
        print(f"   {k:>5}x {len(text):>9} {words(texts):>8} {took:>10.2f} {took / k:>9.2f} {bare:>13.2f} "
              f"{bare / took:>6.0%} {len(analysis.claims):>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--copies", type=int, default=6, help="copies of the corpus for the --jobs runs")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    throughput(args.rounds)
    cli_jobs(args.copies)
    cold_start()
    curve()


if __name__ == "__main__":
    main()
