"""The ``attrib`` command line: the only place that prints, and turns errors into exit codes."""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Annotated, Any

import typer

from .errors import AttribError, InputError
from .inputs import MAX_BYTES, expand, read_story, report_stem
from .processes import cores, start_batch_workers
from .report.atomic import remove_stale_temps
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
# What a terminal would act on instead of showing: C0 and C1 controls (an ANSI escape
# sequence starts with ESC or CSI), DEL, and a file name's undecodable bytes (lone surrogates).
_UNSHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _shown(text: str) -> str:
    """``text`` safe to print on a terminal: control characters shown as ``\\x1b``, tab and newline kept."""
    return _UNSHOWN.sub(_escape, text)


def _json_text(analysis: Analysis) -> str:
    """The attrib/1 JSON for standard output; C1 controls and DEL written as ``\\u`` escapes (the same JSON)."""
    from .report.json import to_json

    return _UNSHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", to_json(analysis))


def _json_line(analysis: Analysis) -> str:
    """One JSON Lines line for standard output, escaped as ``_json_text``."""
    from .report.json import to_json_line

    return _UNSHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", to_json_line(analysis))


def _fail(message: str, code: int = _EXIT_INPUT) -> typer.Exit:
    typer.echo(f"attrib: error: {_shown(message)}", err=True)
    return typer.Exit(code)


def _flag(name: str, text: str) -> Any:
    return typer.Option(name, metavar="", help=text)


_MAX_MB = MAX_BYTES / 1e6  # the limit itself (3 MiB), shown in --help as [default: (3.1 MB = 3 MiB)]
_MAX_MB_SHOWN = f"{_MAX_MB:.1f} MB = {MAX_BYTES // 2**20} MiB"
# the options analyze and audit share
_Backend = Annotated[str, typer.Option("--nlp", metavar="BACKEND",
                                       help="NLP backend: spacy (default, offline) or stanza.")]
_MaxMB = Annotated[float, typer.Option("--max-mb", metavar="MB", help="Largest story accepted, in MB.",
                                       show_default=_MAX_MB_SHOWN)]


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
    nlp: _Backend = "spacy",
    max_mb: _MaxMB = _MAX_MB,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, metavar="N",
        help="Worker processes, each loading the model once (default: one per core)."
    )] = None,
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
        typer.echo("\nattrib: interrupted before any story was analysed", err=True)
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
    xlsx: bool = False
    publisher: str | None = None

    def formats(self) -> tuple[str, ...]:
        chosen = {"json": self.json_out, "html": self.html, "csv": self.csv, "xlsx": self.xlsx,
                  "graphml": self.graphml, "gexf": self.gexf}
        return tuple(name for name, on in chosen.items() if on)


def _summary_text(analysis: Analysis) -> str:
    return _summary(analysis) + "\n"


def _analyze_all(stories: list[str], opts: _Options, jobs: int | None) -> None:
    try:
        paths = expand(stories)
    except InputError as exc:
        raise _fail(str(exc)) from None
    if nlp_error := _backend_error(opts.nlp):
        raise _fail(nlp_error)
    # several stories with --json and no --out: JSON Lines on standard output, one story a line
    files = opts.html or opts.csv or opts.xlsx or opts.graphml or opts.gexf or (opts.json_out and opts.out is not None)
    out_dir = opts.out or Path("reports")
    if files:
        _check_names(paths)
        _prepare_out(out_dir)
    jobs = jobs or cores()
    if jobs > 1 and len(paths) > 1:
        # the workers' server imports spaCy and loads the model (about a second) while this
        # process imports the rest of attrib and prepares the stories, not after
        start_batch_workers(opts.nlp)
    from .audit.run import Outcome, Plan, Task, in_order, overwrites, run

    json_stdout = _json_text if len(paths) == 1 else _json_line
    stdout = json_stdout if opts.json_out and not files else _summary_text
    plan = Plan(formats=opts.formats() if files else (), out=str(out_dir) if files else None, backend=opts.nlp,
                max_bytes=opts.max_bytes, stdout=None if files else stdout, publisher=opts.publisher)
    # refused before any work: reports over an input file, standard input that cannot be read
    early = {i: Outcome(i, paths[i], error=message, input_error=True)
             for i, message in (overwrites(paths, out_dir, plan.formats) if files else {}).items()}
    tasks: list[Task] = []
    for i, path in enumerate(paths):
        if i in early:
            continue
        if path == "-":  # read here: a worker process cannot read it
            try:
                tasks.append(Task(i, "-", read_story("-", opts.max_bytes).data))
            except InputError as exc:
                early[i] = Outcome(i, "-", error=str(exc), input_error=True)
        else:
            tasks.append(Task(i, path))
    outcomes: Iterator[Outcome] = chain(
        early.values(), run(tasks, plan, total=len(tasks), jobs=jobs))
    if not files:
        outcomes = in_order(outcomes)  # printed text comes in input order
    batch = _Batch(len(paths))
    _consume(outcomes, len(paths), batch,
             lambda outcome, progress: _analyzed(outcome, batch, progress, len(paths) == 1, opts.json_out))
    if batch.interrupted:
        typer.echo(f"\nattrib: interrupted: {batch.summary('analysed')}; every report written is complete "
                   "(an abandoned story has none)", err=True)
        raise typer.Exit(130)
    if len(paths) > 1:
        where = f"; reports in {out_dir}" if files else ""
        typer.echo(f"attrib: {batch.summary('analysed')}{_shown(where)}", err=True)
    if batch.failed:
        raise typer.Exit(1)


