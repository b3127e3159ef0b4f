"""Text preparation: split a pasted story into titled, bylined, datelined paragraphs.

Offsets always index the input exactly as given; nothing is rewritten.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .types import Block, BlockKind, Document, Span

# "ALMATY (Reuters) –", "SPRINGFIELD, Ill. (AP) —", "DULUTH, Minn. —", "VARNA, Bulgaria (AFP) -"
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z'’.\- ]{1,40}?(?:,\s*[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,2})?)
        (?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?   # "MADRID, March 12 (Reuters) -"
        \s*(?:\((?P<agency>[^()\n]{1,40})\))?
        \s*(?:[–—]|--?)\s+""",
    re.VERBOSE,
)
# AFP style, in normal case but always with the agency: "Lousã (Portugal) (AFP) –"
_DATELINE_AGENCY = re.compile(
    r"""^(?P<place>[A-Z][\w'’.\-]*(?:[ ,]+[A-Z][\w'’.\-]*){0,3}(?:\s*\([A-Z][\w .'’-]{1,30}\))?)
        \s*\((?P<agency>[A-Z][A-Za-z.&' -]{1,24})\)\s*(?:[–—]|--?)\s+""",
    re.VERBOSE,
)
_BYLINE = re.compile(r"^\s*by\s+(?P<names>.+?)\s*$", re.IGNORECASE)
_TITLE_BY = re.compile(r"\s+By\s+(?P<who>[A-Z][\w.&' -]{1,60})\s*$")
_META = re.compile(r"^(published|posted|updated|last updated|first published)\b", re.IGNORECASE)
_CAPTION_TAIL = re.compile(r"\((?:photo|picture|image|credit)[^()]*\)\s*$|\([^()]{2,60}\s/\s[^()]{2,60}\)\s*$",
                           re.IGNORECASE)
_MARKUP = re.compile(r"<!--.*?-->|<(?:script|style)\b.*?</(?:script|style)\s*>|</?[A-Za-z][^<>]{0,400}>",
                     re.IGNORECASE | re.DOTALL)
# White space a paste can hold around a paragraph (str.strip's set, plus BOM and zero-width space).
_BLANK = " \t\ufeff\u200b\u200c\u200d\u2060\xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_AGENCY_NAMES = {"ap": "Associated Press", "afp": "AFP", "reuters": "Reuters", "dpa": "dpa"}


def paragraphs(text: str) -> list[Span]:
    """Every non-blank line of ``text`` with surrounding white space trimmed.

    Pasted news puts one paragraph on a line; a BOM or stray white space is
    left outside the span.
    """
    spans = []
    for match in re.finditer(r"[^\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+", text):
        line = match.group()
        lead = len(line) - len(line.lstrip(_BLANK))
        trail = len(line.rstrip(_BLANK))
        if trail > lead:
            spans.append(Span.of(text, match.start() + lead, match.start() + trail))
    return spans


def mask_markup(text: str) -> str:
    """``text`` with HTML tags and comments blanked to spaces (same length, offsets kept)."""
    return _MARKUP.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def prepare(text: str, lexicon: Lexicon) -> Document:
    """Recognise the title, byline, dateline, captions and boilerplate of a story.

    Args:
        text: the story as decoded from the input.
        lexicon: word lists (boilerplate and caption openings, outlet names).

    Returns:
        A ``Document`` whose blocks cover every non-blank paragraph.
    """
    blocks: list[Block] = []
    title: Span | None = None
    dateline: Span | None = None
    publishers: list[tuple[int, str]] = []  # (rank, name): a dateline's agency outranks a site header
    byline: list[str] = []
    seen_body = 0  # body paragraphs so far: a dateline opens one of the first few
    for para in paragraphs(text):
        kind = _classify(para.text, lexicon, seen_body, title is not None)
        span = para
        if kind is BlockKind.BODY and not seen_body and title is None and _looks_like_title(para.text):
            kind = BlockKind.TITLE
        if kind is BlockKind.TITLE:
            match = _TITLE_BY.search(para.text)
            if match:
                publishers.append((1, match.group("who")))
                span = Span.of(text, para.start, para.start + match.start())
            title = span
        elif kind is BlockKind.BYLINE:
            names, outlets = _byline_names(para.text, lexicon)
            byline.extend(names)
            publishers.extend((1, o) for o in outlets)
        elif kind is BlockKind.META and "|" in para.text and not seen_body:
            publishers.append((3, re.sub(r"^the\s+", "", para.text.split("|")[0].strip(), flags=re.IGNORECASE)))
        elif kind is BlockKind.BODY:
            if seen_body < 3 and dateline is None:
                match = _DATELINE.match(para.text)
                if not (match and _is_place(match.group("place"))):
                    match = _DATELINE_AGENCY.match(para.text)
                if match:
                    place_end = para.start + match.start("place") + len(match.group("place").rstrip(" ,"))
                    dateline = Span.of(text, para.start, place_end)
                    if match.group("agency"):
                        publishers.append((0, match.group("agency").strip()))
                    span = Span.of(text, para.start + match.end(), para.end)
            seen_body += 1
        elif kind is BlockKind.CAPTION and para.text.lstrip().startswith("©"):
            publishers.append((2, para.text.lstrip("© ").split(".")[0].strip()))
        blocks.append(Block(kind, span))
    publisher = _pick_publisher(publishers)
    return Document(text, title, publisher, tuple(dict.fromkeys(byline)), dateline, tuple(blocks))


