"""Running Graphviz: the bundled engine, and failures through fake executables."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from argmap.engine import EngineError, find_executable, run_layout


def fake_engine(folder: Path, script: str) -> str:
    path = folder / "fake-dot"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_bundled_engine_is_found_without_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert os.path.basename(find_executable("bundled")) == "graphviz-pure"


def test_bundled_engine_lays_out() -> None:
    svg = run_layout("digraph { a -> b }", "svg")
    assert b"<svg" in svg
    assert b"graphviz-pure" in svg


def test_missing_engine(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="was not found") as caught:
        run_layout("digraph {}", "svg", graphviz=str(tmp_path / "nothing"))
    assert caught.value.reason == "missing"


def test_missing_system_graphviz_says_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(EngineError, match="install Graphviz"):
        run_layout("digraph {}", "svg", graphviz="system")


def test_failing_engine_reports_its_message(tmp_path: Path) -> None:
    engine = fake_engine(tmp_path, "echo 'Error: syntax error in line 1' >&2; exit 3")
    with pytest.raises(EngineError, match="exited with status 3: Error: syntax error") as caught:
        run_layout("digraph {}", "svg", graphviz=engine)
    assert caught.value.reason == "failed"


def test_crashing_engine(tmp_path: Path) -> None:
    engine = fake_engine(tmp_path, "kill -SEGV $$")
    with pytest.raises(EngineError, match="killed by signal 11"):
        run_layout("digraph {}", "svg", graphviz=engine)


def test_engine_that_writes_nothing_fails(tmp_path: Path) -> None:
    engine = fake_engine(tmp_path, "cat > /dev/null; exit 0")
    with pytest.raises(EngineError, match="exited with status 0"):
        run_layout("digraph {}", "svg", graphviz=engine)


def test_slow_engine_is_stopped(tmp_path: Path) -> None:
    engine = fake_engine(tmp_path, "exec sleep 30")
    with pytest.raises(EngineError, match="did not finish within 0.5 s") as caught:
        run_layout("digraph {}", "svg", graphviz=engine, timeout=0.5)
    assert caught.value.reason == "timeout"
