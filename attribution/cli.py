"""The ``attrib`` command line: the only place that prints, and turns errors into exit codes."""

from __future__ import annotations

import io
import os
import shutil
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


class _Command(typer.core.TyperCommand):
    """A command whose help lists no Python types (``<bool>``, ``<list[str]>``): options say theirs."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if isinstance(param, typer.core.TyperArgument):
                param.display_type_rich = lambda ctx: None  # the metavar ("STORY...") says it
        return params


class _Group(typer.core.TyperGroup, _Command):
    """The same for a group of commands."""


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    help="attrib: who said it, through whom it reached the page, in what channel, and when.",
)
models_app = typer.Typer(cls=_Group, no_args_is_help=True, help="Manage the NLP models attrib uses.")
app.add_typer(models_app, name="models")


def _show_version(value: bool) -> None:
    if value:
        from .versions import attrib_version, model_version

        typer.echo(f"attrib {attrib_version()}\nmodel {model_version('spacy')} (spacy, the default)\n"
                   f"model {model_version('stanza')} (stanza)")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True, metavar="",
                                          help="Show attrib's version and its models', and exit.")] = False,
) -> None:
    """attrib: who said it, through whom it reached the page, in what channel, and when."""

_EXIT_INPUT = 2


def _fail(message: str, code: int = _EXIT_INPUT) -> typer.Exit:
    typer.echo(f"attrib: error: {message}", err=True)
    return typer.Exit(code)


def _flag(name: str, text: str) -> Any:
    return typer.Option(name, metavar="", help=text)


_MAX_MB = round(MAX_BYTES / 1e6, 1)  # shown as written in --help: [default: 3.1]


@app.command(cls=_Command)
def analyze(
    stories: Annotated[
        list[str], typer.Argument(metavar="STORY", help="Story files (UTF-8 text, or saved web pages: .html, "
                                  ".htm), folders of them, or - for stdin.")
    ],
    json_out: Annotated[bool, _flag("--json", "Print (or write) the attrib/1 JSON.")] = False,
    html: Annotated[bool, _flag("--html", "Write the HTML report (reports/NAME.html).")] = False,
    csv: Annotated[bool, _flag("--csv", "Write CSV tables: claims, sources, sentences, terms.")] = False,
    xlsx: Annotated[bool, _flag("--xlsx", "Write NAME.xlsx: the tables, a sheet each.")] = False,
    graphml: Annotated[bool, _flag("--graphml", "Write the attribution graph as GraphML.")] = False,
    gexf: Annotated[bool, _flag("--gexf", "Write the attribution graph as GEXF (for Gephi).")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="DIR",
                                             help="Output folder (default: reports/).")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", metavar="NAME",
                                                  help="The publisher, over what the story says.")] = None,
    nlp: Annotated[str, typer.Option("--nlp", metavar="BACKEND",
                                     help="NLP backend: spacy (default, offline) or stanza.")] = "spacy",
    max_mb: Annotated[float, typer.Option("--max-mb", metavar="MB", help="Largest story accepted, in MB.")] = _MAX_MB,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes, each loading the model once.")
    ] = 1,
) -> None:
    """Find every claim in STORIES with its speaker, intermediaries, channel and time.

    Over several stories a failing one is reported and skipped; the exit code is 1 at the
    end when any failed (2 when the only story given cannot be read).
    """
    try:
        opts = _Options(json_out, html, csv, graphml, gexf, out, nlp, int(max_mb * 1e6), xlsx=xlsx,
                        publisher=publisher)
        _analyze_all(stories, opts, jobs)
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
    xlsx: bool = False
    publisher: str | None = None


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
    files = opts.html or opts.csv or opts.xlsx or opts.graphml or opts.gexf or (
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
        known = replace(story.known, publisher=opts.publisher) if opts.publisher else story.known
        analysis = run(story.text, path=None if story.path == "-" else story.path, backend=opts.nlp,
                       data=story.data, warnings=story.warnings, max_chars=opts.max_bytes, known=known)
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
    if opts.xlsx:
        from .report.xlsx import write_xlsx

        written.append(write_xlsx(analysis, out_dir / f"{name}.xlsx", protect=protect))
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
    """The claims as a table drawn by rich to the terminal's width: speaker, chain, kind, cue, claim."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    from .report.html import speaker_numbers
    from .report.tables import count_sources, sources_phrase

    names = {e.id: e.name for e in analysis.entities}
    numbers = speaker_numbers(analysis)
    doc = analysis.document
    width = max(shutil.get_terminal_size((120, 24)).columns, 60)
    wide = width >= 100  # a narrow terminal drops the cue column: the claim needs the room
    rest = width - 4 - 12 - (13 if wide else 0) - (12 if wide else 10)  # fixed columns and the gaps
    named = max(14, min(28, rest // 5))  # speaker and via; the claim takes what is left
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", width=4, no_wrap=True)
    table.add_column("speaker", width=named, overflow="fold")
    table.add_column("via", width=named, overflow="fold")
    table.add_column("kind", width=12, no_wrap=True)
    if wide:
        table.add_column("cue", width=13, overflow="fold")
    table.add_column("claim", width=rest - 2 * named, overflow="fold")
    for c in analysis.claims:
        who = f"{numbers[c.speaker]} {names.get(c.speaker, c.speaker)}" if c.speaker else "? unresolved"
        cue = [c.cue.text if c.cue else "-"] if wide else []
        table.add_row(c.id, who, " → ".join(names.get(v, v) for v in c.via) or "-", c.kind.value, *cue,
                      " ".join(c.content.text.split()))
    console = Console(file=io.StringIO(), width=width, color_system=None, emoji=False, highlight=False)
    console.print(doc.title.text if doc.title else "(untitled)", markup=False)
    console.print(f"publisher: {doc.publisher or '-'}   byline: {', '.join(doc.byline) or '-'}   "
                  f"dateline: {doc.dateline.text if doc.dateline else '-'}", markup=False)
    if analysis.claims:
        console.print(table)
    console.print(f"sourcing: {_profile_words(analysis)}", markup=False)
    counts = count_sources(analysis)
    relays = list(dict.fromkeys(names.get(v, v) for c in analysis.claims for v in c.via if v not in numbers))
    if relays:
        console.print(f"intermediaries (relay, never speak): {', '.join(relays)}", markup=False)
    for w in analysis.warnings:
        console.print(f"warning: {w}", markup=False)
    console.print(sources_phrase({**counts, "intermediaries": 0}), markup=False)
    return console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]


def _profile_words(analysis: Analysis) -> str:
    """The sourcing profile in words: "none anonymous; 1 relayed; 3 of 17 sentences unsourced; ..."."""
    from .signals import profile_of
    from .types import Sourcing, Stance

    p = analysis.profile or profile_of(analysis)
    labels = [s.label for s in analysis.sourcing]
    relayed = sum(1 for c in analysis.claims if c.via)
    plural = {True: "", False: "s"}
    words = [f"{p.anonymous_sources or 'none'} anonymous", f"{relayed or 'none'} relayed",
             f"{labels.count(Sourcing.UNSOURCED)} of {len(labels)} sentence{plural[len(labels) == 1]} unsourced"]
    if labels.count(Sourcing.OBSERVED):
        words.append(f"{labels.count(Sourcing.OBSERVED)} observed by the outlet's reporters")
    words += [f"{n} {s.value} verb{plural[n == 1]}" for s, n in p.stance if n and s is not Stance.NEUTRAL]
    return "; ".join(words)


@app.command("eval", cls=_Command)
def evaluate_cmd(
    gold_dir: Annotated[Path, typer.Argument(
        metavar="GOLD_DIR", help="Folder of NAME.txt stories with NAME.gold.json (or PolNeAR NAME.ann) annotations.")],
    nlp: Annotated[str, typer.Option("--nlp", metavar="BACKEND", help="NLP backend: spacy or stanza.")] = "spacy",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", metavar="", help="List every miss and extra.")] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", metavar="FORMAT", help="gold (NAME.gold.json) or polnear (brat NAME.ann); detected by default.")
    ] = None,
) -> None:
    """Score the analyzer against gold annotations: precision, recall and F1 per story and in total."""
    from . import evaluate, polnear
    from .pipeline import analyze as run
    from .signals import score

    analyses: dict[str, Analysis] = {}  # kept for the signals table

    def run_and_keep(text: str, path: str) -> Analysis:
        analyses[path] = run(text, path=path, backend=nlp)
        return analyses[path]

    fmt = fmt or ("polnear" if polnear.has_annotations(gold_dir) else "gold")
    if fmt not in {"gold", "polnear"}:
        raise _fail(f"unknown --format {fmt!r}: choose gold or polnear")
    signal_scores: list[score.SignalScore] = []
    try:
        if fmt == "polnear":
            found = polnear.evaluate(gold_dir, lambda text, path: run(text, path=path, backend=nlp))
            rows = [(s.name, (s.content, s.source), s.misses) for s in [*found, polnear.total(found)]]
        else:
            gold = evaluate.evaluate(gold_dir, run_and_keep)
            rows = [(s.name, (s.claims, s.speakers, s.via), s.misses) for s in [*gold, evaluate.total(gold)]]
            signal_scores = score.score_gold_dir(gold_dir, analyses)
    except AttribError as exc:
        raise _fail(str(exc)) from None
    titles = ("content", "+source") if fmt == "polnear" else ("claims", "+speaker", "via")
    header = f"{'story':34}" + "".join(f" {t + ' P/R/F1':>20}" for t in titles)
    typer.echo(header)
    for name, counts, misses in rows:
        if name == "TOTAL":
            typer.echo("-" * len(header))
        typer.echo(f"{name[:34]:34}" + "".join(f" {f'{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}':>20}"
                                               for c in counts))
        if verbose:
            for miss in misses:
                typer.echo(f"    {miss}")
    if signal_scores:
        typer.echo("\n" + "\n".join(score.table(signal_scores, verbose)))


@app.command("verify", cls=_Command)
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


@models_app.command("download", cls=_Command)
def models_download(
    backend: Annotated[str, typer.Argument(metavar="BACKEND", help="Which models: stanza.")] = "stanza",
    model_dir: Annotated[
        Path | None,
        typer.Option("--dir", metavar="DIR",
                     help="Where to put them (default: STANZA_RESOURCES_DIR or ~/stanza_resources)."),
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
