"""Write the characters the bundled layout engine can draw into a PNG: the code points of the
Arimo font it carries, as ranges, to ``src/argmap/draw/fonts/engine-glyphs.json``.

    python scripts/engine_glyphs.py        # with argmap installed (its pinned graphviz-pure)

The engine (graphviz-pure, pinned exactly in pyproject.toml) draws PNG text with the fonts
inside its executable; a character none of them has comes out as an empty box. argmap warns
of such characters (``argmap.draw.fonts.undrawable``). This reads the TrueType character map
('cmap', formats 4 and 12) of the Arimo font found in the executable; no font library needed.
Run it again when the pin changes (tests/test_fonts.py fails until then).
"""

from __future__ import annotations

import json
import re
import struct
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "argmap" / "draw" / "fonts"


def fonts(binary: bytes) -> dict[str, set[int]]:
    """Each TrueType font in ``binary``: 'Family Style' -> the code points it maps."""
    found: dict[str, set[int]] = {}
    for match in re.finditer(rb"\x00\x01\x00\x00\x00[\x08-\x20]", binary):
        start = match.start()
        count = struct.unpack_from(">H", binary, start + 4)[0]
        tables = {}
        for i in range(count):
            tag, _, offset, _ = struct.unpack_from(">4sIII", binary, start + 12 + 16 * i)
            tables[tag] = start + offset
        if b"cmap" in tables and b"glyf" in tables and b"name" in tables:
            found[_name(binary, tables[b"name"])] = _code_points(binary, tables[b"cmap"])
    return found


def _name(binary: bytes, table: int) -> str:
    _, count, strings = struct.unpack_from(">HHH", binary, table)
    parts: dict[int, str] = {}
    for i in range(count):
        platform, _, _, name_id, length, offset = struct.unpack_from(
            ">6H", binary, table + 6 + 12 * i
        )
        if platform == 3 and name_id in (1, 2):
            raw = binary[table + strings + offset : table + strings + offset + length]
            parts[name_id] = raw.decode("utf-16-be")
    return f"{parts.get(1, '?')} {parts.get(2, '?')}"


def _code_points(binary: bytes, table: int) -> set[int]:
    points: set[int] = set()
    count = struct.unpack_from(">H", binary, table + 2)[0]
    for i in range(count):
        sub = table + struct.unpack_from(">I", binary, table + 8 + 8 * i)[0]
        kind = struct.unpack_from(">H", binary, sub)[0]
        if kind == 4:
            segments = struct.unpack_from(">H", binary, sub + 6)[0] // 2
            ends = struct.unpack_from(f">{segments}H", binary, sub + 14)
            starts = struct.unpack_from(f">{segments}H", binary, sub + 16 + 2 * segments)
            for first, last in zip(starts, ends, strict=True):
                if first != 0xFFFF:
                    points.update(range(first, last + 1))
        elif kind == 12:
            groups = struct.unpack_from(">I", binary, sub + 12)[0]
            for g in range(groups):
                first, last, _ = struct.unpack_from(">III", binary, sub + 16 + 12 * g)
                points.update(range(first, last + 1))
    return points


def ranges(points: set[int]) -> list[list[int]]:
    """Sorted code points as inclusive ``[first, last]`` runs."""
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return runs


def engine_glyphs(executable: str) -> list[list[int]]:
    """The code points the engine's regular Arimo maps, as runs."""
    return ranges(fonts(Path(executable).read_bytes())["Arimo Regular"])


if __name__ == "__main__":
    from argmap.draw.engine import find_executable

    data = {"font": "Arimo Regular", "ranges": engine_glyphs(find_executable("bundled"))}
    (OUT / "engine-glyphs.json").write_text(json.dumps(data) + "\n", encoding="utf-8")
    sys.stdout.write(f"{sum(b - a + 1 for a, b in data['ranges'])} code points\n")
