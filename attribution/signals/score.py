"""Scoring the signals against ``NAME.signals.json``: sentence labels and quoted-term uses."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..evaluate import Counts, name_matches
from ..types import Analysis, Sourcing, TermUse

# The sentence labels scored: what a reader should ask "says who?" about, and the reporters' own eyes.
SCORED = (Sourcing.UNSOURCED, Sourcing.OBSERVED)


@dataclass(frozen=True, slots=True)
class SignalScore:
    """Signal scores of one story.

    ``sentences`` holds one ``Counts`` per label of ``SCORED``; ``terms`` counts the gold
    and predicted quoted terms (``tp`` those with the right use, and speaker when
    attributed), so that accuracy is right over gold, predicted and unmatched together.
    """

    name: str
    sentences: tuple[Counts, ...]
    terms: Counts
    terms_seen: int  # gold terms, plus predicted terms that match none
    misses: tuple[str, ...] = ()

    @property
    def term_accuracy(self) -> float:
        """Quoted terms with the right use over all gold terms and every unmatched prediction."""
        return self.terms.tp / self.terms_seen if self.terms_seen else 1.0


def score_signals(name: str, analysis: Analysis, gold: dict[str, Any], claims_gold: dict[str, Any] | None = None
                  ) -> SignalScore:
    """Score one story's sourcing map and quoted terms against its signals gold.

    A predicted sentence matches a gold one of the same label when their overlap covers
    half of each; a predicted term matches a gold term the same way. An attributed term
    also needs its speaker, judged by ``evaluate.name_matches`` against the gold speaker
    and the aliases ``NAME.gold.json`` gives that speaker.
    """
    text = analysis.document.text
    misses: list[str] = []
    counts = []
    for label in SCORED:
        gold_spans = _find_all(text, [s["text"] for s in gold.get("sentences", []) if s["label"] == label.value])
        predicted = [(s.span.start, s.span.end) for s in analysis.sourcing if s.label is label]
        pairs = _match(gold_spans, predicted)
        misses += [f"{label.value}: missed {text[a:b][:70]!r}" for n, (a, b) in enumerate(gold_spans) if n not in pairs]
        used = set(pairs.values())
        misses += [f"{label.value}: extra {text[a:b][:70]!r}" for n, (a, b) in enumerate(predicted) if n not in used]
        counts.append(Counts(len(pairs), len(predicted), len(gold_spans)))
    items = gold.get("quoted_terms", [])
    gold_spans = _find_all(text, [t["text"] for t in items])
    terms = analysis.quoted_terms
    pairs = _match(gold_spans, [(t.span.start, t.span.end) for t in terms])
    aliases = _aliases(claims_gold or {})
    names = {e.id: e.name for e in analysis.entities}
    right = 0
    for n, item in enumerate(items):
        if n not in pairs:
            misses.append(f"term: missed {item['text']!r} ({item['label']})")
            continue
        term = terms[pairs[n]]
        speaker = names.get(term.speaker or "", "")
        ok = term.label.value == item["label"] and (
            term.label is not TermUse.ATTRIBUTED or name_matches(speaker, aliases.get(item.get("speaker") or "", [])
                                                                 + [item.get("speaker") or ""]))
        right += ok
        if not ok:
            misses.append(f"term: {item['text']!r} gold={item['label']}/{item.get('speaker')} "
                          f"got={term.label.value}/{speaker or None}")
    used = set(pairs.values())
    extra = [t for n, t in enumerate(terms) if n not in used]
    misses += [f"term: extra {t.span.text!r} ({t.label.value})" for t in extra]
    return SignalScore(name, tuple(counts), Counts(right, len(terms), len(items)), len(items) + len(extra),
                       tuple(misses))


def score_gold_dir(gold_dir: Path, analyses: Mapping[str, Analysis]) -> list[SignalScore]:
    """Score every analysed story of ``gold_dir`` that has a ``NAME.signals.json``.

    Args:
        gold_dir: the folder of ``NAME.txt``, ``NAME.gold.json`` and ``NAME.signals.json``.
        analyses: the analyses by the story path they were made from (``str(gold_dir / "NAME.txt")``).

    Raises:
        InputError: when a signals file is not valid JSON.
    """
    scores = []
    for path, analysis in sorted(analyses.items()):
        story = Path(path)
        name = story.name.removesuffix(".txt")
        signals = gold_dir / f"{name}.signals.json"
        if not signals.is_file():
            continue
        scores.append(score_signals(name, analysis, _read(signals), _read(gold_dir / f"{name}.gold.json")))
    return scores


def total(scores: Iterable[SignalScore]) -> SignalScore:
    """The micro-averaged sum of story scores."""
    zero = Counts(0, 0, 0)
    sentences = [zero] * len(SCORED)
    terms, seen = zero, 0
    for s in scores:
        sentences = [a + b for a, b in zip(sentences, s.sentences, strict=True)]
        terms, seen = terms + s.terms, seen + s.terms_seen
    return SignalScore("TOTAL", tuple(sentences), terms, seen)


def table(scores: list[SignalScore], verbose: bool = False) -> list[str]:
    """The scores as the lines of a plain-text table, with the total last."""
    header = f"{'story':34} {'unsourced P/R/F1':>20} {'observed P/R/F1':>20} {'terms acc (n)':>20}"
    lines = [header]
    for s in [*scores, total(scores)]:
        if s.name == "TOTAL":
            lines.append("-" * len(header))
        cells = [f"{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}" for c in s.sentences]
        terms = f"{s.term_accuracy:.2f} ({s.terms.tp}/{s.terms_seen})"
        lines.append(f"{s.name[:34]:34} {cells[0]:>20} {cells[1]:>20} {terms:>20}")
        if verbose:
            lines += [f"    {miss}" for miss in s.misses]
    return lines


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path} is not valid gold JSON: {exc}") from exc


def _aliases(claims_gold: dict[str, Any]) -> dict[str, list[str]]:
    """Each gold speaker's other names, from the claims gold."""
    out: dict[str, list[str]] = {}
    for item in claims_gold.get("attributions", []):
        out.setdefault(item["speaker"], []).extend(item.get("speaker_aliases", []))
    return out


def _find_all(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Where each needle is in ``text``, a repeated one at its next occurrence; (-1, -1) if absent."""
    spans = []
    after: dict[str, int] = {}
    for needle in needles:
        start = text.find(needle, after.get(needle, 0))
        after[needle] = start + 1
        spans.append((start, start + len(needle)) if start >= 0 else (-1, -1))
    return spans


def _match(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one matches, gold index to predicted index, the largest overlaps first."""
    pairs = []
    for g, (a, b) in enumerate(gold):
        for p, (c, d) in enumerate(predicted):
            inter = min(b, d) - max(a, c)
            if inter > 0 and inter * 2 >= b - a and inter * 2 >= d - c:
                pairs.append((min(inter / (b - a), inter / (d - c)), g, p))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if g not in matched and p not in used:
            matched[g] = p
            used.add(p)
    return matched
