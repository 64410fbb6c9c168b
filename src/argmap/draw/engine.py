"""Run a Graphviz executable: DOT in, a rendered picture out.

argmap does not need a system Graphviz: it ships with ``graphviz-pure`` (a self-contained
Graphviz 16.1 port with its own fonts, same bytes on every platform). A user may choose a
system Graphviz instead, or any compatible executable:

- ``graphviz="bundled"`` (default): the ``graphviz-pure`` executable installed with argmap;
- ``graphviz="system"``: ``dot`` from ``PATH``;
- ``graphviz="/path/to/dot"``: that executable.

The environment variable ``ARGMAP_GRAPHVIZ`` sets the default the same way (the CLI reads it).

>>> svg = run_layout("digraph { a -> b }", "svg")
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from time import monotonic as _now
from typing import IO, Final, NamedTuple

from argmap.errors import EngineError

__all__ = [
    "BUNDLED",
    "DEFAULT_TIMEOUT",
    "LAYOUT_ENGINES",
    "MAX_TIMEOUT",
    "NON_ASCII_WIDTHS",
    "EngineError",
    "LayoutJob",
    "engine_warnings",
    "find_executable",
    "run_layout",
    "run_layouts",
    "timeout_advice",
]

BUNDLED: Final = "graphviz-pure"
_PR_SET_PDEATHSIG: Final = 1
#: Seconds a layout may take before it is stopped.
DEFAULT_TIMEOUT: Final = 120.0
#: The longest timeout (about 31 years): the system's waits overflow not far beyond.
MAX_TIMEOUT: Final = 1e9
#: Layout engines (``-K``) that both the bundled and a system Graphviz provide.
LAYOUT_ENGINES: Final = ("dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork")


def find_executable(graphviz: str = "bundled") -> str:
    """The path of the Graphviz executable that ``graphviz`` names (see the module doc).

    The bundled executable is looked for beside the running Python first, because an
    unactivated virtual environment does not put its scripts on ``PATH``.
    """
    if graphviz == "bundled":
        names = [BUNDLED]
        folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
        for folder in folders:
            candidate = Path(folder) / (BUNDLED + (".exe" if os.name == "nt" else ""))
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
        hint = "reinstall argmap (pip install --force-reinstall argmap), or use --graphviz system"
    elif graphviz == "system":
        names = ["dot"]
        hint = "install Graphviz (e.g. apt-get install graphviz), or use --graphviz bundled"
    else:
        names = [graphviz]
        hint = "give the path of a Graphviz executable, or use --graphviz bundled"
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise EngineError(
        f"the Graphviz executable {names[0]!r} ({graphviz}) was not found; {hint}", "missing"
    )


def run_layout(
    dot_source: str,
    output_format: str,
    *,
    engine: str = "dot",
    graphviz: str = "bundled",
    timeout: float | None = DEFAULT_TIMEOUT,
    arguments: tuple[str, ...] = (),
    warnings: list[str] | None = None,
) -> bytes:
    """Lay out ``dot_source`` with layout ``engine`` and return it in ``output_format``.

    ``arguments`` go to the executable after ``-K`` and ``-T`` (e.g. ``-n2``, ``-Gsplines=false``).
    The engine's warnings, each once, are appended to ``warnings`` when it is given.

    Raises :class:`EngineError` when the executable is missing, exits non-zero or produces
    nothing, or runs longer than ``timeout`` seconds (it is then killed).
    """
    executable = find_executable(graphviz)
    job = LayoutJob(dot_source, output_format, engine, timeout, arguments)
    process = None
    try:
        with _held_signals() as mask:
            process = _start(executable, job, mask=mask)
        stdout, stderr = process.communicate(dot_source.encode("utf-8"), timeout=timeout)
    except subprocess.TimeoutExpired:
        assert process is not None
        _kill(process)
        raise _timeout(executable, job) from None
    except BaseException:  # Ctrl-C, SIGTERM of the CLI (SystemExit), a broken pipe
        if process is not None:
            _kill(process)
        raise
    _kill(process)  # what a wrapper script left running
    return _output(executable, job, process, stdout, stderr, warnings)


class LayoutJob(NamedTuple):
    """One layout for :func:`run_layouts`; the fields are :func:`run_layout`'s arguments.
    (A named tuple: a dataclass would cost every render almost a millisecond to define.)"""

    dot_source: str
    output_format: str
    engine: str = "dot"
    timeout: float | None = DEFAULT_TIMEOUT
    arguments: tuple[str, ...] = ()


def run_layouts(
    jobs: Sequence[LayoutJob],
    *,
    graphviz: str = "bundled",
    warnings: list[str] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[bytes | EngineError]:
    """Several layouts side by side: every engine is started before any is waited for.
    ``meanwhile`` is called while they run (work of the caller's that needs no layout).

    Gives, in the order of ``jobs``, each one's output or the :class:`EngineError` that
    :func:`run_layout` would have raised for it; a job's ``timeout`` counts from its own
    start. Warnings are appended in the order of the jobs. Raises only when the executable
    is missing or cannot be started, or when interrupted (Ctrl-C, SIGTERM), after killing
    every engine it started, as :func:`run_layout` does.

    >>> [len(svg) > 0 for svg in run_layouts([LayoutJob("digraph { a }", "svg")] * 2)]
    [True, True]
    """
    executable = find_executable(graphviz)
    processes: list[tuple[subprocess.Popen[bytes], float | None]] = []
    readers: list[threading.Thread] = []
    outcomes: list[tuple[bytes, bytes] | BaseException | None] = [None] * len(jobs)
    try:
        # Every engine starts before the first reader thread: a fork (the parent-death signal
        # needs preexec_fn, hence fork) is safest with no other thread running.
        for job in jobs:
            with _held_signals() as mask, _input(job.dot_source) as source:
                process = _start(executable, job, source, mask)  # its own descriptor
                processes.append((process, None if job.timeout is None else _now() + job.timeout))
        for index, (process, _) in enumerate(processes):
            reader = threading.Thread(
                target=_communicate, args=(process, outcomes, index), daemon=True
            )
            reader.start()
            readers.append(reader)
        if meanwhile is not None:
            meanwhile()
        results: list[bytes | EngineError] = []
        for index, job in enumerate(jobs):
            (process, deadline), reader = processes[index], readers[index]
            reader.join(None if deadline is None else max(0.0, deadline - _now()))
            if reader.is_alive():
                _stop(process, reader)
                results.append(_timeout(executable, job))
                continue
            outcome = outcomes[index]
            if not isinstance(outcome, tuple):  # the reader failed: OSError, MemoryError
                raise outcome or EngineError("the engine's output was lost", "failed")
            _stop(process, None)  # what a wrapper script left running
            try:
                results.append(_output(executable, job, process, *outcome, warnings))
            except EngineError as error:
                results.append(error)
        return results
    except BaseException:
        for index, (process, _) in enumerate(processes):
            _stop(process, readers[index] if index < len(readers) else None)
        raise


#: The signals that stop the command line (its handlers raise SystemExit or
#: KeyboardInterrupt, and the engines it started are then killed).
_STOPPING: Final = frozenset(
    s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None
)


@contextlib.contextmanager
def _held_signals() -> Iterator[frozenset[int] | None]:
    """Stopping signals wait while an engine is started and recorded, so that the engines
    killed on SIGTERM include one started a moment before it (a CI run caught that moment).
    Gives the signal mask as it was, for the engine to start with (None where signal masks
    do not exist)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield None
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield frozenset(map(int, before))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _start(
    executable: str,
    job: LayoutJob,
    stdin: IO[bytes] | int = subprocess.PIPE,
    mask: frozenset[int] | None = None,
) -> subprocess.Popen[bytes]:
    """Start the engine for ``job`` in a session of its own, with the signal mask ``mask``
    (the caller's, before :func:`_held_signals`)."""
    command = [executable, f"-K{job.engine}", f"-T{job.output_format}", *job.arguments]
    child_setup = None if mask is None else functools.partial(_in_child, mask)
    try:
        return subprocess.Popen(
            command,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "RUST_BACKTRACE": "0"},
            start_new_session=os.name == "posix",  # its own process group, killed as one
            preexec_fn=child_setup,
        )
    except OSError as error:
        raise EngineError(
            f"the Graphviz executable {executable} could not be started: {error.strerror}",
            "missing",
        ) from None


