"""Throughput against the fastest bare parse, one long story on all cores, and the length curve, in one run.

Usage: ``.venv/bin/python benchmarks/bench_throughput.py [--words N] [--parts abcde] [--curve-base CHARS]``

All texts are distinct stories: ``corpora/`` and ``tests/heldout*/`` and variants of them
with other names, numbers and paragraph order (``newsgen.py``), never one story repeated.

a. the fastest bare parse of the paragraphs the analyzer parses: ``nlp.pipe`` over all of
   them, ``n_process=2``, the best of a few batch sizes (and ``n_process=1`` beside it); and
   that batch size again with a model loaded afresh (after the first run the vocabulary holds
   every word, which a fresh process's does not), and in a new process, start-up included
   (importing spaCy, loading the model: what a command line pays too);
b. ``attrib analyze DIR --json --out TMP --jobs 2`` through the command line (wall time,
   start-up included; CPU by process: the command, the forkserver, its workers) and the peak
   memory of its largest process; and the same batch through ``analyze_many(stories, jobs=2)``
   in this process, where the model is loaded already (and has met every word in a);
c. the same with ``--jobs 1``, and ``pipeline.analyze`` over the stories in this process;
d. one story of about 1 MB: the whole analysis with one parsing process against two (and
   the bare ``parse_blocks`` likewise), split by stage;
e. the length curve: distinct stories joined to 1x, 2x ... 64x ``--curve-base`` characters,
   CPU seconds per word of ``pipeline.analyze`` in one process (the fastest of three runs up
   to 8x), and the entity stage's share.

Targets (issue 10): b >= 90% of a; d >= 1.6x; e within 15% from 1x to 64x (the slowest time
per word over the fastest), the entity stage < 10% at 64x; peak < 250 MB per worker in b.
Wall times on a shared machine are noisy: the load average is printed with each part.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_memory import _tree  # noqa: E402
from newsgen import long_story, story_set, words  # noqa: E402
from stagetimer import ORDER, analyze_by_stage, timed_stages  # noqa: E402

from attribution.api import analyze_many  # noqa: E402
from attribution.lexicon import default_lexicon  # noqa: E402
from attribution.nlp import load_spacy, parse_blocks  # noqa: E402
from attribution.pipeline import _PARSED, _pieces, analyze  # noqa: E402
from attribution.source import mask_markup, prepare  # noqa: E402

ATTRIB = str(Path(sys.executable).with_name("attrib"))
CURVE = (1, 2, 4, 8, 16, 32, 64)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    return f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"


def pieces(text: str) -> list[tuple[int, int, str]]:
    """The ``(block, offset, text)`` pieces ``pipeline.analyze`` parses for ``text``."""
    doc = prepare(text, default_lexicon())
    return [(i, start, piece) for i, b in enumerate(doc.blocks) if b.kind in _PARSED
            for start, piece in _pieces(b.span.start, mask_markup(b.span.text))]


def parsed_words(texts: list[str]) -> int:
    return sum(words(t) for text in texts for _, _, t in pieces(text))


class Rate:
    """Words a second of wall time and of CPU time (this process's and its children's)."""

    def __init__(self, n_words: int) -> None:
        self.n_words = n_words
        self.wall = self.cpu = 0.0

    def __enter__(self) -> Rate:
        self._start = time.perf_counter(), time.process_time(), _children_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        wall, cpu, children = self._start
        self.wall = time.perf_counter() - wall
        for _ in range(100):  # spaCy's n_process workers are terminated, not joined: reap them
            if not multiprocessing.active_children():
                break
            time.sleep(0.05)
        self.cpu = time.process_time() - cpu + _children_cpu() - children

    @property
    def per_wall(self) -> float:
        return self.n_words / self.wall

    @property
    def per_cpu(self) -> float:
        return self.n_words / self.cpu

    def __str__(self) -> str:
        return f"{self.per_wall:7.0f} words/s ({self.wall:5.1f} s), {self.per_cpu:7.0f} words a CPU second"


def bare_parse(stories: list[str], n_words: int, tmp: Path) -> tuple[Rate, Rate, Rate]:
    """The fastest of a few ``nlp.pipe`` runs, the same run with a model loaded afresh, and in a new process.

    After the first run the vocabulary and the tokenizer's cache hold every word of the
    paragraphs, and the forked ``n_process`` workers inherit them: the later runs re-parse.
    A command line (or any fresh process) meets each word for the first time; the run with a
    new model (``new vocab``) shows what that costs.
    """
    nlp = load_spacy()
    paragraphs = [t for text in stories for _, _, t in pieces(text)]
    print(f"\na. bare parse: nlp.pipe over {len(paragraphs)} paragraphs ({n_words} words) {load()}")
    best: Rate | None = None
    best_batch = 0
    for n_process, batch_size in ((1, 256), (2, 64), (2, 256), (2, 1000)):
        with Rate(n_words) as rate:
            for _ in nlp.pipe(paragraphs, n_process=n_process, batch_size=batch_size):
                pass
        if n_process == 2 and (best is None or rate.per_wall > best.per_wall):
            best, best_batch = rate, batch_size
        print(f"   n_process={n_process} batch_size={batch_size:>4}: {rate}")
    assert best is not None
    new_model = load_spacy.__wrapped__()  # not the cached pipeline: its vocabulary has none of these words yet
    with Rate(n_words) as cold:
        for _ in new_model.pipe(paragraphs, n_process=2, batch_size=best_batch):
            pass
    print(f"   n_process=2 batch_size={best_batch:>4}, new vocab: {cold}")
    print(f"   fastest (n_process=2): {best.per_wall:.0f} words/s; with a new vocab {cold.per_wall:.0f} words/s "
          f"({cold.cpu / best.cpu - 1:+.0%} CPU time) {load()}")
    fresh = fresh_bare_parse(paragraphs, tmp, n_words, best_batch)
    return best, cold, fresh


def _cpu_and_peak(pid: int) -> tuple[float, int]:
    """CPU seconds and peak RSS (KiB) of process ``pid`` so far, from /proc (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0, 0
    peak = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), peak


