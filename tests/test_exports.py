"""The Excel workbook and the GEXF graph, read back the way desk editors' tools read them."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from openpyxl import load_workbook
from test_graph import ROOT, analysis_for, csto_analysis
from test_report_html import claim, story

from attribution.graph import build_graph
from attribution.report.cells import xml_cell
from attribution.report.graphml import write_gexf
from attribution.report.palette import HUES
from attribution.report.tables import CLAIM_COLUMNS, SOURCE_COLUMNS
from attribution.report.xlsx import to_xlsx, write_xlsx

KAZ = ROOT / "corpora" / "kazakhstan_reuters.txt"


def test_workbook_has_a_sheet_per_table_with_every_row(tmp_path: Path):
    analysis = analysis_for(KAZ)
    book = load_workbook(write_xlsx(analysis, tmp_path / "kaz.xlsx"), read_only=True)
    rows = {name: list(book[name].values) for name in book.sheetnames}
    about = dict(rows["document"][1:])
    assert book.sheetnames == ["claims", "sources", "entities", "document"]
    assert (rows["claims"][0], rows["sources"][0]) == (tuple(CLAIM_COLUMNS), tuple(SOURCE_COLUMNS))
    assert ([r[0] for r in rows["claims"][1:]], len(rows["sources"]) - 1, len(rows["entities"]) - 1) == (
        [c.id for c in analysis.claims], 5, len(analysis.entities))
    assert (about["publisher"], about["model"], about["text_source"]) == ("Reuters", "en_core_web_sm 3.8.0", "input")


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1 said", "'+1 said"),
        ("-2 said", "'-2 said"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("plain = text", "plain = text"),
        ("bell\x07 char", "bell\ufffd char"),
        (-3, -3),
        (0.5, 0.5),
    ],
)
def test_cells_that_would_run_as_formulas_are_kept_as_text(value, stored):
    assert xml_cell(value) == stored


def test_a_hostile_story_opens_as_text_only():
    text = "=cmd|' /C calc'!A0 Ann said. @SUM(1) Bob said."
    analysis = story(text, claim("c1", text, "=cmd|' /C calc'!A0", "said", "e1", "Ann"), names=("=Ann",))
    book = load_workbook(io.BytesIO(to_xlsx(analysis)))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert "'=cmd|' /C calc'!A0" in [c.value for c in cells]


def test_gexf_has_one_weighted_edge_per_pair_with_its_claims(tmp_path: Path):
    text = "Ann said A. Ann said B. Ann told RIA C, RIA said. Ann told RIA D, RIA said."
    analysis = story(
        text,
        claim("c1", text, "A", "said"), claim("c2", text, "B", "said"),
        claim("c3", text, "C", "told", via=("e2",)), claim("c4", text, "D", "told", via=("e2",)),
        names=("Ann", "RIA"),
    )
    graph = build_graph(analysis)
    back = nx.read_gexf(write_gexf(graph, tmp_path / "g.gexf"))
    assert (type(back), back.number_of_edges()) == (nx.DiGraph, len({(u, v) for u, v in graph.edges()}))
    relay = back.edges["e1", "e2"]
    direct = back.edges["e1", "publisher"]
    assert (relay["weight"], relay["claims"], relay["label"]) == (2, "c3 c4", "2 claims")
    assert (direct["weight"], direct["claims"]) == (2, "c1 c2")
    assert sum(d["weight"] for _, _, d in back.edges(data=True)) == graph.number_of_edges()


def test_gexf_colours_and_labels_match_the_report(tmp_path: Path):
    graph = build_graph(csto_analysis())
    back = nx.read_gexf(write_gexf(graph, tmp_path / "csto.gexf"))

    def hex_of(node: str) -> str:
        c = back.nodes[node]["viz"]["color"]
        return f"#{c['r']:02X}{c['g']:02X}{c['b']:02X}"

    assert (back.nodes["e2"]["label"], back.nodes["e2"]["speaker_number"], hex_of("e2")) == (
        "CSTO general secretary", 1, HUES[0])
    assert (hex_of("e3"), back.nodes["c1"]["char_start"], back.nodes["publisher"]["label"]) == (HUES[1], 0, "Reuters")
