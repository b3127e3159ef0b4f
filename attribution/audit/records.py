"""One analysis as the plain rows of the audit store: the story, its claims, sources and quoted terms."""

from __future__ import annotations

import calendar
import dataclasses
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..lexicon import Lexicon, default_lexicon
from ..report.json import profile_dict
from ..types import Analysis, BlockKind, EntityType, Profile

# The profile's named columns (../shared/CONTRACT.md, "Additions"); the whole profile is kept as JSON too.
PROFILE_COLUMNS: dict[str, str] = {
    "named_sources": "INTEGER",
    "anonymous_sources": "INTEGER",
    "document_sources": "INTEGER",
    "anonymous_claim_share": "REAL",
    "via_claim_share": "REAL",
    "top_source_share": "REAL",
    "unsourced_sentence_share": "REAL",
    "loaded_verbs": "INTEGER",
}
CLAIM_FIELDS = ("n", "local", "kind", "speaker", "speaker_name", "speaker_mention", "via", "via_names", "cue",
                "cue_lemma", "stance", "channel", "time", "sentence", "confidence", "start", "end", "content")
SOURCE_FIELDS = ("n", "local", "name", "type", "key", "forms", "claims", "relayed")
TERM_FIELDS = ("n", "start", "end", "text", "label", "speaker")
# stance classes that are not neutral: the verb itself judges the claim
_LOADED = ("distancing", "endorsing", "dramatic")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATES = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"\b(?P<day>[0-3]?\d)\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d),?\s+(?P<year>(?:19|20)\d\d)\b"),
)
_POSSESSIVE = re.compile(r"^.*?['’]s\s+")
_WORD = re.compile(r"[\w'-]+")


@dataclass(frozen=True, slots=True)
class StoryRecord:
    """What the audit store keeps of one story: plain values only, cheap to pickle and send."""

    sha256: str
    title: str | None
    publisher: str | None
    byline: str
    date: str | None
    dateline: str | None
    chars: int
    attrib_version: str
    model: str
    claim_count: int
    source_count: int
    profile: str | None
    warnings: str
    claims: tuple[tuple[Any, ...], ...]
    sources: tuple[tuple[Any, ...], ...]
    terms: tuple[tuple[Any, ...], ...]

    def profile_values(self) -> dict[str, Any]:
        """The named profile columns (None where the analysis had no profile)."""
        data = json.loads(self.profile) if self.profile else {}
        values = {name: data.get(name) for name in PROFILE_COLUMNS}
        stance = data.get("stance")
        if isinstance(stance, dict) and values["loaded_verbs"] is None:
            values["loaded_verbs"] = sum(int(stance.get(k, 0)) for k in _LOADED)
        return values


