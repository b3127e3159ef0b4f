"""attrib's exception types; only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class AttribError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""


class InputError(AttribError):
    """The input cannot be read as a story (missing, a folder, binary, too large...)."""


class ModelMissingError(AttribError):
    """An NLP model the chosen backend needs is not installed."""
