"""The ``attrib`` command line: the only place that prints, and turns errors into exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import AttribError, InputError
from .inputs import MAX_BYTES, Story, expand, read_story
from .report.atomic import OverwriteError
from .types import Analysis

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="attrib: who said it, through whom it reached the page, in what channel, and when.",
)
models_app = typer.Typer(no_args_is_help=True, help="Manage the NLP models attrib uses.")
app.add_typer(models_app, name="models")

_EXIT_INPUT = 2


def _fail(message: str, code: int = _EXIT_INPUT) -> typer.Exit:
    typer.echo(f"attrib: error: {message}", err=True)
    return typer.Exit(code)


@app.command()
def analyze(
    stories: Annotated[
        list[str], typer.Argument(help="Story files (UTF-8 text), folders of .txt files, or - for stdin.")
    ],
    json_out: Annotated[bool, typer.Option("--json", help="Print (or write) the attrib/1 JSON.")] = False,
    html: Annotated[bool, typer.Option("--html", help="Write the HTML report (reports/NAME.html).")] = False,
    csv: Annotated[bool, typer.Option("--csv", help="Write NAME.claims.csv and NAME.sources.csv.")] = False,
    graphml: Annotated[bool, typer.Option("--graphml", help="Write the attribution graph as GraphML.")] = False,
    gexf: Annotated[bool, typer.Option("--gexf", help="Write the attribution graph as GEXF.")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder (default: reports/).")] = None,
    nlp: Annotated[str, typer.Option("--nlp", help="NLP backend: spacy (default, offline) or stanza.")] = "spacy",
    max_mb: Annotated[float, typer.Option("--max-mb", help="Largest story accepted, in MB.")] = MAX_BYTES / 1e6,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes, each loading the model once.")
    ] = 1,
) -> None:
    """Find every claim in STORIES with its speaker, intermediaries, channel and time.

    Over several stories a failing one is reported and skipped; the exit code is 1 at the
    end when any failed (2 when the only story given cannot be read).
    """
    try:
        _analyze_all(stories, _Options(json_out, html, csv, graphml, gexf, out, nlp, int(max_mb * 1e6)), jobs)
    except KeyboardInterrupt:
        _BAR.clear()
        typer.echo("\nattrib: interrupted (reports already written are complete)", err=True)
        raise typer.Exit(130) from None
    except OSError as exc:
        raise _fail(f"{exc.filename or 'input'}: {exc.strerror or exc}") from None


@dataclass(frozen=True)
class _Options:
    json_out: bool
    html: bool
    csv: bool
    graphml: bool
    gexf: bool
    out: Path | None
    nlp: str
    max_bytes: int
    files: bool = False
    protect: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Done:
    """What one story gave: text for stdout, files written, or the error that stopped it."""

    path: str
    stdout: str = ""
    written: tuple[str, ...] = ()
    error: str | None = None
    input_error: bool = False


# A story to analyse: its path, the story read from stdin, or stdin's read error.
_Job = str | Story | _Done


def _analyze_all(stories: list[str], opts: _Options, jobs: int) -> None:
    try:
        paths = expand(stories)
    except InputError as exc:
        raise _fail(str(exc)) from None
    if nlp_error := _backend_error(opts.nlp):
        raise _fail(nlp_error)
    files = opts.html or opts.csv or opts.graphml or opts.gexf or (
        opts.json_out and (opts.out is not None or len(paths) > 1))
    out_dir = opts.out or Path("reports")
    if files:
        _check_names(paths)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(f"cannot create the output folder {out_dir}: {exc.strerror or exc}") from None
        if not os.access(out_dir, os.W_OK):
            raise _fail(f"cannot write to the output folder {out_dir}: permission denied")
    opts = replace(opts, out=out_dir, files=bool(files), protect=tuple(p for p in paths if p != "-"))
    # standard input is read here: a worker process cannot read it
    jobs_in: list[_Job] = [_read_stdin(opts) if p == "-" else p for p in paths]
    failed = 0
    for n, done in enumerate(_run(jobs_in, opts, jobs), 1):
        if done.stdout:
            if len(paths) > 1 and not opts.json_out:
                typer.echo(f"== {done.path}")
            sys.stdout.write(done.stdout)
            sys.stdout.flush()
        if done.error is not None:
            failed += 1
            if len(paths) == 1:
                raise _fail(done.error, _EXIT_INPUT if done.input_error else 1)
            _progress_note(f"attrib: error: {done.error} (skipped)")
        elif len(paths) == 1:
            for w in done.written:
                typer.echo(f"wrote {w}", err=True)
        _progress_step(n, len(paths), done)
    _progress_end(len(paths), failed, out_dir if files else None)
    if failed:
        raise typer.Exit(1)


def _read_stdin(opts: _Options) -> Story | _Done:
    try:
        return read_story("-", opts.max_bytes)
    except InputError as exc:
        return _Done("-", error=str(exc), input_error=True)  # reported in order, like any other story


def _backend_error(backend: str) -> str | None:
    from .nlp import BACKENDS

    if backend not in BACKENDS:
        return f"unknown NLP backend {backend!r}: choose one of {', '.join(BACKENDS)}"
    if backend == "stanza":
        # missing stanza models are the user's to fix once, not a per-story failure: exit 2 up front
        from .errors import ModelMissingError
        from .nlp import check_stanza

        try:
            check_stanza()  # a cheap check: each worker loads the pipeline itself
        except ModelMissingError as exc:
            return str(exc)
    return None


def _check_names(paths: list[str]) -> None:
    """Two stories with one name would write the same report files."""
    seen: dict[str, str] = {}
    for path in paths:
        name = "stdin" if path == "-" else Path(path).stem
        if name in seen:
            raise _fail(f"{seen[name]} and {path} would both write reports named {name}.*: "
                        "rename one, or analyse them into different --out folders")
        seen[name] = path


def _run(jobs_in: list[_Job], opts: _Options, jobs: int) -> Iterator[_Done]:
    """Each story's result, in input order; with ``jobs > 1`` from worker processes."""
    if jobs == 1 or len(jobs_in) == 1:
        for job in jobs_in:
            yield _story_job(job, opts)
        return
    import multiprocessing

    ctx = multiprocessing.get_context()
    with ctx.Pool(min(jobs, len(jobs_in)), initializer=_init_worker, initargs=(opts.nlp,)) as pool:
        try:
            yield from pool.imap(partial(_story_job, opts=opts), jobs_in, chunksize=1)
        except BaseException:
            pool.terminate()
            raise


