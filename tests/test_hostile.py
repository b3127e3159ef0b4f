"""Hostile input (issue 10): inputs that once made a stage super-linear or broke an output."""

from __future__ import annotations

import random

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
    assert any("without a space were not parsed" in w for w in analysis.warnings)


def test_a_url_of_ordinary_length_is_still_parsed():
    url = "https://example.com/news/2024/05/bridge-reopens-after-inspection"
    assert len(url) <= LONG_RUN
    analysis = analyze(f"The mayor said the bridge would reopen, according to {url}.")
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
