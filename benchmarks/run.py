"""Benchmark argmap on synthetic maps, side by side with arguebuf, and print markdown tables.

    python benchmarks/run.py                        # 100, 1k, 10k and 100k claims
    python benchmarks/run.py --sizes 1000,10000     # other sizes
    python benchmarks/run.py --svg-max 1000         # lay out and draw only up to 1k claims

For each size the synthetic map (``benchmarks/synthetic.py``) is written to a JSON file and
timed, best of a few runs (wall clock): ``json.loads`` of the file (the floor for any JSON
loader), ``argmap.load`` (load and validate), ``to_networkx``, DOT emission
(``claims_dot(m).source``) and layout plus SVG with the automatic choice
(``argmap.render(m, "svg")``, one run). Peak memory is the high-water mark of the resident set
(``VmHWM``) of a fresh Python process that imports argmap and loads the file.

Where arguebuf is installed (see benchmarks/README.md) the same graph, exported with
``argmap.formats.aif.dumps``, goes through arguebuf's load, networkx export and DOT source.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import argmap
from argmap.dot import claims_dot
from argmap.engine import EngineError
from argmap.formats import aif
from argmap.layout import choose_layout
from synthetic import synthetic_map

try:
    import arguebuf
except ImportError:  # not a dependency of argmap: install it for the comparison
    arguebuf = None

DASH = "—"

# Runs in a fresh interpreter: import argmap (or arguebuf), load the file, print the
# resident-set high-water marks (KiB) before and after loading.
_RSS_CHILD = """
import sys
def hwm():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if sys.argv[2] == "argmap":
    import argmap
    load = argmap.load
else:
    import logging
    import arguebuf
    logging.getLogger("arguebuf").setLevel(logging.ERROR)
    load = arguebuf.load.file
