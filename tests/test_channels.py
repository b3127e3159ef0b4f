"""Channels in a fixed vocabulary: every channel word attrib reports has a kind, and exports carry it."""

from __future__ import annotations

import pytest

from attribution import analyze
from attribution.channels import kind_of, platform_of, vocabulary
from attribution.lexicon import default_lexicon
from attribution.report.json import to_dict
from attribution.report.tables import claim_rows


@pytest.mark.parametrize(
    ("channel", "kind", "platform"),
    [
        ("tweet", "social media", "X"),
        ("Twitter", "social media", "X"),
        ("X post", "social media", "X"),
        ("post on X", "social media", "X"),
        ("Telegram post", "social media", "Telegram"),
        ("Truth Social post", "social media", "Truth Social"),
        ("news conference", "press conference", None),
        ("press conference", "press conference", None),
        ("written statement", "statement", None),
        ("radio interview", "interview", None),
        ("court filing", "document", None),
        ("open letter", "letter", None),
        ("a carrier pigeon", "other", None),
        (None, None, None),
        ("", None, None),
    ],
)
def test_channel_kinds(channel, kind, platform):
    assert kind_of(channel) == kind
    assert platform_of(channel) == platform


def test_every_channel_word_and_platform_has_a_kind_other_than_other():
    lex = default_lexicon()
    kinds = set(vocabulary().kinds)
    for word in lex.channels | lex.platforms:
        assert kind_of(word) in kinds - {"other"}, word


def test_twitter_and_tweet_group_together_in_json_and_csv():
    text = (
        'The minister wrote on Twitter that the talks had failed.\n\n'
        'The senator said in a tweet that the vote would go ahead.\n'
    )
    analysis = analyze(text)
    claims = to_dict(analysis)["claims"]
    assert [c["channel_kind"] for c in claims] == ["social media", "social media"]
    assert [c["platform"] for c in claims] == ["X", "X"]
    assert {row["platform"] for row in claim_rows(analysis)} == {"X"}
