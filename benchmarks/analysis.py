"""Benchmark argmap.analysis on synthetic maps and print a markdown table.

    python benchmarks/analysis.py                      # 1k, 10k and 100k claims
    python benchmarks/analysis.py --sizes 1000,10000

Each function is timed as the best of a few runs (wall clock, seconds). The last column gives
the time per claim of each size (microseconds), which stays roughly flat for linear work.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import argmap
from argmap import analysis
from synthetic import synthetic_map

FUNCTIONS: tuple[Callable[[argmap.ArgumentMap], Any], ...] = (
    analysis.agreement_matrix,
    analysis.camps,
    analysis.grounded_labelling,
    analysis.preferred_extensions,
    analysis.claim_tallies,
    analysis.most_contested,
    analysis.centrality,
    analysis.forecast_record,
    analysis.summary,
)


def best(step: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    times: dict[str, list[float]] = {f.__name__: [] for f in FUNCTIONS}
    for size in sizes:
        m = argmap.loads(json.dumps(synthetic_map(size)))
        repeat = 5 if size <= 10_000 else 3
        for function in FUNCTIONS:
            times[function.__name__].append(best(lambda f=function, m=m: f(m), repeat))
    header = " | ".join(f"{size:,} claims (s)" for size in sizes)
    print(f"| function | {header} | µs per claim |")
    print("|---|" + "---:|" * len(sizes) + "---|")
    for name, row in times.items():
        cells = " | ".join(f"{t:.3f}" for t in row)
        per_claim = " / ".join(f"{t / size * 1e6:.1f}" for t, size in zip(row, sizes, strict=True))
        print(f"| `{name}` | {cells} | {per_claim} |")


if __name__ == "__main__":
    main()
