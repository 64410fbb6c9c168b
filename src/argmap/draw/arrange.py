"""Arrangements of the claims view: speakers as columns in speaking order (``flow``), and
linked groups of claims packed on their own (``components``); which speakers get a box.

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "T",
...   "speakers": [{"id": "a", "name": "A"}, {"id": "q", "name": "Quiet", "role": "host"}],
...   "claims": [{"id": "a1", "speaker": "a", "text": "A1"}]}''')
>>> [s.id for s in drawn_speakers(m)], absent_speakers(m, drawn_speakers(m))
(['a'], ['Also taking part, with no claims on this map: Quiet (host)'])
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Final

from argmap.draw.boxes import claim_node, speaker_label, speaker_tip
from argmap.draw.dotsyntax import DotGraph, edge, isolate, node, quote_name
from argmap.draw.theme import SpeakerColors, Theme
from argmap.model import ArgumentMap, Claim, Speaker

__all__ = [
    "ABSENT",
    "LAYOUTS",
    "absent_speakers",
    "components",
    "drawn_speakers",
    "flow",
    "speaker_relations",
    "speaking_order",
]

#: How the claims view can be arranged, and what each arrangement is.
LAYOUTS: Final = {
    "flow": "speakers as columns in the order they first spoke, each speaker's claims in the "
    "order they were said, relations drawn across (as debate judges flow a round)",
    "tree": "relations ranked top to bottom inside one box per speaker",
    "components": "each group of linked claims laid out on its own and packed, unlinked claims "
    "gathered per speaker; claims coloured by speaker (for large maps)",
}


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


def drawn_speakers(m: ArgumentMap) -> list[Speaker]:
    """The speakers that get a box: those with claims or with a speaker-level relation."""
    related = {r.from_id for r in m.relations} | {r.to_id for r in m.relations}
    return [s for s in m.speakers if s.id in related or m.claims_by(s.id)]


#: How a picture names the speakers it does not draw, before their names.
ABSENT: Final = "Also taking part, with no claims on this map: "


def absent_speakers(m: ArgumentMap, shown: list[Speaker]) -> list[str]:
    """The header line naming the speakers not drawn (no claims, no relations), if any; each
    name and role isolated (:func:`~argmap.draw.dotsyntax.isolate`), so that none reorders
    the line or the other names."""
    drawn = {s.id for s in shown}
    absent = [s for s in m.speakers if s.id not in drawn]
    if not absent:
        return []
    names = "; ".join(
        isolate(s.name) + (f" ({isolate(s.role)})" if s.role and len(s.role) <= 40 else "")
        for s in absent
    )
    return [f"{ABSENT}{names}"]


def speaker_relations(m: ArgumentMap, look: Theme) -> list[str]:
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
    """A speaker's name, or a claim as its speaker's words (its text cut at 60 characters)."""
    if m.is_speaker(node):
        return isolate(m.speaker(node).name)
    claim = m.claim(node)
    text = claim.text if len(claim.text) <= 60 else claim.text[:59].rstrip() + "…"
    return f"{isolate(m.speaker(claim.speaker).name)}’s “{isolate(text)}”"


def flow(
    dot: DotGraph,
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
                tooltip=tip(speaker_tip(speaker)),
                margin="6",
            )
            node(
                column,
                title,
                {
                    "label": speaker_label(speaker, look, lines=3),
                    "shape": "plaintext",
                    "style": "",
                    "fontsize": "12",
                    "id": f"speaker-title-{speaker.id}",
                    "tooltip": tip(speaker_tip(speaker)),
                },
            )
            previous = title
            for claim in claims:
                claim_node(column, claim, look, paint(claim) if paint else colors, tip)
                edge(column, previous, claim.id, invisible)
                first.setdefault(title, claim.id)
                previous = claim.id
    # Titles side by side, in speaking order. dot keeps the clusters in that order only when
    # edges between them also join different ranks: an invisible edge from each title to
    # the next column's first claim (one rank down, where it is anyway) does.
    names = list(titles.values())
    dot.body.append("\t{rank=same; " + " ".join(quote_name(n) for n in names) + "}\n")
    for left, right in itertools.pairwise(names):
        edge(dot, left, right, {"style": "invis", "weight": "10"})
    for left, right in itertools.pairwise(names):
        if right in first:  # a speaker with relations but no claims has a title alone
            edge(dot, left, first[right], {"style": "invis"})
    return titles


def components(
    dot: DotGraph,
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
            target = m.undercut_base(relation.to_id)
            ends += [target.from_id, target.to_id]
        linked.update(end for end in ends if not m.is_speaker(end))
    for index, speaker in enumerate(m.speakers):
        colors = look.speaker_colors(index)
        claims = m.claims_by(speaker.id)
        for claim in claims:
            if claim.id in linked:
                claim_node(dot, claim, look, paint(claim) if paint else colors, tip)
        alone = [c for c in claims if c.id not in linked]
        if not alone:
            continue
        with dot.subgraph(name=f"cluster_{index}") as group:
            group.attr(
                label=speaker_label(speaker, look, lines=0),
                style="rounded,filled",
                color=colors.line,
                fillcolor=look.cluster_fill,
                penwidth="1.6",
                fontsize="12",
                id=f"speaker-{speaker.id}",
                tooltip=tip(speaker_tip(speaker) + f"\n{len(alone)} claims without relations"),
            )
            for claim in alone:
                claim_node(group, claim, look, paint(claim) if paint else colors, tip)
            columns = max(2, math.ceil(math.sqrt(len(alone) / 2)))
            grid = {"style": "invis"}
            for upper, lower in zip(alone, alone[columns:], strict=False):
                edge(group, upper.id, lower.id, grid)
