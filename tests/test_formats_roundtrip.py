"""Every vendored file, read and written back in each writable format, is the same map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
from argmap import formats
from tests.conftest import DATA, HANOI
from tests.qt30_shape import qt30_nodeset

FILES = [
    *sorted(
        [*DATA.glob("aif/*.json"), *DATA.glob("argdown/*.argdown"), *DATA.glob("microtexts/*.xml")]
        + [p for p in DATA.glob("formats/*/*") if p.suffix != ".md" and "empty" not in p.name]
    ),
    HANOI,
]
WRITERS = ("aif", "xaif", "sadface", "argdown")


@pytest.fixture(scope="module")
def qt30_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("qt30") / "qt30.json"
    path.write_text(json.dumps(qt30_nodeset()), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", WRITERS)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_round_trip_is_lossless(path: Path, fmt: str) -> None:
    m = formats.read(path)
    module = __import__(formats.FORMATS[fmt].module, fromlist=["loads_with_warnings"])
    back, warnings = module.loads_with_warnings(formats.export(m, fmt))
    assert warnings == []
    assert argmap.dumps(back) == argmap.dumps(m)


@pytest.mark.parametrize("fmt", WRITERS)
def test_qt30_shape_round_trip_is_lossless(qt30_file: Path, fmt: str) -> None:
    m = formats.read(qt30_file)
    module = __import__(formats.FORMATS[fmt].module, fromlist=["loads"])
    assert argmap.dumps(module.loads(formats.export(m, fmt))) == argmap.dumps(m)