def _consume(outcomes: Iterator[Any], total: int, batch: _Batch, each: Callable[[Any, _Progress], None]) -> None:
    """Hand each outcome to ``each`` under the progress display; Ctrl-C ends the loop, not the command."""
    with _Progress(total) as progress:
        try:
            for outcome in outcomes:
                each(outcome, progress)
        except KeyboardInterrupt:
            batch.interrupted = True


def _analyzed(outcome: Any, batch: _Batch, progress: _Progress, single: bool, json_lines: bool) -> None:
    """Print what one story gave and count it."""
    if outcome.stdout:
        if not single and not json_lines:
            progress.out(f"== {_shown(outcome.path)}\n")
        progress.out(outcome.stdout)
    if outcome.cancelled:
        batch.cancelled += 1
        return
    if outcome.error is not None:
        batch.failed += 1
        if single:
            raise _fail(outcome.error, _EXIT_INPUT if outcome.input_error else 1)
        progress.note(f"attrib: error: {_shown(outcome.error)} (skipped)")
    else:
        batch.done += 1
        if single:
            for w in outcome.written:
                typer.echo(f"wrote {_shown(w)}", err=True)
    progress.step(outcome)


@dataclass
class _Batch:
    """How the stories of one command went."""

    total: int
    done: int = 0
    failed: int = 0
    cancelled: int = 0
    skipped: int = 0
    interrupted: bool = False

    def summary(self, verb: str) -> str:
        parts = [f"{self.done} of {self.total} stories {verb}"]
        if self.skipped:
            parts.append(f"{self.skipped} unchanged since the last run")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.cancelled:
            parts.append(f"{self.cancelled} abandoned")
        if self.interrupted and (rest := self.total - self.done - self.skipped - self.failed - self.cancelled):
            parts.append(f"{rest} not started")
        return ", ".join(parts)


def _prepare_out(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _fail(f"cannot create the output folder {out_dir}: {exc.strerror or exc}") from None
    if not os.access(out_dir, os.W_OK):
        raise _fail(f"cannot write to the output folder {out_dir}: permission denied")
    remove_stale_temps(out_dir)  # left by a run that was killed mid-write


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
        name = report_stem(path)
        if name in seen:
            raise _fail(f"{seen[name]} and {path} would both write reports named {name}.*: "
                        "rename one, or analyse them into different --out folders")
        seen[name] = path


class _Progress:
    """Progress over several stories: rich's bar on a terminal, a line per story otherwise (logs, pipes).

    Used as a context manager, so the terminal (cursor included) is restored however the
    block ends, Ctrl-C included.
    """

    def __init__(self, total: int, verb: str = "analysing") -> None:
        self.total = total
        self.verb = verb
        self.n = 0
        self.bar: Any = None

    def __enter__(self) -> _Progress:
        if self.total > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn(self.verb), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                TextColumn("{task.fields[story]}", markup=False),
                                console=Console(stderr=True), transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task(self.verb, total=self.total, story="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

    def step(self, outcome: Any) -> None:
        """One story done."""
        self.n += 1
        if self.total == 1:
            return
        if self.bar is not None:
            self.bar.update(self.task, advance=1, story=_shown(Path(outcome.path).name))
            return
        state = ("abandoned" if outcome.cancelled else "failed" if outcome.error else
                 f"{len(outcome.written)} files" if outcome.written else "done")
        typer.echo(f"[{self.n}/{self.total}] {_shown(outcome.path)}: {state}", err=True)

    def note(self, line: str) -> None:
        """A line above the bar."""
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            typer.echo(line, err=True)

    def out(self, text: str) -> None:
        """Text for standard output."""
        sys.stdout.write(text)
        sys.stdout.flush()


@app.command(cls=_Command)
def audit(
    stories: Annotated[
        list[str], typer.Argument(metavar="STORY", help="Story files, folders of them, or globs ('news/**/*.txt').")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="DIR",
                           help="The audit folder: reports, audit.sqlite, tables, index.html.")
    ],
    json_out: Annotated[bool, _flag("--json", "Write NAME.json per story.")] = False,
    html: Annotated[bool, _flag("--html", "Write NAME.html per story.")] = False,
    csv: Annotated[bool, _flag("--csv", "Write CSV tables per story: claims, sources, sentences, terms.")] = False,
    xlsx: Annotated[bool, _flag("--xlsx", "Write NAME.xlsx per story: the tables, a sheet each.")] = False,
    graphml: Annotated[bool, _flag("--graphml", "Write each story's graph as GraphML.")] = False,
    gexf: Annotated[bool, _flag("--gexf", "Write each story's graph as GEXF (for Gephi).")] = False,
    nlp: _Backend = "spacy",
    max_mb: _MaxMB = _MAX_MB,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, metavar="N",
        help="Worker processes, or LocalCluster workers with --dask local (default: one per core)."
    )] = None,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="WHERE", help="Run on Dask: 'local' (a LocalCluster) or a scheduler address (tcp://host:8786)."
    )] = None,
) -> None:
    """Audit an archive: every story's reports, the audit store, combined tables and an index page in OUT.

    Reports per story as `analyze` writes them (JSON and HTML when no format is chosen);
    OUT/audit.sqlite accumulates across runs, and a story whose bytes are unchanged is not
    analysed again, so a run that was interrupted continues where it stopped. Then
    stories.csv, claims.csv, sources.csv, provenance.csv (and Parquet with pyarrow) and
    index.html are written from the store.
    """
    from .audit.archive import Audit, expand_paths
    from .audit.run import Outcome, Plan, overwrites, run

    opts = _Options(json_out, html, csv, graphml, gexf, out, nlp, int(max_mb * 1e6), xlsx=xlsx)
    try:
        paths = expand_paths(stories)
    except InputError as exc:
        raise _fail(str(exc)) from None
    if nlp_error := _backend_error(nlp):
        raise _fail(nlp_error)
    _check_names(paths)
    _prepare_out(out)
    plan = Plan(formats=opts.formats() or ("json", "html"), out=str(out), backend=nlp, max_bytes=opts.max_bytes,
                rows=True)
    try:
        job = Audit(paths, plan)
    except AttribError as exc:
        raise _fail(str(exc)) from None
    batch = _Batch(len(paths), skipped=job.skipped)
    refused = {i: m for i, m in overwrites(paths, out, plan.formats).items() if i in set(job.todo)}
    early = [Outcome(i, paths[i], error=m, input_error=True) for i, m in refused.items()]
    tasks = (t for t in job.tasks() if t.index not in refused)
    outcomes = chain(early, run(tasks, plan, total=len(job.todo) - len(refused), jobs=jobs or cores(),
                                dask=dask))

    def each(outcome: Any, progress: _Progress) -> None:
        job.record(outcome)
        _analyzed(outcome, batch, progress, False, False)

    try:
        _consume(outcomes, len(job.todo), batch, each)
        if batch.interrupted:
            typer.echo(f"\nattrib: interrupted: {batch.summary('analysed')}; what finished is in "
                       f"{_shown(str(out / 'audit.sqlite'))}"
                       " with its reports complete; run the same command again to continue", err=True)
            raise typer.Exit(130)
        job.finish()
    except AttribError as exc:
        raise _fail(str(exc), 1) from None
    finally:
        job.close()
    typer.echo(f"attrib: {batch.summary('analysed')}; audit in {_shown(str(out))} (index.html)", err=True)
    if batch.failed:
        raise typer.Exit(1)


