"""The claims view as Graphviz DOT, built with the ``graphviz`` package.

One box per claim, one edge per relation, styled by type, arranged by one of :data:`LAYOUTS`:
``flow`` (speakers as columns in the order they spoke), ``tree`` (relations ranked inside one
box per speaker) or ``components`` (each group of linked claims on its own, packed). Speakers
with no claim and no relation are named in the header, not drawn as empty boxes; the legend
is a graph of its own (:func:`legend_dot`) that :func:`argmap.rendering.render` draws below the
map, never among its claims.

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
import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Final

import graphviz
from graphviz.quoting import quote

from argmap.fonts import pad_for_engine
from argmap.model import ArgumentMap, Claim, Relation, Speaker
from argmap.theme import DEFAULT_THEME, LAYOUT_FONT, THEMES, EdgeStyle, SpeakerColors, Theme

__all__ = [
    "COLOR_BY",
    "LAYOUTS",
    "WRAP_WIDTH",
    "claims_dot",
    "html_text",
    "legend_dot",
    "legend_fills",
    "speaking_order",
    "tooltip",
    "tooltip_slot",
]

#: How the claims view can be arranged, and what each arrangement is.
LAYOUTS: Final = {
    "flow": "speakers as columns in the order they first spoke, each speaker's claims in the "
    "order they were said, relations drawn across (as debate judges flow a round)",
    "tree": "relations ranked top to bottom inside one box per speaker",
    "components": "each group of linked claims laid out on its own and packed, unlinked claims "
    "gathered per speaker; claims coloured by speaker (for large maps)",
}

#: What claim boxes can be coloured by: their speaker, their grounded standing, their kind.
COLOR_BY: Final = ("speaker", "standing", "kind")
_STANDING_NAMES: Final = {"in": "in (accepted)", "out": "out (defeated)", "undec": "undecided"}
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
    with no-break spaces, so that its box holds it (:func:`argmap.fonts.pad_for_engine`).

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
    tooltips: list[str] | None = None,
    color_by: str = "speaker",
    standing: Mapping[str, str] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    layout: str = "flow",
    legend: bool = False,
) -> graphviz.Digraph:
    """The claims view of a map as a :class:`graphviz.Digraph` (``.source`` is the DOT text).

    ``layout`` is one of :data:`LAYOUTS`. With ``positions`` (points, by claim and speaker id,
    as from :func:`argmap.layout.block_positions`) every node is pinned for ``neato -n2``
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
    it below the picture as it does for SVG: :func:`legend_dot`).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    look = THEMES[theme] if isinstance(theme, str) else theme
    m = argument_map
    paint = _painter(m, look, color_by, standing)

    def tip(text: str) -> str:
        return tooltip_slot(text, tooltips)

    shown = _drawn_speakers(m)
    if positions is not None:
        shown = list(m.speakers)
    notes = _absent_speakers(m, shown)
    if layout == "components" and positions is None:
        notes += _speaker_relations_lines(m, look)
    dot = graphviz.Digraph("argmap")
    page(dot, look, m, tip(m.title), rankdir, ("0.25", "0.45"), 11, notes)
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
        anchor = _flow(dot, look, m, shown, tip, paint)
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
        _components(dot, look, m, tip, paint)

    for key, relation in keys.items():
        style = look.edge[relation.type]
        attrs = {"id": f"relation-{key}"}
        if relation.quote or relation.note:
            attrs["tooltip"] = tip(_relation_tip(relation))
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
            _node(dot, junction, point)
            tail = {k: v for k, v in attrs.items() if k not in ("lhead", "id")}
            line = {"color": style.color, "style": style.style}
            _edge(dot, start, junction, line | tail | {"arrowhead": "none"})
            attrs.pop("ltail", None)
            start = junction
        _edge(dot, start, end, attrs, style)
    if legend:
        types = sorted({r.type for r in m.relations}, key=list(look.edge).index)
        fills = legend_fills(m, look, color_by, standing, layout)
        if types or fills:
            with dot.subgraph(name="cluster_legend") as box:
                box.attr(label="<<B>Legend</B>>", style="rounded", color=look.muted, id="legend")
                box.attr(fontsize="10", fillcolor=look.background)
                _legend_entries(box, look, types, fills)
    return dot


