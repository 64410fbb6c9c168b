"""Safe output files: written atomically, never over an input, never over a device.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "out.svg", b"<svg/>")
>>> (folder / "out.svg").read_bytes()
b'<svg/>'
>>> write_atomic("/dev/null", b"<svg/>")      # a device is written to, never replaced
>>> refuse_inputs(folder / "out.svg", {str(folder / "out.svg"): "the map itself"})
Traceback (most recent call last):
argmap.errors.OutputError: ...out.svg is the map itself, read in this run; choose another output

Temporary files are named ``.argmap-<name>.<random>.tmp`` beside the target. They are removed
on every failure, also when the command line is stopped by SIGTERM, SIGHUP or Ctrl-C; only
SIGKILL (which no program can catch) or a power cut leaves one behind, recognisable by that
name and ignored by argmap (and by git, through ``*.tmp``).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from argmap.errors import OutputError
from argmap.model import ArgumentMap

__all__ = [
    "TEMPORARY_PREFIX",
    "OutputError",
    "inputs_of",
    "refuse_inputs",
    "same_file",
    "write_atomic",
    "writes_in_place",
]

#: How the name of every temporary file argmap writes begins (it ends in ``.tmp``).
TEMPORARY_PREFIX: Final = ".argmap-"
# Folders of special files: what is there is written to directly, nothing is created there.
_SPECIAL_FOLDERS: Final = (Path("/dev"), Path("/proc"), Path("/sys"))


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file (through links and different spellings)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def refuse_inputs(target: str | os.PathLike[str], inputs: Mapping[str, str]) -> None:
    """Raise :class:`OutputError` when ``target`` is one of ``inputs`` (path -> what it is,
    e.g. ``"the map"``, ``"the source text"``): an output never replaces what the same run
    read."""
    for path, what in inputs.items():
        if same_file(target, path):
            raise OutputError(f"{target} is {what}, read in this run; choose another output")


def inputs_of(
    map_file: str,
    argument_map: ArgumentMap | None,
    source_text: str | None,
    name: str = "the map itself",
) -> dict[str, str]:
    """The files a command read for a map (path -> what it is): the map and the source text
    it was checked against (``--source-text``, else the map's ``source.text``), which no output
    of the same run may replace (:func:`argmap.files.refuse_inputs`)."""
    inputs = {map_file: name}
    if source_text is not None:
        inputs[source_text] = "the source text given with --source-text"
    elif argument_map is not None and argument_map.source and argument_map.source.text:
        named = os.path.join(os.path.dirname(map_file), argument_map.source.text)
        inputs[named] = "the source text the map names"
    return inputs


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed to disk, and replace
    ``path`` in one rename; on any failure the temporary file is removed and ``path`` is left
    as it was. The folder must exist (:class:`OutputError` otherwise).

    A target that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a
    terminal, a named pipe) is written to directly, as a shell redirection would: there is no
    file to replace. Nothing new is created in ``/dev``, ``/proc`` or ``/sys``; a folder is
    refused.
    """
    target = Path(path)
    if os.fspath(path).endswith(("/", os.sep)):  # Path() drops the slash: y.svg/ is y.svg
        raise OutputError(f"{os.fspath(path)} ends in '/', which names a folder; give a file name")
    special = _in_special_folder(target)
    try:
        mode: int | None = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise OutputError(f"{target}: cannot be written: {error.strerror}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(f"{target} is a folder; give a file name")
    if mode is not None and (special or not stat.S_ISREG(mode)):
        # A device or pipe: no rename over it. Appending, because /dev/stdout may be a file
        # the shell opened ('>> log'), which opening it to write would empty.
        with open(target, "ab") as stream:
            stream.write(data)
        return
    folder = target.parent
    if special:
        raise OutputError(f"{target}: argmap does not create files in {folder}")
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {str(folder)!r} does not exist")
    descriptor, temporary = tempfile.mkstemp(
        prefix=f"{TEMPORARY_PREFIX}{target.name[:100]}.", suffix=".tmp", dir=folder
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:  # also SystemExit from the command line's SIGTERM handler
        Path(temporary).unlink(missing_ok=True)
        raise


def writes_in_place(path: str | os.PathLike[str]) -> bool:
    """Whether :func:`write_atomic` writes straight into ``path`` (a device, a terminal, a
    named pipe, anything in ``/dev``) instead of replacing a file: there is then no folder the
    output lands in.

    >>> writes_in_place("/dev/null"), writes_in_place("map.svg")
    (True, False)
    """
    target = Path(path)
    try:
        return _in_special_folder(target) or not stat.S_ISREG(os.stat(target).st_mode)
    except OSError:  # nothing there yet (or unreadable): a file will be created
        return False


def _in_special_folder(target: Path) -> bool:
    """Whether ``target`` (as given or with links resolved) lies in /dev, /proc or /sys."""
    spellings = {target.absolute().parent, target.parent.resolve()}
    return any(
        folder == special or special in folder.parents
        for folder in spellings
        for special in _SPECIAL_FOLDERS
    )
