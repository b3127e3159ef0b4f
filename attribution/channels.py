"""Channels in a fixed vocabulary: the kind of medium ("social media") and the platform ("X")."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Channels:
    """The vocabulary of ``data/channels.toml``."""

    kinds: tuple[str, ...]
    kind: dict[str, str]
    platform: dict[str, str]


@lru_cache(maxsize=1)
def vocabulary() -> Channels:
    """The channel vocabulary shipped with attrib, read once."""
    data = tomllib.loads(resources.files("attribution").joinpath("data/channels.toml").read_text("utf-8"))
    kinds = tuple(data["kinds"])
    unknown = sorted(set(data["channel_kind"].values()) - set(kinds))
    if unknown:
        raise ValueError(f"channels.toml maps to kinds it does not list: {', '.join(unknown)}")
    return Channels(kinds, dict(data["channel_kind"]), dict(data["platform"]))


def platform_of(channel: str | None) -> str | None:
    """The platform a channel names ("Twitter" and "tweet" -> "X"; "Telegram post" -> "Telegram")."""
    if not channel:
        return None
    low = channel.lower()
    vocab = vocabulary()
    if low in vocab.platform:
        return vocab.platform[low]
    # "Telegram post", "post on X", "Truth Social post": a platform named among the words
    words = low.split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i:i + size])
            if name in vocab.platform:
                return vocab.platform[name]
    return None


def kind_of(channel: str | None) -> str | None:
    """The kind of ``channel`` in the fixed vocabulary; None when no channel is named."""
    if not channel:
        return None
    vocab = vocabulary()
    low = channel.lower()
    if low in vocab.kind:
        return vocab.kind[low]
    if platform_of(channel) is not None:
        return "social media"
    return vocab.kind.get(low.split()[-1], "other")
