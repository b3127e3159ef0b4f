"""Write a report file atomically, never over the story it was made from."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from ..errors import AttribError


class OverwriteError(AttribError):
    """A report would replace one of the input files."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def write_atomic(path: Path, data: str | bytes, *, protect: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers see the old file or the whole new one, never half of it. Text is
    written as UTF-8, byte for byte (no newline translation).

    Args:
        path: where the file goes; its folder must exist.
        data: the content.
        protect: input files that must not be overwritten (the story being analysed).

    Returns:
        ``path``.

    Raises:
        OverwriteError: when ``path`` is one of ``protect``.
    """
    path = Path(path)
    for kept in protect:
        if _same_file(path, Path(kept)):
            raise OverwriteError(
                f"refusing to overwrite the input file {kept}: choose another output folder or name"
            )
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
