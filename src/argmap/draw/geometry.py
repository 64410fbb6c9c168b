"""Measure a rendered map: does it read in a report column?

:func:`read_svg` reads the SVG that argmap writes (Graphviz's, with argmap's ids and classes)
into boxes, edges and texts; :func:`measure` gives the numbers a picture is judged by:

- ``text_px``: the height of the smallest claim text when the picture is scaled to a column
  ``column`` pixels wide (900 by default, a report column); readers need at least 8;
- ``aspect``: height over width (a report page takes at most about 2);
- ``overlaps``: pairs of boxes (claims, speakers, legend) that overlap;
- ``edges_through``: edges that run through a claim box other than their own ends, or through
  a speaker's title;
- ``crossings``: points where two edges that share no end cross;
- ``fitted_px``: the smallest claim text when the picture is fitted into a column ``column``
  pixels wide and at most twice as high (:func:`fitted_text_px`): one number for how well a
  picture reads on a report page, used to choose among layouts.

>>> svg = '''<svg width="200pt" height="100pt" xmlns="http://www.w3.org/2000/svg">
... <g id="graph0" class="graph">
... <g id="claim-a" class="node"><title>a</title><polygon points="0,0 50,0 50,-20 0,-20 0,0"/>
... <text x="5" y="-5" font-size="11.00">A</text></g>
... <g id="claim-b" class="node"><title>b</title><polygon points="100,0 150,0 150,-20 100,-20"/>
... <text x="105" y="-5" font-size="11.00">B</text></g>
... <g id="claim-c" class="node"><title>c</title><polygon points="60,0 90,0 90,-20 60,-20"/></g>
... <g id="relation-r1" class="edge"><title>a&#45;&gt;b</title>
... <path d="M50,-10C70,-10 80,-10 100,-10"/></g>
... </g></svg>'''
>>> m = measure(svg)
>>> m.width, m.height, m.text_px, m.overlaps, m.edges_through, m.crossings
(200.0, 100.0, 49.5, 0, 1, 0)
>>> m.fitted_px, fitted_text_px(11, 900, 3600)      # a tall picture is shrunk to fit
(49.5, 5.5)
"""

from __future__ import annotations

import html
import io
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from argmap.draw.fonts import text_width

__all__ = [
    "COLUMN",
    "READABLE_PX",
    "Box",
    "Edge",
    "Measures",
    "Picture",
    "TextLine",
    "column_px",
    "crossings",
    "edges_through",
    "fitted_text_px",
    "measure",
    "picture_size",
    "read_svg",
    "reads_well",
    "smallest_text",
    "text_px",
]

