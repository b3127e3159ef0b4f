"""Measure `attrib audit` over an archive of distinct generated stories, in one run.

Usage: ``.venv/bin/python benchmarks/bench_audit.py [--stories 200] [--large 1000] [--kill 84] [--pairs 2]``

Prints, each figure with the 1-minute load average before and after it (the machine is shared):

1. the first audit of ``--stories`` stories with ``--jobs 2`` (wall time, stories/s);
2. a second audit of the unchanged archive (target: < 10% of the first), and a third after one
   story changed (it rebuilds the tables, provenance and the page);
3. ``--dask local --jobs 2`` against ``--jobs 2`` on the same archive (target: within 15%), in
   ``--pairs`` alternating pairs of fresh audits so that a change of load hits both modes: end to
   end, and per story once started (each mode's fixed cost of starting and stopping its workers,
   measured on a 4-story audit, taken off); and whether the four CSV tables of the two modes
   are byte for byte the same;
4. the driver's peak memory (its own ``ru_maxrss``, workers excluded; the quote provenance,
   tables and page included) at ``--stories`` and ``--large`` stories, and the growth per story
   (target: < 20 KB per story);
5. a worker killed with SIGKILL in a ``--kill``-story batch: seconds from the kill to the end
   of the run, and its exit code (target: < 60 s, exit 1).

The stories are distinct variants of the corpus stories: names, numbers and the words of
quotes rewritten, so no two have the same bytes (the audit skips identical bytes anyway), and
the variants of one corpus story carry its quotes with a few words changed, so provenance has
clusters to find.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpora").glob("*.txt"))
FIRST = ["Ana", "Boris", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kemal", "Lina", "Mateo",
         "Nadia", "Omar", "Petra", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zora"]
LAST = ["Ruiz", "Petrov", "Wei", "Okafor", "Nwosu", "Haddad", "Novak", "Sato", "Marin", "Park", "Aydin", "Berg",
        "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Iqbal", "Jensen", "Kowalski", "Lopez", "Moreau",
        "Nakamura", "Olsen", "Popescu"]
SWAPS = {"said": "told reporters", "would": "will", "very": "deeply", "important": "crucial", "we": "we all",
         "will": "would", "not": "never", "our": "the", "this": "that", "people": "residents", "new": "fresh"}
_NAME = re.compile(r"\b[A-Z][a-z]{3,}(?:\s[A-Z][a-z]{3,})\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_QUOTE = re.compile(r"“[^”]{10,}”|\"[^\"]{10,}\"")


def variant(text: str, k: int) -> str:
    """Story ``text`` with its two-word names, numbers and quoted words rewritten for variant ``k``."""
    rng = random.Random(k)
    names: dict[str, str] = {}

    def name(m: re.Match[str]) -> str:
        return names.setdefault(m.group(0), f"{rng.choice(FIRST)} {rng.choice(LAST)}")

    def number(m: re.Match[str]) -> str:
        return str(rng.randint(2, 999))

    def quote(m: re.Match[str]) -> str:
        words = m.group(0).split(" ")
        for i, w in enumerate(words):
            if w.lower() in SWAPS and rng.random() < 0.5:
                words[i] = SWAPS[w.lower()]
        return " ".join(words)

    text = _NAME.sub(name, text)
    text = _NUMBER.sub(number, text)
    return _QUOTE.sub(quote, text) + f"\n\nFiled as story {k}.\n"


def make_archive(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in CORPUS]
    seen = set()
    for k in range(count):
        story = variant(texts[k % len(texts)], k)
        assert story not in seen
        seen.add(story)
        (folder / f"story_{k:05d}.txt").write_text(story, encoding="utf-8")
    return folder


# the driver, run through this file so that it can report its own peak memory
_DRIVER = "--as-driver"


def driver(args: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from attribution import cli

    try:
        cli.app(args, standalone_mode=False)
    finally:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
        Path(os.environ["ATTRIB_BENCH_PEAK"]).write_text(str(peak))


TABLES = ("stories", "claims", "sources", "provenance")


def load() -> float:
    """The 1-minute load average now."""
    return os.getloadavg()[0]


def audit(folder: Path, out: Path, *extra: str) -> tuple[float, int, str, tuple[float, float]]:
    """Wall seconds, the driver's peak RSS (KB), the last line of stderr and the load before/after of one run."""
    seconds, peak, line, at, _ = audit_cpu(folder, out, *extra)
    return seconds, peak, line, at