def _plain(value: Any) -> Any:
    """A profile (a dataclass, a mapping or an object with fields) as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "_asdict"):
        return _plain(value._asdict())
    return value


def story_date(analysis: Analysis) -> str | None:
    """The story's date as ``YYYY-MM-DD`` where its text gives one, else None.

    Read from the document's own ``date`` when the analysis has one, else from the lines
    above the body ("Published 14 August 2024, 18:42 BST", "Posted Dec. 11, 2024").
    """
    own = getattr(analysis.document, "date", None)
    if own:
        return str(own)[:10]
    heads = [b.span.text for b in analysis.document.blocks[:8]
             if b.kind in (BlockKind.META, BlockKind.BYLINE, BlockKind.TITLE)]
    return next((found for text in heads if (found := date_in(text))), None)


def date_in(text: str) -> str | None:
    """The first valid date a line writes ("14 August 2024", "Dec. 11, 2024", "2024-08-14"), as ``YYYY-MM-DD``."""
    for pattern in _DATES:
        for m in pattern.finditer(text):
            parts = m.groupdict()
            month = int(parts["m"]) if parts.get("m") else _MONTHS.get(parts["month"].lower())
            day, year = int(parts["day"]), int(parts["year"])
            if month and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def name_key(name: str, kind: str, lexicon: Lexicon | None = None) -> str:
    """The form of a source's name that groups it across stories.

    Case, accents and a leading possessive ("CNN's Jake Tapper") are dropped; for a person
    also the title words before the name ("Kazakh President Kassym-Jomart Tokayev").
    """
    lex = lexicon or default_lexicon()
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold().replace("’", "'")
    if kind == EntityType.PERSON.value:
        plain = _POSSESSIVE.sub("", plain)
    words = _WORD.findall(plain)
    if words and words[0] == "the":
        words = words[1:]
    if kind == EntityType.PERSON.value:
        titled = [i for i, w in enumerate(words) if w in lex.titles]
        if titled and titled[-1] < len(words) - 1:
            words = words[titled[-1] + 1:]
    return " ".join(words) or name.casefold()


def _forms(mentions: list[str], key: str, kind: str, lex: Lexicon) -> list[str]:
    """The ways a story names a source: proper-name mentions (for a person, those with the surname)."""
    last = key.split()[-1] if key else ""
    found = []
    for text in mentions:
        text = " ".join(text.split())
        if not text or text.lower() in lex.pronouns or not any(c.isupper() for c in text):
            continue
        if kind == EntityType.PERSON.value and last and last not in name_key(text, kind, lex).split():
            continue
        found.append(text)
    return list(dict.fromkeys(found))[:12]


def _stance(claim: Any) -> str | None:
    for field in ("stance", "cue_stance"):
        value = getattr(claim, field, None)
        if value:
            return str(getattr(value, "value", value))
    return None


def story_record(analysis: Analysis, *, attrib_version: str, model: str) -> StoryRecord:
    """The store's rows for one analysis (ids local to the story: the store prefixes them).

    Args:
        analysis: the result of analysing one story.
        attrib_version: the version of attrib that analysed it.
        model: the NLP model that parsed it ("en_core_web_sm 3.8.0").

    Returns:
        A ``StoryRecord``; the profile and quoted terms are read when the analysis has them.
    """
    lex = default_lexicon()
    doc = analysis.document
    names = {e.id: e.name for e in analysis.entities}
    claims = []
    speaking: Counter[str] = Counter()
    relaying: Counter[str] = Counter()
    for n, c in enumerate(sorted(analysis.claims, key=lambda c: (c.content.start, c.content.end)), 1):
        if c.speaker:
            speaking[c.speaker] += 1
        relaying.update(dict.fromkeys(c.via, 1))
        claims.append((
            n, c.id, c.kind.value, c.speaker, names.get(c.speaker or ""),
            c.speaker_mention.text if c.speaker_mention else None, " ".join(c.via),
            "; ".join(names.get(v, v) for v in c.via), c.cue.text if c.cue else None, c.cue_lemma or None,
            _stance(c), c.channel, c.time, c.sentence, float(c.confidence), c.content.start, c.content.end,
            c.content.text,
        ))
    sources = []
    for n, e in enumerate(analysis.entities, 1):
        key = name_key(e.name, e.type.value, lex)
        forms = _forms([e.name, *(m.text for m in e.mentions)], key, e.type.value, lex)
        sources.append((n, e.id, e.name, e.type.value, key, json.dumps(forms, ensure_ascii=False),
                        speaking[e.id], relaying[e.id]))
    terms = []
    for n, t in enumerate(getattr(analysis, "quoted_terms", None) or (), 1):
        span = getattr(t, "span", t)
        label = getattr(t, "label", None)
        terms.append((n, span.start, span.end, span.text, str(getattr(label, "value", label) or ""),
                      getattr(t, "speaker", None)))
    profile = getattr(analysis, "profile", None)
    plain = profile_dict(profile) if isinstance(profile, Profile) else _plain(profile) if profile is not None else None
    return StoryRecord(
        sha256=analysis.sha256,
        title=doc.title.text if doc.title else None,
        publisher=doc.publisher,
        byline="; ".join(doc.byline),
        date=story_date(analysis),
        dateline=doc.dateline.text if doc.dateline else None,
        chars=len(doc.text),
        attrib_version=attrib_version,
        model=model,
        claim_count=int(plain["claims"]) if plain and "claims" in plain else len(claims),
        source_count=int(plain["sources"]) if plain and "sources" in plain else len(speaking),
        profile=json.dumps(plain, ensure_ascii=False, sort_keys=True) if plain is not None else None,
        warnings=json.dumps(list(analysis.warnings), ensure_ascii=False),
        claims=tuple(claims),
        sources=tuple(sources),
        terms=tuple(terms),
    )
