"""The legend of the claims view: a sample arrow per relation type used, the claim
colours when they do not follow speaker boxes, and a sample box per claim mark used (a
question's dashed box, an implicit claim's dotted one, a concession's tag: ``marks``).

It is a graph of its own (:func:`legend_dot`), which :func:`argmap.draw.pipeline.render`
draws below an SVG map, never among its claims; for other formats the claims view carries
the same entries in a box (:func:`legend_entries`).
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Mapping

from argmap.draw.boxes import kind_line, painter
from argmap.draw.dotsyntax import DotGraph, edge, html_text, node, quote_name
from argmap.draw.theme import CLAIM_MARKS, LAYOUT_FONT, THEMES, SpeakerColors, Theme
from argmap.model import ArgumentMap

__all__ = [
    "legend_caption",
    "legend_dot",
    "legend_entries",
    "legend_fills",
    "legend_types",
]


def legend_dot(
    theme: Theme | str,
    types: Iterable[str],
    fills: Mapping[str, tuple[str, SpeakerColors]] | None = None,
    marks: Iterable[str] = (),
    caption: str | None = None,
) -> DotGraph | None:
    """The legend as a graph of its own, for drawing beside a map: one short sample arrow per
    relation type in ``types``, and (with ``fills``: value -> (name, colours)) one sample box
    per claim colour, and one sample box per claim mark in ``marks`` (keys of
    :data:`~argmap.draw.theme.CLAIM_MARKS`, as :func:`argmap.draw.acts.marks_used` gives
    them), and with ``caption`` (a claim's kind line, :func:`~argmap.draw.boxes.kind_line`)
    a sample of it, in rows. ``None`` when there is nothing to explain.

    >>> print(legend_dot("light", ["supports"]).source.count("->"))
    1
    >>> print(legend_dot("light", [], marks=["question"]).source.count("rounded,dashed"))
    1
    """
    look = THEMES[theme] if isinstance(theme, str) else theme
    types, marks = list(types), list(marks)
    if not types and not fills and not marks and not caption:
        return None
    dot = DotGraph("legend")
    dot.attr("graph", bgcolor=look.background, pad="0.1", margin="0", id="legend-graph")
    legend_entries(dot, look, types, fills, marks, caption)
    return dot


def legend_types(m: ArgumentMap, look: Theme, layout: str) -> list[str]:
    """The relation types drawn as arrows, in the theme's order: in ``components``, which
    states the relations with a speaker at an end above the picture instead of drawing
    them, only the types of relations between claims.

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],'
    ...     ' "claims": [{"id": "c", "speaker": "s", "text": "C"}, {"id": "d", "speaker": "s",'
    ...     ' "text": "D"}], "relations": [{"from": "c", "to": "d", "type": "attacks"},'
    ...     ' {"from": "s", "to": "d", "type": "agrees"}]}')
    >>> legend_types(m, THEMES["light"], "flow"), legend_types(m, THEMES["light"], "components")
    (['attacks', 'agrees'], ['attacks'])
    """
    relations = m.relations
    if layout == "components":
        relations = tuple(
            r for r in relations if not (m.is_speaker(r.from_id) or m.is_speaker(r.to_id))
        )
    return sorted({r.type for r in relations}, key=list(look.edge).index)


def legend_fills(
    m: ArgumentMap,
    look: Theme,
    color_by: str,
    standing: Mapping[str, str] | None,
    layout: str,
) -> dict[str, tuple[str, SpeakerColors]]:
    """The claim colours a legend explains: by standing or kind, the values used; by speaker,
    each speaker's colour when the layout has no speaker boxes (``components``), else none."""
    paint = painter(m, look, color_by, standing)
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


def legend_caption(m: ArgumentMap) -> str | None:
    """A kind line of the map's to show in the legend: the first with an outcome, else the
    first at all (``None``: every claim is an assessment with no outcome)."""
    claims = sorted(m.claims, key=lambda claim: claim.outcome is None)  # stable: map order
    return next((line for claim in claims if (line := kind_line(claim))), None)


def legend_entries(
    dot: DotGraph,
    look: Theme,
    types: Iterable[str],
    fills: Mapping[str, tuple[str, SpeakerColors]] | None,
    marks: Iterable[str] = (),
    caption: str | None = None,
) -> None:
    """The legend's entries in rows of four; each row is one rank, so each sample arrow is a
    flat edge, and invisible edges keep the entries and the rows in order."""
    dot.attr("graph", nodesep="0.45", ranksep="0.1", outputorder="edgesfirst")
    dot.attr("node", fontname=LAYOUT_FONT, fontsize="10", fontcolor=look.text, shape="plaintext")
    # style: not the claims' "rounded,filled", which a legend inside the map would inherit
    dot.attr("node", height="0.25", margin="0.05,0", tooltip=" ", style="solid")
    dot.attr("edge", penwidth="1.3", arrowsize="0.9", tooltip=" ")
    entries: list[list[str]] = []  # the nodes of each entry, left to right
    for kind in types:
        style = look.edge[kind]
        start, name = f"_legend_{kind}_from", f"_legend_{kind}"
        node(dot, start, {"label": "", "width": "0.1", "id": f"legend-{kind}-from"})
        node(dot, name, {"label": style.label, "id": f"legend-{kind}"})
        edge(dot, start, name, {"id": f"legend-{kind}-sample"}, style)
        entries.append([start, name])
    for value, (text, colors) in (fills or {}).items():
        name = f"_legend_claim_{value}"
        label = f"<{html_text(text, 40)}>"  # a speaker's name: the map's text, escaped
        box = {"label": label, "shape": "box", "style": "rounded,filled", "height": "0.2"}
        colored = {"color": colors.line, "fillcolor": colors.fill, "id": f"legend-fill-{value}"}
        node(dot, name, box | colored)
        entries.append([name])
    # Sample boxes: one per claim mark in use, and one of the kind line under a claim's text
    # (what that small line says is not obvious): (name, id, sample, meaning, line style).
    samples = []
    for key in marks:
        mark = CLAIM_MARKS[key]
        sample = mark.tag or "SPEECH ACT"
        samples.append(
            (f"_legend_mark_{key}", f"legend-mark-{key}", sample, mark.legend, mark.border)
        )
    if caption:
        meaning = "the kind of claim, and what came of it"
        samples.append(("_legend_caption", "legend-caption", caption, meaning, ""))
    muted = html.escape(look.muted)
    for name, ident, sample, meaning, border in samples:
        small = f'<FONT POINT-SIZE="8" COLOR="{muted}">{html_text(sample, 40)}</FONT>'
        box = {
            "label": f"<{small}<BR/>{html_text(meaning, 40)}>",
            "shape": "box",
            "style": f"rounded,{border}" if border else "rounded",
            "margin": "0.08,0.03",
        }
        node(dot, name, box | {"color": look.muted, "id": ident})
        entries.append([name])
    rows = [entries[i : i + 4] for i in range(0, len(entries), 4)]
    for row in rows:
        nodes = [node for entry in row for node in entry]
        dot.body.append("\t{rank=same; " + " ".join(quote_name(n) for n in nodes) + "}\n")
        for left, right in itertools.pairwise(row):
            edge(dot, left[-1], right[0], {"style": "invis"})
    for upper, lower in itertools.pairwise(rows):
        edge(dot, upper[0][0], lower[0][0], {"style": "invis"})
