"""Peak memory of analysing one story at the size limit: the command line, one process, and by stage.

Usage: ``.venv/bin/python benchmarks/bench_memory.py [--bytes N] [--parts 123]`` (Linux: reads /proc)

The story is distinct news-like text (``newsgen.py``: the project's stories with names,
numbers and paragraph order varied, joined) of at most ``--bytes`` bytes of UTF-8, 3 MiB
(the limit ``attrib analyze`` reads) by default.

1. ``attrib analyze STORY --json --out TMP`` (by default its pieces parsed by one process a
   core): the peak RSS of its largest process (``/usr/bin/time -f %M`` reports the same) and
   the peak of the summed RSS and PSS of its process tree, sampled every 0.2 s (forked
   workers share the model's pages: PSS counts each shared page once);
2. the same analysis and JSON report in one process (``workers=1``), its peak RSS;
3. ``tracemalloc`` by stage in one process: the peak of traced Python memory during each
   stage (the model loaded before tracing starts is not counted), then the JSON writing.

Target (issue 10): peak < 450 MB for a story at the 3 MiB limit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from newsgen import long_story  # noqa: E402

ATTRIB = str(Path(sys.executable).with_name("attrib"))
LIMIT = 3 * 1024 * 1024

ONE_PROCESS = """
import resource, sys
from pathlib import Path
from attribution.pipeline import analyze
from attribution.report.json import write_json
text = Path(sys.argv[1]).read_text(encoding="utf-8")
write_json(analyze(text, workers=1), Path(sys.argv[2]) / "story.json")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

BY_STAGE = """
import sys, time, tracemalloc
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from stagetimer import ORDER, traced_stages
from attribution.nlp import load_spacy
from attribution.pipeline import analyze
from attribution.report.json import write_json
load_spacy()
text = Path(sys.argv[1]).read_text(encoding="utf-8")
tracemalloc.start()
with traced_stages() as peaks:
    analysis = analyze(text, workers=1)
tracemalloc.reset_peak()
write_json(analysis, Path(sys.argv[2]) / "story.json")
peaks["writing"] = tracemalloc.get_traced_memory()[1]
for stage in ORDER:
    if stage in peaks:
        print(stage, peaks[stage])
"""


def story(max_bytes: int) -> str:
    """Distinct news-like text of at most ``max_bytes`` bytes of UTF-8, as close as 1% allows."""
    chars = max_bytes
    while True:
        text = long_story(chars, seed=3)
        size = len(text.encode("utf-8"))
        if size <= max_bytes:
            return text
        chars -= (size - max_bytes) + max_bytes // 200


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [int(c) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split()]
        except OSError:
            continue
    return pids


def _kib(path: str, field: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def sampled(cmd: list[str]) -> tuple[float, float, float, float]:
    """Wall seconds of ``cmd``; the peak RSS of its largest process and the peaks of its tree's summed
    RSS and PSS, in MB."""
    probe = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode, file=sys.stderr)")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", probe, *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    rss = pss = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)[1:]  # not the probe itself
        rss = max(rss, sum(_kib(f"/proc/{p}/status", "VmRSS:") for p in pids))
        pss = max(pss, sum(_kib(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids))
        time.sleep(0.2)
    wall = time.perf_counter() - start
    largest, rc = proc.stderr.read().split()[-2:] if proc.stderr else ("0", "1")
    if rc != "0":
        raise SystemExit(f"{' '.join(cmd)} failed")
    return wall, int(largest) / 1024, rss / 1024, pss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, default=LIMIT, help="size of the story in bytes of UTF-8")
    parser.add_argument("--parts", default="123")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="attrib-memory-") as tmp:
        path = Path(tmp) / "story.txt"
        text = story(args.bytes)
        path.write_text(text, encoding="utf-8")
        print(f"story: {len(text):,} characters, {path.stat().st_size:,} bytes, {len(text.split()):,} words")
        if "1" in args.parts:
            wall, largest, rss, pss = sampled([ATTRIB, "analyze", str(path), "--json", "--out", tmp])
            print(f"1. attrib analyze --json --out: {wall:.0f} s; largest process {largest:.0f} MB; "
                  f"process tree: RSS {rss:.0f} MB, PSS {pss:.0f} MB   (target < 450 MB)")
        if "2" in args.parts:
            wall, largest, _, _ = sampled([sys.executable, "-c", ONE_PROCESS, str(path), tmp])
            print(f"2. one process (workers=1): {wall:.0f} s; peak RSS {largest:.0f} MB")
        if "3" in args.parts:
            done = subprocess.run([sys.executable, "-c", BY_STAGE, str(path), tmp, str(ROOT / "benchmarks")],
                                  capture_output=True, text=True, check=True)
            print("3. tracemalloc, peak traced memory by stage (one process; the model not counted):")
            for line in done.stdout.splitlines():
                stage, peak = line.split()
                print(f"   {stage:14} {int(peak) / 1e6:7.0f} MB")


if __name__ == "__main__":
    main()