def speaking_order(argument_map: ArgumentMap) -> list[tuple[Speaker, list[Claim]]]:
    """Speakers in the order they first spoke, each with their claims in the order said.

    The order comes from the quotes' offsets in the source text (``Claim.quote_span``);
    claims without one keep their place in the map, after the quoted ones of their speaker,
    and speakers with no quoted claim come after those with one, in the map's order.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    ...   "claims": [{"id": "a1", "speaker": "a", "text": "A1"},
    ...              {"id": "b1", "speaker": "b", "text": "B1"}]}''')
    >>> [(s.id, [c.id for c in claims]) for s, claims in speaking_order(m)]
    [('a', ['a1']), ('b', ['b1'])]
    """
    m = argument_map
    late = math.inf
    ordered = []
    for place, speaker in enumerate(m.speakers):
        claims = sorted(
            m.claims_by(speaker.id),
            key=lambda c: c.quote_span[0] if c.quote_span else late,
        )
        first = next((c.quote_span[0] for c in claims if c.quote_span), late)
        ordered.append((first, place, speaker, claims))
    ordered.sort(key=lambda item: (item[0], item[1]))
    return [(speaker, claims) for _, _, speaker, claims in ordered]


def _drawn_speakers(m: ArgumentMap) -> list[Speaker]:
    """The speakers that get a box: those with claims or with a speaker-level relation."""
    related = {r.from_id for r in m.relations} | {r.to_id for r in m.relations}
    return [s for s in m.speakers if s.id in related or m.claims_by(s.id)]


def _absent_speakers(m: ArgumentMap, shown: list[Speaker]) -> list[str]:
    """The header line naming the speakers not drawn (no claims, no relations), if any."""
    drawn = {s.id for s in shown}
    absent = [s for s in m.speakers if s.id not in drawn]
    if not absent:
        return []
    names = "; ".join(
        s.name + (f" ({s.role})" if s.role and len(s.role) <= 40 else "") for s in absent
    )
    return [f"Also taking part, with no claims on this map: {names}"]


def _speaker_relations_lines(m: ArgumentMap, look: Theme) -> list[str]:
    """Header lines stating the speaker-level relations (for layouts without speaker boxes)."""
    lines = []
    for relation in m.relations:
        if m.is_speaker(relation.from_id) or m.is_speaker(relation.to_id):
            lines.append(
                f"{_name(m, relation.from_id)} {look.edge[relation.type].label} "
                f"{_name(m, relation.to_id)}"
            )
    return ["Between speakers: " + "; ".join(lines)] if lines else []


def _name(m: ArgumentMap, node: str) -> str:
    return m.speaker(node).name if m.is_speaker(node) else node


def _flow(
    dot: graphviz.Digraph,
    look: Theme,
    m: ArgumentMap,
    shown: list[Speaker],
    tip: Callable[[str], str],
    paint: Callable[[Claim], SpeakerColors] | None,
) -> dict[str, str]:
    """One column per speaker in speaking order: a title node on top, then the speaker's
    claims in the order said, held in place by invisible edges; returns the title nodes."""
    drawn = {s.id for s in shown}
    titles: dict[str, str] = {}
    first: dict[str, str] = {}  # title -> the first claim of its column
    invisible = {"style": "invis", "weight": "10"}
    for speaker, claims in speaking_order(m):
        if speaker.id not in drawn:
            continue
        index = m.speakers.index(speaker)
        colors = look.speaker_colors(index)
        title = f"_speaker_{speaker.id}"
        titles[speaker.id] = title
        with dot.subgraph(name=f"cluster_{index}") as column:
            column.attr(
                label="",
                style="rounded,filled",
                color=colors.line,
                fillcolor=look.cluster_fill,
                penwidth="1.6",
                id=f"speaker-{speaker.id}",
                tooltip=tip(_speaker_tip(speaker)),
                margin="6",
            )
            _node(
                column,
                title,
                {
                    "label": _speaker_label(speaker, look, lines=3),
                    "shape": "plaintext",
                    "style": "",
                    "fontsize": "12",
                    "id": f"speaker-title-{speaker.id}",
                    "tooltip": tip(_speaker_tip(speaker)),
                },
            )
            previous = title
            for claim in claims:
                _claim_node(column, claim, look, paint(claim) if paint else colors, tip)
                _edge(column, previous, claim.id, invisible)
                first.setdefault(title, claim.id)
                previous = claim.id
    # Titles side by side, in speaking order. dot keeps the clusters in that order only when
    # edges between them also join different ranks: an invisible edge from each title to
    # the next column's first claim (one rank down, where it is anyway) does.
    names = list(titles.values())
    dot.body.append("\t{rank=same; " + " ".join(_quote_name(n) for n in names) + "}\n")
    for left, right in itertools.pairwise(names):
        _edge(dot, left, right, {"style": "invis", "weight": "10"})
    firsts = [first[title] for title in names]
    for left, right in zip(names, firsts[1:], strict=False):
        _edge(dot, left, right, {"style": "invis"})
    return titles


