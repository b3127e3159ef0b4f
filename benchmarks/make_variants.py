"""Variant stories of the corpus with planted quote provenance: rewritten, cut, re-attributed, agency dropped.

Usage: ``.venv/bin/python benchmarks/make_variants.py OUT [--n 100] [--seed 0]``

OUT receives the corpus stories, ``N`` variants (``v001_NAME.txt`` ...) and ``manifest.json``,
the ground truth. Each variant copies one corpus story (round robin) with every claim of its
gold annotation kept, and changes:

- ``drift``: one or two claims with a word or a number changed (``"old"`` -> ``"new"``);
- ``cut``: a direct quote replaced by an excerpt (a sentence of it, or its first words);
- ``reattributed``: the speaker's name next to one claim replaced by another name (the j-th
  variant of a story re-attributes the j-th claim that allows it, so no quote is
  re-attributed twice and the original credit keeps the majority);
- ``via_dropped``: "the RIA news agency quoted X as saying" -> "X said" (likewise once per claim);
- filler: a new byline, a neutral paragraph, neither of them speech;
- a date: the story's own date line ("Published 14 August 2024") moved on, or one added under
  the headline, so that a cluster's earliest story is known from the texts alone.

``manifest.json``: ``stories`` (``file``, ``origin``, ``date``, ``variant``) and ``claims``, one per
gold attribution per story: ``story``, ``cluster`` (``ORIGIN/INDEX``, the planted cluster),
``start``/``end``/``text`` in that story, ``speaker``, ``via``, ``changes`` and, for drift,
``drift`` = ``[old, new]``. An original's ``date`` is the one its text gives (None when it gives
none); a variant is dated 1 to 20 days after its original (after 2024-03-01 when that is undated).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
GOLD = ROOT / "tests" / "gold"
ORIGINAL_DATE = date(2024, 3, 1)
# a date line above the body: "Published 14 August 2024, 18:42 BST", "Posted Dec. 11, 2024"
_DATE_LINE = re.compile(r"^(?P<word>Published|Posted|Updated)\b[^\n]*$", flags=re.MULTILINE)

# Word swaps that keep a sentence grammatical: the planted drift.
SWAPS = {
    "restored": "returned", "largely": "mostly", "completely": "fully", "hard": "tirelessly",
    "still": "now", "serious": "grave", "real": "genuine", "seriousness": "commitment",
    "remaining": "outstanding", "released": "published", "never": "rarely", "very": "quite",
    "new": "fresh", "early": "initial", "first": "initially", "important": "crucial",
    "difficult": "hard", "clear": "obvious", "strong": "robust", "large": "big", "small": "minor",
    "major": "significant", "quickly": "rapidly", "immediately": "promptly", "currently": "now",
    "expected": "likely", "increase": "rise", "decision": "ruling", "problem": "issue",
    "people": "residents", "fire": "blaze", "attacks": "assaults", "offer": "bid", "client": "player",
    "talks": "negotiations", "help": "support", "protect": "defend", "believe": "think",
    "continue": "go on", "examined": "reviewed", "concerns": "worries", "recall": "withdrawal",
    "additional": "extra", "battling": "fighting", "damaged": "destroyed", "agreed": "settled",
    "core": "essential", "safe": "secure", "proud": "pleased", "deeply": "very", "prices": "costs",
    "higher": "greater", "lower": "smaller", "weeks": "days", "months": "weeks", "control": "charge",
    "eliminated": "destroyed", "weapons": "arms", "property": "belongings", "risk": "danger",
}
# New speakers for re-attribution, and a reporter for the new byline.
NAMES = ["Maria Kowalska", "Daniel Okafor", "Priya Raman", "Tomas Lindgren", "Aiko Tanaka",
         "Rafael Ortega", "Helena Varga", "Samuel Mensah", "Leila Haddad", "Jonas Berg"]
REPORTERS = ["Jane Roe", "Omar Farouk", "Lucia Bianchi", "Peter Novak", "Grace Kim"]
# Filler: reporter's prose that reports nobody's speech.
NEUTRAL = [
    "The region has a population of about two million people.",
    "Markets in the capital were closed for a public holiday on Monday.",
    "Temperatures in the area were forecast to fall later in the week.",
    "The last comparable case in the country dates back more than a decade.",
    "Traffic in the city centre was heavier than usual throughout the day.",
]
_PRONOUNS = {"he", "she", "they", "him", "her", "them", "it", "his", "its", "their", "i", "we"}


@dataclass
class _Claim:
    index: int
    start: int
    end: int
    kind: str
    speaker: str
    aliases: list[str]
    via: list[dict[str, Any]]
    cue: str = ""
    new_text: str | None = None
    new_speaker: str | None = None
    dropped_via: bool = False
    changes: list[str] = field(default_factory=list)
    drift: tuple[str, str] | None = None


@dataclass
class _Story:
    name: str
    text: str
    claims: list[_Claim]
    edits: list[tuple[int, int, str]] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` touches no claim content and no edit already planned."""
        spans = [(c.start, c.end) for c in self.claims] + [(s, e) for s, e, _ in self.edits]
        return all(end <= s or start >= e for s, e in spans)


