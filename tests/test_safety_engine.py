"""The Graphviz engine dies with argmap: on a timeout (with whatever a wrapper started), when
argmap gets SIGTERM, and when argmap is killed outright (parent-death signal)."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.engine import run_layout
from argmap.errors import EngineError
from tests.conftest import SMALL, dumps

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="process groups, prctl")


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped by init, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def wait_for(condition: object, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A fake Graphviz: a shell wrapper that starts a sleeping child and waits for it. Each
    run writes its pid and its child's to a file of its own in the folder ``pids`` (argmap
    may run the engine twice at once: a picture and its legend); whatever is left running is
    killed after the test."""
    pids = tmp_path / "pids"
    pids.mkdir()
    script = tmp_path / "fake-dot"
    script.write_text(
        f'#!/bin/sh\nsleep 60 &\necho "$$ $!" > {pids}/$$.part && mv {pids}/$$.part {pids}/$$\n'
        "wait\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    yield script, pids
    for pid in recorded(pids):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def recorded(pids: Path) -> list[int]:
    """Every pid the fake engine's runs wrote, a run killed before its ``mv`` included."""
    return [int(pid) for file in sorted(pids.iterdir()) for pid in file.read_text().split()]


def started(pids: Path) -> list[int]:
    """The pids of the first run of the fake engine to have written them: it and its child."""
    assert wait_for(lambda: any(not f.name.endswith(".part") for f in pids.iterdir())), (
        "the fake engine did not start"
    )
    first = next(f for f in sorted(pids.iterdir()) if not f.name.endswith(".part"))
    return [int(pid) for pid in first.read_text().split()]


def test_a_timeout_kills_the_wrapper_and_its_children(engine: tuple[Path, Path]) -> None:
    script, pids = engine
    with pytest.raises(EngineError, match="did not finish within 0.5 s"):
        run_layout("digraph {}", "svg", graphviz=str(script), timeout=0.5)
    wrapper, child = started(pids)
    assert wait_for(lambda: not alive(wrapper) and not alive(child))


def argmap_render(map_file: Path, script: Path, output: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "argmap.cli", "render", str(map_file), "-o", str(output)]
    return subprocess.Popen(
        [*command, "--graphviz", str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_the_engine_dies_with_argmap(
    tmp_path: Path, engine: tuple[Path, Path], how: signal.Signals
) -> None:
    script, pids = engine
    map_file = tmp_path / "map.json"
    map_file.write_text(dumps(SMALL), encoding="utf-8")
    output = tmp_path / "out.svg"
    process = argmap_render(map_file, script, output)
    try:
        wrapper, child = started(pids)
        process.send_signal(how)
        code = process.wait(10)
        assert code == (128 + how if how == signal.SIGTERM else -how)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
    # SIGTERM: argmap kills the engine's process group; SIGKILL: the kernel sends the
    # wrapper SIGKILL (parent-death signal); its own children are the wrapper's business.
    runs = recorded(pids)
    assert wrapper in runs and child in runs
    assert wait_for(lambda: not any(map(alive, runs[::2])))  # every run's wrapper
    if how == signal.SIGTERM:
        assert wait_for(lambda: not any(map(alive, runs[1::2])))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-dot", "map.json", "pids"]


def test_a_rust_backtrace_is_trimmed(tmp_path: Path) -> None:
    script = tmp_path / "panicking-dot"
    script.write_text(
        "#!/bin/sh\ncat > /dev/null\n"
        "echo \"thread 'main' panicked at src/layout.rs:10:5:\" >&2\n"
        "echo 'index out of bounds' >&2\n"
        "echo 'stack backtrace:' >&2\necho '   0: rust_begin_unwind' >&2\nexit 101\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    with pytest.raises(EngineError) as caught:
        run_layout("digraph {}", "svg", graphviz=str(script))
    message = str(caught.value)
    assert message.endswith(
        "exited with status 101: thread 'main' panicked at src/layout.rs:10:5: index out of bounds"
    )
    assert "rust_begin_unwind" not in message
