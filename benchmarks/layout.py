"""Time the layout engines on synthetic maps and print a markdown table.

    python benchmarks/layout.py                            # all engines, 50 to 10,000 claims
    python benchmarks/layout.py --engines dot --sizes 100,200 --timeout 60
    python benchmarks/layout.py --per-claim 1        # sparser maps, closer to real debates

Each cell is the wall-clock time of ``argmap.render(m, "svg", engine=...)`` for the claims
view on the bundled engine (DOT emission, layout and SVG; the layout is nearly all of it), one
run (best of three when a run takes under a second). ``sfdp`` is sfdp with the settings the
automatic choice gives it (``choose_layout``: overlap removal, straight edges);
``sfdp-plain`` is ``engine="sfdp"`` as a user requests it, without them. A run that exceeds
``--timeout`` is stopped and shown as "timeout"; larger maps are then not tried with that
engine ("—"). These times justify ``DOT_MAX_CLAIMS`` and ``SFDP_MAX_CLAIMS`` in ``argmap.layout``.
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
from argmap.dot import claims_dot
from argmap.engine import EngineError, run_layout
from synthetic import synthetic_map

ENGINES = ("dot", "sfdp", "sfdp-plain", "blocks")
SIZES = "50,100,120,150,200,300,500,1000,2000,5000,10000"


def lay_out(m: argmap.ArgumentMap, engine: str, timeout: float) -> None:
    """Draw ``m`` as SVG with ``engine`` as the automatic choice would use it."""
    if engine == "sfdp":
        # render(engine="sfdp") runs plain sfdp; the automatic choice adds settings (overlap
        # removal, straight edges): lay out with those, as render does.
        settings = layout.choose_layout(layout.DOT_MAX_CLAIMS + 1)
        if settings.engine == "sfdp":
            tooltips: list[str] = []
            source = claims_dot(m, tooltips=tooltips).source
            options = (f"-G{k}={v}" for k, v in settings.graph_attributes.items())
            arguments = (*settings.arguments, *options)
            run_layout(source, "svg", engine="sfdp", timeout=timeout, arguments=arguments)
            return
    requested = "sfdp" if engine == "sfdp-plain" else engine
    argmap.render(m, "svg", engine=requested, timeout=timeout)


def render_time(m: argmap.ArgumentMap, engine: str, timeout: float) -> float | str:
    """Seconds to render ``m`` as SVG with ``engine``, or why it did not finish."""
    times: list[float] = []
    while not times or (len(times) < 3 and max(times) < 1):
        start = time.perf_counter()
        try:
            lay_out(m, engine, timeout)
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
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated")
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds per run (default 120)"
    )
    parser.add_argument("--speakers", type=int, default=10, help="speakers per map (10)")
    parser.add_argument(
        "--per-claim", type=int, default=2, help="relations from each claim to earlier ones (2)"
    )
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    engines = args.engines.split(",")
    started = time.perf_counter()
    given_up: set[str] = set()
    rows = []
    for size in sizes:
        document = synthetic_map(size, speakers=args.speakers, per_claim=args.per_claim)
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
        choice = layout.choose_layout(size)
        auto = "blocks" if choice.positioned else choice.engine
        rows.append((f"{size:,}", f"{len(m.relations):,}", *cells, auto))
    header = ("claims", "relations", *(f"{e} s" for e in engines), "auto")
    print("| " + " | ".join(header) + " |")
    print("|---:|---:|" + "---:|" * len(engines) + "---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    load = os.getloadavg()
    print(
        f"\nSynthetic maps, {args.speakers} speakers, {args.per_claim} relations per claim. "
        f"Bundled engine, timeout {args.timeout:g} s per run; thresholds in argmap.layout: "
        f"DOT_MAX_CLAIMS = {layout.DOT_MAX_CLAIMS:,}, "
        f"SFDP_MAX_CLAIMS = {layout.SFDP_MAX_CLAIMS:,}. {os.cpu_count()} CPUs, load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, benchmark "
        f"{time.perf_counter() - started:.0f} s."
    )


if __name__ == "__main__":
    main()
