"""Scoring against gold annotations (``NAME.txt`` + ``NAME.gold.json``): precision, recall, F1."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .inputs import decode
from .types import Analysis, Claim

_PRONOUNS = {"he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "i", "we"}


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives against the sizes of prediction and gold for one measure."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0 if not self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0 if not self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)


@dataclass(frozen=True, slots=True)
class StoryScore:
    """Scores of one story: claims, claims with the right speaker, and intermediaries."""

    name: str
    claims: Counts
    speakers: Counts
    via: Counts
    misses: tuple[str, ...] = ()


def normalize(name: str) -> str:
    """Lower case, typographic apostrophes folded, a leading article dropped."""
    low = " ".join(name.replace("’", "'").lower().split()).strip(" ,.")
    for det in ("the ", "a ", "an "):
        if low.startswith(det):
            return low[len(det):]
    return low


def name_matches(predicted: str, gold_names: Iterable[str]) -> bool:
    """Whether a predicted entity name is one of the gold names (pronouns never count).

    A name also matches when one holds the other word for word ("Governor Alexei
    Voronin" and "Alexei Voronin").
    """
    pred = normalize(predicted)
    if not pred or pred in _PRONOUNS:
        return False
    pred_words = pred.split()
    for gold in gold_names:
        g = normalize(gold)
        if not g or g in _PRONOUNS:
            continue
        if g == pred:
            return True
        g_words = g.split()
        nested = _contains(pred_words, g_words) or _contains(g_words, pred_words)
        if min(len(g_words), len(pred_words)) >= 2 and nested:
            return True
    return False


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def _gold_spans(text: str, gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    spans = []
    taken: dict[str, int] = {}
    for item in gold:
        content = item["content"]
        start = text.find(content, taken.get(content, 0))
        if start < 0:
            start = text.find(content)
        taken[content] = start + 1
        spans.append((start, start + len(content)) if start >= 0 else (-1, -1))
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    if inter == 0:
        return 0.0
    return min(inter / max(1, a[1] - a[0]), inter / max(1, b[1] - b[0]))


def score_story(name: str, analysis: Analysis, gold: dict[str, Any]) -> StoryScore:
    """Match predicted claims to gold one-to-one (overlap covering half of each) and count."""
    items = gold.get("attributions", [])
    spans = _gold_spans(analysis.document.text, items)
    pairs: list[tuple[float, int, int]] = []
    for gi, gspan in enumerate(spans):
        for ci, claim in enumerate(analysis.claims):
            ov = _overlap(gspan, (claim.content.start, claim.content.end))
            if ov >= 0.5:
                pairs.append((ov, gi, ci))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, ci in sorted(pairs, reverse=True):
        if gi not in matched and ci not in used:
            matched[gi] = ci
            used.add(ci)
    names = {e.id: e.name for e in analysis.entities}
    speaker_tp = via_tp = 0
    misses = []
    for gi, item in enumerate(items):
        if gi not in matched:
            misses.append(f"missed: {item['content'][:70]!r} ({item['speaker']})")
            continue
        claim: Claim = analysis.claims[matched[gi]]
        gold_names = [item["speaker"], *item.get("speaker_aliases", [])]
        if claim.speaker and name_matches(names[claim.speaker], gold_names):
            speaker_tp += 1
        else:
            misses.append(f"speaker: {item['content'][:50]!r} gold={item['speaker']!r} "
                          f"got={names.get(claim.speaker or '')!r}")
        gold_via = [[v["name"], *v.get("aliases", [])] for v in item.get("via", [])]
        for vid in claim.via:
            hit = next((g for g in gold_via if name_matches(names[vid], g)), None)
            if hit is not None:
                via_tp += 1
                gold_via.remove(hit)
            else:
                misses.append(f"via: extra {names[vid]!r} on {item['content'][:40]!r}")
        misses.extend(f"via: missed {g[0]!r} on {item['content'][:40]!r}" for g in gold_via)
    for ci, claim in enumerate(analysis.claims):
        if ci not in used:
            misses.append(f"extra: {claim.content.text[:70]!r} ({names.get(claim.speaker or '')})")
    n_pred, n_gold = len(analysis.claims), len(items)
    return StoryScore(
        name,
        Counts(len(matched), n_pred, n_gold),
        Counts(speaker_tp, n_pred, n_gold),
        Counts(via_tp, sum(len(c.via) for c in analysis.claims), sum(len(i.get("via", [])) for i in items)),
        tuple(misses),
    )


def gold_stories(gold_dir: Path) -> list[tuple[str, Path, Path]]:
    """``(name, text path, gold path)`` for every ``NAME.txt`` with a ``NAME.gold.json``.

    Raises:
        InputError: when the folder does not exist or holds no annotated story.
    """
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir} is not a folder of NAME.txt + NAME.gold.json files")
    stories = []
    for gold in sorted(gold_dir.glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        text = gold_dir / f"{name}.txt"
        if text.is_file():
            stories.append((name, text, gold))
    if not stories:
        raise InputError(f"{gold_dir} holds no NAME.txt with a NAME.gold.json beside it")
    return stories


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _attribution_error(item: Any) -> str | None:
    """What is wrong with one gold attribution (None: nothing the scorer needs is missing)."""
    if not isinstance(item, dict):
        return "is not an object"
    for key in ("content", "speaker"):
        if not isinstance(item.get(key), str):
            return f"has no `{key}` string"
    if not _strings(item.get("speaker_aliases", [])):
        return "has `speaker_aliases` that are not a list of strings"
    via = item.get("via", [])
    if not isinstance(via, list) or not all(isinstance(v, dict) and isinstance(v.get("name"), str) for v in via):
        return "has a `via` that is not a list of objects with a `name`"
    if not all(_strings(v.get("aliases", [])) for v in via):
        return "has `via` aliases that are not a list of strings"
    return None


def read_gold(path: Path) -> dict[str, Any]:
    """A ``NAME.gold.json`` file, checked for what scoring reads (``SCHEMA.md`` of the gold folder).

    Raises:
        InputError: naming the file, when it is unreadable, not JSON, or not shaped as gold.
    """
    try:
        gold = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from None
    except ValueError as exc:  # JSON or UTF-8
        raise InputError(f"{path} is not valid gold JSON: {' '.join(str(exc).split())}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("attributions", []), list):
        raise InputError(f"{path} is not gold: expected an object with an `attributions` list")
    for n, item in enumerate(gold.get("attributions", []), start=1):
        if (problem := _attribution_error(item)) is not None:
            raise InputError(f"{path} is not gold: attribution {n} {problem}")
    return gold


def read_gold_story(path: Path) -> str:
    """The text of a gold story, read as ``attrib analyze`` reads it (Windows-1252 when not UTF-8).

    Raises:
        InputError: naming the file, when it cannot be read.
    """
    try:
        return decode(path.read_bytes(), str(path)).text
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from None


def evaluate(gold_dir: Path, analyze: Callable[[str, str], Analysis]) -> list[StoryScore]:
    """Score ``analyze(text, path)`` on every annotated story of ``gold_dir``.

    Every story and gold file is read and checked before the first analysis.

    Raises:
        InputError: for a gold file or story that cannot be scored (the message names it).
    """
    stories = [(name, read_gold_story(text), text, read_gold(gold)) for name, text, gold in gold_stories(gold_dir)]
    return [score_story(name, analyze(text, str(path)), gold) for name, text, path, gold in stories]


def total(scores: Iterable[StoryScore]) -> StoryScore:
    """The micro-averaged sum of story scores."""
    zero = Counts(0, 0, 0)
    claims = speakers = via = zero
    for s in scores:
        claims, speakers, via = claims + s.claims, speakers + s.speakers, via + s.via
    return StoryScore("TOTAL", claims, speakers, via)