def audit_cpu(folder: Path, out: Path, *extra: str) -> tuple[float, int, str, tuple[float, float], float]:
    """``audit``'s figures and the CPU seconds of the run's whole process tree (driver, workers, cluster)."""
    peak_file = out.with_suffix(".peak")
    env = {**os.environ, "ATTRIB_BENCH_PEAK": str(peak_file)}
    before = load()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, _DRIVER, "audit", str(folder), "--out", str(out), "--json",
                             "--html", *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    cpu: dict[int, float] = {}
    sampler = threading.Thread(target=_sample_cpu, args=(proc, cpu), daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}): {err[-2000:]}")
    return seconds, int(peak_file.read_text()), err.strip().splitlines()[-1], (before, load()), sum(cpu.values())


def _sample_cpu(proc: subprocess.Popen[str], cpu: dict[int, float], every: float = 0.2) -> None:
    """The user + system seconds of every process of the tree, the last seen of each, until it ends."""
    tick = os.sysconf("SC_CLK_TCK")
    while proc.poll() is None:
        for pid in [proc.pid, *_tree(proc.pid)]:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            cpu[pid] = max(cpu.get(pid, 0.0), (int(fields[11]) + int(fields[12])) / tick)
        time.sleep(every)


def _tree(pid: int) -> list[int]:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_runner import descendants

    return list(descendants(pid))


def loads(*runs: tuple[float, float]) -> str:
    """``load 9.8->11.2`` for one run, ``load 9.8-12.0`` across several."""
    values = [v for run in runs for v in run]
    if len(runs) == 1:
        return f"load {values[0]:.1f}->{values[1]:.1f}"
    return f"load {min(values):.1f}-{max(values):.1f}"


def same_tables(a: Path, b: Path) -> list[str]:
    """The tables whose CSV files differ between two audit folders."""
    return [t for t in TABLES if (a / f"{t}.csv").read_bytes() != (b / f"{t}.csv").read_bytes()]


