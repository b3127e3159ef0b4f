"""Text preparation: title, byline, dateline, captions and boilerplate, offsets kept."""

from __future__ import annotations

import pytest

from attribution.lexicon import default_lexicon
from attribution.source import Metadata, mask_markup, paragraphs, prepare, provenance
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


def test_a_release_dateline_below_a_pull_quote_is_found() -> None:
    text = ("Sola to power 140 schools\n\nPartnership targets schools without power\n\n"
            "“Energy access is education access.”\n— Amina Wekesa, Chief Executive Officer, Sola\n\n"
            "NAIROBI, Kenya, March 3, 2026 /PRNewswire/ -- Sola today announced a partnership.\n")
    doc = prepare(text, LEX)
    assert doc.dateline is not None and doc.dateline.text == "NAIROBI, Kenya"


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
        # a press release: the wire carries the release, it does not publish it
        ("NAIROBI, Kenya, March 3, 2026 /PRNewswire/ -- Sola Ltd today announced a deal.", None, "NAIROBI, Kenya"),
        ("MARROWBY, 14 March 2026 – The trust today announced a programme.", None, "MARROWBY"),
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


# --------------------------------------------------------------------------- headlines and publishers


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a headline ending in "." above a byline, a date line or a dateline
        ("Council votes to close the Elm Street library.\n\nBy Jo Hart\n\nThe council voted 5-2.\n",
         "Council votes to close the Elm Street library."),
        ("Port strike ends after three weeks.\n\nPublished: 4 March 2025\n\nDockers went back to work.\n",
         "Port strike ends after three weeks."),
        ("Quake hits northern Chile.\n\nSANTIAGO (Reuters) - A strong quake struck on Monday, officials said.\n",
         "Quake hits northern Chile."),
        # in title case, or short and followed by a longer paragraph
        ("Castlegate Bank Chief Quits After Loss Probe.\n\nThe chief executive of the bank resigned on Monday.\n",
         "Castlegate Bank Chief Quits After Loss Probe."),
        ("Mayor says bridge will reopen in May.\n\nThe bridge has been closed since the floods in January, and "
         "traders say they have lost half their customers.\n", "Mayor says bridge will reopen in May."),
        # a lede is not a headline: a past-tense report, or a paragraph no shorter than the next
        ("Anna Berg said on Monday that the plant would close.\n\n“We had no choice,” she added.\n", None),
        ("The plant opened in 1990.\n\nIt employs 300 people.\n", None),
        # masthead and section paths above the headline
        ("Harbor Falls Gazette\n\nNews › Local Politics\n\nOkafor wins mayor’s race by 52 votes\n\nBy Rachel Dunn\n",
         "Okafor wins mayor’s race by 52 votes"),
        ("PopWire\nHome > Music > News\n\nSinger sues former manager over tour money\n\nBy Tessa Molina\n",
         "Singer sues former manager over tour money"),
        ("SPORTS\n\nStriker banned for four years for doping\n\nBy Joe Odhiambo\n",
         "Striker banned for four years for doping"),
    ],
)
def test_headline(text: str, title: str | None) -> None:
    doc = prepare(text, LEX)
    assert (doc.title.text if doc.title else None) == title


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("Harbor Falls Gazette\n\nNews › Local Politics\n\nOkafor wins mayor’s race\n\nBy Rachel Dunn\n",
         "Harbor Falls Gazette"),
        ("TechLedger\n\nSecurity | Privacy | Podcasts\n\nHackers stole data of 4 million customers\n\nBy Priya V\n",
         "TechLedger"),
        ("Matchday North | Championship\n\nClub sold for £210m\n\nThe club was sold.\n", "Matchday North"),
        ("SPORTS | NBA\n\nOkoye out for season\n\nThe team said he was hurt.\n", None),
        ("Bank to buy airline\n\nBy Karin Lund\n\n(Bloomberg) -- Skandair agreed to buy Vistula.\n", "Bloomberg"),
        ("Strike ends\n\nBy Jane Roe, Reuters\n\nThe strike ended on Monday.\n", "Reuters"),
        ("Strike ends\n\nThe strike ended on Monday.\n\n© 2025 Bloomberg L.P. All rights reserved.\n", "Bloomberg"),
        ("Strike ends\n\nThe strike ended on Monday.\n\n© 2024 The Ledger\n", "The Ledger"),
        ("Strike ends\n\nThe strike ended on Monday.\n\nCopyright (c) 2023 Harbour News Ltd\n", "Harbour News"),
    ],
)
def test_publisher_from_the_story(text: str, publisher: str | None) -> None:
    assert prepare(text, LEX).publisher == publisher


def test_what_is_known_besides_the_text_wins() -> None:
    text = "Strike ends\n\nBy Jane Roe, Reuters\n\nThe strike ended on Monday.\n"
    doc = prepare(text, LEX, Metadata(publisher="Daily Planet", date="2025-03-10"))
    page = prepare("Ferry strike ends\n\nCrews went back.\n", LEX,
                   Metadata(title="Ferry strike ends", byline=("Imogen Reyes",), extracted_by="trafilatura 2"))
    assert (doc.publisher, doc.byline, doc.date) == ("Daily Planet", ("Jane Roe",), "2025-03-10")
    assert (page.title.text, page.byline, page.extracted_by) == (
        "Ferry strike ends", ("Imogen Reyes",), "trafilatura 2")
    assert (provenance(doc), provenance(page)["text_source"]) == ({"text_source": "input"}, "extracted")
