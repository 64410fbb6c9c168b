"""Benchmark argmap beside arguebuf and the physical floor, and print one markdown table.

    python benchmarks/run.py                        # synthetic 1k, 10k, 100k; real-shaped; Hanoi
    python benchmarks/run.py --sizes 1000,10000     # other synthetic sizes
    python benchmarks/run.py --svg-max 1000         # render only maps up to 1k claims

Each map (synthetic, ``synthetic.py``: dense; real-shaped, ``forest.py``: a forest of small
trees; and the real Hanoi panel) is written to a JSON file and timed beside its floor:
``json.loads`` of the file for loading, the Graphviz engine alone on the very DOT argmap hands
it for rendering. In-process steps are CPU seconds (``time.process_time``, best of a few runs:
steadier than the wall clock on a shared machine); commands are fresh processes, CPU seconds
of the child (``RUSAGE_CHILDREN``), best of a few. See benchmarks/README.md for each column.
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
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import resource
import shutil

import argmap
from argmap.draw import pipeline
from argmap.draw.dot import claims_dot
from argmap.draw.engine import EngineError, LayoutJob, find_executable
from argmap.draw.layout import choose_layout
from argmap.formats import aif
from forest import forest_map
from synthetic import synthetic_map

ROOT = Path(__file__).resolve().parent.parent
HANOI = ROOT / "maps" / "hanoi_2019.json"

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
    name: str
    claims: int = 0
    file_bytes: int = 0
    json_s: float = 0.0
    load_s: float = 0.0
    dot_s: float = 0.0
    layout: str = ""
    render_s: float | None = None
    engine_s: float | None = None
    render_note: str = DASH
    info_s: float = 0.0
    rss_peak_kib: int = 0
    ab: dict[str, float] = field(default_factory=dict)
    ab_note: str = DASH


def best(step: Callable[[], Any], repeat: int) -> float:
    """The least CPU time of ``repeat`` runs of ``step``, in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        step()
        times.append(time.process_time() - start)
    return min(times)


