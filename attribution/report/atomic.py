"""Write report files atomically, one file or a story's whole set, never over the story itself."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

from ..errors import AttribError

# What a report file holds: text (written as UTF-8), bytes, or a function that writes the
# bytes into the open file as they are made (a large report never held whole).
Content = str | bytes | Callable[[IO[bytes]], None]


class OverwriteError(AttribError):
    """A report would replace one of the input files."""


# attrib's temporary names: ".NAME.PID-TOKEN.tmp" (the writer's process id, so a later run can
# tell a dead writer's leftovers from a live one's), and ".NAME.TOKEN.tmp" from older versions.
_TEMP = re.compile(r"^\..+\.(?:(?P<pid>\d+)-)?[0-9a-f]{8}\.tmp$", re.DOTALL)
# a temporary name keeps at most this many bytes of the final name (file names stop at 255)
_TEMP_STEM_BYTES = 120
# an old-style temporary file (no process id) counts as stale after this many seconds
_OLD_TEMP_AGE = 3600


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def _check(path: Path, protect: Iterable[Path]) -> None:
    if len(os.fsencode(path.name)) > _name_max(path.parent):
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(path))
    for kept in protect:
        if _same_file(path, Path(kept)):
            raise OverwriteError(
                f"refusing to overwrite the input file {kept}: choose another output folder or name"
            )


def temp_name(path: Path) -> Path:
    """A fresh temporary name beside ``path`` in attrib's own pattern, always a valid file name.

    However long the final name, the temporary one keeps only its first bytes (cut at a
    character), so it stays far under the 255 bytes a file name may have.
    """
    stem = os.fsencode(path.name)[:_TEMP_STEM_BYTES].decode("utf-8", "replace")
    return path.with_name(f".{stem}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _naming(path: Path, exc: OSError) -> OSError:
    """``exc`` naming ``path``, the file being written, instead of its hidden temporary name."""
    return type(exc)(exc.errno, exc.strerror, str(path))


def _write_temp(path: Path, content: Content) -> Path:
    tmp = temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _naming(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(content):
                content(handle)
            else:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _naming(path, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _replace(tmp: Path, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise _naming(path, exc) from exc


def write_atomic(path: Path, data: Content, *, protect: Iterable[Path] = ()) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers see the old file or the whole new one, never half of it. Text is
    written as UTF-8, byte for byte (no newline translation).

    Args:
        path: where the file goes; its folder must exist.
        data: the content: text (written as UTF-8), bytes, or a function that writes it
            into the open binary file (a report streamed as it is made).
        protect: input files that must not be overwritten (the story being analysed).

    Returns:
        ``path``.

    Raises:
        OverwriteError: when ``path`` is one of ``protect``.
        OSError: when the file cannot be written; its ``filename`` is ``path``, never the
            temporary name.
    """
    path = Path(path)
    _check(path, protect)
    tmp = _write_temp(path, data)
    try:
        _replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_set(files: Mapping[Path, Content], *, protect: Iterable[Path] = ()) -> list[Path]:
    """Write several files so that either all of them are replaced or none is.

    Every file is first written and synced under a temporary name; only when all are on
    disk are they renamed into place, one ``rename`` each (microseconds apart). A failure
    or an exception before that point removes the temporary files and leaves the old set.

    Args:
        files: each path with its content (as ``write_atomic`` takes it).
        protect: input files that must not be overwritten.

    Returns:
        The paths, in the order given.

    Raises:
        OverwriteError: when a path is one of ``protect`` (nothing is written).
    """
    paths = [Path(p) for p in files]
    protect = tuple(protect)
    for path in paths:
        _check(path, protect)
    temps: list[Path] = []
    try:
        for path, data in zip(paths, files.values(), strict=True):
            temps.append(_write_temp(path, data))
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    for i, (tmp, path) in enumerate(zip(temps, paths, strict=True)):
        try:
            _replace(tmp, path)
        except BaseException:
            for left in temps[i:]:
                left.unlink(missing_ok=True)
            raise
    return paths


@contextlib.contextmanager
def open_atomic(path: Path, *, newline: str | None = "", encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text file handle whose content replaces ``path`` only when the block ends without error.

    For files written row by row (tables built from a store) that should never be seen
    half-written.
    """
    path = Path(path)
    tmp = temp_name(path)
    try:
        try:
            handle = open(tmp, "x", newline=newline, encoding=encoding)  # noqa: SIM115
        except OSError as exc:
            raise _naming(path, exc) from exc
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: not ours to judge
    return True


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove attrib's temporary files that no running writer owns from ``folder``.

    A temporary file whose writer process is gone (killed, or the machine stopped) can
    never be renamed into place; one of a live writer (a concurrent run) is left alone.

    Returns:
        The files removed.
    """
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        pid = match.group("pid")
        try:
            stale = not _alive(int(pid)) if pid else now - entry.stat().st_mtime > _OLD_TEMP_AGE
        except OSError:
            continue
        if stale:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed
