"""The command line's choice lists, each read from the module that owns it on first use, so
that ``argmap --help`` does not import the drawing and format modules (start-up time)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click

__all__ = [
    "LazyChoice",
    "arrangements",
    "color_by",
    "engines",
    "rankdirs",
    "readable",
    "render_formats",
    "themes",
    "views",
    "writable",
]


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A choice whose list is read from the module that owns it on first use, so that
    ``argmap --help`` does not import the drawing and format modules (start-up time)."""

    def __init__(self, choices: Callable[[], Sequence[str]]) -> None:
        super().__init__(())
        self.find = choices

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        return self.find()

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        pass


def engines() -> Sequence[str]:
    from argmap.draw.engine import LAYOUT_ENGINES

    return ("auto", *LAYOUT_ENGINES)  # blocks is a --layout, drawn by dot


def render_formats() -> Sequence[str]:
    from argmap.draw.pipeline import FORMATS

    return list(FORMATS)


def rankdirs() -> Sequence[str]:
    from argmap.draw.theme import RANKDIRS

    return RANKDIRS


def arrangements() -> Sequence[str]:
    from argmap.draw.layout import ARRANGEMENTS

    return ARRANGEMENTS


def themes() -> Sequence[str]:
    from argmap.draw.theme import THEMES

    return list(THEMES)


def views() -> Sequence[str]:
    from argmap.draw.views import VIEWS

    return list(VIEWS)


def color_by() -> Sequence[str]:
    from argmap.draw.theme import COLOR_BY

    return list(COLOR_BY)


def readable() -> Sequence[str]:
    from argmap.formats import FORMATS

    return [f.name for f in FORMATS.values() if f.reader]


def writable() -> Sequence[str]:
    from argmap.formats import FORMATS

    return [f.name for f in FORMATS.values() if f.writer]
