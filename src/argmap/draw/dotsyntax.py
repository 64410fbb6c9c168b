"""DOT graphs, statements and quoting: the graph argmap builds (:class:`DotGraph`), node and
edge statements, attribute lists, HTML-like label text and tooltips that show untrusted text
exactly, and the map's text isolated where it is joined with other text (:func:`isolate`).

>>> g = DotGraph()
>>> node(g, 'say "hi"', {"label": f"<{html_text('a < b')}>", "tooltip": tooltip("x & y")})
>>> print(g.body[0].strip())
"say \\"hi\\"" [label=<a &lt; b> tooltip="x &amp; y"]
"""

from __future__ import annotations

import contextlib
import functools
import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any, Final

from argmap.draw.fonts import pad_for_engine
from argmap.draw.theme import EdgeStyle, SpeakerColors

__all__ = [
    "TOOLTIP_LIMIT",
    "TOOLTIP_TOKEN",
    "WRAP_WIDTH",
    "DotGraph",
    "NoHtml",
    "attribute_value",
    "attributes",
    "box_attributes",
    "edge",
    "html_text",
    "isolate",
    "node",
    "nohtml",
    "quote",
    "quote_cached",
    "quote_name",
    "quote_tooltip",
    "style_attributes",
    "tooltip",
    "tooltip_slot",
    "wrap",
]

