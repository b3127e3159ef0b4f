"""The media-literacy signals over an ``Analysis``: verb stance, sourcing map, quoted terms, profile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..lexicon import Lexicon
from ..quotes import Quote, find_quotes
from ..types import Analysis, BlockKind
from .profile import profile_of
from .sentences import label_sentences
from .stance import stance_of, with_stances
from .terms import find_quoted_terms

__all__ = ["add_signals", "find_quoted_terms", "label_sentences", "profile_of", "stance_of", "with_stances"]


def add_signals(analysis: Analysis, lexicon: Lexicon, quotes: Sequence[Quote] | None = None) -> Analysis:
    """``analysis`` with every claim's stance, the sourcing map, the quoted terms and the profile.

    Args:
        analysis: the result of the claim and entity stages, with the parsed ``sentences``.
        lexicon: the word lists (``[stance]``, ``[observation]``, ``[terms]``).
        quotes: the story's quotations, when the caller has them (found again otherwise).

    Returns:
        A new ``Analysis``; a headline quote the body never has adds a warning.
    """
    if quotes is None:
        blocks = [(i, b.span) for i, b in enumerate(analysis.document.blocks)
                  if b.kind in {BlockKind.TITLE, BlockKind.BODY}]
        quotes = find_quotes(analysis.document.text, blocks)
    analysis = replace(analysis, claims=with_stances(analysis, lexicon))
    analysis = replace(analysis, sourcing=label_sentences(analysis, quotes, lexicon))
    terms, warnings = find_quoted_terms(analysis, quotes, lexicon)
    analysis = replace(analysis, quoted_terms=terms, warnings=analysis.warnings + warnings)
    return replace(analysis, profile=profile_of(analysis))
