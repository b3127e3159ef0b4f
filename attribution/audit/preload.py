"""A forkserver preload: the spaCy model loaded once in the server, shared by every worker it forks."""

from __future__ import annotations

import contextlib
import gc

from ..errors import AttribError
from ..nlp import load_spacy

# Each worker would otherwise import spaCy and load the model itself (about 1.4 CPU seconds a
# worker, and its own copy of the weights). A missing model is left to each worker's warm(),
# which reports it as every story's error.
with contextlib.suppress(AttribError, OSError):
    load_spacy()
# The model's objects to the permanent generation: a forked worker's collections then neither
# scan them nor write to their pages (which would copy each page the worker shares with the server).
gc.freeze()
