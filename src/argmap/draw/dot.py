"""The claims view as Graphviz DOT (a :class:`~argmap.draw.dotsyntax.DotGraph`).

One box per claim, one edge per relation, styled by type, arranged by one of
:data:`~argmap.draw.arrange.LAYOUTS`: ``flow`` (speakers as columns in the order they spoke,
:mod:`argmap.draw.arrange`), ``tree`` (relations ranked inside one box per speaker) or
``components`` (each group of linked claims on its own, packed). Speakers with no claim and
no relation are named under the title, not drawn as empty boxes; the legend is a graph of
its own (:mod:`argmap.draw.legend`) that the pipeline draws below an SVG map.

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

from argmap.draw.acts import marks_used
from argmap.draw.arrange import (
    LAYOUTS,
    absent_speakers,
    components,
    drawn_speakers,
    flow,
    speaker_relations,
)
from argmap.draw.boxes import claim_node, painter, relation_tip, speaker_label, speaker_tip
from argmap.draw.dotsyntax import (
    TOOLTIP_LIMIT,
    TOOLTIP_TOKEN,
    WRAP_WIDTH,
    DotGraph,
    edge,
    html_text,
    isolate,
    node,
    quote_name,
    tooltip,
    tooltip_slot,
)
from argmap.draw.legend import legend_caption, legend_entries, legend_fills, legend_types
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
from argmap.model import ArgumentMap, Claim, Speaker

__all__ = [
    "CLAIM_FONT_SIZE",
    "COLOR_BY",
    "LAYOUTS",
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

#: Points of a claim's statement, the largest text in its box (the kind and speech-act tags
#: under it are smaller): what sets how readable the claims view is.
CLAIM_FONT_SIZE: Final = 11


def claims_dot(
    argument_map: ArgumentMap,
    *,
    theme: Theme | str = DEFAULT_THEME,
    rankdir: str = "TB",
    tooltips: list[str] | None = None,
    color_by: str = "speaker",
    standing: Mapping[str, str] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    layout: str = "flow",
    legend: bool = False,
) -> DotGraph:
    """The claims view of a map as a :class:`~argmap.draw.dotsyntax.DotGraph` (``.source`` is
    the DOT text; it renders and displays itself as a ``graphviz.Source`` would).

    ``layout`` is one of :data:`LAYOUTS`. With ``positions`` (points, by claim and speaker id,
    as from :func:`argmap.draw.layout.block_positions`) every node is pinned for ``neato -n2``
    instead: each speaker is a header node at its position.

    ``color_by`` (one of :data:`COLOR_BY`) picks the claim boxes' colours: their speaker's,
    their grounded label's (``standing`` gives the labels, by default
    :func:`argmap.analysis.grounded_labelling` of this map) or their kind's. Speaker boxes keep
    their speaker's colour.

    Node ids are the claim ids; each claim's SVG group gets ``id="claim-<id>"`` and classes
    ``claim speaker-<speaker id> kind-<kind>``, each relation's ``id="relation-<key>"``, each
    speaker's box ``id="speaker-<id>"`` and its title ``id="speaker-title-<id>"``, so that
    reports and stylesheets can find them.

    With ``legend`` the legend is a box in the graph itself (for PNG, where argmap cannot add
    it below the picture as it does for SVG: :func:`argmap.draw.legend.legend_dot`).
    """
    if layout not in LAYOUTS:
        raise UsageError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    look = THEMES[theme] if isinstance(theme, str) else theme
    m = argument_map
    paint = painter(m, look, color_by, standing)

    def tip(text: str) -> str:
        return tooltip_slot(text, tooltips)

    shown = drawn_speakers(m)
    if positions is not None:
        shown = list(m.speakers)
    notes = absent_speakers(m, shown)
    if layout == "components" and positions is None:
        notes += speaker_relations(m, look)
    dot = DotGraph("argmap")
    page(dot, look, m, tip(m.title), rankdir, ("0.25", "0.45"), CLAIM_FONT_SIZE, notes)
    dot.attr("node", margin="0.12,0.06", penwidth="1.2")
    dot.attr("edge", fontsize="9", fontcolor=look.muted, penwidth="1.3")

    undercut = {r.to_id for r in m.relations if r.type == "undercuts"}
    keys = dict(m.relation_keys())
    anchor: dict[str, str] = {}  # speaker id -> the node its speaker-level relations join
    cluster: dict[str, str] = {}  # speaker id -> its cluster's name (tree layout)
    if positions is not None:
        for index, speaker in enumerate(m.speakers):
            anchor[speaker.id] = _speaker_block(
                dot, look, index, speaker, m.claims_by(speaker.id), tip, positions, paint
            )
    elif layout == "flow":
        # dot places clusters by their members' ranks; newrank lets rank=same cross clusters.
        dot.attr("graph", newrank="true")
        anchor = flow(dot, look, m, shown, tip, paint)
    elif layout == "tree":
        # The default ranker fails on many clustered graphs; compound edges join clusters.
        dot.attr("graph", newrank="true", compound="true")
        for speaker in shown:
            index = m.speakers.index(speaker)
            cluster[speaker.id] = f"cluster_{index}"
            claims = m.claims_by(speaker.id)
            anchor[speaker.id] = _speaker_cluster(dot, look, index, speaker, claims, tip, paint)
    else:
        # Each connected group of claims is laid out on its own, then packed.
        dot.attr("graph", pack="true", packmode="graph")
        components(dot, look, m, tip, paint)

    for key, relation in keys.items():
        style = look.edge[relation.type]
        attrs = {"id": f"relation-{key}"}
        if relation.quote or relation.note:
            attrs["tooltip"] = tip(relation_tip(relation))
        start, end = relation.from_id, relation.to_id
        speaker_level = m.is_speaker(start) or m.is_speaker(end)
        if speaker_level and layout == "components" and positions is None:
            continue  # listed in the header: the layout has no speaker boxes to join
        if speaker_level:
            # A speaker's relation joins speakers: thick, and labelled so it is not missed.
            attrs |= {"penwidth": "2.4", "label": f" {style.label} "}
            if layout == "tree":
                attrs["minlen"] = "2"
        elif layout == "flow" and positions is None:
            attrs["constraint"] = "false"  # the columns keep the order of speaking
        if m.is_speaker(start):
            if start in cluster:
                attrs["ltail"] = cluster[start]
            start = anchor[start]
        if relation.type == "undercuts":
            end = _junction(key=relation.to_id)
        elif m.is_speaker(end):
            if end in cluster:
                attrs["lhead"] = cluster[end]
            end = anchor[end]
        if relation.id in undercut:
            # An undercut relation runs through a junction point that the undercut targets.
            junction = _junction(relation.id)
            point = {"shape": "point", "width": "0.06", "color": style.color}
            if positions is not None:
                point["pos"] = _midpoint(positions, _position_key(m, start), relation.to_id, m)
            node(dot, junction, point)
            if attrs.get("constraint") == "false" and m.is_claim(start):
                # Nothing ranks the junction then, and dot put it at the top of the picture,
                # outside every column (the undercut's arrow far from the link it undercuts):
                # it goes beside its claim, in its speaker's column (a subgraph named again
                # is the same subgraph).
                said_by = m.speaker(m.claim(start).speaker)
                home = quote_name(f"cluster_{m.speakers.index(said_by)}")  # as flow names it
                pair = f"{quote_name(start)}; {quote_name(junction)}"
                dot.body.append(f"\tsubgraph {home} {{{{rank=same; {pair}}}}}\n")
            tail = {k: v for k, v in attrs.items() if k not in ("lhead", "id")}
            line = {"color": style.color, "style": style.style}
            edge(dot, start, junction, line | tail | {"arrowhead": "none"})
            attrs.pop("ltail", None)
            start = junction
        edge(dot, start, end, attrs, style)
    if legend:
        types = legend_types(m, look, layout)
        fills = legend_fills(m, look, color_by, standing, layout)
        used, caption = marks_used(m.claims), legend_caption(m)
        if types or fills or used or caption:
            with dot.subgraph(name="cluster_legend") as box:
                box.attr(label="<<B>Legend</B>>", style="rounded", color=look.muted, id="legend")
                box.attr(tooltip="Legend")  # not the title's, which clusters inherit
                box.attr(fontsize="10", fillcolor=look.background)
                legend_entries(box, look, types, fills, used, caption)
    return dot


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
    dot: DotGraph,
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
        claim_node(dot, claim, look, box, tip, _pin(positions[claim.id]))
    return header


def _junction(key: str) -> str:
    return f"_junction_{key}"


def page(
    dot: DotGraph,
    look: Theme,
    m: ArgumentMap,
    title_tooltip: str,
    rankdir: str,
    spacing: tuple[str, str],
    font_size: int,
    notes: Iterable[str] = (),
) -> None:
    """The look every view shares: background, fonts, the title on top, rounded boxes.

    ``spacing`` is Graphviz's ``(nodesep, ranksep)``; ``notes`` are lines for under the title.
    """
    dot.attr(
        "graph",
        rankdir=checked_rankdir(rankdir),
        bgcolor=look.background,
        fontname=LAYOUT_FONT,
        fontcolor=look.text,
        label=_title_label(m, look, notes),
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


def _title_label(m: ArgumentMap, look: Theme, notes: Iterable[str] = ()) -> str:
    lines = [f'<FONT POINT-SIZE="16"><B>{html_text(m.title, 80, bold=True)}</B></FONT>']
    if m.source is not None:
        parts = [p for p in (m.source.title, m.source.publisher, m.source.date) if p]
        parts = [p for p in parts if p != m.title]
        if parts:
            muted = html.escape(look.muted)
            source = html_text(" · ".join(map(isolate, parts)), 100)
            lines.append(f'<FONT POINT-SIZE="10" COLOR="{muted}">{source}</FONT>')
    for note in notes:
        muted = html.escape(look.muted)
        lines.append(f'<FONT POINT-SIZE="10" COLOR="{muted}">{html_text(note, 110)}</FONT>')
    return "<" + "<BR/>".join(lines) + ">"


def _speaker_cluster(
    dot: DotGraph,
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
            claim_node(cluster, claim, look, paint(claim) if paint else colors, tip)
        # Invisible edges arrange a speaker's claims in a grid instead of one long row.
        columns = max(2, math.ceil(math.sqrt(len(claims))))
        grid = {"style": "invis", "weight": "0"}
        for upper, lower in zip(claims, claims[columns:], strict=False):
            edge(cluster, upper.id, lower.id, grid)
    return claims[0].id
