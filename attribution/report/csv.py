"""The claims, sources, sentences and quoted-terms tables as CSV files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..types import Analysis
from .atomic import write_atomic
from .frames import claims_frame, sentences_frame, sources_frame, terms_frame


def to_csv(analysis: Analysis) -> dict[str, str]:
    """The CSV texts of the claims, sources, sentences and quoted-terms tables (UTF-8, ``\\n`` line ends).

    Args:
        analysis: the result of analysing one story.

    Returns:
        ``{"claims": "...", "sources": "...", "sentences": "...", "terms": "..."}``.
    """
    frames = {"claims": claims_frame, "sources": sources_frame, "sentences": sentences_frame, "terms": terms_frame}
    return {name: make(analysis).to_csv(index=False, lineterminator="\n") for name, make in frames.items()}


def write_csv(analysis: Analysis, out_dir: Path, name: str, *, protect: Iterable[Path] = ()) -> list[Path]:
    """Write ``NAME.claims.csv``, ``NAME.sources.csv``, ``NAME.sentences.csv`` and ``NAME.terms.csv``.

    The folder ``out_dir`` is created if needed.

    Args:
        analysis: the result of analysing one story.
        out_dir: the output folder.
        name: the file stem, usually the story's.
        protect: input files that must not be overwritten.

    Returns:
        The paths written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    protect = tuple(protect)
    return [
        write_atomic(out_dir / f"{name}.{table}.csv", text, protect=protect)
        for table, text in to_csv(analysis).items()
    ]
