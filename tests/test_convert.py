"""`argmap convert`, format detection, and render/validate reading other formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import MapError, files, formats
from argmap.errors import OutputError
from tests.conftest import DATA, HANOI, run
from tests.scaling import assert_linear


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
        ("m.json", '{"nodes": [], "edges": [], "metadata": {"core": {}}}', "sadface"),
        ("m.aif.json", '{"nodes": [{"id": "a", "type": "atom"}], "edges": []}', "sadface"),
        ("m.json", '{"claims": []}', "argmap"),
        ("export.txt", "Discussion Title: T\n\n1. A.\n1.1. Pro: B.", "kialo"),
        ("export", "1. A.\n1.1. Con: B.", "kialo"),
        ("graph", '<?xml version="1.0"?>\n<arggraph id="x"></arggraph>', "microtexts"),
    ],
)
def test_detect(name: str, text: str, expected: str) -> None:
    assert formats.detect(name, text) == expected


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("m.txt", "Some notes about a debate."),
        ("m.json", '{"something": "else"}'),
        ("m", "<html></html>"),
        ("m.txt", "1. a list\n2. of things"),
    ],
)
def test_detect_refuses_what_shows_no_format(name: str, text: str) -> None:
    with pytest.raises(MapError) as raised:
        formats.detect(name, text)
    message = str(raised.value)
    assert message.startswith(f"{name}: cannot tell the format: the content is none of ")
    for tried in ("argmap JSON", "AIF", "xAIF/OVA", "SADFace", "arg-microtexts XML", "Kialo"):
        assert tried in message


def test_wrong_from_is_refused(tmp_path: Path) -> None:
    aif_file = tmp_path / "m.json"
    aif_file.write_text('{"nodes": [], "edges": []}', encoding="utf-8")
    with pytest.raises(MapError, match=r"is AIF, not Kialo export \(read it without --from"):
        formats.read(aif_file, "kialo")
    with pytest.raises(MapError, match="is AIF, not argmap JSON"):
        formats.read(aif_file, "argmap")
    assert formats.read(aif_file, "xaif").claims == ()  # AIF and xAIF share a reader


def test_detect_and_output_format_refuse_unknown_suffixes(tmp_path: Path) -> None:
    with pytest.raises(MapError, match=r"m\.txt: no such file"):
        formats.detect(tmp_path / "m.txt")
    with pytest.raises(MapError, match=r"^m\.xml: cannot tell the output format"):
        formats.output_format("m.xml")  # microtexts are read only
    assert formats.output_format("m.graphml") == "graphml"
    with pytest.raises(MapError, match="GraphML can only be written, not read"):
        formats.read(HANOI, "graphml")


def test_convert_hanoi_to_aif_and_back(tmp_path: Path) -> None:
    # the map names its transcript (source.text); the round trip keeps that, so the copies
    # live beside the transcript as the map does
    shutil.copy(HANOI.with_name("hanoi_2019.txt"), tmp_path / "hanoi_2019.txt")
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
    assert argmap.dumps(back) == argmap.dumps(original)  # nothing lost, nothing added


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


def test_id_maker_is_linear_in_equal_candidates() -> None:
    ids = formats.IdMaker()
    ids.taken.add("a-3")
    assert [ids.unique("a") for _ in range(4)] == ["a", "a-2", "a-4", "a-5"]

    def make(names: list[str]) -> None:
        maker = formats.IdMaker()
        for name in names:
            maker.unique(name)

    assert_linear(lambda n: ["same"] * n, make, 5000)


def test_convert_into_another_folder_keeps_the_source_text_reachable(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run("convert", str(HANOI), str(out / "hanoi.json"))
    assert result.exit_code == 0, result.output
    copied = out / "hanoi_2019.txt"
    assert copied.read_bytes() == (HANOI.parent / "hanoi_2019.txt").read_bytes()
    moved = argmap.load(out / "hanoi.json")  # quotes checked against the copy
    assert moved.source is not None and moved.source.text == "hanoi_2019.txt"
    assert all(c.quote_span is not None for c in moved.claims if c.quote)
    # Again: the copy is there already and is the same, so nothing is refused or rewritten.
    assert run("convert", str(HANOI), str(out / "again.json")).exit_code == 0


@pytest.mark.parametrize("name", ["h.aif.json", "h.xaif.json", "h.sadface.json", "h.argdown"])
def test_convert_to_a_format_naming_the_source_keeps_it_reachable(
    tmp_path: Path, name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run("convert", str(HANOI), str(out / name))
    assert result.exit_code == 0, result.output
    copied = out / "hanoi_2019.txt"
    assert copied.read_bytes() == (HANOI.parent / "hanoi_2019.txt").read_bytes()
    moved, warnings = formats.read_with_warnings(out / name)  # quotes checked against the copy
    assert warnings == []
    assert moved.source is not None and moved.source.text == "hanoi_2019.txt"
    quoted = [c for c in moved.claims if c.quote]
    assert len(quoted) == 44 and all(c.quote_span is not None for c in quoted)


def test_an_export_read_without_its_source_text_warns_and_locates_no_quote(tmp_path: Path) -> None:
    assert run("convert", str(HANOI), str(tmp_path / "h.aif.json")).exit_code == 0
    (tmp_path / "hanoi_2019.txt").unlink()
    moved, warnings = formats.read_with_warnings(tmp_path / "h.aif.json")
    assert warnings == [
        "the source text 'hanoi_2019.txt' does not exist: its quotes are not located in it"
    ]
    assert all(c.quote_span is None for c in moved.claims)
    (tmp_path / "hanoi_2019.txt").write_text("something else", encoding="utf-8")
    with pytest.raises(MapError, match="not found in the source text"):
        formats.read(tmp_path / "h.aif.json")  # the text it names is not its source


def test_convert_never_overwrites_another_file_with_the_source_text(tmp_path: Path) -> None:
    (tmp_path / "hanoi_2019.txt").write_text("my own notes", encoding="utf-8")
    result = run("convert", str(HANOI), str(tmp_path / "hanoi.json"))
    assert result.exit_code == 1
    assert "is not the map's source text" in result.output
    assert (tmp_path / "hanoi_2019.txt").read_text(encoding="utf-8") == "my own notes"
    assert not (tmp_path / "hanoi.json").exists()


def test_convert_into_a_parent_folder_names_the_source_by_its_path(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    shutil.copy(HANOI, maps / "hanoi_2019.json")
    shutil.copy(HANOI.parent / "hanoi_2019.txt", maps / "hanoi_2019.txt")
    assert run("convert", str(maps / "hanoi_2019.json"), str(tmp_path / "h.json")).exit_code == 0
    assert argmap.load(tmp_path / "h.json").source.text == "maps/hanoi_2019.txt"  # type: ignore[union-attr]
    assert not (tmp_path / "hanoi_2019.txt").exists()


@pytest.mark.parametrize("to", ["argmap", "aif"])
def test_convert_to_a_device_copies_no_source_text(to: str) -> None:
    # A device is no folder: the map keeps naming its text as before, and nothing is
    # copied (argmap creates nothing in /dev; it used to fail after writing the map).
    result = run("convert", str(HANOI), "/dev/null", "--to", to)
    assert result.exit_code == 0, result.output
    assert result.output == ""  # no copy announced, and no path printed into a device


def test_a_map_that_cannot_be_written_takes_its_source_copy_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_atomic = files.write_atomic

    def full_disk(path: str, data: bytes) -> None:  # the text fits, the map does not
        if str(path).endswith(".json"):
            raise OutputError(f"{path}: cannot be written: No space left on device")
        write_atomic(path, data)

    monkeypatch.setattr(files, "write_atomic", full_disk)
    result = run("convert", str(HANOI), str(tmp_path / "h.json"))
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert list(tmp_path.iterdir()) == []  # no copy of the text left naming no map
    # and none announced: its path was printed, though the copy was taken back
    assert "copied beside it" not in result.output and "hanoi_2019.txt" not in result.output


@pytest.mark.parametrize("name", ["mymap", "map.txt"])
def test_our_own_json_under_another_name_is_read(
    tmp_path: Path, small: dict[str, Any], name: str
) -> None:
    # Told from its content, as a pipe's or /dev/stdin's would be (it raised a TypeError).
    path = tmp_path / name
    path.write_text(json.dumps(small), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    assert formats.read(path) == argmap.loads(json.dumps(small))
    assert formats.read(path, "argmap") == argmap.loads(json.dumps(small))
    small["claims"][0]["speaker"] = "zed"
    path.write_text(json.dumps(small), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == f"{path}: claims[0] (a1).speaker: 'zed' is not defined in this map\n"


def test_convert_refuses_a_name_its_source_text_copy_needs(tmp_path: Path) -> None:
    result = run("convert", str(HANOI), str(tmp_path / "hanoi_2019.txt"), "--to", "aif")
    assert result.exit_code == 1
    assert "would be both the converted map and the source text" in result.stderr
    assert list(tmp_path.iterdir()) == []
