"""Text other programs read safely: spreadsheet cells that never run as formulas, XML that always parses."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

# What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP, "CSV
# Injection"), with the full-width forms Excel's East Asian input turns into them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Characters XML 1.0 cannot hold: C0 controls but tab, newline and carriage return, lone
# surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet cell: text that would start a formula gets a leading ``'``.

    Only text is quoted, so a number stays a number even when negative: a numeric column
    holding ``-5`` writes ``-5``, while the words "-5 percent" in a text column are written
    ``'-5 percent``. A spreadsheet shows the apostrophe in a CSV file (it is how the text
    differs from a formula); ``None`` stays ``None`` (an empty cell).

    Args:
        value: a number, a string or None.

    Returns:
        The value to write.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def is_formula(value: Any) -> bool:
    """Whether a cell read back from a file would run as a formula (it starts like one)."""
    return isinstance(value, str) and value.startswith(FORMULA_START)


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold replaced by U+FFFD.

    Args:
        text: any string (lone surrogates included).

    Returns:
        A string an XML parser reads back; the same string when it was already one.
    """
    return _NOT_XML.sub("\ufffd", text)


# C0 controls (but tab, newline, carriage return) and DEL, shown as the Unicode control pictures
# ("␛" for ESC): a page that writes them raw is malformed, and a reader should see they are there
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_CHARACTERS = re.compile("[\ufffe\uffff\ud800-\udfff]")


def visible_text(value: Any) -> Any:
    """``value`` for an HTML page: control characters as their control pictures ("␛"), U+FFFE,
    U+FFFF and lone surrogates as U+FFFD; one character for one, so offsets keep. Non-strings
    are returned as they are."""
    if not isinstance(value, str):
        return value
    shown = _CONTROLS.sub(lambda m: "\u2421" if m.group() == "\x7f" else chr(0x2400 + ord(m.group())), value)
    shown = _NOT_CHARACTERS.sub("\ufffd", shown)
    return type(value)(shown) if isinstance(value, Markup) else shown  # HTML built by the report stays HTML


def xml_cell(value: Any) -> Any:
    """``safe_cell(value)`` for a format stored as XML (``.xlsx``): characters XML cannot hold replaced."""
    value = safe_cell(value)
    return xml_text(value) if isinstance(value, str) else value
