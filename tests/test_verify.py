"""`attrib verify`: a quote checked against a story, one invented case a row, then the command line."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attribution import cli
from attribution.audit.verify import QuoteCheck, Verdict, fold, read_quotes, verify
from attribution.errors import InputError
from attribution.pipeline import analyze

PORT = "\n\n".join([
    'Dock union hails "victory for every worker" as port strike ends',
    "By Jane Roe",
    "ROTTERDAM (Reuters) – Dock workers at the port of Rotterdam voted on Tuesday to end an 11-day strike "
    "after the operator agreed to a 6% pay rise, the FNV union said.",
    "“This is a victory for every worker on these docks. We stood together, and we won. Nobody gave us "
    "anything,” union leader Marieke de Vries told reporters outside the terminal.",
    "“We didn’t want this strike,” de Vries said.",
    "Port director Henk Jansen said the strike had cost the port “tens of millions of euros” and that it "
    "would take at least two weeks to clear the backlog of ships.",
    "“We regret the disruption to our customers — but we are glad the talks are over,” Jansen said in a statement.",
    "“We will be back at work tomorrow… and we will be proud,” said Pieter Bakker, a crane operator.",
    "The port handled 440 million tonnes of cargo last year.",
]) + "\n"

GLACIER = "\n\n".join([
    "Alpine glacier loss doubled in a decade, study finds",
    "GENEVA (AP) - Alpine glaciers lost ice twice as fast between 2013 and 2023 as in the decade before, "
    "according to a study published on Monday in the journal Nature Geoscience.",
    '"The glaciers we measured are not shrinking, they are collapsing," said lead author Dr. Lena Brunner of '
    'ETH Zurich. "Some of them will be gone before my children are grown."',
    "Brunner said the team had combined satellite images with field measurements from 42 glaciers.",
    "Swiss Environment Minister Albert Rösti said the government would present new funding for mountain "
    "communities in the autumn.",
    "Several mountain huts near the Rhone glacier have closed this summer.",
]) + "\n"

STORIES = {"port": PORT, "glacier": GLACIER}

# (story, quote, speaker, label, diff or None when not checked, speaker_ok)
CASES: list[tuple[str, str, str | None, str, str | None, bool | None]] = [
    # exact: the characters occur in the story
    ("port", "This is a victory for every worker on these docks.", None, "exact", "", None),
    ("port", "We stood together, and we won.", None, "exact", "", None),
    ("port", "the strike had cost the port", None, "exact", "", None),
    ("port", "The port handled 440 million tonnes of cargo last year.", None, "exact", "", None),
    ("glacier", "The glaciers we measured are not shrinking, they are collapsing,", None, "exact", "", None),
    ("glacier", "Some of them will be gone before my children are grown.", None, "exact", "", None),
    ("glacier", "combined satellite images with field measurements from 42 glaciers", None, "exact", "", None),
    # normalised: quotation marks, apostrophes, spaces, dashes, ellipses, case, final punctuation
    ("port", '"This is a victory for every worker on these docks."', None, "normalised", "", None),
    ("port", "We didn't want this strike", None, "normalised", "", None),
    ("port", "This is a victory  for every worker\non these docks.", None, "normalised", "", None),
    ("port", "We regret the disruption to our customers - but we are glad", None, "normalised", "", None),
    ("port", "to our customers--but we are glad the talks are over", None, "normalised", "", None),
    ("port", "We will be back at work tomorrow... and we will be proud", None, "normalised", "", None),
    ("port", "we will be back at work tomorrow . . . and we will be proud", None, "normalised", "", None),
    ("port", "THIS IS A VICTORY FOR EVERY WORKER ON THESE DOCKS", None, "normalised", "", None),
    ("port", "Nobody gave us anything.", None, "normalised", "", None),
    ("glacier", "“The glaciers we measured are not shrinking, they are collapsing”", None, "normalised", "", None),
    ("glacier", "GENEVA (AP) — Alpine glaciers lost ice twice as fast", None, "normalised", "", None),
    # altered: a word changed, dropped or added, a number changed, reordered, a sentence cut
    ("port", "This is a victory for every worker in these docks", None, "altered", "-on +in", None),
    ("port", "This is a great victory for every worker on these docks", None, "altered", "+great", None),
    ("glacier", "The glaciers are not shrinking, they are collapsing", None, "altered", "-we measured", None),
    ("port", "it would take at least three weeks to clear the backlog of ships", None, "altered", "-two +three",
     None),
    ("glacier", "Alpine glaciers lost ice three times as fast between 2013 and 2023", None, "altered",
     "-twice +three times", None),
    ("glacier", "Some of them will be gone before my children are grown. The glaciers we measured are not "
     "shrinking, they are collapsing.", None, "altered", "(reordered)", None),
    ("port", "This is a victory for every worker on these docks. Nobody gave us anything.", None, "altered",
     "-We stood together and we won", None),
    ("port", "We regret the disruption to our customers, but we are glad the talks are over", None, "altered",
     "(punctuation)", None),
    # absent: unrelated, or on the topic but not said
    ("port", "Interest rates will stay on hold until the end of the year", None, "absent", "", None),
    ("port", "The union said workers would strike again next month if the deal collapses", None, "absent", "", None),
    ("port", "victor", None, "absent", "", None),
    ("glacier", "Glaciers in the Andes are growing again after a decade of snowy winters", None, "absent", "", None),
    ("glacier", "The minister promised to evacuate every village below a glacier by the autumn", None, "absent", "",
     None),
    # the speaker: right (every name form), wrong, or the words are nobody's
    ("port", "This is a victory for every worker on these docks.", "Marieke de Vries", "exact", "", True),
    ("port", "This is a victory for every worker on these docks.", "union leader Marieke de Vries", "exact", "",
     True),
    ("port", "This is a victory for every worker on these docks.", "Henk Jansen", "exact", "", False),
    ("port", "This is a victory for every worker in these docks", "Henk Jansen", "altered", "-on +in", False),
    ("port", "the strike had cost the port", "Henk Jansen", "exact", "", True),
    ("port", "the strike had cost the port", "Jansen", "exact", "", True),
    ("port", "We will be back at work tomorrow... and we will be proud", "Pieter Bakker", "normalised", "", True),
    ("port", "The port handled 440 million tonnes of cargo last year.", "Henk Jansen", "exact", "", None),
    ("port", "Interest rates will stay on hold until the end of the year", "Henk Jansen", "absent", "", None),
    ("port", "victory for every worker", "Marieke de Vries", "exact", "", True),
    ("glacier", "The glaciers we measured are not shrinking, they are collapsing,", "Brunner", "exact", "", True),
    ("glacier", "The glaciers we measured are not shrinking, they are collapsing,", "Dr. Lena Brunner", "exact", "",
     True),
    ("glacier", "the government would present new funding for mountain communities", "Albert Rösti", "exact", "",
     True),
    ("glacier", "the government would present new funding for mountain communities", "Lena Brunner", "exact", "",
     False),
    ("glacier", "Several mountain huts near the Rhone glacier have closed this summer.", "Albert Rösti", "exact", "",
     None),
]


@cache
def _analysis(text: str):
    return analyze(text)


def check(story: str, quote: str, speaker: str | None) -> Verdict:
    return verify(STORIES[story], [QuoteCheck(quote, speaker)], _analysis)[0]


@pytest.mark.parametrize(("story", "quote", "speaker", "label", "diff", "speaker_ok"), CASES)
def test_verify_table(story: str, quote: str, speaker: str | None, label: str, diff: str | None,
                      speaker_ok: bool | None):
    v = check(story, quote, speaker)
    assert (v.label, v.diff, v.speaker_ok) == (label, diff, speaker_ok)
    text = STORIES[story]
    if label == "absent":
        assert (v.start, v.end) == (None, None)
        return
    assert v.start is not None and v.end is not None
    found = text[v.start:v.end]
    if label == "exact":
        assert found == quote
    elif label == "normalised":
        assert fold(found)[0].strip(' "').rstrip(".,") == fold(quote)[0].strip(' "').rstrip(".,")


def test_enough_cases_of_each_kind():
    labels = [c[3] for c in CASES]
    assert len(CASES) >= 40
    assert {label: labels.count(label) >= 5 for label in ("exact", "normalised", "altered", "absent")} == {
        "exact": True, "normalised": True, "altered": True, "absent": True}
    assert sum(1 for c in CASES if c[5] is False) >= 3


def test_wrong_speaker_names_the_story_speaker():
    v = check("port", "This is a victory for every worker on these docks.", "Henk Jansen")
    assert v.story_speaker == "Marieke de Vries"


def test_repeated_words_take_the_occurrence_credited_to_the_speaker():
    v = check("port", "victory for every worker", "Marieke de Vries")
    assert v.start is not None and v.start > PORT.index("ROTTERDAM")


def test_fold_maps_back_into_the_text():
    text = "A  “quote”—with… Dashes"
    folded, starts, ends = fold(text)
    assert folded == 'a "quote"-with…dashes'
    assert text[starts[folded.index("-")]:ends[folded.index("-")]] == "—"
    assert text[starts[folded.index("…")]:ends[folded.index("…")]] == "…"


# ---- reading quote files ------------------------------------------------------------------


def test_read_quotes_plain_and_json_lines(tmp_path: Path):
    plain = tmp_path / "plain.txt"
    plain.write_text("first quote\n\n  second quote  \n", encoding="utf-8")
    assert read_quotes(plain) == [QuoteCheck("first quote"), QuoteCheck("second quote")]
    lines = tmp_path / "quotes.jsonl"
    lines.write_text('{"quote": "one", "speaker": "Anna Berg"}\n{"quote": "two"}\n', encoding="utf-8")
    assert read_quotes(lines) == [QuoteCheck("one", "Anna Berg"), QuoteCheck("two")]


@pytest.mark.parametrize(("content", "message"), [
    ('{"quote": "one"}\n{"quote": \n', "line 2: not JSON"),
    ('{"text": "one"}\n', "line 1: expected an object"),
    ('{"quote": "one", "speaker": 3}\n', "line 1: speaker must be a string"),
])
def test_read_quotes_bad_json_lines(tmp_path: Path, content: str, message: str):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_quotes(path)


# ---- the command line ---------------------------------------------------------------------


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "port.txt"
    path.write_text(PORT, encoding="utf-8")
    return path


def run(*args: str):
    result = CliRunner().invoke(cli.app, ["verify", *args])
    assert "Traceback" not in result.output
    return result


def test_cli_all_exact_exits_0(story: Path):
    result = run(str(story), "This is a victory for every worker on these docks.", "we didn't want this strike")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("exact ") and lines[1].startswith("normalised ")
    assert f"{PORT.index('This is a victory')}:" in lines[0]


def test_cli_altered_or_absent_exits_1(story: Path):
    result = run(str(story), "This is a victory for every worker in these docks", "Rates will stay on hold all year")
    assert result.exit_code == 1
    altered, absent = result.stdout.splitlines()
    assert altered.startswith("altered ") and altered.endswith("diff: -on +in")
    assert absent == 'absent     "Rates will stay on hold all year"'


def test_cli_speaker(story: Path):
    ok = run(str(story), "the strike had cost the port", "--speaker", "Henk Jansen")
    assert ok.exit_code == 0 and ok.stdout.rstrip().endswith("speaker: ok")
    wrong = run(str(story), "the strike had cost the port", "--speaker", "Marieke de Vries")
    assert wrong.exit_code == 1
    assert wrong.stdout.rstrip().endswith("speaker: WRONG (story says Henk Jansen)")
    nobody = run(str(story), "The port handled 440 million tonnes of cargo last year.", "--speaker", "Henk Jansen")
    assert nobody.exit_code == 1 and nobody.stdout.rstrip().endswith("speaker: not attributed in the story")


def test_cli_json_lines(story: Path):
    result = run(str(story), "--json", "This is a victory for every worker in these docks", "--speaker", "Jansen")
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    start = PORT.index("This is a victory")
    assert {k: record[k] for k in ("quote", "label", "start", "diff", "speaker_ok")} == {
        "quote": "This is a victory for every worker in these docks", "label": "altered", "start": start,
        "diff": "-on +in", "speaker_ok": False}
    assert record["end"] == PORT.index(". We stood")  # the window ends with its last word


def test_cli_quotes_file_plain(story: Path, tmp_path: Path):
    quotes = tmp_path / "quotes.txt"
    quotes.write_text("This is a victory for every worker on these docks.\nNobody gave us anything.\n",
                      encoding="utf-8")
    result = run(str(story), "--quotes", str(quotes))
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["exact", "normalised"]


def test_cli_quotes_file_json_lines(story: Path, tmp_path: Path):
    quotes = tmp_path / "quotes.jsonl"
    quotes.write_text('{"quote": "the strike had cost the port", "speaker": "Henk Jansen"}\n'
                      '{"quote": "We didn’t want this strike", "speaker": "Henk Jansen"}\n', encoding="utf-8")
    result = run(str(story), "--quotes", str(quotes), "--json")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["label"], r["speaker_ok"]) for r in records] == [("exact", True), ("exact", False)]


@pytest.mark.parametrize("args", [
    ("missing.txt", "a quote"),
    ("{story}",),
    ("{story}", "--quotes", "missing.jsonl"),
    ("{story}", "--quotes", "{folder}"),
    ("{story}", "--quotes", "{bad}"),
])
def test_cli_bad_input_exits_2(story: Path, tmp_path: Path, args: tuple[str, ...]):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"quote": "x"}\nnot json\n', encoding="utf-8")
    filled = [a.format(story=story, folder=tmp_path, bad=bad) for a in args]
    result = run(*filled)
    assert result.exit_code == 2
    message = result.output.strip().splitlines()
    assert len(message) == 1 and message[0].startswith("attrib: error: ")
