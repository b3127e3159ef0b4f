"""Reading stories: what is a story, how odd bytes decode, and the one-line messages for what is not."""

from __future__ import annotations

import codecs
import hashlib
import io
import os
from pathlib import Path

import pytest

from attribution.errors import InputError
from attribution.inputs import MAX_BYTES, decode, expand, is_page, read_story
from attribution.pipeline import analyze
from attribution.report.json import to_dict
from attribution.types import Document

STORY = "Officials said on Friday that the bridge would reopen.\n"


@pytest.mark.parametrize(
    ("data", "text", "warned"),
    [
        (STORY.encode("utf-8"), STORY, False),
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), STORY, False),  # the BOM is not part of the text
        ("Le maire a déclaré « non ».\n".encode("cp1252"), "Le maire a déclaré « non ».\n", True),
        ("“Yes,” she said.\n".encode("cp1252"), "“Yes,” she said.\n", True),  # Windows quote marks
        ("Er sagte „nein“.\n".encode("utf-16"), "Er sagte „nein“.\n", True),
        ("Er sagte „nein“.\n".encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]), "Er sagte „nein“.\n", True),
        (b"He said \x00 no.\n", "He said \x00 no.\n", False),  # a stray NUL is kept, not fatal
        (b"A\r\nmixed\nending\r\n", "A\r\nmixed\nending\r\n", False),  # newlines are never rewritten
    ],
)
def test_decode(data: bytes, text: str, warned: bool):
    story = decode(data, "s.txt")
    assert story.text == text
    assert story.data == data
    assert bool(story.warnings) == warned


def test_latin1_warning_names_the_byte_and_the_encoding():
    story = decode("café said.".encode("latin-1"), "s.txt")
    assert story.warnings == ("s.txt is not valid UTF-8 (byte 3); decoded as Windows-1252",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "s.txt is empty: there is no story to analyse"),
        (b"  \n\t\r\n", "s.txt is empty: there is no story to analyse"),
        (codecs.BOM_UTF8 + "\u200b \n".encode(), "s.txt is empty: there is no story to analyse"),
        (b"%PDF-1.7\n...", "s.txt looks like a binary file, not a plain-text story"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "s.txt looks like a binary file, not a plain-text story"),
        (b"\x1f\x8b\x08\x00" + bytes(50), "s.txt looks like a binary file, not a plain-text story"),
        (bytes(range(256)) * 8, "s.txt looks like a binary file, not a plain-text story"),
        (b"\x00" * 64, "s.txt looks like a binary file, not a plain-text story"),
    ],
)
def test_not_a_story(data: bytes, message: str):
    with pytest.raises(InputError) as err:
        decode(data, "s.txt")
    assert str(err.value) == message


def test_too_large_says_the_limit_and_how_to_raise_it():
    with pytest.raises(InputError, match=r"larger than 0.0 MB.*--max-mb"):
        decode(b"x" * 101, "big.txt", max_bytes=100)
    assert MAX_BYTES == 3 * 1024 * 1024


def test_read_story_reads_at_most_the_limit_from_a_device():
    # /dev/zero never ends: reading must stop at the limit, not exhaust memory
    with pytest.raises(InputError, match="larger than"):
        read_story("/dev/zero", max_bytes=1000)


def test_read_story_errors(tmp_path: Path):
    with pytest.raises(InputError, match="does not exist"):
        read_story(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="is a folder"):
        read_story(str(tmp_path))
    locked = tmp_path / "locked.txt"
    locked.write_text(STORY)
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # running as root: permissions are not enforced
        assert read_story(str(locked)).text == STORY
    else:
        with pytest.raises(InputError, match="permission denied"):
            read_story(str(locked))


