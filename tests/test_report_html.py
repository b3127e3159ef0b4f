"""The HTML report: highlighted segments, chains, diagram layout, escaping, offline-ness."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from test_graph import ROOT, STORIES, analysis_for, csto_analysis

from attribution.graph import build_graph
from attribution.report.atomic import OverwriteError
from attribution.report.card import sourcing_card
from attribution.report.diagram import layout
from attribution.report.frames import claims_frame
from attribution.report.html import chain_text, paragraphs, render_html, segments, speaker_numbers, write_html
from attribution.report.marks import report_words, story_marks
from attribution.report.notebook import to_notebook_html
from attribution.report.tables import count_sources
from attribution.types import (
    Analysis,
    Claim,
    ClaimKind,
    Document,
    Entity,
    EntityType,
    QuotedTerm,
    SentenceLabel,
    Sourcing,
    Span,
    Stance,
    TermUse,
)

# strings that would run code if the report pasted the story raw (the browser test runs them)
HOSTILE = (
    "<script>window.__pwned = 'script'</script>",
    '"><img src=x onerror="window.__pwned = 1">',
    "{{ 7*7 }}",
)
ISSUE_STRINGS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}")


def claim(cid: str, text: str, content: str, cue: str, speaker: str | None = "e1", mention: str | None = None,
          via: tuple[str, ...] = (), kind: ClaimKind = ClaimKind.INDIRECT) -> Claim:
    def span(s: str) -> Span:
        start = text.index(s)
        return Span.of(text, start, start + len(s))

    return Claim(cid, kind, span(content), span(cue), cue.split()[0].lower(), speaker,
                 span(mention) if mention else None, via, None, None, 0, 0.5)


def story(text: str, *claims: Claim, names: tuple[str, ...] = ("Ann",)) -> Analysis:
    entities = tuple(Entity(f"e{i}", n, EntityType.PERSON, ()) for i, n in enumerate(names, start=1))
    return Analysis(Document(text, None, "Daily", (), None, ()), None, "", entities, tuple(claims))


def hostile_analysis() -> Analysis:
    """Hostile strings everywhere the report shows text from the story."""
    text = "\n\n".join(f"{s}, Ann said. Bob said: “{s}”" for s in HOSTILE) + "\n\n" + " ".join(ISSUE_STRINGS)
    claims = []
    for i, s in enumerate(HOSTILE):
        start = text.index(s, text.index(f"“{s}")) if i < 3 else 0
        claims.append(Claim(f"c{i + 1}", ClaimKind.DIRECT, Span.of(text, start, start + len(s)),
                            Span.of(text, start - 6, start - 2), "say", "e1", None, ("e2",), HOSTILE[1],
                            HOSTILE[0], i, 0.5))
    first = Span.of(text, 0, len(HOSTILE[0]))
    claims.insert(0, Claim("c0", ClaimKind.INDIRECT, first, first, "say", None, None, (), None, None, 0, 0.1))
    entities = (Entity("e1", HOSTILE[1], EntityType.PERSON, ()),
                Entity("e2", HOSTILE[0], EntityType.MEDIA, ()))
    title = Span.of(text, 0, len(HOSTILE[0]))
    doc = Document(text, title, HOSTILE[2], (HOSTILE[1],), title, ())
    return Analysis(doc, "x/<b>.txt", "", entities, tuple(claims), (HOSTILE[0], HOSTILE[2]))


def seg_table(analysis: Analysis) -> list[list[tuple[str, str, str, str]]]:
    """Each paragraph as (text, covering claims, cue of, speaker mention of) tuples."""
    numbers = speaker_numbers(analysis)
    titles = {c.id: "" for c in analysis.claims}
    return [[(s.text, " ".join(m.claim for m in s.marks), s.cue_of, s.who_of) for s in p.segments]
            for p in segments(analysis, titles, numbers)]


# --------------------------------------------------------------------------- segments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.\n  \n\nThree\nlines.", [(0, 4), (6, 10), (15, 27)]),
        ("\n\nOnly.\n\n", [(2, 7)]),
        ("", []),
    ],
)
def test_paragraphs_are_text_between_blank_lines(text, expected):
    assert paragraphs(text) == expected


def test_nested_claims_split_into_segments_with_all_covering_claims():
    text = "Ann said Bob told her the plan failed."
    analysis = story(
        text,
        claim("c1", text, "Bob told her the plan failed", "said", "e1", "Ann"),
        claim("c2", text, "the plan failed", "told", "e2", "Bob"),
        names=("Ann", "Bob"),
    )
    assert seg_table(analysis) == [[
        ("Ann", "", "", "c1"), (" ", "", "", ""), ("said", "", "c1", ""), (" ", "", "", ""),
        ("Bob", "c1", "", "c2"), (" ", "c1", "", ""), ("told", "c1", "c2", ""), (" her ", "c1", "", ""),
        ("the plan failed", "c1 c2", "", ""), (".", "", "", ""),
    ]]


def test_overlapping_claims_and_a_claim_over_two_paragraphs():
    text = "“We will win.\n\nWe will,” she said, adding that polls agreed."
    analysis = story(
        text,
        claim("c1", text, "We will win.\n\nWe will,", "said", kind=ClaimKind.DIRECT),
        claim("c2", text, "will,” she said, adding", "adding"),
    )
    assert seg_table(analysis) == [
        [("“", "", "", ""), ("We will win.", "c1", "", "")],
        [("We ", "c1", "", ""), ("will,", "c1 c2", "", ""), ("” she ", "c2", "", ""),
         ("said", "c2", "c1", ""), (", ", "c2", "", ""), ("adding", "c2", "c2", ""),
         (" that polls agreed.", "", "", "")],
    ]


@pytest.mark.parametrize("path", STORIES, ids=[s.stem for s in STORIES])
def test_segments_rebuild_every_paragraph_and_cover_every_claim(path):
    analysis = analysis_for(path)
    text = analysis.document.text
    table = seg_table(analysis)
    rebuilt = ["".join(t for t, *_ in para) for para in table]
    covered = {c for para in table for _, cs, *_ in para for c in cs.split()}
    assert (rebuilt, covered) == ([text[s:e] for s, e in paragraphs(text)], {c.id for c in analysis.claims})


# --------------------------------------------------------------------------- html


def test_chain_text_reads_like_the_diagram_from_speaker_to_publisher():
    analysis = csto_analysis()
    graph = build_graph(analysis)
    assert [chain_text(graph, c) for c in analysis.claims] == [
        "CSTO general secretary → RIA news agency → Reuters, Thursday",
        "Kazakh government → Reuters (statement)",
        "unresolved speaker → Reuters",
    ]


def test_each_claim_has_one_focusable_element_described_by_its_chain():
    html = render_html(csto_analysis())
    found = re.findall(r'<mark class="claim [^"]*" data-claim="(c\d)" id="claim-(c\d)" tabindex="0" '
                       r'aria-describedby="chain-(c\d)" data-chain="([^"]*)"', html)
    chains = re.findall(r'<td id="chain-(c\d)" data-label="Chain">([^<]*)</td>', html)
    assert ([(a, b, c) for a, b, c, _ in found], [t for *_, t in found]) == (
        [("c1", "c1", "c1"), ("c2", "c2", "c2"), ("c3", "c3", "c3")], [t for _, t in chains],
    )


def test_story_text_and_paragraphs_are_kept():
    analysis = analysis_for(ROOT / "corpora" / "kazakhstan_reuters.txt")
    html = render_html(analysis)
    article = html[html.index('<article class="story">'):html.index("</article>")]
    # the raised numbers and symbols and the sentence tags are the report's, not the story's
    plain = re.sub(r"<sup[^>]*>[^<]*</sup>|<span class=\"tag [^>]*>(?:<svg.*?</svg>)?[^<]*</span>|<[^>]+>", "", article)
    assert [p.strip() for p in plain.split("\n") if p.strip()] == [
        str(escape(analysis.document.text[s:e])) for s, e in paragraphs(analysis.document.text)
    ]


def test_report_is_self_contained():
    html = render_html(csto_analysis())
    external = re.findall(r"https?:|//[\w.-]+\.\w|<script|<link|<iframe|@import|@font-face|src=", html)
    internal = sorted(set(re.findall(r'(?:href="|url\()([^")]*)', html)))
    assert (external, internal) == ([], ["#arrowhead", "#chains", "#claim-c1", "#claim-c2", "#claim-c3",
                                         "#claims", "#sources", "#story", "#warnings"])


def test_print_stylesheet_and_warnings():
    html = render_html(csto_analysis())
    warnings = re.findall(r"<li>([^<]*)</li>", html[html.index('<ul class="warnings">'):])
    assert ("@media print" in html, warnings) == (
        True, ["test warning", "c3: no speaker found for “Talks failed”"],
    )


@pytest.mark.parametrize("hostile", ISSUE_STRINGS + HOSTILE)
def test_story_strings_are_escaped(hostile):
    text = f"{hostile} Ann said. Bob said {hostile}."
    analysis = story(text, claim("c1", text, hostile, "said", "e1", "Ann"), names=(hostile,))
    html = render_html(analysis)
    assert (html.count(hostile), html.count(str(escape(hostile))) >= 4) == (
        0 if escape(hostile) != hostile else html.count(hostile), True,
    )
    assert "49" not in html.replace(analysis.sha256, "")


def test_hostile_analysis_leaves_no_raw_markup():
    html = render_html(hostile_analysis())
    assert [s for s in HOSTILE[:2] + ISSUE_STRINGS[:2] if s in html] == []


def test_write_html_refuses_to_overwrite_the_story(tmp_path):
    source = tmp_path / "story.txt"
    source.write_text(CSTO_TEXT, encoding="utf-8")
    out = write_html(csto_analysis(), tmp_path / "story.html", protect=[source])
    with pytest.raises(OverwriteError):
        write_html(csto_analysis(), source, protect=[source])
    assert (out.read_text(encoding="utf-8")[:15], source.read_text(encoding="utf-8")) == (
        "<!DOCTYPE html>", CSTO_TEXT,
    )


CSTO_TEXT = csto_analysis().document.text


# --------------------------------------------------------------------------- diagram


def thirty_speakers() -> Analysis:
    text = "\n\n".join(f"Claim number {i} is true, speaker {i} said." for i in range(30))
    names = tuple(f"Speaker {i} of the Very Long Named Organisation" for i in range(30)) + ("Agency",)
    claims = tuple(
        claim(f"c{i + 1}", text, f"Claim number {i} is true", f"speaker {i} said", f"e{i + 1}",
              via=("e31",) if i % 3 == 0 else ())
        for i in range(30)
    )
    return story(text, *claims, names=names)


def overlaps(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def test_diagram_of_thirty_speakers_is_columns_without_overlaps():
    analysis = thirty_speakers()
    diagram = layout(build_graph(analysis), speaker_numbers(analysis))
    columns = {}
    for box in diagram.boxes:
        columns.setdefault(box.column, []).append(box.node)
    boxes = diagram.boxes
    clashes = [(a.node, b.node) for a in boxes for b in boxes if a is not b and overlaps(a, b)]
    relayed = [(a.source, a.target, a.count) for a in diagram.arrows if a.source == "e31"]
    speakers = [b for b in boxes if b.column == "speaker"]
    assert ({k: len(v) for k, v in columns.items()}, clashes) == (
        {"speaker": 30, "intermediary": 1, "publisher": 1}, [],
    )
    assert ([b.number for b in speakers], diagram.height <= sum(b.h + 8 for b in speakers) + 40) == (
        list(range(1, 31)), True)
    assert (len(diagram.arrows), relayed) == (31, [("e31", "publisher", 10)])


def test_diagram_labels_wrap_in_their_box_and_titles_are_full():
    diagram = layout(build_graph(thirty_speakers()), {})
    box = next(b for b in diagram.boxes if b.node == "e1")
    assert (box.lines, box.title) == (("Speaker 0 of the", "Very Long Named", "Organisation"),
                                      "Speaker 0 of the Very Long Named Organisation (person)")
    assert all(len(line) * 7.0 <= b.w - 24 for b in diagram.boxes for line in b.lines)


def test_a_speaker_who_also_relays_is_drawn_as_a_speaker():
    text = "Ann said the plan failed. Ann said Bob had told her the vote was lost. Ann said it was over."
    analysis = story(
        text,
        claim("c1", text, "the plan failed", "said", "e1"),
        claim("c2", text, "the vote was lost", "told", "e2", via=("e1",)),
        claim("c3", text, "it was over", "said", "e1"),
        names=("Ann", "Bob"),
    )
    diagram = layout(build_graph(analysis), speaker_numbers(analysis))
    ann = next(b for b in diagram.boxes if b.node == "e1")
    assert ({b.node: b.column for b in diagram.boxes}, ann.number, ann.note) == (
        {"e1": "speaker", "e2": "speaker", "publisher": "publisher"}, 1, "also relays 1 claim")
    assert sorted((a.source, a.target, a.count) for a in diagram.arrows) == [
        ("e1", "publisher", 3), ("e2", "e1", 1)]


# --------------------------------------------------------------------------- never raises


@st.composite
def random_analyses(draw):
    text = draw(st.text(alphabet=st.sampled_from("ab \n\"“”<>&{}'é😀\r"), max_size=60))
    n = len(text)
    claims = []
    for i in range(draw(st.integers(0, 5))):
        s1, e1, s2, e2 = sorted(draw(st.lists(st.integers(0, n), min_size=4, max_size=4)))
        speaker = draw(st.sampled_from([None, "e1", "e2"]))
        via = tuple(draw(st.lists(st.sampled_from(["e1", "e2"]), max_size=3)))
        cue = draw(st.sampled_from([Span.of(text, s2, e2), None]))
        mentions = tuple(draw(st.sampled_from([None, Span.of(text, s2, e2), Span.of(text, e1, n)])) for _ in via)
        claims.append(Claim(f"c{i + 1}", draw(st.sampled_from(list(ClaimKind))), Span.of(text, s1, e1),
                            cue, draw(st.sampled_from(["say", "claim", "point"])), speaker,
                            Span.of(text, s1, s2) if speaker else None, via, None, None, 0, 0.5, mentions,
                            draw(st.sampled_from(list(Stance))) if cue else Stance.NEUTRAL))
    sourcing, terms = [], []
    for i in range(draw(st.integers(0, 4))):  # the signals may overlap each other and the claims
        s1, s2, e2, e1 = sorted(draw(st.lists(st.integers(0, n), min_size=4, max_size=4)))
        label = draw(st.sampled_from(list(Sourcing)))
        sourcing.append(SentenceLabel(Span.of(text, s1, e1), label, (), i,
                                      Span.of(text, s2, e2) if label is Sourcing.OBSERVED else None))
        terms.append(QuotedTerm(Span.of(text, s2, e1), draw(st.sampled_from(list(TermUse))),
                                draw(st.sampled_from([None, "e1", "e2", "e9"]))))
    entities = (Entity("e1", text[:5], EntityType.PERSON, ()), Entity("e2", "<b>", EntityType.MEDIA, ()))
    return Analysis(Document(text, None, None, (), None, ()), None, "", entities, tuple(claims),
                    sourcing=tuple(sourcing), quoted_terms=tuple(terms))


@settings(max_examples=150, deadline=None)
@given(random_analyses())
def test_render_never_raises_and_shows_every_claim(analysis):
    html = render_html(analysis)
    to_notebook_html(analysis)
    rebuilt = ["".join(t for t, *_ in para) for para in seg_table(analysis)]
    # with the signals cutting them too, the segments rebuild every paragraph (a blank story is one empty one)
    assert rebuilt == ([analysis.document.text[s:e] for s, e in paragraphs(analysis.document.text)] or [""])
    assert (set(re.findall(r'data-claim="(c\d+)"', html)), len(re.findall(r'id="claim-c\d+"', html))) == (
        {c.id for c in analysis.claims}, len(analysis.claims),
    )


def test_write_html_path_is_returned(tmp_path: Path):
    assert write_html(csto_analysis(), tmp_path / "r.html") == tmp_path / "r.html"


def test_an_intermediary_mention_is_cut_out_and_names_the_claims_it_relays():
    text = "The force will stay, RIA quoted the general as saying. It will leave, RIA said, citing him."
    analysis = story(
        text,
        claim("c1", text, "The force will stay", "quoted", "e1", "the general", via=("e2",)),
        claim("c2", text, "It will leave", "said", "e1", via=("e2",)),
        names=("the general", "RIA"),
    )
    first = Span.of(text, text.index("RIA"), text.index("RIA") + 3)
    second = Span.of(text, text.rindex("RIA"), text.rindex("RIA") + 3)
    analysis = dataclasses.replace(analysis, claims=(
        dataclasses.replace(analysis.claims[0], via_mentions=(first,)),
        dataclasses.replace(analysis.claims[1], via_mentions=(second,))))
    vias = [(s.text, s.via_of) for p in segments(analysis, {"c1": "", "c2": ""}, {"e1": 1}) for s in p.segments
            if s.via_of]
    html = render_html(analysis)
    assert (vias, re.findall(r'<a class="via" href="#claim-(c\d)" data-via="(c\d)"[^>]*>RIA</a>', html)) == (
        [("RIA", "c1"), ("RIA", "c2")], [("c1", "c1"), ("c2", "c2")])


def test_each_unresolved_speaker_is_a_source_row_of_its_own():
    text = "“It will hold,” said. “We leave tonight,” said. Ann said it was fine."
    analysis = story(
        text,
        claim("c1", text, "It will hold,", "said", None, kind=ClaimKind.DIRECT),
        claim("c2", text, "We leave tonight,", "said", None, kind=ClaimKind.DIRECT),
        claim("c3", text, "it was fine", "said", "e1", "Ann"),
    )
    html = render_html(analysis)
    rows = re.findall(r'<th scope="row">([^<]*)</th>', html)
    assert (rows, "3 claims by 1 source and 2 unresolved speakers" in html) == (
        ["Ann", "(unresolved speaker of c1)", "(unresolved speaker of c2)"], True)
    boxes = [b.node for b in layout(build_graph(analysis), speaker_numbers(analysis)).boxes if b.column == "speaker"]
    assert boxes == ["e1", "c1", "c2"]


def test_a_quote_without_a_cue_is_still_highlighted():
    text = "“We will win.” Crowds cheered."
    quote = Span.of(text, 1, 13)
    analysis = story(text, Claim("c1", ClaimKind.DIRECT, quote, None, "", None, None, (), None, None, 0, 0.3))
    edge = build_graph(analysis).edges["c1", "publisher", "c1"]
    assert (seg_table(analysis), claims_frame(analysis)["cue"].tolist(), edge["cue"]) == (
        [[("“", "", "", ""), ("We will win.", "c1", "", ""), ("” Crowds cheered.", "", "", "")]], [""], "",
    )


# --------------------------------------------------------------------------- the media-literacy signals

SIGNALS_TEXT = "Prices rose. Reporters saw a queue. Ann claimed the “reforms” failed. Who pays?"


def signals_story() -> Analysis:
    """One sentence of each label, a distancing verb and scare quotes, by hand."""
    text = SIGNALS_TEXT

    def span(s: str) -> Span:
        return Span.of(text, text.index(s), text.index(s) + len(s))

    c1 = dataclasses.replace(claim("c1", text, "the “reforms” failed", "claimed", "e1", "Ann"),
                             cue_lemma="claim", stance=Stance.DISTANCING)
    sourcing = (
        SentenceLabel(span("Prices rose."), Sourcing.UNSOURCED, (), 0),
        SentenceLabel(span("Reporters saw a queue."), Sourcing.OBSERVED, (), 1, span("Reporters saw")),
        SentenceLabel(span("Ann claimed the “reforms” failed."), Sourcing.ATTRIBUTED, ("c1",), 2),
        SentenceLabel(span("Who pays?"), Sourcing.QUESTION, (), 3),
    )
    terms = (QuotedTerm(span("“reforms”"), TermUse.SCARE, None, "so-called"),)
    return dataclasses.replace(story(text, c1), sourcing=sourcing, quoted_terms=terms)


def signal_table(analysis: Analysis) -> list[tuple[str, str, bool, bool, str, str]]:
    """Each segment as (text, sentence label, opens its sentence, observation words, term use, stance)."""
    numbers = speaker_numbers(analysis)
    return [(s.text, s.sentence.key if s.sentence else "", s.opens, s.seen, s.term.mark.key if s.term else "",
             s.stance.key if s.stance else "")
            for p in segments(analysis, {c.id: "" for c in analysis.claims}, numbers) for s in p.segments]


def test_signals_cut_the_story_into_marked_segments():
    assert signal_table(signals_story()) == [
        ("Prices rose.", "unsourced", True, False, "", ""),
        (" ", "", False, False, "", ""),
        ("Reporters saw", "observed", True, True, "", ""),
        (" a queue.", "observed", False, False, "", ""),
        (" ", "", False, False, "", ""),
        ("Ann", "", False, False, "", ""),
        (" ", "", False, False, "", ""),
        ("claimed", "", False, False, "", "distancing"),
        (" ", "", False, False, "", ""),
        ("the ", "", False, False, "", ""),
        ("“reforms”", "", False, False, "scare", ""),
        (" failed", "", False, False, "", ""),
        (". ", "", False, False, "", ""),
        ("Who pays?", "question", True, False, "", ""),
    ]


def test_the_card_says_the_profile_in_words():
    card = sourcing_card(signals_story(), count_sources(signals_story()),
                         story_marks(signals_story(), {"e1": 1}))
    rows = {row.label: (row.text, [(p.key, p.count) for p in row.parts]) for row in card.rows}
    assert card.summary == ("1 claim by 1 source; none anonymous; none relayed by an intermediary; 1 of 4 sentences"
                            " is the outlet’s own assertion, 1 was seen by its reporters; 1 distancing verb (claimed).")
    assert (rows["Top source"][0], rows["Sentences"]) == ("Ann: 1 of 1 claims (100%)", (
        "4 sentences", [("attributed", 1), ("unsourced", 1), ("observed", 1), ("question", 1)]))


def test_the_report_marks_each_signal_with_words_and_explains_it():
    html = render_html(signals_story())
    article = html[html.index('<article class="story">'):html.index("</article>")]
    tags = re.findall(r'<span class="tag tag-(\w+) explain" data-tag="\w+" data-sentence="(\d)" tabindex="0" '
                      r'aria-describedby="legend-\w+" data-explain="([^"]+)">(?:<svg.*?</svg>)?([^<]+)</span>', article)
    verb = re.search(r'<b class="cue stance-distancing explain" data-cue="c1" data-stance="distancing" tabindex="0" '
                     r'aria-describedby="legend-distancing" data-explain="([^"]+)">claimed</b>'
                     r'<sup class="st st-distancing" aria-hidden="true">\?</sup>', article)
    term = re.search(r'<span class="term term-scare explain" data-t="0" data-term="scare" tabindex="0" '
                     r'aria-describedby="legend-term-scare" data-explain="([^"]+)">“reforms”</span>'
                     r'<sup class="tl tl-scare" aria-hidden="true">scare</sup>', article)
    assert [(key, n, text) for key, n, _, text in tags] == [
        ("unsourced", "0", "says who?"), ("observed", "1", "seen"), ("question", "3", "question")]
    assert (verb.group(1), term.group(1)) == ("Distancing verb: ‘claimed’ casts doubt on what was said",
                                              "Scare quotes: the outlet uses the words without vouching for them.")
    legend = re.findall(r'<li id="legend-([\w-]+)">', html)
    assert {"unsourced", "observed", "question", "distancing", "term-scare", "neutral"} <= set(legend)
    assert {"endorsing", "dramatic", "term-name", "term-attributed"} & set(legend) == set()


@pytest.mark.parametrize(
    ("text", "cue", "lemma", "stance", "explain"),
    [
        ("Ann pointed out that it failed.", "pointed", "point", Stance.ENDORSING,
         "Endorsing verb: ‘pointed out’ presents what was said as true"),
        ("Ann lashed out at critics, saying it failed.", "saying", "say", Stance.DRAMATIC,
         "Dramatic: ‘saying’ follows a verb that adds emotion the speaker may not have shown"),
        ("“it failed,” Ann fumed.", "fumed", "fume", Stance.DRAMATIC,
         "Dramatic verb: ‘fumed’ adds emotion the speaker may not have shown"),
        ("Ann claimed, again, that it failed.", "claimed", "claim", Stance.DISTANCING,
         "Distancing verb: ‘claimed’ casts doubt on what was said"),
    ],
)
def test_a_leaning_verb_is_explained_as_the_story_writes_it(text, cue, lemma, stance, explain):
    c = dataclasses.replace(claim("c1", text, "it failed", cue, "e1", "Ann"), cue_lemma=lemma, stance=stance)
    assert story_marks(story(text, c), {"e1": 1}).stances["c1"].explain == explain


def test_a_partial_quote_names_its_speaker_and_number():
    text = "Bob said the plan was “dead”, and Ann agreed."
    analysis = dataclasses.replace(
        story(text, claim("c1", text, "the plan was “dead”", "said", "e2", "Bob"), names=("Ann", "Bob")),
        quoted_terms=(QuotedTerm(Span.of(text, text.index("“"), text.index("”") + 1), TermUse.ATTRIBUTED, "e2"),
                      QuotedTerm(Span.of(text, 0, 3), TermUse.ATTRIBUTED, None)))
    marks = [m for *_, m in story_marks(analysis, speaker_numbers(analysis)).terms]
    assert [(m.tag, m.colour, m.explain) for m in marks] == [
        ("1", "s1", "Partial quote: these are the words of Bob (source 1)."),
        ("?", "s-none", "Partial quote: someone’s words, but the speaker was not found.")]


def test_the_tables_have_a_stance_column():
    html = render_html(signals_story())
    assert (re.findall(r'<td data-label="Verb stance">([^<]*)</td>', html),
            re.findall(r'<td data-label="Stance">(\w+)', html)) == (["1 distancing"], ["distancing"])


def test_every_signal_has_its_words_in_the_data_file():
    words = report_words()
    missing = [f"stance.{s.value}.{key}" for s in Stance if s is not Stance.NEUTRAL
               for key in ("label", "symbol", "explain", "framed", "legend") if key not in words["stance"][s.value]]
    missing += [f"sentences.{s.value}.{key}" for s in Sourcing if s is not Sourcing.ATTRIBUTED
                for key in ("tag", "label", "explain", "legend", "sample", "card")
                if key not in words["sentences"][s.value]]
    missing += [f"terms.{u.value}.{key}" for u in TermUse for key in ("label", "explain", "legend")
                if key not in words["terms"][u.value]]
    placeholders = [words["stance"][s.value][k] for s in Stance if s is not Stance.NEUTRAL
                    for k in ("explain", "framed")]
    assert (missing, all("{word}" in p for p in placeholders)) == ([], True)


def test_the_notebook_view_marks_the_signals_compactly():
    html = to_notebook_html(signals_story())
    assert ("says who?" in html, 'title="Distancing verb: ‘claimed’ casts doubt on what was said"' in html,
            '<sup class="st st-distancing" aria-hidden="true">?</sup>' in html, "tabindex" in html,
            "1 distancing verb (claimed)" in html) == (True, True, True, False, True)
