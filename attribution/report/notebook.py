"""A compact view of an analysis for notebooks: the highlighted story, its CSS scoped to its own box."""

from __future__ import annotations

import hashlib
import itertools

from ..types import Analysis
from .html import report_context, template

_RENDERS = itertools.count(1)


def to_notebook_html(analysis: Analysis) -> str:
    """The HTML Jupyter shows for an ``Analysis`` (its ``_repr_html_``).

    Every CSS rule starts with the box's own class, ``attrib-<digest>-<n>``, unique per
    rendering, so nothing restyles the notebook around it; no script, no external URL.

    Args:
        analysis: the result of analysing one story.

    Returns:
        A ``<div>`` holding its ``<style>``: title, counts, relayed chains and the story.
    """
    digest = hashlib.sha256(f"{analysis.sha256}:{analysis.path}".encode()).hexdigest()[:8]
    scope = f"attrib-{digest}-{next(_RENDERS)}"
    return template("notebook.html").render(scope=scope, **report_context(analysis))
