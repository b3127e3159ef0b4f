"""`attrib audit`: the store, the combined tables, the index page, resuming, and Dask giving the same."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_runner import make_archive, small_story, wait_for
from typer.testing import CliRunner

from attribution import cli
from attribution.audit.index import index_context
from attribution.audit.records import name_key, story_date, story_record
from attribution.audit.store import open_store
from attribution.pipeline import analyze
from attribution.report.cells import safe_cell
from attribution.report.json import to_dict

ROOT = Path(__file__).resolve().parent.parent
KAZ = ROOT / "corpora" / "kazakhstan_reuters.txt"
TABLES = ("stories", "claims", "sources", "provenance")
TOKAYEV_1 = ("“We will restore order,” Kazakh President Kassym-Jomart Tokayev said on Friday.\n\n"
             "The RIA news agency quoted Tokayev as saying that the army was ready.\n")
TOKAYEV_2 = ("Tokayev said the situation was under control, according to his office.\n\n"
             "“Nobody will be punished without trial,” Tokayev told reporters.\n")
FORMULAS = ("Officials said that =1+2.\n\nThe minister said: =cmd|' /C calc'!A0\n\n"
            "“-5 percent is the figure,” @SUM(A1 said.\n")


def audit(*args: str):
    result = CliRunner().invoke(cli.app, ["audit", *args])
    assert "Traceback" not in result.output, result.output
    return result


def read_table(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so that Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def dump(store: Path) -> dict[str, list[tuple]]:
    """Every row of every table of a store, in a fixed order."""
    db = sqlite3.connect(store)
    try:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("stories", "claims", "sources", "quoted_terms", "provenance")}
    finally:
        db.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    (folder / "kazakhstan.txt").write_text(KAZ.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "tokayev_1.txt").write_text(TOKAYEV_1, encoding="utf-8")
    (folder / "tokayev_2.txt").write_text(TOKAYEV_2, encoding="utf-8")
    (folder / "formulas.txt").write_text(FORMULAS, encoding="utf-8")
    (folder / "council.txt").write_text(small_story(3), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def audited(archive: Path, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("audit")
    result = audit(str(archive), "--out", str(out), "--html", "--json", "--jobs", "1")
    return out, result


def test_audit_writes_reports_store_tables_and_index(archive: Path, audited):
    out, result = audited
    assert result.exit_code == 0, result.output
    assert "5 of 5 stories analysed" in result.stderr
    stems = sorted(p.stem for p in archive.glob("*.txt"))
    for stem in stems:
        assert (out / f"{stem}.json").is_file() and (out / f"{stem}.html").is_file()
    for table in TABLES:
        assert (out / f"{table}.csv").is_file() and (out / f"{table}.parquet").is_file()
    assert (out / "audit.sqlite").is_file() and (out / "index.html").is_file()
    paths = {str(archive / f"{s}.txt") for s in stems}
    stories = read_table(out / "stories.csv")
    assert {r["story"] for r in stories} == paths
    claims = read_table(out / "claims.csv")
    for row in stories:  # each story's claims are those of its own report, with archive-wide ids
        report = json.loads((out / f"{Path(row['story']).stem}.json").read_text(encoding="utf-8"))
        mine = [c for c in claims if c["story"] == row["story"]]
        assert [c["id"] for c in mine] == [f"{row['id']}:{c['id']}" for c in report["claims"]]
        assert int(row["claims"]) == len(report["claims"])
    sources = read_table(out / "sources.csv")
    ids = [r["id"] for r in claims] + [r["id"] for r in sources]
    assert len(ids) == len(set(ids)) and {r["story"] for r in sources} <= paths


def test_a_second_run_analyses_nothing_and_changes_nothing(archive: Path, audited):
    out, _ = audited
    before = dump(out / "audit.sqlite")
    tables = {t: (out / f"{t}.csv").read_bytes() for t in TABLES}
    result = audit(str(archive), "--out", str(out), "--html", "--json", "--jobs", "1")
    assert result.exit_code == 0
    assert "0 of 5 stories analysed, 5 unchanged since the last run" in result.stderr
    assert dump(out / "audit.sqlite") == before
    assert {t: (out / f"{t}.csv").read_bytes() for t in TABLES} == tables


def test_a_changed_story_is_analysed_again_and_keeps_its_number(tmp_path: Path):
    folder = tmp_path / "in"
    make_archive(folder, 3)
    out = tmp_path / "out"
    assert audit(str(folder), "--out", str(out), "--jobs", "1").exit_code == 0
    (folder / "s001.txt").write_text(small_story(40), encoding="utf-8")
    result = audit(str(folder), "--out", str(out), "--jobs", "1")
    assert "1 of 3 stories analysed, 2 unchanged since the last run" in result.stderr
    rows = {r["story"]: r["id"] for r in read_table(out / "stories.csv")}
    assert rows == {str(folder / f"s{n:03d}.txt"): f"s{n + 1}" for n in range(3)}
    assert "Emeka Okafor" in (out / "claims.csv").read_text(encoding="utf-8-sig")  # the new text's speaker


def test_asking_for_another_format_reanalyses_what_lacks_it(tmp_path: Path):
    folder = tmp_path / "in"
    make_archive(folder, 2)
    out = tmp_path / "out"
    assert audit(str(folder), "--out", str(out), "--json", "--jobs", "1").exit_code == 0
    result = audit(str(folder), "--out", str(out), "--csv", "--jobs", "1")
    assert "2 of 2 stories analysed" in result.stderr and (out / "s000.claims.csv").is_file()


def stored(out: Path) -> int:
    """Stories the audit store in ``out`` holds, read while an audit may be writing it."""
    try:
        db = sqlite3.connect(f"file:{out / 'audit.sqlite'}?mode=ro", uri=True, timeout=1)
        try:
            return db.execute("SELECT count(*) FROM stories WHERE sha256 IS NOT NULL").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_an_interrupted_audit_resumes_where_it_stopped(tmp_path: Path):
    folder = tmp_path / "in"
    make_archive(folder, 10)
    out = tmp_path / "out"
    args = [sys.executable, "-m", "attribution", "audit", str(folder), "--out", str(out), "--jobs", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: stored(out) >= 3)
        proc.send_signal(signal.SIGKILL)  # the hardest stop: no handler runs
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    done = stored(out)
    assert 3 <= done < 10
    deadline = time.monotonic() + 30  # orphaned workers notice the driver is gone and leave
    while time.monotonic() < deadline and any(True for _ in out.glob(".*.tmp")):
        time.sleep(0.2)
    result = audit(str(folder), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert f"{10 - done} of 10 stories analysed, {done} unchanged since the last run" in result.stderr
    fresh = tmp_path / "fresh"
    assert audit(str(folder), "--out", str(fresh), "--jobs", "1").exit_code == 0
    assert dump(out / "audit.sqlite") == dump(fresh / "audit.sqlite")
    assert [p for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_dask_gives_the_same_store_tables_and_reports_as_jobs_2(tmp_path: Path):
    distributed = pytest.importorskip("distributed", reason="Dask is in the test extras; install attrib[dask]")
    folder = tmp_path / "in"
    make_archive(folder, 16)  # two stories a Dask task (run_batch)
    outs = {}

    def run(how: str, *extra: str) -> None:
        outs[how] = tmp_path / how
        proc = subprocess.run([sys.executable, "-m", "attribution", "audit", str(folder), "--out", str(outs[how]),
                               "--json", "--html", *extra], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert "16 of 16 stories analysed" in proc.stderr

    run("jobs", "--jobs", "2")
    run("local", "--dask", "local", "--jobs", "2")  # the workers read the stories and write the reports
    # an existing cluster's workers get each story's bytes and send its reports back to be written here
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        run("remote", "--dask", c.scheduler_address)
    for how in ("local", "remote"):
        assert dump(outs["jobs"] / "audit.sqlite") == dump(outs[how] / "audit.sqlite")
        for table in TABLES:
            assert (outs["jobs"] / f"{table}.csv").read_bytes() == (outs[how] / f"{table}.csv").read_bytes()
        for report in sorted(p.name for p in outs["jobs"].glob("s*.*")):
            assert (outs["jobs"] / report).read_bytes() == (outs[how] / report).read_bytes()


def test_an_interrupted_dask_audit_resumes(tmp_path: Path):
    pytest.importorskip("distributed", reason="Dask is in the test extras; install attrib[dask]")
    folder = tmp_path / "in"
    make_archive(folder, 40)
    out = tmp_path / "out"
    args = [sys.executable, "-m", "attribution", "audit", str(folder), "--out", str(out), "--dask", "local",
            "--jobs", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: stored(out) >= 3, timeout=300)
        proc.send_signal(signal.SIGINT)  # Ctrl-C: what is in flight is abandoned, the cluster stopped
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    done = stored(out)
    assert 3 <= done < 40
    again = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{40 - done} of 40 stories analysed, {done} unchanged since the last run" in again.stderr
    fresh = tmp_path / "fresh"
    assert audit(str(folder), "--out", str(fresh), "--jobs", "1").exit_code == 0
    assert dump(out / "audit.sqlite") == dump(fresh / "audit.sqlite")
    assert [p for p in out.iterdir() if p.name.endswith(".tmp")] == []


# --------------------------------------------------------------------------- tables for spreadsheets


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+2", "'=1+2"), ("+44 20 7946", "'+44 20 7946"), ("-5 percent", "'-5 percent"), ("@SUM(A1", "'@SUM(A1"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("Officials said", "Officials said"), ("", ""), (None, None),
    (-3, -3), (0.25, 0.25), ("a=b", "a=b"),
])
def test_cells_that_start_a_formula_are_quoted(value, cell):
    assert safe_cell(value) == cell


def test_no_table_cell_starts_a_formula(audited):
    out, _ = audited
    cells = [v for t in TABLES for row in read_table(out / f"{t}.csv") for v in row.values()]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    assert any(c.startswith("'=") for c in cells)  # the formulas story's claims were there to quote


# --------------------------------------------------------------------------- what the store keeps


def test_the_profile_is_stored_when_the_analysis_has_one():
    analysis = analyze(TOKAYEV_1)
    profile = {"claims": 2, "sources": 1, "named_sources": 1, "anonymous_sources": 0, "document_sources": 0,
               "anonymous_claim_share": 0.0, "via_claim_share": 0.5, "top_source_share": 1.0,
               "unsourced_sentence_share": 0.25, "stance": {"neutral": 1, "distancing": 1, "dramatic": 1}}
    fields = ("document", "path", "sha256", "entities", "claims", "warnings")
    with_profile = SimpleNamespace(**{f: getattr(analysis, f) for f in fields}, profile=profile,
                                   quoted_terms=(SimpleNamespace(start=1, end=9, text="“order”", label="attributed",
                                                                 speaker="e1"),))
    record = story_record(with_profile, attrib_version="9", model="m")
    assert record.profile_values() == {
        "named_sources": 1, "anonymous_sources": 0, "document_sources": 0, "anonymous_claim_share": 0.0,
        "via_claim_share": 0.5, "top_source_share": 1.0, "unsourced_sentence_share": 0.25, "loaded_verbs": 2}
    assert record.terms == ((1, 1, 9, "“order”", "attributed", "e1"),)
    plain = story_record(analysis, attrib_version="9", model="m")  # the analysis's own profile, as the JSON has it
    assert json.loads(plain.profile) == to_dict(analysis)["profile"]
    assert (plain.profile_values()["named_sources"], plain.claim_count) == (1, 2)


@pytest.mark.parametrize(("head", "date"), [
    ("Published 14 August 2024, 18:42 BST", "2024-08-14"),
    ("Posted Dec. 11, 2024, 11:58 p.m.", "2024-12-11"),
    ("Updated: 2023-03-05T10:00Z", "2023-03-05"),
    ("By Ana Ruiz | Sept. 9, 2021", "2021-09-09"),
    ("Published 31 February 2024", None),
    ("By Ana Ruiz", None),
])
def test_the_date_is_read_where_the_story_gives_one(head, date):
    analysis = analyze(f"Council approves budget\n\n{head}\n\nThe council said on Monday it approved the plan.\n")
    assert story_date(analysis) == date


@pytest.mark.parametrize(("name", "kind", "key"), [
    ("Kazakh President Kassym-Jomart Tokayev", "person", "kassym-jomart tokayev"),
    ("CNN's Jake Tapper", "person", "jake tapper"),
    ("José Álvarez", "person", "jose alvarez"),
    ("the RIA news agency", "media", "ria news agency"),
    ("Reuters", "media", "reuters"),
])
def test_name_keys_group_the_forms_of_one_source(name, kind, key):
    assert name_key(name, kind) == key


def test_a_source_named_differently_in_two_stories_is_one_row(audited):
    out, _ = audited
    with open_store(out) as store:
        context = index_context(store)
    tokayev = [g for g in context["speakers"] if "tokayev" in g["name"].lower() and g["type"] in ("person", "other")]
    assert len(tokayev) == 1, tokayev
    row = tokayev[0]
    assert (row["name"], row["type"], row["stories"]) == ("Kassym-Jomart Tokayev", "person", 3)
    assert {"Tokayev", "Kassym-Jomart Tokayev", "Kazakh President Kassym-Jomart Tokayev"} <= set(row["forms"])
    relays = {g["name"]: g["stories"] for g in context["relays"]}
    assert relays.get("RIA news agency") == 2


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("args", "message"), [
    (["nothing-here-*.txt"], "nothing-here-*.txt matches no file"),
    (["-"], "an audit reads stories from files"),
    (["missing.txt"], "missing.txt does not exist"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str],
                                         message: str):
    monkeypatch.chdir(tmp_path)
    result = audit(*args, "--out", str(tmp_path / "out"), "--jobs", "1")
    if args == ["missing.txt"]:  # a story that cannot be read is a failed story, as in analyze
        assert result.exit_code == 1 and message in result.stderr
        return
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("attrib: error: ") and message in result.stderr


def test_a_glob_expands_to_its_stories(tmp_path: Path):
    make_archive(tmp_path / "in", 3)
    result = audit(str(tmp_path / "in" / "s00[12].txt"), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0 and "2 of 2 stories analysed" in result.stderr


# --------------------------------------------------------------------------- the page in a browser


# --------------------------------------------------------------------------- quotes that travel

BRIDGES = {
    "a.txt": ("Bridges to be rebuilt, mayor says\n\nPublished 2 May 2024\n\nThe AFP news agency quoted Mayor Ana "
              "Ruiz as saying that every bridge in the city would be rebuilt before the winter storms.\n"),
    "b.txt": ("City plans repairs\n\nPublished 5 May 2024\n\nRuiz said that every bridge in the city would be "
              "rebuilt before the spring storms.\n"),
    "c.txt": ("Budget approved\n\nPublished 3 May 2024\n\nThe council said on Monday it approved the budget "
              "for the coming year.\n"),
    "d.txt": ("Harbour reopens\n\nPublished 4 May 2024\n\n“Every bridge in the city will be rebuilt before the "
              "winter storms,” Jan Novak, the harbour master, said.\n"),
    "e.txt": ("Storm repairs\n\nPublished 6 May 2024\n\nAFP quoted Ruiz as saying that every bridge in the city "
              "would be rebuilt before the winter storms.\n"),
}


@pytest.fixture(scope="module")
def bridges(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bridges")
    for name, text in BRIDGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("bridges-audit")
    result = audit(str(folder), "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    return folder, out


def test_quotes_that_travel_reach_the_table(bridges):
    folder, out = bridges
    rows = read_table(out / "provenance.csv")
    assert [(Path(r["story"]).name, r["speaker"], r["via"], r["drift"], r["flag"], r["date"], r["earliest"])
            for r in rows] == [
        ("a.txt", "Ana Ruiz", "AFP news agency", "", "", "2024-05-02", "1"),
        ("b.txt", "Ruiz", "", "'-winter +spring", "via_dropped", "2024-05-05", "0"),  # ' : not a formula
        ("d.txt", "Jan Novak", "", "'-would +will", "reattributed", "2024-05-04", "0"),
        ("e.txt", "Ruiz", "AFP", "", "", "2024-05-06", "0"),
    ]
    claims = {r["id"]: r for r in read_table(out / "claims.csv")}
    for row in rows:  # each row names a claim of the claims table, of its own story, with its words
        assert claims[row["claim"]]["story"] == row["story"] and claims[row["claim"]]["content"] == row["text"]
    assert {r["cluster"] for r in rows} == {"1"}


def test_quotes_that_travel_on_the_page(bridges):
    _, out = bridges
    page = (out / "index.html").read_text(encoding="utf-8")
    quotes = page[page.index('id="quotes"'):]
    assert "In 4 stories · <span class=\"flag\">2 flagged</span> · 2 reworded" in quotes
    assert 'Earliest: <a href="a.html#claim-c2">a.txt</a>, 2024-05-02' in quotes
    assert "before the <del>winter</del> <ins>spring</ins> storms" in quotes  # the change in its words
    assert "<del>would</del> <ins>will</ins>" in quotes
    assert "intermediary not named" in quotes and "credited to another speaker" in quotes
    assert "c.txt" not in quotes  # the unrelated story joins no cluster
    for href in ("a.html#claim-c2", "b.html#claim-c1", "d.html#claim-c1", "e.html#claim-c1"):
        assert f'href="{href}"' in quotes and (out / href.split("#")[0]).is_file()


def test_the_stories_table_has_the_profile(bridges):
    folder, out = bridges
    stories = {Path(r["story"]).name: r for r in read_table(out / "stories.csv")}
    for name, row in stories.items():
        report = json.loads((out / f"{Path(name).stem}.json").read_text(encoding="utf-8"))
        profile = report["profile"]
        loaded = sum(n for stance, n in profile["stance"].items() if stance != "neutral")
        assert (int(row["claims"]), int(row["sources"]), int(row["loaded_verbs"])) == (
            profile["claims"], profile["sources"], loaded)
        for share in ("anonymous_claim_share", "unsourced_sentence_share", "top_source_share"):
            assert float(row[share]) == pytest.approx(profile[share])
    assert stories["a.txt"]["date"] == "2024-05-02"


def page_in_browser(out: Path, stems: list[str]) -> None:
    """The audit page at desktop and phone width: no error, no request but itself, no sideways
    scrolling (every folded quote opened), and every link to a story's report (and to a claim
    in it) resolves."""
    from test_browser import Browser

    index = out / "index.html"
    shots = os.environ.get("ATTRIB_SCREENSHOT_DIR")
    browser = Browser()
    try:
        seen = {}
        for width in (1300, 390):
            browser.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=900,
                         deviceScaleFactor=1, mobile=width < 500)
            browser.open(index)
            seen[width] = browser.evaluate(
                "document.querySelectorAll('details').forEach(d => d.open = true);"
                "[document.documentElement.scrollWidth, document.querySelectorAll('table.stories tbody tr').length,"
                " [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),"
                " document.querySelectorAll('details.cluster').length]")
            assert (browser.errors(), browser.requests()) == ([], [index.as_uri()])
            if shots:
                Path(shots, f"index-{out.name}-{width}.png").write_bytes(browser.screenshot())
    finally:
        browser.close()
    clusters = {r["cluster"] for r in read_table(out / "provenance.csv")}
    for width, (scroll_width, rows, hrefs, shown) in seen.items():
        assert scroll_width <= width  # no horizontal scrolling, at phone width too
        assert rows == len(stems) and shown == len(clusters)
        reports = [h for h in hrefs if not h.startswith("#")]
        assert {h.split("#")[0] for h in reports} == {f"{s}.html" for s in stems}
        for href in reports:
            name, _, claim = href.partition("#")
            assert (out / name).is_file()
            assert not claim or f'id="{claim}"' in (out / name).read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(),
                    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium; CI installs it)")
def test_the_index_page_in_a_browser(archive: Path, audited, bridges):
    page_in_browser(audited[0], sorted(p.stem for p in archive.glob("*.txt")))
    folder, out = bridges
    page_in_browser(out, sorted(p.stem for p in folder.glob("*.txt")))


def test_a_store_of_an_earlier_provenance_table_is_brought_up_to_date(bridges, tmp_path: Path):
    folder, out = bridges
    copy = tmp_path / "out"
    copy.mkdir()
    (copy / "audit.sqlite").write_bytes((out / "audit.sqlite").read_bytes())
    db = sqlite3.connect(copy / "audit.sqlite")
    db.executescript("DROP TABLE provenance; CREATE TABLE provenance (n INTEGER PRIMARY KEY, cluster INTEGER,"
                     " story TEXT, claim TEXT, speaker TEXT, via TEXT, text TEXT, drift TEXT, flag TEXT);")
    db.close()
    with open_store(copy) as store:
        assert [r[1] for r in store.db.execute("PRAGMA table_info(provenance)")][-2:] == ["date", "earliest"]


def test_a_rerun_with_every_format_analyses_nothing(tmp_path: Path):
    folder = tmp_path / "in"
    make_archive(folder, 2)
    out = tmp_path / "out"
    formats = ["--json", "--html", "--csv", "--xlsx", "--graphml", "--gexf"]
    assert audit(str(folder), "--out", str(out), *formats, "--jobs", "1").exit_code == 0
    assert (out / "s000.xlsx").is_file() and (out / "s000.terms.csv").is_file()
    result = audit(str(folder), "--out", str(out), *formats, "--jobs", "1")
    assert "0 of 2 stories analysed, 2 unchanged since the last run" in result.stderr


def test_control_characters_of_titles_and_names_never_reach_the_page_raw(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bell\x07.txt").write_text("Floods\x1b[31m hit the north\x7f\n\nMayor Ana Ruiz said on Monday that "
                                         "every bridge in the city would be rebuilt.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = audit(str(folder), "--out", str(out), "--html", "--jobs", "1")
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert not [c for c in page if (ord(c) < 32 and c not in "\t\n\r") or c == "\x7f"]
    assert "Floods\u241b[31m hit the north\u2421" in page  # one control picture for each character
    assert "bell\u2407.txt" in page
