"""The attrib/1 JSON contract: ``to_dict`` / ``to_json``, and ``write_json_to`` / ``write_json``, which stream it."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

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


@dataclass(frozen=True, slots=True)
class _Array:
    """A JSON array whose items are made as they are read (once)."""

    items: Iterable[Any]


@dataclass(frozen=True, slots=True)
class _Object:
    """A JSON object whose members are made as they are read (once)."""

    members: Iterable[tuple[str, Any]]


def _plain(value: Any) -> Any:
    if isinstance(value, _Array):
        return [_plain(item) for item in value.items]
    if isinstance(value, _Object):
        return {key: _plain(member) for key, member in value.members}
    return value


def _document(analysis: Analysis) -> dict[str, Any]:
    doc = analysis.document
    return {
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
    }


def _members(analysis: Analysis) -> Iterator[tuple[str, Any]]:
    """The members of the attrib/1 object in order, each made when it is reached (the big
    arrays as generators, the graph last): ``to_dict`` keeps them all, ``write_json_to`` one at a time."""
    yield "schema", SCHEMA
    yield "document", _document(analysis)
    yield "entities", _Array(
        {"id": e.id, "name": e.name, "type": e.type.value, "mentions": [_span(m) for m in e.mentions],
         "affiliation": e.affiliation}
        for e in analysis.entities
    )
    yield "claims", _Array(_claim(c) for c in analysis.claims)
    yield "sentences", _Array(
        {"start": s.span.start, "end": s.span.end, "label": s.label.value, "claims": list(s.claims)}
        for s in analysis.sourcing
    )
    yield "quoted_terms", _Array(
        {**_span(t.span), "label": t.label.value, "speaker": t.speaker} for t in analysis.quoted_terms
    )
    yield "profile", profile_dict(analysis.profile or profile_of(analysis))
    yield "warnings", list(analysis.warnings)
    graph = graph_data(build_graph(analysis))
    yield "graph", _Object((key, _Array(value) if isinstance(value, list) else value) for key, value in graph.items())


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as the plain ``attrib/1`` dictionary."""
    return _plain(_Object(_members(analysis)))


def to_json(analysis: Analysis) -> str:
    """The analysis as ``attrib/1`` JSON text (deterministic: same input, same bytes)."""
    return json.dumps(to_dict(analysis), ensure_ascii=False, indent=2) + "\n"


def to_json_line(analysis: Analysis) -> str:
    """The analysis as one line of ``attrib/1`` JSON (JSON Lines: one story a line)."""
    return json.dumps(to_dict(analysis), ensure_ascii=False) + "\n"


def _dumps(value: Any, depth: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``depth`` levels down (a string never
    holds a raw line break: JSON escapes it, so every one is the layout's)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


def _write(value: Any, out: IO[str], depth: int) -> None:
    pad = "  " * depth
    if isinstance(value, _Object):
        opened = False
        for key, member in value.members:
            out.write(("{\n" if not opened else ",\n") + pad + "  " + json.dumps(key, ensure_ascii=False) + ": ")
            _write(member, out, depth + 1)
            opened = True
        out.write("\n" + pad + "}" if opened else "{}")
    elif isinstance(value, _Array):
        opened = False
        for item in value.items:
            out.write(("[\n" if not opened else ",\n") + pad + "  " + _dumps(item, depth + 1))
            opened = True
        out.write("\n" + pad + "]" if opened else "[]")
    else:
        out.write(_dumps(value, depth))


def write_json_to(analysis: Analysis, handle: IO[bytes]) -> None:
    """``to_json(analysis)``, the same bytes, encoded into ``handle`` as it is made.

    The JSON of a 3 MB story is about 50 MB: ``to_json`` holds the whole dictionary, then
    the text in millions of pieces, then as one string (and the caller its UTF-8); this
    holds one claim, entity or graph item at a time besides the analysis.
    """
    out = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    try:
        _write(_Object(_members(analysis)), out, 0)
        out.write("\n")
        out.flush()
    finally:
        out.detach()  # the caller's handle stays open


def write_json(analysis: Analysis, path: Path, *, protect: Iterable[Path] = ()) -> Path:
    """Write ``to_json(analysis)`` to ``path`` atomically, streamed (``write_json_to``)."""
    return write_atomic(path, lambda handle: write_json_to(analysis, handle), protect=protect)