def _roles(root: int, parents: dict[int, int], cmdlines: dict[int, bytes]) -> dict[int, str]:
    """Each process of the command's tree by its part: the command, the forkserver, a worker, other."""
    servers = {pid for pid, parent in parents.items() if parent == root and b"forkserver" in cmdlines[pid]}
    return {pid: "command" if pid == root else "forkserver" if pid in servers else
            "workers" if parent in servers else "other" for pid, parent in parents.items()}


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


def process_tree(cmd: list[str], n_words: int) -> tuple[Rate, dict[str, float], int, float | None]:
    """Run ``cmd``: its wall time, and the CPU time (by part) and peak RSS (KiB) of every process of its tree.

    Sampled from /proc every 0.1 s: ``--jobs`` workers start from a forkserver, and spaCy's
    ``n_process`` workers are terminated, so the kernel's children accounting
    (``RUSAGE_CHILDREN``) misses their CPU. The parts: the command, a forkserver, its workers,
    other processes (spaCy's); and the time the first worker appeared, if any.
    """
    cpu: dict[int, float] = {}
    peak: dict[int, int] = {}
    parents: dict[int, int] = {}
    cmdlines: dict[int, bytes] = {}
    first_worker = None
    rate = Rate(n_words)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None:
        for pid in _tree(proc.pid):
            seconds, rss = _cpu_and_peak(pid)
            cpu[pid] = max(cpu.get(pid, 0.0), seconds)
            peak[pid] = max(peak.get(pid, 0), rss)
            if pid not in parents:
                parents[pid] = _parent(pid)
            if pid not in cmdlines or parents[pid] == proc.pid:  # read while it runs (again: it may not have exec'd)
                cmdlines[pid] = _cmdline(pid) or cmdlines.get(pid, b"")
        if first_worker is None and "workers" in _roles(proc.pid, parents, cmdlines).values():
            first_worker = time.perf_counter() - start
        time.sleep(0.1)
    rate.wall = time.perf_counter() - start
    rate.cpu = sum(cpu.values())  # the last sample of each process: at most 0.1 s short
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read() if proc.stderr else ''}")
    parts: dict[str, float] = {}
    for pid, role in _roles(proc.pid, parents, cmdlines).items():
        parts[role] = parts.get(role, 0.0) + cpu[pid]
    return rate, parts, max(peak.values(), default=0), first_worker


