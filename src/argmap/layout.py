"""Deprecated: moved to argmap.draw.layout; this module re-exports it.

Kept so that code written for argmap 0.1 runs unchanged; new code imports from the new
place (see ARCHITECTURE.md). It will be removed in a later release.
"""

from __future__ import annotations

from argmap.draw.layout import (
    DOT_MAX_CLAIMS,
    SFDP_MAX_CLAIMS,
    Layout,
    block_positions,
    choose_layout,
)

__all__ = [
    "DOT_MAX_CLAIMS",
    "SFDP_MAX_CLAIMS",
    "Layout",
    "block_positions",
    "choose_layout",
]
