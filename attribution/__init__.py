"""attrib: who said it, through whom it reached the page, in what channel, and when."""

from .api import analyze_many
from .pipeline import analyze
from .report.frames import claims_frame, sources_frame
from .types import Analysis, Claim, ClaimKind, Entity, EntityType, Span

__all__ = [
    "Analysis", "Claim", "ClaimKind", "Entity", "EntityType", "Span",
    "analyze", "analyze_many", "claims_frame", "sources_frame",
]
