"""Claims the page's layout tells: transcript turns, signatures, colon introductions and
headlines, live-blog bullets and times. One construction a row: (story, [(kind, speaker,
via, cue, content)])."""

from __future__ import annotations

import pytest
from claimrows import Row, claims_of

CASES: list[tuple[str, list[Row]]] = [
    # a broadcast transcript: named turns, a label with a party, stage directions, a turn
    # over two paragraphs, the anchor's own turn (the outlet's voice)
    ("Senators spar over port money\n\n"
     "The exchange came late on Tuesday on the Senate floor.\n\n"
     "SEN. TED MARLOW (R-TX): We have waited three years for this money. The port cannot wait.\n\n"
     "SEN. RUTH OKAFOR (D-NY): (CROSSTALK) The money was never promised to one state.\n\n"
     "It was promised to the whole coast.\n\n"
     "(BEGIN VIDEOTAPE)\n\n"
     "MARLOW: That is simply not true. (APPLAUSE)\n\n"
     "WOLF HARLAN, CNN ANCHOR: We will have to leave it there.",
     [("direct", "TED MARLOW", (), ":", "We have waited three years for this money. The port cannot wait."),
      ("direct", "RUTH OKAFOR", (), ":",
       "The money was never promised to one state.\n\nIt was promised to the whole coast."),
      ("direct", "TED MARLOW", (), ":", "That is simply not true.")]),
    # a Q&A interview: the answers are the interviewee's, the questions no claims
    ("The agency chief on the drought\n\n"
     "The Ledger spoke with Dr. Jane Roe, the water agency's director, about the summer ahead. "
     "This interview has been edited for length.\n\n"
     "Q: How bad will the summer be?\n\n"
     "A: Worse than last year. The reservoirs are at a third of their capacity.\n\n"
     "Q: Will there be rationing?\n\n"
     "A: Not yet. We hope to avoid it.",
     [("direct", "Jane Roe", (), ":", "Worse than last year. The reservoirs are at a third of their capacity."),
      ("direct", "Jane Roe", (), ":", "Not yet. We hope to avoid it.")]),
    # a report inside an answer is the source's claim, the interviewee in via; the writer's
    # paragraph after an answer (a named source reported, no "I" or "we") ends the turn
    ("The agency chief on the drought\n\n"
     "The Ledger spoke with Dr. Jane Roe, the water agency's director, about the summer ahead. "
     "This interview has been edited for length.\n\n"
     "Q: Will there be rationing?\n\n"
     "A: Not yet. The farmers' union told us last week that its members had cut their use by a fifth.\n\n"
     "Q: And the pipeline?\n\n"
     "A: We are in talks, and I expect a deal by June.\n\n"
     "Orme Pipelines did not reply. Its chief executive, Paul Orme, said in May that the design was sound.",
     [("direct", "Jane Roe", (), ":",
       "Not yet. The farmers' union told us last week that its members had cut their use by a fifth."),
      ("indirect", "farmers' union", ("Jane Roe",), "told", "its members had cut their use by a fifth"),
      ("direct", "Jane Roe", (), ":", "We are in talks, and I expect a deal by June."),
      ("indirect", "Paul Orme", (), "said", "the design was sound")]),
    # the outlet's own correspondent, introduced as "our ... correspondent": their turns are the
    # outlet's voice, and the reports they pass on are their sources' claims
    ("EVENING REPORT - TRANSCRIPT\n\n"
     "JANE MOSS, PRESENTER: Good evening. Our transport correspondent Ravi Patel is at the depot.\n\n"
     "RAVI PATEL: Jane, the drivers are angry. The operator's chief executive, Carl Dunn, told me the "
     "depot would stay open.\n\n"
     "MOSS: Ravi, thank you.",
     [("indirect", "Carl Dunn", (), "told", "the depot would stay open")]),
    ("Leak live\n\n16:05\nChief constable: “Please do not go home tonight”\n\n"
     "Chief Constable Ada Morrow has just spoken to reporters at the rest centre.",
     [("direct", "Ada Morrow", (), ":", "Please do not go home tonight")]),
    # a headline quotation in single straight quotes, its speaker a name or a bare role
    ("'We ran the line on goodwill': harbour master on the ferry crisis\n\n"
     "The ferry has missed 40 sailings this winter.",
     [("direct", "harbour master", (), ":", "We ran the line on goodwill")]),
    ("\"We lost half our hives\": a beekeeper on the losses nobody counts\n\nThe winter was wet.",
     [("direct", "beekeeper", (), ":", "We lost half our hives")]),
    ("'The fish didn't leave. We took them': scientist Ruth Oyelaran on the collapse\n\n"
     "Cod numbers fell again this year.",
     [("direct", "Ruth Oyelaran", (), ":", "The fish didn't leave. We took them")]),
    # a live blog's heading that is only a title: the entry below names whom it means
    ("Storm live: roads closed\n\n"
     "15:05 – Minister: ‘Listen to the warnings’\n\n"
     "Speaking in Leeds, the transport secretary, Nadia Okoro, said the rail line would reopen.",
     [("direct", "Nadia Okoro", (), ":", "Listen to the warnings"),
      ("indirect", "Nadia Okoro", (), "said", "the rail line would reopen")]),
    # the interviewee is the name the introduction opens with, never the outlet she spoke to;
    # a presenter labelled "PRESENTER (NAME)" speaks for the outlet under her surname too
    ("A beekeeper on the losses\n\nThe Lowfield Chronicle | Interview\n\n"
     "Winifred Ashgrove-Nkemelu has kept bees for 31 years. After a hard winter she spoke to the "
     "Chronicle.\n\n"
     "Q: How bad was it?\n\n"
     "A: It was the worst I have seen.\n\n"
     "Q: And now?\n\n"
     "A: We start again.",
     [("direct", "Winifred Ashgrove-Nkemelu", (), ":", "It was the worst I have seen."),
      ("direct", "Winifred Ashgrove-Nkemelu", (), ":", "We start again.")]),
    ("WESTLAND TONIGHT\n\n"
     "PRESENTER (LUCINDA ORME-BRISK): Good evening. The bridge is shut.\n\n"
     "HAMISH TREW, MAYOR: We are cut off.\n\n"
     "ORME-BRISK: The council says the bridge is unsafe.",
     [("direct", "HAMISH TREW", (), ":", "We are cut off."),
      ("indirect", "council", (), "says", "the bridge is unsafe")]),
    # a press release: a quote signed on the next line goes to the signer, not the speaker before
    ("Harbor Labs and Orme Industries sign supply deal\n\n"
     "\"We are proud of this partnership,\" said Dana Kim, President and CEO of Harbor Labs.\n\n"
     "\"The launch is a milestone for the whole region.\"\n\n"
     "— Paul Orme, President and CEO, Orme Industries",
     [("direct", "Dana Kim", (), "said", "We are proud of this partnership,"),
      ("direct", "Paul Orme", (), "—", "The launch is a milestone for the whole region.")]),
    # vox pops: each quote signed on its own line with a horizontal bar or two hyphens
    ("Readers on the debate\n\n"
     "Readers sent in their views of the debate.\n\n"
     "“He never answered a single question.” ― Carla Mendes\n\n"
     "“She was calm and she was prepared.” -- Tom Reyes, 54, a retired teacher",
     [("direct", "Carla Mendes", (), "―", "He never answered a single question."),
      ("direct", "Tom Reyes", (), "--", "She was calm and she was prepared.")]),
    # a colon introduction without a verb, then two quote paragraphs
    ("The council passed the budget on Monday night.\n\n"
     "From Chairwoman Ruth Alder:\n\n"
     "\"This budget protects every family in the district.\"\n\n"
     "\"It also keeps the libraries open on Sundays.\"\n\n"
     "The vote was 7-2.",
     [("direct", "Ruth Alder", (), ":", "This budget protects every family in the district."),
      ("direct", "Ruth Alder", (), ":", "It also keeps the libraries open on Sundays.")]),
    # a reporting line closing on a colon, then a paragraph without marks: a block quotation
    ("The governor spoke to reporters on Friday.\n\n"
     "The governor added:\n\n"
     "It is typical of the agency. They knew nothing about the fire until it reached the town.\n\n"
     "The agency did not respond.",
     [("direct", "governor", (), "added", "It is typical of the agency. They knew nothing about the fire until "
       "it reached the town.")]),
    # colon headlines: a poll, a person, a role with a quotation
    ("Poll: Young voters drift away from both parties\n\nThe survey of 1,200 adults was taken in May.",
     [("indirect", "Poll", (), ":", "Young voters drift away from both parties")]),
    ("Manager: \"We are not there yet\"\n\nThe club lost 2-1 at home on Saturday to a late goal.",
     [("direct", "Manager", (), ":", "We are not there yet")]),
    # a headline's label that names a place, a section or a topic is no speaker
    ("Ukraine: Shelling resumes near the southern front\n\nThe shelling began before dawn on Sunday.", []),
    ("Analysis: Why the central bank waited another month\n\nThe bank held rates for a fifth time.", []),
    # live blogs: bullets and times are page furniture, never a speaker
    ("Storm live: ships diverted as gales hit the coast\n\n"
     "Key points\n\n"
     "• Ministry says ships will be diverted\n\n"
     "14:32 GMT: The coastguard said two boats had been found.\n\n"
     "2:05 p.m. ET\n\n"
     "Harbour master Olav Berg said the port would stay shut overnight.",
     [("indirect", "Ministry", (), "says", "ships will be diverted"),
      ("indirect", "coastguard", (), "said", "two boats had been found"),
      ("indirect", "Olav Berg", (), "said", "the port would stay shut overnight")]),
    # guillemets: the closing mark is never the speaker
    ("«We are ready,» said Anna Berg, the foreign minister.",
     [("direct", "Anna Berg", (), "said", "We are ready,")]),
    # doubled apostrophes as quotation marks, a cue between the two pieces
    ("''It's anti-reform,'' said Alan Cole, an economist. ''She's layering on more complexity.''",
     [("direct", "Alan Cole", (), "said", "It's anti-reform,"),
      ("direct", "Alan Cole", (), "said", "She's layering on more complexity.")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_layout(text: str, expected: list[Row]) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize("text", [
    # a dateline with a colon is no transcript turn
    "WASHINGTON: The Senate voted 51-49 on Tuesday.\n\nThe bill now goes to the House.",
    # one label alone is a heading, not a transcript
    "Note: The figures do not include overseas voters.\n\nTurnout was 61 percent.",
    # a live blog's credit line names its writers, no speaker
    "Storm live: trains cancelled\n\nThe Northern Courier live team: Hannah Briggs, Tom Adeyemi\n\n"
    "The storm hit the coast at noon.",
    # a colon that opens a list or a heading is no block quotation
    "The city will close three schools.\n\nHere is what we know:\n\nThe fire started at 3 a.m. in the kitchen.",
    # a dash that ends an ordinary sentence signs nothing
    "He was met at the airport by his lawyer — John Pratt.",
])
def test_layout_without_claims(text: str) -> None:
    assert claims_of(text) == []


def test_bullets_and_times_are_cut_from_their_paragraphs() -> None:
    from attribution.lexicon import default_lexicon
    from attribution.source import prepare

    text = ("Storm live\n\n• Ministry says ships will be diverted\n\n* Ports close\n\n- Roads shut\n\n"
            "14:32 GMT: The coastguard said two boats were found.\n\n2:05 p.m. ET\n\n"
            "Updated 10:14 The ministry said ferries would resume.\n\nIt rained 10.5 mm in an hour.")
    blocks = [(b.kind.value, b.span.text) for b in prepare(text, default_lexicon()).blocks]
    assert blocks[1:] == [
        ("body", "Ministry says ships will be diverted"), ("body", "Ports close"), ("body", "Roads shut"),
        ("body", "The coastguard said two boats were found."), ("meta", "2:05 p.m. ET"),
        ("body", "The ministry said ferries would resume."), ("body", "It rained 10.5 mm in an hour."),
    ]