def _summary(analysis: Analysis) -> str:
    """The claims as a table drawn by rich to the terminal's width: speaker, chain, kind, cue, claim."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .report.html import speaker_numbers
    from .report.tables import count_sources, sources_phrase

    names = {e.id: _shown(e.name) for e in analysis.entities}
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
        cells = [c.id, who, " → ".join(names.get(v, v) for v in c.via) or "-", c.kind.value, *cue,
                 " ".join(c.content.text.split())]
        table.add_row(*(Text(_shown(cell)) for cell in cells))  # Text: "[/b]" in a story is no markup
    console = Console(file=io.StringIO(), width=width, color_system=None, emoji=False, highlight=False)
    console.print(_shown(doc.title.text) if doc.title else "(untitled)", markup=False)
    console.print(_shown(f"publisher: {doc.publisher or '-'}   byline: {', '.join(doc.byline) or '-'}   "
                         f"dateline: {doc.dateline.text if doc.dateline else '-'}"), markup=False)
    if analysis.claims:
        console.print(table)
    console.print(f"sourcing: {_profile_words(analysis)}", markup=False)
    counts = count_sources(analysis)
    relays = list(dict.fromkeys(names.get(v, v) for c in analysis.claims for v in c.via if v not in numbers))
    if relays:
        console.print(f"intermediaries (relay, never speak): {', '.join(relays)}", markup=False)
    for w in analysis.warnings:
        console.print(f"warning: {_shown(w)}", markup=False)
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
        label = "TOTAL as annotated" if name == "TOTAL" and fmt == "polnear" else name[:34]
        typer.echo(f"{label:34}" + "".join(f" {f'{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}':>20}"
                                           for c in counts))
        if verbose:
            for miss in misses:
                typer.echo(f"    {miss}")
    if fmt == "polnear":
        whole = polnear.total(found)
        typer.echo(f"{'TOTAL attrib' + chr(39) + 's conventions':34}" + "".join(
            f" {f'{c.precision:.2f}/{c.recall:.2f}/{c.f1:.2f}':>20}" for c in (whole.own_content, whole.own_source))
            + f"  (thoughts and beliefs left out: {whole.thoughts} of {whole.content.gold} gold)")
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
        typer.echo(verdict_json(v) if json_out else _shown(verdict_line(v)))
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
