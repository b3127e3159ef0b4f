"""The installed spaCy model is the byte-identical en_core_web_sm 3.8.0, loaded once per process."""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from pathlib import Path

import pytest

from attribution import nlp

# meta.json and README.md may name the model differently in a repackaged copy
UNLISTED = {"meta.json", "README.md"}


def expected_hashes() -> dict[str, str]:
    """``relative path -> sha256`` from the project's own list."""
    listing = files("attribution").joinpath("data", "en_core_web_sm-3.8.0.sha256").read_text(encoding="utf-8")
    hashes = {}
    for line in listing.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        digest, name = line.split(maxsplit=1)
        hashes[name.strip()] = digest
    return hashes


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def model_files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_the_hash_list_covers_the_whole_model() -> None:
    hashes = expected_hashes()
    assert len(hashes) == 24
    assert {"config.cfg", "parser/model", "ner/model", "vocab/strings.json"} <= hashes.keys()
    assert not UNLISTED & hashes.keys()


@pytest.mark.parametrize("name", sorted(expected_hashes()))
def test_model_file_matches_its_published_hash(name: str) -> None:
    path = nlp.spacy_model_path() / name
    assert path.is_file(), f"{name} is missing from {nlp.spacy_model_path()}"
    assert sha256(path) == expected_hashes()[name]


def test_model_has_no_unlisted_files() -> None:
    assert model_files(nlp.spacy_model_path()) - UNLISTED == set(expected_hashes())


def test_model_is_english_3_8_0() -> None:
    meta = json.loads((nlp.spacy_model_path() / "meta.json").read_text(encoding="utf-8"))
    assert (meta["lang"], meta["version"]) == ("en", "3.8.0")


def test_spacy_pipeline_is_loaded_once() -> None:
    assert nlp.load_spacy() is nlp.load_spacy()


def test_spacy_pipeline_has_the_components_attrib_needs() -> None:
    names = set(nlp.load_spacy().pipe_names)
    assert {"tagger", "parser", "ner", "attribute_ruler", "lemmatizer"} <= names


def test_spacy_pipeline_tags_parses_and_lemmatises() -> None:
    doc = nlp.load_spacy()("The ministry said on Friday that 26 people had been arrested.")
    assert [(t.text, t.lemma_, t.dep_) for t in doc[1:3]] == [
        ("ministry", "ministry", "nsubj"),
        ("said", "say", "ROOT"),
    ]
    assert [(e.text, e.label_) for e in doc.ents] == [("Friday", "DATE"), ("26", "CARDINAL")]