#: Claim labels are wrapped to this many characters a line (Graphviz does not wrap).
WRAP_WIDTH: Final = 30
#: With ``tooltips=[]`` tooltips are this prefix and an index into the list, for the caller
#: to fill in: Graphviz unescapes backslashes in tooltips twice, which no escaping survives.
TOOLTIP_TOKEN: Final = "argmaptooltip"  # no hyphen: Graphviz writes it as &#45;
#: A tooltip longer than this is cut (the full text stays in the map and in HTML reports).
TOOLTIP_LIMIT: Final = 1000


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    r"""Greedy word wrap; white space runs become one space. A word a little longer than a
    line stays whole; one of more than one and a half lines (a web address) is cut into
    lines, after a ``/``, ``-``, ``.`` or ``_`` where one comes late enough: one long word
    would otherwise widen its box, and the whole picture shrinks to fit a page.

    (``textwrap`` does the same five times slower; labels are wrapped for every claim.)

    >>> wrap("one two  three\nfour", 9)
    ['one two', 'three', 'four']
    >>> wrap("see https://example.org/a/very/long/path", 12)
    ['see https://', 'example.org/', 'a/very/long/', 'path']
    """
    lines: list[str] = []
    line = ""
    words = text.split()
    if any(len(word) > width * 3 // 2 for word in words):
        words = [piece for word in words for piece in _cut(word, width)]
    for word in words:
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def _cut(word: str, width: int) -> list[str]:
    """A word as pieces of at most ``width`` characters (whole when it is not much longer),
    each ending after the last ``/-._`` in its second half, if it has one."""
    if len(word) <= width * 3 // 2:
        return [word]
    pieces = []
    while len(word) > width:
        piece = word[:width]
        end = max(map(piece.rfind, "/-._")) + 1
        end = end if end > width // 2 else width
        pieces.append(word[:end])
        word = word[end:]
    return [*pieces, word] if word else pieces


#: The bidirectional classes (``unicodedata.bidirectional``) of the characters that can
#: reorder the text around them: right-to-left letters, Arabic digits, the embedding,
#: override and isolate controls. A text without any reads the same wherever it is put.
_BIDI_CLASSES: Final = frozenset(
    {"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}
)
_FSI: Final = "\u2068"  # FIRST STRONG ISOLATE
_PDI: Final = "\u2069"  # POP DIRECTIONAL ISOLATE
_ISOLATE_STARTS: Final = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI


def isolate(text: str) -> str:
    r"""The map's ``text`` for joining with other text in a line of a picture or a tooltip
    (where HTML's ``<bdi>`` does not exist): between U+2068 FIRST STRONG ISOLATE and U+2069
    POP DIRECTIONAL ISOLATE when it has a character that could reorder the words around it
    (its class in ``_BIDI_CLASSES``), so that a right-to-left name or a stray U+202E
    (RIGHT-TO-LEFT OVERRIDE) stays inside; other text as it is: ordinary pictures keep their
    bytes.

    The text itself is kept whole: an isolate it leaves open is closed after it, and for each
    U+2069 of its own that would close the isolate around it one more is opened before it.

    >>> isolate("Ann"), isolate("Bob \u202e") == "\u2068Bob \u202e\u2069"
    ('Ann', True)
    >>> isolate("\u2069x\u2067y") == "\u2068\u2068\u2069x\u2067y\u2069\u2069"
    True
    """
    if text.isascii() or not any(unicodedata.bidirectional(c) in _BIDI_CLASSES for c in text):
        return text
    unclosed, stray = 0, 0  # isolates the text leaves open; its own unmatched U+2069s
    for c in text:
        if c in _ISOLATE_STARTS:
            unclosed += 1
        elif c == _PDI:
            if unclosed:
                unclosed -= 1
            else:
                stray += 1
    return _FSI * (1 + stray) + text + _PDI * (1 + unclosed)


def html_text(text: str, width: int = WRAP_WIDTH, bold: bool = False) -> str:
    """Text for inside an HTML-like label: wrapped to ``width`` and escaped.

    A line that the bundled engine would measure narrower than Arimo draws it (an em dash,
    an ellipsis: it counts each UTF-8 byte of a non-ASCII character as a space) is padded
    with no-break spaces, so that its box holds it (:func:`argmap.draw.fonts.pad_for_engine`).

    >>> html_text('a <b> & "c"', width=6)
    'a &lt;b&gt;<BR/>&amp; &quot;c&quot;'
    """
    # Graphviz reads a doubled backslash in an HTML-like label as one.
    lines = (
        html.escape(pad_for_engine(line, bold), quote=True).replace("\\", "\\\\")
        for line in wrap(text, width)
    )
    return "<BR/>".join(lines)


def tooltip(text: str) -> str:
    r"""A plain DOT string (an ``escString``) that shows ``text`` verbatim.

    Backslashes are doubled (Graphviz reads ``\n``, ``\l`` as escapes), ``&`` becomes
    ``&amp;`` (Graphviz decodes entities in plain strings), newlines become ``\n``.

    >>> print(tooltip('say "a\\b" & go\nnow'))
    say "a\\b" &amp; go\nnow
    """
    if len(text) > TOOLTIP_LIMIT:
        text = text[: TOOLTIP_LIMIT - 1] + "…"
    # Graphviz replaces \N, \G, \E, \H, \T, \L in a tooltip by the node's name, the graph's
    # and so on, even with the backslash doubled (the bundled engine does); a word joiner
    # (U+2060, invisible) between the backslash and the letter keeps the text as it reads.
    text = _OBJECT_ESCAPE.sub("\\\u2060", text)
    escaped = text.replace("&", "&amp;").replace("\\", "\\\\")
    # Marked as not HTML: quoting would leave a text like "<a> x=1 <b>" bare, as DOT.
    return nohtml(escaped.replace("\r\n", "\n").replace("\n", "\\n"))


_OBJECT_ESCAPE: Final = re.compile(r"\\(?=[NGETHL])")


def tooltip_slot(text: str, tooltips: list[str] | None) -> str:
    """``tooltip(text)``, or with a list a token that ``finish_svg`` replaces by ``text``.

    >>> slots: list[str] = []
    >>> tooltip_slot("a & b", None), tooltip_slot("a & b", slots), slots
    ('a &amp; b', 'argmaptooltip0', ['a & b'])
    """
    if tooltips is None:
        return tooltip(text)
    tooltips.append(text)
    return f"{TOOLTIP_TOKEN}{len(tooltips) - 1}"


# Statements are appended to the graph's body directly, without DotGraph's per-call
# machinery (graphviz.Digraph's took over 1 s for a 10,000-claim map). Names and values that
# repeat (node names in edges, colours, styles, classes) are quoted once (quote_cached,
# below); HTML-like labels, which html_text has escaped already, go in as they are.
# Names made of these characters need only the surrounding quotes (no quote or backslash).
_PLAIN_NAME: Final = re.compile(r"[A-Za-z0-9_.\-\[\]]+")


def quote_name(name: str) -> str:
    """A node name as a DOT ID that Graphviz reads back exactly (never as an HTML string)."""
    return f'"{name}"' if _PLAIN_NAME.fullmatch(name) else quote(nohtml(name))


def attributes(attrs: Mapping[str, str]) -> str:
    return " ".join(f"{key}={attribute_value(key, value)}" for key, value in attrs.items())


def attribute_value(key: str, value: str) -> str:
    if key == "id":
        return quote_name(value)
    if key == "tooltip":
        return quote_tooltip(value)
    if key == "label" and value.startswith("<"):
        return value
    return str(quote_cached(value))


def quote_tooltip(value: str) -> str:
    """:func:`quote` of a tooltip, as fast as a tooltip per claim needs.

    Only for values of :func:`tooltip_slot`: :func:`tooltip` doubles every backslash, so in
    its result every double quote is unescaped and no run of backslashes is odd: ``quote``
    then only escapes the quotes and adds the surrounding ones (tests check the two agree),
    and its five regular-expression passes, which took most of the DOT time of a large map,
    can be skipped. Tokens and other bare DOT IDs go to ``quote``.
    """
    if not _QUOTE_NEEDLESS.fullmatch(value):
        return '"' + str(value).replace('"', '\\"') + '"'
    return quote(value)


# What quote() leaves bare (a DOT ID); such tooltips go through quote() itself.
_QUOTE_NEEDLESS: Final = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)")


def node(graph: DotGraph, name: str, attrs: Mapping[str, str]) -> None:
    graph.body.append(f"\t{quote_name(name)} [{attributes(attrs)}]\n")


def edge(
    graph: DotGraph,
    tail: str,
    head: str,
    attrs: Mapping[str, str],
    style: EdgeStyle | None = None,
) -> None:
    listed = f"{style_attributes(style)} {attributes(attrs)}" if style else attributes(attrs)
    graph.body.append(f"\t{quote_name(tail)} -> {quote_name(head)} [{listed}]\n")


@functools.lru_cache(maxsize=64)
def style_attributes(style: EdgeStyle) -> str:
    return attributes({"color": style.color, "style": style.style, "arrowhead": style.arrowhead})


@functools.lru_cache(maxsize=256)
def box_attributes(box: SpeakerColors) -> str:
    return attributes({"fillcolor": box.fill, "color": box.line})


class NoHtml(str):
    """A string that :func:`quote` quotes even when it looks like an HTML-like label
    (``<...>``)."""

    __slots__ = ()


def nohtml(text: str) -> NoHtml:
    """``text`` marked as never an HTML-like label (see :class:`NoHtml`)."""
    return NoHtml(text)


# What DOT reads as an ID without quotes (keywords aside), and what quote() leaves alone.
_ID: Final = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_HTML: Final = re.compile(r"<.*>$", re.DOTALL)
_KEYWORDS: Final = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
# A double quote, perhaps escaped already, after any even run of backslashes.
_QUOTE: Final = re.compile(r'(?P<backslashes>(?:\\{2})*)\\?(?P<quote>")')


def quote(identifier: str) -> str:
    r"""``identifier`` as a DOT ID, quoted when it must be, exactly as the ``graphviz``
    package's ``quote`` (tests compare the two): an HTML-like label (``<...>``, unless
    :class:`NoHtml`) and a bare ID stay as they are; anything else is put in double quotes,
    its quotes escaped (an escaped one stays escaped) and its backslashes left for Graphviz.

    >>> quote("a1"), quote("node"), quote('say "hi"'), quote("<B>x</B>"), quote(nohtml("<x>"))
    ('a1', '"node"', '"say \\"hi\\""', '<B>x</B>', '"<x>"')
    """
    if _HTML.match(identifier) and not isinstance(identifier, NoHtml):
        return str(identifier)
    if not _ID.match(identifier) or identifier.lower() in _KEYWORDS:
        return '"' + _QUOTE.sub(r"\g<backslashes>\\\g<quote>", identifier) + '"'
    return str(identifier)


quote_cached = functools.lru_cache(maxsize=4096)(quote)


def _listed(label: str | None, attrs: Mapping[str, str | None]) -> str:
    """An attribute list's content: the label first, then the attributes sorted by name
    (as the ``graphviz`` package writes keyword attributes)."""
    items = [f"label={quote(label)}"] if label is not None else []
    items += [f"{quote(k)}={quote(v)}" for k, v in sorted(attrs.items()) if v is not None]
    return " ".join(items)


class DotGraph:
    r"""A directed graph in DOT, built statement by statement: what argmap used of
    ``graphviz.Digraph``, writing the same text, without importing the ``graphviz`` package
    (it costs a render as much time as Python's own start). ``source`` is the DOT text;
    ``body`` its statements, each a line ending in a newline.

    Other attributes (``render``, ``pipe``, ``view``, the notebook display) are those of a
    ``graphviz.Source`` of the text, so code written for the ``graphviz.Digraph`` that
    argmap's DOT builders returned keeps working.

    >>> g = DotGraph("g")
    >>> g.attr("node", shape="box", color="red")
    >>> with g.subgraph(name="cluster_0") as c:
    ...     c.node("a", "A", id="x")
    >>> g.edge("a", "b")
    >>> g.source.splitlines()  # doctest: +NORMALIZE_WHITESPACE
    ['digraph g {', '\tnode [color=red shape=box]', '\tsubgraph cluster_0 {',
     '\t\ta [label=A id=x]', '\t}', '\ta -> b', '}']
    """

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        self.body: list[str] = []

    def attr(self, kw: str | None = None, **attrs: str | None) -> None:
        """An attribute statement for the ``graph``, ``node`` or ``edge`` (or, with
        ``kw=None``, a bare ``name=value`` list)."""
        if kw is not None and kw.lower() not in ("graph", "node", "edge"):
            raise ValueError(f"attr statement must target graph, node, or edge: {kw!r}")
        if attrs:
            listed = _listed(None, attrs)
            if kw is None:
                self.body.append(f"\t{listed}\n")
            else:
                self.body.append(f"\t{kw} [{listed}]\n" if listed else f"\t{kw}\n")

    def node(self, name: str, label: str | None = None, **attrs: str | None) -> None:
        listed = _listed(label, attrs)
        self.body.append(f"\t{quote(name)} [{listed}]\n" if listed else f"\t{quote(name)}\n")

    def edge(self, tail: str, head: str, label: str | None = None, **attrs: str | None) -> None:
        listed = _listed(label, attrs)
        line = f"\t{_quote_end(tail)} -> {_quote_end(head)}"
        self.body.append(f"{line} [{listed}]\n" if listed else f"{line}\n")

    @contextlib.contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[DotGraph]:
        """A subgraph, added to this graph's body when the ``with`` block ends."""
        sub = DotGraph(name)
        yield sub
        self.body += [f"\t{line}" for line in sub.lines(subgraph=True)]

    def lines(self, subgraph: bool = False) -> Iterator[str]:
        """The DOT text line by line, as a graph or as a subgraph."""
        named = f"{quote(self.name)} " if self.name else ""
        yield (
            (f"subgraph {named}{{\n" if self.name else "{\n")
            if subgraph
            else f"digraph {named}{{\n"
        )
        yield from self.body
        yield "}\n"

    @property
    def source(self) -> str:
        """The DOT text."""
        return "".join(self.lines())

    def __str__(self) -> str:
        return self.source

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        import graphviz  # only for what graphviz does with the text: render, pipe, view

        return getattr(graphviz.Source(self.source), name)


def _quote_end(end: str) -> str:
    """An edge's end (``node[:port[:compass]]``) quoted as the ``graphviz`` package does."""
    node_name, _, rest = end.partition(":")
    parts = [quote(node_name)]
    if rest:
        port, _, compass = rest.partition(":")
        parts.append(quote(port))
        if compass:
            parts.append(compass)
    return ":".join(parts)