def _classify(line: str, lexicon: Lexicon, seen_body: int, after_title: bool) -> BlockKind:
    low = line.lower().strip()
    words = len(low.split())
    short = words <= 60  # a caption or a furniture line is short; a story pasted as one line is not
    if short and (any(low.startswith(c) for c in lexicon.captions) or low.startswith("©") or "file photo" in low):
        return BlockKind.CAPTION
    if short and _CAPTION_TAIL.search(line) and not _DATELINE.match(line):
        return BlockKind.CAPTION
    if words <= 30 and any(low.startswith(b) for b in lexicon.boilerplate):
        return BlockKind.BOILERPLATE
    if low.startswith("(") and ("reporting by" in low or "editing by" in low or "writing by" in low):
        return BlockKind.BOILERPLATE
    early = seen_body <= 2  # a standfirst may come between the headline and the byline
    if early and words <= 12 and _BYLINE.match(line):
        return BlockKind.BYLINE
    if early and words <= 5 and _is_outlet(line.strip(), lexicon):
        return BlockKind.BYLINE  # "The Associated Press" on its own line under the byline
    if early and words <= 12 and _META.match(low):
        return BlockKind.META
    if not seen_body and " | " in line and len(low.replace("|", " ").split()) <= 12 and not line.rstrip().endswith(
        (".", '"', "”")
    ):
        return BlockKind.META  # "The Calder Bay Tribune | Local News | Public Safety"
    if words <= 4 and line.rstrip().endswith("*"):
        return BlockKind.BOILERPLATE
    if after_title and words <= 2 and not line.rstrip().endswith((".", "?", "!", "”", '"', ":")):
        return BlockKind.BOILERPLATE  # "Share", "Advertisement", "Comments" between paragraphs
    return BlockKind.BODY


def _looks_like_title(line: str) -> bool:
    stripped = line.rstrip()
    return (
        len(stripped.split()) <= 30
        and not stripped.endswith((".", ":", ";"))
        and not _DATELINE.match(line)
    )


def _is_place(place: str) -> bool:
    head = place.split(",")[0].strip()
    letters = [c for c in head if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _byline_names(line: str, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    match = _BYLINE.match(line)
    rest = match.group("names") if match else line
    if not match and _is_outlet(line.strip(), lexicon):
        return [], [re.sub(r"^the\s+", "", line.strip(), flags=re.IGNORECASE)]
    names: list[str] = []
    outlets: list[str] = []
    for part in re.split(r"\s*(?:,|\||;|\band\b|\bwith\b|&)\s*", rest):
        part = re.sub(r"\s+in\s+[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)*$", "", part.strip(" ."))  # "X in Riga"
        if not part:
            continue
        if _is_outlet(part, lexicon):
            outlets.append(part)
        else:
            names.append(part)
    return names, outlets


def _is_outlet(name: str, lexicon: Lexicon) -> bool:
    low = name.lower().removeprefix("the ")
    last = low.split()[-1] if low.split() else ""
    return low in lexicon.outlets or low in _AGENCY_NAMES or last in lexicon.media


def _pick_publisher(candidates: list[tuple[int, str]]) -> str | None:
    for _, cand in sorted(candidates, key=lambda c: c[0]):
        cand = cand.strip()
        if cand:
            return _AGENCY_NAMES.get(cand.lower(), cand)
    return None
