"""Time ``pipeline.analyze`` stage by stage, by wrapping the stage functions the pipeline calls."""

from __future__ import annotations

import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from attribution import pipeline

# The pipeline's names, grouped into the stages the benchmarks report. A name the pipeline
# does not have is skipped; a function whose name holds "signal" counts as "signals".
STAGES = {
    "prepare": "prepare+parse",
    "mask_markup": "prepare+parse",
    "_pieces": "prepare+parse",
    "parse_blocks": "prepare+parse",
    "find_quotes": "quotes+claims",
    "detect_claims": "quotes+claims",
    "resolve": "entities",
}
ORDER = ("prepare+parse", "quotes+claims", "entities", "signals", "other", "writing")


def _stage_of(name: str) -> str | None:
    if name in STAGES:
        return STAGES[name]
    if "signal" in name and callable(getattr(pipeline, name)):
        return "signals"
    return None


@contextmanager
def _wrapped(
    enter: Callable[[], float], leave: Callable[[float], float], combine: Callable[[float, float], float]
) -> Iterator[Counter[str]]:
    """While active, each call of a stage of ``pipeline.analyze`` combines ``leave(enter())`` into its entry."""
    seconds: Counter[str] = Counter()
    originals: dict[str, Any] = {}
    active: list[str] = []

    def wrap(stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if active:  # a stage function called from inside another counts once
                return fn(*args, **kwargs)
            active.append(stage)
            start = enter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[stage] = combine(seconds[stage], leave(start))
                active.pop()

        return timed

    for name in dir(pipeline):
        stage = _stage_of(name)
        if stage is not None:
            originals[name] = getattr(pipeline, name)
            setattr(pipeline, name, wrap(stage, originals[name]))
    try:
        yield seconds
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)


def timed_stages(clock: Callable[[], float] = time.perf_counter) -> AbstractContextManager[Counter[str]]:
    """While active, seconds spent in each stage of ``pipeline.analyze`` add up in the yielded Counter."""
    return _wrapped(clock, lambda start: clock() - start, lambda a, b: a + b)


def traced_stages() -> AbstractContextManager[Counter[str]]:
    """While active (and ``tracemalloc`` tracing), the yielded Counter gets the peak of traced bytes
    during each stage."""

    def enter() -> float:
        tracemalloc.reset_peak()
        return 0.0

    return _wrapped(enter, lambda _: tracemalloc.get_traced_memory()[1], max)


def analyze_by_stage(
    text: str, clock: Callable[[], float] = time.perf_counter, **kwargs: Any
) -> tuple[Any, float, Counter[str]]:
    """``pipeline.analyze(text)``, its seconds by ``clock`` and those of each stage ("other": the rest)."""
    with timed_stages(clock) as seconds:
        start = clock()
        analysis = pipeline.analyze(text, **kwargs)
        total = clock() - start
    seconds["other"] = max(0.0, total - sum(seconds.values()))
    return analysis, total, seconds
