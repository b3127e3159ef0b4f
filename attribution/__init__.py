"""attrib: who said it, through whom it reached the page, in what channel, and when."""

from .pipeline import analyze
from .types import Analysis, Claim, ClaimKind, Entity, EntityType, Span

__all__ = ["Analysis", "Claim", "ClaimKind", "Entity", "EntityType", "Span", "analyze"]
