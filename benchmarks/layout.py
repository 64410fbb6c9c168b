"""Time the layouts on synthetic maps and print a markdown table.

    python benchmarks/layout.py                            # every layout, 50 to 10,000 claims
    python benchmarks/layout.py --layouts flow,components --sizes 100,300 --timeout 60
    python benchmarks/layout.py --forest                   # maps shaped like real debates

Each cell is the wall-clock time of ``argmap.render(m, "svg", ...)`` for the claims view on the
bundled engine (DOT, layout, SVG and legend), one run (best of three when a run takes under
a second). Columns: ``flow``, ``tree``, ``components`` and ``blocks`` are ``layout=...`` with
``dot`` (blocks: ``neato -n2``); ``sfdp`` is the components arrangement laid out by sfdp with
overlap removal (the fallback when dot runs out of time); ``auto`` is the default, which
compares flow, tree and components up to 100 claims. A run that exceeds ``--timeout`` is
stopped and shown as "timeout"; larger maps are then not tried with that layout ("—").
By default the maps are the dense random ones of ``synthetic_map`` (two relations per claim,
far harder than real debates); ``--forest`` uses ``forest_map`` instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import argmap
from argmap import layout
from argmap.engine import EngineError
from synthetic import forest_map, synthetic_map

LAYOUTS = ("auto", "flow", "tree", "components", "sfdp", "blocks")
SIZES = "50,100,120,150,200,300,500,1000,2000,5000,10000"


def options(name: str) -> dict[str, str]:
    """``render`` options for a column of the table."""
    if name == "auto":
        return {}
    if name == "sfdp":
        return {"engine": "sfdp", "layout": "components"}
    return {"layout": name}


def render_time(m: argmap.ArgumentMap, name: str, timeout: float) -> float | str:
    """Seconds to render ``m`` as SVG with the layout ``name``, or why it did not finish."""
    times: list[float] = []
    while not times or (len(times) < 3 and max(times) < 1):
        start = time.perf_counter()
        try:
            argmap.render(m, "svg", timeout=timeout, **options(name))
        except EngineError as error:
            return "timeout" if error.reason == "timeout" else f"failed ({error.reason})"
        times.append(time.perf_counter() - start)
    return min(times)


def cell(result: float | str) -> str:
    if isinstance(result, str):
        return result
    return f"{result:.2f}" if result < 10 else f"{result:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default=SIZES, help="claims per map, comma-separated")
    parser.add_argument("--layouts", default=",".join(LAYOUTS), help="comma-separated")
    parser.add_argument("--forest", action="store_true", help="maps shaped like real debates")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds per run (default 120)"
    )
    parser.add_argument("--speakers", type=int, default=10, help="speakers per map (10)")
    parser.add_argument(
        "--per-claim", type=int, default=2, help="relations from each claim to earlier ones (2)"
    )
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    engines = args.layouts.split(",")
    started = time.perf_counter()
    given_up: set[str] = set()
    rows = []
    for size in sizes:
        document = (
            forest_map(size, speakers=args.speakers)
            if args.forest
            else synthetic_map(size, speakers=args.speakers, per_claim=args.per_claim)
        )
        m = argmap.loads(json.dumps(document))
        cells = []
        for engine in engines:
            if engine in given_up:
                cells.append("—")
                continue
            result = render_time(m, engine, args.timeout)
            if not isinstance(result, float):
                given_up.add(engine)
            cells.append(cell(result))
            print(f"{size:,} claims, {engine}: {cells[-1]}", file=sys.stderr, flush=True)
        rows.append((f"{size:,}", f"{len(m.relations):,}", *cells))
    header = ("claims", "relations", *(f"{e} s" for e in engines))
    print("| " + " | ".join(header) + " |")
    print("|---:|---:|" + "---:|" * len(engines))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    load = os.getloadavg()
    print(
        f"\n{'Real-shaped' if args.forest else 'Synthetic'} maps, {args.speakers} speakers. "
        f"Bundled engine, timeout {args.timeout:g} s per run; auto compares layouts up to "
        f"{layout.COMPARE_MAX_CLAIMS} claims. {os.cpu_count()} CPUs, load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, benchmark "
        f"{time.perf_counter() - started:.0f} s."
    )


if __name__ == "__main__":
    main()
