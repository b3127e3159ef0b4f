"""Reading stories from files or standard input, with clear errors for what is not a story."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MAX_BYTES = 8 * 1024 * 1024
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"MZ")


@dataclass(frozen=True, slots=True)
class Story:
    """A story as read: its decoded text, its bytes, where it came from and how it was decoded."""

    text: str
    data: bytes
    path: str
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The file name without its extension ("stdin" for standard input)."""
        return "stdin" if self.path == "-" else Path(self.path).stem


def decode(data: bytes, path: str, max_bytes: int = MAX_BYTES) -> Story:
    """Decode story bytes: UTF-8 with or without BOM; Windows-1252 with a warning otherwise.

    Raises:
        InputError: for an empty, oversized or binary input.
    """
    if len(data) > max_bytes:
        raise InputError(
            f"{path} is {len(data) / 1e6:.1f} MB; attrib reads stories up to {max_bytes / 1e6:.1f} MB "
            "(split it, or raise the limit with --max-mb)"
        )
    if not data.strip():
        raise InputError(f"{path} is empty: there is no story to analyse")
    head = data[:4096]
    if head.startswith(_BINARY_MAGIC) or head.count(b"\x00") > len(head) // 10:
        raise InputError(f"{path} looks like a binary file, not a plain-text story")
    warnings: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        warnings = (f"{path} is not valid UTF-8 (byte {exc.start}); decoded as Windows-1252",)
    return Story(text, data, path, warnings)


def read_story(path: str, max_bytes: int = MAX_BYTES) -> Story:
    """Read one story from ``path`` (``-`` for standard input).

    Raises:
        InputError: when the path is missing, a folder, unreadable, empty, too large or binary.
    """
    if path == "-":
        return decode(sys.stdin.buffer.read(max_bytes + 1), "-", max_bytes)
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path} is a folder: name the story files in it, or pass it to `attrib analyze` as a folder")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            with p.open("rb") as fh:
                return decode(fh.read(max_bytes + 1), path, max_bytes)
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path} does not exist") from exc
    except PermissionError as exc:
        raise InputError(f"{path} cannot be read: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    return decode(data, path, max_bytes)


def expand(paths: list[str]) -> list[str]:
    """Stories named on the command line, folders expanded to their ``*.txt`` files (sorted)."""
    out: list[str] = []
    for path in paths:
        p = Path(path)
        if path != "-" and p.is_dir():
            found = sorted(str(f) for f in p.iterdir() if f.suffix.lower() == ".txt" and f.is_file())
            if not found:
                raise InputError(f"{path} holds no .txt story")
            out.extend(found)
        else:
            out.append(path)
    return out
