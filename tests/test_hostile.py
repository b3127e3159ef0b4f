"""Hostile input (issue 10): inputs that once made a stage super-linear or broke an output."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attribution.nlp import LONG_RUN, parse_blocks
from attribution.pipeline import analyze


def _punctuation(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice("\"“”«»(") for _ in range(n))


def test_a_long_run_without_spaces_is_not_tokenized():
    # spaCy's tokenizer is quadratic in a run without spaces (20,000 quote marks: 73 s);
    # such a run is blanked before parsing, so no token comes from inside it
    text = "Officials said the bridge was safe. " + _punctuation(20_000) + " The mayor said it would reopen."
    (parse,) = parse_blocks([(0, 0, text)])
    run_start = text.index(_punctuation(20_000))
    inside = [t for t in parse.tokens if run_start <= t.start < run_start + 20_000 and t.text.strip()]
    assert inside == []
    assert max(len(t.text) for t in parse.tokens if t.text.strip()) <= LONG_RUN


def test_a_long_run_keeps_the_claims_around_it_and_says_so():
    text = "Officials said the bridge was safe. " + "x" * 500 + " The mayor said it would reopen on Monday."
    analysis = analyze(text)
    assert [c.content.text for c in analysis.claims] == ["the bridge was safe", "it would reopen on Monday"]
    assert any("without a space" in w and "were not parsed" in w for w in analysis.warnings)


def test_a_url_of_ordinary_length_is_still_parsed():
    url = "https://example.com/news/2024/05/bridge-reopens-after-inspection"
    assert len(url) <= LONG_RUN
    analysis = analyze(f"The mayor said the bridge would reopen, according to {url}.")
    assert not any("not parsed" in w for w in analysis.warnings)


_EMOJI = " ".join(["👩\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈", "👨🏽\u200d🤝\u200d👨🏻"] * 15)


def test_a_long_run_of_emoji_with_spaces_is_not_parsed_and_says_so():
    # emoji ZWJ sequences took 4.5 times as long as news a character, and 1.6 MB of them 1 GB:
    # a run of over LONG_RUN characters of words without a letter or digit holds no speech
    text = f"Officials said the bridge was safe. {_EMOJI} The mayor said it would reopen on Monday."
    analysis = analyze(text)
    assert [c.content.text for c in analysis.claims] == ["the bridge was safe", "it would reopen on Monday"]
    assert any("without a letter or digit" in w for w in analysis.warnings)
    (parse,) = parse_blocks([(0, 0, text)])
    start = text.index(_EMOJI)
    assert [t.text for t in parse.tokens if start <= t.start < start + len(_EMOJI) and t.text.strip()] == []


def test_punctuation_touching_a_word_and_short_runs_are_still_parsed():
    # "yes”." holds a letter: the closing mark and the full stop stay, though emoji follow
    text = f"He said “yes”. {_EMOJI} She said “no”. * * * Then he left."
    (parse,) = parse_blocks([(0, 0, text)])
    assert [t.text for t in parse.tokens if t.text.strip()] == [
        "He", "said", "“", "yes", "”", ".", "She", "said", "“", "no", "”", ".",
        "*", "*", "*", "Then", "he", "left", ".",
    ]
    analysis = analyze("The minister said: * * * the talks had failed. — — — A spokesman said so.")
    assert not any("not parsed" in w for w in analysis.warnings)


def test_text_dense_in_tokens_is_parsed_in_small_pieces_and_batches():
    # 1.6 MB of emoji ZWJ sequences took 1.08 GB: spaCy's memory grows with the tokens of one
    # text and of one batch, and an emoji is a token where a word of news is five characters
    from attribution.nlp import _BATCH_TOKENS, _batches, token_estimate
    from attribution.pipeline import PIECE_TOKENS, _pieces

    family = "👩\u200d👩\u200d👧\u200d👦 "
    text = family * 20_000
    pieces = _pieces(0, text)
    assert "".join(p for _, p in pieces) == text
    assert max(token_estimate(p) for _, p in pieces) <= PIECE_TOKENS * 1.1
    batches = list(_batches([(0, start, piece) for start, piece in pieces]))
    assert all(sum(token_estimate(t) for _, _, t in b) <= _BATCH_TOKENS or len(b) == 1 for b in batches)


def test_news_keeps_its_pieces():
    from attribution.pipeline import PIECE_CHARS, _pieces

    paragraph = "The minister said on Tuesday that talks would resume next week in the capital. " * 1_000
    assert [len(p) for _, p in _pieces(0, paragraph)][0] > PIECE_CHARS // 2


# --------------------------------------------------------------------------- lone surrogates


def test_a_lone_surrogate_is_read_as_a_replacement_character_with_a_warning():
    # analyze('\ud800') raised a raw UnicodeEncodeError: a lone surrogate is not text, and no
    # report could be written. It becomes U+FFFD, one code point for one, so offsets hold.
    from attribution.report.json import to_json

    text = "“We will\ud800 win,” the mayor said on Monday."
    analysis = analyze(text)
    assert analysis.document.text == text.replace("\ud800", "\ufffd")
    assert [c.content.text for c in analysis.claims] == ["We will\ufffd win,"]
    assert [c.content.start for c in analysis.claims] == [1]
    assert any("surrogate" in w for w in analysis.warnings)
    assert "\\ud800" not in to_json(analysis) and "\ufffd" in to_json(analysis)


def test_a_lone_surrogate_alone_is_a_story():
    analysis = analyze("\ud800")
    assert analysis.document.text == "\ufffd"
    assert analysis.claims == ()
    # the digest is of the text as given, which differs from the text it was read as
    assert analysis.sha256 != analyze("\ufffd").sha256


def test_text_without_surrogates_is_unchanged_and_not_warned():
    analysis = analyze("The mayor said the bridge was safe. 😀")
    assert analysis.document.text == "The mayor said the bridge was safe. 😀"
    assert not any("surrogate" in w for w in analysis.warnings)


# --------------------------------------------------------------------------- one long story on several cores

_NEWS = [
    "The ministry said on {day} that {n} people had been arrested in the capital.",
    "“We will not give up,” said {name}, a spokesman for the {n} striking dock workers.",
    "According to the agency, the storm damaged {n} homes along the coast.",
    "{name} told reporters the talks would resume next week, officials said.",
]


def _long_news(paragraphs: int) -> str:
    days = ["Monday", "Tuesday", "Friday"]
    names = ["Ana Ruiz", "Tomas Lind", "Grace Oyelaran", "Piotr Nowak", "Mei Chen"]
    return "\n\n".join(
        " ".join(s.format(day=days[k % 3], n=k * 7 + j, name=names[(k + j) % 5]) for j, s in enumerate(_NEWS))
        for k in range(paragraphs)
    )


def test_a_long_story_parsed_by_two_processes_gives_the_same_parses():
    from attribution.nlp import _BATCH_TOKENS, _batches, parse_blocks

    text = _long_news(120)
    pieces, at = [], 0
    for k, paragraph in enumerate(text.split("\n\n")):
        pieces.append((k, at, paragraph))
        at += len(paragraph) + 2
    assert len(list(_batches(pieces))) > 2, f"the input must fill several batches of {_BATCH_TOKENS} tokens"
    one = parse_blocks(pieces, workers=1)
    two = parse_blocks(pieces, workers=2)
    assert two == one
    assert [p.children for p in two] == [p.children for p in one]  # not compared by ==
    assert [t.sent for p in two for t in p.tokens][-1] == sum(len(p.sentences) for p in one) - 1


def test_a_long_story_analysed_with_two_processes_gives_the_same_analysis():
    text = _long_news(120)
    assert analyze(text, workers=2) == analyze(text, workers=1)


def test_several_processes_only_for_a_long_story_and_never_inside_a_worker():
    import multiprocessing

    from attribution.nlp import PARALLEL_CHARS, default_workers
    from attribution.processes import cores

    assert default_workers(PARALLEL_CHARS - 1) == 1
    assert default_workers(3 * PARALLEL_CHARS) == min(cores(), 4)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(default_workers, (3 * PARALLEL_CHARS,)) == 1


def _parse_in_a_pool_worker(workers: int) -> int:
    from attribution.nlp import parse_blocks

    pieces = [(k, k * 100, "The mayor said the bridge was safe. " * 2) for k in range(300)]
    return len(parse_blocks(pieces, workers=workers))


def test_workers_asked_for_inside_a_pool_worker_parse_in_that_process():
    # a multiprocessing.Pool worker is daemonic and may not start processes of its own ("spawn":
    # a fork of the test process may inherit a lock another thread holds, and hang)
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(_parse_in_a_pool_worker, (2,)) == 300


def _stop_the_process(n: int) -> int:
    import os

    if n == 2:
        os._exit(9)  # as the OOM killer would stop it
    return n


def test_a_dead_parsing_process_is_an_error_not_a_hang():
    import pytest

    from attribution.errors import AttribError
    from attribution.processes import map_in_processes

    with pytest.raises(AttribError, match="stopped unexpectedly"):
        list(map_in_processes(_stop_the_process, [1, 2, 3, 4], 2))


# --------------------------------------------------------------------------- memory


def test_tokens_share_their_strings_and_indices():
    # a 3 MB story has about 600,000 tokens but few distinct words: one string object per
    # word (and per lemma and label), one int object per token index, not one per token
    from attribution.nlp import parse_blocks

    first, second = parse_blocks([(0, 0, "The mayor said the bridge was safe."), (1, 40, "The mayor said so.")])
    assert first.tokens[1].text is second.tokens[1].text
    assert first.tokens[2].lemma is second.tokens[2].lemma == "say"
    assert first.tokens[2].dep is second.tokens[2].dep == "root"
    assert first.tokens[0].head is first.tokens[1].i


@pytest.mark.parametrize("text", [
    "“We will win,” said Ana Ruiz, the mayor of Łódź. Officials said 😀 was fine.",
    "Nothing was reported here.",  # empty arrays
    "Officials said the \x01 sign\tand a line\u2028break were \"fine\".\n\nThe mayor said so too.",
])
def test_the_json_file_has_the_bytes_of_to_json(tmp_path, text):
    # the JSON is streamed into its file (a 3 MB story's is about 50 MB, never held whole),
    # byte for byte what to_json gives: by write_json, in a report set, and sent by a worker
    from attribution.audit.run import _encoded, render_reports
    from attribution.report.atomic import write_set
    from attribution.report.json import to_json, write_json

    analysis = analyze(text)
    expected = to_json(analysis).encode("utf-8")
    assert write_json(analysis, tmp_path / "story.json").read_bytes() == expected
    files = render_reports(analysis, "set", ("json",))
    assert write_set({tmp_path / name: content for name, content in files.items()}) == [tmp_path / "set.json"]
    assert (tmp_path / "set.json").read_bytes() == expected
    assert _encoded(render_reports(analysis, "set", ("json",))["set.json"]) == expected


_COLD_PARSE = """
import sys
from attribution.nlp import load_spacy, parse_blocks
pieces = [(k, k * 200, f"Officials in town {k} said the bridge was safe, the mayor told reporters. " * 2)
          for k in range(400)]
