"""A rendered map: its bytes and their format, saved to a file or shown in Jupyter.

:func:`argmap.draw.pipeline.render` makes a :class:`Rendering`; this module holds what it
is and the output formats and file suffixes it can have (which the command line reads too,
without importing the drawing modules).

>>> picture = Rendering(b"<svg/>", "svg")
>>> picture.text, bytes(picture)
('<svg/>', b'<svg/>')
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Final

from argmap.errors import UsageError
from argmap.files import write_atomic

__all__ = ["FORMATS", "SUFFIXES", "Rendering"]

#: Output formats and what each is: the DOT text itself, or a picture laid out by Graphviz.
FORMATS: Final = {
    "svg": "SVG picture (scalable; for reports and web pages)",
    "png": "PNG picture",
    "pdf": "PDF document (a system Graphviz's own; with the bundled one, the SVG converted "
    "by the optional cairosvg: pip install 'argmap[pdf]')",
    "dot": "Graphviz DOT source, not laid out",
    "mermaid": "Mermaid flowchart (claims view; for Markdown on GitHub and GitLab)",
}
_TEXT_FORMATS: Final = frozenset({"svg", "dot", "mermaid"})
#: File suffixes that name an output format (``argmap render -o``, :meth:`Rendering.save`);
#: the first of each format is its own.
SUFFIXES: Final = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
}


@dataclass(frozen=True)
class Rendering:
    """A rendered map: its bytes and their format. Displays itself in Jupyter.

    ``warnings`` are what the layout engine warned about, each once, the fallbacks taken
    when a layout ran out of time, and advice for maps too large to read on a page;
    ``layout`` says which layout drew it and why.
    """

    data: bytes
    format: str
    warnings: tuple[str, ...] = ()
    layout: str = ""

    @property
    def text(self) -> str:
        """The rendering as text (SVG, DOT and Mermaid only)."""
        if self.format not in _TEXT_FORMATS:
            raise UsageError(f"a {self.format} rendering is binary, not text")
        return self.data.decode("utf-8")

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the rendering to ``path`` atomically. A name whose suffix stands for another
        format is refused: the file would not be what its name says.

        >>> Rendering(b"<svg/>", "svg").save("map.png")
        Traceback (most recent call last):
        argmap.errors.UsageError: map.png: a .png file holds png, and this rendering is svg: \
render the map with format='png', or save it as .svg
        """
        suffix = os.path.splitext(path)[1].lower()
        named = SUFFIXES.get(suffix)
        if named is not None and named != self.format:
            own = next((s for s, f in SUFFIXES.items() if f == self.format), "")
            raise UsageError(
                f"a {suffix} file holds {named}, and this rendering is {self.format}: "
                f"render the map with format={named!r}" + (f", or save it as {own}" if own else ""),
                os.fspath(path),
            )
        write_atomic(path, self.data)

    def __bytes__(self) -> bytes:
        return self.data

    def __repr__(self) -> str:
        """What it is, not its bytes (a notebook keeps the repr beside the picture).

        >>> Rendering(b"<svg/>", "svg", (), "flow: reads well")
        <Rendering svg, 6 bytes, flow: reads well>
        """
        count = len(self.warnings)
        warned = f", {count} warning{'s' if count > 1 else ''}" if count else ""
        return f"<Rendering {self.format}, {len(self.data):,} bytes{warned}, {self.layout}>"

    def _repr_svg_(self) -> str | None:
        return self.text if self.format == "svg" else None

    def _repr_png_(self) -> bytes | None:
        return self.data if self.format == "png" else None

    def _repr_markdown_(self) -> str | None:
        # Mermaid draws itself where Markdown renders it; DOT shows as its source.
        if self.format in ("mermaid", "dot"):
            return f"```{self.format}\n{self.text}```"
        return None
