"""How work grows with input size: the check behind the tests of quadratic paths.

A test builds an input of size n and of size 4n and compares the best of a few timings:
linear work takes about 4 times as long, quadratic work 16 times. The bound the tests use
(8) leaves room for a busy machine while still failing a quadratic path.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

#: the growth from n to 4n above which work counts as worse than linear
LINEAR_BOUND = 8.0


def growth(
    make: Callable[[int], Any], work: Callable[[Any], Any], n: int, repeat: int = 3
) -> float:
    """How many times longer ``work(make(4 * n))`` takes than ``work(make(n))`` (best of
    ``repeat`` runs each; input building is not timed)."""

    def best(size: int) -> float:
        data = make(size)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            work(data)
            times.append(time.perf_counter() - start)
        return min(times)

    small = max(best(n), 1e-6)
    return best(4 * n) / small
