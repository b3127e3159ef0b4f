"""The attribution graph: its shape, its queries, and GraphML/GEXF round trips."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from attribution.graph import (
    build_graph,
    chain,
    claims_by_speaker,
    graph_data,
    indirect_speakers,
    longest_chain,
    relation,
)
from attribution.report.graphml import to_graphml, write_gexf, write_graphml
from attribution.types import Analysis, Claim, ClaimKind, Document, Entity, EntityType, Span

ROOT = Path(__file__).resolve().parent.parent
STORIES = sorted((ROOT / "corpora").glob("*.txt"))

# --------------------------------------------------------------------------- fixtures

CSTO = (
    "The force will stay for a few weeks, the RIA news agency quoted the alliance's "
    "general secretary on Thursday. Peacekeepers are arriving, the government said. "
    "Talks failed, according to sources."
)


def csto_analysis() -> Analysis:
    """A hand-made analysis: one relayed claim, one direct, one without a speaker."""
    text = CSTO

    def span(s: str, nth: int = 0) -> Span:
        start = [m.start() for m in re.finditer(re.escape(s), text)][nth]
        return Span.of(text, start, start + len(s))

    doc = Document(text, None, "Reuters", ("Olzhas Auyezov", "Mariya Gordeyeva"), None, ())
    entities = (
        Entity("e1", "RIA news agency", EntityType.MEDIA, (span("the RIA news agency"),)),
        Entity("e2", "CSTO general secretary", EntityType.PERSON,
               (span("the alliance's general secretary"),)),
        Entity("e3", "Kazakh government", EntityType.GOVERNMENT, (span("the government"),)),
    )
    claims = (
        Claim("c1", ClaimKind.INDIRECT, span("The force will stay for a few weeks"), span("quoted"), "quote",
              "e2", span("the alliance's general secretary"), ("e1",), None, "Thursday", 0, 0.9),
        Claim("c2", ClaimKind.INDIRECT, span("Peacekeepers are arriving"), span("said"), "say",
              "e3", span("the government"), (), "statement", None, 1, 0.8),
        Claim("c3", ClaimKind.ACCORDING_TO, span("Talks failed"), span("according to"), "according to",
              None, None, (), None, None, 2, 0.5),
    )
    return Analysis(doc, None, "0" * 64, entities, claims, ("test warning",))


def gold_analysis(text: str, gold: dict, path: str | None = None) -> Analysis:
    """An Analysis built from a gold annotation (tests/gold/SCHEMA.md) of ``text``."""
    names: dict[str, str] = {}
    mentions: dict[str, list[Span]] = {}

    def entity_id(name: str) -> str:
        return names.setdefault(name, f"e{len(names) + 1}")

    def near(needle: str, around: int) -> Span | None:
        hits = [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []
        if not hits:
            return None
        start = min(hits, key=lambda h: abs(h - around))
        return Span.of(text, start, start + len(needle))

    claims = []
    used: set[int] = set()
    for item in gold["attributions"]:
        hits = (m.start() for m in re.finditer(re.escape(item["content"]), text))
        start = next(h for h in hits if h not in used)
        used.add(start)
        content = Span.of(text, start, start + len(item["content"]))
        cue = near(item["cue"].split(" ...")[0], start) or Span.of(text, start, start)
        speaker = mention = None
        if item["speaker"]:
            speaker = entity_id(item["speaker"])
            for alias in sorted(item["speaker_aliases"], key=len, reverse=True):
                mention = near(alias, cue.start)
                if mention is not None and not (content.start <= mention.start < content.end):
                    break
                mention = None
            if mention is not None:
                mentions.setdefault(speaker, []).append(mention)
        via = tuple(entity_id(v["name"]) for v in item["via"])
        claims.append((content, cue, item, speaker, mention, via))
    claims.sort(key=lambda c: c[0].start)
    built = tuple(
        Claim(f"c{i}", ClaimKind(item["kind"]), content, cue, cue.text.split()[0].lower() if cue.text else "",
              speaker, mention, via, item["channel"], None, i - 1, 1.0)
        for i, (content, cue, item, speaker, mention, via) in enumerate(claims, start=1)
    )
    entities = tuple(
        Entity(eid, name, EntityType.MEDIA if "agency" in name.lower() else EntityType.PERSON,
               tuple(sorted(set(mentions.get(eid, ())), key=lambda s: s.start)))
        for name, eid in names.items()
    )
    doc = Document(text, None, gold["publisher"], tuple(gold["byline"]), None, ())
    return Analysis(doc, path, hashlib.sha256(text.encode()).hexdigest(), entities, built)


def _gold_analysis(story: Path) -> Analysis:
    """The analysis of a corpus story made from its gold annotation (until the pipeline exists)."""
    gold = json.loads((ROOT / "tests" / "gold" / f"{story.stem}.gold.json").read_text(encoding="utf-8"))
    return gold_analysis(story.read_text(encoding="utf-8"), gold, str(story.relative_to(ROOT)))


def analysis_for(story: Path) -> Analysis:
    """The analysis of a corpus story: the real pipeline when it exists, else the gold one."""
    try:
        from attribution.pipeline import analyze
    except ImportError:
        return _gold_analysis(story)
    return analyze(story.read_text(encoding="utf-8"), path=str(story.relative_to(ROOT)))


# --------------------------------------------------------------------------- shape


def test_nodes_carry_kind_label_and_scalar_attributes():
    graph = build_graph(csto_analysis())
    assert dict(graph.nodes["publisher"]) == {
        "kind": "publisher", "label": "Reuters", "byline": "Olzhas Auyezov; Mariya Gordeyeva",
    }
    assert dict(graph.nodes["e1"]) == {"kind": "entity", "label": "RIA news agency", "type": "media"}
    assert dict(graph.nodes["c1"]) == {
        "kind": "claim", "label": "The force will stay for a few weeks", "claim_kind": "indirect",
        "start": 0, "end": 35, "sentence": 0, "confidence": 0.9,
    }


def test_edges_are_keyed_by_claim_with_relation_channel_and_time():
    graph = build_graph(csto_analysis())
    edges = sorted((u, v, k, d["relation"], d["hop"], d["cue"], d["channel"], d["time"])
                   for u, v, k, d in graph.edges(keys=True, data=True))
    assert edges == [
        ("c3", "publisher", "c3", "according_to", 1, "according to", "", ""),
        ("e1", "publisher", "c1", "quoted_by", 2, "quoted", "", "Thursday"),
        ("e2", "c1", "c1", "said", 0, "quoted", "", "Thursday"),
        ("e2", "e1", "c1", "quoted_by", 1, "quoted", "", "Thursday"),
        ("e3", "c2", "c2", "said", 0, "said", "statement", ""),
        ("e3", "publisher", "c2", "relayed_by", 1, "said", "statement", ""),
    ]


def test_no_attribute_is_none_or_a_list():
    graph = build_graph(csto_analysis())
    values = [*(v for _, d in graph.nodes(data=True) for v in d.values()),
              *(v for *_, d in graph.edges(data=True) for v in d.values())]
    assert [v for v in values if not isinstance(v, str | int | float)] == []


def test_publisher_without_name_is_labelled():
    analysis = csto_analysis()
    doc = Document(analysis.document.text, None, None, (), None, ())
    graph = build_graph(Analysis(doc, None, "", analysis.entities, analysis.claims))
    assert (graph.nodes["publisher"]["label"], graph.nodes["publisher"]["byline"]) == ("(publisher)", "")


@pytest.mark.parametrize(
    ("kind", "lemma", "expected"),
    [
        (ClaimKind.ACCORDING_TO, "according to", "according_to"),
        (ClaimKind.INDIRECT, "quote", "quoted_by"),
        (ClaimKind.DIRECT, "cite", "quoted_by"),
        (ClaimKind.INDIRECT, "tell", "told"),
        (ClaimKind.MIXED, "say", "relayed_by"),
    ],
)
def test_relation_follows_kind_then_cue_lemma(kind, lemma, expected):
    claim = csto_analysis().claims[0]
    claim = Claim(claim.id, kind, claim.content, claim.cue, lemma, claim.speaker, claim.speaker_mention,
                  claim.via, claim.channel, claim.time, claim.sentence, claim.confidence)
    assert relation(claim) == expected


# --------------------------------------------------------------------------- queries


def test_claims_by_speaker():
    assert claims_by_speaker(build_graph(csto_analysis())) == {"e2": ["c1"], "e3": ["c2"]}


@pytest.mark.parametrize(
    ("claim_id", "expected"),
    [
        ("c1", ["publisher", "e1", "e2"]),
        ("c2", ["publisher", "e3"]),
        ("c3", ["publisher", "c3"]),
    ],
)
def test_chain_runs_from_publisher_back_to_the_origin(claim_id, expected):
    assert chain(build_graph(csto_analysis()), claim_id) == expected


def test_chain_of_a_non_claim_raises():
    with pytest.raises(KeyError):
        chain(build_graph(csto_analysis()), "e1")


def test_longest_chain_and_indirect_speakers():
    graph = build_graph(csto_analysis())
    assert (longest_chain(graph), indirect_speakers(graph)) == (["publisher", "e1", "e2"], ["e2"])


def test_queries_on_an_empty_story():
    doc = Document("Nothing was said.", None, None, (), None, ())
    graph = build_graph(Analysis(doc, None, "", (), ()))
    assert (list(graph.nodes), claims_by_speaker(graph), longest_chain(graph), indirect_speakers(graph)) == (
        ["publisher"], {}, [], [],
    )


def test_graph_data_is_node_link_with_edges_key():
    data = graph_data(build_graph(csto_analysis()))
    assert (sorted(data), data["directed"], data["multigraph"], len(data["nodes"]), len(data["edges"])) == (
        ["directed", "edges", "graph", "multigraph", "nodes"], True, True, 7, 6,
    )
    assert json.loads(json.dumps(data)) == data


# --------------------------------------------------------------------------- export


@pytest.mark.parametrize("story", STORIES, ids=[s.stem for s in STORIES])
def test_graphml_round_trip_keeps_nodes_and_edges(story, tmp_path):
    graph = build_graph(analysis_for(story))
    path = tmp_path / f"{story.stem}.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges(), sorted(back.edges(keys=True))) == (
        graph.number_of_nodes(), graph.number_of_edges(), sorted(graph.edges(keys=True)),
    )


def test_graphml_text_names_every_claim_edge():
    text = to_graphml(build_graph(csto_analysis()))
    assert (text.count("<edge "), len(re.findall(r'<edge [^>]*id="c1"', text))) == (6, 3)


def test_gexf_round_trip_keeps_offsets_as_plain_attributes(tmp_path):
    graph = build_graph(csto_analysis())
    path = tmp_path / "csto.gexf"
    write_gexf(graph, path)
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges(), back.nodes["c1"]["char_start"]) == (7, 6, 0)
