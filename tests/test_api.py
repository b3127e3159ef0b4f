"""The Python API: ``attribution.analyze`` and the pandas views of an analysis."""

from __future__ import annotations

import attribution

STORY = ("Anna Berg said on Monday that the plant would close.\n\n"
         "“We had no choice,” she added in a statement.\n\nThe plant opened in 1990.\n")


def test_analyze_returns_an_analysis_with_resolved_speakers() -> None:
    analysis = attribution.analyze(STORY)
    assert isinstance(analysis, attribution.Analysis)
    names = [analysis.entity(c.speaker).name for c in analysis.claims]
    assert names == ["Anna Berg", "Anna Berg"]
    assert [c.kind for c in analysis.claims] == [attribution.ClaimKind.INDIRECT, attribution.ClaimKind.DIRECT]
    assert [(c.channel, c.time) for c in analysis.claims] == [(None, "Monday"), ("statement", None)]


def test_frames_have_one_row_per_claim_and_per_source() -> None:
    analysis = attribution.analyze(STORY)
    claims = analysis.claims_frame()
    sources = analysis.sources_frame()
    assert claims["id"].tolist() == ["c1", "c2"]
    assert claims["speaker_name"].tolist() == ["Anna Berg", "Anna Berg"]
    assert sources[["name", "claims", "direct", "indirect"]].values.tolist() == [["Anna Berg", 2, 1, 1]]


def test_a_story_without_claims_gives_empty_frames_with_the_same_columns() -> None:
    empty = attribution.analyze("The plant opened in 1990.\n")
    full = attribution.analyze(STORY)
    assert empty.claims == ()
    assert empty.claims_frame().columns.tolist() == full.claims_frame().columns.tolist()
    assert empty.sources_frame().columns.tolist() == full.sources_frame().columns.tolist()
