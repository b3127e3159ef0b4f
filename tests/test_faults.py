"""Hostile input and faults (issue 10 items 3, 5, 6, 8, 9; issue 11's CSV BOM): files that parse, cells that never run,
names and escapes shown safely, the same bytes under any hash seed."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from openpyxl import load_workbook
from test_report_html import claim, story
from typer.testing import CliRunner

from attribution import cli
from attribution.errors import InputError
from attribution.inputs import decode, expand, read_story
from attribution.report import cells
from attribution.report.atomic import write_atomic
from attribution.report.cells import FORMULA_START, safe_cell, xml_text
from attribution.report.csv import to_csv

ROOT = Path(__file__).resolve().parent.parent
ALL_FORMATS = ("--json", "--html", "--csv", "--xlsx", "--graphml", "--gexf")


def attrib(*args: str) -> Any:
    result = CliRunner().invoke(cli.app, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def run_attrib(*args: str | bytes, cwd: Path | None = None, seed: str = "0") -> subprocess.CompletedProcess[bytes]:
    """``attrib`` in a fresh process, its output as bytes (what a terminal would receive)."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "attribution", *args], capture_output=True, env=env, cwd=cwd,
                          timeout=600)


def strings(value: Any) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


# --------------------------------------------------------------------------- item 3: GraphML and GEXF are XML

XML_HOSTILE = [
    pytest.param('"We will\x1b win," John Smith said.\n', "\x1b", id="escape-in-a-quote"),
    pytest.param('Mayor wins the vote\nBy Ann\x01 Lee\n\n"We will win," John Smith said.\n', "\x01", id="byline"),
    pytest.param('"We will\ufffe win," John Smith said.\n', "\ufffe", id="U+FFFE"),
    pytest.param('"We will win," John\uffff Smith said.\n', "\uffff", id="U+FFFF"),
]


@pytest.mark.parametrize(("text", "bad"), XML_HOSTILE)
def test_item3_graph_files_parse_and_the_json_keeps_the_true_text(tmp_path: Path, text: str, bad: str):
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "o"
    assert attrib("analyze", str(tmp_path / "c.txt"), "--graphml", "--gexf", "--json", "--out", str(out)).exit_code == 0
    for name in ("c.graphml", "c.gexf"):
        ET.parse(out / name)  # raises on a character XML cannot hold
    graphml, gexf = nx.read_graphml(out / "c.graphml"), nx.read_gexf(out / "c.gexf")
    shown = [v for g in (graphml, gexf) for _, data in g.nodes(data=True) for v in data.values() if isinstance(v, str)]
    assert any("\ufffd" in v for v in shown) and not any(bad in v for v in shown)
    assert any(bad in s for s in strings(json.loads((out / "c.json").read_text(encoding="utf-8"))))


@pytest.mark.parametrize(("text", "kept"), [
    ("a\x00b\x08c\x0bd\x0ce\x1ff", "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf"),
    ("tab\tnewline\ncr\r", "tab\tnewline\ncr\r"),
    ("\ud800lone\udfff", "\ufffdlone\ufffd"),
    ("\ufffe\uffff\U0001f600 «é»", "\ufffd\ufffd\U0001f600 «é»"),
])
def test_item3_xml_text_replaces_what_xml_cannot_hold(text: str, kept: str):
    assert xml_text(text) == kept


def test_item3_html_report_holds_no_raw_control_character(tmp_path: Path):
    # shown as control pictures ("␛"), one character for one
    (tmp_path / "c.txt").write_text(XML_HOSTILE[0].values[0], encoding="utf-8")
    assert attrib("analyze", str(tmp_path / "c.txt"), "--html", "--out", str(tmp_path)).exit_code == 0
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert re.findall("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]", page) == []
    assert "\u241b" in page


def test_visible_text_shows_controls_one_for_one():
    from attribution.report.cells import visible_text

    assert visible_text("a\x1bb\x7fc\x00\ufffe\ud800\tz\n") == "a\u241bb\u2421c\u2400\ufffd\ufffd\tz\n"
    assert visible_text(3) == 3


# --------------------------------------------------------------------------- item 6: no cell runs as a formula

