"""The quote finder: pairing marks per paragraph, quotes over paragraphs, full vs partial."""

from __future__ import annotations

import pytest

from attribution.quotes import find_quotes
from attribution.source import paragraphs


def quotes_of(text: str) -> list[tuple[str, bool, bool]]:
    """(content, closed, full) of each quote in ``text``."""
    paras = list(enumerate(paragraphs(text)))
    return [(q.content.text, q.closed, q.full) for q in find_quotes(text, paras)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will rebuild,” she said.", [("We will rebuild,", True, True)]),
        ('"We will rebuild," she said.', [("We will rebuild,", True, True)]),
        ("He said: “It is over.”", [("It is over.", True, True)]),
        ("26 “armed criminals” had been “liquidated”.",
         [("armed criminals", True, False), ("liquidated", True, False)]),
        ("“One,” he said, “two.”", [("One,", True, True), ("two.", True, True)]),
        ("„Wir schaffen das“, sagte sie.", [("Wir schaffen das", True, True)]),
        ("«C'est fini», a-t-il dit.", [("C'est fini", True, True)]),
        ("The 6\" pipe burst, officials said.", []),
        ("“It never closes, he said.", [("It never closes, he said.", False, True)]),
        ("“He called it ‘a disgrace’ and left,” she said.",
         [("He called it ‘a disgrace’ and left,", True, True)]),
        # two apostrophes as a double mark (NYT-archive style), a cue in the middle
        ("''It's anti-reform,'' said Alan Cole. ''She's layering on more.''",
         [("It's anti-reform,", True, True), ("She's layering on more.", True, True)]),
        ("He called it ''a disgrace'' and left.", [("a disgrace", True, False)]),
        ("''It was 'fine,''' he said.", [("It was 'fine,'", True, True)]),
        # apostrophes that are not marks: possessives, ASCII single quotes, a stray pair
        ("The players' 'home' ground isn't ready, the club's chief said.", []),
        ("'We are not,' she said.", []),
        ("The Joneses'' house burned.", []),
        ("Type '' into the box.", []),
        ("“He wrote ''no'' twice,” she said.", [("He wrote ''no'' twice,", True, True)]),
    ],
)
def test_quotes(text: str, expected: list[tuple[str, bool, bool]]) -> None:
    assert quotes_of(text) == expected


def test_quote_over_two_paragraphs_is_one_quote() -> None:
    text = "The judge said:\n\n“You did well. I know it was hard.\n\n“You served the county.”\n\nShe left."
    (quote,) = find_quotes(text, list(enumerate(paragraphs(text))))
    assert quote.closed
    assert quote.content.text == "You did well. I know it was hard.\n\n“You served the county."
    assert quote.blocks == (1, 2)


def test_unclosed_paragraph_not_followed_by_a_quote_ends_at_the_paragraph() -> None:
    text = "“It was chaos, said one witness.\n\nPolice arrived later."
    (quote,) = find_quotes(text, list(enumerate(paragraphs(text))))
    assert not quote.closed
    assert quote.content.text == "It was chaos, said one witness."


def test_a_mark_ending_its_line_opens_the_next_line() -> None:
    # "said:\t“" then a line break pasted before the words: the quote is the next line
    text = "Officials said:\t“\nWe will win.”\nThe storm passed."
    (quote,) = find_quotes(text, list(enumerate(paragraphs(text))))
    assert (quote.content.text, quote.closed, quote.full, quote.blocks) == ("We will win.", True, True, (0, 1))


def test_a_mark_ending_its_line_before_a_line_without_a_closing_mark_opens_nothing() -> None:
    text = "Kazakh officials said  “\nTokayev said order was restored."
    assert quotes_of(text) == [("", False, False)]


@pytest.mark.parametrize("text", ["”””", "“““", "\"'\"'“‘’”«»„", "a “b\n\n“c\n\n“d", "“\n\n“"])
def test_odd_marks_never_raise_and_slice_the_text(text: str) -> None:
    for q in find_quotes(text, list(enumerate(paragraphs(text)))):
        assert text[q.content.start:q.content.end] == q.content.text


def test_doubled_apostrophes_over_two_paragraphs_are_one_quote() -> None:
    text = "He said: ''We will win.\n\n''And we will rebuild.''\n\nDone."
    (quote,) = find_quotes(text, list(enumerate(paragraphs(text))))
    assert (quote.content.text, quote.closed, quote.blocks) == ("We will win.\n\n''And we will rebuild.", True, (0, 1))
    assert text[quote.open:quote.end] == "''We will win.\n\n''And we will rebuild.''"
