"""Deprecated: moved to argmap.draw.dot; this module re-exports it.

Kept so that code written for argmap 0.1 runs unchanged; new code imports from the new
place (see ARCHITECTURE.md). It will be removed in a later release.
"""

from __future__ import annotations

from argmap.draw.dot import (
    COLOR_BY,
    TOOLTIP_LIMIT,
    TOOLTIP_TOKEN,
    WRAP_WIDTH,
    claims_dot,
    html_text,
    page,
    relation_tip,
    speaker_label,
    speaker_tip,
    tooltip,
    tooltip_slot,
)
from argmap.draw.dotsyntax import quote_tooltip

__all__ = [
    "COLOR_BY",
    "TOOLTIP_LIMIT",
    "TOOLTIP_TOKEN",
    "WRAP_WIDTH",
    "claims_dot",
    "html_text",
    "page",
    "quote_tooltip",
    "relation_tip",
    "speaker_label",
    "speaker_tip",
    "tooltip",
    "tooltip_slot",
]

# The private names of 0.1 that its tests used.
_relation_tip = relation_tip
_speaker_tip = speaker_tip
_speaker_label = speaker_label
_quote_tooltip = quote_tooltip
