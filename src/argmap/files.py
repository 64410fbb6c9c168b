"""Safe output files: written atomically, never over an input.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(folder / "out.svg", b"<svg/>")
>>> (folder / "out.svg").read_bytes()
b'<svg/>'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from argmap.errors import OutputError

__all__ = ["OutputError", "same_file", "write_atomic"]


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file (through links and different spellings)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed to disk, and replace
    ``path`` in one rename; on any failure the temporary file is removed and ``path`` is left
    as it was. The folder must exist (:class:`OutputError` otherwise).
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {str(folder)!r} does not exist")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
