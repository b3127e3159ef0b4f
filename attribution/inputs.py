"""Reading stories from files or standard input, with clear errors for what is not a story."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .errors import InputError
from .source import Metadata

# The largest story read (bytes); `attrib analyze --max-mb` raises it.
MAX_BYTES = 3 * 1024 * 1024
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"MZ", b"\x1f\x8b")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Control bytes that never occur in text (tab, newlines, form feed and escape excepted).
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b")
# Saved web pages: by their name, or by content that opens as an HTML document.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
STORY_SUFFIXES = (".txt", *PAGE_SUFFIXES)
# Characters that show nothing: a text of only these and white space (any kind) is empty.
_INVISIBLE = dict.fromkeys(map(ord, "\x00\u200b\u200c\u200d\u2060\ufeff"))
# A report's name is its story's stem and a suffix of at most 14 bytes (".sentences.csv"),
# and a file name holds at most 255 bytes.
_STEM_BYTES = 255 - len(".sentences.csv")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Story:
    """A story as read: its decoded text, its bytes, where it came from and how it was decoded."""

    text: str
    data: bytes
    path: str
    warnings: tuple[str, ...] = ()
    known: Metadata = field(default_factory=Metadata)

    @property
    def name(self) -> str:
        """The stem of its report files (``report_stem``)."""
        return report_stem(self.path)


def _name_bytes(name: str) -> bytes:
    """The bytes of a file name as Python holds it (undecodable bytes as lone surrogates)."""
    try:
        return os.fsencode(name)
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return name.encode("utf-8", "surrogatepass")


def printable_path(path: str) -> str:
    """``path`` as valid text: the bytes of a file name that are not UTF-8 shown as ``\\xNN``.

    Python holds such bytes as lone surrogates ("caf\\udce9.txt"), which no UTF-8 file or
    stream can take; "caf\\xe9.txt" (a backslash, then the byte in hex) can, and names the
    same bytes. A valid name comes back unchanged.
    """
    return _name_bytes(path).decode("utf-8", "backslashreplace")


def report_stem(path: str) -> str:
    """The stem of a story's report files: valid UTF-8, no control characters, not too long.

    The file name without its extension ("stdin" for standard input), with each byte that
    is not UTF-8 and each control character replaced by U+FFFD, so the reports can be named
    in any folder, shown in any terminal and linked from a web page. A stem too long for
    ``NAME.sentences.csv`` to fit in 255 bytes is cut, and 8 hex digits of the full name's
    hash keep two such stories apart ("longname…~1a2b3c4d").
    """
    if path == "-":
        return "stdin"
    name = _name_bytes(Path(path).stem)
    text = _CONTROLS.sub("\ufffd", name.decode("utf-8", "replace"))
    raw = text.encode("utf-8")
    if len(raw) <= _STEM_BYTES:
        return text
    mark = "~" + hashlib.sha256(name).hexdigest()[:8]
    return raw[:_STEM_BYTES - len(mark)].decode("utf-8", "ignore") + mark


def decode(data: bytes, path: str, max_bytes: int = MAX_BYTES) -> Story:
    """Decode story bytes: UTF-8 with or without BOM, UTF-16 with a BOM, else Windows-1252.

    Windows-1252 (a superset of Latin-1 for text) and UTF-16 come with a warning in
    ``Story.warnings``; offsets in the analysis index the decoded text. A saved web page
    (``.html``/``.htm``, or text that opens as an HTML document) is replaced by its main
    text (``extract_page``), and then offsets index that.

    Raises:
        InputError: for an empty, oversized or binary input.
    """
    if len(data) > max_bytes:
        raise InputError(
            f"{path} is larger than {max_bytes / 1e6:.1f} MB, the largest story attrib reads "
            "(split it, or raise the limit with --max-mb)"
        )
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path} starts with a UTF-16 mark but is not valid UTF-16 (byte {exc.start})") from None
        return _page_or_text(Story(text, data, path, (f"{path} is UTF-16; decoded it (UTF-8 is preferred)",)))
    head = data[:4096]
    if head.startswith(_BINARY_MAGIC) or head.count(b"\x00") > len(head) // 10:
        raise InputError(f"{path} looks like a binary file, not a plain-text story")
    try:
        text = data.decode("utf-8-sig")
        warnings: tuple[str, ...] = ()
    except UnicodeDecodeError as exc:
        if sum(head.count(b) for b in _CONTROL) > len(head) // 20:
            raise InputError(f"{path} looks like a binary file, not a plain-text story") from None
        text = data.decode("cp1252", errors="replace")
        warnings = (f"{path} is not valid UTF-8 (byte {exc.start}); decoded as Windows-1252",)
    return _page_or_text(Story(text, data, path, warnings))


def is_page(text: str, path: str) -> bool:
    """Whether a story is a saved web page: named ``.html``/``.htm``, or opening as an HTML document."""
    return path.lower().endswith(PAGE_SUFFIXES) or bool(_HTML_START.match(text[:4096]))


def _page_or_text(story: Story) -> Story:
    if not is_page(story.text, story.path):
        return _checked(story)
    text, known = extract_page(story.text, story.path)
    return _checked(Story(text, story.data, story.path, story.warnings, known))


def extract_page(html: str, path: str = "page") -> tuple[str, Metadata]:
    """The main text of a saved web page and its metadata, through trafilatura.

    The text is the page's title, a blank line, then the article's paragraphs separated by
    blank lines (navigation, adverts, related links and comments left out). The metadata
    gives the author(s) as byline, the site name as publisher, and the date.

    Raises:
        InputError: when the page holds no article text.
    """
    import trafilatura

    found = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                        with_metadata=True, deduplicate=False)
    body = [line.strip() for line in (found.text or "").splitlines() if line.strip()] if found else []
    if not body:
        raise InputError(f"{path} is a web page without article text that attrib could extract")
    title = " ".join((found.title or "").split()) or None
    if title and body[0] == title:
        body = body[1:]
    authors = tuple(a.strip() for a in re.split(r";|\band\b", found.author or "") if a.strip())
    known = Metadata(
        title=title,
        publisher=" ".join((found.sitename or "").split()) or None,
        byline=authors,
        date=found.date or None,
        extracted_by=f"trafilatura {metadata.version('trafilatura')}",
    )
    return "\n\n".join([title, *body] if title else body) + "\n", known


def _checked(story: Story) -> Story:
    # white space of every kind ("\u3000", "\u2003", "\x85") and characters that show nothing
    if not story.text.translate(_INVISIBLE).strip():
        raise InputError(f"{story.path} is empty: there is no story to analyse")
    return story


def read_story(path: str, max_bytes: int = MAX_BYTES) -> Story:
    """Read one story from ``path`` (``-`` for standard input).

    At most ``max_bytes + 1`` bytes are read, so a device or an endless pipe cannot
    exhaust memory.

    Raises:
        InputError: when the path is missing, a folder, unreadable, empty, too large or binary.
    """
    if path == "-":
        try:
            return decode(sys.stdin.buffer.read(max_bytes + 1), "-", max_bytes)
        except OSError as exc:
            raise InputError(f"standard input cannot be read: {exc.strerror or exc}") from None
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path} is a folder: name the story files in it, or pass it to `attrib analyze` as a folder")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except PermissionError:
        raise InputError(f"{path} cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from None
    return decode(data, path, max_bytes)


def _stories_under(folder: Path) -> list[str]:
    """The stories (``.txt``, ``.html``, ``.htm``) under ``folder``; hidden or unreadable entries skipped.

    A symbolic link is followed only when it points inside ``folder``: a link to a file
    elsewhere (``story.txt -> /etc/passwd``) would make attrib read, and copy into its
    reports, a file nobody put in the folder. Linked subfolders are not entered.
    """
    top = os.path.realpath(folder)
    found = []
    for root, dirs, files in os.walk(folder, onerror=lambda _: None):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(root, f) for f in files if f.lower().endswith(STORY_SUFFIXES) and not f.startswith(".")]
    return [f for f in found if os.path.isfile(f) and (not os.path.islink(f) or _inside(f, top))]


def _inside(link: str, top: str) -> bool:
    target = os.path.realpath(link)
    return os.path.commonpath([target, top]) == top


def expand(paths: list[str]) -> list[str]:
    """Stories named on the command line, folders expanded to the story files under them.

    Files in a folder come in sorted order (subfolders included, hidden ones skipped, links
    to files outside the folder left out); a file named twice is read once. A file named
    on the command line is read even when it is a link.

    Raises:
        InputError: for a folder that holds no ``.txt`` file.
    """
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            found = sorted(_stories_under(p))
            if not found:
                raise InputError(f"{path} holds no story (.txt, .html or .htm file)")
            out.extend(found)
        else:
            out.append(path)
    return list(dict.fromkeys(out))
