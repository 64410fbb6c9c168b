"""Deprecated: moved to argmap.draw.mermaid; this module re-exports it.

Kept so that code written for argmap 0.1 runs unchanged; new code imports from the new
place (see ARCHITECTURE.md). It will be removed in a later release.
"""

from __future__ import annotations

from argmap.draw.mermaid import escape, mermaid_flowchart

__all__ = [
    "escape",
    "mermaid_flowchart",
]
