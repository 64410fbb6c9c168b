"""Benchmark argmap on synthetic maps and print a table.

    python benchmarks/run.py                      # 1k, 10k and 100k claims
    python benchmarks/run.py --sizes 1000,10000

Each step is timed as the best of a few runs (wall clock) next to ``json.loads`` of the same
file, the floor for any JSON-based loader.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import argmap
from argmap.dot import claims_dot
from synthetic import synthetic_map


def best(step: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def help_time() -> float:
    command = [sys.executable, "-m", "argmap.cli", "--help"]
    return best(lambda: subprocess.run(command, capture_output=True, check=True), 5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"synthetic_{size}.json"
            path.write_text(json.dumps(synthetic_map(size)), encoding="utf-8")
            repeat = 5 if size <= 10_000 else 2
            text = path.read_bytes()
            m = argmap.load(path)
            t_json = best(lambda text=text: json.loads(text), repeat)
            t_load = best(lambda path=path: argmap.load(path), repeat)
            t_nx = best(m.to_networkx, repeat)
            t_dot = best(lambda m=m: claims_dot(m).source, repeat)
            rows.append((size, len(text), t_json, t_load, t_nx, t_dot))
    header = (
        "claims",
        "file MB",
        "json.loads s",
        "load+validate s",
        "ratio",
        "to_networkx s",
        "DOT s",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for size, nbytes, t_json, t_load, t_nx, t_dot in rows:
        cells = (
            f"{size:,}",
            f"{nbytes / 1e6:.1f}",
            f"{t_json:.3f}",
            f"{t_load:.3f}",
            f"{t_load / t_json:.1f}×",
            f"{t_nx:.3f}",
            f"{t_dot:.3f}",
        )
        print("| " + " | ".join(cells) + " |")
    print(f"\n`argmap --help`: {help_time():.3f} s")


if __name__ == "__main__":
    main()
