"""Copy a gold folder with its "said A and that B" pairs merged into one attribution each.

The shared gold annotates "X said A and that B" as one attribution whose content runs from A
through B; the annotators of some held-out sets split it in two. This copies a gold folder
(``NAME.txt`` + ``NAME.gold.json``) to another with every such pair merged, so that a set can
also be scored under the shared gold's reading:

    .venv/bin/python benchmarks/merge_and_that.py tests/heldout10 /tmp/heldout10-merged
    .venv/bin/attrib eval /tmp/heldout10-merged

A pair is two attributions with the same cue and speaker where the text between the first
content and the second is "and that" or "but that" (a closing quote mark and a comma allowed).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

_BETWEEN = re.compile(r'^["”’]?,?\s+(?:and|but)\s+that\s+$')


def merge(gold: dict, text: str) -> tuple[dict, int]:
    """``gold`` with its split pairs merged, and how many were."""
    items = gold["attributions"]
    starts = [text.find(item["content"]) for item in items]
    out, absorbed, merged = [], set(), 0
    for i, a in enumerate(items):
        if i in absorbed:
            continue
        for j, b in enumerate(items):
            if j == i or j in absorbed or starts[i] < 0 or starts[j] <= starts[i]:
                continue
            if (a.get("cue"), a["speaker"]) != (b.get("cue"), b["speaker"]):
                continue
            if _BETWEEN.match(text[starts[i] + len(a["content"]):starts[j]]):
                a = dict(a, content=text[starts[i]:starts[j] + len(b["content"])])
                absorbed.add(j)
                merged += 1
                break
        out.append(a)
    return dict(gold, attributions=out), merged


def main(source: Path, target: Path) -> int:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    total = 0
    for path in sorted(source.glob("*.gold.json")):
        name = path.name.removesuffix(".gold.json")
        text = (source / f"{name}.txt").read_text(encoding="utf-8")
        gold, merged = merge(json.loads(path.read_text(encoding="utf-8")), text)
        total += merged
        (target / path.name).write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        shutil.copy(source / f"{name}.txt", target / f"{name}.txt")
    print(f"{total} pairs merged", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