def best_interleaved(
    first: Callable[[], Any], second: Callable[[], Any], repeat: int
) -> tuple[float, float]:
    """:func:`best` of two steps run turn about, so that both meet the same moments of a
    shared machine: the ratio of the two is what is compared."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for step, kept in zip((first, second), times, strict=True):
            gc.collect()
            start = time.process_time()
            step()
            kept.append(time.process_time() - start)
    return min(times[0]), min(times[1])


def child_cpu(command: list[str], repeat: int, stdin: bytes | None = None) -> float:
    """The least CPU time (user + system) of ``repeat`` runs of ``command`` as a child."""
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, input=stdin, capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times)


def repeats(claims: int) -> int:
    return 5 if claims <= 1_000 else 3 if claims <= 10_000 else 1


def peak_rss(path: Path, library: str = "argmap") -> tuple[int, int]:
    """Resident-set high-water marks (KiB) of a fresh process: after importing ``library``,
    and after loading ``path`` with it as well."""
    command = [sys.executable, "-c", _RSS_CHILD, str(path), library]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


ARGMAP = [sys.executable, "-m", "argmap.cli"]


def measure_render(row: Row, path: Path, repeat: int, timeout: float) -> None:
    """``argmap render`` as a command, and the engine alone on the DOT of the picture it
    keeps (caught by wrapping the pipeline's engine calls: the job whose SVG went into the
    finished picture), with the same arguments."""
    drawn: list[tuple[LayoutJob, bytes]] = []
    kept: list[bytes] = []
    run_layouts, add_below, finish_svg = (
        pipeline.run_layouts,
        pipeline.add_below,
        pipeline.finish_svg,
    )

    def spy(jobs: list[LayoutJob], **options: Any) -> list[bytes | EngineError]:
        results = run_layouts(jobs, **options)
        drawn.extend((job, r) for job, r in zip(jobs, results, strict=True) if isinstance(r, bytes))
        return results

    def below(svg: bytes, legend: bytes) -> bytes:
        kept.append(svg)
        return add_below(svg, legend)

    def finish(svg: bytes, *args: Any, **keywords: Any) -> bytes:
        kept.append(svg)
        return finish_svg(svg, *args, **keywords)

    pipeline.run_layouts, pipeline.add_below, pipeline.finish_svg = spy, below, finish  # type: ignore[assignment]
    try:
        pipeline.render(argmap.load(path), "svg", timeout=timeout)
    except EngineError as error:
        row.render_note = "timeout" if error.reason == "timeout" else f"failed ({error.reason})"
        return
    finally:
        pipeline.run_layouts, pipeline.add_below, pipeline.finish_svg = (  # type: ignore[assignment]
            run_layouts,
            add_below,
            finish_svg,
        )
    job = next(job for job, svg in drawn if svg == kept[0])
    engine = [
        find_executable("bundled"),
        f"-K{job.engine}",
        f"-T{job.output_format}",
        *job.arguments,
    ]
    output = path.with_suffix(".svg")
    repeat = 3 if row.claims <= 100 else 1  # layouts of larger maps take seconds
    row.engine_s = child_cpu(engine, repeat, job.dot_source.encode("utf-8"))
    row.render_s = child_cpu([*ARGMAP, "render", str(path), "-o", str(output)], repeat)


def measure_arguebuf(row: Row, aif_path: Path, repeat: int) -> None:
    assert arguebuf is not None
    # arguebuf logs a warning for every AIF edge whose end it does not keep (L, TA and YA nodes
    # are dialogue, not argument); keep them off the terminal (they are still formatted).
    logging.getLogger("arguebuf").setLevel(logging.ERROR)
    graph = arguebuf.load.file(aif_path)
    row.ab["load"] = best(lambda: arguebuf.load.file(aif_path), repeat)
    limit = len(graph.nodes) + 1  # dump.graphviz returns None above max_nodes (default 1,000)
    if arguebuf.dump.graphviz(graph, max_nodes=limit) is not None:
        row.ab["dot"] = best(lambda: arguebuf.dump.graphviz(graph, max_nodes=limit).source, repeat)
    row.ab["rss"] = peak_rss(aif_path, "arguebuf")[1] * 1024 / row.file_bytes


def run_map(name: str, document: str, folder: Path, args: argparse.Namespace) -> Row:
    row = Row(name)
    path = folder / f"{name.replace(' ', '_')}.json"
    path.write_text(document, encoding="utf-8")
    data = path.read_bytes()
    row.file_bytes = len(data)
    m = argmap.load(path)
    row.claims = len(m.claims)
    repeat = repeats(row.claims)
    # Loading is compared with its floor: more runs, interleaved (a millisecond at 1k claims).
    row.json_s, row.load_s = best_interleaved(
        lambda: json.loads(data), lambda: argmap.load(path), 3 * repeat
    )
    row.dot_s = best(lambda: claims_dot(m).source, repeat)
    layout = choose_layout(len(m.claims))
    row.layout = layout.arrangement
    if row.claims <= args.svg_max:
        measure_render(row, path, repeat, args.timeout)
    # Best of three like every other step: one run of two seconds moved by a quarter with the
    # machine's load (2.03-3.11 s for the same map in six runs of the table).
    row.info_s = child_cpu([*ARGMAP, "info", str(path)], 3)
    row.rss_peak_kib = peak_rss(path)[1]
    if arguebuf is not None and not args.no_arguebuf:
        aif_path = folder / f"{path.stem}.aif.json"
        aif_path.write_text(aif.dumps(m), encoding="utf-8")
        del m
        measure_arguebuf(row, aif_path, repeat)
    return row


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def mb(nbytes: float) -> str:
    return f"{nbytes / 1e6:.1f}" if nbytes >= 1e5 else f"{nbytes / 1e6:.2f}"


def seconds(value: float | None, note: str = DASH) -> str:
    return note if value is None else f"{value:.3f}" if value < 1 else f"{value:.2f}"


def times(value: float | None, floor: float | None) -> str:
    return f"{value / floor:.1f}×" if value is not None and floor else DASH


def report(rows: list[Row]) -> str:
    header = (
        "map",
        "claims",
        "file MB",
        "json.loads s",
        "argmap load s",
        "÷ json.loads",
        "arguebuf load s",
        "arguebuf ÷ argmap",
        "argmap DOT s",
        "arguebuf DOT s",
        "layout",
        "engine alone s",
        "argmap render s",
        "÷ engine",
        "argmap info s",
        "argmap peak RSS ÷ file",
        "arguebuf peak RSS ÷ file",
    )
    cells = [
        (
            r.name,
            f"{r.claims:,}",
            mb(r.file_bytes),
            seconds(r.json_s),
            seconds(r.load_s),
            times(r.load_s, r.json_s),
            seconds(r.ab.get("load"), r.ab_note),
            times(r.ab.get("load"), r.load_s),
            seconds(r.dot_s),
            seconds(r.ab.get("dot"), r.ab_note),
            r.layout,
            seconds(r.engine_s, r.render_note),
            seconds(r.render_s, r.render_note),
            times(r.render_s, r.engine_s),
            seconds(r.info_s),
            f"{r.rss_peak_kib * 1024 / r.file_bytes:.1f}×",
            f"{r.ab['rss']:.1f}×" if "rss" in r.ab else r.ab_note,
        )
        for r in rows
    ]
    return table(header, cells)


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def start_up() -> str:
    """``argmap --help`` beside ``python -c pass`` and ``import click``: CPU of fresh processes.
    The command is the console script the installation made, as users start it
    (``python -m argmap.cli --help`` is answered by click, under another program name)."""
    floor = child_cpu([sys.executable, "-c", "pass"], 7)
    click = child_cpu([sys.executable, "-c", "import click"], 7)
    script = shutil.which("argmap", path=sysconfig.get_path("scripts"))
    help_s = child_cpu([script, "--help"] if script else [*ARGMAP, "--help"], 7)
    return (
        f"`argmap --help`: {help_s:.3f} s CPU, {help_s / floor:.1f}× `python -c pass` "
        f"({floor:.3f} s), {help_s / click:.1f}× `python -c 'import click'` ({click:.3f} s)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="synthetic claims, comma-separated"
    )
    parser.add_argument(
        "--forest", default="1000,10000,100000", help="real-shaped claims, comma-separated"
    )
    parser.add_argument(
        "--svg-max",
        type=int,
        default=10_000,
        help="render maps up to this many claims (default 10000)",
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds per layout (default 120)"
    )
    parser.add_argument("--no-arguebuf", action="store_true", help="skip the arguebuf columns")
    args = parser.parse_args()
    maps = [("Hanoi 2019 (real)", HANOI.read_text(encoding="utf-8"))]
    for size in filter(None, args.forest.split(",")):
        claims = int(size.replace("_", ""))
        maps.append((f"real-shaped {claims:,}", json.dumps(forest_map(claims))))
    for size in filter(None, args.sizes.split(",")):
        claims = int(size.replace("_", ""))
        maps.append((f"synthetic {claims:,}", json.dumps(synthetic_map(claims))))
    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        if (HANOI.parent / "hanoi_2019.txt").exists():
            shutil.copy(HANOI.parent / "hanoi_2019.txt", folder)  # its quotes are checked
        for name, document in maps:
            rows.append(run_map(name, document, Path(folder), args))
            print(f"{name} done", file=sys.stderr, flush=True)
    if arguebuf is None:
        state = "not installed (see benchmarks/README.md)"
    elif args.no_arguebuf:
        state = "skipped (--no-arguebuf)"
    else:
        state = f"arguebuf {getattr(arguebuf, '__version__', None) or _version('arguebuf')}"
    print(report(rows))
    load = os.getloadavg()
    print(
        f"\n{start_up()} arguebuf: {state}. Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"benchmark {time.perf_counter() - started:.0f} s."
    )


if __name__ == "__main__":
    main()
