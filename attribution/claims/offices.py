"""An office speaking for its principal: "Pruitt's office said she would hold the vote next
week" is Pruitt's word, which her office passed on (SCHEMA.md: the office that quoted its
principal is in via). "His office said he was in Westminster" stays the office's own claim:
only what the principal will do is the principal's to announce."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..types import ClaimKind, Mention
from .state import Draft, Story

# The words that open a principal's announced intention: "she would", "he will".
_PRINCIPAL = {"he", "she"}
_INTENT = {"would", "will"}


def principals(story: Story, drafts: Sequence[Draft]) -> list[Draft]:
    """``drafts`` with each office that announces its principal's intention made a relay."""
    out = []
    for d in drafts:
        owner = _owner(story, d.speaker) if d.kind is not ClaimKind.DIRECT and d.speaker is not None else None
        words = story.text[d.start:d.end].split()[:2] if owner is not None else []
        if owner is None or len(words) < 2 or words[0].lower() not in _PRINCIPAL or words[1].lower() not in _INTENT:
            out.append(d)
            continue
        out.append(replace(d, speaker=owner, via=(d.speaker, *d.via)))
    return out


def _owner(story: Story, m: Mention | None) -> Mention | None:
    """The owner of an office ("Janet Pruitt" of "Janet Pruitt's office", "his" of "his office")."""
    if m is None or m.head != "office":
        return None
    found = story.head_of(m)
    if found is None:
        return None
    p, office = found
    owner = next((k for k in p.kids(office) if p.tokens[k].dep == "nmod:poss"), None)
    return story.mention(p, owner)
