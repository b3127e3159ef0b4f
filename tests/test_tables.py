"""Claims and sources tables, their CSV files, and the atomic writer under them."""

from __future__ import annotations

import pytest
from test_graph import csto_analysis

from attribution.report.atomic import OverwriteError, write_atomic
from attribution.report.csv import to_csv, write_csv
from attribution.report.frames import claims_frame, sources_frame
from attribution.report.tables import CLAIM_COLUMNS, SOURCE_COLUMNS
from attribution.types import Analysis, Document


def empty_analysis() -> Analysis:
    return Analysis(Document("Nothing was said.", None, None, (), None, ()), None, "", (), ())


def test_claims_frame_rows_in_story_order():
    frame = claims_frame(csto_analysis())
    rows = list(frame[["id", "kind", "speaker_name", "cue", "via_names", "channel", "time"]]
                .itertuples(index=False, name=None))
    assert rows == [
        ("c1", "indirect", "CSTO general secretary", "quoted", "RIA news agency", "", "Thursday"),
        ("c2", "indirect", "Kazakh government", "said", "", "statement", ""),
        ("c3", "according_to", "(unresolved speaker)", "according to", "", "", ""),
    ]


def test_sources_frame_counts_kinds_cues_and_via():
    frame = sources_frame(csto_analysis())
    assert [tuple(r) for r in frame.itertuples(index=False, name=None)] == [
        ("e2", "CSTO general secretary", "person", 1, 0, 1, 0, 0, "quoted", "e1", "RIA news agency"),
        ("e3", "Kazakh government", "government", 1, 0, 1, 0, 0, "said", "", ""),
        ("", "(unresolved speaker of c3)", "", 1, 0, 0, 0, 1, "according to", "", ""),
    ]


@pytest.mark.parametrize(
    ("make", "columns"),
    [(claims_frame, CLAIM_COLUMNS), (sources_frame, SOURCE_COLUMNS)],
)
def test_columns_and_dtypes_are_fixed_even_without_claims(make, columns):
    frame = make(empty_analysis())
    assert (len(frame), list(frame.columns), [str(t) for t in frame.dtypes]) == (
        0, list(columns), [str(t) for t in columns.values()],
    )


def test_csv_header_lines_after_a_bom():
    texts = to_csv(empty_analysis())
    assert (texts["claims"], texts["sources"]) == (
        "\ufeff" + ",".join(CLAIM_COLUMNS) + "\n", "\ufeff" + ",".join(SOURCE_COLUMNS) + "\n",
    )


def test_write_csv_names_files_after_the_story(tmp_path):
    paths = write_csv(csto_analysis(), tmp_path / "out", "csto")
    assert [(p.name, len(p.read_text(encoding="utf-8-sig").splitlines())) for p in paths] == [
        ("csto.claims.csv", 4), ("csto.sources.csv", 4), ("csto.sentences.csv", 1), ("csto.terms.csv", 1),
    ]


def test_write_atomic_replaces_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new ✓\r\n")
    assert (target.read_bytes(), sorted(p.name for p in tmp_path.iterdir())) == (
        "new ✓\r\n".encode(), ["r.txt"],
    )


def test_write_atomic_refuses_to_overwrite_the_input(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The story.", encoding="utf-8")
    with pytest.raises(OverwriteError, match="refusing to overwrite the input file"):
        write_atomic(tmp_path / "." / "story.txt", "report", protect=[story])
    assert story.read_text(encoding="utf-8") == "The story."
