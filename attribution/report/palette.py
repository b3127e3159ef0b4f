"""The speaker styles shared by the HTML report, the notebook view and the GEXF export.

Paul Tol's "light" scheme: nine hues meant for labelled areas and told apart with the
common colour-vision deficiencies, each light enough for black text (contrast above 7:1).
Past nine speakers the hues come back under a pattern (stripes, dots, cross-hatch), so no
two speakers of a story look alike up to 36; an unresolved speaker is grey-and-white
stripes. The speaker's number is always written beside the colour, which is never the only
sign of who spoke (and a grey print keeps the numbers and the patterns).
"""

from __future__ import annotations

from dataclasses import dataclass

# light blue, orange, light yellow, pink, light cyan, mint, pear, olive, pale grey (Tol's order)
HUES = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00", "#DDDDDD")
PATTERNS = ("solid", "stripes", "dots", "hatch")


@dataclass(frozen=True, slots=True)
class Style:
    """How speaker ``number`` is drawn: a CSS class, a hue, a pattern and its light tint."""

    number: int
    css: str
    hue: str
    pattern: str
    tint: str


def _tint(hue: str, white: float = 0.6) -> str:
    channels = [int(hue[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02X}" for c in channels)


def style(number: int) -> Style:
    """The style of speaker ``number`` (1, 2, ...); 0 is an unresolved speaker.

    Args:
        number: the speaker's number in the report (order of first claim).

    Returns:
        Its ``Style``; the class is ``s{number}`` (``s-none`` for 0).
    """
    if number <= 0:
        return Style(0, "s-none", "#E4E4E4", "stripes", "#FFFFFF")
    hue = HUES[(number - 1) % len(HUES)]
    pattern = PATTERNS[(number - 1) // len(HUES) % len(PATTERNS)]
    return Style(number, f"s{number}", hue, pattern, _tint(hue))


def css_background(s: Style) -> str:
    """The CSS ``background`` of a highlight in style ``s`` (a pattern over the hue past nine)."""
    if s.pattern == "stripes":
        return f"repeating-linear-gradient(135deg, {s.hue} 0 6px, {s.tint} 6px 9px)"
    if s.pattern == "dots":
        return f"radial-gradient(circle, {s.tint} 1.6px, transparent 2px) 0 0 / 6px 6px, {s.hue}"
    if s.pattern == "hatch":
        return (f"repeating-linear-gradient(45deg, {s.tint} 0 1.5px, transparent 1.5px 6px), "
                f"repeating-linear-gradient(-45deg, {s.tint} 0 1.5px, transparent 1.5px 6px), {s.hue}")
    return s.hue
