"""Reading stories: what is a story, how odd bytes decode, and the one-line messages for what is not."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest

from attribution.errors import InputError
from attribution.inputs import MAX_BYTES, decode, expand, read_story

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
    for rel in ("b.txt", "a.TXT", "notes.md", "2024/c.txt", ".git/d.txt", "sub/.hidden/e.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(STORY)
    got = expand([str(tmp_path), str(tmp_path / "b.txt"), "-"])
    assert [Path(p).relative_to(tmp_path).as_posix() if p != "-" else p for p in got] == [
        "2024/c.txt", "a.TXT", "b.txt", "-",
    ]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no .txt story"):
        expand([str(tmp_path / "empty")])
