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
