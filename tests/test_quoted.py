"""Direct quotations and the quotes that continue them, one construction a row:
(story, [(kind, speaker, via, cue, content)])."""

from __future__ import annotations

import pytest
from claimrows import Row, claims_of

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
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_quoted(text: str, expected: list[Row]) -> None:
    assert claims_of(text) == expected
