"""PolNeAR's brat standoff annotations (NAME.txt + NAME.ann): reading them and scoring one prediction per cue."""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path

from .errors import InputError
from .evaluate import Counts
from .lexicon import default_lexicon
from .types import Analysis, Claim

# Character pieces of one span, sorted and disjoint: ((start, end), ...).
Pieces = tuple[tuple[int, int], ...]

_TEXT_BOUND = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_EVENT = re.compile(r"(E\d+)\t(\S+)((?: \S+:\S+)*) *")
# A gold source that only points at its referent: the speaker mention in its sentence is its match.
_PRONOUNS = frozenset({
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me",
    "who", "whom", "which", "that", "whose", "his", "their", "its", "our", "my",
})
# A sentence ends where a stop (with its closing quote) meets a space or a paragraph break;
# "Mr. Obama", "Sen. Perdue" and initials ("George H. W. Bush") do not end one.
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\b[A-Z])"
    r"[.!?][\"'”’)]*\s|\n"
)
# brat's other annotation lines (attributes, relations, notes, normalisations, equivalences)
_OTHER = re.compile(r"(?:[ARNM#]\d*|\*)\t")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One PolNeAR attribution: its cue, source (empty for a no-source attribution) and content."""

    id: str
    cue: Pieces
    source: Pieces
    content: Pieces
    thought: bool = False  # its cue is a thought or belief ("hopes", "is worried"), not speech


@dataclass(frozen=True, slots=True)
class Prediction:
    """attrib's claims that share a cue, scored as one attribution with a content of several pieces."""

    content: Pieces
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """A gold attribution and the prediction matched to it, with their overlap and the source verdict."""

    gold: int
    prediction: int
    overlap: float
    source: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    """One story's gold, predictions and one-to-one matches: what the score and the error analysis read."""

    name: str
    text: str
    gold: tuple[GoldAttribution, ...]
    predictions: tuple[Prediction, ...]
    matches: tuple[Match, ...]
    analysis: Analysis


@dataclass(frozen=True, slots=True)
class PolnearScore:
    """Scores of one story: content, and content with the right source."""

    name: str
    content: Counts
    source: Counts
    misses: tuple[str, ...] = ()
    # Under attrib's conventions: thoughts and beliefs left out of the gold, and the
    # predictions aligned only with them neither hits nor extras.
    own_content: Counts = Counts(0, 0, 0)
    own_source: Counts = Counts(0, 0, 0)
    thoughts: int = 0  # how many gold attributions were left out as thoughts and beliefs


