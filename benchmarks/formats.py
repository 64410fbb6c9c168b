"""Time the importers and exporters of argmap.formats and print two markdown tables.

    python benchmarks/formats.py                 # both tables
    python benchmarks/formats.py --no-scaling    # the import/export table only

The first table imports (or exports) one document per format, best of 5 runs, and gives
what came out: claims, relations, speakers and warnings. The AIF row "QT30-shaped" is the
generated nodeset of ``tests/qt30_shape.py`` (287 I-nodes), which stands for the QT30
nodesets we cannot ship. The second table times the inputs that used to make work grow with
the square of their size (issue 19): each at n and 4n, best of 3 in CPU seconds of this
process with the garbage collector paused (as the tests measure it); linear work gives a
ratio near 4, quadratic work near 16.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tests.qt30_shape import qt30_nodeset
from tests.scaling import cpu_best, tree_map

import argmap
from analysis import best
from argmap import formats

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def kialo_export(claims: int) -> str:
    """A Kialo export of ``claims`` numbered lines, 3 children each, every 10th a link."""
    lines = ["Discussion Title: Benchmark", "", "1. The thesis."]
    numbers = ["1"]
    for index in range(1, claims):
        parent = numbers[(index - 1) // 3]
        number = f"{parent}.{(index - 1) % 3 + 1}"
        numbers.append(number)
        stance = "Pro" if index % 2 else "Con"
        text = f"-> See {numbers[index // 2]}." if index % 10 == 0 else f"Claim {index}."
        lines.append(f"{number}. {stance}: {text}")
    return "\n".join(lines) + "\n"


def import_rows() -> list[tuple[str, str, Callable[[], Any]]]:
    hanoi = argmap.load(ROOT / "maps" / "hanoi_2019.json")
    qt30 = json.dumps(qt30_nodeset())
    texts = {
        "aif": formats.export(hanoi, "aif"),
        "sadface": formats.export(hanoi, "sadface"),
        "argdown": formats.export(hanoi, "argdown"),
    }

    def reader(fmt: str, text: str) -> Callable[[], Any]:
        module = __import__(formats.FORMATS[fmt].module, fromlist=["x"])
        return lambda: module.loads_with_warnings(text)

    def file(fmt: str, path: Path) -> Callable[[], Any]:
        return reader(fmt, path.read_text(encoding="utf-8"))

    return [
        ("AIF", "QT30-shaped nodeset (287 I-nodes)", reader("aif", qt30)),
        ("AIF", "AIFdb nodeset 6064", file("aif", DATA / "aif" / "aifdb_nodeset6064.json")),
        ("AIF", "Hanoi map exported", reader("aif", texts["aif"])),
        ("SADFace", "Hanoi map exported", reader("sadface", texts["sadface"])),
        ("SADFace", "hangback example", file("sadface", DATA / "formats/sadface/hangback.json")),
        ("Kialo", "300-claim export", reader("kialo", kialo_export(300))),
        ("Argdown", "Hanoi map exported", reader("argdown", texts["argdown"])),
        ("Argdown", "semmelweis_betz", file("argdown", DATA / "argdown/semmelweis_betz.argdown")),
        ("microtexts", "micro_k011", file("microtexts", DATA / "microtexts/micro_k011.xml")),
    ]


def scaling_rows() -> list[tuple[str, int, Callable[[int], Any], Callable[[Any], Any]]]:
    from argmap.formats import IdMaker, aif, argdown, kialo, microtexts

    def ids(n: int) -> list[str]:
        return ["same"] * n

    def make_ids(names: list[str]) -> None:
        maker = IdMaker()
        for name in names:
            maker.unique(name)

    def unclosed(n: int) -> str:
        return "[a]: A\n" + "<!-- x " * n

    def tags(n: int) -> str:
        return "[a]: A " + " #(x" * n

    def undercuts(n: int) -> str:
        lines = []
        for i in range(n):
            lines += [f"<arg{i}>: An argument.", f"  _ [u{i}]: Undercut {i}.", ""]
        return "\n".join(lines)

    def ca_chain(n: int) -> str:
        nodes = [{"nodeID": f"I{i}", "type": "I", "text": f"C{i}"} for i in range(n + 2)]
        nodes += [{"nodeID": "R0", "type": "RA", "text": "Default Inference"}]
        edges = [{"fromID": "I1", "toID": "R0"}, {"fromID": "R0", "toID": "I0"}]
        for i in range(1, n + 1):
            nodes.append({"nodeID": f"C{i}", "type": "CA", "text": "Default Conflict"})
            edges += [
                {"fromID": f"I{i + 1}", "toID": f"C{i}"},
                {"fromID": f"C{i}", "toID": f"C{i - 1}" if i > 1 else "R0"},
            ]
        edges.reverse()
        nodes[n + 3 :] = reversed(nodes[n + 3 :])  # the chain's far end first
        return json.dumps({"nodes": nodes, "edges": edges})

    def ra_square(n: int) -> str:
        nodes = [{"nodeID": f"P{i}", "type": "I", "text": f"P{i}"} for i in range(n)]
        nodes += [{"nodeID": f"Q{i}", "type": "I", "text": f"Q{i}"} for i in range(n)]
        nodes.append({"nodeID": "R", "type": "RA", "text": "Default Inference"})
        edges = [{"fromID": f"P{i}", "toID": "R"} for i in range(n)]
        edges += [{"fromID": "R", "toID": f"Q{i}"} for i in range(n)]
        return json.dumps({"nodes": nodes, "edges": edges})

    def und_chain(n: int) -> str:
        parts = ['<arggraph id="x">']
        parts += [f'<edu id="e{i}">Text {i}.</edu>' for i in range(n + 2)]
        parts += [f'<adu id="a{i}" type="pro"/>' for i in range(n + 2)]
        parts += [f'<edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>' for i in range(n + 2)]
        chain = [
            f'<edge id="c{i}" src="a{i + 1}" trg="c{i - 1}" type="und"/>' for i in range(1, n + 1)
        ]
        parts += reversed(chain)
        parts.append('<edge id="c0" src="a1" trg="a0" type="sup"/></arggraph>')
        return "".join(parts)

    return [
        ("id maker: n equal candidates", 5000, ids, make_ids),
        ("Argdown: n unclosed `<!--`", 5000, unclosed, argdown.loads),
        ("Argdown: n unclosed ` #(` in one statement", 5000, tags, argdown.loads),
        ("Argdown: n undercuts of arguments without inference", 2000, undercuts, argdown.loads),
        ("AIF: chain of n CA undercuts", 2000, ca_chain, aif.loads),
        ("AIF: RA with n premises × n conclusions", 200, ra_square, aif.loads),
        ("microtexts: chain of n `und` edges", 2000, und_chain, microtexts.loads),
        ("Argdown export of n claims", 5000, tree_map, argdown.dumps),
        ("Kialo: n-claim export", 5000, kialo_export, kialo.loads),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--no-scaling", action="store_true", help="skip the n/4n table")
    args = parser.parse_args()
    print("| format | document | claims | relations | speakers | warnings | ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for fmt, name, step in import_rows():
        m, warnings = step()
        ms = best(step, 5) * 1000
        print(
            f"| {fmt} | {name} | {len(m.claims)} | {len(m.relations)} | {len(m.speakers)} "
            f"| {len(warnings)} | {ms:.1f} |"
        )
    if args.no_scaling:
        return
    print()
    print("| path | n | s at n | s at 4n | ratio (4 = linear, 16 = quadratic) |")
    print("|---|---:|---:|---:|---:|")
    for name, n, make, work in scaling_rows():
        at_n, at_4n = cpu_best(work, make(n)), cpu_best(work, make(4 * n))
        print(f"| {name} | {n:,} | {at_n:.3f} | {at_4n:.3f} | {at_4n / max(at_n, 1e-9):.1f} |")


if __name__ == "__main__":
    main()
