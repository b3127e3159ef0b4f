"""The stanza adapter of nlp.py: stanza Documents built from hand-made CoNLL-U become our Parse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from stanza.models.common.doc import Document as StanzaDocument
from stanza.utils.conll import CoNLL

from attribution import nlp
from attribution.errors import AttribError, ModelMissingError
from attribution.types import Parse

try:
    from attribution.pipeline import analyze
except ImportError:
    analyze = None

# UD English EWT style; the NER tag of each token rides in MISC as stanza writes it (ner=...).
MINISTRY = """\
# text = The ministry said on Friday that 26 people had been arrested.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	ner=B-ORG
2	ministry	ministry	NOUN	NN	Number=Sing	3	nsubj	_	ner=E-ORG
3	said	say	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	ner=O
4	on	on	ADP	IN	_	5	case	_	ner=O
5	Friday	Friday	PROPN	NNP	Number=Sing	3	obl	_	ner=S-DATE
6	that	that	SCONJ	IN	_	11	mark	_	ner=O
7	26	26	NUM	CD	NumForm=Digit|NumType=Card	8	nummod	_	ner=S-CARDINAL
8	people	people	NOUN	NNS	Number=Plur	11	nsubj:pass	_	ner=O
9	had	have	AUX	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	11	aux	_	ner=O
10	been	be	AUX	VBN	Tense=Past|VerbForm=Part	11	aux:pass	_	ner=O
11	arrested	arrest	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	3	ccomp	_	SpaceAfter=No|ner=O
12	.	.	PUNCT	.	_	3	punct	_	ner=O
"""

RELEASED = """\
# text = Two of them were later released.
1	Two	two	NUM	CD	NumForm=Word|NumType=Card	6	nsubj:pass	_	ner=S-CARDINAL
2	of	of	ADP	IN	_	3	case	_	ner=O
3	them	they	PRON	PRP	Case=Acc|Number=Plur|Person=3|PronType=Prs	1	nmod	_	ner=O
4	were	be	AUX	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	6	aux:pass	_	ner=O
5	later	later	ADV	RBR	Degree=Cmp	6	advmod	_	ner=O
6	released	release	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	SpaceAfter=No|ner=O
7	.	.	PUNCT	.	_	6	punct	_	ner=O
"""

COURT = """\
# text = “We will go to court,” she told supporters.
1	“	"	PUNCT	``	_	4	punct	_	SpaceAfter=No|ner=O
2	We	we	PRON	PRP	Case=Nom|Number=Plur|Person=1|PronType=Prs	4	nsubj	_	ner=O
3	will	will	AUX	MD	VerbForm=Fin	4	aux	_	ner=O
4	go	go	VERB	VB	VerbForm=Inf	10	ccomp	_	ner=O
5	to	to	ADP	IN	_	6	case	_	ner=O
6	court	court	NOUN	NN	Number=Sing	4	obl	_	SpaceAfter=No|ner=O
7	,	,	PUNCT	,	_	4	punct	_	SpaceAfter=No|ner=O
8	”	"	PUNCT	''	_	4	punct	_	ner=O
9	she	she	PRON	PRP	Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs	10	nsubj	_	ner=O
10	told	tell	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	ner=O
11	supporters	supporter	NOUN	NNS	Number=Plur	10	obj	_	SpaceAfter=No|ner=O
12	.	.	PUNCT	.	_	10	punct	_	ner=O
"""

# "cannot" is one token of two syntactic words in EWT, as stanza's mwt processor expands it.
CANNOT = """\
# text = Police said they cannot confirm the report.
1	Police	police	NOUN	NNS	Number=Plur	2	nsubj	_	ner=O
2	said	say	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	ner=O
3	they	they	PRON	PRP	Case=Nom|Number=Plur|Person=3|PronType=Prs	6	nsubj	_	ner=O
4-5	cannot	_	_	_	_	_	_	_	ner=O
4	can	can	AUX	MD	VerbForm=Fin	6	aux	_	_
5	not	not	PART	RB	Polarity=Neg	6	advmod	_	_
6	confirm	confirm	VERB	VB	VerbForm=Inf	2	ccomp	_	ner=O
7	the	the	DET	DT	Definite=Def|PronType=Art	8	det	_	ner=O
8	report	report	NOUN	NN	Number=Sing	6	obj	_	SpaceAfter=No|ner=O
9	.	.	PUNCT	.	_	2	punct	_	ner=O
"""

# An expansion that does not spell its token: each word must keep the whole token's span.
WANNA = """\
# text = They wanna stay.
1	They	they	PRON	PRP	_	3	nsubj	_	ner=O
2-3	wanna	_	_	_	_	_	_	_	ner=O
2	want	want	VERB	VBP	_	0	root	_	_
3	to	to	PART	TO	_	4	mark	_	_
4	stay	stay	VERB	VB	_	2	xcomp	_	SpaceAfter=No|ner=O
5	.	.	PUNCT	.	_	2	punct	_	ner=O
"""

# UD 2.15 EWT labels a bare temporal noun obl:unmarked (earlier releases: obl:tmod).
FRIDAY = """\
# text = Officials said Friday the plant would close.
1	Officials	official	NOUN	NNS	Number=Plur	2	nsubj	_	ner=O
2	said	say	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	ner=O
3	Friday	Friday	PROPN	NNP	Number=Sing	2	obl:unmarked	_	ner=S-DATE
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	ner=O
5	plant	plant	NOUN	NN	Number=Sing	7	nsubj	_	ner=O
6	would	would	AUX	MD	VerbForm=Fin	7	aux	_	ner=O
7	close	close	VERB	VB	VerbForm=Inf	2	ccomp	_	SpaceAfter=No|ner=O
8	.	.	PUNCT	.	_	2	punct	_	ner=O
"""

SAMPLES = [MINISTRY, RELEASED, COURT, CANNOT, WANNA, FRIDAY]


def text_of(conllu: str) -> str:
    """The ``# text`` of each sentence of ``conllu``, joined by single spaces."""
    return " ".join(line[len("# text = ") :] for line in conllu.splitlines() if line.startswith("# text = "))