def kill_one(folder: Path, out: Path) -> tuple[float, int]:
    """Kill a worker once a tenth of the batch is done: seconds to the run's end, exit code."""
    proc = subprocess.Popen([sys.executable, "-m", "attribution", "analyze", str(folder), "--json", "--out", str(out),
                             "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    total = len(list(folder.glob("*.txt")))
    while not (out.exists() and len(list(out.glob("*.json"))) >= total // 10):
        time.sleep(0.05)
    sys.path.insert(0, str(ROOT / "tests"))
    from test_runner import workers

    os.kill(workers(proc.pid)[0], signal.SIGKILL)
    killed = time.perf_counter()
    try:
        proc.wait(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        return float("inf"), -1
    return time.perf_counter() - killed, proc.returncode


def dask_against_jobs(small: Path, work: Path, n: int, pairs: int) -> None:
    """``--dask local`` against ``--jobs 2``: alternating pairs of fresh audits, then each mode's fixed cost.

    Beside the wall time, the CPU seconds of each run's process tree: on a shared machine the
    wall time of a run depends on what else runs; its CPU time much less.
    """
    times: dict[str, list[float]] = {"jobs": [], "dask": []}
    cpus: dict[str, list[float]] = {"jobs": [], "dask": []}
    seen: list[tuple[float, float]] = []
    differ: set[str] = set()
    for k in range(1, pairs + 1):
        modes = [("jobs", ()), ("dask", ("--dask", "local"))]
        for mode, extra in modes if k % 2 else modes[::-1]:
            seconds, _, _, at, cpu = audit_cpu(small, work / f"{mode}-{k}", "--jobs", "2", *extra)
            times[mode].append(seconds)
            cpus[mode].append(cpu)
            seen.append(at)
            print(f"  pair {k}, {mode}: {seconds:.1f} s ({n / seconds:.2f} stories/s), {cpu:.0f} CPU s "
                  f"({1000 * cpu / n:.0f} CPU ms/story)  [{loads(at)}]", flush=True)
        differ.update(same_tables(work / f"jobs-{k}", work / f"dask-{k}"))
    jobs, dask = sum(times["jobs"]), sum(times["dask"])
    print(f"--dask local against --jobs 2, {pairs} pairs of {n} stories: {jobs / pairs:.1f} s against "
          f"{dask / pairs:.1f} s a run; throughput {jobs / dask:.2f}x of --jobs 2 end to end (target >= 0.85); "
          f"CPU {sum(cpus['dask']) / sum(cpus['jobs']):.2f}x of --jobs 2's; "
          f"tables {'equal' if not differ else 'DIFFER: ' + ', '.join(sorted(differ))}  [{loads(*seen)}]", flush=True)
    tiny = make_archive(work / "tiny", 4)
    fixed_jobs, _, _, at_jobs = audit(tiny, work / "tiny-jobs", "--jobs", "2")
    fixed_dask, _, _, at_dask = audit(tiny, work / "tiny-dask", "--jobs", "2", "--dask", "local")
    per_jobs = (jobs / pairs - fixed_jobs) / (n - 4)
    per_dask = (dask / pairs - fixed_dask) / (n - 4)
    print(f"fixed cost (a 4-story audit): --jobs 2 {fixed_jobs:.1f} s, --dask local {fixed_dask:.1f} s; "
          f"per story after it: --jobs 2 {1000 * per_jobs:.0f} ms, --dask local {1000 * per_dask:.0f} ms; "
          f"throughput {per_jobs / per_dask:.2f}x of --jobs 2 once started  [{loads(at_jobs, at_dask)}]",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--kill", type=int, default=84)
    parser.add_argument("--pairs", type=int, default=2, help="alternating --jobs 2 / --dask local pairs (0: none)")
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="attrib-bench-audit-"))
    n = opts.stories
    try:
        small = make_archive(work / "small", n)
        first, peak_small, line, at = audit(small, work / "jobs-0", "--jobs", "2")
        print(f"first audit, {n} stories, --jobs 2: {first:.1f} s ({n / first:.2f} stories/s, "
              f"{1000 * first / n:.0f} ms/story wall)  [{loads(at)}] [{line}]", flush=True)
        again, _, line, at = audit(small, work / "jobs-0", "--jobs", "2")
        print(f"second audit, unchanged: {again:.2f} s = {100 * again / first:.1f}% of the first (target < 10%)"
              f"  [{loads(at)}] [{line}]", flush=True)
        changed = small / "story_00000.txt"
        changed.write_text(changed.read_text(encoding="utf-8") + "\nA late paragraph.\n", encoding="utf-8")
        third, _, line, at = audit(small, work / "jobs-0", "--jobs", "2")
        print(f"third audit, one story changed: {third:.2f} s = {100 * third / first:.1f}% of the first "
              f"(tables, provenance and page rebuilt)  [{loads(at)}] [{line}]", flush=True)
        if opts.pairs:
            dask_against_jobs(small, work, n, opts.pairs)
        if opts.kill:
            before = load()
            seconds, code = kill_one(make_archive(work / "kill", opts.kill), work / "kill-out")
            print(f"SIGKILL of a worker in a {opts.kill}-story batch: ended {seconds:.1f} s after the kill, "
                  f"exit {code} (target < 60 s, exit 1)  [{loads((before, load()))}]", flush=True)
        if opts.large:
            large = make_archive(work / "large", opts.large)
            seconds, peak_large, line, at = audit(large, work / "large-out", "--jobs", "2")
            growth = (peak_large - peak_small) / (opts.large - n)
            print(f"driver peak memory: {peak_small / 1024:.1f} MB at {n} stories, "
                  f"{peak_large / 1024:.1f} MB at {opts.large} ({seconds:.0f} s, "
                  f"{opts.large / seconds:.2f} stories/s); "
                  f"{growth:.1f} KB per story (target < 20)  [{loads(at)}] [{line}]", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == _DRIVER:
        driver(sys.argv[2:])
    else:
        main()
