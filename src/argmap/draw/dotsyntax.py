"""DOT statements and quoting: node and edge statements, attribute lists, HTML-like label
text and tooltips that show untrusted text exactly.

>>> import graphviz
>>> g = graphviz.Digraph()
>>> node(g, 'say "hi"', {"label": f"<{html_text('a < b')}>", "tooltip": tooltip("x & y")})
>>> print(g.body[0].strip())
"say \\"hi\\"" [label=<a &lt; b> tooltip="x &amp; y"]
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping
from typing import Final

import graphviz
from graphviz.quoting import quote

from argmap.draw.fonts import pad_for_engine
from argmap.draw.theme import EdgeStyle, SpeakerColors

__all__ = [
    "TOOLTIP_LIMIT",
    "TOOLTIP_TOKEN",
    "WRAP_WIDTH",
    "attribute_value",
    "attributes",
    "box_attributes",
    "edge",
    "html_text",
    "node",
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
    r"""Greedy word wrap; white space runs become one space, long words stay whole.

    (``textwrap`` does the same five times slower; labels are wrapped for every claim.)

    >>> wrap("one two  three\nfour", 9)
    ['one two', 'three', 'four']
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


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
    escaped: str = graphviz.escape(text.replace("&", "&amp;"))
    # Still marked as not HTML: quoting would leave a text like "<a> x=1 <b>" bare, as DOT.
    plain: str = graphviz.nohtml(escaped.replace("\r\n", "\n").replace("\n", "\\n"))
    return plain


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


# Statements are appended to the graph's body with the package's quoting but without its
# per-call machinery, which took over 1 s for a 10,000-claim map. Names and values that
# repeat (node names in edges, colours, styles, classes) are quoted once; HTML-like labels,
# which html_text has escaped already, go in as they are.
quote_cached = functools.lru_cache(maxsize=4096)(quote)
# Names made of these characters need only the surrounding quotes (no quote or backslash).
_PLAIN_NAME: Final = re.compile(r"[A-Za-z0-9_.\-\[\]]+")


def quote_name(name: str) -> str:
    """A node name as a DOT ID that Graphviz reads back exactly (never as an HTML string)."""
    return f'"{name}"' if _PLAIN_NAME.fullmatch(name) else str(quote(graphviz.nohtml(name)))


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
    """``graphviz.quoting.quote`` of a tooltip, as fast as a tooltip per claim needs.

    Only for values of :func:`tooltip_slot`: :func:`tooltip` doubles every backslash, so in
    its result every double quote is unescaped and no run of backslashes is odd: ``quote``
    then only escapes the quotes and adds the surrounding ones (tests check the two agree),
    and its five regular-expression passes, which took most of the DOT time of a large map,
    can be skipped. Tokens and other bare DOT IDs go to ``quote``.
    """
    if not _QUOTE_NEEDLESS.fullmatch(value):
        return '"' + str(value).replace('"', '\\"') + '"'
    return str(quote(value))


# What quote() leaves bare (a DOT ID); such tooltips go through quote() itself.
_QUOTE_NEEDLESS: Final = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)")


def node(graph: graphviz.Digraph, name: str, attrs: Mapping[str, str]) -> None:
    graph.body.append(f"\t{quote_name(name)} [{attributes(attrs)}]\n")


def edge(
    graph: graphviz.Digraph,
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
