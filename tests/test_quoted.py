"""Direct quotations and the quotes that continue them, one construction a row:
(story, [(kind, speaker, via, cue, content)])."""

from __future__ import annotations

import pytest
from claimrows import Row, claims_of

# A first line stands as the headline; the rows after a lead read as body paragraphs.
LEAD = "The depot board met on Monday.\n\n"

CASES: list[tuple[str, list[Row]]] = [
    # a quote ending in "not" attached to the cue: the negation is the speaker's, not the reporter's
    ("“Is the bridge ready? Probably not,” Ms. Okafor said. “Will it be ready by June? Surely.”",
     [("direct", "Okafor", (), "said", "Is the bridge ready? Probably not,"),
      ("direct", "Okafor", (), "said", "Will it be ready by June? Surely.")]),
    ("The mayor did not say whether the bridge would open.", []),
    # a continuation quote that ends in a quote of its own
    ("“We hired fast,” Harlan said. “Nobody had time to think ‘I want someone like me.’”",
     [("direct", "Harlan", (), "said", "We hired fast,"),
      ("direct", "Harlan", (), "said", "Nobody had time to think ‘I want someone like me.’")]),
    # a quoted programme title ends the cue's sentence; the next quote continues the speaker
    ("“He is right,” Weller said on Channel Four’s “Morning Brew.” “I mean, the staff are tired.”",
     [("direct", "Weller", (), "said", "He is right,"),
      ("direct", "Weller", (), "said", "I mean, the staff are tired.")]),
    # a quote standing as the next sentence after an indirect or mixed claim continues it (same cue)
    (LEAD + "The depot may be reluctant to act while the strike lasts, Marsh said. “The other factor is the cost.”",
     [("indirect", "Marsh", (), "said", "The depot may be reluctant to act while the strike lasts"),
      ("direct", "Marsh", (), "said", "The other factor is the cost.")]),
    (LEAD + "The answers are “not meeting the demand,” says Paul Vance, founder of Homes Now. "
     "“We compare it to a drought.”",
     [("mixed", "Paul Vance", (), "says", "The answers are “not meeting the demand,”"),
      ("direct", "Paul Vance", (), "says", "We compare it to a drought.")]),
    # ... and opening the next paragraph
    ("The depot may be reluctant to act, Marsh said.\n\n“The other factor is the cost.”",
     [("indirect", "Marsh", (), "said", "The depot may be reluctant to act"),
      ("direct", "Marsh", (), "said", "The other factor is the cost.")]),
    # but not over a sentence of the reporter's, nor after a paragraph that brings in someone else
    (LEAD + "The depot may be reluctant to act, Marsh said. The mayor left early. “The other factor is the cost.”",
     [("indirect", "Marsh", (), "said", "The depot may be reluctant to act")]),
    ("The depot may be reluctant to act, Marsh said.\n\nHill, the treasurer, disagreed. “It is nonsense.”",
     [("indirect", "Marsh", (), "said", "The depot may be reluctant to act")]),
    # nor a quote that has a cue of its own, nor a title
    ("Costs rose in May, the report said. “Midnight Ledger” is due out in March.",
     [("indirect", "report", (), "said", "Costs rose in May")]),
    # the nearest claim before the quote speaks it: a quote after "he added" is the added words'
    (LEAD + "“We will not follow a script,” Carlo Benti said after the talks. The summit did “too little,” "
     "he added. “Without change, the union risks a lot.”",
     [("direct", "Carlo Benti", (), "said", "We will not follow a script,"),
      ("mixed", "Carlo Benti", (), "added", "The summit did “too little,”"),
      ("direct", "Carlo Benti", (), "added", "Without change, the union risks a lot.")]),
    # but an aside of the quote's own cue does not take the next quote
    (LEAD + "“This is in their heads,” said Ames, speaking of the poll. “It worries them.”",
     [("direct", "Ames", (), "said", "This is in their heads,"),
      ("direct", "Ames", (), "said", "It worries them.")]),
    # an inverted cue opening its sentence before a colon ("Said X:"), which the parser reads as a name
    (LEAD + "Raising fees would add paperwork. Said Ellis: “I do not see any interest in reform.”",
     [("direct", "Ellis", (), "Said", "I do not see any interest in reform.")]),
    (LEAD + "The plan drew fire. Says Dana Ruiz, an economist at the bank: “It will not work.”",
     [("direct", "Dana Ruiz", (), "Says", "It will not work.")]),
    # a quote joined to the cue clause by "but" / "and" is more of the same claim
    (LEAD + "“I like Larry,” he said, but “on water, Larry has a long record.”",
     [("direct", None, (), "said", "I like Larry,"),
      ("direct", None, (), "said", "on water, Larry has a long record.")]),
    # not a quoted phrase that the reporter's sentence goes on from
    (LEAD + "“I like Larry,” Ames said, but “the plan” is another matter.",
     [("direct", "Ames", (), "said", "I like Larry,")]),
    # a quoted nickname between the quote and its cue
    ("“This is our year!” his niece, Del. Maria “Mia” Soto, shouted to the crowd. “We have his back.”",
     [("direct", "Del. Maria “Mia” Soto", (), "shouted", "This is our year!"),
      ("direct", "Del. Maria “Mia” Soto", (), "shouted", "We have his back.")]),
    # doubled apostrophes (NYT style): the reporter's words finish the continued quote's sentence
    ("''It is tinkering,'' said Alan Brook, an economist. "
     "''I would not call it reform. It is a tax rise'' for the top bracket.",
     [("direct", "Alan Brook", (), "said", "It is tinkering,"),
      ("mixed", "Alan Brook", (), "said", "I would not call it reform. It is a tax rise'' for the top bracket.")]),
    # a report inside a quotation is its source's claim, with the quoted speaker in via
    (LEAD + "“One driver in Leeds told me the brakes had failed twice,” Marsh said.",
     [("direct", "Marsh", (), "said", "One driver in Leeds told me the brakes had failed twice,"),
      ("indirect", "One driver in Leeds", ("Marsh",), "told", "the brakes had failed twice")]),
    (LEAD + "Ruiz said: “A senior official did tell me the money was coming. I believed him.”",
     [("direct", "Ruiz", (), "said", "A senior official did tell me the money was coming. I believed him."),
      ("indirect", "senior official", ("Ruiz",), "tell", "the money was coming")]),
    # but not the speaker's own words, a pronoun, a report that did not happen, or a question
    (LEAD + "“I told them it would fail, and he said it would not,” Marsh said.",
     [("direct", "Marsh", (), "said", "I told them it would fail, and he said it would not,")]),
    (LEAD + "“A driver has to believe the brakes will hold,” Marsh said.",
     [("direct", "Marsh", (), "said", "A driver has to believe the brakes will hold,")]),
    (LEAD + "“The ruling confirms what the drivers have said all along,” Marsh said.",
     [("direct", "Marsh", (), "said", "The ruling confirms what the drivers have said all along,")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_quoted(text: str, expected: list[Row]) -> None:
    assert claims_of(text) == expected
