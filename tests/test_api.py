"""The Python API: ``analyze``, ``analyze_many``, the pandas views and the notebook display."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import attribution
from attribution import analyze, analyze_many, claims_frame, sources_frame

ROOT = Path(__file__).resolve().parent.parent
STORY = ("Anna Berg said on Monday that the plant would close.\n\n"
         "“We had no choice,” she added in a statement.\n\nThe plant opened in 1990.\n")
OTHER = "The mayor said the bridge would reopen in May.\n"


def test_analyze_returns_an_analysis_with_resolved_speakers() -> None:
    analysis = analyze(STORY)
    assert isinstance(analysis, attribution.Analysis)
    names = [analysis.entity(c.speaker).name for c in analysis.claims]
    assert names == ["Anna Berg", "Anna Berg"]
    assert [c.kind for c in analysis.claims] == [attribution.ClaimKind.INDIRECT, attribution.ClaimKind.DIRECT]
    assert [(c.channel, c.time) for c in analysis.claims] == [(None, "Monday"), ("statement", None)]


def test_frames_have_one_row_per_claim_and_per_source() -> None:
    analysis = analyze(STORY)
    claims = claims_frame(analysis)
    sources = sources_frame(analysis)
    assert claims["id"].tolist() == ["c1", "c2"]
    assert claims["speaker_name"].tolist() == ["Anna Berg", "Anna Berg"]
    assert sources[["name", "claims", "direct", "indirect"]].values.tolist() == [["Anna Berg", 2, 1, 1]]


def test_a_story_without_claims_gives_empty_frames_with_the_same_columns() -> None:
    empty = analyze("The plant opened in 1990.\n")
    full = analyze(STORY)
    assert empty.claims == ()
    assert claims_frame(empty).columns.tolist() == claims_frame(full).columns.tolist()
    assert sources_frame(empty).columns.tolist() == sources_frame(full).columns.tolist()


def test_the_types_module_imports_no_report_code_at_module_level() -> None:
    tree = ast.parse((ROOT / "attribution" / "types.py").read_text(encoding="utf-8"))
    top = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    modules = [n.module or "" for n in top if isinstance(n, ast.ImportFrom)] + [a.name for n in top
                                                                                if isinstance(n, ast.Import)
                                                                                for a in n.names]
    assert [m for m in modules if "report" in m or "pandas" in m] == []
    assert not hasattr(attribution.Analysis, "claims_frame")


def test_analyze_many_takes_texts_and_files_in_order(tmp_path: Path) -> None:
    page = ROOT / "tests" / "fixtures" / "pages" / "ferry_strike.html"
    results = list(analyze_many([STORY, page, OTHER]))
    assert [len(a.claims) for a in results] == [2, 6, 1]
    assert (results[1].path, results[1].document.publisher, results[1].document.extracted_by is not None) == (
        str(page), "The Harbour Courier", True)
    assert [a.document.publisher for a in analyze_many([OTHER], publisher="Daily Planet")] == ["Daily Planet"]


def test_analyze_many_with_worker_processes_gives_the_same_claims() -> None:
    alone = [[c.content.text for c in a.claims] for a in analyze_many([STORY, OTHER])]
    pooled = [[c.content.text for c in a.claims] for a in analyze_many([STORY, OTHER], jobs=2)]
    assert pooled == alone


def test_repr_is_short_and_says_what_was_found() -> None:
    text = repr(analyze(STORY))
    assert text == "<Analysis 'story': 2 claims by 1 source, 127 characters>"
    path = ROOT / "corpora" / "kazakhstan_reuters.txt"
    assert repr(next(analyze_many([path]))) == f"<Analysis '{path}': 13 claims by 5 sources, 3,551 characters>"


def css_selectors(html: str) -> list[str]:
    """Every selector of every rule in the page's ``<style>`` elements."""
    found = []
    for style in re.findall(r"<style>(.*?)</style>", html, re.DOTALL):
        style = re.sub(r"/\*.*?\*/", "", style, flags=re.DOTALL)
        assert "@" not in style  # no at-rule (@media, @import, @font-face) to escape the scope
        for rule in style.split("}"):
            if rule.strip():
                found += [s.strip() for s in rule.split("{")[0].split(",")]
    return found


def test_notebook_html_is_scoped_to_its_own_box() -> None:
    analysis = analyze((ROOT / "corpora" / "kazakhstan_reuters.txt").read_text(encoding="utf-8"))
    first, second = analysis._repr_html_(), analysis._repr_html_()
    scope = re.match(r'<div class="(attrib-[0-9a-f]{8}-\d+)">', first).group(1)
    selectors = css_selectors(first)
    assert len(selectors) > 10
    assert [s for s in selectors if not re.match(rf"\.{scope}(?![\w-])", s)] == []
    assert re.match(r'<div class="(attrib-[0-9a-f]{8}-\d+)">', second).group(1) != scope
    marked = set(re.findall(r'<mark [^>]*title="(c\d+):', first))
    assert ("<script" in first, "http" in first, marked, "13 claims by 5 sources" in first) == (
        False, False, {c.id for c in analysis.claims}, True)