def test_read_story_from_stdin(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    story = read_story("-")
    assert (story.text, story.path, story.name) == (STORY, "-", "stdin")


def test_expand_walks_folders_sorted_skipping_hidden_and_duplicates(tmp_path: Path):
    for rel in ("b.txt", "a.TXT", "notes.md", "2024/c.txt", ".git/d.txt", "sub/.hidden/e.txt", "p.html", "q.HTM"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(STORY)
    got = expand([str(tmp_path), str(tmp_path / "b.txt"), "-"])
    assert [Path(p).relative_to(tmp_path).as_posix() if p != "-" else p for p in got] == [
        "2024/c.txt", "a.TXT", "b.txt", "p.html", "q.HTM", "-",
    ]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no story"):
        expand([str(tmp_path / "empty")])


# --------------------------------------------------------------------------- saved web pages

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def claims_of(path: Path) -> tuple[Document, list[tuple]]:
    story = read_story(str(path))
    analysis = analyze(story.text, path=story.path, data=story.data, known=story.known)
    names = {e.id: e.name for e in analysis.entities}
    return analysis.document, [
        (c.kind.value, c.content.text, c.cue.text if c.cue else "", names.get(c.speaker or ""),
         tuple(names[v] for v in c.via), c.channel, c.time)
        for c in analysis.claims
    ]


@pytest.mark.parametrize(
    ("stem", "publisher", "byline", "date", "claims"),
    [
        # meta tags: og:site_name, author, article:published_time
        ("ferry_strike", "The Harbour Courier", ("Imogen Reyes",), "2025-03-10", 6),
        # navigation, a cookie banner, adverts, share buttons, related links, comments, a newsletter box
        ("orchard_grant", "Millbrook Messenger", ("Tomasz Brandt",), "2025-09-02", 4),
    ],
)
def test_a_saved_page_gives_the_claims_of_its_article_and_its_publisher(stem, publisher, byline, date, claims):
    plain_doc, plain = claims_of(PAGES / f"{stem}.txt")
    page_doc, page = claims_of(PAGES / f"{stem}.html")
    assert (page, len(page)) == (plain, claims)
    assert (page_doc.title.text, page_doc.publisher, page_doc.byline, page_doc.date) == (
        plain_doc.title.text, publisher, byline, date)
    assert (page_doc.extracted_by or "").startswith("trafilatura ")
    assert not any(word in page_doc.text for word in ("ADVERTISEMENT", "cookies", "Related stories", "apple_fan"))


def test_a_page_is_known_by_its_name_or_by_its_markup():
    html = (PAGES / "ferry_strike.html").read_bytes()
    by_content = decode(html, "saved-page.txt")
    plain = decode(b"<b>Bold</b> claims, officials said.\n", "notes.txt")
    assert (by_content.known.title, plain.known.extracted_by, plain.text) == (
        "Ferry crews walk out as talks over rota collapse.", None, "<b>Bold</b> claims, officials said.\n")
    assert is_page("", "x.HTM") and is_page("\ufeff<!-- saved -->\n<!DOCTYPE html><html>", "x") and not is_page(
        "Officials said <html> was fine.", "x.txt")


def test_a_page_without_article_text_is_a_clear_error():
    with pytest.raises(InputError, match="web page without article text"):
        decode(b"<!DOCTYPE html><html><head><title>Home</title></head><body><div></div></body></html>", "p.html")


def test_the_json_says_its_offsets_index_the_extracted_text():
    story = read_story(str(PAGES / "ferry_strike.html"))
    data = to_dict(analyze(story.text, path=story.path, data=story.data, known=story.known))
    doc = data["document"]
    assert (doc["text_source"], doc["extractor"].split()[0], doc["date"], doc["publisher"]) == (
        "extracted", "trafilatura", "2025-03-10", "The Harbour Courier")
    assert doc["text_sha256"] == hashlib.sha256(story.text.encode("utf-8")).hexdigest() != doc["sha256"]
    assert all(story.text[c["content"]["start"]:c["content"]["end"]] == c["content"]["text"] for c in data["claims"])
