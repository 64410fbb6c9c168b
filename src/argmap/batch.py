"""Deprecated: moved to argmap.draw.batch; this module re-exports it.

Kept so that code written for argmap 0.1 runs unchanged; new code imports from the new
place (see ARCHITECTURE.md). It will be removed in a later release.
"""

from __future__ import annotations

from argmap.draw.batch import MAP_SUFFIXES, Job, Outcome, expand, plan, render_all, render_one

__all__ = [
    "MAP_SUFFIXES",
    "Job",
    "Outcome",
    "expand",
    "plan",
    "render_all",
    "render_one",
]