#: The width (pixels) of the report column that pictures are judged in.
COLUMN: Final = 900
#: The smallest text (pixels) that reads comfortably in that column.
READABLE_PX: Final = 8.0
_SVG: Final = "{http://www.w3.org/2000/svg}"
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
# Boxes are shrunk by this much (points) before testing edges against them: an edge that
# ends on a box's border, or an arrowhead that touches it, is not through it.
_TOLERANCE: Final = 1.0


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in the picture's coordinates (points, y down)."""

    name: str
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: Box, tolerance: float = 0.5) -> bool:
        """Whether the two rectangles share more than a border ``tolerance`` wide.

        >>> Box("a", 0, 0, 10, 10).overlaps(Box("b", 9, 9, 20, 20))
        True
        >>> Box("a", 0, 0, 10, 10).overlaps(Box("b", 10, 0, 20, 10))
        False
        """
        return (
            self.left < other.right - tolerance
            and other.left < self.right - tolerance
            and self.top < other.bottom - tolerance
            and other.top < self.bottom - tolerance
        )

    def contains(self, other: Box, tolerance: float = 0.5) -> bool:
        """Whether ``other`` lies inside this box (give or take ``tolerance``)."""
        return (
            self.left - tolerance <= other.left
            and self.top - tolerance <= other.top
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def shrunk(self, by: float) -> Box:
        return Box(self.name, self.left + by, self.top + by, self.right - by, self.bottom - by)


@dataclass(frozen=True, slots=True)
class Edge:
    """A drawn edge: its Graphviz tail and head node names and its course as a polyline."""

    name: str
    tail: str
    head: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class TextLine:
    """One ``<text>`` element: its owner (a node or cluster name), size and extent."""

    owner: str
    text: str
    size: float
    box: Box


@dataclass(frozen=True)
class Picture:
    """What :func:`read_svg` finds in an SVG: sizes in points, boxes by Graphviz name."""

    width: float
    height: float
    claims: dict[str, Box]  # claim node name -> its box
    clusters: dict[str, Box]  # speaker boxes (and the legend's) by their SVG id
    titles: list[Box]  # the text lines of speakers' names and roles
    edges: list[Edge]
    texts: list[TextLine]


@dataclass(frozen=True)
class Measures:
    """The numbers a picture is judged by (see the module's documentation)."""

    width: float  # points
    height: float  # points
    text_px: float  # smallest claim text, pixels, in a COLUMN-pixel-wide column
    aspect: float  # height / width
    overlaps: int
    edges_through: int  # edges (not boxes) that run through a box or title
    crossings: int
    edges: int
    claims: int
    fitted_px: float  # smallest claim text, pixels, fitted into COLUMN × 2·COLUMN

    def score(self) -> float:
        """What layouts are compared by, larger is better: the text size fitted on a page
        (``fitted_px``), less a share for tangles: a quarter for each crossing per edge, a
        whole for each overlap or edge through a box per edge, together at most three
        quarters. (On the Hanoi map the flow layout's 30 crossings on 46 edges cost 16 %.)

        >>> Measures(900, 900, 11, 1, 0, 0, 40, 40, 40, 11).score()  # 40 crossings, 40 edges
        8.25
        """
        edges = max(self.edges, 1)
        tangle = self.crossings / (4 * edges) + (self.overlaps + self.edges_through) / edges
        return round(self.fitted_px * (1 - min(tangle, 0.75)), 2)

    def row(self) -> dict[str, str]:
        """The measures formatted for a table row."""
        return {
            "size (pt)": f"{self.width:.0f} × {self.height:.0f}",
            "text px": f"{self.text_px:.1f}",
            "h/w": f"{self.aspect:.2f}",
            "overlaps": str(self.overlaps),
            "edges through": f"{self.edges_through}/{self.edges}",
            "crossings": str(self.crossings),
        }


def read_svg(svg: str | bytes) -> Picture:
    """Boxes, edges and texts of an SVG written by argmap (see :func:`measure`)."""
    root = ET.fromstring(svg)
    width, height = (_points(root.get(key, "0")) for key in ("width", "height"))
    claims: dict[str, Box] = {}
    clusters: dict[str, Box] = {}
    titles: list[Box] = []
    edges: list[Edge] = []
    texts: list[TextLine] = []
    for group in root.iter(f"{_SVG}g"):
        kind = group.get("class", "").split()
        ident = group.get("id", "")
        title = html.unescape(group.findtext(f"{_SVG}title", default=""))
        if "node" in kind and ident.startswith("claim-"):
            box = _shape_box(group, title)
            if box is not None:
                claims[title] = box
                texts.extend(_texts(group, title))
        elif "cluster" in kind or ("node" in kind and ident.startswith("speaker-")):
            box = _shape_box(group, ident)
            if box is not None and "cluster" in kind:
                clusters[ident] = box
            if ident.startswith("speaker-"):
                titles.extend(line.box for line in _texts(group, ident))
        elif "edge" in kind and "->" in title:
            tail, head = title.split("->", 1)
            path = group.find(f".//{_SVG}path")
            if path is not None:
                edges.append(Edge(ident or title, tail, head, _polyline(path.get("d", ""))))
    return Picture(width, height, claims, clusters, titles, edges, texts)


def picture_size(svg: bytes) -> tuple[float, float]:
    """The width and height of an SVG picture in points, from its root element alone (the
    rest of the document is not read).

    >>> picture_size(b'<svg xmlns="http://www.w3.org/2000/svg" width="120pt" height="9pt"/>')
    (120.0, 9.0)
    """
    for _, root in ET.iterparse(io.BytesIO(svg), events=("start",)):
        return _points(root.get("width", "0")), _points(root.get("height", "0"))
    return 0.0, 0.0  # pragma: no cover - iterparse raises on a document without an element


def smallest_text(picture: Picture) -> float:
    """The point size of the smallest claim text (each claim's largest line: its statement,
    not the kind noted under it)."""
    sizes: dict[str, float] = {}
    for line in picture.texts:
        sizes[line.owner] = max(sizes.get(line.owner, 0.0), line.size)
    return min(sizes.values(), default=0.0)


def text_px(svg: str | bytes, column: int = COLUMN) -> float:
    """Pixels of the smallest claim text with the picture ``column`` pixels wide: the one
    measure that takes time linear in the picture's size (crossings do not)."""
    picture = read_svg(svg)
    return round(column_px(smallest_text(picture), picture.width, column), 2)


def column_px(size: float, width: float, column: int = COLUMN) -> float:
    """Pixels of ``size``-point text once a picture ``width`` points wide is scaled to a
    column ``column`` pixels wide (0 without a width): ``column_px(11, 1100) == 9.0``."""
    return size * column / width if width > 0 else 0.0


def measure(svg: str | bytes | Picture, column: int = COLUMN) -> Measures:
    """The measures of a rendered picture, or of one :func:`read_svg` has read (see the
    module's documentation)."""
    picture = svg if isinstance(svg, Picture) else read_svg(svg)
    smallest = smallest_text(picture)
    text_px = column_px(smallest, picture.width, column)
    return Measures(
        width=picture.width,
        height=picture.height,
        text_px=round(text_px, 2),
        aspect=round(picture.height / picture.width, 3) if picture.width else 0.0,
        overlaps=_overlaps(picture),
        edges_through=len({edge for edge, _ in edges_through(picture)}),
        crossings=crossings(picture),
        edges=len(picture.edges),
        claims=len(picture.claims),
        fitted_px=round(fitted_text_px(smallest, picture.width, picture.height, column), 2),
    )


def reads_well(picture: Picture, column: int = COLUMN) -> bool:
    """Whether a picture reads well on a report page as it is: it fits a column ``column``
    pixels wide by its width (it is at most twice as high as wide), its smallest claim text
    is at least :data:`READABLE_PX` there, no boxes overlap and no edge runs through a box
    or a speaker's title. (Crossings, the one measure that grows with the square of the
    edges, are not counted.)"""
    if picture.width <= 0 or picture.height > 2 * picture.width:
        return False
    if column_px(smallest_text(picture), picture.width, column) < READABLE_PX:
        return False
    return _overlaps(picture) == 0 and not edges_through(picture)


def fitted_text_px(size: float, width: float, height: float, column: int = COLUMN) -> float:
    """Pixels that text of ``size`` points measures when a ``width`` × ``height`` point
    picture is scaled to fit a column ``column`` pixels wide and twice as high."""
    if width <= 0 or height <= 0:
        return 0.0
    return size * min(column / width, 2 * column / height)


def _overlaps(picture: Picture) -> int:
    """Pairs of claim boxes that overlap, and pairs of speaker boxes that overlap without
    one holding the other."""
    count = _pairs_overlapping(list(picture.claims.values()))
    clusters = list(picture.clusters.values())
    for i, a in enumerate(clusters):
        for b in clusters[i + 1 :]:
            if a.overlaps(b) and not a.contains(b) and not b.contains(a):
                count += 1
    return count


def _pairs_overlapping(boxes: list[Box]) -> int:
    boxes = sorted(boxes, key=lambda box: box.left)
    count = 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b.left >= a.right:
                break
            count += a.overlaps(b)
    return count


def edges_through(picture: Picture) -> list[tuple[str, str]]:
    """``(edge, box)`` for every edge that runs through a claim box other than its ends,
    or through a line of a speaker's title (``box`` is then ``"title"``)."""
    found: list[tuple[str, str]] = []
    obstacles = [(name, box.shrunk(_TOLERANCE)) for name, box in picture.claims.items()]
    obstacles += [("title", box) for box in picture.titles]
    cells = _Grid(obstacles)
    for edge in picture.edges:
        hit: set[str] = set()
        for a, b in zip(edge.points, edge.points[1:], strict=False):
            for name, box in cells.near(a, b):
                if name in (edge.tail, edge.head) or name in hit:
                    continue
                if _segment_hits_box(a, b, box):
                    hit.add(name)
                    found.append((edge.name, name))
    return found


def crossings(picture: Picture) -> int:
    """Points where two edges with no common end cross."""
    segments: list[tuple[int, tuple[float, float], tuple[float, float]]] = []
    for index, edge in enumerate(picture.edges):
        segments += [(index, a, b) for a, b in zip(edge.points, edge.points[1:], strict=False)]
    grid: dict[tuple[int, int], list[int]] = {}
    size = 40.0
    for number, (_, a, b) in enumerate(segments):
        for cell in _cells(a, b, size):
            grid.setdefault(cell, []).append(number)
    found: set[tuple[int, int, int, int]] = set()  # (edge, edge, its segment, its segment)
    edges = picture.edges
    for members in grid.values():
        for i, first in enumerate(members):
            e1, a1, b1 = segments[first]
            for second in members[i + 1 :]:
                e2, a2, b2 = segments[second]
                if e1 == e2 or {edges[e1].tail, edges[e1].head} & {edges[e2].tail, edges[e2].head}:
                    continue
                if _segments_cross(a1, b1, a2, b2):
                    pair = (e1, e2, first, second) if e1 < e2 else (e2, e1, second, first)
                    found.add(pair)
    # A crossing at a sample point is found on neighbouring segments of both edges: findings
    # of one pair of edges next to an earlier finding are the same crossing.
    total = 0
    last: dict[tuple[int, int], tuple[int, int]] = {}
    for e1, e2, s1, s2 in sorted(found):
        before = last.get((e1, e2))
        if before is None or abs(s1 - before[0]) > 1 or abs(s2 - before[1]) > 1:
            total += 1
        last[(e1, e2)] = (s1, s2)
    return total


class _Grid:
    """Boxes bucketed by 100-point cells, for finding the boxes near a segment quickly."""

    SIZE: Final = 100.0

    def __init__(self, boxes: list[tuple[str, Box]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[str, Box]]] = {}
        for name, box in boxes:
            for cell in _cells((box.left, box.top), (box.right, box.bottom), self.SIZE):
                self.cells.setdefault(cell, []).append((name, box))

    def near(self, a: tuple[float, float], b: tuple[float, float]) -> Sequence[tuple[str, Box]]:
        size = self.SIZE
        cell = (math.floor(a[0] / size), math.floor(a[1] / size))
        if cell == (math.floor(b[0] / size), math.floor(b[1] / size)):
            return self.cells.get(cell, ())  # most segments: short, inside one cell
        seen: dict[int, tuple[str, Box]] = {}
        for cell in _cells(a, b, self.SIZE):
            for item in self.cells.get(cell, ()):
                seen[id(item[1])] = item
        return list(seen.values())


def _cells(a: tuple[float, float], b: tuple[float, float], size: float) -> list[tuple[int, int]]:
    x0, x1 = sorted((math.floor(a[0] / size), math.floor(b[0] / size)))
    y0, y1 = sorted((math.floor(a[1] / size), math.floor(b[1] / size)))
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def _segment_hits_box(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Liang–Barsky: whether segment ``a``–``b`` enters the box's interior."""
    if box.left >= box.right or box.top >= box.bottom:
        return False
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in (
        (-dx, a[0] - box.left),
        (dx, box.right - a[0]),
        (-dy, a[1] - box.top),
        (dy, box.bottom - a[1]),
    ):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1:
            return False
    return True


def _segments_cross(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]
) -> bool:
    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    if d1 == d2 == 0 or d3 == d4 == 0:
        return False  # collinear: running along each other is not crossing
    # A crossing exactly at a sample point is found on both neighbouring segments; crossings()
    # merges findings on consecutive segments into one.
    return d1 * d2 <= 0 and d3 * d4 <= 0


def _points(value: str) -> float:
    """An SVG length in points (``"12pt"``, ``"16px"``, ``"12"``)."""
    number = float(_NUMBER.match(value.strip())[0])  # type: ignore[index]
    return number * 0.75 if value.strip().endswith("px") else number


def _shape_box(group: ET.Element, name: str) -> Box | None:
    """The bounding box of a group's first outline (path or polygon)."""
    for child in group.iter():
        if child.tag == f"{_SVG}polygon":
            numbers = [float(n) for n in _NUMBER.findall(child.get("points", ""))]
        elif child.tag == f"{_SVG}path":
            numbers = [float(n) for n in _NUMBER.findall(child.get("d", ""))]
        else:
            continue
        if child.get("fill") == "none" and child.get("stroke") in (None, "none"):
            continue
        xs, ys = numbers[0::2], numbers[1::2]
        if xs and ys:
            return Box(name, min(xs), min(ys), max(xs), max(ys))
    return None


def _texts(group: ET.Element, owner: str) -> list[TextLine]:
    lines = []
    for text in group.iter(f"{_SVG}text"):
        content = "".join(text.itertext())
        size = float(text.get("font-size", "14"))
        bold = text.get("font-weight") == "bold"
        width = text_width(content, size, bold)
        x, y = float(text.get("x", "0")), float(text.get("y", "0"))
        anchor = text.get("text-anchor", "start")
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        box = Box(owner, left, y - 0.72 * size, left + width, y + 0.21 * size)
        lines.append(TextLine(owner, content, size, box))
    return lines


def _polyline(d: str) -> tuple[tuple[float, float], ...]:
    """The course of a Graphviz edge path (``M`` then cubic ``C`` segments), sampled."""
    numbers = [float(n) for n in _NUMBER.findall(d)]
    points = list(zip(numbers[0::2], numbers[1::2], strict=False))
    if len(points) < 2:
        return tuple(points)
    course = [points[0]]
    for i in range(1, len(points) - 2, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[i - 1 : i + 3]
        course += [
            (a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)
            for a, b, c, d in _BEZIER
        ]
    return tuple(course)


# The cubic Bézier weights of the eight sample points t = 1/8 ... 1 (u = 1 - t).
_BEZIER: Final = tuple(
    (u**3, 3 * u * u * t, 3 * u * t * t, t**3)
    for t, u in ((step / 8, 1 - step / 8) for step in range(1, 9))
)