before = hwm()
graph = load(sys.argv[1])
print(before, hwm())
"""


@dataclass
class Row:
    claims: int
    file_bytes: int = 0
    json_s: float = 0.0
    load_s: float = 0.0
    nx_s: float = 0.0
    dot_s: float = 0.0
    svg: str = DASH
    layout: str = ""
    rss_base_kib: int = 0
    rss_peak_kib: int = 0
    aif_bytes: int = 0
    ab: dict[str, float] = field(default_factory=dict)
    ab_nodes: int = 0
    ab_rss_kib: int = 0
    ab_note: str = ""


def best(step: Callable[[], Any], repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``step``, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def repeats(claims: int) -> int:
    return 5 if claims <= 1_000 else 3 if claims <= 10_000 else 1


def peak_rss(path: Path, library: str = "argmap") -> tuple[int, int]:
    """Resident-set high-water marks (KiB) of a fresh process: after importing ``library``,
    and after loading ``path`` with it as well."""
    command = [sys.executable, "-c", _RSS_CHILD, str(path), library]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def measure_svg(m: argmap.ArgumentMap, timeout: float) -> str:
    start = time.perf_counter()
    try:
        argmap.render(m, "svg", timeout=timeout)
    except EngineError as error:
        return "timeout" if error.reason == "timeout" else f"failed ({error.reason})"
    return f"{time.perf_counter() - start:.1f}"


def measure_arguebuf(row: Row, aif_path: Path, repeat: int) -> None:
    assert arguebuf is not None
    # arguebuf logs a warning for every AIF edge whose end it does not keep (L, TA and YA nodes
    # are dialogue, not argument); keep them off the terminal (they are still formatted).
    logging.getLogger("arguebuf").setLevel(logging.ERROR)
    graph = arguebuf.load.file(aif_path)
    row.ab_nodes = len(graph.nodes)
    row.ab["load"] = best(lambda: arguebuf.load.file(aif_path), repeat)
    row.ab["nx"] = best(lambda: arguebuf.dump.networkx(graph), repeat)
    # dump.graphviz returns None above max_nodes (default 1,000): lift the limit.
    limit = len(graph.nodes) + 1
    dot = arguebuf.dump.graphviz(graph, max_nodes=limit)
    if dot is None:
        row.ab_note = "no DOT"
        return
    row.ab["dot"] = best(lambda: arguebuf.dump.graphviz(graph, max_nodes=limit).source, repeat)
    row.ab_rss_kib = peak_rss(aif_path, "arguebuf")[1]


def run_size(size: int, folder: Path, args: argparse.Namespace) -> Row:
    row = Row(size)
    path = folder / f"synthetic_{size}.json"
    path.write_text(json.dumps(synthetic_map(size)), encoding="utf-8")
    repeat = repeats(size)
    data = path.read_bytes()
    row.file_bytes = len(data)
    row.json_s = best(lambda: json.loads(data), repeat)
    row.load_s = best(lambda: argmap.load(path), repeat)
    m = argmap.load(path)
    row.nx_s = best(m.to_networkx, repeat)
    row.dot_s = best(lambda: claims_dot(m).source, repeat)
    layout = choose_layout(len(m.claims))
    row.layout = "blocks" if layout.positioned else layout.engine
    if size <= args.svg_max:
        row.svg = measure_svg(m, args.timeout)
    row.rss_base_kib, row.rss_peak_kib = peak_rss(path)
    if arguebuf is not None and not args.no_arguebuf:
        aif_path = folder / f"synthetic_{size}.aif.json"
        aif_path.write_text(aif.dumps(m), encoding="utf-8")
        row.aif_bytes = aif_path.stat().st_size
        del m
        measure_arguebuf(row, aif_path, repeat)
    return row


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def mb(nbytes: float) -> str:
    return f"{nbytes / 1e6:.1f}" if nbytes >= 1e5 else f"{nbytes / 1e6:.2f}"


def report(rows: list[Row], arguebuf_state: str) -> str:
    out = []
    argmap_rows = [
        (
            f"{r.claims:,}",
            mb(r.file_bytes),
            f"{r.json_s:.3f}",
            f"{r.load_s:.3f}",
            f"{r.load_s / r.json_s:.1f}×",
            f"{r.nx_s:.3f}",
            f"{r.dot_s:.3f}",
            r.layout,
            r.svg,
            f"{r.rss_peak_kib / 1024:.0f} ({(r.rss_peak_kib - r.rss_base_kib) / 1024:.0f})",
            f"{r.rss_peak_kib * 1024 / r.file_bytes:.1f}×",
        )
        for r in rows
    ]
    header = (
        "claims",
        "file MB",
        "json.loads s",
        "load+validate s",
        "÷ json.loads",
        "to_networkx s",
        "DOT s",
        "layout",
        "layout+SVG s",
        "peak RSS MiB (load only)",
        "RSS ÷ file",
    )
    out.append("### argmap\n\n" + table(header, argmap_rows))
    if arguebuf_state != "ok":
        out.append(f"### arguebuf\n\narguebuf: {arguebuf_state}")
        return "\n\n".join(out)

    def cell(r: Row, key: str) -> str:
        return f"{r.ab[key]:.3f}" if key in r.ab else r.ab_note or DASH

    def ratio(theirs: float | None, ours: float) -> str:
        return f"{theirs / ours:.1f}×" if theirs else DASH

    ab_rows = [
        (
            f"{r.claims:,}",
            f"{r.ab_nodes:,}",
            mb(r.aif_bytes),
            cell(r, "load"),
            ratio(r.ab.get("load"), r.load_s),
            cell(r, "nx"),
            ratio(r.ab.get("nx"), r.nx_s),
            cell(r, "dot"),
            ratio(r.ab.get("dot"), r.dot_s),
            f"{r.ab_rss_kib / 1024:.0f}",
        )
        for r in rows
    ]
    header = (
        "claims",
        "arguebuf nodes",
        "AIF MB",
        "load s",
        "arguebuf ÷ argmap",
        "to networkx s",
        "arguebuf ÷ argmap",
        "DOT source s",
        "arguebuf ÷ argmap",
        "peak RSS MiB",
    )
    version = getattr(arguebuf, "__version__", None) or _version("arguebuf")
    out.append(f"### arguebuf {version} (same graph as AIF)\n\n" + table(header, ab_rows))
    return "\n\n".join(out)


def targets(rows: list[Row]) -> str:
    """The issue's targets next to what this run measured (for the sizes it ran)."""
    by_size = {r.claims: r for r in rows}
    lines = []

    def line(goal: str, value: str, met: bool) -> None:
        lines.append(f"| {goal} | {value} | {'met' if met else 'missed'} |")

    if (r := by_size.get(10_000)) is not None:
        ratio = r.load_s / r.json_s
        line("load+validate ≤ 3× json.loads at 10k", f"{ratio:.1f}×", ratio <= 3)
        if "dot" in r.ab:
            ratio = r.ab["dot"] / r.dot_s
            line("DOT ≥ 5× faster than arguebuf at 10k", f"{ratio:.1f}×", ratio >= 5)
        if r.svg != DASH:
            seconds = float(r.svg) if r.svg[0].isdigit() else None
            line(
                "layout+SVG of 10k claims ≤ 60 s (auto)",
                f"{r.svg} s ({r.layout})" if seconds is not None else r.svg,
                seconds is not None and seconds <= 60,
            )
    if (r := by_size.get(100_000)) is not None:
        ratio = r.rss_peak_kib * 1024 / r.file_bytes
        line("peak RSS ≤ 10× file size at 100k", f"{ratio:.1f}×", ratio <= 10)
    if not lines:
        return ""
    return "\n### Targets\n\n| target | measured | |\n|---|---:|---|\n" + "\n".join(lines)


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def help_time() -> float:
    command = [sys.executable, "-m", "argmap.cli", "--help"]
    return best(lambda: subprocess.run(command, capture_output=True, check=True), 5)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sizes", default="100,1000,10000,100000", help="claims per map, comma-separated"
    )
    parser.add_argument(
        "--svg-max",
        type=int,
        default=10_000,
        help="lay out and draw maps up to this many claims (default 10000)",
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds per layout (default 120)"
    )
    parser.add_argument("--no-arguebuf", action="store_true", help="skip the arguebuf columns")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    if arguebuf is None:
        arguebuf_state = "not installed"
    elif args.no_arguebuf:
        arguebuf_state = "skipped (--no-arguebuf)"
    else:
        arguebuf_state = "ok"
    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            rows.append(run_size(size, Path(folder), args))
            print(f"{size:,} claims done", file=sys.stderr, flush=True)
    print(report(rows, arguebuf_state))
    print(targets(rows))
    load = os.getloadavg()
    print(
        f"\n`argmap --help`: {help_time():.3f} s. Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"benchmark {time.perf_counter() - started:.0f} s."
    )


if __name__ == "__main__":
    main()
