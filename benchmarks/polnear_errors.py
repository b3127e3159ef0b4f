"""Where attrib's misses and false positives on PolNeAR fall: by cue lemma, cue part of speech and construction.

Usage (build the cache first with scripts/polnear.py):

    .venv/bin/python benchmarks/polnear_errors.py                       # the dev split
    .venv/bin/python benchmarks/polnear_errors.py corpora/polnear/train --jobs 2

Scoring is that of `attrib eval --format polnear` (attribution/polnear.py): one prediction
per cue, a match when the overlap covers half of each. Each missed gold attribution gets one
category, the first that applies in the order of CATEGORIES; the first three are out of
attrib's scope (issue 7). The test split is kept for the final measurement: this script
refuses to read it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from attribution import polnear  # noqa: E402
from attribution.errors import AttribError  # noqa: E402
from attribution.lexicon import default_lexicon  # noqa: E402
from attribution.types import Token  # noqa: E402

WORDS = tomllib.loads((Path(__file__).with_name("polnear_categories.toml")).read_text(encoding="utf-8"))
STANCES = frozenset(WORDS["stances"])
DOCUMENTS = frozenset(WORDS["documents"]) | default_lexicon().documents
LEMMA_FIXES: dict[str, str] = WORDS["lemma_fixes"]
OUT_OF_SCOPE = ("no source", "thought / belief", "stance")
CATEGORIES = (
    *OUT_OF_SCOPE,
    "layout (colon, dash, '' quotes, quote paragraphs)",
    "document source (the poll shows)",
    "nominal cue (his claim that)",
    "to-infinitive (vowed to)",
    "wh-complement (asked whether)",
    "propositional object (denied the allegations)",
    "participle or aside (, saying / as X noted)",
    "coordinated report (said A and that B)",
    "cue inside the content (A, he said, B)",
    "other",
)
_QUOTES = "\"'“”‘’«»"
_WH = {"whether", "if", "how", "why", "what", "who", "whom", "which", "when", "where"}


@dataclass(frozen=True, slots=True)
class GoldRow:
    """One gold attribution: its cue, its category, whether attrib found it and how close it came."""

    cue: str
    lemma: str
    pos: str
    category: str
    matched: bool
    source_ok: bool
    diagnosis: str  # "matched", "boundary" (a claim on the cue, content off), "other cue", "not found"
    overlap: float  # the best content overlap of a claim on the same cue
    longer: bool  # that claim's content is longer than the gold's


@dataclass(frozen=True, slots=True)
class PredRow:
    """One prediction (claims sharing a cue): whether it matched and what lies under it."""

    lemma: str
    kind: str
    matched: bool
    diagnosis: str  # "matched", "boundary" (on a gold cue), "other cue" (over a gold content), "no gold"


def _parse(text: str) -> list[Token]:
    from attribution.nlp import parse_blocks

    lines, at = [], 0
    for n, line in enumerate(text.split("\n")):
        if line.strip():
            lines.append((n, at, line))
        at += len(line) + 1
    return [t for p in parse_blocks(lines) for t in p.tokens]


def _inside(tokens: Sequence[Token], span: polnear.Pieces) -> list[Token]:
    return [t for t in tokens if any(s < t.end and t.start < e for s, e in span)]


def _root(words: list[Token]) -> Token | None:
    """The word of a span whose head lies outside it, a verb or noun first."""
    inside = {t.i for t in words}
    roots = [t for t in words if t.head == t.i or t.head not in inside] or words
    for pos in ({"VERB"}, {"NOUN", "PROPN"}, {"ADJ", "AUX"}):
        if found := [t for t in roots if t.pos in pos]:
            return found[0]
    return roots[0] if roots else None


def _cue(text: str, tokens: Sequence[Token], cue: polnear.Pieces) -> tuple[str, str, set[str]]:
    """The cue's lemma, its part of speech (verb / noun / according to / other) and all its lemmas."""
    words = [t for t in _inside(tokens, cue) if t.pos != "PUNCT"]
    low = " ".join(text[s:e] for s, e in cue).lower()
    lemmas = {_lemma(t) for t in words}
    if "according to" in low:
        return "according to", "according to", lemmas
    root = _root(words)
    if root is None:
        return (low.strip() or "(no cue)"), "other", lemmas
    if root.lemma == "be":  # "It was clear", "was under questioning": the word after the copula says more
        root = next((t for t in words if t.pos in {"ADJ", "NOUN", "VERB"}), root)
    pos = "verb" if root.pos in {"VERB", "AUX"} else "noun" if root.pos in {"NOUN", "PROPN"} else "other"
    return _lemma(root), pos, lemmas


