"""Deprecated: moved to argmap.draw.theme; this module re-exports it.

Kept so that code written for argmap 0.1 runs unchanged; new code imports from the new
place (see ARCHITECTURE.md). It will be removed in a later release.
"""

from __future__ import annotations

from argmap.draw.theme import (
    DEFAULT_THEME,
    FONT_STACK,
    LAYOUT_FONT,
    THEMES,
    EdgeStyle,
    SpeakerColors,
    Theme,
)

__all__ = [
    "DEFAULT_THEME",
    "FONT_STACK",
    "LAYOUT_FONT",
    "THEMES",
    "EdgeStyle",
    "SpeakerColors",
    "Theme",
]
