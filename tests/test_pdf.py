"""PDF output: Graphviz's own with a system Graphviz, cairosvg's with the bundled engine, and a
clear error when cairosvg (the ``argmap[pdf]`` extra) or its cairo library is missing."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.draw.svg import svg_to_pdf
from tests.conftest import dumps
from tests.test_engine import fake_engine


def cairosvg_works() -> bool:
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@pytest.mark.skipif(not cairosvg_works(), reason="needs cairosvg and libcairo (argmap[pdf])")
def test_bundled_engine_converts_the_svg(small: dict[str, Any], tmp_path: Path) -> None:
    m = argmap.loads(dumps(small))
    picture = argmap.render(m, "pdf")
    assert picture.format == "pdf" and picture.data.startswith(b"%PDF-")
    source = tmp_path / "debate.json"
    source.write_text(dumps(small), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path / "m.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF-")


def test_missing_cairosvg_says_what_to_install(
    small: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cairosvg", None)  # import cairosvg raises ImportError
    m = argmap.loads(dumps(small))
    with pytest.raises(argmap.EngineError) as caught:
        argmap.render(m, "pdf")
    assert caught.value.reason == "missing"
    assert "pip install 'argmap[pdf]'" in str(caught.value)
    assert "--graphviz system" in str(caught.value)
    source = tmp_path / "debate.json"
    source.write_text(dumps(small), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "-f", "pdf"])
    assert result.exit_code == 1
    assert "argmap: error: PDF with the bundled Graphviz needs cairosvg" in result.output
    assert not (tmp_path / "debate.pdf").exists()


def test_what_cairo_cannot_draw_is_an_error_not_a_traceback() -> None:
    # U+FDD0 is a noncharacter, which cairo refuses as invalid UTF-8 (maps refuse it too).
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20">'
    svg += '<text x="1" y="10">x\ufdd0y</text></svg>'
    with pytest.raises(argmap.EngineError) as caught:
        svg_to_pdf(svg.encode("utf-8"))
    assert caught.value.reason == "failed"
    assert str(caught.value).startswith("the PDF could not be drawn by cairo: ")


def handed_to_cairo(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The SVGs cairosvg is handed from now on (it still converts them)."""
    import cairosvg  # type: ignore[import-untyped]

    handed: list[bytes] = []
    convert = cairosvg.svg2pdf
    monkeypatch.setattr(
        cairosvg,
        "svg2pdf",
        lambda bytestring: handed.append(bytestring) or convert(bytestring=bytestring),
    )
    return handed


def test_cairo_is_given_one_font_it_can_find(
    small: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # cairo reads a CSS font list as one family's name and, finding none, drew the PDF in a
    # wider font whose text spilled out of its boxes.
    given = handed_to_cairo(monkeypatch)
    pdf = argmap.render(argmap.loads(dumps(small)), "pdf").data
    assert pdf.startswith(b"%PDF-")
    families = set(re.findall(rb'font-family="([^"]*)"', given[0]))
    assert families == {b"Arimo"}
    assert b"&#x27;argmap Arimo&#x27;" in argmap.render(argmap.loads(dumps(small)), "svg").data


def test_other_graphviz_writes_pdf_itself(small: dict[str, Any], tmp_path: Path) -> None:
    engine = fake_engine(
        tmp_path, 'cat > /dev/null; case "$*" in *-Tpdf*) printf "%%PDF-fake";; *) exit 9;; esac'
    )
    picture = argmap.render(argmap.loads(dumps(small)), "pdf", graphviz=engine)
    assert picture.data == b"%PDF-fake"


def test_a_pdf_is_the_same_bytes_run_after_run(small: dict[str, Any]) -> None:
    # cairo wrote the clock into /CreationDate: two renders a second apart differed.
    m = argmap.loads(dumps(small))
    first = argmap.render(m, "pdf").data
    time.sleep(1.1)
    assert argmap.render(m, "pdf").data == first
    assert b"/CreationDate (D:19700101000000Z)" in first
    # the date has its old length, so the cross-reference table still points right
    offsets = [int(o) for o in re.findall(rb"(\d{10}) 00000 n", first)]
    assert offsets and all(first[o:].split(b" ", 2)[2].startswith(b"obj") for o in offsets)


def test_cairo_is_not_handed_the_bidi_isolates_it_would_draw_as_boxes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Around right-to-left names argmap writes U+2068/U+2069 for browsers; cairo, which
    # draws no bidirectional text, drew each as a box in the PDF.
    handed = handed_to_cairo(monkeypatch)
    name = "\u2068\u05d3\u05d5\u05d3\u2069"  # Dov in Hebrew, isolated
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><text y="10">{name} é</text></svg>'
    svg_to_pdf(svg.encode())
    assert handed[0].decode().endswith('<text y="10">\u05d3\u05d5\u05d3 é</text></svg>')