def _lemma(token: Token) -> str:
    return LEMMA_FIXES.get(token.lower_text(), token.lemma.lower())


def _category(text: str, tokens: Sequence[Token], gold: polnear.GoldAttribution,
              all_gold: Sequence[polnear.GoldAttribution], pos: str, lemmas: set[str]) -> str:
    """The first of CATEGORIES that describes the gold attribution."""
    if not gold.source:
        return "no source"
    if gold.thought:  # the scorer's own test (attribution/data/polnear.toml)
        return "thought / belief"
    if lemmas & STANCES:
        return "stance"
    cue_text = " ".join(text[s:e] for s, e in gold.cue).strip()
    words = " ".join(text[s:e] for s, e in gold.content).strip()
    cue_at = gold.cue[0][0] if gold.cue else gold.content[0][0]
    between = text[min(cue_at, gold.content[0][0]):max(cue_at, gold.content[-1][1])]
    # "PENCE: Well, ...", "― Name", ''doubled apostrophes'' as quotation marks, a quote paragraph after its cue
    if (not any(c.isalnum() for c in cue_text) or "''" in words or "``" in words
            or (words[:1] in _QUOTES and "\n" in between)):
        return "layout (colon, dash, '' quotes, quote paragraphs)"
    if {_lemma(t) for t in _inside(tokens, gold.source)} & DOCUMENTS:
        return "document source (the poll shows)"
    if pos == "noun":
        return "nominal cue (his claim that)"
    content = _inside(tokens, gold.content)
    first = [t for t in content if t.pos != "PUNCT"][:2]
    if len(first) == 2 and first[0].lower_text() == "to" and first[1].pos in {"VERB", "AUX"}:
        return "to-infinitive (vowed to)"
    if first and first[0].lower_text() in _WH:
        return "wh-complement (asked whether)"
    root = _root(content)
    clause = words[:1] in _QUOTES or (first and first[0].lower_text() == "that")
    if not clause and root is not None and root.pos in {"NOUN", "PROPN", "PRON", "NUM"}:
        return "propositional object (denied the allegations)"
    cue_words = _inside(tokens, gold.cue)
    cue_root = _root([t for t in cue_words if t.pos != "PUNCT"])
    progressive = any(t.lemma == "be" for t in cue_words)
    before = text[max(0, min(cue_at, gold.source[0][0]) - 4):min(cue_at, gold.source[0][0])].lower()
    participle = pos != "according to" and cue_root is not None and cue_root.tag == "VBG" and not progressive
    if participle or re.search(r"\bas\s+$", before):
        return "participle or aside (, saying / as X noted)"
    shares_source = any(g is not gold and g.source == gold.source for g in all_gold)
    if shares_source or re.search(r"\b(?:and|but) (?:that|whether)\b", words):
        return "coordinated report (said A and that B)"
    if len(gold.content) > 1 and gold.content[0][1] <= cue_at < gold.content[-1][0]:
        return "cue inside the content (A, he said, B)"
    return "other"