def command_line(folder: Path, out: Path, n_words: int, jobs: int) -> Rate:
    """``attrib analyze DIR --json --out TMP --jobs N``: wall time, CPU by part, the start-up
    before the first worker (before which no story is analysed) and the largest peak RSS."""
    cmd = [ATTRIB, "analyze", str(folder), "--json", "--out", str(out / f"jobs{jobs}"), "--jobs", str(jobs)]
    rate, parts, peak, first_worker = process_tree(cmd, n_words)
    print(f"   attrib analyze DIR --json --out TMP --jobs {jobs}: {rate}; peak {peak / 1024:.0f} MB in "
          f"its largest process {load()}")
    started = f"; the first worker after {first_worker:.1f} s" if first_worker is not None else ""
    print("      CPU: " + ", ".join(f"{role} {seconds:.1f} s" for role, seconds in parts.items()) + started)
    return rate


# The fastest bare parse as a command line runs it: a new process imports spaCy and loads the
# model (as attrib does: without torch), then parses every paragraph with n_process=2.
FRESH_PARSE = """
import json, sys
from attribution.nlp import load_spacy
paragraphs = json.loads(open(sys.argv[1], encoding="utf-8").read())
for _ in load_spacy().pipe(paragraphs, n_process=2, batch_size=int(sys.argv[2])):
    pass
"""


def fresh_bare_parse(paragraphs: list[str], tmp: Path, n_words: int, batch_size: int) -> Rate:
    """The fastest bare parse in a new process, start-up included: the like of a command line."""
    data = tmp / "paragraphs.json"
    data.write_text(json.dumps(paragraphs), encoding="utf-8")
    rate, _, _, _ = process_tree([sys.executable, "-c", FRESH_PARSE, str(data), str(batch_size)], n_words)
    print(f"   n_process=2 batch_size={batch_size:>4} in a new process (start-up included): {rate} {load()}")
    return rate


def api_batch(stories: list[str], n_words: int, jobs: int) -> Rate:
    """``analyze_many(stories, jobs=2)`` from this process, the model loaded: a batch without start-up."""
    with Rate(n_words) as rate:
        for _ in analyze_many(stories, jobs=jobs):
            pass
    print(f"   analyze_many(stories, jobs={jobs}) in this process (model loaded): {rate} {load()}")
    return rate


def in_process(stories: list[str], n_words: int) -> Rate:
    with Rate(n_words) as rate:
        for text in stories:
            analyze(text)
    print(f"   pipeline.analyze in this process (model loaded): {rate} {load()}")
    return rate


def ratio(name: str, a: Rate, b: Rate, target: str = "") -> None:
    print(f"   {name}: {a.per_wall / b.per_wall:.0%} by the wall clock, {a.per_cpu / b.per_cpu:.0%} by CPU time "
          f"{target}")


def split(seconds: dict[str, float], total: float) -> str:
    return " ".join(f"{stage} {seconds[stage]:.1f} s" for stage in ORDER if seconds.get(stage, 0) > 0.005 * total)


def long_story_on_cores(chars: int) -> None:
    """Wall times with one parsing process and with two, and what the CPU times predict for two idle cores.

    The prediction: the parse phase's CPU (this process's and its workers') spread over two
    cores, plus the rest of this process's CPU, which is serial. A loaded machine shows it
    better than a wall clock shared with other people's work.
    """
    text = long_story(chars, seed=21)
    parts = pieces(text)
    print(f"\nd. one story of {len(text):,} characters ({words(text)} words): one parsing process against two {load()}")
    bare, cpu = {}, {}
    for workers in (1, 2):
        children, start, mine = _children_cpu(), time.perf_counter(), time.process_time()
        parse_blocks(parts, workers=workers)
        bare[workers] = time.perf_counter() - start
        cpu[workers] = time.process_time() - mine, _children_cpu() - children
    predicted = cpu[1][0] / (sum(cpu[2]) / 2)
    print(f"   bare parse_blocks: wall {bare[1]:.1f} s -> {bare[2]:.1f} s = {bare[1] / bare[2]:.2f}x; CPU: one process "
          f"{cpu[1][0]:.1f} s; two: this process {cpu[2][0]:.1f} s + workers {cpu[2][1]:.1f} s, predicting "
          f"{predicted:.2f}x on two idle cores {load()}")
    whole, main_cpu, worker_cpu = {}, {}, {}
    for workers in (1, 2):
        with timed_stages(time.process_time) as main_cpu[workers]:
            children = _children_cpu()
            _, whole[workers], seconds = analyze_by_stage(text, workers=workers)
            worker_cpu[workers] = _children_cpu() - children
        print(f"   analyze(workers={workers}): wall {whole[workers]:6.1f} s   {split(seconds, whole[workers])}")
    serial = sum(main_cpu[1].values())
    parse = main_cpu[2]["prepare+parse"] + worker_cpu[2]
    rest = sum(main_cpu[2].values()) - main_cpu[2]["prepare+parse"]
    print(f"   whole analysis: wall {whole[1] / whole[2]:.2f}x   (target >= 1.6x) {load()}")
    print(f"   CPU: one process {serial:.1f} s (parse {main_cpu[1]['prepare+parse']:.1f} s); two: parse phase "
          f"{parse:.1f} s (this process {main_cpu[2]['prepare+parse']:.1f} s, workers {worker_cpu[2]:.1f} s) "
          f"+ the rest {rest:.1f} s serial, predicting {serial / (parse / 2 + rest):.2f}x on two idle cores")


