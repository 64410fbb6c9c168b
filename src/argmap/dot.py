"""The claims view as Graphviz DOT, built with the ``graphviz`` package.

One box per claim, grouped in one cluster per speaker; one edge per relation, styled by type;
speaker-level relations join the speakers' clusters; a legend lists the relation types used.

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "T",
...   "speakers": [{"id": "ann", "name": "Ann"}],
...   "claims": [{"id": "a", "speaker": "ann", "text": "Tea > coffee & \\\\"milk\\\\""},
...              {"id": "b", "speaker": "ann", "text": "B"}],
...   "relations": [{"from": "b", "to": "a", "type": "supports"}]}''')
>>> source = claims_dot(m).source
>>> print(next(line for line in source.splitlines() if "Tea" in line).split(" fill")[0].strip())
"a" [label=<Tea &gt; coffee &amp; &quot;milk&quot;>
"""

from __future__ import annotations

import functools
import html
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Final

import graphviz
from graphviz.quoting import quote

from argmap.errors import UsageError
from argmap.model import ArgumentMap, Claim, Relation, Speaker
from argmap.theme import DEFAULT_THEME, LAYOUT_FONT, THEMES, EdgeStyle, SpeakerColors, Theme

__all__ = ["COLOR_BY", "WRAP_WIDTH", "claims_dot", "html_text", "tooltip", "tooltip_slot"]

#: What claim boxes can be coloured by: their speaker, their grounded standing, their kind.
COLOR_BY: Final = ("speaker", "standing", "kind")
_STANDING_NAMES: Final = {"in": "in (accepted)", "out": "out (defeated)", "undec": "undecided"}
#: Claim labels are wrapped to this many characters a line (Graphviz does not wrap).
WRAP_WIDTH: Final = 32
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


def html_text(text: str, width: int = WRAP_WIDTH) -> str:
    """Text for inside an HTML-like label: wrapped to ``width`` and escaped.

    >>> html_text('a <b> & "c"', width=6)
    'a &lt;b&gt;<BR/>&amp; &quot;c&quot;'
    """
    # Graphviz reads a doubled backslash in an HTML-like label as one.
    lines = (html.escape(line, quote=True).replace("\\", "\\\\") for line in wrap(text, width))
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
    escaped: str = graphviz.escape(text.replace("&", "&amp;"))
    # Still marked as not HTML: quoting would leave a text like "<a> x=1 <b>" bare, as DOT.
    plain: str = graphviz.nohtml(escaped.replace("\r\n", "\n").replace("\n", "\\n"))
    return plain


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


