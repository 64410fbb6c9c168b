"""The boxes of the claims view: claims, speakers' titles, their colours and tooltips.

Shared by every arrangement of the claims view (:mod:`argmap.draw.dot`,
:mod:`argmap.draw.arrange`) and by the legend (:mod:`argmap.draw.legend`).

>>> from argmap.model import Speaker
>>> from argmap.draw.theme import THEMES
>>> speaker_label(Speaker("a", "Ann", role="one two three four five six seven eight nine "
...     "ten eleven twelve"), THEMES["light"], lines=1).count("<BR/>")
1
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Final

from argmap.draw.acts import border, marks, tags
from argmap.draw.dotsyntax import (
    DotGraph,
    box_attributes,
    html_text,
    isolate,
    quote_cached,
    quote_name,
    quote_tooltip,
    wrap,
)
from argmap.draw.theme import COLOR_BY, SpeakerColors, Theme
from argmap.errors import UsageError
from argmap.model import ArgumentMap, Claim, Relation, Speaker

__all__ = [
    "Painter",
    "claim_node",
    "kind_line",
    "painter",
    "relation_tip",
    "speaker_label",
    "speaker_tip",
]

#: The kind lines under a claim's text wrap at this many characters (a long speech act).
_KIND_LINE: Final = 40
_STANDING_NAMES: Final = {"in": "in (accepted)", "out": "out (defeated)", "undec": "undecided"}


class Painter:
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


def painter(
    m: ArgumentMap, look: Theme, color_by: str, standing: Mapping[str, str] | None
) -> Painter | None:
    """The painter for ``color_by`` (``None``: claims take their speaker's colours)."""
    if color_by not in COLOR_BY:
        raise UsageError(f"cannot colour by {color_by!r}; expected one of {', '.join(COLOR_BY)}")
    if color_by == "kind":
        return Painter(look, look.kinds, lambda claim: claim.kind)
    if color_by == "standing":
        if standing is None:
            from argmap.analysis import grounded_labelling

            standing = grounded_labelling(m).claims
        labels = standing
        return Painter(look, look.standing, lambda claim: labels.get(claim.id, "undec"))
    return None


def claim_node(
    graph: DotGraph,
    claim: Claim,
    look: Theme,
    box: SpeakerColors,
    tip: Callable[[str], str],
    pin: str | None = None,
) -> None:
    """A claim's box: the statement large maps have most of, so written in one piece."""
    pos = f" pos={quote_cached(pin)}" if pin else ""
    classes = f"claim speaker-{claim.speaker} kind-{claim.kind}"
    classes += "".join(f" mark-{key}" for key in marks(claim))
    line = border(claim)
    if line is not None:  # a question, an implicit claim: the box's line says so
        pos += f" style={quote_cached('rounded,filled,' + line)}"
    kind = quote_cached(classes)
    graph.body.append(
        f"\t{quote_name(claim.id)} [label={_claim_label(claim, look)} {box_attributes(box)}"
        f"{pos} id={quote_name('claim-' + claim.id)} "
        f"tooltip={quote_tooltip(tip(claim.quote or claim.text))} class={kind}]\n"
    )


def kind_line(claim: Claim) -> str | None:
    """The line under a claim's text that gives its kind and outcome (``None``: an
    assessment with none).

    >>> kind_line(Claim("c", "s", "It will rain.", kind="prediction"))
    'PREDICTION'
    """
    notes: list[str] = [claim.kind] if claim.kind != "assessment" else []
    if claim.outcome is not None:
        notes.append(f"outcome: {claim.outcome.status}")
    return " - ".join(notes).upper() or None


def _claim_label(claim: Claim, look: Theme) -> str:
    label = html_text(claim.text)
    # The speech act's tags (the map's text: escaped by html_text), then kind and outcome.
    lines = [line for line in (" - ".join(tags(claim)).upper(), kind_line(claim)) if line]
    if lines:
        muted = html.escape(look.muted)
        text = "<BR/>".join(html_text(line, _KIND_LINE) for line in lines)
        label += f'<BR/><FONT POINT-SIZE="8" COLOR="{muted}">{text}</FONT>'
    return f"<{label}>"


def speaker_label(speaker: Speaker, look: Theme, lines: int | None = None) -> str:
    """An HTML-like label: the speaker's name in bold, role and affiliation below, in at most
    ``lines`` lines (cut with an ellipsis; the tooltip has them whole; 0: the name alone).
    Role and affiliation, joined in one line, are isolated (a line is the picture's unit of
    bidirectional text: an isolate a wrap leaves open ends with its line)."""
    details = ", ".join(isolate(p) for p in (speaker.role, speaker.affiliation) if p)
    label = f"<B>{html_text(speaker.name, 40, bold=True)}</B>"
    if details and lines != 0:
        wrapped = wrap(details, 48 if lines is None else 38)
        if lines is not None and len(wrapped) > lines:
            wrapped = [*wrapped[: lines - 1], wrapped[lines - 1] + " …"]
        muted = html.escape(look.muted)
        text = "<BR/>".join(html_text(line, 1000) for line in wrapped)
        label += f'<BR/><FONT POINT-SIZE="9" COLOR="{muted}">{text}</FONT>'
    return f"<{label}>"


def speaker_tip(speaker: Speaker) -> str:
    """A speaker's tooltip: name, role, affiliation and how they took part, a line each."""
    parts = [speaker.name, speaker.role, speaker.affiliation, speaker.participation]
    return "\n".join(p for p in parts if p)


def relation_tip(relation: Relation) -> str:
    """A relation's tooltip: what it joins, its quote (isolated from its quotation marks) and
    its note, a line each."""
    tip = f"{relation.from_id} {relation.type} {relation.to_id}"
    if relation.quote:
        tip += f"\n“{isolate(relation.quote)}”"
    if relation.note:
        tip += f"\n{relation.note}"
    return tip
