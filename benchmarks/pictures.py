"""How well rendered maps read: time and geometry of the default picture, as a markdown table.

    python benchmarks/pictures.py                          # real maps and a real-shaped series
    python benchmarks/pictures.py --sizes 287 --layout components
    python benchmarks/pictures.py --out /tmp/svgs           # also keep the pictures
    python benchmarks/pictures.py --measure /tmp/svgs       # measure pictures kept earlier

For each real map (``maps/hanoi_2019.json`` and real AIF, Argdown and microtext maps from
``tests/data``) and each map of a synthetic series shaped like real debates
(:func:`synthetic.forest_map`: a forest of small trees and many isolated claims), it renders
the claims view as SVG with ``argmap.render`` (one run, wall clock) and measures the picture
with :func:`argmap.draw.geometry.measure`: size, text size at 900 px wide (``text px``), aspect,
overlapping boxes, edges through boxes, crossings.

``--out`` keeps each picture and its time, so that an older argmap (without
``argmap.draw.geometry``) can render them and this script, run with ``--measure``, measure them:
that is how the "before" column of the README's table was made.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import argmap
from argmap.formats import read
from synthetic import forest_map

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REAL = [
    ROOT / "maps" / "hanoi_2019.json",
    DATA / "aif" / "aifdb_nodeset6064.json",
    DATA / "microtexts" / "micro_k011.xml",
    DATA / "argdown" / "semmelweis_betz.argdown",
    DATA / "argdown" / "state-censorship.argdown",
]
SIZES = "50,100,287,500,1000,2000"


def maps(sizes: list[int]) -> list[tuple[str, argmap.ArgumentMap]]:
    found = [(path.name, read(path)) for path in REAL]
    sys.path.insert(0, str(ROOT))
    from tests.qt30_shape import qt30_nodeset  # a QT30-shaped AIF nodeset, 287 claims

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "qt30.json"
        path.write_text(json.dumps(qt30_nodeset()), encoding="utf-8")
        found.append(("QT30-shaped AIF", read(path)))
    for size in sizes:
        found.append((f"forest {size}", argmap.loads(json.dumps(forest_map(size)))))
    return found


def render_all(
    sizes: list[int], options: dict[str, Any], out: Path | None
) -> list[tuple[str, int, float | str, bytes | None]]:
    rows: list[tuple[str, int, float | str, bytes | None]] = []
    for name, m in maps(sizes):
        start = time.perf_counter()
        try:
            data: bytes | None = argmap.render(m, "svg", **options).data
            seconds: float | str = time.perf_counter() - start
        except Exception as error:  # a failed layout is a result too
            data, seconds = None, f"failed: {str(error)[:60]}"
        rows.append((name, len(m.claims), seconds, data))
        if out is not None and data is not None:
            safe = name.replace(" ", "_")
            (out / f"{safe}.svg").write_bytes(data)
            (out / f"{safe}.json").write_text(
                json.dumps({"name": name, "claims": len(m.claims), "seconds": seconds})
            )
        print(f"{name}: done", file=sys.stderr)
    return rows


def kept(folder: Path) -> list[tuple[str, int, float | str, bytes | None]]:
    rows = []
    for meta in sorted(folder.glob("*.json")):
        info = json.loads(meta.read_text())
        picture = meta.with_suffix(".svg")
        data = picture.read_bytes() if picture.exists() else None
        rows.append((info["name"], info["claims"], info["seconds"], data))
    order = {name: n for n, (name, _) in enumerate(maps([]))}
    return sorted(rows, key=lambda r: (order.get(r[0], 99), r[1]))


def table(rows: list[tuple[str, int, float | str, bytes | None]]) -> str:
    from argmap.draw.geometry import measure

    head = "| map | claims | time (s) | size (pt) | text px | h/w | overlaps | through | crossings"
    head += " |"
    lines = [head, "|---|---:|---:|---|---:|---:|---:|---:|---:|"]
    for name, claims, seconds, data in rows:
        shown = f"{seconds:.2f}" if isinstance(seconds, float) else seconds
        if data is None:
            lines.append(f"| {name} | {claims} | {shown} | | | | | | |")
            continue
        cells = measure(data).row()
        lines.append(f"| {name} | {claims} | {shown} | " + " | ".join(cells.values()) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default=SIZES, help="synthetic map sizes, comma-separated")
    parser.add_argument("--layout", default=None, help="passed to render (default: auto)")
    parser.add_argument("--engine", default=None, help="passed to render (default: auto)")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--out", type=Path, help="keep the pictures and times in this folder")
    parser.add_argument("--measure", type=Path, help="measure pictures kept with --out")
    args = parser.parse_args()
    if args.measure is not None:
        print(table(kept(args.measure)))
        return
    options: dict[str, Any] = {"timeout": args.timeout}
    if args.layout:
        options["layout"] = args.layout
    if args.engine:
        options["engine"] = args.engine
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rows = render_all(sizes, options, args.out)
    try:
        print(table(rows))
    except ImportError:
        print("this argmap has no argmap.draw.geometry: measure the kept pictures with --measure")


if __name__ == "__main__":
    main()