def to_doc(conllu: str) -> StanzaDocument:
    """A stanza Document with text and character offsets, as a stanza Pipeline returns it."""
    return CoNLL.conll2doc(input_str=conllu, reconstruct_text=True)


def convert(conllu: str, base: int = 0, block: int = 0, first_sentence: int = 0) -> Parse:
    return nlp.stanza_to_parse(to_doc(conllu), base, block, first_sentence)


def arcs(parse: Parse) -> list[tuple[str, str, str]]:
    """(word, dep, head word) for every token."""
    return [(t.text, t.dep, parse.tokens[t.head].text) for t in parse.tokens]


def test_fixture_documents_carry_the_text_and_offsets() -> None:
    doc = to_doc(MINISTRY + "\n" + RELEASED)
    assert doc.text == text_of(MINISTRY + "\n" + RELEASED)
    token = doc.sentences[1].tokens[0]
    assert (token.text, token.start_char, token.end_char) == ("Two", 62, 65)


@pytest.mark.parametrize("conllu", SAMPLES)
@pytest.mark.parametrize("base", [0, 57])
def test_token_offsets_slice_the_source(conllu: str, base: int) -> None:
    source = "x" * base + text_of(conllu)
    parse = convert(conllu, base=base)
    assert [source[t.start : t.end] for t in parse.tokens] == [t.text for t in parse.tokens]
    assert all(base <= t.start <= t.end <= len(source) for t in parse.tokens)


@pytest.mark.parametrize("conllu", [MINISTRY, RELEASED, COURT, CANNOT, FRIDAY])
def test_tokens_and_their_spacing_rebuild_the_text(conllu: str) -> None:
    parse = convert(conllu)
    rebuilt = "".join(t.text + (" " if t.space_after else "") for t in parse.tokens)
    assert rebuilt == text_of(conllu)


def test_indices_count_words_from_zero() -> None:
    parse = convert(MINISTRY)
    assert [t.i for t in parse.tokens] == list(range(12))


def test_heads_and_ud_labels_are_kept() -> None:
    assert arcs(convert(MINISTRY)) == [
        ("The", "det", "ministry"),
        ("ministry", "nsubj", "said"),
        ("said", "root", "said"),
        ("on", "case", "Friday"),
        ("Friday", "obl", "said"),
        ("that", "mark", "arrested"),
        ("26", "nummod", "people"),
        ("people", "nsubj:pass", "arrested"),
        ("had", "aux", "arrested"),
        ("been", "aux:pass", "arrested"),
        ("arrested", "ccomp", "said"),
        (".", "punct", "said"),
    ]


def test_the_root_points_to_itself() -> None:
    parse = convert(COURT)
    roots = [(t.i, t.text, t.head) for t in parse.tokens if t.dep == "root"]
    assert roots == [(9, "told", 9)]


