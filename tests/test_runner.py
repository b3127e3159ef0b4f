"""The runner: stories in this process or in worker processes that survive faults and stop cleanly."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from attribution.audit import run as runner
from attribution.audit.run import Plan, Task
from attribution.report.atomic import remove_stale_temps, write_set

ROOT = Path(__file__).resolve().parent.parent
ATTRIB = [sys.executable, "-m", "attribution"]
SETS = (".json", ".html", ".claims.csv", ".sources.csv", ".sentences.csv", ".terms.csv")
FIRST = ["Ana", "Boris", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kemal", "Lina"]
LAST = ["Ruiz", "Petrov", "Wei", "Okafor", "Nwosu", "Haddad", "Novak", "Sato", "Marin", "Park", "Aydin", "Berg"]


def small_story(n: int) -> str:
    """A short invented story, different for each ``n`` (names, numbers, places)."""
    who = f"{FIRST[n % 12]} {LAST[(n // 12) % 12]}"
    other = f"{FIRST[(n + 5) % 12]} {LAST[(n + 7) % 12]}"
    return (f"Council approves plan number {n}\n\n"
            f"“We will rebuild {n + 3} bridges before winter,” Mayor {who} told reporters on Monday.\n\n"
            f"{other}, a local trader, said prices had risen {n % 40 + 2} percent since March. "
            f"The agency quoted an official as saying that {n * 7 % 90 + 10} families were moved.\n")


def big_story() -> str:
    """A long story (every corpus story in turn, several times): it keeps a worker busy for seconds."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*.txt"))]
    return "\n\n".join(texts * 6)


