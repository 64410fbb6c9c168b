"""Deprecated: moved to argmap.draw.pipeline, argmap.draw.svg; this module re-exports it.

Kept so that code written for argmap 0.1 runs unchanged; new code imports from the new
place (see ARCHITECTURE.md). It will be removed in a later release.
"""

from __future__ import annotations

from argmap.draw.pipeline import FORMATS, Rendering, RenderOptions, render, render_file
from argmap.draw.svg import finish_svg, svg_to_pdf, xml_escape

__all__ = [
    "FORMATS",
    "RenderOptions",
    "Rendering",
    "finish_svg",
    "render",
    "render_file",
    "svg_to_pdf",
    "xml_escape",
]
