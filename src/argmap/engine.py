"""Deprecated: moved to argmap.draw.engine; this module re-exports it.

Kept so that code written for argmap 0.1 runs unchanged; new code imports from the new
place (see ARCHITECTURE.md). It will be removed in a later release.
"""

from __future__ import annotations

from argmap.draw.engine import (
    BUNDLED,
    DEFAULT_TIMEOUT,
    LAYOUT_ENGINES,
    EngineError,
    find_executable,
    run_layout,
)

__all__ = [
    "BUNDLED",
    "DEFAULT_TIMEOUT",
    "LAYOUT_ENGINES",
    "EngineError",
    "find_executable",
    "run_layout",
]
