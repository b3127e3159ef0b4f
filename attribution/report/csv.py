"""The claims, sources, sentences and quoted-terms tables as CSV files for spreadsheets."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..types import Analysis
from .atomic import write_atomic
from .cells import safe_cell
from .frames import claims_frame, sentences_frame, sources_frame, terms_frame

if TYPE_CHECKING:
    import pandas as pd

# Excel on Windows reads a CSV file as the machine's code page unless it opens with a BOM.
BOM = "\ufeff"


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell made safe (``safe_cell``); numeric columns as they are."""
    text = [column for column, dtype in frame.dtypes.items() if dtype == "string"]
    return frame.assign(**{column: frame[column].map(safe_cell, na_action="ignore") for column in text})


def to_csv(analysis: Analysis) -> dict[str, str]:
    """The CSV texts of the claims, sources, sentences and quoted-terms tables.

    Each text starts with a BOM (written as UTF-8 it makes Excel read the file as UTF-8) and
    ends its lines with ``\\n``. A text cell that starts like a formula (``= + - @``, tab or
    carriage return) gets a leading ``'`` (``safe_cell``): "-5 percent" in a claim is written
    ``'-5 percent``, while numbers (offsets, counts, confidence) are written as numbers.

    Args:
        analysis: the result of analysing one story.

    Returns:
        ``{"claims": "...", "sources": "...", "sentences": "...", "terms": "..."}``.
    """
    frames = {"claims": claims_frame, "sources": sources_frame, "sentences": sentences_frame, "terms": terms_frame}
    return {name: BOM + _safe(make(analysis)).to_csv(index=False, lineterminator="\n")
            for name, make in frames.items()}


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
