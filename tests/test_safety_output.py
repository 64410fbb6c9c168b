"""Outputs never replace what they should not: devices and pipes, the inputs of the same run,
another batch job's picture; temporary files never outlive a failed or stopped write."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import OutputError
from argmap.files import TEMPORARY_PREFIX, write_atomic
from tests.conftest import SMALL, dumps, run


@pytest.fixture
def with_source(tmp_path: Path) -> Path:
    """A map that names its source text, beside it."""
    (tmp_path / "talk.txt").write_text("Tea is better. Coffee is better.", encoding="utf-8")
    document = dict(SMALL, source={"title": "Talk", "text": "talk.txt"})
    path = tmp_path / "debate.json"
    path.write_text(dumps(document), encoding="utf-8")
    return path


def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.svg"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    try:
        write_atomic(pipe, b"<svg/>")
    finally:
        # Should the write have failed before opening the pipe, a reader still waiting is let
        # go. Without blocking: the reader may be alive only to finish its read, and a
        # blocking open would then wait for a reader that never comes (it hung CI once).
        with contextlib.suppress(OSError):
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(10)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received == [b"<svg/>"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.svg"]


def test_dev_null_stays_a_device(map_file: Path) -> None:
    before = os.stat("/dev/null")
    result = run("render", str(map_file), "-f", "dot", "-o", "/dev/null")
    assert result.exit_code == 0, result.output
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_nothing_is_created_in_dev() -> None:
    target = Path("/dev/argmap-must-not-exist.svg")
    with pytest.raises(OutputError, match="does not create files in /dev"):
        write_atomic(target, b"<svg/>")
    assert not target.exists()
    assert not [p for p in Path("/dev").iterdir() if p.name.startswith(TEMPORARY_PREFIX)]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, b"<svg/>")


@pytest.mark.parametrize("command", [["render", "-f", "dot"], ["report"]])
def test_the_maps_source_text_is_never_overwritten(with_source: Path, command: list[str]) -> None:
    source = with_source.parent / "talk.txt"
    before = source.read_bytes()
    result = run(command[0], str(with_source), *command[1:], "-o", str(source))
    assert result.exit_code == 1
    assert f"{source} is the source text the map names, read in this run" in result.output
    assert source.read_bytes() == before


@pytest.mark.parametrize("command", [["render", "-f", "dot"], ["report"]])
def test_the_source_text_option_is_never_overwritten(map_file: Path, command: list[str]) -> None:
    source = map_file.parent / "other.txt"
    source.write_text("Tea is better. Coffee is better.", encoding="utf-8")
    before = source.read_bytes()
    arguments = [str(map_file), *command[1:], "--source-text", str(source), "-o", str(source)]
    result = run(command[0], *arguments)
    assert result.exit_code == 1
    assert "is the source text given with --source-text" in result.output
    assert source.read_bytes() == before


def test_a_batch_never_writes_the_source_text(with_source: Path, tmp_path: Path) -> None:
    other = tmp_path / "talk.json"  # its picture in -f dot would be talk.dot, not talk.txt
    other.write_text(dumps(SMALL), encoding="utf-8")
    source = tmp_path / "talk.txt"
    result = run("render", str(with_source), str(other), "--source-text", str(source))
    assert result.exit_code == 0, result.output  # nothing collides
    source_svg = tmp_path / "talk.svg"
    source_svg.unlink()
    # A source text that is the picture of a map: refused before anything is drawn.
    result = run("render", str(with_source), str(other), "--source-text", str(source_svg))
    assert result.exit_code == 1
    assert "is the source text given with --source-text" in result.output
    assert not source_svg.exists()


def test_two_maps_with_one_picture_are_refused(tmp_path: Path) -> None:
    for folder in ("d1", "d2", "out"):
        (tmp_path / folder).mkdir()
    for folder in ("d1", "d2"):
        (tmp_path / folder / "m.json").write_text(dumps(SMALL), encoding="utf-8")
    maps = [str(tmp_path / "d1" / "m.json"), str(tmp_path / "d2" / "m.json")]
    result = run("render", *maps, "-o", str(tmp_path / "out"), "-f", "dot")
    assert result.exit_code == 1
    assert f"is also the picture of {tmp_path / 'd1' / 'm.json'}" in result.output
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), SystemExit(143)])
def test_temporary_files_are_named_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    """A failed write, or one stopped by SIGTERM (the CLI's handler raises SystemExit), leaves
    the target as it was and no temporary file; the temporary name is recognisable."""
    target = tmp_path / "out.svg"
    target.write_bytes(b"old")
    seen: list[str] = []

    def failing_replace(source: Any, destination: Any) -> None:
        seen.append(Path(source).name)
        raise failure

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(type(failure)):
        write_atomic(target, b"new")
    assert len(seen) == 1
    assert seen[0].startswith(".argmap-out.svg.") and seen[0].endswith(".tmp")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.svg"]


def test_a_name_ending_in_a_slash_is_a_folder_not_the_file_without_it(tmp_path: Path) -> None:
    # `-o y.svg/` replaced the file y.svg (pathlib drops the slash) and exited 0.
    kept = tmp_path / "y.svg"
    kept.write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match="ends in '/', which names a folder"):
        write_atomic(f"{kept}/", b"<svg/>")
    assert kept.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize(
    "command", [["render", "MAP", "-o", ""], ["report", "MAP", "-o", ""], ["convert", "MAP", ""]]
)
def test_an_empty_output_name_is_refused_not_taken_for_the_default(
    map_file: Path, command: list[str]
) -> None:
    result = run(*[str(map_file) if part == "MAP" else part for part in command])
    assert result.exit_code == 2
    assert "give a file name (or - for standard output), not an empty one" in result.output
    assert sorted(p.name for p in map_file.parent.iterdir()) == [map_file.name]
