"""Themes: the one place where colours, line styles and fonts are defined.

Every renderer takes its look from a :class:`Theme`. Relation types differ by line style and
arrowhead as well as by colour, so the ``print`` theme (greyscale) keeps them apart.

>>> THEMES["light"].edge["attacks"].arrowhead
'tee'
>>> THEMES["light"].speaker_colors(0)
SpeakerColors(line='#E69F00', fill='#FAECCC')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, NamedTuple

from argmap.errors import UsageError
from argmap.model import CLAIM_KINDS, RELATIONS

__all__ = [
    "CLAIM_MARKS",
    "DEFAULT_THEME",
    "FONT_STACK",
    "RANKDIRS",
    "THEMES",
    "ClaimMark",
    "EdgeStyle",
    "SpeakerColors",
    "Theme",
    "checked_rankdir",
]

#: The directions a drawing may run in (Graphviz ``rankdir``, Mermaid's flowchart direction).
RANKDIRS: Final = ("TB", "LR", "BT", "RL")


def checked_rankdir(rankdir: str) -> str:
    """``rankdir`` if it is one of :data:`RANKDIRS` (it is written into DOT and Mermaid
    as it is), else :class:`~argmap.errors.UsageError` (a ``ValueError``).

    >>> checked_rankdir("LR")
    'LR'
    >>> checked_rankdir("TB\\n  click n0 href x")
    Traceback (most recent call last):
      ...
    argmap.errors.UsageError: unknown rankdir 'TB\\n  click n0 href x'; expected one of TB, ...
    """
    if rankdir not in RANKDIRS:
        shown = repr(
            rankdir if not isinstance(rankdir, str) or len(rankdir) <= 20 else rankdir[:19] + "…"
        )
        raise UsageError(f"unknown rankdir {shown}; expected one of {', '.join(RANKDIRS)}")
    return rankdir


class _Themes(dict[str, "Theme"]):
    """The themes by name; an unknown name is a ``ValueError`` that lists the known ones."""

    def __missing__(self, name: str) -> Theme:
        raise UsageError(f"unknown theme {name!r}; expected one of {', '.join(self)}")


#: The font used for layout metrics; the bundled engine measures text with Arial metrics.
LAYOUT_FONT: Final = "Arial"
#: What SVG viewers are asked for: the Arimo subset argmap embeds (:mod:`argmap.draw.fonts`),
#: then fonts with Arial's metrics, so text fits its boxes.
FONT_STACK: Final = "'argmap Arimo', Arimo, Arial, 'Liberation Sans', Helvetica, sans-serif"


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    """How one relation type is drawn (Graphviz ``color``, ``style``, ``arrowhead``)."""

    color: str
    style: str
    arrowhead: str
    label: str  # what the legend calls it


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """How a claim box shows what kind of move it is (a question, a concession, ...) or that
    nobody said it (reconstructed): a tag on its kind line and the line style of its box."""

    tag: str  # on the kind line, before the speech act's own name
    border: str  # Graphviz line style of the box: "solid", "dashed" or "dotted"
    legend: str  # what the legend says it means


class SpeakerColors(NamedTuple):
    line: str
    fill: str


@dataclass(frozen=True, slots=True)
class Theme:
    """A complete look: background, text, speaker palette and relation styles."""

    name: str
    background: str
    text: str
    muted: str  # secondary text: roles, kinds, the legend's notes
    cluster_fill: str
    palette: tuple[str, ...]  # speaker colours, in map order, repeating when exhausted
    edge: Mapping[str, EdgeStyle]
    fill_strength: float = 0.2  # how much of a speaker colour tints its claims' boxes
    #: Claim colours for ``--color-by standing`` (grounded label: in, out, undec) and
    #: ``--color-by kind`` (assessment, prediction, ...).
    standing: Mapping[str, str] = field(default_factory=lambda: _standing(*["#808080"] * 3))
    kinds: Mapping[str, str] = field(default_factory=lambda: _kinds(*["#808080"] * 5))

    def speaker_colors(self, index: int) -> SpeakerColors:
        """Line and fill colour for the speaker at ``index`` in the map."""
        return self.tint(self.palette[index % len(self.palette)])

    def for_part(self, indices: Sequence[int]) -> Theme:
        """The theme for a part of a map whose speakers stand at ``indices`` in the whole map:
        each keeps the colour it has in the picture of the whole.

        >>> light = THEMES["light"]
        >>> light.for_part([2]).speaker_colors(0) == light.speaker_colors(2)
        True
        """
        if not indices:
            return self
        palette = tuple(self.palette[i % len(self.palette)] for i in indices)
        return dataclasses.replace(self, palette=palette)

    def tint(self, line: str) -> SpeakerColors:
        """A line colour with the fill it tints a box with.

        >>> THEMES["light"].tint(THEMES["light"].standing["out"])
        SpeakerColors(line='#D55E00', fill='#F7DFCC')
        """
        return SpeakerColors(line, _mix(line, self.background, self.fill_strength))


def _mix(color: str, background: str, amount: float) -> str:
    """``amount`` of ``color`` over ``background``, as ``#RRGGBB``."""
    a = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(background[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(
        f"{round(x * amount + y * (1 - amount)):02X}" for x, y in zip(a, b, strict=True)
    )


def _edges(colors: Mapping[str, str]) -> Mapping[str, EdgeStyle]:
    """Each relation type's style: its colour from ``colors``, the rest from the model's table."""
    return MappingProxyType(
        {
            name: EdgeStyle(colors[kind.color_of], kind.line, kind.arrowhead, kind.label)
            for name, kind in RELATIONS.items()
        }
    )


def _standing(accepted: str, defeated: str, undecided: str) -> Mapping[str, str]:
    return MappingProxyType({"in": accepted, "out": defeated, "undec": undecided})


def _kinds(*colors: str) -> Mapping[str, str]:
    """Colours in the order of :data:`argmap.model.CLAIM_KINDS`."""
    return MappingProxyType(dict(zip(CLAIM_KINDS, colors, strict=True)))


# Okabe & Ito's colour-blind-safe palette (yellow left out: too pale for lines on white).
_OKABE_ITO: Final = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#000000")

THEMES: Final[Mapping[str, Theme]] = MappingProxyType(
    _Themes(
        {
            "light": Theme(
                name="light",
                background="#FFFFFF",
                text="#1A1A1A",
                muted="#5F5F5F",
                cluster_fill="#FAFAFA",
                palette=_OKABE_ITO,
                edge=_edges(
                    {
                        "supports": "#009E73",
                        "attacks": "#D55E00",
                        "agrees": "#0072B2",
                        "disagrees": "#CC79A7",
                        "elaborates": "#5F5F5F",
                    }
                ),
                standing=_standing("#009E73", "#D55E00", "#8C8C8C"),
                kinds=_kinds("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#5F5F5F"),
            ),
            "dark": Theme(
                name="dark",
                background="#1E1E1E",
                text="#EDEDED",
                muted="#B0B0B0",
                cluster_fill="#262626",
                palette=(
                    "#E69F00",
                    "#56B4E9",
                    "#009E73",
                    "#F0E442",
                    "#D55E00",
                    "#CC79A7",
                    "#FFFFFF",
                ),
                edge=_edges(
                    {
                        "supports": "#3CC79A",
                        "attacks": "#FF7A3D",
                        "agrees": "#56B4E9",
                        "disagrees": "#E59ACB",
                        "elaborates": "#B0B0B0",
                    }
                ),
                fill_strength=0.25,
                standing=_standing("#3CC79A", "#FF7A3D", "#B0B0B0"),
                kinds=_kinds("#56B4E9", "#E69F00", "#3CC79A", "#E59ACB", "#B0B0B0"),
            ),
            "print": Theme(
                name="print",
                background="#FFFFFF",
                text="#000000",
                muted="#404040",
                cluster_fill="#FFFFFF",
                palette=("#000000", "#404040", "#707070", "#202020", "#555555", "#888888"),
                edge=_edges(
                    {
                        "supports": "#000000",
                        "attacks": "#000000",
                        "agrees": "#404040",
                        "disagrees": "#404040",
                        "elaborates": "#606060",
                    }
                ),
                fill_strength=0.1,
                standing=_standing("#000000", "#A0A0A0", "#606060"),
                kinds=_kinds("#000000", "#505050", "#303030", "#707070", "#909090"),
            ),
        }
    )
)

DEFAULT_THEME: Final = "light"

#: The marks of claims (:mod:`argmap.draw.acts`), in legend order. Line styles, not colours,
#: so that they hold in every theme (print too) and leave the colours to speakers.
CLAIM_MARKS: Final[Mapping[str, ClaimMark]] = MappingProxyType(
    {
        "implicit": ClaimMark("IMPLICIT", "dotted", "reconstructed: nobody said it"),
        "question": ClaimMark("? QUESTION", "dashed", "put as a question"),
        "challenge": ClaimMark("CHALLENGE", "solid", "put as a challenge"),
        "concession": ClaimMark("CONCESSION", "solid", "conceded"),
        "restatement": ClaimMark("RESTATEMENT", "solid", "a restatement"),
        "act": ClaimMark("", "solid", "another speech act, by its name"),
    }
)

#: What claim boxes can be coloured by: their speaker, their grounded standing, their kind.
COLOR_BY: Final = ("speaker", "standing", "kind")