FORMULAS = ("Officials said that =1+2. The minister said: =cmd|' /C calc'!A0\n\n"
            '"Prices will rise," @SUM(A1 said.\n\n"-5 percent is the forecast," Ann Lee said.\n')


def test_item6_no_csv_or_sheet_cell_starts_a_formula(tmp_path: Path):
    (tmp_path / "f.txt").write_text(FORMULAS, encoding="utf-8")
    out = tmp_path / "o"
    assert attrib("analyze", str(tmp_path / "f.txt"), "--csv", "--xlsx", "--out", str(out)).exit_code == 0
    values = []
    for table in to_csv(story("x")):
        raw = (out / f"f.{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # issue 11: a BOM, so Excel reads UTF-8
        values += [v for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")) for v in row]
    book = load_workbook(out / "f.xlsx")
    sheet_cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in sheet_cells if c.data_type == "f"] == []
    values += [c.value for c in sheet_cells if isinstance(c.value, str)]
    assert [v for v in values if v.startswith(FORMULA_START)] == []
    quoted = {v for v in values if v.startswith("'")}
    assert [any(v.startswith(f"'{s}") for v in quoted) for s in ("=1+2", "=cmd|' /C calc'!A0", "@SUM(A1", "-5")] == [
        True] * 4


def test_item6_text_is_quoted_numbers_stay_numbers_in_the_story_csv():
    text = "-5 percent, Ann said. +3 points, Ann said."
    analysis = story(text, claim("c1", text, "-5 percent", "said"), claim("c2", text, "+3 points", "said"),
                     names=("@Ann",))
    rows = list(csv.DictReader(io.StringIO(to_csv(analysis)["claims"].removeprefix("\ufeff"))))
    assert [(r["content"], r["speaker_name"], r["start"], r["confidence"]) for r in rows] == [
        ("'-5 percent", "'@Ann", "0", "0.5"), ("'+3 points", "'@Ann", "22", "0.5")]


def test_item6_the_audit_tables_use_the_same_cells(tmp_path: Path):
    from attribution.audit import tables

    assert tables.safe_cell is cells.safe_cell
    path = tables.write_csv_table(tmp_path / "t.csv", ["text", "number"],
                                  [("=1+2", -5), ("-5 percent", 2.5), ("@SUM(A1", None), ("\tx", 0)])
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert rows == [["text", "number"], ["'=1+2", "-5"], ["'-5 percent", "2.5"], ["'@SUM(A1", ""], ["'\tx", "0"]]


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+2", "'=1+2"), ("+44 20 7946", "'+44 20 7946"), ("-5 percent", "'-5 percent"), ("@SUM(A1", "'@SUM(A1"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"), ("a=b", "a=b"), ("", ""),
    (None, None), (-5, -5), (-0.25, -0.25),
])
def test_item6_safe_cell(value: Any, cell: Any):
    assert safe_cell(value) == cell


# --------------------------------------------------------------------------- item 8: file names, the terminal

SAID = b'"We will win," John Smith said.\n'


