"""Deprecated: moved to argmap.draw.layout; this module re-exports it.

Kept so that code written for argmap 0.1 runs unchanged; new code imports from the new
place (see ARCHITECTURE.md). It will be removed in a later release.
"""

from __future__ import annotations

from typing import Final

from argmap.draw.layout import (
    ARRANGEMENTS,
    COMPARE_MAX_CLAIMS,
    Layout,
    block_positions,
    choose_layout,
    plan,
)

#: No longer used: the automatic layout is now chosen by measuring candidates (up to
#: COMPARE_MAX_CLAIMS claims) and by a time budget with fallbacks, not by these thresholds.
DOT_MAX_CLAIMS: Final = 150
SFDP_MAX_CLAIMS: Final = 1_000

__all__ = [
    "ARRANGEMENTS",
    "COMPARE_MAX_CLAIMS",
    "DOT_MAX_CLAIMS",
    "SFDP_MAX_CLAIMS",
    "Layout",
    "block_positions",
    "choose_layout",
    "plan",
]
