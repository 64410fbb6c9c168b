"""Untrusted input never ends in a traceback: numbers Python cannot hold, wrong option values
in the Python API, and linear work in the checker that words problems."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import MapError, UsageError
from argmap.mapfile.parse import read_bytes
from tests.conftest import SMALL, dumps, run
from tests.scaling import assert_linear


def with_data(value: str) -> str:
    """The small map with ``value`` (JSON text) as a claim's data."""
    return dumps(SMALL).replace(
        '"Tea is better."', '"Tea is better.", "data": {"n": ' + value + "}"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 5000, "an integer of 5,000 digits (too long) is not allowed"),
        ("-" + "9" * 5000, "an integer of 5,000 digits (too long) is not allowed"),
        ("1e999", "the number 1e999 (too large for a JSON number) is not allowed"),
        ("-1e999", "the number -1e999 (too large for a JSON number) is not allowed"),
        # read as 0 without a word: data is kept as written
        ("1e-400", "the number 1e-400 (too small for a JSON number: it reads as 0) is not"),
        ("-2.5E-999", "the number -2.5E-999 (too small for a JSON number: it reads as 0)"),
    ],
)
def test_numbers_python_cannot_hold_are_map_errors_at_their_path(
    tmp_path: Path, value: str, message: str
) -> None:
    with pytest.raises(MapError) as caught:
        argmap.loads(with_data(value))
    assert any(
        path == "claims[0].data.n" and found.startswith(message)
        for path, found in caught.value.problems
    )
    path = tmp_path / "m.json"
    path.write_text(with_data(value), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert f"{path}: claims[0] (a1).data.n: {message}" in result.output
    # and the small numbers that are held are kept
    assert argmap.loads(with_data("1e-300")).claims[0].data["n"] == 1e-300


def test_long_integer_in_an_aif_file_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text('{"nodes": [], "edges": [], "x": ' + "9" * 5000 + "}", encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output


def failing_load(text: str) -> None:
    """Load a map that must fail (what the linear-time tests time)."""
    with pytest.raises(MapError):
        argmap.loads(text)


def test_duplicate_keys_in_one_object_cost_linear_time() -> None:
    def make(n: int) -> str:
        keys = ", ".join(f'"k{i % (n // 2)}": 0' for i in range(n))
        return with_data("{" + keys + "}")

    assert_linear(make, failing_load, 20_000)


def test_claims_naming_undefined_speakers_cost_linear_time() -> None:
    def make(n: int) -> str:
        claims = [{"id": f"c{i}", "speaker": f"nobody{i}", "text": "T."} for i in range(n)]
        speakers = [{"id": f"s{i}", "name": "S"} for i in range(n)]
        return dumps({"argmap": "1", "title": "T", "speakers": speakers, "claims": claims})

    assert_linear(make, failing_load, 500)


def test_relations_to_undefined_ids_cost_linear_time() -> None:
    def make(n: int) -> str:
        document: dict[str, Any] = json.loads(dumps(SMALL))
        document["claims"] += [{"id": f"c{i}", "speaker": "ann", "text": "T."} for i in range(n)]
        document["relations"] = [
            {"from": f"c{i}", "to": f"gone{i}", "type": "supports"} for i in range(n)
        ]
        return dumps(document)

    assert_linear(make, failing_load, 500)


def test_the_first_unknown_references_still_get_a_suggestion() -> None:
    document: dict[str, Any] = json.loads(dumps(SMALL))
    document["claims"][0]["speaker"] = "anne"
    with pytest.raises(MapError, match="'anne' is not defined in this map; did you mean 'ann'"):
        argmap.loads(dumps(document))


def test_lists_over_the_limit_are_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_MAX_ITEMS", "2")
    with pytest.raises(MapError) as caught:
        argmap.loads(dumps(SMALL))
    assert [tuple(p) for p in caught.value.problems] == [
        (
            "claims",
            "has 3 items, more than the limit of 2; raise it (ARGMAP_MAX_ITEMS) to read this map",
        ),
        (
            "relations",
            "has 3 items, more than the limit of 2; raise it (ARGMAP_MAX_ITEMS) to read this map",
        ),
    ]
    monkeypatch.setenv("ARGMAP_MAX_ITEMS", "3")
    assert len(argmap.loads(dumps(SMALL)).claims) == 3


@pytest.mark.parametrize("value", ["²", "abc", "0", "-5", "9" * 5000])
def test_a_bad_item_limit_is_named_not_ignored_or_a_traceback(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    # '²' and 5,000 digits raised ValueError tracebacks; 'abc', 0 and -5 were ignored.
    monkeypatch.setenv("ARGMAP_MAX_ITEMS", value)
    with pytest.raises(UsageError, match="ARGMAP_MAX_ITEMS must be a whole number from 1 to"):
        argmap.loads(dumps(SMALL))


def feed(pipe: Path, data: bytes) -> threading.Thread:
    """A thread writing ``data`` into the FIFO ``pipe`` (the reader may stop early)."""

    def write() -> None:
        with contextlib.suppress(BrokenPipeError), pipe.open("wb") as stream:
            stream.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


def test_a_named_pipe_is_read_once(tmp_path: Path) -> None:
    """Detection and loading share one read: a map in a FIFO (written once) is valid."""
    pipe = tmp_path / "ff.json"
    os.mkfifo(pipe)
    writer = feed(pipe, dumps(SMALL).encode())
    try:
        result = run("validate", str(pipe))
    finally:
        writer.join(10)
    assert result.exit_code == 0, result.output
    assert "valid (2 speakers, 3 claims, 3 relations)" in result.output


def test_a_source_text_from_a_pipe_is_read_once_and_embedded(tmp_path: Path) -> None:
    # `report --source-text <(cat talk.txt)` checked the quotes against the pipe, then read
    # it again, empty, for the page (no text, '0 quotes marked'); a FIFO hung on that read.
    document = json.loads(dumps(SMALL))
    document["claims"][0]["quote"] = "Tea is simply"
    (tmp_path / "m.json").write_text(json.dumps(document), encoding="utf-8")
    pipe = tmp_path / "talk.txt"
    os.mkfifo(pipe)
    writer = feed(pipe, b"Tea is simply better.\n")
    command = ["report", str(tmp_path / "m.json"), "--source-text", str(pipe)]
    try:
        result = subprocess.run(
            [sys.executable, "-m", "argmap.cli", *command, "-o", str(tmp_path / "r.html")],
            capture_output=True,
            timeout=60,
            check=False,
        )
    finally:
        writer.join(10)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Show the source text with its 1 quote marked" in page
    assert "better." in page


def test_a_named_pipe_longer_than_one_read_is_read_whole(tmp_path: Path) -> None:
    """A pipe has no size to read at once: it is read on in steps until it ends."""
    document = json.loads(dumps(SMALL))
    document["description"] = "A long description. " * 20_000  # 400 KB, several steps
    pipe = tmp_path / "ff.json"
    os.mkfifo(pipe)
    writer = feed(pipe, json.dumps(document).encode())
    try:
        assert argmap.load(pipe).description == document["description"]
    finally:
        writer.join(10)


def test_a_named_pipe_over_the_limit_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "ff.json"
    os.mkfifo(pipe)
    writer = feed(pipe, b" " * 300_000)
    try:
        with pytest.raises(MapError, match="more than the limit of 200,000"):
            read_bytes(pipe, max_bytes=200_000)
    finally:
        writer.join(10)