def make_archive(folder: Path, count: int, big: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    if big:
        paths.append(folder / "a000_big.txt")
        paths[-1].write_text(big_story(), encoding="utf-8")
    for n in range(count):
        paths.append(folder / f"s{n:03d}.txt")
        paths[-1].write_text(small_story(n), encoding="utf-8")
    return paths


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def partial_sets(folder: Path, names: list[str]) -> list[str]:
    """Stories with some but not all of their report files."""
    found = []
    for name in names:
        have = [(folder / f"{name}{ext}").exists() for ext in SETS]
        if any(have) and not all(have):
            found.append(name)
    return found


def descendants(pid: int) -> dict[int, tuple[int, str]]:
    """Every process below ``pid``: its parent and command line."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        table[int(entry)] = (int(stat[stat.rindex(")") + 2:].split()[1]), cmd)
    below, frontier = {}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, cmd) in table.items():
            if ppid == parent and child not in below:
                below[child] = (ppid, cmd)
                frontier.append(child)
    return below


def workers(driver: int) -> list[int]:
    """The story workers of a run: children of its forkserver, oldest first."""
    tree = descendants(driver)
    servers = {pid for pid, (_, cmd) in tree.items() if "forkserver" in cmd}
    return sorted(pid for pid, (ppid, _) in tree.items() if ppid in servers)


def wait_for(condition, timeout: float = 120.0, every: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the condition never held")
        time.sleep(every)


# --------------------------------------------------------------------------- atomic report sets


def test_write_set_writes_all_files_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "a.json").write_text("old", encoding="utf-8")
    from attribution.report import atomic

    real = atomic._write_temp
    calls = []

    def failing(path: Path, payload: bytes) -> Path:
        calls.append(path.name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(path, payload)

    monkeypatch.setattr(atomic, "_write_temp", failing)
    files = {tmp_path / "a.json": "new", tmp_path / "a.html": "<p>", tmp_path / "a.claims.csv": "x"}
    with pytest.raises(OSError):
        write_set(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "old"
    monkeypatch.setattr(atomic, "_write_temp", real)
    assert write_set(files) == list(files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.claims.csv", "a.html", "a.json"]


def test_stale_temp_files_of_dead_writers_are_removed(tmp_path: Path):
    dead = tmp_path / f".story.json.{2 ** 22 + 7}-0badcafe.tmp"  # above Linux's largest process id
    live = tmp_path / f".story.html.{os.getpid()}-0badcafe.tmp"
    old = tmp_path / ".story.csv.deadbeef.tmp"
    mine = tmp_path / "notes.tmp"
    for p in (dead, live, old, mine):
        p.write_text("x")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert sorted(remove_stale_temps(tmp_path)) == sorted([dead, old])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, mine.name])


# --------------------------------------------------------------------------- in this process


def test_in_process_run_yields_each_story(tmp_path: Path):
    paths = make_archive(tmp_path / "in", 3)
    plan = Plan(formats=("json",), out=str(tmp_path / "out"), rows=True)
    (tmp_path / "out").mkdir()
    got = list(runner.run([Task(i, str(p)) for i, p in enumerate(paths)], plan, total=3, jobs=1))
    assert [(o.index, o.error, len(o.written), o.record is not None) for o in got] == [
        (i, None, 1, True) for i in range(3)]


def test_ctrl_c_while_analysing_abandons_the_story_and_writes_nothing(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    from attribution import pipeline

    def interrupted(text: str, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the handler raises long before this ends
        raise AssertionError("not interrupted")

    monkeypatch.setattr(pipeline, "analyze", interrupted)
    paths = make_archive(tmp_path / "in", 2)
    (tmp_path / "out").mkdir()
    plan = Plan(formats=("json", "html"), out=str(tmp_path / "out"))
    seen = []
    with pytest.raises(KeyboardInterrupt):
        for outcome in runner.run([Task(i, str(p)) for i, p in enumerate(paths)], plan, total=2, jobs=1):
            seen.append((outcome.index, outcome.cancelled))
    assert seen == [(0, True)]
    assert list((tmp_path / "out").iterdir()) == []


def test_ctrl_c_while_writing_finishes_the_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    real = runner.write_set

    def interrupted_write(files, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)
        return real(files, **kwargs)

    monkeypatch.setattr(runner, "write_set", interrupted_write)
    paths = make_archive(tmp_path / "in", 2)
    (tmp_path / "out").mkdir()
    plan = Plan(formats=("json", "html", "csv"), out=str(tmp_path / "out"))
    seen = []
    with pytest.raises(KeyboardInterrupt):
        for outcome in runner.run([Task(i, str(p)) for i, p in enumerate(paths)], plan, total=2, jobs=1):
            seen.append((outcome.index, outcome.error, len(outcome.written)))
    assert seen == [(0, None, len(SETS))]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(f"s000{ext}" for ext in SETS)


# --------------------------------------------------------------------------- worker processes


def test_a_killed_worker_fails_only_its_story_and_the_batch_ends(tmp_path: Path):
    # issue 10, item 1: `kill -9` of a worker hung `attrib analyze DIR --jobs 2` forever
    paths = make_archive(tmp_path / "in", 10, big=True)
    out = tmp_path / "out"
    proc = subprocess.Popen([*ATTRIB, "analyze", str(tmp_path / "in"), "--json", "--out", str(out), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # the first worker took the big story (the first in order); kill it once a small one is done
        wait_for(lambda: out.exists() and any(out.glob("s*.json")))
        victim = workers(proc.pid)[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert time.monotonic() - killed_at < 60
    assert proc.returncode == 1, stderr
    assert "a000_big.txt: the worker analysing it stopped (killed by SIGKILL; out of memory?)" in stderr
    assert f"{len(paths) - 1} of {len(paths)} stories analysed" in stderr and "1 failed" in stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.json" for p in paths[1:])
    assert temps(out) == []


def _interrupt_run(tmp_path: Path, how: str) -> tuple[int, str, Path, list[str]]:
    """Run a 12-story batch with --jobs 2 and interrupt it once the first reports are there."""
    paths = make_archive(tmp_path / "in", 12)
    out = tmp_path / "out"
    args = [*ATTRIB, "analyze", str(tmp_path / "in"), "--json", "--html", "--csv", "--out", str(out), "--jobs", "2"]
    if how == "terminal":  # Ctrl-C typed at a terminal: SIGINT to the whole foreground process group
        master, slave = pty.openpty()
        proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                                preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # the pty controls it
                                env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
        os.close(slave)
    else:  # `kill -INT` of the driver alone, output to a pipe
        master = None
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    chunks = []

    def drain() -> None:
        fd = master if master is not None else proc.stdout.fileno()
        while select.select([fd], [], [], 0)[0]:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    try:
        def started() -> bool:
            drain()
            return out.exists() and len(list(out.glob("*.sources.csv"))) >= 2

        wait_for(started)
        if master is not None:
            os.write(master, b"\x03")
        else:
            proc.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            drain()
            time.sleep(0.05)
        drain()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        if master is not None:
            os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace"), out, [p.stem for p in paths]


@pytest.mark.parametrize("how", ["terminal", "signal"])
def test_ctrl_c_under_jobs_2_leaves_no_temp_file_and_no_partial_set(tmp_path: Path, how: str):
    # issue 10, item 7: workers were terminated mid-write, leaving .tmp files and partial sets
    code, output, out, names = _interrupt_run(tmp_path, how)
    assert code == 130, output
    assert "attrib: interrupted: " in output and "every report written is complete" in output
    assert temps(out) == [] and partial_sets(out, names) == []
    finished = [n for n in names if (out / f"{n}.json").exists()]
    assert f"interrupted: {len(finished)} of {len(names)} stories analysed" in output
    if how == "terminal":  # rich's display was on, and gave the cursor back
        assert "\x1b[?25l" in output and output.rindex("\x1b[?25h") > output.rindex("\x1b[?25l")


# --------------------------------------------------------------------------- report sets


@pytest.mark.parametrize("formats", [runner.FORMATS, ("csv",), ("xlsx",), ("json", "html"), ("graphml", "gexf")])
def test_report_names_are_the_files_each_story_gets(formats: tuple[str, ...]):
    # the audit skips a story only when all of report_names exist: a name missing from the
    # list re-analyses the story on every run, an extra one is never written
    from attribution.pipeline import analyze

    rendered = runner.render_reports(analyze(small_story(4)), "s004", formats)
    assert runner.report_names("s004", formats) == list(rendered)
