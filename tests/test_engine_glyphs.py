"""Characters the bundled engine cannot draw into a PNG: the table argmap keeps of its font
(``src/argmap/draw/fonts/engine-glyphs.json``) and the warning a PNG render gives."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

import argmap
from argmap import ArgumentMap, Claim, Speaker
from argmap.draw.engine import find_executable

ROOT = Path(__file__).resolve().parent.parent


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "engine_glyphs", ROOT / "scripts" / "engine_glyphs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_the_pinned_engines_font() -> None:
    # scripts/engine_glyphs.py writes it; a new engine with other fonts makes this fail.
    kept = json.loads(
        (ROOT / "src" / "argmap" / "draw" / "fonts" / "engine-glyphs.json").read_text()
    )
    assert kept["ranges"] == script().engine_glyphs(find_executable("bundled"))


def speaker_map(name: str) -> ArgumentMap:
    return ArgumentMap("T", (Speaker("s", name),), (Claim("c", "s", "It rains."),))


@pytest.mark.parametrize(
    ("name", "missing"),
    [
        ("Yasmin Haddad (ياسمين حداد)", 7),  # Arabic: 7 distinct letters
        ("Li Wei (李伟)", 2),
        ("Ann 😀", 1),
        ("Ελένη, Пётр, דוד, Zoë", 0),  # Greek, Cyrillic, Hebrew and Latin are drawn
    ],
)
def test_a_png_says_which_characters_it_shows_as_boxes(name: str, missing: int) -> None:
    m = speaker_map(name)
    notices = [w for w in argmap.render(m, "png").warnings if "no glyph" in w]
    if missing:
        (notice,) = notices
        verb = "s have" if missing > 1 else " has"
        assert notice.startswith(f"{missing} character{verb} no glyph in Arimo, the font this PNG")
    else:
        assert notices == []
    # A browser draws an SVG with its own fonts: nothing to warn of there.
    assert not [w for w in argmap.render(m, "svg").warnings if "no glyph" in w]


def test_a_pdf_says_so_too() -> None:
    # cairo draws the PDF in Arimo (or a font of its metrics), with no fallback either.
    notices = [
        w for w in argmap.render(speaker_map("Li Wei (李伟)"), "pdf").warnings if "glyph" in w
    ]
    assert notices == [
        "2 characters have no glyph in Arimo, the font this PDF is drawn with, and each shows "
        "as an empty box ('伟' U+4F1F, '李' U+674E): draw SVG (any browser shows them "
        "with its fonts), or the PDF with --graphviz system and fonts that have them"
    ]