def pieces(spans: Sequence[tuple[int, int]]) -> Pieces:
    """The spans as sorted, merged, non-empty pieces (the union of their characters)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def size(span: Pieces) -> int:
    """How many characters the pieces cover."""
    return sum(end - start for start, end in span)


def shared(a: Pieces, b: Pieces) -> int:
    """How many characters two sets of pieces have in common."""
    total = i = j = 0
    while i < len(a) and j < len(b):
        total += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return total


def overlap(a: Pieces, b: Pieces) -> float:
    """The shared characters as a share of the larger of the two: >= 0.5 covers half of each."""
    common = shared(a, b)
    return min(common / size(a), common / size(b)) if common else 0.0


@lru_cache(maxsize=1)
def _thought_words() -> tuple[frozenset[str], dict[str, str]]:
    data = tomllib.loads(resources.files("attribution").joinpath("data/polnear.toml").read_text("utf-8"))
    return frozenset(data["thoughts"]), dict(data["irregular"])


def thoughts() -> frozenset[str]:
    """The lemmas of thought and belief cues (``thoughts`` of ``attribution/data/polnear.toml``)."""
    return _thought_words()[0]


def _lemmas(word: str) -> set[str]:
    """The lemmas a lower-case word form may have: itself, its irregular lemma and its regular stems."""
    irregular = _thought_words()[1]
    out = {word, irregular.get(word, word)}
    for ending, stems in (("ies", ("y",)), ("ied", ("y",)), ("es", ("",)), ("s", ("",)),
                          ("ed", ("", "e")), ("ing", ("", "e"))):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            out.update(stem + tail for tail in stems)
            if ending in {"ed", "ing"} and len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # "planned", "planning"
    return out


def is_thought(cue: str) -> bool:
    """Whether a cue's words are a thought or belief, not speech.

    A cue counts when one of its words is a thought word ("believes", "are afraid",
    "has long hoped") and none is a reporting verb of attrib's lexicon that is not one
    ("expressed hope that" is said).
    """
    words = [_lemmas(w) for w in _WORD.findall(cue.lower())]
    thought, lexicon = thoughts(), default_lexicon()
    speech = (lexicon.cues | lexicon.object_verbs | lexicon.proposition_verbs | lexicon.infinitive_verbs
              | lexicon.predicative_verbs) - thought
    return any(w & thought for w in words) and not any(w & speech for w in words)


def read_ann(ann: str, text: str, where: str = "the annotation") -> tuple[GoldAttribution, ...]:
    """The attributions of a brat ``.ann`` file over ``text``, in the order of their events.

    ``Attribution`` and ``Attribution-no-source`` events are read; their ``Content``,
    ``Content2``... arguments are one content of several pieces. An event without content
    (an annotator's unfinished one) is skipped. Lines that continue the text of a span
    over line breaks are skipped.

    Raises:
        InputError: for a line that is not brat, an offset outside the text, or an
            event naming a span that the file does not define.
    """
    spans: dict[str, Pieces] = {}
    events: list[tuple[int, str, list[tuple[str, str]]]] = []
    continued = 0  # lines still to come of a span's text that runs over line breaks
    for number, raw in enumerate(ann.split("\n"), 1):
        line = raw.rstrip("\r")
        if m := _TEXT_BOUND.match(line):
            found = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
            for start, end in found:
                if not 0 <= start <= end <= len(text):
                    raise InputError(f"{where} line {number}: span {start}-{end} lies outside the text "
                                     f"({len(text)} characters): is this the .ann of that .txt?")
            spans[m.group(1)] = pieces([(s, e) for s, e in found])
            continued = sum(text[s:e].count("\n") for s, e in found)
        elif m := _EVENT.fullmatch(line):
            args = [tuple(a.split(":", 1)) for a in m.group(3).split()]
            events.append((number, m.group(2).split(":", 1)[0], [(r, t) for r, t in args]))
            continued = 0
        elif _OTHER.match(line):
            continued = 0
        elif continued:
            continued -= 1
        elif line.strip():
            raise InputError(f"{where} line {number}: not a brat standoff line: {line[:60]!r}")
    out = []
    for number, kind, args in events:
        if not kind.startswith("Attribution"):
            continue
        roles: dict[str, list[tuple[int, int]]] = {"Cue": [], "Source": [], "Content": []}
        for role, target in args:
            if target not in spans:
                raise InputError(f"{where} line {number}: the event names {target}, which is not defined")
            base = role.rstrip("0123456789")
            if base in roles:
                roles[base].extend(spans[target])
        if roles["Content"]:
            cue = pieces(roles["Cue"])
            out.append(GoldAttribution(f"E{number}", cue, pieces(roles["Source"]), pieces(roles["Content"]),
                                       is_thought(" ".join(text[s:e] for s, e in cue))))
    return tuple(out)


def predictions(analysis: Analysis) -> tuple[Prediction, ...]:
    """attrib's claims grouped by cue: claims with the same cue span are one prediction.

    PolNeAR annotates one attribution per cue ("said A, and that B" is one attribution
    with a content of two pieces), so the claims attrib splits off one cue are merged.
    """
    groups: dict[object, list[Claim]] = {}
    for claim in _outermost(analysis.claims):
        key = (claim.cue.start, claim.cue.end) if claim.cue is not None else claim.id
        groups.setdefault(key, []).append(claim)
    return tuple(
        Prediction(pieces([(c.content.start, c.content.end) for c in group]), tuple(group))
        for group in groups.values()
    )


def _outermost(claims: Sequence[Claim]) -> list[Claim]:
    """The claims not inside another claim's content. PolNeAR does not nest attributions: a
    report inside a quotation ("“The minister told us the money was coming,” Smith said")
    is annotated as part of the quotation only, where attrib also gives it a claim of its own."""
    spans = sorted((c.content.start, c.content.end) for c in claims)
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))  # the furthest end up to each start
    out = []
    for c in claims:
        before = bisect_left(starts, c.content.start)  # the claims that start before this one
        if before == 0 or reach[before - 1] < c.content.end:
            out.append(c)
    return out


def source_matches(gold: GoldAttribution, prediction: Prediction, analysis: Analysis) -> bool:
    """Whether the prediction names the gold source.

    A gold source matches when the speaker mention of one of the prediction's claims, or
    any mention of its speaker entity, overlaps it. PolNeAR does not say whom a pronoun
    means, so a pronoun gold source ("he said", "an aide, who said") matches the pronoun
    mention itself or a mention of the speaker in the same sentence (the antecedent attrib
    resolved it to). A no-source gold attribution ("is expected to") matches a prediction
    without a speaker.
    """
    if not gold.source:
        return all(c.speaker is None for c in prediction.claims)
    mentions: list[tuple[int, int]] = []
    for claim in prediction.claims:
        if claim.speaker_mention is not None:
            mentions.append((claim.speaker_mention.start, claim.speaker_mention.end))
        entity = analysis.entity(claim.speaker)
        if entity is not None:
            mentions.extend((m.start, m.end) for m in entity.mentions)
    if shared(gold.source, pieces(mentions)) > 0:
        return True
    text = analysis.document.text
    start, end = gold.source[0][0], gold.source[-1][1]
    if " ".join(text[start:end].lower().split()) not in _PRONOUNS:
        return False
    return any(not _SENTENCE_END.search(text[min(e, end):max(s, start)]) for s, e in mentions)


def compare(name: str, analysis: Analysis, gold: Sequence[GoldAttribution]) -> Comparison:
    """Match predictions to gold one-to-one, best overlap first, where the overlap covers half of each."""
    preds = predictions(analysis)
    pairs = []
    for gi, g in enumerate(gold):
        low, high = g.content[0][0], g.content[-1][1]
        for pi, p in enumerate(preds):
            near = p.content and p.content[0][0] < high and low < p.content[-1][1]
            if near and (ov := overlap(g.content, p.content)) >= 0.5:
                pairs.append((-ov, gi, pi))
    matches: list[Match] = []
    taken_gold: set[int] = set()
    taken_pred: set[int] = set()
    for neg, gi, pi in sorted(pairs):
        if gi not in taken_gold and pi not in taken_pred:
            taken_gold.add(gi)
            taken_pred.add(pi)
            matches.append(Match(gi, pi, -neg, source_matches(gold[gi], preds[pi], analysis)))
    matches.sort(key=lambda m: m.gold)
    return Comparison(name, analysis.document.text, tuple(gold), preds, tuple(matches), analysis)


def _quote(text: str, span: Pieces, width: int) -> str:
    words = " ".join(" ".join(text[s:e] for s, e in span).split())
    return repr(words if len(words) <= width else words[: width - 1] + "…")


def score(comparison: Comparison) -> PolnearScore:
    """Content and content+source counts of one story, with a line for every miss and extra."""
    c = comparison
    names = {e.id: e.name for e in c.analysis.entities}
    by_gold = {m.gold: m for m in c.matches}
    misses = []
    for gi, g in enumerate(c.gold):
        source = _quote(c.text, g.source, 30) if g.source else "no source"
        if gi not in by_gold:
            aside = " [thought: left out under attrib's conventions]" if g.thought else ""
            misses.append(f"missed: {_quote(c.text, g.content, 70)} (cue {_quote(c.text, g.cue, 20)}, {source})"
                          f"{aside}")
        elif not by_gold[gi].source:
            got = {names.get(cl.speaker or "", "-") for cl in c.predictions[by_gold[gi].prediction].claims}
            misses.append(f"source: {_quote(c.text, g.content, 50)} gold={source} got={', '.join(sorted(got))!r}")
    matched = {m.prediction for m in c.matches}
    for pi, p in enumerate(c.predictions):
        if pi not in matched:
            cue = p.claims[0].cue
            misses.append(f"extra: {_quote(c.text, p.content, 70)} (cue {cue.text if cue else '-'!r})")
    n_pred, n_gold = len(c.predictions), len(c.gold)
    # attrib's conventions: a thought's gold is left out, and so is a prediction aligned only
    # with thoughts (matched to one, or unmatched over half of one's content).
    kept = [m for m in c.matches if not c.gold[m.gold].thought]
    aside = {m.prediction for m in c.matches if c.gold[m.gold].thought}
    aside |= {pi for pi, p in enumerate(c.predictions) if pi not in matched and p.content
              and any(g.thought and overlap(g.content, p.content) >= 0.5 for g in c.gold)}
    own_gold, own_pred = sum(not g.thought for g in c.gold), n_pred - len(aside)
    return PolnearScore(c.name, Counts(len(c.matches), n_pred, n_gold),
                        Counts(sum(m.source for m in c.matches), n_pred, n_gold), tuple(misses),
                        Counts(len(kept), own_pred, own_gold), Counts(sum(m.source for m in kept), own_pred, own_gold),
                        n_gold - own_gold)


def has_annotations(folder: Path) -> bool:
    """Whether ``folder`` holds brat ``.ann`` files (PolNeAR's format)."""
    return folder.is_dir() and any(folder.glob("*.ann"))


def read_story(text_path: Path, ann_path: Path) -> tuple[str, tuple[GoldAttribution, ...]]:
    """The text of a story and its gold attributions.

    Raises:
        InputError: when the text is missing or not UTF-8 (brat offsets count the
            characters of the UTF-8 text), or the annotation is malformed.
    """
    if not text_path.is_file():
        raise InputError(f"{ann_path} has no {text_path.name} beside it: PolNeAR annotations need their text")
    text = _read_utf8(text_path)
    return text, read_ann(_read_utf8(ann_path), text, str(ann_path))


def _read_utf8(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 (byte {exc.start}): brat offsets count the characters "
                         "of the UTF-8 text; convert it, e.g. iconv -f latin1 -t utf-8") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def stories(folder: Path) -> list[tuple[str, Path, Path]]:
    """``(name, text path, annotation path)`` for every ``NAME.ann`` of ``folder``.

    Raises:
        InputError: when the folder does not exist or holds no ``.ann`` file.
    """
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder of NAME.txt + NAME.ann files")
    found = [(ann.name.removesuffix(".ann"), ann.with_suffix(".txt"), ann) for ann in sorted(folder.glob("*.ann"))]
    if not found:
        raise InputError(f"{folder} holds no NAME.ann (PolNeAR brat annotation); build the cache with "
                         "scripts/polnear.py")
    return found


def compare_all(folder: Path, analyze: Callable[[str, str], Analysis]) -> list[Comparison]:
    """Compare ``analyze(text, path)`` with the gold of every story of ``folder``; all input is read first."""
    read = [(name, text_path, *read_story(text_path, ann)) for name, text_path, ann in stories(folder)]
    return [compare(name, analyze(text, str(path)), gold) for name, path, text, gold in read]


def evaluate(folder: Path, analyze: Callable[[str, str], Analysis]) -> list[PolnearScore]:
    """Score ``analyze(text, path)`` on every PolNeAR story of ``folder``, one prediction per cue."""
    return [score(c) for c in compare_all(folder, analyze)]


def total(scores: Sequence[PolnearScore]) -> PolnearScore:
    """The micro-averaged sum of story scores."""
    content = source = own_content = own_source = Counts(0, 0, 0)
    for s in scores:
        content, source = content + s.content, source + s.source
        own_content, own_source = own_content + s.own_content, own_source + s.own_source
    return PolnearScore("TOTAL", content, source, (), own_content, own_source, sum(s.thoughts for s in scores))