def length_curve(base: int) -> None:
    print(f"\ne. length curve: distinct stories joined, 1x = {base:,} characters; CPU time of pipeline.analyze "
          f"in one process {load()}")
    print(f"   {'size':>5} {'chars':>10} {'words':>8} {'CPU s':>8} {'µs/word':>8} {'entities':>9}  split")
    per_word = []
    share = 0.0
    for k in CURVE:
        text = long_story(base * k, seed=11)
        # the fastest of three runs up to 8x (half a second to five: one slow spell of the
        # machine would decide the spread), one run above
        took, seconds = min((analyze_by_stage(text, clock=time.process_time, workers=1)[1:]
                             for _ in range(3 if k <= 8 else 1)), key=lambda run: run[0])
        n = words(text)
        per_word.append(took / n)
        share = seconds["entities"] / took
        print(f"   {k:>4}x {len(text):>10,} {n:>8} {took:>8.2f} {took / n * 1e6:>8.1f} {share:>9.1%}  "
              f"{split(seconds, took)}")
    spread = max(per_word) / min(per_word) - 1
    print(f"   time per word: slowest {spread:.0%} over the fastest (target <= 15%); "
          f"entity stage at 64x: {share:.1%} (target < 10%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=60_000, help="words in the story set of a, b and c")
    parser.add_argument("--parts", default="abcde", help="which parts to run")
    parser.add_argument("--long", type=int, default=1_000_000, help="characters of the story of d")
    parser.add_argument("--curve-base", type=int, default=16_000, help="characters at 1x in e")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    load_spacy()
    analyze("The mayor said the bridge was safe.")  # warm-up
    if set(args.parts) & set("abc"):
        stories = story_set(args.words)
        n_words = parsed_words(stories)
        print(f"story set: {len(stories)} distinct stories, {n_words} words as parsed")
        tmp = Path(tempfile.mkdtemp(prefix="attrib-throughput-"))
        try:
            folder = tmp / "stories"
            folder.mkdir()
            for k, text in enumerate(stories):
                (folder / f"story{k:04d}.txt").write_text(text, encoding="utf-8")
            bare, cold, fresh = bare_parse(stories, n_words, tmp) if "a" in args.parts else (None, None, None)
            if "b" in args.parts or "c" in args.parts:
                print("\nb, c. the analyzer over the same stories")
            jobs2 = command_line(folder, tmp, n_words, 2) if "b" in args.parts else None
            many = api_batch(stories, n_words, 2) if "b" in args.parts else None
            jobs1 = command_line(folder, tmp, n_words, 1) if "c" in args.parts else None
            one = in_process(stories, n_words) if "c" in args.parts else None
            print("   (by CPU time: what the wall clock would give if both kept two idle cores busy throughout)")
            if bare and jobs2:
                ratio("--jobs 2 / fastest bare parse", jobs2, bare, "(target >= 90%; start-up included)")
            if cold and jobs2:
                ratio("--jobs 2 / bare parse with a new vocab", jobs2, cold, "(every word new to the model, as there)")
            if fresh and jobs2:
                ratio("--jobs 2 / the fastest bare parse in a new process", jobs2, fresh,
                      "(start-up and a new vocab in both)")
            if bare and many:
                ratio("analyze_many(jobs=2) / fastest bare parse", many, bare, "(target >= 90%)")
            if bare and one:
                ratio("one process, in-process / fastest bare parse", one, bare)
            if jobs1 and jobs2:
                print(f"   --jobs 2 / --jobs 1 = {jobs2.per_wall / jobs1.per_wall:.2f}x by the wall clock")
        finally:
            shutil.rmtree(tmp)
    if "d" in args.parts:
        long_story_on_cores(args.long)
    if "e" in args.parts:
        length_curve(args.curve_base)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
