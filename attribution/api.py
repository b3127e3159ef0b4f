"""Many stories from Python: ``analyze_many`` over texts and files, in process or in a pool."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial

from .inputs import MAX_BYTES, read_story
from .pipeline import analyze
from .source import Metadata
from .types import Analysis

Item = str | os.PathLike[str]


def analyze_item(item: Item, backend: str = "spacy", publisher: str | None = None) -> Analysis:
    """Analyse one story given as text (``str``) or as a file (``pathlib.Path``).

    A file is read as ``attrib analyze`` reads it: decoded, and a saved web page
    replaced by its main text. ``publisher`` overrides the publisher found in the story.

    Raises:
        AttribError: when the file cannot be read or the models are missing.
    """
    if isinstance(item, str):
        known = Metadata(publisher=publisher) if publisher else None
        return analyze(item, backend=backend, known=known)
    story = read_story(os.fspath(item), MAX_BYTES)
    known = replace(story.known, publisher=publisher) if publisher else story.known
    return analyze(story.text, path=story.path, backend=backend, data=story.data, warnings=story.warnings,
                   known=known)


def analyze_many(items: Iterable[Item], *, jobs: int = 1, backend: str = "spacy",
                 publisher: str | None = None) -> Iterator[Analysis]:
    """Analyse many stories, yielding each ``Analysis`` in the order given.

    Args:
        items: story texts (``str``) and story files (``pathlib.Path``), mixed freely.
        jobs: worker processes; 1 (the default) analyses in this process. Each worker
            loads the model once.
        backend: ``"spacy"`` or ``"stanza"``.
        publisher: a publisher for every story, overriding what each says.

    Yields:
        One ``Analysis`` per item; the first failing story raises its ``AttribError``.
    """
    work = partial(analyze_item, backend=backend, publisher=publisher)
    if jobs <= 1:
        yield from map(work, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(work, items, chunksize=1)