def claims_dot(
    argument_map: ArgumentMap,
    *,
    theme: Theme | str = DEFAULT_THEME,
    rankdir: str = "TB",
    legend: bool = True,
    tooltips: list[str] | None = None,
    color_by: str = "speaker",
    standing: Mapping[str, str] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> graphviz.Digraph:
    """The claims view of a map as a :class:`graphviz.Digraph` (``.source`` is the DOT text).

    With ``positions`` (points, by claim and speaker id, as from
    :func:`argmap.layout.block_positions`) every node is pinned for ``neato -n2``: each
    speaker is a header node at its position instead of a cluster, and there is no legend.

    ``color_by`` (one of :data:`COLOR_BY`) picks the claim boxes' colours: their speaker's,
    their grounded label's (``standing`` gives the labels, by default
    :func:`argmap.analysis.grounded_labelling` of this map) or their kind's; the legend shows
    the colours used. Clusters keep their speaker's colour.

    Node ids are the claim ids; each claim's SVG group gets ``id="claim-<id>"`` and classes
    ``claim speaker-<speaker id> kind-<kind>``, each relation's ``id="relation-<key>"``, so
    that reports and stylesheets can find them.
    """
    look = THEMES[theme] if isinstance(theme, str) else theme
    m = argument_map
    paint = _painter(m, look, color_by, standing)

    def tip(text: str) -> str:
        return tooltip_slot(text, tooltips)

    dot = graphviz.Digraph("argmap")
    page(dot, look, m, tip(m.title), rankdir, spacing=("0.25", "0.45"), font_size=11)
    # The default ranker fails on many clustered graphs; compound edges join clusters.
    dot.attr("graph", newrank="true", compound="true")
    dot.attr("node", margin="0.12,0.06", penwidth="1.2")
    dot.attr("edge", fontsize="9", fontcolor=look.muted, penwidth="1.3")

    undercut = {r.to_id for r in m.relations if r.type == "undercuts"}
    keys = dict(m.relation_keys())
    anchor: dict[str, str] = {}  # speaker id -> a node inside its cluster, for compound edges
    cluster: dict[str, str] = {}  # speaker id -> its cluster's name
    for index, speaker in enumerate(m.speakers):
        cluster[speaker.id] = f"cluster_{index}"
        claims = m.claims_by(speaker.id)
        if positions is None:
            anchor[speaker.id] = _speaker_cluster(dot, look, index, speaker, claims, tip, paint)
        else:
            anchor[speaker.id] = _speaker_block(
                dot, look, index, speaker, claims, tip, positions, paint
            )

    for key, relation in keys.items():
        style = look.edge[relation.type]
        attrs = {"id": f"relation-{key}"}
        if relation.quote or relation.note:
            attrs["tooltip"] = tip(_relation_tip(relation))
        start, end = relation.from_id, relation.to_id
        if m.is_speaker(start) or m.is_speaker(end):
            # A speaker's relation joins clusters: thick, and labelled so it is not missed.
            attrs |= {"penwidth": "2.4", "label": f" {style.label} ", "minlen": "2"}
        if m.is_speaker(start):
            if positions is None:
                attrs["ltail"] = cluster[start]
            start = anchor[start]
        if relation.type == "undercuts":
            end = _junction(key=relation.to_id)
        elif m.is_speaker(end):
            if positions is None:
                attrs["lhead"] = cluster[end]
            end = anchor[end]
        if relation.id in undercut:
            # An undercut relation runs through a junction point that the undercut targets.
            junction = _junction(relation.id)
            point = {"shape": "point", "width": "0.06", "color": style.color}
            if positions is not None:
                point["pos"] = _midpoint(positions, _position_key(m, start), relation.to_id, m)
            _node(dot, junction, point)
            tail = {k: v for k, v in attrs.items() if k not in ("lhead", "id")}
            line = {"color": style.color, "style": style.style}
            _edge(dot, start, junction, line | tail | {"arrowhead": "none"})
            attrs.pop("ltail", None)
            start = junction
        _edge(dot, start, end, attrs, style)

    if legend and positions is None:
        types: list[str] = sorted({r.type for r in m.relations}, key=list(look.edge).index)
        _legend(dot, look, types, paint.legend() if paint else {})
    return dot


class _Painter:
    """The colours of claim boxes by one of their values (standing or kind), and the values
    used so far with their legend names."""

    def __init__(self, look: Theme, colors: Mapping[str, str], value: Callable[[Claim], str]):
        self.look, self.colors, self.value = look, colors, value
        self.used: dict[str, tuple[str, SpeakerColors]] = {}

    def __call__(self, claim: Claim) -> SpeakerColors:
        value = self.value(claim)
        colors = self.look.tint(self.colors[value])
        self.used[value] = (_STANDING_NAMES.get(value, value), colors)
        return colors

    def legend(self) -> dict[str, tuple[str, SpeakerColors]]:
        """The values used, in the theme's order, with their legend names and colours."""
        return {value: self.used[value] for value in self.colors if value in self.used}


def _painter(
    m: ArgumentMap, look: Theme, color_by: str, standing: Mapping[str, str] | None
) -> _Painter | None:
    if color_by not in COLOR_BY:
        raise UsageError(f"cannot colour by {color_by!r}; expected one of {', '.join(COLOR_BY)}")
    if color_by == "kind":
        return _Painter(look, look.kinds, lambda claim: claim.kind)
    if color_by == "standing":
        if standing is None:
            from argmap.analysis import grounded_labelling

            standing = grounded_labelling(m).claims
        labels = standing
        return _Painter(look, look.standing, lambda claim: labels.get(claim.id, "undec"))
    return None


# Statements are appended to the graph's body with the package's quoting but without its
# per-call machinery, which took over 1 s for a 10,000-claim map. Names and values that
# repeat (node names in edges, colours, styles, classes) are quoted once; HTML-like labels,
# which html_text has escaped already, go in as they are.
_quote_repeating = functools.lru_cache(maxsize=4096)(quote)
# Names made of these characters need only the surrounding quotes (no quote or backslash).
_PLAIN_NAME: Final = re.compile(r"[A-Za-z0-9_.\-\[\]]+")


def _quote_name(name: str) -> str:
    return f'"{name}"' if _PLAIN_NAME.fullmatch(name) else str(quote(name))


def _attributes(attrs: Mapping[str, str]) -> str:
    return " ".join(f"{key}={_value(key, value)}" for key, value in attrs.items())


def _value(key: str, value: str) -> str:
    if key == "id":
        return _quote_name(value)
    if key == "tooltip":
        return _quote_tooltip(value)
    if key == "label" and value.startswith("<"):
        return value
    return str(_quote_repeating(value))


def _quote_tooltip(value: str) -> str:
    """``graphviz.quoting.quote`` of a tooltip, as fast as a tooltip per claim needs.

    :func:`tooltip` doubles every backslash, so in its result every double quote is unescaped
    and no run of backslashes is odd: ``quote`` then only escapes the quotes and adds the
    surrounding ones (tests check the two agree), and its five regular-expression passes,
    which took most of the DOT time of a large map, can be skipped. Tokens go to ``quote``.
    """
    if isinstance(value, graphviz.quoting.NoHtml) and not _QUOTE_NEEDLESS.fullmatch(value):
        return '"' + str(value).replace('"', '\\"') + '"'
    return str(quote(value))


# What quote() leaves bare (a DOT ID); such tooltips go through quote() itself.
_QUOTE_NEEDLESS: Final = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)")


