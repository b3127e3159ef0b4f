"""A forkserver preload: the spaCy model loaded once in the server, shared by every worker it forks."""

from __future__ import annotations

import contextlib

from ..errors import AttribError
from ..nlp import load_spacy

# Each worker would otherwise import spaCy and load the model itself (about 1.4 CPU seconds a
# worker, and its own copy of the weights). A missing model is left to each worker's warm(),
# which reports it as every story's error.
with contextlib.suppress(AttribError, OSError):
    load_spacy()
