"""Measure `attrib audit` over an archive of distinct generated stories, in one run.

Usage: ``.venv/bin/python benchmarks/bench_audit.py [--stories 200] [--large 1000] [--kill 84]``

Prints:

1. the first audit of ``--stories`` stories with ``--jobs 2`` (wall time, stories/s);
2. a second audit of the unchanged archive (target: < 10% of the first);
3. the same archive with ``--dask local --jobs 2`` against ``--jobs 2`` (target: within 15%):
   end to end, and per story once started (the time of a 4-story audit, each mode's fixed
   cost of starting and stopping its workers, taken off);
4. the driver's peak memory (its own ``ru_maxrss``, workers excluded) at ``--stories`` and
   ``--large`` stories, and the growth per story (target: < 20 KB per story);
5. a worker killed with SIGKILL in a ``--kill``-story batch: seconds from the kill to the end
   of the run, and its exit code (target: < 60 s, exit 1).

The stories are distinct variants of the corpus stories: names, numbers and the words of
quotes rewritten, so no two have the same bytes (the audit skips identical bytes anyway).
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


def audit(folder: Path, out: Path, *extra: str) -> tuple[float, int, str]:
    """Wall seconds, the driver's peak RSS (KB) and stderr of one `attrib audit` run."""
    peak_file = out.with_suffix(".peak")
    env = {**os.environ, "ATTRIB_BENCH_PEAK": str(peak_file)}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, _DRIVER, "audit", str(folder), "--out", str(out), "--json",
                           "--html", *extra], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"audit failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds, int(peak_file.read_text()), proc.stderr.strip().splitlines()[-1]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--kill", type=int, default=84)
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="attrib-bench-audit-"))
    try:
        small = make_archive(work / "small", opts.stories)
        first, peak_small, line = audit(small, work / "jobs")
        print(f"first audit, {opts.stories} stories, --jobs 2: {first:.1f} s "
              f"({opts.stories / first:.2f} stories/s, {1000 * first / opts.stories:.0f} ms/story wall)  [{line}]")
        again, _, line = audit(small, work / "jobs")
        print(f"second audit, unchanged: {again:.2f} s = {100 * again / first:.1f}% of the first (target < 10%)"
              f"  [{line}]")
        dask, _, line = audit(small, work / "dask", "--dask", "local")
        print(f"--dask local, 2 workers: {dask:.1f} s ({opts.stories / dask:.2f} stories/s); "
              f"throughput {first / dask:.2f}x of --jobs 2 end to end (target within 15%)  [{line}]")
        tiny = make_archive(work / "tiny", 4)
        fixed_jobs = audit(tiny, work / "tiny-jobs")[0]
        fixed_dask = audit(tiny, work / "tiny-dask", "--dask", "local")[0]
        per_jobs = (first - fixed_jobs) / (opts.stories - 4)
        per_dask = (dask - fixed_dask) / (opts.stories - 4)
        print(f"fixed cost (a 4-story audit): --jobs 2 {fixed_jobs:.1f} s, --dask local {fixed_dask:.1f} s; "
              f"per story after it: --jobs 2 {1000 * per_jobs:.0f} ms, --dask local {1000 * per_dask:.0f} ms; "
              f"throughput {per_jobs / per_dask:.2f}x of --jobs 2 once started")
        if opts.kill:
            seconds, code = kill_one(make_archive(work / "kill", opts.kill), work / "kill-out")
            print(f"SIGKILL of a worker in a {opts.kill}-story batch: ended {seconds:.1f} s after the kill, "
                  f"exit {code} (target < 60 s, exit 1)")
        if opts.large:
            large = make_archive(work / "large", opts.large)
            seconds, peak_large, line = audit(large, work / "large-out")
            growth = (peak_large - peak_small) / (opts.large - opts.stories)
            print(f"driver peak memory: {peak_small / 1024:.1f} MB at {opts.stories} stories, "
                  f"{peak_large / 1024:.1f} MB at {opts.large} ({seconds:.0f} s); "
                  f"{growth:.1f} KB per story (target < 20)  [{line}]")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == _DRIVER:
        driver(sys.argv[2:])
    else:
        main()
