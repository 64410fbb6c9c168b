"""One render pipeline and one reading pass: RenderOptions, single and batch renders taking
the same path (source text, size limit, importer warnings), the notebook display, one parse
per file, and each error's exit code decided in one place."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from argmap import formats
from argmap.cli import EXIT_CODES, exit_code
from argmap.cli import main as cli
from argmap.draw.batch import Job, render_all
from argmap.draw.pipeline import RenderOptions, render, render_file
from argmap.draw.views import select
from argmap.errors import ArgmapError, EngineError, MapError, OutputError, UsageError
from argmap.mapfile import wire
from tests.conftest import HANOI, dumps, run

ARGDOWN_WITH_A_WARNING = "[a]: A.\n  + [b]: B.\n\n[d]: D\n  + [d]\n"


def quoted(small: dict[str, Any]) -> dict[str, Any]:
    small["claims"][0]["quote"] = "tea is simply better"
    return small


def test_options_are_frozen_checked_and_changed_by_replace() -> None:
    options = RenderOptions(view="speakers", speakers=["ann"])
    assert options.speakers == ("ann",)  # kept as a tuple, so options hash and pickle
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.view = "claims"  # type: ignore[misc]
    assert options.replace(theme="dark") == RenderOptions(
        view="speakers", speakers=("ann",), theme="dark"
    )
    with pytest.raises(UsageError, match="unknown theme 'neon'"):
        RenderOptions(theme="neon")
    with pytest.raises(UsageError, match="unknown render options: colour"):
        options.replace(colour="red")
    with pytest.raises(UsageError, match="needs the claims view"):
        RenderOptions(view="speakers", color_by="kind")


def test_options_object_and_keywords_render_the_same(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    by_object = render(m, "dot", RenderOptions(view="speakers", theme="print"))
    by_keywords = argmap.render(m, "dot", view="speakers", theme="print")
    assert by_object.data == by_keywords.data
    assert by_object.data != render(m, "dot").data


def test_render_file_returns_the_importer_warnings(tmp_path: Path) -> None:
    path = tmp_path / "debate.argdown"
    path.write_text(ARGDOWN_WITH_A_WARNING, encoding="utf-8")
    picture, warnings = render_file(path, "dot")
    assert picture.text.startswith("digraph argmap {")
    assert warnings == ["line 5: a relation of d to itself; skipped"]


def test_batch_prints_importer_warnings(tmp_path: Path, small: dict[str, Any]) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "debate.argdown").write_text(ARGDOWN_WITH_A_WARNING, encoding="utf-8")
    (folder / "small.json").write_text(dumps(small), encoding="utf-8")
    result = run("render", str(folder), "-f", "dot", "-j", "1")
    assert result.exit_code == 0, result.output
    warning = f"{folder / 'debate.argdown'}: warning: line 5: a relation of d to itself; skipped"
    assert warning in result.stderr.splitlines()
    assert "rendered 2 of 2 maps" in result.stderr


def test_batch_checks_quotes_against_the_source_text(tmp_path: Path, small: dict[str, Any]) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.json").write_text(dumps(quoted(small)), encoding="utf-8")
    wrong, right = tmp_path / "wrong.txt", tmp_path / "right.txt"
    wrong.write_text("Coffee, always coffee.", encoding="utf-8")
    right.write_text("Ann said tea is simply better, twice.", encoding="utf-8")
    result = run("render", str(folder), "-f", "dot", "--source-text", str(wrong))
    assert result.exit_code == 1
    assert f"{folder / 'one.json'}: claims[0].quote: not found in the source text" in result.stderr
    assert "rendered 0 of 2 maps" in result.stderr
    result = run("render", str(folder), "-f", "dot", "--source-text", str(right))
    assert result.exit_code == 0, result.output
    assert "rendered 2 of 2 maps" in result.stderr


def test_batch_honours_the_size_limit(tmp_path: Path, small: dict[str, Any]) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.json").write_text(dumps(small), encoding="utf-8")
    result = run("render", str(folder), "-f", "dot", "--max-bytes", "100")
    assert result.exit_code == 1
    assert "more than the limit of 100" in result.stderr
    assert not list(folder.glob("*.dot"))


def test_single_and_batch_renders_write_the_same_bytes(
    tmp_path: Path, small: dict[str, Any]
) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    one = folder / "one.json"
    one.write_text(dumps(small), encoding="utf-8")
    (folder / "two.json").write_text(dumps(small), encoding="utf-8")
    single = tmp_path / "single.dot"
    assert run("render", str(one), "-o", str(single), "--theme", "dark").exit_code == 0
    assert run("render", str(folder), "-f", "dot", "--theme", "dark").exit_code == 0
    assert (folder / "one.dot").read_bytes() == single.read_bytes()
    jobs = [Job(str(one), str(tmp_path / "api.dot"), "dot")]
    (outcome,) = render_all(jobs, RenderOptions(theme="dark"), workers=1)
    assert outcome.error is None
    assert (tmp_path / "api.dot").read_bytes() == single.read_bytes()


def test_the_notebook_display_and_conveniences_use_the_layers_above(
    small: dict[str, Any],
) -> None:
    m = argmap.loads(dumps(small))
    assert m._repr_svg_() == render(m, "svg").text
    assert m.to_dict() == argmap.mapfile.to_dict(m)
    assert sorted(m.to_networkx().nodes) == ["a1", "a2", "ann", "b1", "bob"]


def test_read_returns_the_map_and_read_with_warnings_the_pair(
    tmp_path: Path, small: dict[str, Any]
) -> None:
    path = tmp_path / "debate.json"
    path.write_text(dumps(small), encoding="utf-8")
    m = formats.read(path)
    assert isinstance(m, argmap.ArgumentMap) and m == argmap.load(path)
    assert formats.read_with_warnings(path) == (m, [])


@pytest.mark.parametrize("name", ["debate.json", "debate.aif.json"])
def test_a_json_file_is_parsed_once(
    tmp_path: Path, small: dict[str, Any], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    m = argmap.loads(dumps(small))
    path = tmp_path / name
    formats.write(m, path, "argmap" if name == "debate.json" else "aif")
    if name == "debate.aif.json":  # AIF told by its content, not its suffix
        path = path.rename(tmp_path / "aif-content.json")
    size = len(path.read_bytes())
    calls: list[int] = []
    real_loads, real_decoder = json.loads, wire.DECODER

    def counting(text: Any, *args: Any, **kwargs: Any) -> Any:
        if len(text) >= size - 3:  # the whole file (less a byte-order mark), not a part of it
            calls.append(1)
        return real_loads(text, *args, **kwargs)

    class CountingDecoder:
        def decode(self, text: Any) -> Any:
            calls.append(1)
            return real_decoder.decode(text)

    monkeypatch.setattr(json, "loads", counting)
    monkeypatch.setattr(wire, "DECODER", CountingDecoder())
    read = formats.read(path)
    assert [c.text for c in read.claims] == [c.text for c in m.claims]
    assert len(calls) == 1


def test_each_error_has_its_exit_code_in_one_table() -> None:
    assert dict(EXIT_CODES)[UsageError] == 2
    assert exit_code(UsageError("x")) == 2
    for error in (MapError([]), EngineError("x", "failed"), OutputError("x")):
        assert isinstance(error, ArgmapError)
        assert exit_code(error) == 1


def test_usage_errors_exit_2_and_map_problems_exit_1(map_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    usage = [
        ["render", str(map_file), "-o", str(tmp_path / "m.bmp")],
        ["render", str(map_file), "-f", "mermaid", "--view", "speakers"],
        ["render", str(map_file), "--focus", "nobody"],
        ["convert", str(map_file), str(tmp_path / "out.txt")],
    ]
    for args in usage:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("argmap: error: "), result.output
    map_file.write_text("{", encoding="utf-8")
    result = runner.invoke(cli, ["render", str(map_file)])
    assert result.exit_code == 1 and "is not valid JSON" in result.output


def test_importer_documents_get_the_checks_a_file_gets() -> None:
    # Importers hand their document to the validator without writing it out as text; what
    # the text would have caught is still caught.
    from argmap.formats.common import build

    def document(**changes: Any) -> dict[str, Any]:
        return {"argmap": "1", "title": "T", "speakers": [], "claims": [], **changes}

    deep: Any = "bottom"
    for _ in range(5000):
        deep = [deep]
    cases = {
        "data.x: NaN (not valid JSON) is not allowed": document(data={"x": float("nan")}),
        "title: contains the character U+0000": document(title="T\x00"),
        "data.k: contains the character U+D800": document(data={"k": "\ud800"}),
        "nested too deeply": document(data={"deep": deep}),
    }
    for message, doc in cases.items():
        with pytest.raises(MapError, match=re.escape(message)):
            build(doc, "in.aif.json")
    assert build(document(data={"x": 1.5}), None).data == {"x": 1.5}


def _fills(dot: str) -> dict[str, str]:
    """Each speaker's claim fill colour in a claims view's DOT."""
    fills: dict[str, str] = {}
    for found in re.finditer(r'fillcolor="?(#\w+)[^\n]*class="claim speaker-([\w.-]+)', dot):
        fills.setdefault(found.group(2), found.group(1))
    return fills


@pytest.mark.parametrize(
    "part",
    [{"focus": "lankov"}, {"focus": "asmolov.pause", "depth": 2}, {"speakers": ["sagitov"]}],
)
def test_a_part_of_a_map_keeps_each_speakers_colour(part: dict[str, Any]) -> None:
    m = argmap.load(HANOI)
    whole = _fills(argmap.render(m, "dot").text)
    fills = _fills(argmap.render(m, "dot", **part).text)
    assert fills and all(whole[speaker] == fill for speaker, fill in fills.items())
    # The speakers view and Mermaid colour by the same palette.
    assert set(fills) == {s.id for s in select(m, **part).speakers if m.claims_by(s.id)}
    for speaker, fill in fills.items():
        assert f'fillcolor="{fill}"' in argmap.render(m, "dot", view="speakers", **part).text
        assert f"fill:{fill}" in argmap.render(m, "mermaid", **part).text, speaker


def test_a_picture_whose_text_does_not_read_says_so() -> None:
    m = argmap.load(HANOI)
    assert render(m, "svg").warnings == ()  # flow: 8.6 px in a 900-px column
    (notice,) = render(m, "svg", layout="tree").warnings
    assert notice.startswith("the claims' text is 4.7 px once the picture fits a 900-px column")
    assert "let --layout auto choose" in notice
    (notice,) = render(m, "svg", rankdir="LR").warnings  # auto's choice, but sideways
    assert "px once the picture fits" in notice and "--layout auto" not in notice
    assert render(m, "svg", focus="lankov").warnings == ()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ({"speakers": "lankov"}, "speakers must be a list of ids"),
        ({"relations": "supports"}, "relations must be a list of types"),
        ({"depth": None}, "depth must be a whole number"),
        ({"depth": "2"}, "depth must be a whole number"),
        ({"focus": 5}, "focus must be the id of a claim or speaker"),
        ({"timeout": 0}, "timeout must be a number of seconds above 0"),
        ({"timeout": "x"}, "timeout must be a number of seconds above 0"),
        # beyond the system's waits: an OverflowError traceback from the engine's wait
        ({"timeout": float("inf")}, "at most 1000000000 (or None for none), not inf"),
        ({"timeout": 1e10}, "at most 1000000000"),
        ({"engine": "nope"}, "unknown engine 'nope'"),
        ({"rankdir": None}, "unknown rankdir None"),
    ],
)
def test_options_of_the_wrong_kind_are_usage_errors(option: dict[str, Any], message: str) -> None:
    # speakers="lankov" was read as the ids l, a, n, ...; the others raised raw TypeErrors,
    # or (an unknown engine, a timeout of 0) an EngineError from Graphviz.
    m = argmap.load(HANOI)
    with pytest.raises(UsageError, match=re.escape(message)):
        render(m, "dot", **option)
    filters = {"focus", "depth", "speakers", "relations"}
    if set(option) <= filters:  # select itself says the same (it raised TypeErrors)
        with pytest.raises(UsageError, match=re.escape(message)):
            select(m, **({"focus": "lankov"} if "depth" in option else {}) | option)


def test_options_may_be_given_as_a_mapping() -> None:
    m = argmap.load(HANOI)
    assert (
        render(m, "dot", options={"view": "speakers"}).text
        == render(m, "dot", view="speakers").text
    )


def test_every_engine_the_command_line_offers_is_accepted() -> None:
    # --help offered 'blocks', which RenderOptions refused: 'unknown engine'.
    from argmap.cli.choices import engines
    from argmap.draw.pipeline import RenderOptions

    for engine in engines():
        assert RenderOptions(engine=engine).engine == engine


def test_save_refuses_a_name_that_says_another_format(
    tmp_path: Path, small: dict[str, Any]
) -> None:
    picture = render(argmap.loads(dumps(small)), "svg")
    with pytest.raises(UsageError, match=r"a \.png file holds png, and this rendering is svg"):
        picture.save(tmp_path / "map.PNG")
    assert not list(tmp_path.iterdir())  # nothing written
    picture.save(tmp_path / "map.svg")
    picture.save(tmp_path / "map.txt")  # a name that says no format is the caller's choice
    assert (tmp_path / "map.svg").read_bytes() == (tmp_path / "map.txt").read_bytes()
    assert (tmp_path / "map.svg").read_bytes() == picture.data
    dot = render(argmap.loads(dumps(small)), "dot")
    dot.save(tmp_path / "map.gv")
    with pytest.raises(UsageError, match="or save it as .dot"):
        dot.save(tmp_path / "map.mmd")


def test_the_repr_counts_warnings_in_words() -> None:
    from argmap.draw.pipeline import Rendering

    assert (
        repr(Rendering(b"xy", "dot", ("w",), "flow")) == "<Rendering dot, 2 bytes, 1 warning, flow>"
    )
    assert ", 2 warnings," in repr(Rendering(b"x", "dot", ("w", "v"), "flow"))


def test_a_dot_rendering_shows_its_source_in_jupyter() -> None:
    # It showed nothing, while the README says every format shows in Jupyter.
    from argmap.draw.pipeline import Rendering

    assert Rendering(b"digraph {}", "dot")._repr_markdown_() == "```dot\ndigraph {}```"
    assert Rendering(b"<svg/>", "svg")._repr_markdown_() is None
