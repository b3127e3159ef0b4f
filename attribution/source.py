"""Text preparation: split a pasted story into titled, bylined, datelined paragraphs.

Offsets always index the input exactly as given; nothing is rewritten.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .types import Block, BlockKind, Document, Span

# "ALMATY (Reuters) –", "SPRINGFIELD, Ill. (AP) —", "DULUTH, Minn. —", "VARNA, Bulgaria (AFP) -",
# "NAIROBI, Kenya, March 3, 2026 /PRNewswire/ --"
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z'’.\- ]{1,40}?(?:,\s*[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,2})?)
        (?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s*\d{4})?)?  # ", 14 March 2026"
        \s*(?:\((?P<agency>[^()\n]{1,40})\))?
        (?:\s*/[A-Za-z][\w .-]{1,30}/)?   # a press-release wire, "/PRNewswire/": it carries, not publishes
        \s*(?:[–—]|--?)\s+""",
    re.VERBOSE,
)
# AFP style, in normal case but always with the agency: "Lousã (Portugal) (AFP) –"
_DATELINE_AGENCY = re.compile(
    r"""^(?P<place>[A-Z][\w'’.\-]*(?:[ ,]+[A-Z][\w'’.\-]*){0,3}(?:\s*\([A-Z][\w .'’-]{1,30}\))?)
        \s*\((?P<agency>[A-Z][A-Za-z.&' -]{1,24})\)\s*(?:[–—]|--?)\s+""",
    re.VERBOSE,
)
# "(Bloomberg) -- Skandair agreed ...": an agency credit opening the first paragraph, no place
_AGENCY_OPENING = re.compile(r"^\((?P<agency>[A-Z][A-Za-z.&' -]{1,30})\)\s*(?:[–—]|--?)\s+")
# "© 2025 Bloomberg L.P. All rights reserved.", "Copyright (c) 2024 The Ledger", "© Reuters. FILE PHOTO: ..."
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?P<who>.+)$",
    re.IGNORECASE,
)
# A bullet or a live blog's time opening a paragraph: "• ", "* ", "- ", "14:32 GMT: ", "2:05 p.m. ET — ",
# "Updated 10:14 ", "10.45am "; a time is followed by a separator or a capital.
_CLOCK = (r"(?:updated:?\s+)?(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
          r"(?:\s*(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|ET|CST|CDT|CT|MST|MDT|PST|PDT|PT|IST|JST|AEST|AEDT|"
          r"local time|local)\b)?")
