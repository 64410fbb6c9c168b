"""Deprecated: moved to argmap.draw.views; this module re-exports it.

Kept so that code written for argmap 0.1 runs unchanged; new code imports from the new
place (see ARCHITECTURE.md). It will be removed in a later release.
"""

from __future__ import annotations

from argmap.draw.views import (
    STANCES,
    VIEWS,
    pen_width,
    select,
    speaker_graph,
    speaker_links,
    speakers_dot,
)

__all__ = [
    "STANCES",
    "VIEWS",
    "pen_width",
    "select",
    "speaker_graph",
    "speaker_links",
    "speakers_dot",
]