def _node(graph: graphviz.Digraph, name: str, attrs: Mapping[str, str]) -> None:
    graph.body.append(f"\t{_quote_name(name)} [{_attributes(attrs)}]\n")


def _edge(
    graph: graphviz.Digraph,
    tail: str,
    head: str,
    attrs: Mapping[str, str],
    style: EdgeStyle | None = None,
) -> None:
    listed = f"{_style_attributes(style)} {_attributes(attrs)}" if style else _attributes(attrs)
    graph.body.append(f"\t{_quote_name(tail)} -> {_quote_name(head)} [{listed}]\n")


@functools.lru_cache(maxsize=64)
def _style_attributes(style: EdgeStyle) -> str:
    return _attributes({"color": style.color, "style": style.style, "arrowhead": style.arrowhead})


@functools.lru_cache(maxsize=256)
def _box_attributes(box: SpeakerColors) -> str:
    return _attributes({"fillcolor": box.fill, "color": box.line})


def _claim_node(
    graph: graphviz.Digraph,
    claim: Claim,
    look: Theme,
    box: SpeakerColors,
    tip: Callable[[str], str],
    pin: str | None = None,
) -> None:
    """A claim's box: the statement large maps have most of, so written in one piece."""
    pos = f" pos={_quote_repeating(pin)}" if pin else ""
    kind = _quote_repeating(f"claim speaker-{claim.speaker} kind-{claim.kind}")
    graph.body.append(
        f"\t{_quote_name(claim.id)} [label={_claim_label(claim, look)} {_box_attributes(box)}"
        f"{pos} id={_quote_name('claim-' + claim.id)} "
        f"tooltip={_quote_tooltip(tip(claim.quote or claim.text))} class={kind}]\n"
    )


