"""The claims, sources, sentences and quoted-terms tables as pandas DataFrames with fixed columns and dtypes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..types import Analysis
from .tables import (
    CLAIM_COLUMNS,
    SENTENCE_COLUMNS,
    SOURCE_COLUMNS,
    TERM_COLUMNS,
    claim_rows,
    sentence_rows,
    source_rows,
    term_rows,
)

if TYPE_CHECKING:
    import pandas as pd


def _frame(rows: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.astype(columns)


def claims_frame(analysis: Analysis) -> pd.DataFrame:
    """The claims table: ``CLAIM_COLUMNS`` in that order and dtype, even with no claims.

    Args:
        analysis: the result of analysing one story.

    Returns:
        A new DataFrame, one row per claim in story order.
    """
    return _frame(claim_rows(analysis), CLAIM_COLUMNS)


def sources_frame(analysis: Analysis) -> pd.DataFrame:
    """The sources table: ``SOURCE_COLUMNS`` in that order and dtype, even with no claims.

    Args:
        analysis: the result of analysing one story.

    Returns:
        A new DataFrame, one row per speaker (see ``source_rows``).
    """
    return _frame(source_rows(analysis), SOURCE_COLUMNS)


def sentences_frame(analysis: Analysis) -> pd.DataFrame:
    """The sourcing map: ``SENTENCE_COLUMNS`` in that order and dtype, even with no sentences.

    Args:
        analysis: the result of analysing one story.

    Returns:
        A new DataFrame, one row per sentence of the headline and body.
    """
    return _frame(sentence_rows(analysis), SENTENCE_COLUMNS)


def terms_frame(analysis: Analysis) -> pd.DataFrame:
    """The quoted terms: ``TERM_COLUMNS`` in that order and dtype, even with no terms.

    Args:
        analysis: the result of analysing one story.

    Returns:
        A new DataFrame, one row per quoted term in story order.
    """
    return _frame(term_rows(analysis), TERM_COLUMNS)