def load(name: str) -> _Story:
    """A corpus story with its gold claims located in the text (repeats found in order)."""
    text = (CORPORA / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))
    claims, taken = [], 0
    for n, item in enumerate(gold["attributions"]):
        start = text.find(item["content"], taken)
        if start < 0:
            start = text.find(item["content"])
        if start < 0:
            continue
        taken = start + 1
        claims.append(_Claim(n, start, start + len(item["content"]), item["kind"], item["speaker"],
                             [a for a in item.get("speaker_aliases", []) if a], item.get("via", []),
                             item.get("cue") or ""))
    return _Story(name, text, claims)


def make_variants(out: Path, n: int = 100, seed: int = 0) -> dict[str, Any]:
    """Write the corpus stories, ``n`` variants and ``manifest.json`` into ``out``; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    names = sorted(p.stem for p in CORPORA.glob("*.txt"))
    stories: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    for name in names:
        story = load(name)
        (out / f"{name}.txt").write_text(story.text, encoding="utf-8")
        stories.append({"file": f"{name}.txt", "origin": name, "date": _own_date(story.text), "variant": False})
        claims += _entries(f"{name}.txt", story, story.text, {c.index: (c.start, c.end) for c in story.claims})
    rng = random.Random(seed)
    used: dict[str, set[int]] = {name: set() for name in names}
    for k in range(n):
        name = names[k % len(names)]
        story = load(name)
        _plan(story, k // len(names), rng, used[name])
        own = _own_date(story.text)
        day = (date.fromisoformat(own) if own else ORIGINAL_DATE) + timedelta(days=1 + k % 20)
        _dated(story, day)
        text, spans = _apply(story)
        file = f"v{k + 1:03d}_{name}.txt"
        (out / file).write_text(text, encoding="utf-8")
        stories.append({"file": file, "origin": name, "date": day.isoformat(), "variant": True})
        claims += _entries(file, story, text, spans)
    manifest = {"seed": seed, "stories": stories, "claims": claims}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _plan(story: _Story, j: int, rng: random.Random, used: set[int]) -> None:
    """Choose this variant's changes: the j-th re-attribution and agency drop, drift, a cut, filler.

    A claim's wording is changed in one variant at most (``used``), so that the original
    wording stays the most common in any selection of variants.
    """
    reattributable = [c for c in story.claims if _speaker_mention(story, c)]
    if j < len(reattributable):
        claim = reattributable[j]
        start, end = _speaker_mention(story, claim) or (0, 0)
        claim.new_speaker = NAMES[(j + len(story.name)) % len(NAMES)]
        story.edits.append((start, end, claim.new_speaker))
        claim.changes.append("reattributed")
    droppable = [c for c in story.claims if not c.changes and _via_drop(story, c)]
    if j < len(droppable):
        claim = droppable[j]
        start, end, new = _via_drop(story, claim) or (0, 0, "")
        story.edits.append((start, end, new))
        claim.dropped_via = True
        claim.changes.append("via_dropped")
    free = [c for c in story.claims if not c.changes and c.index not in used]
    rng.shuffle(free)
    rewrites = 0
    for claim in free:
        if rewrites < 1 + j % 2 and _rewrite(story, claim, rng):
            rewrites += 1
            used.add(claim.index)
    for claim in free:
        if not claim.changes and _cut(story, claim):
            used.add(claim.index)
            break
    _filler(story, rng)


def _speaker_mention(story: _Story, claim: _Claim) -> tuple[int, int] | None:
    """The name that credits this claim, next to its cue, when swapping it re-attributes this claim alone.

    The name is a proper name (not "the group", "he"), right before the cue ("Tokayev said")
    or right after it ("said Tokayev"), with no other claim between it and the content; no
    pronoun follows before the speaker is named again ("..., he added" would follow the swap);
    and every other claim of the speaker names the speaker in its own paragraph (a "the
    regional governor said" elsewhere is resolved through the swapped name).
    """
    text = story.text
    cue = re.escape(claim.cue.split()[0]) if claim.cue else None
    if not cue:
        return None
    names = [a for a in claim.aliases if _named(a)]
    if not names:
        return None
    pattern = "|".join(re.escape(a) for a in sorted(names, key=len, reverse=True))
    mentions = list(re.finditer(rf"(?<![\w’'])(?:{pattern})(?![\w’'])", text))
    for m in mentions:
        start, end = m.span()
        before_cue = re.match(rf"(?:,[^.\n]{{1,120}}?,)?\s+(?:\w+\s+)?{cue}\b", text[end:end + 160])
        after_cue = re.search(rf"\b{cue}\s+(?:the\s+)?$", text[max(0, start - 30):start])
        before = [w.lower() for w in re.findall(r"[\w’']+", text[max(0, start - 40):start])[-3:]]
        inside = not after_cue and any(w in ("from", "of", "at", "for", "with", "by", "to") for w in before)
        if not (before_cue or after_cue) or inside or not story.free(start, end):
            continue  # "Volunteer firefighters from the group Taiga Watch wrote": the name is not the subject
        lo, hi = min(start, claim.start), max(end, claim.end)
        if any(lo < c.start < hi for c in story.claims if c is not claim) or "\n" in text[lo:hi]:
            continue
        if text[start - 4:start] in ("the ", "The "):
            start -= 4
        later = next((n.start() for n in mentions if n.start() >= end), len(text))
        if re.search(r"\b(?:he|she|him|his|her|hers|it|its|they|them|their)\b", text[end:later], re.IGNORECASE):
            continue
        if any(c.speaker == claim.speaker and not _named_near(story, c, mentions, m) for c in story.claims
               if c is not claim):
            continue
        return start, end
    return None


def _named_near(story: _Story, claim: _Claim, mentions: list[re.Match[str]], swapped: re.Match[str]) -> bool:
    """Whether another claim of the speaker has the speaker's name in its own paragraph (not the swapped one)."""
    lo = story.text.rfind("\n", 0, claim.start) + 1
    hi = story.text.find("\n", claim.end) % (len(story.text) + 1)
    return any(lo <= m.start() < hi for m in mentions if m is not swapped)


def _named(alias: str) -> bool:
    """A proper name: every word but the small ones capitalised ("Kazakh Interior Ministry", not "the group")."""
    small = {"the", "of", "for", "and", "a", "an", "at", "in", "on", "de", "la", "del"}
    words = [w for w in re.findall(r"[\w’'-]+", alias) if w.lower() not in small]
    return bool(words) and all(w[0].isupper() for w in words) and alias.lower() not in _PRONOUNS


def _via_drop(story: _Story, claim: _Claim) -> tuple[int, int, str] | None:
    """The relay clause of the claim's intermediary and its replacement: "X quoted Y as saying" -> "Y said"."""
    if not claim.via:
        return None
    para_start = story.text.rfind("\n", 0, claim.start) + 1
    para = story.text[para_start:claim.start]
    names = [n for v in claim.via for n in [v.get("name", ""), *v.get("aliases", [])] if len(n) > 3]
    for name in sorted(names, key=len, reverse=True):
        via = re.escape(name).replace("'", "['’]").replace("’", "['’]")
        np = rf"(?:^|(?<=, )|(?<=\. ))[^,.\n]*?{via}"
        patterns = [
            (rf"(?P<np>{np}) quoted (?P<spk>.+?) as saying", "{spk} said"),
            (rf" was quoted by [^,.\n]*?{via} as saying", " said"),
            (rf"(?P<np>{np}) (?:said|reported), citing (?P<spk>[^,]+), that", "{spk} said that"),
            (rf" told [^,.\n]*?{via}(?= that)", " said"),
        ]
        for pattern, template in patterns:
            m = re.search(pattern, para, flags=re.IGNORECASE | re.MULTILINE)
            if m and story.free(para_start + m.start(), para_start + m.end()):
                spk = m.groupdict().get("spk") or ""
                if spk.lower() in _PRONOUNS:
                    continue
                new = template.format(spk=spk[:1].upper() + spk[1:] if m.start() == 0 or
                                      para[m.start() - 2:m.start()] == ". " else spk)
                return para_start + m.start(), para_start + m.end(), new
    return None


def _rewrite(story: _Story, claim: _Claim, rng: random.Random) -> bool:
    """Change one word (or a number) of a claim of ten words or more."""
    content = story.text[claim.start:claim.end]
    if len(content.split()) < 10:
        return False
    # a number changes in its leading digits: "86,000" -> "87,000"
    spots = [m for m in re.finditer(r"(?<![\d,.])\d+(?=[\d,.]*)|[A-Za-z]+", content)
             if m.group().lower() in SWAPS or m.group().isdigit()]
    if not spots:
        return False
    m = rng.choice(spots)
    old = m.group()
    if old.isdigit():
        new = str(int(old) + 1 + rng.randrange(9))
    else:
        new = SWAPS[old.lower()]
        new = new[:1].upper() + new[1:] if old[:1].isupper() else new
    claim.new_text = content[:m.start()] + new + content[m.end():]
    claim.changes.append("drift")
    claim.drift = (old, new)
    return True


def _cut(story: _Story, claim: _Claim) -> bool:
    """Replace a direct quote by its longest sentence, or a long one by its first words."""
    if claim.kind != "direct":
        return False
    content = story.text[claim.start:claim.end]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", content) if s]
    if len(sentences) > 1:
        excerpt = max(sentences, key=len)
    elif len(content.split()) >= 16:
        excerpt = " ".join(content.split()[: len(content.split()) * 3 // 5]).rstrip(",;:")
    else:
        return False
    if len(excerpt.split()) < 8:
        return False
    claim.new_text = excerpt
    claim.changes.append("cut")
    return True


def _filler(story: _Story, rng: random.Random) -> None:
    """A new byline (half the time) and a neutral paragraph after the third."""
    text = story.text
    byline = re.search(r"^By [^\n]+$", text, flags=re.MULTILINE)
    if byline and story.free(*byline.span()) and rng.random() < 0.5:
        story.edits.append((*byline.span(), f"By {rng.choice(REPORTERS)}"))
    breaks = [m.end() for m in re.finditer(r"\n\n+", text) if story.free(m.start(), m.end())]
    if len(breaks) > 2:
        at = breaks[2]
        story.edits.append((at, at, rng.choice(NEUTRAL) + "\n\n"))


def _own_date(text: str) -> str | None:
    """The date of the story's date line near its top, as ``YYYY-MM-DD``, or None."""
    from attribution.audit.records import date_in

    line = _DATE_LINE.search(text, 0, 600)
    return date_in(line.group()) if line else None


def _dated(story: _Story, day: date) -> None:
    """Date the variant: its date line rewritten, or "Published D Month YYYY" added under the headline."""
    shown = f"{day.day} {day:%B} {day.year}"
    line = _DATE_LINE.search(story.text, 0, 600)
    if line and story.free(*line.span()):
        story.edits.append((*line.span(), f"{line.group('word')} {shown}"))
        return
    end = story.text.find("\n")
    story.edits.append((end, end, f"\n\nPublished {shown}"))


def _apply(story: _Story) -> tuple[str, dict[int, tuple[int, int]]]:
    """The variant's text and each claim's new content span (edits lie outside claims)."""
    edits = story.edits + [(c.start, c.end, c.new_text) for c in story.claims if c.new_text is not None]
    edits.sort(key=lambda e: (e[0], e[1]))
    pieces, spans, at, shift = [], {}, 0, 0
    marks = sorted(story.claims, key=lambda c: c.start)
    for start, end, new in edits:
        pieces += [story.text[at:start], new]
        for c in marks:
            if at <= c.start and c.end <= start:
                spans[c.index] = (c.start + shift, c.end + shift)
            elif (c.start, c.end) == (start, end):
                spans[c.index] = (start + shift, start + shift + len(new))
        shift += len(new) - (end - start)
        at = end
    pieces.append(story.text[at:])
    for c in marks:
        if c.start >= at and c.index not in spans:
            spans[c.index] = (c.start + shift, c.end + shift)
    return "".join(pieces), spans


def _entries(file: str, story: _Story, text: str, spans: dict[int, tuple[int, int]]) -> list[dict[str, Any]]:
    rows = []
    for c in story.claims:
        start, end = spans[c.index]
        rows.append({
            "story": file, "cluster": f"{story.name}/{c.index}", "start": start, "end": end,
            "text": text[start:end], "speaker": c.new_speaker or c.speaker,
            "via": [] if c.dropped_via else [v.get("name") for v in c.via],
            "changes": list(c.changes), **({"drift": list(c.drift)} if c.drift else {}),
        })
    return rows


def main() -> None:
    """Write the variants and print what was planted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    manifest = make_variants(args.out, args.n, args.seed)
    counts: dict[str, int] = {}
    for claim in manifest["claims"]:
        for change in claim["changes"]:
            counts[change] = counts.get(change, 0) + 1
    print(f"wrote {len(manifest['stories'])} stories to {args.out}: "
          + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()


@dataclass
class Score:
    """How a provenance table fares against the manifest: planted items found, false ones."""

    clusters: tuple[int, int] = (0, 0)
    drift: tuple[int, int] = (0, 0)
    reattributed: tuple[int, int] = (0, 0)
    via_dropped: tuple[int, int] = (0, 0)
    earliest: tuple[int, int] = (0, 0)
    false_clusters: int = 0
    false_drift: int = 0
    false_flags: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line: found/planted per kind and the false findings."""
        def pair(t: tuple[int, int]) -> str:
            return f"{t[0]}/{t[1]}"
        return (f"clusters {pair(self.clusters)}, drift {pair(self.drift)}, re-attributions "
                f"{pair(self.reattributed)}, agency drops {pair(self.via_dropped)}, earliest stories "
                f"{pair(self.earliest)}; false clusters "
                f"{self.false_clusters}, false drift {self.false_drift}, false flags {self.false_flags}")


def score_provenance(rows: list[Any], spans: dict[tuple[str, str], tuple[int, int]],
                     manifest: dict[str, Any], files: list[str], clusterable: Any) -> Score:
    """Score provenance rows (``cluster``, ``story``, ``claim``, ``drift``, ``flag``) against the manifest.

    Args:
        rows: the provenance rows; ``story`` may be a path: its file name is matched.
        spans: every analysed claim's content span, by (file name, claim id).
        manifest: what ``make_variants`` returned.
        files: the story files analysed (a subset of the manifest's).
        clusterable: the analyzer's rule for which quotes may cluster (``provenance.clusterable``).
    """
    chosen = set(files)
    origin = {s["file"]: s["origin"] for s in manifest["stories"]}
    row_of = {(Path(r.story).name, r.claim): r for r in rows}
    by_story: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for (story, claim), span in spans.items():
        by_story.setdefault(story, []).append((claim, span))
    planted: dict[str, list[dict[str, Any]]] = {}
    for entry in manifest["claims"]:
        if entry["story"] in chosen:
            planted.setdefault(entry["cluster"], []).append(entry)
    score = Score()
    found = [0, 0]
    counts = {"drift": [0, 0], "reattributed": [0, 0], "via_dropped": [0, 0]}
    claim_cluster: dict[tuple[str, str], str] = {}
    for cluster, entries in planted.items():
        if len({e["story"] for e in entries}) < 2 or not all(clusterable(e["text"]) for e in entries):
            continue
        found[1] += 1
        claims = [_claim_for(e, by_story.get(e["story"], [])) for e in entries]
        for e, c in zip(entries, claims, strict=True):
            if c is None:
                score.problems.append(f"analyzer found no claim for {e['story']} {e['text'][:50]!r}")
            else:
                claim_cluster[(e["story"], c)] = cluster
        got = {row_of[(e["story"], c)].cluster if (e["story"], c) in row_of else None
               for e, c in zip(entries, claims, strict=True)}
        if None not in got and len(got) == 1:
            found[0] += 1
        else:
            score.problems.append(f"planted cluster {cluster} split or missed: {sorted(map(str, got))}")
        for e, c in zip(entries, claims, strict=True):
            row = row_of.get((e["story"], c)) if c else None
            flag = row.flag if row else ""
            drift = row.drift if row else ""
            if "drift" in e["changes"]:
                old, new = e["drift"]
                counts["drift"][1] += 1
                if f"-{old}" in drift and f"+{new}" in drift:
                    counts["drift"][0] += 1
                else:
                    score.problems.append(f"drift {old}->{new} in {e['story']}: got {drift!r}")
            elif drift:
                score.false_drift += 1
                score.problems.append(f"false drift in {e['story']} {e['text'][:40]!r}: {drift!r}")
            for kind in ("reattributed", "via_dropped"):
                if kind in e["changes"]:
                    counts[kind][1] += 1
                    if flag == kind:
                        counts[kind][0] += 1
                    else:
                        score.problems.append(f"{kind} not flagged in {e['story']} {e['text'][:40]!r}: {flag!r}")
            if flag and flag not in e["changes"]:
                score.false_flags += 1
                score.problems.append(f"false flag {flag} in {e['story']} {e['text'][:40]!r}")
    score.clusters = (found[0], found[1])
    score.drift, score.reattributed, score.via_dropped = (tuple(counts[k]) for k in counts)  # type: ignore[assignment]
    texts = {e["cluster"]: e["text"] for e in manifest["claims"] if not e["changes"]}
    members: dict[int, list[Any]] = {}
    for r in rows:
        members.setdefault(r.cluster, []).append(r)
    for number, group in members.items():
        origins = {origin.get(Path(r.story).name) for r in group}
        planted_here = {claim_cluster.get((Path(r.story).name, r.claim)) for r in group} - {None}
        if len(origins) > 1 or not _connected(sorted(planted_here), texts):
            score.false_clusters += 1
            score.problems.append(f"cluster {number} joins unrelated quotes: {sorted(planted_here)} {sorted(origins)}")
    score.earliest = _earliest(members, manifest, files, score.problems)
    return score


def _earliest(members: dict[int, list[Any]], manifest: dict[str, Any], files: list[str],
              problems: list[str]) -> tuple[int, int]:
    """Clusters whose rows mark as earliest the story the manifest dates first (ties: the first file)."""
    dates = {s["file"]: s["date"] for s in manifest["stories"]}
    order = {name: n for n, name in enumerate(sorted(files))}
    found = [0, 0]
    for number, group in members.items():
        names = {Path(r.story).name for r in group}
        dated = [name for name in names if dates.get(name)]
        if not dated or not hasattr(group[0], "earliest"):
            continue
        found[1] += 1
        first = min(dated, key=lambda name: (dates[name], order.get(name, 0)))
        marked = {Path(r.story).name for r in group if str(r.earliest) in ("1", "True")}
        if marked == {first}:
            found[0] += 1
        else:
            problems.append(f"cluster {number}: earliest {sorted(marked)}, the manifest dates {first} first")
    return found[0], found[1]


def _claim_for(entry: dict[str, Any], claims: list[tuple[str, tuple[int, int]]]) -> str | None:
    """The analysed claim whose content overlaps the planted one by half of each, best first."""
    best, best_overlap = None, 0.5
    for claim, (start, end) in claims:
        inter = min(end, entry["end"]) - max(start, entry["start"])
        if inter <= 0:
            continue
        overlap = min(inter / max(1, end - start), inter / max(1, entry["end"] - entry["start"]))
        if overlap >= best_overlap:
            best, best_overlap = claim, overlap
    return best


def _connected(clusters: list[str], texts: dict[str, str]) -> bool:
    """Whether planted clusters of one story join through related quotes (a headline inside a quote)."""
    reached, todo = set(clusters[:1]), clusters[:1]
    while todo:
        here = todo.pop()
        for other in clusters:
            if other not in reached and _related(texts[here], texts[other]):
                reached.add(other)
                todo.append(other)
    return len(reached) == len(clusters)


def _related(a: str, b: str) -> bool:
    """Two quotes of one story that are one statement: most of the shorter's words are in the longer."""
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(short & long) >= 0.8 * len(short)
