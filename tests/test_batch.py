"""Rendering many maps: in parallel, with a progress bar, one bad map stopping nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from argmap.batch import Job, expand, plan, render_all
from argmap.cli import main
from argmap.errors import OutputError
from tests.conftest import HANOI, ROOT, dumps

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_map


def make_maps(folder: Path, small: dict[str, Any]) -> list[Path]:
    folder.mkdir()
    paths = []
    for name in ("one", "two", "three"):
        path = folder / f"{name}.json"
        small["title"] = name
        path.write_text(dumps(small), encoding="utf-8")
        paths.append(path)
    (folder / "notes.txt").write_text("not a map", encoding="utf-8")
    return paths


def test_expand_and_plan(tmp_path: Path, small: dict[str, Any]) -> None:
    paths = make_maps(tmp_path / "maps", small)
    files = expand([str(tmp_path / "maps")])
    assert files == sorted(str(p) for p in paths)  # the .txt file is not a map
    jobs = plan(files[:1], "png", str(tmp_path))
    assert jobs == [Job(files[0], str(tmp_path / "one.png"), "png")]


def test_one_bad_map_does_not_stop_the_others(tmp_path: Path, small: dict[str, Any]) -> None:
    paths = make_maps(tmp_path / "maps", small)
    paths[1].write_text('{"argmap": "1", "title": "broken"', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(tmp_path / "maps"), "-j", "2"], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "rendered 2 of 3 maps" in result.output
    assert f"{paths[1]}: is not valid JSON" in result.output
    assert "Traceback" not in result.output
    assert paths[0].with_suffix(".svg").read_bytes().startswith(b"<?xml")
    assert paths[2].with_suffix(".svg").exists()
    assert not paths[1].with_suffix(".svg").exists()


def test_several_maps_into_a_folder(tmp_path: Path, small: dict[str, Any]) -> None:
    paths = make_maps(tmp_path / "maps", small)
    out = tmp_path / "out"
    out.mkdir()
    args = ["render", *map(str, paths), "-o", str(out), "-f", "dot"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["one.dot", "three.dot", "two.dot"]
    assert "rendered 3 of 3 maps" in result.output


def test_batch_output_must_be_a_folder(tmp_path: Path, small: dict[str, Any]) -> None:
    paths = make_maps(tmp_path / "maps", small)
    for output in ("-", str(tmp_path / "missing")):
        result = CliRunner().invoke(main, ["render", *map(str, paths), "-o", output])
        assert result.exit_code == 2  # a usage error
        assert "-o must be an existing folder" in result.output


def test_parallel_results_match_serial(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    shutil.copytree(HANOI.parent, folder)
    jobs = plan([str(folder / "hanoi_2019.json")] * 2, "svg", None)
    outcomes = list(render_all(jobs, {}, workers=2))
    assert [o.error for o in outcomes] == [None, None]
    assert (folder / "hanoi_2019.svg").read_bytes() == (
        HANOI.parent.parent / "examples" / "hanoi_2019.svg"
    ).read_bytes()


def test_a_picture_never_replaces_another_maps_source_text(
    tmp_path: Path, small: dict[str, Any]
) -> None:
    (tmp_path / "b.svg").write_text("Tea is better. Coffee is better.", encoding="utf-8")
    small["source"] = {"text": "b.svg"}  # a.json's transcript bears b.json's picture's name
    (tmp_path / "a.json").write_text(dumps(small), encoding="utf-8")
    del small["source"]
    (tmp_path / "b.json").write_text(dumps(small), encoding="utf-8")
    maps = [str(tmp_path / "a.json"), str(tmp_path / "b.json")]
    with pytest.raises(
        OutputError,
        match=r"b\.svg, the picture of .*b\.json, would replace "
        r"the source text of .*a\.json",
    ):
        plan(maps, "svg", None)
    result = CliRunner().invoke(main, ["render", *maps, "-j", "1"])
    assert result.exit_code == 1
    assert (tmp_path / "b.svg").read_text(encoding="utf-8") == "Tea is better. Coffee is better."
    assert not (tmp_path / "a.svg").exists()  # refused before anything was drawn


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_batch_stops_at_once_on_sigterm_or_ctrl_c(tmp_path: Path, stop: signal.Signals) -> None:
    # The pool's `with` waited for every queued map: Ctrl-C took 15 s and SIGTERM let the
    # whole batch finish, writing pictures after the signal; the workers, with the command's
    # SIGTERM handler, took the next map when ended.
    maps = []
    for name in "abcd":  # each takes several seconds to lay out
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(synthetic_map(1200)), encoding="utf-8")
        maps.append(str(path))
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap.cli", "render", *maps, "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(3)  # both workers drawing, two maps queued
    # On a quick, idle machine a map may be drawn within the 3 s: what was written before
    # the signal may stay, nothing may be written after it.
    before = {p.name for p in tmp_path.iterdir()}
    if stop == signal.SIGINT:
        os.killpg(process.pid, stop)  # what Ctrl-C sends: the whole group
    else:
        process.send_signal(stop)  # what `kill PID` sends: the command alone
    started = time.monotonic()
    _, err = process.communicate(timeout=60)
    assert time.monotonic() - started < 5
    assert process.returncode == (130 if stop == signal.SIGINT else 143), err
    assert b"Traceback" not in err
    after = {p.name for p in tmp_path.iterdir()}
    assert after == before, after - before  # no picture, and no half-written file