def examine(item: tuple[str, str, tuple[polnear.GoldAttribution, ...]]) -> tuple[list[GoldRow], list[PredRow]]:
    """Analyse one story and describe each of its gold attributions and predictions."""
    from attribution.pipeline import analyze

    name, text, gold = item
    comparison = polnear.compare(name, analyze(text, path=name), gold)
    tokens = _parse(text)
    by_gold = {m.gold: m for m in comparison.matches}
    matched_preds = {m.prediction for m in comparison.matches}
    preds = comparison.predictions

    def cue_of(p: polnear.Prediction) -> polnear.Pieces:
        return polnear.pieces([(c.cue.start, c.cue.end) for c in p.claims if c.cue is not None])

    gold_rows = []
    for gi, g in enumerate(gold):
        lemma, pos, lemmas = _cue(text, tokens, g.cue)
        same_cue = [p for p in preds if g.cue and polnear.shared(cue_of(p), g.cue)]
        best = max(same_cue, key=lambda p: polnear.overlap(p.content, g.content), default=None)
        if gi in by_gold:
            diagnosis = "matched"
        elif best is not None:
            diagnosis = "boundary"
        elif any(polnear.shared(p.content, g.content) for p in preds):
            diagnosis = "other cue"
        else:
            diagnosis = "not found"
        gold_rows.append(GoldRow(
            " ".join(text[s:e] for s, e in g.cue).lower(), lemma, pos,
            _category(text, tokens, g, gold, pos, lemmas), gi in by_gold,
            gi in by_gold and by_gold[gi].source, diagnosis,
            polnear.overlap(best.content, g.content) if best else 0.0,
            best is not None and polnear.size(best.content) > polnear.size(g.content),
        ))
    pred_rows = []
    for pi, p in enumerate(preds):
        if pi in matched_preds:
            diagnosis = "matched"
        elif any(g.cue and polnear.shared(cue_of(p), g.cue) for g in gold):
            diagnosis = "boundary"
        elif any(polnear.shared(p.content, g.content) for g in gold):
            diagnosis = "other cue"
        else:
            diagnosis = "no gold"
        first = p.claims[0]
        pred_rows.append(PredRow(first.cue_lemma or "(no cue)", first.kind.value, pi in matched_preds, diagnosis))
    return gold_rows, pred_rows


def _table(title: str, rows: list[tuple[str, ...]], head: tuple[str, ...]) -> list[str]:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["", title, "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths,
                                                                                                      strict=True)))]
    lines += ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
              for r in rows]
    return lines


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.0f}%" if total else "-"