def test_children_list_dependents_in_order() -> None:
    parse = convert(COURT)
    said = next(t.i for t in parse.tokens if t.text == "told")
    assert [parse.tokens[k].text for k in parse.kids(said)] == ["go", "she", "supporters", "."]


def test_direct_quote_marks_and_spacing() -> None:
    parse = convert(COURT)
    assert [(t.text, t.start, t.end, t.space_after) for t in parse.tokens[:2]] == [
        ("“", 0, 1, False),
        ("We", 1, 3, True),
    ]
    assert [(t.text, t.space_after) for t in parse.tokens[5:9]] == [
        ("court", False),
        (",", False),
        ("”", True),
        ("she", True),
    ]


def test_lemmas_pos_and_tags() -> None:
    parse = convert(COURT)
    assert [(t.text, t.lemma, t.pos, t.tag) for t in parse.tokens[8:11]] == [
        ("she", "she", "PRON", "PRP"),
        ("told", "tell", "VERB", "VBD"),
        ("supporters", "supporter", "NOUN", "NNS"),
    ]


def test_entities_and_token_entity_types() -> None:
    parse = convert(MINISTRY)
    assert [(" ".join(t.text for t in parse.tokens[s:e]), label) for s, e, label in parse.entities] == [
        ("The ministry", "ORG"),
        ("Friday", "DATE"),
        ("26", "CARDINAL"),
    ]
    assert [(t.text, t.ent) for t in parse.tokens[:5]] == [
        ("The", "ORG"),
        ("ministry", "ORG"),
        ("said", ""),
        ("on", ""),
        ("Friday", "DATE"),
    ]


def test_multi_sentence_document_numbers_sentences_globally() -> None:
    conllu = MINISTRY + "\n" + RELEASED
    source = "HEADLINE\n\n" + text_of(conllu)
    parse = convert(conllu, base=10, block=3, first_sentence=4)
    assert parse.block == 3
    assert parse.sentences == ((0, 12), (12, 19))
    assert [t.sent for t in parse.tokens] == [4] * 12 + [5] * 7
    assert [(t.text, t.start, t.end) for t in parse.tokens[12:14]] == [("Two", 72, 75), ("of", 76, 78)]
    assert all(source[t.start : t.end] == t.text for t in parse.tokens)
    # heads stay inside their own sentence
    assert arcs(parse)[12:] == [
        ("Two", "nsubj:pass", "released"),
        ("of", "case", "them"),
        ("them", "nmod", "Two"),
        ("were", "aux:pass", "released"),
        ("later", "advmod", "released"),
        ("released", "root", "released"),
        (".", "punct", "released"),
    ]
    assert [(s, e, label) for s, e, label in parse.entities] == [
        (0, 2, "ORG"),
        (4, 5, "DATE"),
        (6, 7, "CARDINAL"),
        (12, 13, "CARDINAL"),
    ]


def test_multi_word_token_words_get_their_own_spans() -> None:
    parse = convert(CANNOT)
    assert [(t.text, t.start, t.end, t.lemma, t.dep) for t in parse.tokens[3:6]] == [
        ("can", 17, 20, "can", "aux"),
        ("not", 20, 23, "not", "advmod"),
        ("confirm", 24, 31, "confirm", "ccomp"),
    ]
    assert [t.space_after for t in parse.tokens[3:5]] == [False, True]
    assert arcs(parse)[3:5] == [("can", "aux", "confirm"), ("not", "advmod", "confirm")]


def test_multi_word_token_that_does_not_spell_its_words_shares_the_token_span() -> None:
    parse = convert(WANNA)
    assert [(t.text, t.start, t.end, t.lemma, t.dep) for t in parse.tokens] == [
        ("They", 0, 4, "they", "nsubj"),
        ("wanna", 5, 10, "want", "root"),
        ("wanna", 5, 10, "to", "mark"),
        ("stay", 11, 15, "stay", "xcomp"),
        (".", 15, 16, ".", "punct"),
    ]
    assert arcs(parse)[3] == ("stay", "xcomp", "wanna")
    assert parse.tokens[3].head == 1


def test_bare_temporal_noun_gets_the_label_the_spacy_conversion_gives() -> None:
    parse = convert(FRIDAY)
    assert arcs(parse)[2] == ("Friday", "obl:npmod", "said")


def test_offsets_are_found_when_stanza_gave_none() -> None:
    doc = CoNLL.conll2doc(input_str=COURT)
    assert doc.sentences[0].tokens[0].start_char is None
    doc.text = text_of(COURT)
    parse = nlp.stanza_to_parse(doc, 0, 0)
    assert parse == convert(COURT)


