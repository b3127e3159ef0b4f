"""The attrib/1 JSON contract: ``to_dict`` / ``to_json`` and a thin ``write_json``."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..channels import kind_of, platform_of
from ..graph import build_graph, graph_data
from ..signals import profile_of
from ..source import provenance
from ..types import Analysis, Claim, Profile, Span
from ..versions import attrib_version
from .atomic import write_atomic

SCHEMA = "attrib/1"


def _span(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text}


def _claim(claim: Claim) -> dict[str, Any]:
    cue = _span(claim.cue)
    if cue is not None:
        cue["lemma"] = claim.cue_lemma
        cue["stance"] = claim.stance.value
    return {
        "id": claim.id,
        "kind": claim.kind.value,
        "content": _span(claim.content),
        "cue": cue,
        "speaker": claim.speaker,
        "speaker_mention": _span(claim.speaker_mention),
        "via": list(claim.via),
        "via_mentions": [_span(m) for m in claim.via_mentions],
        "channel": claim.channel,
        "channel_kind": kind_of(claim.channel),
        "platform": platform_of(claim.channel),
        "time": claim.time,
        "sentence": claim.sentence,
        "confidence": claim.confidence,
    }


def profile_dict(profile: Profile) -> dict[str, Any]:
    return {
        "claims": profile.claims,
        "sources": profile.sources,
        "named_sources": profile.named_sources,
        "anonymous_sources": profile.anonymous_sources,
        "document_sources": profile.document_sources,
        "anonymous_claim_share": profile.anonymous_claim_share,
        "via_claim_share": profile.via_claim_share,
        "top_source_share": profile.top_source_share,
        "unsourced_sentence_share": profile.unsourced_sentence_share,
        "stance": {stance.value: n for stance, n in profile.stance},
    }


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as the plain ``attrib/1`` dictionary."""
    doc = analysis.document
    return {
        "schema": SCHEMA,
        "document": {
            "path": analysis.path,
            "sha256": analysis.sha256,
            "title": doc.title.text if doc.title else None,
            "publisher": doc.publisher,
            "byline": list(doc.byline),
            "dateline": doc.dateline.text if doc.dateline else None,
            "chars": len(doc.text),
            "attrib_version": attrib_version(),
            "model": analysis.model or None,
            **provenance(doc),
        },
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type.value, "mentions": [_span(m) for m in e.mentions],
             "affiliation": e.affiliation}
            for e in analysis.entities
        ],
        "claims": [_claim(c) for c in analysis.claims],
        "sentences": [
            {"start": s.span.start, "end": s.span.end, "label": s.label.value, "claims": list(s.claims)}
            for s in analysis.sourcing
        ],
        "quoted_terms": [
            {**_span(t.span), "label": t.label.value, "speaker": t.speaker} for t in analysis.quoted_terms
        ],
        "profile": profile_dict(analysis.profile or profile_of(analysis)),
        "warnings": list(analysis.warnings),
        "graph": graph_data(build_graph(analysis)),
    }


def to_json(analysis: Analysis) -> str:
    """The analysis as ``attrib/1`` JSON text (deterministic: same input, same bytes)."""
    return json.dumps(to_dict(analysis), ensure_ascii=False, indent=2) + "\n"


def to_json_line(analysis: Analysis) -> str:
    """The analysis as one line of ``attrib/1`` JSON (JSON Lines: one story a line)."""
    return json.dumps(to_dict(analysis), ensure_ascii=False) + "\n"


def write_json(analysis: Analysis, path: Path, *, protect: Iterable[Path] = ()) -> Path:
    """Write ``to_json(analysis)`` to ``path`` atomically, encoded as it is made.

    The same bytes as ``to_json``, without its peak: the JSON of a 3 MB story is about 50 MB,
    and ``json.dumps`` holds it as millions of pieces, then as one string, then as UTF-8.
    """
    buffer = io.BytesIO()
    with io.TextIOWrapper(buffer, encoding="utf-8", newline="") as handle:
        json.dump(to_dict(analysis), handle, ensure_ascii=False, indent=2)
        handle.write("\n")
        handle.flush()
        data = buffer.getvalue()
    return write_atomic(path, data, protect=protect)
