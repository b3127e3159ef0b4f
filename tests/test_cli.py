"""`attrib analyze`: one story or an archive, reports per story, one-line errors, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attribution import cli

ROOT = Path(__file__).resolve().parent.parent
KAZ = ROOT / "corpora" / "kazakhstan_reuters.txt"
SHORT = "ALMATY (Reuters) - The ministry said on Friday that 26 people had been detained.\n"
OTHER = '"We will rebuild," Mayor Ana Ruiz told reporters on Monday.\n'


def run(*args: str, stdin: str | bytes | None = None):
    result = CliRunner().invoke(cli.app, ["analyze", *args], input=stdin)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a_short.txt").write_text(SHORT, encoding="utf-8")
    (folder / "b_other.txt").write_text(OTHER, encoding="utf-8")
    (folder / "c_kaz.txt").write_text(KAZ.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_summary_table_for_one_story():
    result = run(str(KAZ))
    assert result.exit_code == 0
    assert "Kassym-Jomart Tokayev" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].endswith("sources")


def test_json_on_stdout_is_the_contract_and_deterministic():
    first, second = run(str(KAZ), "--json"), run(str(KAZ), "--json")
    assert first.exit_code == 0
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["schema"] == "attrib/1"
    text = KAZ.read_text(encoding="utf-8")
    for claim in data["claims"]:
        assert text[claim["content"]["start"]:claim["content"]["end"]] == claim["content"]["text"]


def test_stdin():
    result = run("-", "--json", stdin=SHORT)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["path"] is None


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["missing.txt"], None, "attrib: error: missing.txt does not exist"),
        (["-"], "", "attrib: error: - is empty: there is no story to analyse"),
        (["-", "--max-mb", "0.00001"], SHORT, "attrib: error: - is larger than 0.0 MB"),
        (["-"], b"%PDF-1.4 binary", "attrib: error: - looks like a binary file"),
        (["-", "--nlp", "bert"], SHORT, "attrib: error: unknown NLP backend 'bert'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], stdin: str | None, message: str):
    result = run(*args, stdin=stdin)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_folder_writes_one_report_set_per_story_with_progress(archive: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = run(str(archive), "--json", "--csv", "--out", str(out))
    assert result.exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{s}{ext}" for s in ("a_short", "b_other", "c_kaz")
                           for ext in (".json", ".claims.csv", ".sources.csv", ".sentences.csv", ".terms.csv"))
    assert "[3/3]" in result.stderr
    assert "3 of 3 stories analysed" in result.stderr


def test_a_failing_story_is_skipped_and_the_others_kept(archive: Path, tmp_path: Path):
    (archive / "b_empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(archive), "--json", "--out", str(out))
    assert result.exit_code == 1
    assert "b_empty.txt is empty: there is no story to analyse (skipped)" in result.stderr
    assert "3 of 4 stories analysed" in result.stderr and "1 failed" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a_short.json", "b_other.json", "c_kaz.json"]


def test_an_internal_error_in_one_story_is_reported_not_raised(archive: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch):
    from attribution import pipeline

    real = pipeline.analyze

    def flaky(text: str, **kwargs):
        if "Ruiz" in text:
            raise ValueError("boom")
        return real(text, **kwargs)

    monkeypatch.setattr(pipeline, "analyze", flaky)
    # --jobs 1: the patch reaches this process only, not worker processes
    result = run(str(archive), "--json", "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 1
    assert "b_other.txt: internal error (ValueError: boom); please report it (skipped)" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a_short.json", "c_kaz.json"]


def test_jobs_2_gives_the_same_files_as_one_job(archive: Path, tmp_path: Path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(str(archive), "--json", "--out", str(one)).exit_code == 0
    result = run(str(archive), "--json", "--out", str(two), "--jobs", "2")
    assert result.exit_code == 0
    files = sorted(p.name for p in one.iterdir())
    assert files == sorted(p.name for p in two.iterdir()) and len(files) == 3
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_summaries_of_several_stories_come_in_input_order(archive: Path):
    result = run(str(archive / "c_kaz.txt"), str(archive / "a_short.txt"), "--jobs", "2")
    assert result.exit_code == 0
    heads = [line for line in result.stdout.splitlines() if line.startswith("== ")]
    assert heads == [f"== {archive / 'c_kaz.txt'}", f"== {archive / 'a_short.txt'}"]


def test_output_over_the_input_is_refused(tmp_path: Path):
    story = tmp_path / "story.json"
    story.write_text(SHORT, encoding="utf-8")
    result = run(str(story), "--json", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "refusing to overwrite the input file" in result.stderr
    assert story.read_text(encoding="utf-8") == SHORT


def test_unwritable_output_folder(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run(str(KAZ), "--html", "--out", str(blocker / "reports"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"attrib: error: cannot create the output folder {blocker / 'reports'}")


def test_two_stories_with_one_name_are_refused_before_any_work(tmp_path: Path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(SHORT, encoding="utf-8")
    result = run(str(tmp_path / "x" / "story.txt"), str(tmp_path / "y" / "story.txt"), "--json",
                 "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "would both write reports named story.*" in result.stderr


def test_ctrl_c_is_a_clean_exit_130(monkeypatch: pytest.MonkeyPatch):
    from attribution import pipeline

    def interrupted(text: str, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "analyze", interrupted)
    result = run(str(KAZ))
    assert result.exit_code == 130
    assert result.stderr.strip() == ("attrib: interrupted: 0 of 1 stories analysed, 1 abandoned; "
                                     "every report written is complete (an abandoned story has none)")


def test_stanza_without_models_names_the_download_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from attribution import nlp

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "no-models"))
    nlp.load_stanza.cache_clear()
    try:
        result = run(str(KAZ), "--nlp", "stanza")
    finally:
        nlp.load_stanza.cache_clear()
    assert result.exit_code == 2
    assert "attrib models download stanza" in result.output


def test_a_folder_with_json_and_no_out_prints_json_lines(archive: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing may be written into ./reports/
    result = run(str(archive), "--json", "--jobs", "1")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    stories = [json.loads(line) for line in lines]
    assert [Path(s["document"]["path"]).name for s in stories] == ["a_short.txt", "b_other.txt", "c_kaz.txt"]
    assert all(s["schema"] == "attrib/1" for s in stories)
    assert not (tmp_path / "reports").exists()
