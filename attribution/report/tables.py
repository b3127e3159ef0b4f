"""The claims, sources, sentences and quoted terms of an analysis as flat rows (the pandas views are in ``frames``)."""

from __future__ import annotations

from typing import Any

from ..channels import kind_of, platform_of
from ..types import Analysis, ClaimKind

CLAIM_COLUMNS: dict[str, str] = {
    "id": "string",
    "start": "int64",
    "end": "int64",
    "kind": "string",
    "speaker": "string",
    "speaker_name": "string",
    "speaker_mention": "string",
    "cue": "string",
    "cue_lemma": "string",
    "stance": "string",
    "via": "string",
    "via_names": "string",
    "channel": "string",
    "channel_kind": "string",
    "platform": "string",
    "time": "string",
    "sentence": "int64",
    "confidence": "float64",
    "content": "string",
}

SOURCE_COLUMNS: dict[str, str] = {
    "speaker": "string",
    "name": "string",
    "type": "string",
    "claims": "int64",
    **{kind.value: "int64" for kind in ClaimKind},
    "cues": "string",
    "via": "string",
    "via_names": "string",
}

SENTENCE_COLUMNS: dict[str, str] = {
    "sentence": "int64",
    "start": "int64",
    "end": "int64",
    "label": "string",
    "claims": "string",
    "text": "string",
}

TERM_COLUMNS: dict[str, str] = {
    "start": "int64",
    "end": "int64",
    "text": "string",
    "label": "string",
    "speaker": "string",
    "speaker_name": "string",
    "cue": "string",
}

UNRESOLVED = "(unresolved speaker)"


def _name(analysis: Analysis, entity_id: str | None) -> str:
    entity = analysis.entity(entity_id)
    if entity is not None:
        return entity.name
    return entity_id or ""


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def claim_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per claim, in story order, with ``CLAIM_COLUMNS`` keys (no None values).

    Args:
        analysis: the result of analysing one story.

    Returns:
        Plain dicts; lists (``via``) are joined with ``"; "``.
    """
    rows = []
    for claim in sorted(analysis.claims, key=lambda c: (c.content.start, c.content.end)):
        rows.append(
            {
                "id": claim.id,
                "start": claim.content.start,
                "end": claim.content.end,
                "kind": claim.kind.value,
                "speaker": claim.speaker or "",
                "speaker_name": _name(analysis, claim.speaker) if claim.speaker else UNRESOLVED,
                "speaker_mention": claim.speaker_mention.text if claim.speaker_mention else "",
                "cue": claim.cue.text if claim.cue else "",
                "cue_lemma": claim.cue_lemma,
                "stance": claim.stance.value,
                "via": "; ".join(claim.via),
                "via_names": "; ".join(_name(analysis, v) for v in claim.via),
                "channel": claim.channel or "",
                "channel_kind": kind_of(claim.channel) or "",
                "platform": platform_of(claim.channel) or "",
                "time": claim.time or "",
                "sentence": claim.sentence,
                "confidence": float(claim.confidence),
                "content": claim.content.text,
            }
        )
    return rows


def source_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per speaker in order of first claim, then one per claim whose speaker is unresolved.

    Unresolved speakers are counted apart: nothing says two of them are one source.

    Args:
        analysis: the result of analysing one story.

    Returns:
        Plain dicts with ``SOURCE_COLUMNS`` keys; an unresolved row has ``speaker == ""``
        and the name ``(unresolved speaker of cN)``.
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    unresolved: list[list[dict[str, Any]]] = []
    for row in claim_rows(analysis):
        if row["speaker"]:
            groups.setdefault(row["speaker"], []).append(row)
        else:
            unresolved.append([row])
    rows = []
    for speaker, claims in [*groups.items(), *(("", one) for one in unresolved)]:
        entity = analysis.entity(speaker)
        rows.append(
            {
                "speaker": speaker,
                "name": claims[0]["speaker_name"] if speaker else f"(unresolved speaker of {claims[0]['id']})",
                "type": entity.type.value if entity else "",
                "claims": len(claims),
                **{kind.value: sum(c["kind"] == kind.value for c in claims) for kind in ClaimKind},
                "cues": "; ".join(_distinct([c["cue"].lower() for c in claims])),
                "via": "; ".join(_distinct([c["via"] for c in claims])),
                "via_names": "; ".join(_distinct([c["via_names"] for c in claims])),
            }
        )
    return rows


def sentence_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per sentence of the sourcing map, in story order, with ``SENTENCE_COLUMNS`` keys.

    Args:
        analysis: the result of analysing one story.

    Returns:
        Plain dicts; the claim ids a sentence holds are joined with ``"; "``.
    """
    return [
        {
            "sentence": s.sentence,
            "start": s.span.start,
            "end": s.span.end,
            "label": s.label.value,
            "claims": "; ".join(s.claims),
            "text": s.span.text,
        }
        for s in analysis.sourcing
    ]


def term_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per quoted term, in story order, with ``TERM_COLUMNS`` keys (no None values).

    Args:
        analysis: the result of analysing one story.

    Returns:
        Plain dicts; ``cue`` holds the words that told the term's use ("so-called", "dubbed").
    """
    return [
        {
            "start": t.span.start,
            "end": t.span.end,
            "text": t.span.text,
            "label": t.label.value,
            "speaker": t.speaker or "",
            "speaker_name": _name(analysis, t.speaker) if t.speaker else "",
            "cue": t.cue or "",
        }
        for t in analysis.quoted_terms
    ]


def count_sources(analysis: Analysis) -> dict[str, int]:
    """How many claims, sources, unresolved speakers and intermediaries a story has.

    One meaning everywhere: a source is a distinct resolved speaker of a claim; each
    claim without a speaker is one unresolved speaker; an intermediary relays a claim
    (is in its ``via``) without being a speaker of any.

    Args:
        analysis: the result of analysing one story.

    Returns:
        ``{"claims": 13, "sources": 5, "unresolved": 0, "intermediaries": 2}``.
    """
    speakers = {c.speaker for c in analysis.claims if c.speaker}
    relays = {v for c in analysis.claims for v in c.via} - speakers
    return {
        "claims": len(analysis.claims),
        "sources": len(speakers),
        "unresolved": sum(c.speaker is None for c in analysis.claims),
        "intermediaries": len(relays),
    }


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def sources_phrase(counts: dict[str, int]) -> str:
    """``count_sources`` in words: ``13 claims by 5 sources and 1 unresolved speaker; 2 intermediaries``."""
    text = f"{_n(counts['claims'], 'claim', 'claims')} by {_n(counts['sources'], 'source', 'sources')}"
    if counts["unresolved"]:
        text += f" and {_n(counts['unresolved'], 'unresolved speaker', 'unresolved speakers')}"
    if counts["intermediaries"]:
        text += f"; {_n(counts['intermediaries'], 'intermediary', 'intermediaries')}"
    return text
