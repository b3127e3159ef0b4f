"""The command line's surface: versions, help, the terminal table, --publisher, --xlsx, web pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from attribution import cli
from attribution.versions import attrib_version

ROOT = Path(__file__).resolve().parent.parent
KAZ = ROOT / "corpora" / "kazakhstan_reuters.txt"
PAGE = ROOT / "tests" / "fixtures" / "pages" / "ferry_strike.html"


def invoke(*args: str, columns: int = 100, stdin: str | None = None):
    result = CliRunner().invoke(cli.app, list(args), input=stdin, env={"COLUMNS": str(columns)})
    assert "Traceback" not in result.output
    return result


def test_version_names_attrib_and_its_models():
    result = invoke("--version")
    assert (result.exit_code, result.stdout.splitlines()[:2]) == (
        0, [f"attrib {attrib_version()}", "model en_core_web_sm 3.8.0 (spacy, the default)"])


@pytest.mark.parametrize("args", [["--help"], ["analyze", "--help"], ["eval", "--help"], ["models", "--help"],
                                  ["models", "download", "--help"]])
def test_help_shows_no_python_types(args):
    text = invoke(*args).stdout
    assert (re.findall(r"<\w+(?:\[\w+\])?>", text), "--help" in text) == ([], True)


def test_help_shows_the_size_limit_in_mb_as_written():
    assert "[default: (3.1 MB = 3 MiB)]" in invoke("analyze", "--help").stdout


@pytest.mark.parametrize("columns", [80, 140])
def test_terminal_table_fits_the_terminal_and_counts_sources_as_the_report_does(columns):
    result = invoke("analyze", str(KAZ), columns=columns)
    lines = result.stdout.splitlines()
    assert (result.exit_code, max(len(line) for line in lines) <= columns) == (0, True)
    assert (lines[-1], " ".join(" ".join(lines[-4:-1]).split()).split(": ")[-1]) == (
        "13 claims by 5 sources", "Kassym-Jomart Tokayev's office, RIA news agency")
    row = next(line for line in lines if line.startswith(" c8 "))
    assert (row.split()[:2], "RIA" in row, "quoted" in row) == (["c8", "4"], True, columns >= 100)  # 80: no cue


def test_unresolved_speakers_are_each_shown_and_counted():
    # messy text: a cue with no speaker at all, twice ("said." with its subject lost in a paste)
    story = "“The dam will hold,” the engineer said.\n\n“It will hold,” said.\n\n“We leave tonight,” said.\n"
    result = invoke("analyze", "-", stdin=story)
    assert (result.stdout.count("? unresolved"), result.stdout.splitlines()[-1]) == (
        2, "3 claims by 1 source and 2 unresolved speakers")


def test_publisher_option_overrides_the_story(tmp_path: Path):
    data = json.loads(invoke("analyze", str(KAZ), "--json", "--publisher", "The Daily Planet").stdout)
    assert (data["document"]["publisher"], data["document"]["attrib_version"]) == ("The Daily Planet", attrib_version())


def test_xlsx_and_a_saved_web_page(tmp_path: Path):
    result = invoke("analyze", str(PAGE), "--xlsx", "--json", "--out", str(tmp_path))
    book = load_workbook(tmp_path / "ferry_strike.xlsx", read_only=True)
    data = json.loads((tmp_path / "ferry_strike.json").read_text(encoding="utf-8"))
    assert (result.exit_code, book.sheetnames[:2], len(list(book["claims"].values)) - 1) == (
        0, ["claims", "sources"], 6)
    assert (data["document"]["publisher"], data["document"]["text_source"]) == ("The Harbour Courier", "extracted")


def test_the_default_size_limit_is_3_mib_not_its_rounded_label(tmp_path):
    """A story of 3.12 MB is under the 3 MiB limit (3,145,728 bytes) the help rounds to 3.1 MB."""
    story = tmp_path / "big.txt"
    story.write_bytes(b"x" * 3_120_000)
    result = invoke("analyze", str(story), "--json", "--out", str(tmp_path))
    assert "larger than" not in result.output