two = parse_blocks(pieces, workers=2)
assert not load_spacy.cache_info().currsize, "the model was loaded in the parent"
assert two == parse_blocks(pieces, workers=1)
print(len(two))
"""


def test_workers_of_a_process_without_the_model_load_it_themselves_and_parse_the_same():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _COLD_PARSE], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "400"


def test_a_story_keeps_its_trees_while_analysed_and_leaves_none_behind():
    # the passes read a story's parses in order several times: its trees are kept for the whole
    # analysis (a 1 MB story was building each six times over), then dropped with it
    from attribution import syntax

    kept = dict(syntax._TREES.kept)
    analysis = analyze("The mayor said the bridge was safe. “It is fine,” she said. " * 50)
    assert len(analysis.claims) == 100
    assert syntax._TREES.kept == kept
    assert syntax._TREES.tokens == sum(len(parse.tokens) for parse, _ in kept.values())


@given(st.text(alphabet=st.sampled_from(list("ab1_ \t\n.,“”😀👍🏽\u200d\u3000é")) | st.characters(), max_size=80))
def test_the_token_estimate_counts_words_and_symbols(text):
    # words and single symbols, as the tokenizer-like pattern finds them, counted without a
    # match object each (a story of emoji spent 200 ns a character there)
    from attribution.nlp import _TOKENISH, token_estimate

    assert token_estimate(text) == len(_TOKENISH.findall(text))
