"""Time and memory of quote provenance over synthetic archives of 10k to 100k claims.

Usage: ``.venv/bin/python benchmarks/bench_provenance.py [--sizes 10000 20000 40000 100000] [--seed 0]``

Each size runs in a fresh process. The claims are invented: words drawn from a Zipf
vocabulary of 40,000 words with English function words between them, 6 to 40 words long,
twelve to a story; a fifth of them carry an earlier claim into another story (verbatim, a
word changed, cut, or reordered), so the archive has clusters to find. Distinct texts at every
size: a larger archive is not a repeat of a smaller one. Printed per size: seconds, the peak
memory above the process's size before the call, the candidate pairs LSH proposed against
all pairs, the clusters found; then the growth per doubling of claims (2.0 is linear, 4.0
quadratic).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attribution.audit.candidates import candidate_pairs  # noqa: E402
from attribution.audit.provenance import ClaimRecord, Cluster, clusterable, find_clusters  # noqa: E402
from attribution.audit.wording import content_words, function_words, words  # noqa: E402

VOCABULARY = 40_000
PER_STORY = 12


def archive(n: int, seed: int) -> tuple[list[ClaimRecord], list[int | None]]:
    """``n`` invented claims, a fifth of them carried from an earlier story with changes.

    Returns the claims and, for each, the index of the claim it was carried from (or None).
    """
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(VOCABULARY)]
    weights = [1 / (i + 1) ** 1.05 for i in range(VOCABULARY)]
    stop = sorted(function_words())
    drawn = iter(rng.choices(vocab, weights, k=n * 30))
    records: list[ClaimRecord] = []
    carried: list[int | None] = []
    for i in range(n):
        story = f"s{i // PER_STORY}"
        if records and rng.random() < 0.2:
            source = rng.randrange(max(0, i - 5000), i)
            text = _carry(records[source].text, rng, drawn)
            speaker = records[source].speaker if rng.random() < 0.9 else f"p{rng.randrange(n)}"
            carried.append(source)
        else:
            length = min(40, max(6, int(rng.lognormvariate(2.8, 0.5))))
            text = " ".join(next(drawn) if rng.random() < 0.55 else rng.choice(stop) for _ in range(length))
            speaker = f"p{rng.randrange(n)}"
            carried.append(None)
        records.append(ClaimRecord(story, f"c{i % PER_STORY + 1}", speaker, (), text, None))
    return records, carried


def recall(records: list[ClaimRecord], carried: list[int | None], clusters: list[Cluster]) -> float:
    """The share of carried claims (both ends clusterable, in two stories) found in their source's cluster."""
    where = {(m.record.story, m.record.claim): c.id for c in clusters for m in c.members}
    pairs = [(records[i], records[j]) for i, j in enumerate(carried) if j is not None
             and records[i].story != records[j].story and clusterable(records[i].text) and clusterable(records[j].text)]
    found = sum(1 for a, b in pairs if where.get((a.story, a.claim), -1) == where.get((b.story, b.claim), -2))
    return found / len(pairs) if pairs else 1.0


def _carry(text: str, rng: random.Random, drawn) -> str:
    words = text.split()
    kind = rng.random()
    if kind < 0.5:
        return text
    if kind < 0.7:
        words[rng.randrange(len(words))] = next(drawn)
    elif kind < 0.9 and len(words) > 12:
        start = rng.randrange(len(words) - 8)
        words = words[start:start + rng.randrange(8, len(words) - start + 1)]
    else:
        half = len(words) // 2
        words = words[half:] + words[:half]
    return " ".join(words)


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (VmRSS, VmHWM: the peak), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1e3
    return float("nan")


def measure(n: int, seed: int) -> dict[str, float]:
    """Run provenance once on ``n`` claims in this process; candidate pairs counted in a second pass."""
    records, carried = archive(n, seed)
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak to the present size
    before = _status_mb("VmRSS")
    start = time.perf_counter()
    clusters = find_clusters(records)
    seconds = time.perf_counter() - start
    peak = _status_mb("VmHWM") - before
    wordings = {words(r.text).forms: r.text for r in records}
    long = [content_words(key) for key, text in wordings.items() if clusterable(text)]
    candidates = sum(1 for _ in candidate_pairs(long))
    return {"claims": n, "seconds": seconds, "peak_mb": peak, "candidates": candidates,
            "all_pairs": n * (n - 1) / 2, "clusters": len(clusters), "recall": recall(records, carried, clusters)}


def main() -> None:
    """Measure each size in its own process and print the table and the growth per doubling."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.seed)))
        return
    rows = []
    print(f"{'claims':>8} {'seconds':>8} {'peak MB':>8} {'KB/claim':>8} {'candidates':>11} "
          f"{'of all pairs':>12} {'clusters':>8} {'recall':>7}")
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout)
        rows.append(row)
        print(f"{n:>8} {row['seconds']:>8.1f} {row['peak_mb']:>8.0f} {row['peak_mb'] * 1e3 / n:>8.2f} "
              f"{row['candidates']:>11,} {row['candidates'] / row['all_pairs']:>12.2e} {row['clusters']:>8,} "
              f"{row['recall']:>7.3f}")
    for a, b in zip(rows, rows[1:], strict=False):
        doublings = math.log2(b["claims"] / a["claims"])
        time_growth = (b["seconds"] / a["seconds"]) ** (1 / doublings)
        memory_growth = (b["peak_mb"] / a["peak_mb"]) ** (1 / doublings) if a["peak_mb"] > 0 else float("nan")
        print(f"{a['claims']:>7} -> {b['claims']:>7}: time x{time_growth:.2f} per doubling, "
              f"memory x{memory_growth:.2f} per doubling")


if __name__ == "__main__":
    main()
