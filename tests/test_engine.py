"""Running Graphviz: the bundled engine, and failures through fake executables."""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import argmap
from argmap.draw.engine import LayoutJob, run_layouts
from argmap.engine import EngineError, find_executable, run_layout
from tests.conftest import HANOI


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


def test_layouts_run_side_by_side_each_with_its_own_outcome(tmp_path: Path) -> None:
    # Each run sleeps as long as its input says, then answers; the fail job fails alone.
    engine = fake_engine(
        tmp_path,
        'input=$(cat); case "$input" in fail*) echo "Error: bad" >&2; exit 2;; esac\n'
        'sleep "$input"; echo "<svg>$input</svg>"; echo "Warning: slept $input" >&2',
    )
    jobs = [
        LayoutJob("1", "svg"),
        LayoutJob("30", "svg", timeout=0.5),
        LayoutJob("fail", "svg"),
        LayoutJob("1", "svg", engine="neato"),
    ]
    warnings: list[str] = []
    start = time.monotonic()
    first, slow, failed, last = run_layouts(jobs, graphviz=engine, warnings=warnings)
    assert time.monotonic() - start < 1.9  # the two 1-s runs overlapped
    assert first == last == b"<svg>1</svg>\n"
    assert isinstance(slow, EngineError) and slow.reason == "timeout"
    assert "within 0.5 s" in str(slow)
    assert isinstance(failed, EngineError) and failed.reason == "failed"
    assert "exited with status 2: Error: bad" in str(failed)
    assert warnings == [
        "slept 1",
        "Error: bad",
    ]  # in the order of the jobs, as run_layout adds them


def test_layouts_side_by_side_need_the_executable(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="was not found"):
        run_layouts([LayoutJob("digraph {}", "svg")], graphviz=str(tmp_path / "nothing"))


def test_layouts_side_by_side_give_the_bundled_engines_bytes() -> None:
    source = "digraph { a -> b; b -> c }"
    alone = run_layout(source, "svg")
    assert run_layouts([LayoutJob(source, "svg")] * 3) == [alone] * 3


def eventually(condition: Callable[[], bool], seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_work_meanwhile_runs_beside_the_engines_and_a_failure_stops_them(
    tmp_path: Path,
) -> None:
    engine = fake_engine(tmp_path, f"echo $$ > {tmp_path}/pid; cat > /dev/null; exec sleep 30")
    pid_file = tmp_path / "pid"
    seen: list[bool] = []

    def meanwhile() -> None:  # runs while the engine does, then is interrupted
        seen.append(eventually(pid_file.exists))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_layouts([LayoutJob("digraph {}", "svg")], graphviz=engine, meanwhile=meanwhile)
    assert seen == [True]
    pid = int(pid_file.read_text())
    assert eventually(lambda: not Path(f"/proc/{pid}").exists())  # killed and reaped


@pytest.mark.parametrize(
    ("view", "advice"),
    [
        ("speakers", "raise --timeout, or draw less (--focus ID, --speaker ID)"),
        ("claims", "try a faster layout (--layout components, --layout blocks), or draw less "),
    ],
)
def test_a_timeout_advises_what_applies_to_the_view(tmp_path: Path, view: str, advice: str) -> None:
    # The speakers view that ran out of time was told to try --layout (which it has not)
    # and to draw --view speakers (which it was).
    engine = fake_engine(tmp_path, "exec sleep 30")
    m = argmap.load(HANOI)
    with pytest.raises(EngineError) as caught:
        argmap.render(m, "svg", view=view, graphviz=engine, timeout=0.5, layout="flow")
    assert advice in str(caught.value)
    # the library's caller is told the arguments too, not only the command line's options
    assert "; in Python: timeout=, " in str(caught.value)
    if view == "speakers":
        assert "--layout" not in str(caught.value) and "--view" not in str(caught.value)
