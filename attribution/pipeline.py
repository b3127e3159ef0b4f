"""The only place the stages meet: text in, ``Analysis`` out."""

from __future__ import annotations

import hashlib
import re

from .claims import detect_claims
from .entities import resolve
from .errors import InputError
from .lexicon import Lexicon, default_lexicon
from .nlp import LONG_RUN, long_runs, parse_blocks, token_estimate
from .quotes import find_quotes
from .signals import add_signals
from .source import Metadata, mask_markup, prepare
from .syntax import forget_trees
from .types import Analysis, BlockKind, Document, Parse, Sentence, Span
from .versions import model_version

# Blocks whose sentences can hold claims; captions, bylines and page furniture cannot.
_PARSED = {BlockKind.BODY, BlockKind.TITLE}
# The largest story analysed (characters); the CLI reads at most 8 MB (--max-mb).
MAX_CHARS = 3 * 1024 * 1024
# A paragraph longer than this is parsed in pieces cut at a sentence end: spaCy refuses
# texts over 1,000,000 characters, and its memory grows with the length of one text.
PIECE_CHARS = 30_000
# ... and of at most about this many tokens: emoji and symbols are a token each, and spaCy's
# memory grows with the tokens of one text (30,000 emoji took 700 MB); news has 4.5 to 5.5 characters a token.
PIECE_TOKENS = 7_500
# A lone surrogate (U+D800 to U+DFFF) is not text: no encoder writes it, so the reports could
# not be written. Each becomes U+FFFD, one code point for one, so every offset still holds.
_SURROGATE = re.compile("[\ud800-\udfff]")


def analyze(
    text: str,
    *,
    path: str | None = None,
    backend: str = "spacy",
    lexicon: Lexicon | None = None,
    data: bytes | None = None,
    warnings: tuple[str, ...] = (),
    max_chars: int = MAX_CHARS,
    known: Metadata | None = None,
    workers: int | None = None,
) -> Analysis:
    """Find every claim in ``text`` with its speaker, intermediaries, channel and time.

    Args:
        text: the story as decoded (offsets in the result index it); a lone surrogate in it
            is read as U+FFFD, with a warning.
        path: where the story came from, recorded in the result.
        backend: ``"spacy"`` (default, offline) or ``"stanza"``.
        lexicon: word lists; the packaged ``cues.toml`` by default.
        data: the raw input bytes, for the digest (the UTF-8 of ``text`` by default).
        warnings: notes from reading the input (e.g. how it was decoded), kept in the result.
        max_chars: the longest text accepted.
        known: what is known besides the text (a saved page's metadata, a ``--publisher``); it wins.
        workers: processes parsing the story at once; by default (``nlp.default_workers``) one
            a core, up to four, for a story over ``nlp.PARALLEL_CHARS`` characters on Linux
            outside a worker process, else one. The result is the same whatever the number.

    Raises:
        InputError: when ``text`` is longer than ``max_chars``.
        ModelMissingError: when the backend's models are not installed.
    """
    if len(text) > max_chars:
        raise InputError(
            f"the story has {len(text):,} characters; attrib analyses at most {max_chars:,} "
            "(split it, or raise the limit with --max-mb)"
        )
    given = text
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    if surrogates:
        warnings += (f"{surrogates} lone surrogate code point(s) (not Unicode text) were replaced by U+FFFD",)
    lex = lexicon or default_lexicon()
    doc = prepare(text, lex, known)
    blocks = [(i, b.span) for i, b in enumerate(doc.blocks) if b.kind in _PARSED]
    pieces = [(i, start, piece) for i, span in blocks for start, piece in _pieces(span.start, mask_markup(span.text))]
    parses = parse_blocks(pieces, backend, workers)
    try:
        return _analysis(text, given, path, doc, blocks, parses, lex, data, warnings, backend)
    finally:
        forget_trees(parses)  # the trees the passes built; the parses go with the analysis


def _analysis(
    text: str, given: str, path: str | None, doc: Document, blocks: list[tuple[int, Span]], parses: list[Parse],
    lex: Lexicon, data: bytes | None, warnings: tuple[str, ...], backend: str,
) -> Analysis:
    """The claims, entities and signals of a parsed story (``analyze`` after the parse)."""
    quotes = find_quotes(text, blocks)
    headlines = frozenset(i for i, b in enumerate(doc.blocks) if b.kind is BlockKind.TITLE)
    frames = detect_claims(text, parses, quotes, lex, doc.publisher, headlines)
    entities, claims = resolve(text, frames, parses, lex, doc.publisher)
    warnings += tuple(
        f"unbalanced quotation mark at character {q.open}" for q in quotes if not q.closed
    )
    runs = sum(long_runs(span.text) for _, span in blocks)
    if runs:
        warnings += (f"{runs} run(s) of more than {LONG_RUN} characters without a space, or without a letter "
                     "or digit, were not parsed",)
    # the digest is of the text as given: "surrogatepass" is UTF-8 for any text without surrogates
    digest = hashlib.sha256(data if data is not None else given.encode("utf-8", "surrogatepass")).hexdigest()
    analysis = Analysis(doc, path, digest, entities, claims, warnings, model_version(backend),
                        sentences=_sentences(text, parses))
    return add_signals(analysis, lex, quotes)


def _sentences(text: str, parses: list[Parse]) -> tuple[Sentence, ...]:
    """Each parsed sentence as a span of ``text``, white space trimmed, numbered as claims number them."""
    out = []
    for p in parses:
        for start, end in p.sentences:
            tokens = [t for t in p.tokens[start:end] if t.text.strip()]
            if tokens:
                out.append(Sentence(tokens[0].sent, p.block, Span.of(text, tokens[0].start, tokens[-1].end)))
    return tuple(out)


def _pieces(start: int, text: str, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """``text`` (at offset ``start``) cut into pieces of at most ``size`` characters.

    Each cut falls after the last ". " (else the last space) in the second half of a
    piece, so a sentence is only split when it is longer than half a piece. Text dense
    in tokens (emoji, symbols) is cut into proportionally shorter pieces.
    """
    if len(text) > size:
        size = min(size, max(1_000, PIECE_TOKENS * len(text) // max(1, token_estimate(text))))
    out: list[tuple[int, str]] = []
    at = 0
    while len(text) - at > size:
        window = text[at + size // 2 : at + size]
        cut = window.rfind(". ")
        cut = cut + 2 if cut >= 0 else window.rfind(" ") + 1
        end = at + size // 2 + cut if cut > 0 else at + size
        out.append((start + at, text[at:end]))
        at = end
    out.append((start + at, text[at:]))
    return out
