"""Which quotes of an archive might be one: MinHash LSH over windows of their content words, never all pairs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

import numpy as np
from datasketch import MinHash

# A quote is cut into windows of WINDOW content words, STRIDE apart, so that an excerpt cut
# from a longer quote shares a window with it. A word in more than COMMON_SHARE of the
# archive's quotes (and more than COMMON_MIN) is left out of the windows: it would put
# unrelated quotes into one bucket.
WINDOW, STRIDE = 8, 4
COMMON_SHARE, COMMON_MIN = 0.005, 50
# LSH banding: BANDS bands of ROWS MinHash values. Two windows sharing 6 of 10 words
# (Jaccard 0.6) meet in some band with probability 1 - (1 - 0.6**3)**20 = 0.99, sharing 5 of
# 11 (a cut excerpt against the window it is cut from) 0.85, sharing one word of fifteen
# 0.006. A bucket pairs each window with at most MAX_BUCKET windows before it.
BANDS, ROWS = 20, 3
MAX_BUCKET = 64
_CHUNK = 20_000


def candidate_pairs(contents: Sequence[Sequence[str]]) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of word lists that share an LSH bucket (a pair may come twice).

    The MinHash signatures are datasketch's; the banding sorts one numpy array of band keys
    (datasketch's ``MinHashLSH`` keeps a Python set per bucket: 2.8 KB a window at ten bands,
    measured, against BANDS x 8 bytes here).

    Args:
        contents: the content words of each quote.
    """
    df = Counter(w for words in contents for w in set(words))
    common = max(COMMON_MIN, COMMON_SHARE * len(contents))
    owners: list[int] = []

    def windows() -> Iterator[list[bytes]]:
        for i, words in enumerate(contents):
            for window in _windows([w for w in words if df[w] <= common]):
                owners.append(i)
                yield [w.encode("utf-8") for w in window]

    keys = _band_keys(windows())
    if len(owners) < 2:
        return
    owner = np.asarray(owners, dtype=np.int64)
    for band in range(BANDS):
        order = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[order, band]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(order)])
        for lo, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
            members = list(dict.fromkeys(owner[order[lo:lo + size]].tolist()))
            for n, j in enumerate(members):
                for i in members[max(0, n - MAX_BUCKET):n]:
                    yield (i, j) if i < j else (j, i)


def _windows(words: list[str]) -> list[frozenset[str]]:
    if not words:
        return []
    last = max(0, len(words) - WINDOW)
    return list(dict.fromkeys(frozenset(words[s:s + WINDOW]) for s in [*range(0, last, STRIDE), last]))


def _band_keys(pieces: Iterator[list[bytes]]) -> np.ndarray:
    """One 64-bit key per band of each piece's datasketch MinHash signature: a row per piece."""
    chunks, rows = [], []
    for minhash in MinHash.generator(pieces, num_perm=BANDS * ROWS):
        rows.append(minhash.hashvalues)
        if len(rows) == _CHUNK:
            chunks.append(_mix(np.vstack(rows)))
            rows = []
    if rows:
        chunks.append(_mix(np.vstack(rows)))
    return np.concatenate(chunks) if chunks else np.zeros((0, BANDS), dtype=np.uint64)


def _mix(signatures: np.ndarray) -> np.ndarray:
    """Each band's ROWS values mixed into one key by an odd multiplier (wrapping arithmetic)."""
    bands = signatures.astype(np.uint64).reshape(len(signatures), BANDS, ROWS)
    keys = np.zeros((len(signatures), BANDS), dtype=np.uint64)
    for row in range(ROWS):
        keys = keys * np.uint64(0x9E3779B97F4A7C15) + bands[:, :, row]
    return keys
