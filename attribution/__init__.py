"""attrib: who said it, through whom it reached the page, in what channel, and when."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .types import Analysis, Claim, ClaimKind, Entity, EntityType, Span

if TYPE_CHECKING:
    from .api import analyze_many
    from .pipeline import analyze
    from .report.frames import claims_frame, sources_frame

__all__ = [
    "Analysis", "Claim", "ClaimKind", "Entity", "EntityType", "Span",
    "analyze", "analyze_many", "claims_frame", "sources_frame",
]

# imported on first use: the command line starts its worker processes (which load the model)
# before it needs the analyzer itself, and `import attribution` stays quick
_LAZY = {"analyze": ".pipeline", "analyze_many": ".api", "claims_frame": ".report.frames",
         "sources_frame": ".report.frames"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
