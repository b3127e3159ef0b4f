"""The only place the stages meet: text in, ``Analysis`` out."""

from __future__ import annotations

import hashlib

from .claims import detect_claims
from .entities import resolve
from .lexicon import Lexicon, default_lexicon
from .nlp import parse_blocks
from .quotes import find_quotes
from .source import mask_markup, prepare
from .types import Analysis, BlockKind

# Blocks whose sentences can hold claims; captions, bylines and page furniture cannot.
_PARSED = {BlockKind.BODY, BlockKind.TITLE}


def analyze(
    text: str,
    *,
    path: str | None = None,
    backend: str = "spacy",
    lexicon: Lexicon | None = None,
    data: bytes | None = None,
    warnings: tuple[str, ...] = (),
) -> Analysis:
    """Find every claim in ``text`` with its speaker, intermediaries, channel and time.

    Args:
        text: the story as decoded (offsets in the result index it).
        path: where the story came from, recorded in the result.
        backend: ``"spacy"`` (default, offline) or ``"stanza"``.
        lexicon: word lists; the packaged ``cues.toml`` by default.
        data: the raw input bytes, for the digest (the UTF-8 of ``text`` by default).
        warnings: notes from reading the input (e.g. how it was decoded), kept in the result.

    Raises:
        ModelMissingError: when the backend's models are not installed.
    """
    lex = lexicon or default_lexicon()
    doc = prepare(text, lex)
    blocks = [(i, b.span) for i, b in enumerate(doc.blocks) if b.kind in _PARSED]
    parses = parse_blocks([(i, span.start, mask_markup(span.text)) for i, span in blocks], backend)
    quotes = find_quotes(text, blocks)
    frames = detect_claims(text, parses, quotes, lex, doc.publisher)
    entities, claims = resolve(text, frames, parses, lex, doc.publisher)
    warnings += tuple(
        f"unbalanced quotation mark at character {q.open}" for q in quotes if not q.closed
    )
    digest = hashlib.sha256(data if data is not None else text.encode("utf-8")).hexdigest()
    return Analysis(doc, path, digest, entities, claims, warnings)