def _position_key(m: ArgumentMap, node: str) -> str:
    """The key in a positions mapping of a DOT node: claims and speaker headers by id."""
    return node.removeprefix("_speaker_")


def _midpoint(
    positions: Mapping[str, tuple[float, float]], start: str, end: str, m: ArgumentMap
) -> str:
    while end not in positions:  # an undercut of an undercut: follow to a node
        end = m.relation(end).to_id
    (x1, y1), (x2, y2) = positions[start], positions[end]
    return f"{(x1 + x2) / 2:g},{(y1 + y2) / 2:g}!"


def _pin(position: tuple[float, float]) -> str:
    return f"{position[0]:g},{position[1]:g}!"


def _speaker_block(
    dot: graphviz.Digraph,
    look: Theme,
    index: int,
    speaker: Speaker,
    claims: Iterable[Claim],
    tip: Callable[[str], str],
    positions: Mapping[str, tuple[float, float]],
    paint: Callable[[Claim], SpeakerColors] | None,
) -> str:
    """A speaker's claims pinned at their positions under a header node (no cluster)."""
    colors = look.speaker_colors(index)
    header = f"_speaker_{speaker.id}"
    _node(
        dot,
        header,
        {
            "label": _speaker_label(speaker, look),
            "shape": "plaintext",
            "style": "",
            "pos": _pin(positions[speaker.id]),
            "id": f"speaker-{speaker.id}",
            "tooltip": tip(_speaker_tip(speaker)),
        },
    )
    for claim in claims:
        box = paint(claim) if paint else colors
        _claim_node(dot, claim, look, box, tip, _pin(positions[claim.id]))
    return header


def _junction(key: str) -> str:
    return f"_junction_{key}"


def page(
    dot: graphviz.Digraph,
    look: Theme,
    m: ArgumentMap,
    title_tooltip: str,
    rankdir: str,
    spacing: tuple[str, str],
    font_size: int,
) -> None:
    """The look every view shares: background, fonts, the title on top, rounded boxes.

    ``spacing`` is Graphviz's ``(nodesep, ranksep)``.
    """
    dot.attr(
        "graph",
        rankdir=rankdir,
        bgcolor=look.background,
        fontname=LAYOUT_FONT,
        fontcolor=look.text,
        label=_title_label(m, look),
        labelloc="t",
        nodesep=spacing[0],
        ranksep=spacing[1],
        pad="0.3",
        tooltip=title_tooltip,
    )
    dot.attr(
        "node",
        shape="box",
        style="rounded,filled",
        fontname=LAYOUT_FONT,
        fontsize=str(font_size),
        fontcolor=look.text,
    )
    dot.attr("edge", fontname=LAYOUT_FONT)


def _title_label(m: ArgumentMap, look: Theme) -> str:
    lines = [f'<FONT POINT-SIZE="16"><B>{html_text(m.title, 80)}</B></FONT>']
    if m.source is not None:
        parts = [p for p in (m.source.title, m.source.publisher, m.source.date) if p]
        parts = [p for p in parts if p != m.title]
        if parts:
            muted = html.escape(look.muted)
            source = html_text(" · ".join(parts), 100)
            lines.append(f'<FONT POINT-SIZE="10" COLOR="{muted}">{source}</FONT>')
    return "<" + "<BR/>".join(lines) + ">"


