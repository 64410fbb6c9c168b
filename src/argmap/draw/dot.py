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

import html
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Final

import graphviz

from argmap.draw.dotsyntax import (
    TOOLTIP_LIMIT,
    TOOLTIP_TOKEN,
    WRAP_WIDTH,
    box_attributes,
    edge,
    html_text,
    node,
    quote_cached,
    quote_name,
    quote_tooltip,
    tooltip,
    tooltip_slot,
)
from argmap.draw.theme import (
    COLOR_BY,
    DEFAULT_THEME,
    LAYOUT_FONT,
    THEMES,
    SpeakerColors,
    Theme,
    checked_rankdir,
)
from argmap.errors import UsageError
from argmap.model import ArgumentMap, Claim, Relation, Speaker

__all__ = [
    "COLOR_BY",
    "TOOLTIP_LIMIT",
    "TOOLTIP_TOKEN",
    "WRAP_WIDTH",
    "claims_dot",
    "html_text",
    "page",
    "relation_tip",
    "speaker_label",
    "speaker_tip",
    "tooltip",
    "tooltip_slot",
]

_STANDING_NAMES: Final = {"in": "in (accepted)", "out": "out (defeated)", "undec": "undecided"}


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
    :func:`argmap.draw.layout.block_positions`) every node is pinned for ``neato -n2``: each
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
            attrs["tooltip"] = tip(relation_tip(relation))
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
            node(dot, junction, point)
            tail = {k: v for k, v in attrs.items() if k not in ("lhead", "id")}
            line = {"color": style.color, "style": style.style}
            edge(dot, start, junction, line | tail | {"arrowhead": "none"})
            attrs.pop("ltail", None)
            start = junction
        edge(dot, start, end, attrs, style)

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


def _claim_node(
    graph: graphviz.Digraph,
    claim: Claim,
    look: Theme,
    box: SpeakerColors,
    tip: Callable[[str], str],
    pin: str | None = None,
) -> None:
    """A claim's box: the statement large maps have most of, so written in one piece."""
    pos = f" pos={quote_cached(pin)}" if pin else ""
    kind = quote_cached(f"claim speaker-{claim.speaker} kind-{claim.kind}")
    graph.body.append(
        f"\t{quote_name(claim.id)} [label={_claim_label(claim, look)} {box_attributes(box)}"
        f"{pos} id={quote_name('claim-' + claim.id)} "
        f"tooltip={quote_tooltip(tip(claim.quote or claim.text))} class={kind}]\n"
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
    node(
        dot,
        header,
        {
            "label": speaker_label(speaker, look),
            "shape": "plaintext",
            "style": "",
            "pos": _pin(positions[speaker.id]),
            "id": f"speaker-{speaker.id}",
            "tooltip": tip(speaker_tip(speaker)),
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
        rankdir=checked_rankdir(rankdir),
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
            label=speaker_label(speaker, look),
            style="rounded,filled",
            color=colors.line,
            fillcolor=look.cluster_fill,
            penwidth="1.6",
            fontsize="12",
            id=f"speaker-{speaker.id}",
            tooltip=tip(speaker_tip(speaker)),
        )
        if not claims:
            placeholder = f"_speaker_{speaker.id}"
            cluster.node(
                placeholder,
                "<<I>no claims</I>>",
                shape="plaintext",
                style="",
                fontcolor=look.muted,
                id=f"speaker-node·{speaker.id}",  # "·" is in no id: ids stay distinct
            )
            return placeholder
        for claim in claims:
            _claim_node(cluster, claim, look, paint(claim) if paint else colors, tip)
        # Invisible edges arrange a speaker's claims in a grid instead of one long row.
        columns = max(2, math.ceil(math.sqrt(len(claims))))
        grid = {"style": "invis", "weight": "0"}
        for upper, lower in zip(claims, claims[columns:], strict=False):
            edge(cluster, upper.id, lower.id, grid)
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


def speaker_label(speaker: Speaker, look: Theme) -> str:
    """An HTML-like label: the speaker's name in bold, role and affiliation below."""
    details = ", ".join(p for p in (speaker.role, speaker.affiliation) if p)
    label = f"<B>{html_text(speaker.name, 40)}</B>"
    if details:
        muted = html.escape(look.muted)
        label += f'<BR/><FONT POINT-SIZE="9" COLOR="{muted}">{html_text(details, 48)}</FONT>'
    return f"<{label}>"


def speaker_tip(speaker: Speaker) -> str:
    parts = [speaker.name, speaker.role, speaker.affiliation, speaker.participation]
    return "\n".join(p for p in parts if p)


def relation_tip(relation: Relation) -> str:
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
