"""The tables of an analysis as one Excel workbook: a sheet per table, safe to open."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..source import provenance
from ..types import Analysis
from ..versions import attrib_version
from .atomic import write_atomic
from .cells import xml_cell
from .tables import CLAIM_COLUMNS, SOURCE_COLUMNS, claim_rows, source_rows

_ENTITY_COLUMNS = ("id", "name", "type", "mentions", "first_mention")


def sheets(analysis: Analysis) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
    """Every table of the analysis: ``{sheet name: (header, rows)}``.

    ``claims`` and ``sources`` are the CSV tables; ``entities`` lists every source and
    intermediary; ``document`` holds the story's metadata and the versions that made it.

    Args:
        analysis: the result of analysing one story.

    Returns:
        Sheets in workbook order.
    """
    doc = analysis.document
    about = {
        "title": doc.title.text if doc.title else "",
        "publisher": doc.publisher or "",
        "byline": "; ".join(doc.byline),
        "dateline": doc.dateline.text if doc.dateline else "",
        "path": analysis.path or "",
        "sha256": analysis.sha256,
        "chars": len(doc.text),
        "attrib_version": attrib_version(),
        "model": analysis.model,
        **provenance(doc),
    }
    return {
        "claims": (tuple(CLAIM_COLUMNS), [tuple(r[c] for c in CLAIM_COLUMNS) for r in claim_rows(analysis)]),
        "sources": (tuple(SOURCE_COLUMNS), [tuple(r[c] for c in SOURCE_COLUMNS) for r in source_rows(analysis)]),
        "entities": (_ENTITY_COLUMNS, [
            (e.id, e.name, e.type.value, len(e.mentions), min((m.start for m in e.mentions), default=None))
            for e in analysis.entities
        ]),
        "document": (("field", "value"), list(about.items())),
    }


def to_xlsx(analysis: Analysis) -> bytes:
    """The workbook of ``analysis`` as ``.xlsx`` bytes (header rows bold, frozen and filterable).

    Args:
        analysis: the result of analysing one story.

    Returns:
        The file's bytes.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for name, (header, rows) in sheets(analysis).items():
        sheet = book.create_sheet(name)
        sheet.append(list(header))
        for row in rows:
            sheet.append([xml_cell(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for i, column in enumerate(header, start=1):
            longest = max([len(column), *(len(str(r[i - 1])) for r in rows if r[i - 1] is not None)])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, longest + 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(analysis: Analysis, path: Path, *, protect: Iterable[Path] = ()) -> Path:
    """Write ``to_xlsx(analysis)`` to ``path`` atomically.

    Args:
        analysis: the result of analysing one story.
        path: the output file.
        protect: input files that must not be overwritten.

    Returns:
        ``path``.
    """
    return write_atomic(Path(path), to_xlsx(analysis), protect=protect)
