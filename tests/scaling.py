"""How work grows with input size: the check behind the tests of quadratic paths.

A test builds an input of size n and of size 4n and compares the best of a few timings:
linear work takes about 4 times as long, quadratic work 16 times. The bound the tests use
(8) leaves room for a busy machine while still failing a quadratic path.
"""

from __future__ import annotations

import gc
import json
import time
from collections.abc import Callable
from typing import Any

import argmap

#: the growth from n to 4n above which work counts as worse than linear
LINEAR_BOUND = 8.0


def cpu_best(work: Callable[[Any], Any], data: Any, repeat: int = 3) -> float:
    """The best of ``repeat`` runs of ``work(data)`` in CPU seconds of this process (other
    jobs on the machine do not count), with the garbage collector paused while it runs."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()  # a collection in one run and not the other is noise, not growth
        try:
            start = time.process_time()
            work(data)
            times.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(times)


def growth(
    make: Callable[[int], Any], work: Callable[[Any], Any], n: int, repeat: int = 3
) -> float:
    """How many times longer ``work(make(4 * n))`` takes than ``work(make(n))``
    (:func:`cpu_best` of each; building the input is not timed).

    A measure over :data:`LINEAR_BOUND` is taken again, up to three times, and the least
    is returned: a quadratic path exceeds the bound every time, while a busy moment on a
    shared machine (one CI run measured 8.1 for linear work) rarely does so three times.
    """
    small, large = make(n), make(4 * n)
    least = float("inf")
    for _ in range(3):
        ratio = cpu_best(work, large, repeat) / max(cpu_best(work, small, repeat), 1e-6)
        least = min(least, ratio)
        if least < LINEAR_BOUND:
            break
    return least


def assert_linear(make: Callable[[int], Any], work: Callable[[Any], Any], n: int) -> None:
    """Fail unless ``work`` grows linearly from ``make(n)`` to ``make(4 * n)``."""
    ratio = growth(make, work, n)
    assert ratio < LINEAR_BOUND, f"4x the input cost {ratio:.1f}x the time"


def tree_map(n: int) -> argmap.ArgumentMap:
    """A map of n claims of one speaker, each (but the first) supporting claim i // 2."""
    claims = [{"id": f"c{i}", "speaker": "s", "text": f"C{i}"} for i in range(n)]
    relations = [{"from": f"c{i}", "to": f"c{i // 2}", "type": "supports"} for i in range(1, n)]
    document = {
        "argmap": "1",
        "title": "T",
        "speakers": [{"id": "s", "name": "S"}],
        "claims": claims,
        "relations": relations,
    }
    return argmap.loads(json.dumps(document))
