"""A claim as a comparable row, for the tables of invented sentences in test_claims and test_layout."""

from __future__ import annotations

from attribution.pipeline import analyze

Row = tuple[str, str | None, tuple[str, ...], str | None, str]


def claims_of(text: str) -> list[Row]:
    """Each claim of ``text`` as (kind, speaker name, via names, cue, content)."""
    analysis = analyze(text)
    names = {e.id: e.name for e in analysis.entities}
    return [
        (c.kind.value, names.get(c.speaker or ""), tuple(names[v] for v in c.via),
         c.cue.text if c.cue else None, c.content.text)
        for c in analysis.claims
    ]
