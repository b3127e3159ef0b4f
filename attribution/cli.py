"""The ``attrib`` command line: the only place that prints, and turns errors into exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import AttribError, InputError
from .inputs import MAX_BYTES, Story, expand, read_story
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
    stories: Annotated[list[str], typer.Argument(help="Story files (UTF-8 text), folders of .txt files, or - for stdin.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print (or write) the attrib/1 JSON.")] = False,
    html: Annotated[bool, typer.Option("--html", help="Write the HTML report (reports/NAME.html).")] = False,
    csv: Annotated[bool, typer.Option("--csv", help="Write NAME.claims.csv and NAME.sources.csv.")] = False,
    graphml: Annotated[bool, typer.Option("--graphml", help="Write the attribution graph as GraphML.")] = False,
    gexf: Annotated[bool, typer.Option("--gexf", help="Write the attribution graph as GEXF.")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder (default: reports/).")] = None,
    nlp: Annotated[str, typer.Option("--nlp", help="NLP backend: spacy (default, offline) or stanza.")] = "spacy",
    max_mb: Annotated[float, typer.Option("--max-mb", help="Largest story accepted, in MB.")] = MAX_BYTES / 1e6,
) -> None:
    """Find every claim in STORIES with its speaker, intermediaries, channel and time."""
    from .pipeline import analyze as run

    try:
        paths = expand(stories)
    except InputError as exc:
        raise _fail(str(exc)) from None
    files = html or csv or graphml or gexf or (json_out and (out is not None or len(paths) > 1))
    out_dir = out or Path("reports")
    if files:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _fail(f"cannot create the output folder {out_dir}: {exc.strerror or exc}") from None
    failed = 0
    progress = len(paths) > 1
    for n, path in enumerate(paths, 1):
        try:
            story = read_story(path, int(max_mb * 1e6))
            analysis = run(story.text, path=None if path == "-" else path, backend=nlp, data=story.data,
                           warnings=story.warnings)
            if files:
                written = _write(analysis, story, out_dir, json_out, html, csv, graphml, gexf)
                for w in written:
                    typer.echo(f"wrote {w}", err=True)
            elif json_out:
                from .report.json import to_json

                sys.stdout.write(to_json(analysis))
            else:
                typer.echo(_summary(analysis))
        except AttribError as exc:
            failed += 1
            if len(paths) == 1:
                raise _fail(str(exc)) from None
            typer.echo(f"attrib: error: {exc} (skipped)", err=True)
        if progress:
            typer.echo(f"[{n}/{len(paths)}] {path}", err=True)
    if failed:
        if progress:
            typer.echo(f"attrib: {failed} of {len(paths)} stories failed", err=True)
        raise typer.Exit(1)


def _write(
    analysis: Analysis, story: Story, out_dir: Path, json_out: bool, html: bool, csv: bool,
    graphml: bool, gexf: bool,
) -> list[Path]:
    protect = [] if story.path == "-" else [Path(story.path)]
    name = story.name
    written: list[Path] = []
    if json_out:
        from .report.json import write_json

        written.append(write_json(analysis, out_dir / f"{name}.json", protect=protect))
    if html:
        from .report.html import write_html

        written.append(write_html(analysis, out_dir / f"{name}.html", protect=protect))
    if csv:
        from .report.csv import write_csv

        written.extend(write_csv(analysis, out_dir, name, protect=protect))
    if graphml or gexf:
        from .graph import build_graph
        from .report.graphml import write_gexf, write_graphml

        graph = build_graph(analysis)
        if graphml:
            written.append(write_graphml(graph, out_dir / f"{name}.graphml", protect=protect))
        if gexf:
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


@models_app.command("download")
def models_download(
    backend: Annotated[str, typer.Argument(help="Which models: stanza.")] = "stanza",
    model_dir: Annotated[Path | None, typer.Option("--dir", help="Where to put them (default: STANZA_RESOURCES_DIR or ~/stanza_resources).")] = None,
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
