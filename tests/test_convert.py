"""`argmap convert`, format detection, and render/validate reading other formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import MapError, formats
from tests.conftest import DATA, HANOI, run


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("m.json", '{"argmap": "1"}', "argmap"),
        ("m.json", '{"nodes": [], "edges": [], "locutions": []}', "aif"),
        ("m.json", '{"AIF": {"nodes": [], "edges": []}, "OVA": {}}', "xaif"),
        ("m.json", "not json", "argmap"),
        ("m.aif.json", "", "aif"),
        ("m.XAIF.JSON", "", "xaif"),
        ("m.argdown", "", "argdown"),
        ("m.ad", "", "argdown"),
        ("micro_b001.xml", "", "microtexts"),
    ],
)
def test_detect(name: str, text: str, expected: str) -> None:
    assert formats.detect(name, text) == expected


def test_detect_and_output_format_refuse_unknown_suffixes() -> None:
    with pytest.raises(MapError, match=r"^m\.txt: cannot tell the format"):
        formats.detect("m.txt")
    with pytest.raises(MapError, match=r"^m\.xml: cannot tell the output format"):
        formats.output_format("m.xml")  # microtexts are read only
    assert formats.output_format("m.graphml") == "graphml"
    with pytest.raises(MapError, match="GraphML can only be written, not read"):
        formats.read(HANOI, "graphml")


def test_convert_hanoi_to_aif_and_back(tmp_path: Path) -> None:
    result = run("convert", str(HANOI), str(tmp_path / "h.aif.json"))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / 'h.aif.json'}\n"
    assert "nodes" in json.loads((tmp_path / "h.aif.json").read_text(encoding="utf-8"))
    result = run("validate", str(tmp_path / "h.aif.json"))
    assert (
        result.stdout == f"{tmp_path / 'h.aif.json'}: valid (5 speakers, 44 claims, 43 relations)\n"
    )
    assert run("convert", str(tmp_path / "h.aif.json"), str(tmp_path / "back.json")).exit_code == 0
    back = argmap.load(tmp_path / "back.json")
    original = argmap.load(HANOI)
    assert {c.id: c.speaker for c in back.claims} == {c.id: c.speaker for c in original.claims}


def test_convert_with_explicit_formats_to_stdout(tmp_path: Path) -> None:
    aif_file = tmp_path / "dialogue.dat"
    shutil.copy(DATA / "aif" / "iat_example_synthetic.json", aif_file)
    result = run("convert", str(aif_file), "-", "--from", "aif", "--to", "argmap")
    assert result.exit_code == 0
    m = argmap.loads(result.stdout)
    assert [s.name for s in m.speakers] == ["Alice", "Bob", "Carol"]
    result = run("convert", str(aif_file), "-", "--from", "aif", "--to", "graphml")
    assert result.stdout.startswith("<?xml") and "<graphml" in result.stdout


def test_convert_prints_warnings_to_stderr(tmp_path: Path) -> None:
    source = DATA / "aif" / "aifdb_nodeset6064.json"
    result = run("convert", str(source), str(tmp_path / "out.json"))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 7
    assert lines[0] == f"{source}: warning: nodes[14]: L node '111808' has no edges; skipped"
    assert len(argmap.load(tmp_path / "out.json").claims) == 9


def test_convert_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [{"nodeID": 1}], "edges": []}', encoding="utf-8")
    result = run("convert", str(bad), str(tmp_path / "out.gexf"))
    assert result.exit_code == 1
    assert result.stderr == f"{bad}: nodes[0].type: missing; expected a node type\n"
    assert not (tmp_path / "out.gexf").exists()
    result = run("convert", str(HANOI), str(tmp_path / "out.txt"))
    assert result.exit_code == 2  # a usage error
    assert "cannot tell the output format" in result.stderr and "--to" in result.stderr
    result = run("convert", str(HANOI), str(HANOI))
    assert result.exit_code == 1 and "is the input itself" in result.stderr
    result = run("convert", str(HANOI), str(tmp_path / "absent" / "x.gexf"))
    assert result.exit_code == 1 and "does not exist" in result.stderr
    assert run("convert", str(HANOI), "-", "--to", "microtexts").exit_code == 2


def test_render_and_validate_read_other_formats(tmp_path: Path) -> None:
    source = DATA / "aif" / "xaif_example.json"
    result = run("render", str(source), "-f", "dot", "-o", "-")
    assert result.exit_code == 0
    assert "Participant Rachel" in result.stdout
    result = run("validate", *sorted(str(p) for p in (DATA / "aif").glob("*.json")))
    assert result.exit_code == 0
    assert result.stdout.count(": valid (") == 4


def test_write_and_read_in_python(tmp_path: Path, small: dict[str, Any]) -> None:
    m = argmap.loads(json.dumps(small))
    for name in ("m.aif.json", "m.xaif.json", "m.graphml", "m.gexf", "m.json"):
        formats.write(m, tmp_path / name)
    assert formats.read(tmp_path / "m.xaif.json").claim("b1").speaker == "bob"
    assert formats.read(tmp_path / "m.json") == m