def _speaker_cluster(
    dot: graphviz.Digraph,
    look: Theme,
    index: int,
    speaker: Speaker,
    claims: Iterable[Claim],
    tip: Callable[[str], str],
    paint: Callable[[Claim], SpeakerColors] | None = None,
) -> str:
    colors = look.speaker_colors(index)
    claims = list(claims)
    with dot.subgraph(name=f"cluster_{index}") as cluster:
        cluster.attr(
            label=_speaker_label(speaker, look),
            style="rounded,filled",
            color=colors.line,
            fillcolor=look.cluster_fill,
            penwidth="1.6",
            fontsize="12",
            id=f"speaker-{speaker.id}",
            tooltip=tip(_speaker_tip(speaker)),
        )
        if not claims:
            placeholder = f"_speaker_{speaker.id}"
            cluster.node(
                placeholder,
                "<<I>no claims</I>>",
                shape="plaintext",
                style="",
                fontcolor=look.muted,
                id=f"speaker-node-{speaker.id}",
            )
            return placeholder
        for claim in claims:
            _claim_node(cluster, claim, look, paint(claim) if paint else colors, tip)
        # Invisible edges arrange a speaker's claims in a grid instead of one long row.
        columns = max(2, math.ceil(math.sqrt(len(claims))))
        grid = {"style": "invis", "weight": "0"}
        for upper, lower in zip(claims, claims[columns:], strict=False):
            _edge(cluster, upper.id, lower.id, grid)
    return claims[0].id


def _claim_label(claim: Claim, look: Theme) -> str:
    label = html_text(claim.text)
    notes: list[str] = []
    if claim.kind != "assessment":
        notes.append(claim.kind)
    if claim.outcome is not None:
        notes.append(f"outcome: {claim.outcome.status}")
    if notes:
        muted = html.escape(look.muted)
        label += f'<BR/><FONT POINT-SIZE="8" COLOR="{muted}">{" - ".join(notes).upper()}</FONT>'
    return f"<{label}>"


def _speaker_label(speaker: Speaker, look: Theme) -> str:
    """An HTML-like label: the speaker's name in bold, role and affiliation below."""
    details = ", ".join(p for p in (speaker.role, speaker.affiliation) if p)
    label = f"<B>{html_text(speaker.name, 40)}</B>"
    if details:
        muted = html.escape(look.muted)
        label += f'<BR/><FONT POINT-SIZE="9" COLOR="{muted}">{html_text(details, 48)}</FONT>'
    return f"<{label}>"


def _speaker_tip(speaker: Speaker) -> str:
    parts = [speaker.name, speaker.role, speaker.affiliation, speaker.participation]
    return "\n".join(p for p in parts if p)


def _relation_tip(relation: Relation) -> str:
    tip = f"{relation.from_id} {relation.type} {relation.to_id}"
    if relation.quote:
        tip += f"\n“{relation.quote}”"
    if relation.note:
        tip += f"\n{relation.note}"
    return tip


def _legend(
    dot: graphviz.Digraph,
    look: Theme,
    types: list[str],
    fills: Mapping[str, tuple[str, SpeakerColors]] | None = None,
) -> None:
    """A box listing each relation type used, each with a short sample of its arrow, and
    (when claims are coloured by standing or kind) each claim colour used, as a sample box."""
    if not types and not fills:
        return
    with dot.subgraph(name="cluster_legend") as legend:
        legend.attr(
            label="<<B>Relations</B>>" if not fills else "<<B>Legend</B>>",
            style="rounded",
            color=look.muted,
            fontsize="10",
            id="legend",
            tooltip="Legend",
        )
        previous = None
        for kind in types:
            style = look.edge[kind]
            name, sample = f"_legend_{kind}", f"_legend_{kind}_arrow"
            legend.node(name, style.label, shape="plaintext", style="", fontsize="10")
            legend.node(sample, "", shape="point", style="invis", width="0.01")
            with legend.subgraph() as row:
                row.attr(rank="same")
                row.node(name)
                row.node(sample)
            legend.edge(
                name,
                sample,
                color=style.color,
                style=style.style,
                arrowhead=style.arrowhead,
                minlen="2",
            )
            if previous is not None:
                legend.edge(previous, name, style="invis")
            previous = name
        for value, (text, colors) in (fills or {}).items():
            name = f"_legend_claim_{value}"
            legend.node(name, text, color=colors.line, fillcolor=colors.fill, fontsize="10")
            if previous is not None:
                legend.edge(previous, name, style="invis")
            previous = name