def report(gold: list[GoldRow], preds: list[PredRow], top: int = 40) -> str:
    """The breakdown as plain-text tables."""
    g_total, tp = len(gold), sum(r.matched for r in gold)
    misses = [r for r in gold if not r.matched]
    extras = [r for r in preds if not r.matched]
    rec = tp / g_total if g_total else 0.0
    src = sum(r.source_ok for r in gold)

    def prf(n: int) -> str:
        p, r = n / len(preds) if preds else 0.0, n / g_total if g_total else 0.0
        return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0:.3f}"

    lines = [f"{g_total} gold attributions, {len(preds)} predictions (claims sharing a cue are one), "
             f"{tp} matched: content {prf(tp)}; content+source {prf(src)}"]

    rows = []
    for cat in CATEGORIES:
        in_cat = [r for r in gold if r.category == cat]
        miss = [r for r in in_cat if not r.matched]
        rows.append((cat, str(len(in_cat)), str(len(in_cat) - len(miss)), str(len(miss)),
                     _pct(len(miss), len(misses)), str(sum(r.diagnosis == "boundary" for r in miss)),
                     str(sum(r.diagnosis == "not found" for r in miss))))
    lines += _table("Gold attributions by category (first that applies; the first three are out of scope)",
                    rows, ("category", "gold", "found", "missed", "of misses", "boundary", "nothing"))
    out = [r for r in misses if r.category in OUT_OF_SCOPE]
    in_scope = [r for r in gold if r.category not in OUT_OF_SCOPE]
    in_tp = sum(r.matched for r in in_scope)
    lines += ["", f"Out of scope (no source, thoughts / beliefs, stances): {len(out)} of {len(misses)} misses "
              f"({_pct(len(out), len(misses))} of the recall gap). Without those gold attributions recall would be "
              f"{in_tp / len(in_scope) if in_scope else 0:.3f} ({in_tp}/{len(in_scope)}) instead of {rec:.3f}."]

    rows = []
    for pos in ("verb", "noun", "according to", "other"):
        in_pos = [r for r in gold if r.pos == pos]
        miss = sum(not r.matched for r in in_pos)
        rows.append((pos, str(len(in_pos)), str(miss), _pct(miss, len(in_pos)), _pct(miss, len(misses))))
    lines += _table("By the cue's part of speech", rows, ("cue", "gold", "missed", "miss rate", "of misses"))

    boundary = [r for r in misses if r.diagnosis == "boundary"]
    diag = Counter(r.diagnosis for r in misses)
    lines += ["", "How close the misses came:",
              f"  boundary (a claim on the same cue, content overlap below half): {diag['boundary']} "
              f"({_pct(diag['boundary'], len(misses))}); its content longer than gold's: "
              f"{sum(r.longer for r in boundary)}, shorter: {sum(not r.longer for r in boundary)}; "
              f"overlap < 0.25: {sum(r.overlap < 0.25 for r in boundary)}, 0.25-0.5: "
              f"{sum(r.overlap >= 0.25 for r in boundary)}",
              f"  content overlapped by a claim on another cue: {diag['other cue']} "
              f"({_pct(diag['other cue'], len(misses))})",
              f"  no claim near (coverage): {diag['not found']} ({_pct(diag['not found'], len(misses))})",
              f"  found but the source is wrong: {sum(r.matched and not r.source_ok for r in gold)} of {tp}"]

    lemma_misses = Counter(r.lemma for r in misses)
    lemma_gold = Counter(r.lemma for r in gold)
    cat_of: dict[str, Counter[str]] = {}
    for r in misses:
        cat_of.setdefault(r.lemma, Counter())[r.category.split(" (")[0]] += 1
    rows = [(lemma, str(n), str(lemma_gold[lemma]), ", ".join(f"{c} {k}" for c, k in cat_of[lemma].most_common(2)))
            for lemma, n in lemma_misses.most_common(top)]
    lines += _table(f"Top {top} missed cue lemmas", rows, ("lemma", "missed", "gold", "mostly"))

    fdiag = Counter(r.diagnosis for r in extras)
    lines += ["", f"False positives: {len(extras)} of {len(preds)} predictions: on a gold cue with content off "
              f"(boundary) {fdiag['boundary']}, over a gold content from another cue {fdiag['other cue']}, "
              f"no gold attribution there {fdiag['no gold']}"]
    kinds = Counter(r.kind for r in extras)
    lines.append("  by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    lines.append("  'no gold' by cue lemma: " + ", ".join(
        f"{k} {n}" for k, n in Counter(r.lemma for r in extras if r.diagnosis == "no gold").most_common(15)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "corpora" / "polnear" / "dev"],
                        help="PolNeAR cache folders (default: corpora/polnear/dev)")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="worker processes")
    parser.add_argument("--top", type=int, default=40, help="how many missed cue lemmas to list")
    args = parser.parse_args(argv)
    items = []
    try:
        for folder in args.folders:
            if folder.resolve().name == "test":
                print(f"polnear_errors: error: {folder} is the test split, kept for the final measurement",
                      file=sys.stderr)
                return 2
            for name, text_path, ann_path in polnear.stories(folder):
                items.append((name, *polnear.read_story(text_path, ann_path)))
    except AttribError as exc:
        print(f"polnear_errors: error: {exc}", file=sys.stderr)
        return 2
    if args.jobs > 1:
        with Pool(args.jobs) as pool:
            results = pool.map(examine, items, chunksize=4)
    else:
        results = [examine(item) for item in items]
    gold = [r for g, _ in results for r in g]
    preds = [r for _, p in results for r in p]
    print(f"{len(items)} stories from {', '.join(str(f) for f in args.folders)}")
    print(report(gold, preds, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