def _input(source: str) -> IO[bytes]:
    """The DOT in an unnamed file to give an engine as its input: it reads at once what a
    pipe would have had fed to it by a thread of ours, which waits for Python's lock while
    the caller works (in memory on Linux, else a temporary file)."""
    if hasattr(os, "memfd_create"):
        file: IO[bytes] = open(os.memfd_create("argmap-dot", os.MFD_CLOEXEC), "w+b")  # noqa: SIM115
    else:  # pragma: no cover - macOS, Windows
        import tempfile

        file = tempfile.TemporaryFile()  # noqa: SIM115
    with contextlib.ExitStack() as on_error:
        on_error.callback(file.close)
        file.write(source.encode("utf-8"))
        file.seek(0)
        on_error.pop_all()
    return file


def _communicate(
    process: subprocess.Popen[bytes],
    outcomes: list[tuple[bytes, bytes] | BaseException | None],
    index: int,
) -> None:
    """A reader thread of :func:`run_layouts`: collect what one engine writes."""
    try:
        outcomes[index] = process.communicate()
    except BaseException as error:  # handed to the caller's thread
        outcomes[index] = error


def _stop(process: subprocess.Popen[bytes], reader: threading.Thread | None) -> None:
    """Kill an engine's process group; its reader thread then sees the pipes close."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows has no process groups to kill
        with contextlib.suppress(OSError):
            process.kill()
    if reader is not None:
        reader.join(5)


def _timeout(executable: str, job: LayoutJob) -> EngineError:
    timeout = job.timeout if job.timeout is not None else 0.0
    return EngineError(
        f"the {job.engine} layout ({executable}) did not finish within {timeout:g} s; "
        + timeout_advice(),
        "timeout",
    )


def timeout_advice(
    faster: Sequence[str] = ("components", "blocks"), less: str = "--view speakers, "
) -> str:
    """What to do when a layout runs out of time, suggesting the ``faster`` arrangements
    (the engine does not know which one ran; :func:`argmap.draw.layout.timed_out` does) and
    the ``less`` to draw besides a part (none, for the speakers view itself).

    >>> print(timeout_advice(["blocks"]))  # doctest: +NORMALIZE_WHITESPACE
    raise --timeout, try a faster layout (--layout blocks), or draw less (--view speakers,
    --focus ID, --speaker ID); in Python: timeout=, layout=, view=, focus=, speakers=
    >>> print(timeout_advice([], less=""))
    raise --timeout, or draw less (--focus ID, --speaker ID); in Python: timeout=, focus=, speakers=
    """
    layouts = ", ".join(f"--layout {name}" for name in faster)
    tried = f"try a faster layout ({layouts}), " if faster else ""
    python = ["timeout", *["layout"] * bool(faster), *["view"] * bool(less), "focus", "speakers"]
    return (
        f"raise --timeout, {tried}or draw less ({less}--focus ID, --speaker ID); "
        f"in Python: {', '.join(name + '=' for name in python)}"
    )


def _output(
    executable: str,
    job: LayoutJob,
    process: subprocess.Popen[bytes],
    stdout: bytes,
    stderr: bytes,
    warnings: list[str] | None,
) -> bytes:
    """What the engine wrote, its warnings added to ``warnings``; or why it failed."""
    messages = _messages(stderr)
    if warnings is not None:
        for line in engine_warnings(stderr):
            if line not in warnings:
                warnings.append(line)
    if process.returncode != 0 or not stdout:
        detail = f": {messages}" if messages else ""
        status = (
            f"was killed by signal {-process.returncode}"
            if process.returncode < 0
            else f"exited with status {process.returncode}"
        )
        raise EngineError(
            f"Graphviz ({executable} -K{job.engine} -T{job.output_format}) {status}{detail}",
            "failed",
        )
    return stdout


def _in_child(mask: frozenset[int]) -> None:  # pragma: no cover - in the child
    """Between fork and exec: the signal mask the caller had, and on Linux SIGKILL for the
    engine when argmap dies, even by SIGKILL (``PR_SET_PDEATHSIG``)."""
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # argmap died before the call: do not run orphaned
            os._exit(1)


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the engine's whole process group (a wrapper and its children too) and reap it."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:  # pragma: no cover - Windows has no process groups to kill
        process.kill()
    with contextlib.suppress(OSError, ValueError):
        process.communicate(timeout=5)


#: What the bundled engine's warning about non-ASCII widths means, said once for a rendering
#: that argmap does not finish itself (PNG, DOT): a finished SVG has every line centred.
NON_ASCII_WIDTHS: Final = (
    "the layout engine has no widths for non-ASCII characters and measures each of their "
    "bytes as a space; argmap pads lines that would be measured too narrow so that they fit "
    "their boxes, and lines with typographic quotes may look slightly off-centre here (the "
    "SVG output centres every line)"
)


def engine_warnings(stderr: bytes) -> list[str]:
    r"""The distinct warnings in an engine's error output, each once, in order; the bundled
    engine's many warnings about character widths become one line (:data:`NON_ASCII_WIDTHS`).

    >>> width = b"Warning: no value for width of non-ASCII character 226.\n"
    >>> engine_warnings(width * 3 + b"Warning: x\nWarning: x\n") == [NON_ASCII_WIDTHS, "x"]
    True
    """
    found: list[str] = []
    for line in stderr.decode("utf-8", "replace").splitlines():
        text = line.strip()
        while text.lower().startswith("warning:"):
            text = text[len("warning:") :].strip()
        if not text:
            continue
        if "no value for width" in text:
            text = NON_ASCII_WIDTHS
        if text not in found:
            found.append(text)
    return found


def _messages(stderr: bytes) -> str:
    """What the engine said, for an error message: its own lines, without the warnings about
    character widths the bundled engine lacks, and without a Rust panic's backtrace and notes
    (the first line of a panic says what went wrong).

    >>> _messages(b"thread 'main' panicked at src/x.rs:1:2:\\nindex out of bounds\\n"
    ...           b"note: run with `RUST_BACKTRACE=1` to display a backtrace\\n"
    ...           b"stack backtrace:\\n   0: rust_begin_unwind\\n")
    "thread 'main' panicked at src/x.rs:1:2: index out of bounds"
    """
    lines = stderr.decode("utf-8", "replace").splitlines()
    kept: list[str] = []
    for line in lines:
        if line.startswith("stack backtrace:"):
            break
        if not line.strip() or "no value for width" in line or line.startswith("note: "):
            continue
        kept.append(line.strip())
    return " ".join(kept)[:500]
