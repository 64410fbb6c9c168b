from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import argmap
from argmap import ArgumentMap
from argmap.cli import main

ROOT = Path(__file__).resolve().parent.parent
HANOI = ROOT / "maps" / "hanoi_2019.json"
#: Real argument data written outside this project, vendored with its licences (see
#: tests/data/SOURCES.md). Tests read nothing outside the repository.
DATA = Path(__file__).resolve().parent / "data"

SMALL: dict[str, Any] = {
    "argmap": "1",
    "title": "Tea or coffee",
    "speakers": [
        {"id": "ann", "name": "Ann", "role": "host"},
        {"id": "bob", "name": "Bob"},
    ],
    "claims": [
        {"id": "a1", "speaker": "ann", "text": "Tea is better."},
        {"id": "a2", "speaker": "ann", "text": "Tea has less caffeine."},
        {"id": "b1", "speaker": "bob", "text": "Coffee is better.", "kind": "prediction"},
    ],
    "relations": [
        {"id": "r1", "from": "a2", "to": "a1", "type": "supports"},
        {"id": "r2", "from": "b1", "to": "a1", "type": "attacks"},
        {"id": "r3", "from": "bob", "to": "ann", "type": "disagrees"},
    ],
}


@pytest.fixture(scope="session")
def hanoi() -> ArgumentMap:
    """The Hanoi map, loaded once (the model is immutable, so tests can share it)."""
    return argmap.load(HANOI)  # checks every quote against maps/hanoi_2019.txt


@pytest.fixture
def small() -> dict[str, Any]:
    """A small valid map as a JSON object, fresh for each test to change."""
    return copy.deepcopy(SMALL)


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


@pytest.fixture
def map_file(tmp_path: Path, small: dict[str, Any]) -> Path:
    """The small map written to a file of its own."""
    path = tmp_path / "debate.json"
    path.write_text(dumps(small), encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the argmap command in-process; exceptions propagate, so a traceback fails a test."""
    return CliRunner(env=env).invoke(main, list(args), catch_exceptions=False)