def test_item8_a_file_name_that_is_not_utf8(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:  # made from bytes, as a file system holds it
        handle.write(SAID)
    (folder / "plain.txt").write_bytes(SAID)
    out = tmp_path / "o"
    done = run_attrib("analyze", "in", *ALL_FORMATS, "--out", "o", "--jobs", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    names = [n for n in os.listdir(os.fsencode(out)) if not n.startswith(b"plain.")]
    assert sorted(n.decode("utf-8") for n in names) == sorted(  # every name valid UTF-8, U+FFFD for the byte
        f"caf\ufffd{suffix}" for suffix in (".json", ".html", ".claims.csv", ".sources.csv", ".sentences.csv",
                                            ".terms.csv", ".xlsx", ".graphml", ".gexf"))
    for name in names:
        if not name.endswith(b".xlsx"):
            (out / os.fsdecode(name)).read_bytes().decode("utf-8")  # strict: valid UTF-8
    report = json.loads((out / "caf\ufffd.json").read_text(encoding="utf-8"))
    assert report["document"]["path"] == "in/caf\\xe9.txt"  # the byte shown as \xe9: valid text, nothing lost
    assert b"in/caf\\xe9.txt: 9 files" in done.stderr  # the progress line names it the same way
    single = run_attrib("analyze", os.fsencode(folder) + b"/caf\xe9.txt", "--json", cwd=tmp_path)
    assert single.returncode == 0
    assert json.loads(single.stdout.decode("utf-8"))["document"]["path"].endswith("caf\\xe9.txt")


def test_item8_long_stems_fit_in_a_file_name(tmp_path: Path):
    from attribution.inputs import report_stem

    folder = tmp_path / "in"
    folder.mkdir()
    stems = ["s" * 230, "l" * 249 + "a", "l" * 249 + "b"]
    for stem in stems:
        (folder / f"{stem}.txt").write_bytes(SAID)
    out = tmp_path / "o"
    result = attrib("analyze", str(folder), *ALL_FORMATS, "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 27 and not [n for n in written if n.startswith(".")]
    assert max(len(n.encode()) for n in written) <= 255
    assert f"{'s' * 230}.sentences.csv" in written  # a stem that fits keeps its name
    long = {report_stem(str(folder / f"{s}.txt")) for s in stems[1:]}
    assert len(long) == 2 and {f"{s}.json" for s in long} <= set(written)


def test_item8_a_write_error_names_the_report_not_its_temporary_file(tmp_path: Path):
    target = tmp_path / ("x" * 256 + ".json")  # one byte too long for a file name
    with pytest.raises(OSError) as failed:
        write_atomic(target, "{}")
    assert failed.value.filename == str(target)
    from attribution.report.atomic import write_set

    with pytest.raises(OSError) as failed:
        write_set({tmp_path / "fine.json": "{}", target: "{}"})
    assert (failed.value.filename, list(tmp_path.iterdir())) == (str(target), [])


def test_item8_escape_sequences_never_reach_the_terminal(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = 'Fire \x1b[2J sale\n\n"We will [/b] \x1b[31mwin\x9b," John Smith said.\n'
    (folder / "\x1b[31mred.txt").write_text(text, encoding="utf-8")
    (folder / "\x1b]0;title\x07empty.txt").write_text("\u3000\n", encoding="utf-8")
    runs = [run_attrib("analyze", str(folder / "\x1b[31mred.txt")),  # the summary table
            run_attrib("analyze", str(folder / "\x1b[31mred.txt"), "--json"),
            run_attrib("analyze", str(folder), "--jobs", "1"),  # "== name" headers, an error line
            run_attrib("analyze", str(folder), "--csv", "--out", str(tmp_path / "o"), "--jobs", "1")]  # progress
    for done in runs:
        shown = done.stdout + done.stderr
        assert (b"Traceback" not in shown, re.findall(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", shown)) == (
            True, [])
    assert b"Fire \\x1b[2J sale" in runs[0].stdout and b"[/b] \\x1b[31mwin\\x9b" in runs[0].stdout
    assert json.loads(runs[1].stdout)["document"]["title"] == "Fire \x1b[2J sale"  # the same JSON
    assert b"attrib: error: " in runs[2].stderr and b"\\x1b]0;title\\x07empty.txt is empty" in runs[2].stderr
    assert b"\\x1b[31mred.txt: 4 files" in runs[3].stderr


# --------------------------------------------------------------------------- item 9: smaller

@pytest.mark.parametrize("blank", ["\u3000", "\u2003\n", "\x85", "\u3000\u2003\x85\u2028\u205f\ufeff\u200b"])
def test_item9_white_space_of_any_kind_is_an_empty_story(tmp_path: Path, blank: str):
    with pytest.raises(InputError, match=r"^s\.txt is empty: there is no story to analyse$"):
        decode(blank.encode("utf-8"), "s.txt")
    (tmp_path / "s.txt").write_text(blank, encoding="utf-8")
    result = attrib("analyze", str(tmp_path / "s.txt"))
    assert (result.exit_code, result.output) == (2, f"attrib: error: {tmp_path / 's.txt'} is empty: there is no "
                                                    "story to analyse\n")


def test_item9_eval_reads_a_latin1_story_as_analyze_does(tmp_path: Path):
    # a Latin-1 story was a traceback; it is messy input, read as Windows-1252 like `attrib analyze`
    story = "Le maire a déclaré «non». Officials said the café would close.\n"
    (tmp_path / "a.txt").write_bytes(story.encode("latin-1"))
    (tmp_path / "a.gold.json").write_text(json.dumps({"attributions": [
        {"content": "the café would close", "kind": "indirect", "speaker": "Officials"}]}), encoding="utf-8")
    result = attrib("eval", str(tmp_path))
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "1.00/1.00/1.00" in result.output


@pytest.mark.parametrize(("story_bytes", "gold", "says"), [
    (b"Officials said so.\n", [], "a.gold.json is not gold: expected an object with an `attributions` list"),
    (b"Officials said so.\n", {"attributions": [{"speaker": "Officials"}]},
     "a.gold.json is not gold: attribution 1 has no `content` string"),
], ids=["gold-list", "no-content"])
def test_item9_eval_says_what_is_wrong_in_one_line(tmp_path: Path, story_bytes: bytes, gold: Any, says: str):
    (tmp_path / "a.txt").write_bytes(story_bytes)
    (tmp_path / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    result = attrib("eval", str(tmp_path))
    assert (result.exit_code, len(result.output.splitlines())) == (2, 1)
    assert result.output.startswith(f"attrib: error: {tmp_path}/") and says in result.output


def test_item9_links_out_of_the_folder_are_not_followed(tmp_path: Path):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "a.txt").write_bytes(SAID)
    (outside / "secret.txt").write_bytes(b"Officials said the password is hunter2.\n")
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    (folder / "alias.txt").symlink_to("a.txt")  # a link that stays inside the folder is a story
    (folder / "sub").symlink_to(outside, target_is_directory=True)
    assert expand([str(folder)]) == [str(folder / "a.txt"), str(folder / "alias.txt")]
    assert expand([str(folder / "leak.txt")]) == [str(folder / "leak.txt")]  # named explicitly: read
    assert "hunter2" in read_story(str(folder / "leak.txt")).text


# --------------------------------------------------------------------------- item 5: the same bytes in any process

SEEDS = ("0", "1", "4", "17")
CORPORA = ("kazakhstan_reuters", "dev_03_football_transfer", "dev_06_mayoral_runoff_dispute",
           "dev_08_colombia_ceasefire_talks")
INVENTED = {
    "channel": '"It was fine," Anthony Gilberthorpe said in a note provided to The New York Post by the campaign.\n',
    # two intermediaries in one chain: the report's diagram orders the relay hops
    "relays": ("According to the RIA news agency, Interfax quoted the minister as saying that the bridge would "
               "reopen.\n\nTass reported that the Interfax news agency quoted the governor as saying that prices "
               "would rise.\n"),
}


@pytest.fixture(scope="module")
def seeded_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every story's reports written by one process per hash seed (the processes run side by side)."""
    base = tmp_path_factory.mktemp("seeds")
    folder = base / "in"
    folder.mkdir()
    for name in CORPORA:
        (folder / f"{name}.txt").write_bytes((ROOT / "corpora" / f"{name}.txt").read_bytes())
    for name, text in INVENTED.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "COLUMNS": "120"}
    procs = {seed: subprocess.Popen([sys.executable, "-m", "attribution", "analyze", str(folder), "--json", "--html",
                                     "--csv", "--graphml", "--gexf", "--out", str(base / seed), "--jobs", "1"],
                                    env={**env, "PYTHONHASHSEED": seed}, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
             for seed in SEEDS}
    assert {seed: p.wait(timeout=900) for seed, p in procs.items()} == dict.fromkeys(SEEDS, 0)
    return {seed: base / seed for seed in SEEDS}


@pytest.mark.parametrize("name", [
    *CORPORA,
    "channel",
    "relays",
])
def test_item5_reports_are_byte_identical_under_any_hash_seed(seeded_reports: dict[str, Path], name: str):
    first = seeded_reports[SEEDS[0]]
    files = sorted(p.name for p in first.glob(f"{name}.*"))
    assert {f"{name}.{suffix}" for suffix in ("json", "html", "claims.csv", "graphml", "gexf")} <= set(files)
    for seed in SEEDS[1:]:
        assert [f for f in files if (seeded_reports[seed] / f).read_bytes() != (first / f).read_bytes()] == [], seed
