"""Text preparation: title, byline, dateline, captions and boilerplate, offsets kept."""

from __future__ import annotations

import pytest

from attribution.lexicon import default_lexicon
from attribution.source import mask_markup, paragraphs, prepare
from attribution.types import BlockKind

LEX = default_lexicon()

REUTERS = """Kazakh president says order restored By Reuters


© Reuters. FILE PHOTO: Officers block a street in Nur-Sultan, Kazakhstan


By Olzhas Auyezov

ALMATY (Reuters) – Kazakh President Kassym-Jomart Tokayev said Friday that order was restored.

You might also like

Leave A Reply
"""


def test_reuters_paste_metadata() -> None:
    doc = prepare(REUTERS, LEX)
    assert doc.title is not None and doc.title.text == "Kazakh president says order restored"
    assert doc.publisher == "Reuters"
    assert doc.byline == ("Olzhas Auyezov",)
    assert doc.dateline is not None and doc.dateline.text == "ALMATY"
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [BlockKind.TITLE, BlockKind.CAPTION, BlockKind.BYLINE, BlockKind.BODY,
                     BlockKind.BOILERPLATE, BlockKind.BOILERPLATE]


def test_dateline_is_cut_from_the_parsed_body() -> None:
    doc = prepare(REUTERS, LEX)
    body = next(b for b in doc.blocks if b.kind is BlockKind.BODY)
    assert body.span.text.startswith("Kazakh President")
    assert REUTERS[body.span.start:body.span.end] == body.span.text


@pytest.mark.parametrize(
    ("line", "publisher", "dateline"),
    [
        ("SPRINGFIELD, Ill. (AP) — A jury on Friday convicted him.", "Associated Press", "SPRINGFIELD, Ill."),
        ("DULUTH, Minn. — The council approved a budget.", None, "DULUTH, Minn."),
        ("VARNA, Bulgaria (AFP) - Supporters rallied on Monday.", "AFP", "VARNA, Bulgaria"),
        ("BERLIN (dpa) – The company said on Monday it would grow.", "dpa", "BERLIN"),
    ],
)
def test_datelines(line: str, publisher: str | None, dateline: str) -> None:
    doc = prepare(f"Headline here\n\n{line}\n", LEX)
    assert doc.publisher == publisher
    assert doc.dateline is not None and doc.dateline.text == dateline


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Read more: Rovers’ summer spending passes £100m", BlockKind.BOILERPLATE),
        ("Your email address will not be published. Required fields are marked *", BlockKind.BOILERPLATE),
        ("(Reporting by Valentina Ruiz; Editing by Anna Keller)", BlockKind.BOILERPLATE),
        ("Residents line up to speak at City Hall. (Megan Sorensen / Lakeshore Ledger)", BlockKind.CAPTION),
        ("Solano celebrates a goal. (Photo: Touchline Daily archive)", BlockKind.CAPTION),
        ("The ministry said on Friday that 26 people were arrested.", BlockKind.BODY),
    ],
)
def test_paragraph_roles(line: str, kind: BlockKind) -> None:
    doc = prepare(f"A headline\n\nMOSCOW (Reuters) – Officials said it was calm.\n\n{line}\n", LEX)
    assert doc.blocks[-1].kind is kind


def test_byline_with_outlet() -> None:
    doc = prepare("Council passes budget\n\nBy Megan Sorensen | Lakeshore Ledger\n\nThe council met.\n", LEX)
    assert doc.byline == ("Megan Sorensen",)
    assert doc.publisher == "Lakeshore Ledger"


@pytest.mark.parametrize("text", ["\ufeffA line\r\nSecond line\r\n", "a\n\n  b  \n\t\n", "\u200b\n", ""])
def test_paragraph_spans_slice_the_input(text: str) -> None:
    for span in paragraphs(text):
        assert text[span.start:span.end] == span.text
        assert span.text == span.text.strip(" \t\ufeff\u200b\xa0")


def test_markup_is_blanked_with_offsets_kept() -> None:
    html = '<p class="x">He said <b>no</b>.</p><script>var a = "<p>";</script>'
    masked = mask_markup(html)
    assert len(masked) == len(html)
    assert " ".join(masked.split()) == "He said no ."
