"""Render many maps at once, in parallel worker processes; one bad map stops nothing.

>>> jobs = plan(["maps/hanoi_2019.json"], "svg", output_folder=None)
>>> [(job.map_file, job.target) for job in jobs]
[('maps/hanoi_2019.json', 'maps/hanoi_2019.svg')]
>>> [outcome.error for outcome in render_all(jobs, workers=1)]   # doctest: +SKIP
[None]
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from argmap.draw.pipeline import RenderOptions, render
from argmap.errors import ArgmapError, MapError, OutputError
from argmap.files import inputs_of, refuse_inputs
from argmap.formats import read_with_warnings
from argmap.mapfile import DEFAULT_MAX_BYTES

__all__ = ["MAP_SUFFIXES", "Job", "Outcome", "expand", "plan", "render_all", "render_one"]

#: The files a folder given as input contributes: those an importer reads.
MAP_SUFFIXES: Final = (".json", ".argdown", ".ad", ".xml")


@dataclass(frozen=True)
class Job:
    """One map to render: where it is, where its picture goes, in which format."""

    map_file: str
    target: str
    format: str


@dataclass(frozen=True)
class Outcome:
    """How one job went: ``error`` is ``None`` on success, else the message to show."""

    job: Job
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def expand(inputs: Iterable[str]) -> list[str]:
    """The map files named by ``inputs``: files as given, folders as their map files (sorted)."""
    files: list[str] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            files += sorted(
                str(p) for p in path.iterdir() if p.suffix.lower() in MAP_SUFFIXES and p.is_file()
            )
        else:
            files.append(name)
    return files


def plan(
    map_files: Iterable[str],
    fmt: str,
    output_folder: str | None,
    *,
    from_format: str | None = None,
) -> list[Job]:
    """A job per map: its picture beside it, or in ``output_folder``, named after the map
    (``fmt`` is the pictures' format, ``from_format`` the maps' when not told by content).

    Two maps whose pictures would be the same file (``d1/m.json`` and ``d2/m.json`` with
    ``-o out``), or a picture that would replace one of the maps or the source text one of
    them names, are refused with :class:`OutputError` before anything is rendered: one
    picture silently replacing another is lost work, and renaming them would make names
    nobody asked for. (Each job also refuses to replace its own map and source text.)
    """
    jobs = []
    for map_file in map_files:
        name = Path(map_file).with_suffix(f".{fmt}" if fmt != "mermaid" else ".mmd").name
        folder = Path(output_folder) if output_folder is not None else Path(map_file).parent
        jobs.append(Job(map_file, str(folder / name), fmt))
    # A picture could replace another map's source text only where a file is already there:
    # the maps are read for the texts they name only then (a first render reads them once).
    replacing = len(jobs) > 1 and any(os.path.lexists(job.target) for job in jobs)
    read = {  # what the maps read: the source text they name, and themselves
        _identity(text): f"the source text of {job.map_file}"
        for job in (jobs if replacing else ())
        for text in _source_texts(job.map_file, from_format)
    }
    read.update({_identity(job.map_file): f"the map {job.map_file}" for job in jobs})
    pictures: dict[Path, Path] = {}  # picture -> the map it draws
    for job in jobs:
        target, source = _identity(job.target), _identity(job.map_file)
        if target in read:
            problem = f"would replace {read[target]}"
        elif pictures.setdefault(target, source) != source:
            problem = f"is also the picture of {pictures[target]}"
        else:
            continue  # a new picture, or the same map named twice: the same bytes
        raise OutputError(
            f"{job.target}, the picture of {job.map_file}, {problem}; render these maps "
            "separately or into different folders"
        )
    return jobs


def _source_texts(map_file: str, from_format: str | None) -> list[str]:
    """The source text the map names, if any (a map that cannot be read names none here:
    :func:`render_one` reports it)."""
    try:
        argument_map = read_with_warnings(map_file, from_format).map
    except (ArgmapError, OSError):
        return []
    return [path for path in inputs_of(map_file, argument_map, None) if path != map_file]


def render_one(
    job: Job,
    options: RenderOptions | Mapping[str, Any] | None = None,
    *,
    from_format: str | None = None,
    source_text: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Outcome:
    """Read, render and save one map through :func:`argmap.draw.pipeline.render_file`, as a
    single render does; every failure becomes the outcome's ``error``, the importer's warnings
    its ``warnings``."""
    try:
        refuse_inputs(job.target, inputs_of(job.map_file, None, None))
        argument_map, warnings = read_with_warnings(
            job.map_file, from_format, source_text=source_text, max_bytes=max_bytes
        )
        if source_text is None:  # else the CLI checked the --source-text file
            refuse_inputs(job.target, inputs_of(job.map_file, argument_map, None))
        picture = render(argument_map, job.format, _options(options))
        picture.save(job.target)
    except MapError as error:
        return Outcome(job, "\n".join(error.lines()))
    except ArgmapError as error:
        return Outcome(job, f"{job.map_file}: {error}")
    except OSError as error:
        return Outcome(job, f"{job.target}: cannot be written: {error.strerror or error}")
    return Outcome(job, None, [*warnings, *picture.warnings])


def render_all(
    jobs: list[Job],
    options: RenderOptions | Mapping[str, Any] | None = None,
    workers: int | None = None,
    *,
    from_format: str | None = None,
    source_text: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Outcome]:
    """Render every job, ``workers`` at a time in separate processes (default: one per core),
    yielding each outcome as it finishes. ``options`` may also be a mapping of
    :class:`RenderOptions` fields (deprecated)."""
    chosen = _options(options)
    reading: dict[str, Any] = {
        "from_format": from_format,
        "source_text": source_text,
        "max_bytes": max_bytes,
    }
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) == 1:
        for job in jobs:
            yield render_one(job, chosen, **reading)
        return
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_worker_signals)
    try:
        futures = [pool.submit(render_one, job, chosen, **reading) for job in jobs]
        for future in as_completed(futures):
            yield future.result()
    except BaseException:  # Ctrl-C, SIGTERM (SystemExit), or the caller stopped iterating
        _stop(pool)
        raise
    pool.shutdown()


def _worker_signals() -> None:
    """A worker leaves Ctrl-C to the batch and dies at once when the batch ends it: the
    command line's SIGTERM handler, inherited, made a worker take the next map instead (the
    pool's worker survives any exception of a job)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: the maps not started are dropped and the workers drawing are
    ended (their engines die with them). Leaving the pool's ``with`` would have waited for
    every map still queued: Ctrl-C took 15 s to act, SIGTERM not until the batch was done.
    (Python before 3.14 has no public way to end the workers: ``_processes``.)"""
    workers = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(5)


def _identity(path: str) -> Path:
    """The file ``path`` names, links and other spellings resolved (not yet existing: its
    absolute path)."""
    return Path(path).resolve()


def _options(options: RenderOptions | Mapping[str, Any] | None) -> RenderOptions:
    if isinstance(options, RenderOptions):
        return options
    return RenderOptions().replace(**(options or {}))