def _components(
    dot: graphviz.Digraph,
    look: Theme,
    m: ArgumentMap,
    tip: Callable[[str], str],
    paint: Callable[[Claim], SpeakerColors] | None,
) -> None:
    """Claims without speaker boxes, coloured by speaker; each speaker's unlinked claims in a
    grid inside one box named after the speaker (linked claims are packed by Graphviz)."""
    linked: set[str] = set()
    for relation in m.relations:
        ends = [relation.from_id, relation.to_id]
        if relation.type == "undercuts":
            target = m.relation(relation.to_id)
            while target.type == "undercuts":
                target = m.relation(target.to_id)
            ends += [target.from_id, target.to_id]
        linked.update(end for end in ends if not m.is_speaker(end))
    for index, speaker in enumerate(m.speakers):
        colors = look.speaker_colors(index)
        claims = m.claims_by(speaker.id)
        for claim in claims:
            if claim.id in linked:
                _claim_node(dot, claim, look, paint(claim) if paint else colors, tip)
        alone = [c for c in claims if c.id not in linked]
        if not alone:
            continue
        with dot.subgraph(name=f"cluster_{index}") as group:
            group.attr(
                label=_speaker_label(speaker, look, lines=0),
                style="rounded,filled",
                color=colors.line,
                fillcolor=look.cluster_fill,
                penwidth="1.6",
                fontsize="12",
                id=f"speaker-{speaker.id}",
                tooltip=tip(_speaker_tip(speaker) + f"\n{len(alone)} claims without relations"),
            )
            for claim in alone:
                _claim_node(group, claim, look, paint(claim) if paint else colors, tip)
            columns = max(2, math.ceil(math.sqrt(len(alone) / 2)))
            grid = {"style": "invis"}
            for upper, lower in zip(alone, alone[columns:], strict=False):
                _edge(group, upper.id, lower.id, grid)


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
        raise ValueError(f"cannot colour by {color_by!r}; expected one of {', '.join(COLOR_BY)}")
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
    notes: Iterable[str] = (),
) -> None:
    """The look every view shares: background, fonts, the title on top, rounded boxes.

    ``spacing`` is Graphviz's ``(nodesep, ranksep)``; ``notes`` are lines for under the title.
    """
    dot.attr(
        "graph",
        rankdir=rankdir,
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
            source = html_text(" · ".join(parts), 100)
            lines.append(f'<FONT POINT-SIZE="10" COLOR="{muted}">{source}</FONT>')
    for note in notes:
        muted = html.escape(look.muted)
        lines.append(f'<FONT POINT-SIZE="10" COLOR="{muted}">{html_text(note, 110)}</FONT>')
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


def _speaker_label(speaker: Speaker, look: Theme, lines: int | None = None) -> str:
    """An HTML-like label: the speaker's name in bold, role and affiliation below, in at most
    ``lines`` lines (cut with an ellipsis; the tooltip has them whole)."""
    details = ", ".join(p for p in (speaker.role, speaker.affiliation) if p)
    label = f"<B>{html_text(speaker.name, 40, bold=True)}</B>"
    if details and lines != 0:
        wrapped = wrap(details, 48 if lines is None else 38)
        if lines is not None and len(wrapped) > lines:
            wrapped = [*wrapped[: lines - 1], wrapped[lines - 1] + " …"]
        muted = html.escape(look.muted)
        text = "<BR/>".join(html_text(line, 1000) for line in wrapped)
        label += f'<BR/><FONT POINT-SIZE="9" COLOR="{muted}">{text}</FONT>'
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


def legend_dot(
    theme: Theme | str,
    types: Iterable[str],
    fills: Mapping[str, tuple[str, SpeakerColors]] | None = None,
) -> graphviz.Digraph | None:
    """The legend as a graph of its own, for drawing beside a map: one short sample arrow per
    relation type in ``types``, and (with ``fills``: value -> (name, colours)) one sample box
    per claim colour, in rows. ``None`` when there is nothing to explain.

    >>> print(legend_dot("light", ["supports"]).source.count("->"))
    1
    """
    look = THEMES[theme] if isinstance(theme, str) else theme
    types = list(types)
    if not types and not fills:
        return None
    dot = graphviz.Digraph("legend")
    dot.attr("graph", bgcolor=look.background, pad="0.1", margin="0", id="legend-graph")
    _legend_entries(dot, look, types, fills)
    return dot


def legend_fills(
    m: ArgumentMap,
    look: Theme,
    color_by: str,
    standing: Mapping[str, str] | None,
    layout: str,
) -> dict[str, tuple[str, SpeakerColors]]:
    """The claim colours a legend explains: by standing or kind, the values used; by speaker,
    each speaker's colour when the layout has no speaker boxes (``components``), else none."""
    paint = _painter(m, look, color_by, standing)
    if paint is not None:
        for claim in m.claims:
            paint(claim)
        return paint.legend()
    if layout != "components":
        return {}
    return {
        s.id: (s.name, look.speaker_colors(index))
        for index, s in enumerate(m.speakers)
        if m.claims_by(s.id)
    }


def _legend_entries(
    dot: graphviz.Digraph,
    look: Theme,
    types: Iterable[str],
    fills: Mapping[str, tuple[str, SpeakerColors]] | None,
) -> None:
    """The legend's entries in rows of four; each row is one rank, so each sample arrow is a
    flat edge, and invisible edges keep the entries and the rows in order."""
    dot.attr("graph", nodesep="0.45", ranksep="0.1", outputorder="edgesfirst")
    dot.attr("node", fontname=LAYOUT_FONT, fontsize="10", fontcolor=look.text, shape="plaintext")
    dot.attr("node", height="0.25", margin="0.05,0", tooltip=" ")
    dot.attr("edge", penwidth="1.3", arrowsize="0.9", tooltip=" ")
    entries: list[list[str]] = []  # the nodes of each entry, left to right
    for kind in types:
        style = look.edge[kind]
        start, name = f"_legend_{kind}_from", f"_legend_{kind}"
        _node(dot, start, {"label": "", "width": "0.1", "id": f"legend-{kind}-from"})
        _node(dot, name, {"label": style.label, "id": f"legend-{kind}"})
        _edge(dot, start, name, {"id": f"legend-{kind}-sample"}, style)
        entries.append([start, name])
    for value, (text, colors) in (fills or {}).items():
        name = f"_legend_claim_{value}"
        label = f"<{html_text(text, 40)}>"  # a speaker's name: the map's text, escaped
        box = {"label": label, "shape": "box", "style": "rounded,filled", "height": "0.2"}
        colored = {"color": colors.line, "fillcolor": colors.fill, "id": f"legend-fill-{value}"}
        _node(dot, name, box | colored)
        entries.append([name])
    rows = [entries[i : i + 4] for i in range(0, len(entries), 4)]
    for row in rows:
        nodes = [node for entry in row for node in entry]
        dot.body.append("\t{rank=same; " + " ".join(_quote_name(n) for n in nodes) + "}\n")
        for left, right in itertools.pairwise(row):
            _edge(dot, left[-1], right[0], {"style": "invis"})
    for upper, lower in itertools.pairwise(rows):
        _edge(dot, upper[0][0], lower[0][0], {"style": "invis"})