_FURNITURE = re.compile(
    rf"(?:[•·▪◦●■►]\s*|[*\-]\s+|(?i:{_CLOCK})(?:\s*[:|\-–—]\s+|\s+(?=[A-Z“\"‘'])))",
)
_TIME_ALONE = re.compile(rf"(?i:{_CLOCK})\s*[:|\-–—]?")
_LEGAL_SUFFIX = re.compile(r",?\s+(?:L\.?P|Inc|Ltd|LLC|plc|Corp|GmbH|S\.?A|AG)\.?$", re.IGNORECASE)
# Section paths and labels above a headline: "News › Local Politics", "HOME > SECURITY", "Home > Music > News"
_NAV = re.compile(r"\s(?:›|>|»|/)\s")
_CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)+$")  # "PopWire", "TechLedger": a masthead
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


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known of a story besides its text: a saved page's metadata, the ``--publisher`` option.

    A field set here wins over what the text says; ``title`` names the paragraph that is
    the headline; ``extracted_by`` names the extractor when the text was taken from a page.
    """

    title: str | None = None
    publisher: str | None = None
    byline: tuple[str, ...] = ()
    date: str | None = None
    extracted_by: str | None = None


def provenance(doc: Document) -> dict[str, str]:
    """What the offsets of an analysis index, for the JSON's ``document``.

    ``{"text_source": "input"}``: the input as decoded. For a saved web page,
    ``{"text_source": "extracted", "extractor": "trafilatura 2.3.1", "text_sha256": ...}``:
    the main text extracted from the page (title, blank line, paragraphs separated by blank
    lines), whose UTF-8 digest is ``text_sha256``; ``date`` is the page's date when known.
    """
    if doc.extracted_by is None:
        return {"text_source": "input"}
    found = {"text_source": "extracted", "extractor": doc.extracted_by,
             "text_sha256": hashlib.sha256(doc.text.encode("utf-8")).hexdigest()}
    return found | ({"date": doc.date} if doc.date else {})


def mask_markup(text: str) -> str:
    """``text`` with HTML tags and comments blanked to spaces (same length, offsets kept)."""
    return _MARKUP.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def prepare(text: str, lexicon: Lexicon, known: Metadata | None = None) -> Document:
    """Recognise the title, byline, dateline, captions and boilerplate of a story.

    Args:
        text: the story as decoded from the input.
        lexicon: word lists (boilerplate and caption openings, outlet names).
        known: what is known besides the text (a page's metadata, ``--publisher``); it wins.

    Returns:
        A ``Document`` whose blocks cover every non-blank paragraph.
    """
    known = known or Metadata()
    blocks: list[Block] = []
    title: Span | None = None
    dateline: Span | None = None
    publishers: list[tuple[int, str]] = []  # (rank, name): a dateline's agency outranks a site header
    byline: list[str] = []
    seen_body = 0  # body paragraphs so far: a dateline opens one of the first few
    paras = paragraphs(text)
    title_at, masthead_at = _head(paras, lexicon, known.title)
    for i, para in enumerate(paras):
        kind = _classify(para.text, lexicon, seen_body, title is not None)
        span = para
        if i == title_at:
            kind = BlockKind.TITLE
        elif i == masthead_at:
            kind = BlockKind.META
            publishers.append((3, para.text.strip()))
        elif title_at is not None and i < title_at and (kind is BlockKind.BODY or _is_nav(para.text)):
            kind = BlockKind.META  # a section path or label above the headline
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
        elif kind is BlockKind.META and not seen_body and (site := _site_header(para.text, lexicon)):
            publishers.append((3, site))
        elif kind is BlockKind.BODY:
            if seen_body < 5 and dateline is None:
                match = _DATELINE.match(para.text)
                if not (match and _is_place(match.group("place"))):
                    match = _DATELINE_AGENCY.match(para.text)
                if match:
                    place_end = para.start + match.start("place") + len(match.group("place").rstrip(" ,"))
                    dateline = Span.of(text, para.start, place_end)
                    if match.group("agency"):
                        publishers.append((0, match.group("agency").strip()))
                    span = Span.of(text, para.start + match.end(), para.end)
                elif (credit := _AGENCY_OPENING.match(para.text)) and _is_outlet(credit.group("agency"), lexicon):
                    publishers.append((0, credit.group("agency").strip()))
                    span = Span.of(text, para.start + credit.end(), para.end)
            furniture = _FURNITURE.match(text, span.start, span.end)
            if _TIME_ALONE.fullmatch(para.text):
                kind = BlockKind.META  # "2:05 p.m. ET" on its own line heads a live blog's entry
            elif furniture is not None and furniture.end() < span.end:
                # "• Ministry says ships will be diverted", "14:32 GMT: The coastguard said ...":
                # a bullet or a live blog's time is no part of the sentence
                span = Span.of(text, furniture.end(), span.end)
            seen_body += 1
        elif (holder := _copyright_holder(para.text)) is not None:
            publishers.append((2, holder))
        blocks.append(Block(kind, span))
    publisher = known.publisher or _pick_publisher(publishers)
    names = tuple(dict.fromkeys(byline)) or known.byline
    return Document(text, title, publisher, names, dateline, tuple(blocks), known.date, known.extracted_by)


def _head(paras: list[Span], lexicon: Lexicon, known_title: str | None) -> tuple[int | None, int | None]:
    """The indices of the headline and of a masthead line above it, among the first paragraphs.

    The head of a story runs until its byline, its dateline or its first long paragraph;
    section paths ("News › Local Politics") and page furniture in it are skipped.
    """
    candidates: list[int] = []
    masthead: int | None = None
    confirmed = False  # a byline, date line or dateline ends the head: a headline stands above it
    for i, para in enumerate(paras[:12]):
        line = para.text
        if known_title is not None and " ".join(line.split()) == " ".join(known_title.split()):
            return i, None
        if _is_nav(line):
            continue
        kind = _classify(line, lexicon, 0, False)
        if kind is BlockKind.BYLINE and not _BYLINE.match(line) and not candidates and masthead is None:
            masthead = i  # "Harbor Falls Gazette" alone above the headline
        elif kind is BlockKind.BYLINE or kind is BlockKind.META and _META.match(line) or _opens_body(line):
            confirmed = bool(candidates)
            break
        elif kind is BlockKind.BODY:
            if len(line.split()) > 30 or line.rstrip().endswith(":"):
                break
            candidates.append(i)
    if masthead is None and len(candidates) >= 2 and _is_masthead(paras[candidates[0]].text, lexicon):
        masthead = candidates.pop(0)
    if not candidates:
        return None, masthead
    at = candidates[0]
    following = paras[at + 1].text if at + 1 < len(paras) else ""
    return (at if _looks_like_title(paras[at].text, confirmed, following) else None), masthead


def _opens_body(line: str) -> bool:
    """Whether ``line`` starts with a dateline or an agency credit ("ALMATY (Reuters) –", "(AP) —")."""
    match = _DATELINE.match(line)
    if match and _is_place(match.group("place")):
        return True
    return bool(_DATELINE_AGENCY.match(line) or _AGENCY_OPENING.match(line))


def _site_header(line: str, lexicon: Lexicon) -> str | None:
    """ "The Calder Bay Tribune | Local News | Public Safety" -> "Calder Bay Tribune"."""
    if "|" not in line:
        return None
    name = re.sub(r"^the\s+", "", line.split("|")[0].strip(), flags=re.IGNORECASE)
    return name if _is_masthead(name, lexicon, header=True) else None


def _is_nav(line: str) -> bool:
    """A section path or label: "News › Local Politics", "HOME > SECURITY", "SPORTS", "Industry"."""
    words = line.split()
    if _NAV.search(line) and len(words) <= 12:
        return True
    if len(words) <= 3 and line.isupper():
        return True
    return len(words) == 1 and not _CAMEL.match(line.strip()) and not line.rstrip().endswith((".", "!", "?"))


def _is_masthead(line: str, lexicon: Lexicon, header: bool = False) -> bool:
    """A publication's name: "Harbor Falls Gazette", "PopWire", "Reuters" alone on a line.

    In a site header ("Matchday North | Championship | ...", ``header``) any two to four
    capitalised words will do; a section label ("SPORTS | NBA", "Security | Privacy") will not.
    """
    name = line.strip()
    words = name.split()
    if not words or len(words) > 4 or name[-1] in ".!?:;,”\"’":
        return False
    capitalised = all(w[0].isupper() for w in words) and not name.isupper()
    if header and capitalised and len(words) >= 2:
        return True
    return _is_outlet(name, lexicon) or bool(_CAMEL.match(name)) or capitalised and words[-1].lower() in lexicon.media


def _copyright_holder(line: str) -> str | None:
    """ "© 2025 Bloomberg L.P. All rights reserved." -> "Bloomberg"; None when not a copyright line."""
    match = _COPYRIGHT.match(line)
    if match is None or len(line.split()) > 60:
        return None
    who = re.split(r"\.\s|\s[|/–—-]\s|;|\.$", match.group("who").strip())[0]
    who = _LEGAL_SUFFIX.sub("", re.sub(r"\s*all rights reserved\.?$", "", who, flags=re.IGNORECASE)).strip(" .,")
    return who if who and len(who.split()) <= 6 and not who[0].isdigit() else None


def _classify(line: str, lexicon: Lexicon, seen_body: int, after_title: bool) -> BlockKind:
    low = line.lower().strip()
    words = len(low.split())
    short = words <= 60  # a caption or a furniture line is short; a story pasted as one line is not
    if short and (low.startswith(lexicon.captions) or low.startswith("©") or "file photo" in low):
        return BlockKind.CAPTION
    if short and _CAPTION_TAIL.search(line) and not _DATELINE.match(line):
        return BlockKind.CAPTION
    if words <= 30 and low.startswith(lexicon.boilerplate):
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


def _looks_like_title(line: str, confirmed: bool, following: str) -> bool:
    """Whether the first paragraph of a story is its headline.

    A headline may end in "." ("Council votes to close library."): it is one when a byline,
    date line or dateline follows it, when it is in title case, or when it is a short
    sentence without a past-tense report ("said", a lede's verb) under a longer paragraph.
    """
    stripped = line.rstrip()
    words = stripped.split()
    if len(words) > 30 or stripped.endswith((":", ";")) or _DATELINE.match(line):
        return False
    if not stripped.endswith("."):
        return True
    if re.search(r"[.!?][”\"’]?\s+[A-Z“\"]", stripped[:-1]) and not confirmed:
        return False  # two sentences: a lede, not a headline
    long_words = [w for w in words if len(w.strip("“”\"'‘’,.")) > 3]
    title_case = len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)
    lede_verb = re.search(r"\b(?:said|told|added|according to)\b", stripped, re.IGNORECASE)
    short = len(words) <= 15 and not lede_verb and len(following.split()) > len(words)
    return confirmed or title_case or short


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