def test_a_document_without_text_is_an_error() -> None:
    doc = CoNLL.conll2doc(input_str=COURT)
    with pytest.raises(AttribError, match="no text"):
        nlp.stanza_to_parse(doc, 0, 0)


def test_an_empty_document_gives_an_empty_parse() -> None:
    doc = StanzaDocument([], text="")
    assert nlp.stanza_to_parse(doc, 5, 2, 7) == Parse(2, (), (), ())


# --------------------------------------------------------------------------- through parse_blocks


def flat_conllu(text: str) -> str:
    """A parse of last resort for texts without a fixture: whitespace words, all on the first."""
    rows = [f"# text = {text}"]
    for n, word in enumerate(text.split(), start=1):
        head, dep = (0, "root") if n == 1 else (1, "dep")
        rows.append(f"{n}\t{word}\t{word.lower()}\tX\tX\t_\t{head}\t{dep}\t_\tner=O")
    return "\n".join(rows) + "\n"


class FakePipeline:
    """Stands in for ``stanza.Pipeline``: ``pipeline(text)`` returns the Document of a fixture."""

    def __init__(self, *fixtures: str) -> None:
        self.fixtures = {text_of(c): c for c in fixtures}
        self.calls: list[str] = []

    def __call__(self, text: str) -> StanzaDocument:
        self.calls.append(text)
        doc = to_doc(self.fixtures.get(text) or flat_conllu(text))
        assert doc.text == text, "fixture CoNLL-U does not spell the text it stands for"
        return doc


@pytest.fixture
def fake_stanza(monkeypatch: pytest.MonkeyPatch) -> FakePipeline:
    pipeline = FakePipeline(MINISTRY + "\n" + RELEASED, MINISTRY, COURT, CANNOT)
    monkeypatch.setattr(nlp, "load_stanza", lambda: pipeline)
    return pipeline


def test_parse_blocks_with_stanza_gives_global_offsets_and_sentences(fake_stanza: FakePipeline) -> None:
    first, second = text_of(MINISTRY + "\n" + RELEASED), text_of(COURT)
    story = first + "\n\n" + second
    parses = nlp.parse_blocks([(0, 0, first), (1, len(first) + 2, second)], backend="stanza")
    assert fake_stanza.calls == [first, second]
    assert [p.block for p in parses] == [0, 1]
    assert [p.sentences for p in parses] == [((0, 12), (12, 19)), ((0, 12),)]
    assert [sorted({t.sent for t in p.tokens}) for p in parses] == [[0, 1], [2]]
    assert all(story[t.start : t.end] == t.text for p in parses for t in p.tokens)
    told = parses[1].tokens[9]
    assert (told.text, told.start - len(first) - 2) == ("told", 27)
    assert story[told.start - 4 : told.end] == "she told"


def test_unknown_backend_is_an_error() -> None:
    with pytest.raises(AttribError, match="unknown NLP backend"):
        nlp.parse_blocks([(0, 0, "x")], backend="corenlp")


@pytest.mark.xfail(analyze is None, reason="pipeline not yet landed", strict=False)
def test_analyze_with_stanza_finds_the_ministry_claim(fake_stanza: FakePipeline) -> None:
    assert analyze is not None
    story = "Ministry reports arrests\n" + text_of(MINISTRY) + "\n"
    analysis: Any = analyze(story, backend="stanza")
    found = [
        (
            c.speaker_mention.text if c.speaker_mention else None,
            c.cue.text if c.cue else None,
            "26 people had been arrested" in c.content.text,
        )
        for c in analysis.claims
    ]
    assert ("The ministry", "said", True) in found


# --------------------------------------------------------------------------- models


@pytest.fixture
def no_cached_stanza() -> Iterator[None]:
    nlp.load_stanza.cache_clear()
    yield
    nlp.load_stanza.cache_clear()


def test_missing_stanza_models_say_how_to_get_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_cached_stanza: None
) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert nlp.stanza_model_dir() == tmp_path
    with pytest.raises(ModelMissingError, match="attrib models download stanza") as err:
        nlp.load_stanza()
    assert str(tmp_path) in str(err.value)
    assert list(tmp_path.iterdir()) == []  # nothing was downloaded


def test_broken_stanza_models_say_how_to_get_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_cached_stanza: None
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "resources.json").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(ModelMissingError, match="attrib models download stanza"):
        nlp.load_stanza()
