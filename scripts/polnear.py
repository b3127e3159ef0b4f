"""Build the ignored PolNeAR cache corpora/polnear/SPLIT/NAME.txt + NAME.ann from a PolNeAR snapshot.

PolNeAR (https://github.com/networkdynamics/PolNeAR) keeps each split as data/SPLIT/text/NAME.txt
and data/SPLIT/attributions/NAME_ANNOTATOR.ann. This script copies one annotation per article
beside its text, so that `attrib eval corpora/polnear/dev` can score the analyzer. The article
texts are copyrighted: the cache is in .gitignore and must never be committed.

    git clone https://github.com/networkdynamics/PolNeAR /tmp/PolNeAR
    .venv/bin/python scripts/polnear.py --source /tmp/PolNeAR            # train and dev
    .venv/bin/python scripts/polnear.py --source /tmp/PolNeAR --split test  # only for the final measurement

--source takes a clone (a folder with data/metadata.tsv) or a bare git directory. An article
annotated by several annotators (the agreement articles) keeps the annotation of the first
annotator in sorted order, so the cache is the same on every machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

SPLITS = ("train", "dev", "test")
DEFAULT_SPLITS = ("train", "dev")  # test is kept for the final measurement: built only when asked
ROOT = Path(__file__).resolve().parent.parent


class BuildError(Exception):
    """A problem the user can fix; the message says how."""


def _worktree_reader(source: Path) -> tuple[Callable[[str], list[str]], Callable[[Iterable[str]], dict[str, bytes]]]:
    def listing(folder: str) -> list[str]:
        where = source / folder
        return sorted(f"{folder}/{p.name}" for p in where.iterdir() if p.is_file()) if where.is_dir() else []

    def read(paths: Iterable[str]) -> dict[str, bytes]:
        return {p: (source / p).read_bytes() for p in paths}

    return listing, read


def _git(source: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", f"--git-dir={source}", *args], input=data, capture_output=True, check=True)
    except FileNotFoundError:
        raise BuildError("git is not installed; pass a PolNeAR clone's folder as --source instead") from None
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BuildError(f"git could not read {source}: {message[-1] if message else exc}") from None
    return done.stdout


def _git_reader(source: Path) -> tuple[Callable[[str], list[str]], Callable[[Iterable[str]], dict[str, bytes]]]:
    objects: dict[str, str] = {}

    def listing(folder: str) -> list[str]:
        out = _git(source, "ls-tree", "-r", "-z", "HEAD", f"{folder}/")
        paths = []
        for entry in filter(None, out.split(b"\0")):
            meta, path = entry.decode("utf-8").split("\t", 1)
            mode, kind, sha = meta.split()
            if kind == "blob":
                objects[path] = sha
                paths.append(path)
        return sorted(paths)

    def read(paths: Iterable[str]) -> dict[str, bytes]:
        wanted = list(paths)
        out = _git(source, "cat-file", "--batch", data="".join(f"{objects[p]}\n" for p in wanted).encode())
        blobs: dict[str, bytes] = {}
        at = 0
        for path in wanted:
            header_end = out.index(b"\n", at)
            header = out[at:header_end].split()
            if len(header) < 3 or header[1] != b"blob":
                raise BuildError(f"the snapshot lacks {path} ({b' '.join(header).decode()}); fetch it again")
            size = int(header[2])
            blobs[path] = out[header_end + 1:header_end + 1 + size]
            at = header_end + 1 + size + 1
        return blobs

    return listing, read


def _reader(source: Path) -> tuple[Callable[[str], list[str]], Callable[[Iterable[str]], dict[str, bytes]]]:
    if (source / "data" / "metadata.tsv").is_file():
        return _worktree_reader(source)
    if (source / "HEAD").is_file() and (source / "objects").is_dir():
        return _git_reader(source)
    if (source / ".git").exists():
        raise BuildError(f"{source} is a git checkout without data/metadata.tsv: is it PolNeAR?")
    raise BuildError(f"{source} is neither a PolNeAR clone nor a bare git directory of one "
                     "(git clone https://github.com/networkdynamics/PolNeAR)")


def _pairs(split: str, listing: Callable[[str], list[str]]) -> list[tuple[str, str, str]]:
    """``(name, text path, annotation path)`` for each article of ``split`` with an annotation."""
    texts = {Path(p).name.removesuffix(".txt"): p for p in listing(f"data/{split}/text") if p.endswith(".txt")}
    annotations: dict[str, str] = {}
    for path in listing(f"data/{split}/attributions"):  # sorted: the first annotator of an article wins
        stem = Path(path).name.removesuffix(".ann")
        name, sep, _annotator = stem.rpartition("_")
        if path.endswith(".ann") and sep and name in texts:
            annotations.setdefault(name, path)
    if not texts:
        raise BuildError(f"the snapshot has no data/{split}/text/*.txt: is it PolNeAR?")
    return [(name, texts[name], annotations[name]) for name in sorted(annotations)]


def build(source: Path, out: Path, splits: Iterable[str]) -> dict[str, int]:
    """Write ``out/SPLIT/NAME.txt`` + ``NAME.ann`` for each split; return the articles per split.

    Each split is written into a temporary folder and swapped in whole, so an interrupted
    build leaves the previous cache as it was.
    """
    listing, read = _reader(source)
    counts: dict[str, int] = {}
    for split in splits:
        pairs = _pairs(split, listing)
        blobs = read([p for _, text, ann in pairs for p in (text, ann)])
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{split}.", dir=out))
        try:
            for name, text, ann in pairs:
                (staging / f"{name}.txt").write_bytes(blobs[text])
                (staging / f"{name}.ann").write_bytes(blobs[ann])
            target = out / split
            old = out / f".{split}.old"
            if old.exists():
                shutil.rmtree(old)
            if target.exists():
                target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        counts[split] = len(pairs)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=os.environ.get("POLNEAR_SOURCE"),
                        help="a PolNeAR clone or bare git directory (default: $POLNEAR_SOURCE)")
    parser.add_argument("--out", type=Path, default=ROOT / "corpora" / "polnear",
                        help="the cache folder (default: corpora/polnear)")
    parser.add_argument("--split", action="append", choices=SPLITS,
                        help="a split to build, repeatable (default: train and dev; test only when asked)")
    args = parser.parse_args(argv)
    if args.source is None:
        print("polnear: error: say where PolNeAR is: git clone https://github.com/networkdynamics/PolNeAR "
              "/tmp/PolNeAR, then --source /tmp/PolNeAR", file=sys.stderr)
        return 2
    try:
        counts = build(args.source, args.out, args.split or DEFAULT_SPLITS)
    except BuildError as exc:
        print(f"polnear: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"polnear: error: {exc.filename or args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for split, n in counts.items():
        print(f"wrote {n} articles to {args.out / split}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