_WORKER_ERROR: list[str] = []


def _init_worker(backend: str) -> None:
    """Load the model once per worker process; a failure is reported by each story."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    try:
        from .nlp import load_spacy, load_stanza

        load_spacy() if backend == "spacy" else load_stanza()
    except AttribError as exc:
        _WORKER_ERROR.append(str(exc))


def _story_job(job: _Job, opts: _Options) -> _Done:
    """Read, analyse and write one story; every error becomes a ``_Done`` with a message."""
    from .pipeline import analyze as run

    if isinstance(job, _Done):
        return job
    path = job.path if isinstance(job, Story) else job
    if _WORKER_ERROR:
        return _Done(path, error=_WORKER_ERROR[0])
    try:
        story = job if isinstance(job, Story) else read_story(job, opts.max_bytes)
        analysis = run(story.text, path=None if story.path == "-" else story.path, backend=opts.nlp,
                       data=story.data, warnings=story.warnings, max_chars=opts.max_bytes)
        if opts.files:
            assert opts.out is not None
            written = _write(analysis, story, opts)
            return _Done(path, written=tuple(str(w) for w in written))
        if opts.json_out:
            from .report.json import to_json

            return _Done(path, stdout=to_json(analysis))
        return _Done(path, stdout=_summary(analysis) + "\n")
    except (InputError, OverwriteError) as exc:
        return _Done(path, error=str(exc), input_error=True)
    except AttribError as exc:
        return _Done(path, error=str(exc))
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return _Done(path, error=f"cannot write{where}: {exc.strerror or exc}")
    except (MemoryError, RecursionError) as exc:
        return _Done(path, error=f"{path}: ran out of {'memory' if isinstance(exc, MemoryError) else 'stack'}; "
                     "try a smaller --max-mb or split the story")
    except Exception as exc:  # a bug: report it and go on with the other stories
        return _Done(path, error=f"{path}: internal error ({type(exc).__name__}: {exc}); please report it")


_BAR: list[Any] = []


def _progress_step(n: int, total: int, done: _Done) -> None:
    """A progress bar on a terminal, a line per story otherwise (logs, pipes)."""
    if total == 1:
        return
    if sys.stderr.isatty():
        if not _BAR:
            import click

            bar = click.progressbar(length=total, label="analysing", file=sys.stderr, show_pos=True,
                                    item_show_func=lambda p: p)
            bar.__enter__()
            _BAR.append(bar)
        _BAR[0].update(1, done.path)
    else:
        state = "failed" if done.error else f"{len(done.written)} files" if done.written else "done"
        typer.echo(f"[{n}/{total}] {done.path}: {state}", err=True)


def _progress_note(line: str) -> None:
    if _BAR:
        sys.stderr.write("\r\033[K")
    typer.echo(line, err=True)


def _progress_end(total: int, failed: int, out_dir: Path | None) -> None:
    if _BAR:
        _BAR.pop().__exit__(None, None, None)
    if total > 1:
        where = f"; reports in {out_dir}" if out_dir is not None else ""
        typer.echo(f"attrib: {total - failed} of {total} stories analysed{where}"
                   + (f", {failed} failed" if failed else ""), err=True)


def _write(analysis: Analysis, story: Story, opts: _Options) -> list[Path]:
    protect = [Path(p) for p in opts.protect]
    name = story.name
    out_dir = opts.out
    assert out_dir is not None
    written: list[Path] = []
    if opts.json_out:
        from .report.json import write_json

        written.append(write_json(analysis, out_dir / f"{name}.json", protect=protect))
    if opts.html:
        from .report.html import write_html

        written.append(write_html(analysis, out_dir / f"{name}.html", protect=protect))
    if opts.csv:
        from .report.csv import write_csv

        written.extend(write_csv(analysis, out_dir, name, protect=protect))
    if opts.graphml or opts.gexf:
        from .graph import build_graph
        from .report.graphml import write_gexf, write_graphml

        graph = build_graph(analysis)
        if opts.graphml:
            written.append(write_graphml(graph, out_dir / f"{name}.graphml", protect=protect))
        if opts.gexf:
            written.append(write_gexf(graph, out_dir / f"{name}.gexf", protect=protect))
    return written


def _summary(analysis: Analysis) -> str:
    """A readable table of the claims: speaker, via, kind, cue, first words."""
    names = {e.id: e.name for e in analysis.entities}
    doc = analysis.document
    head = [
        f"{doc.title.text if doc.title else '(untitled)'}",
        f"publisher: {doc.publisher or '-'}   byline: {', '.join(doc.byline) or '-'}   "
        f"dateline: {doc.dateline.text if doc.dateline else '-'}",
        "",
    ]
    rows = [("#", "speaker", "via", "kind", "cue", "claim")]
    for c in analysis.claims:
        words = " ".join(c.content.text.split())
        rows.append((
            c.id,
            names.get(c.speaker or "", "(unresolved)"),
            " ← ".join(names[v] for v in c.via) or "-",
            c.kind.value,
            c.cue.text if c.cue else "-",
            words if len(words) <= 60 else words[:59] + "…",
        ))
    widths = [min(28, max(len(r[i]) for r in rows)) for i in range(5)]
    lines = []
    for r in rows:
        cells = [(r[i] if len(r[i]) <= widths[i] else r[i][: widths[i] - 1] + "…").ljust(widths[i]) for i in range(5)]
        lines.append("  ".join([*cells, r[5]]))
    foot = ["", f"{len(analysis.claims)} claims, {len(analysis.entities)} sources"]
    foot += [f"warning: {w}" for w in analysis.warnings]
    return "\n".join(head + lines + foot)


@app.command("eval")
def evaluate_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of NAME.txt stories with NAME.gold.json annotations.")],
    nlp: Annotated[str, typer.Option("--nlp", help="NLP backend: spacy or stanza.")] = "spacy",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss and extra.")] = False,
) -> None:
    """Score the analyzer against gold annotations: precision, recall and F1 per story and in total."""
    from .evaluate import evaluate, total
    from .pipeline import analyze as run

    try:
        scores = evaluate(gold_dir, lambda text, path: run(text, path=path, backend=nlp))
    except AttribError as exc:
        raise _fail(str(exc)) from None
    header = f"{'story':34} {'claims P/R/F1':>20} {'+speaker P/R/F1':>20} {'via P/R/F1':>20}"
    typer.echo(header)
    for s in [*scores, total(scores)]:
        if s.name == "TOTAL":
            typer.echo("-" * len(header))
        cells = [f"{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}" for c in (s.claims, s.speakers, s.via)]
        typer.echo(f"{s.name[:34]:34} {cells[0]:>20} {cells[1]:>20} {cells[2]:>20}")
        if verbose:
            for miss in s.misses:
                typer.echo(f"    {miss}")


@app.command("verify")
def verify_cmd(
    story: Annotated[str, typer.Argument(help="The story the quotes are attributed to (a UTF-8 text file).")],
    quotes: Annotated[list[str] | None, typer.Argument(help="Quotes to check, each one argument.")] = None,
    quotes_file: Annotated[
        Path | None, typer.Option("--quotes", help="A file of quotes: one a line, or JSON Lines with quote, speaker.")
    ] = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who the quotes are attributed to.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object a quote.")] = False,
    nlp: Annotated[str, typer.Option("--nlp", help="NLP backend for the speaker check: spacy or stanza.")] = "spacy",
) -> None:
    """Check quotes against STORY: exact, normalised, altered (with the word diff) or absent.

    With a speaker, also whether the story credits those words to that speaker. Exit code 0
    when every quote is exact or normalised (and every speaker right), 1 otherwise, 2 for
    bad input.
    """
    from .audit.verify import QuoteCheck, read_quotes, verdict_json, verdict_line, verify
    from .pipeline import analyze as run

    try:
        text = read_story(story).text
        checks = [QuoteCheck(q, speaker) for q in quotes or [] if q.strip()]
        checks += [c if c.speaker else QuoteCheck(c.quote, speaker) for c in read_quotes(quotes_file)] \
            if quotes_file else []
        if not checks:
            raise InputError("no quotes to check: give them after the story, or --quotes FILE")
        verdicts = verify(text, checks, lambda t: run(t, path=story, backend=nlp))
    except AttribError as exc:
        raise _fail(str(exc)) from None
    for v in verdicts:
        typer.echo(verdict_json(v) if json_out else verdict_line(v))
    if not all(v.passed for v in verdicts):
        raise typer.Exit(1)


@models_app.command("download")
def models_download(
    backend: Annotated[str, typer.Argument(help="Which models: stanza.")] = "stanza",
    model_dir: Annotated[
        Path | None,
        typer.Option("--dir", help="Where to put them (default: STANZA_RESOURCES_DIR or ~/stanza_resources)."),
    ] = None,
) -> None:
    """Download the stanza English models (needs internet; progress is shown)."""
    from .nlp import download_stanza

    if backend != "stanza":
        raise _fail(f"unknown backend {backend!r}: the spaCy model installs with pip; only `stanza` downloads here")
    try:
        target = download_stanza(model_dir)
    except AttribError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"stanza English models are in {target}")


def main() -> None:
    """Entry point for ``python -m attribution``."""
    app()
