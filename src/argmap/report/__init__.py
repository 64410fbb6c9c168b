"""A self-contained HTML report of a map: findings first, every claim one click from its source.

One file that opens in any browser without a network, in this order: the findings (camps and
the links that make them, each speaker's forecast record, the most contested and the best
supported claims, what the moderator asked; see :mod:`argmap.report.findings`), each sentence linked
to its claims; the claims view's SVG inline, fitted to the page width, with zoom, pan and a
focus on one speaker or one claim's neighbourhood; the source text with every quote marked
(``<mark>``, linked to its claim); the claims by speaker with their outcome and their
relations in words; the relations; the speakers; the agreement between speakers. The map is
as tall as fitting the width makes it (the page scrolls past it). The source text, the claims
and the relations are folded by the script (written open, so that without one nothing is).

Clicking a claim (in the map, the findings, the source or the table) highlights its quote in
the source text, scrolls to it and shows the claim with its relations in words in a side panel.
Without JavaScript every link still leads to the quote or the claim, the browser's ``:target``
highlights it, and only the panel, the map controls and the focus are missing.

Every piece of text from the map is escaped, links go only to http(s) addresses, and a
Content-Security-Policy lets the page load nothing and run only its own script (pinned by its
hash). The stylesheet has a print part for A4: the map on a page of its own, scaled to fit, no
row or quote cut at a page edge, the addresses of links printed after them.

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "Tea <or> coffee",
...   "speakers": [{"id": "ann", "name": "Ann"}],
...   "claims": [{"id": "a", "speaker": "ann", "text": "Tea.", "quote": "tea"}]}''')
>>> page = report(m, source_text="I like tea.")
>>> page.startswith("<!DOCTYPE html>"), "<title>Tea &lt;or&gt; coffee</title>" in page
(True, True)
>>> '<mark class="quote claim-quote s-0" data-claim="a" data-claims="a">' in page
True
>>> open("report.html", "w", encoding="utf-8").write(page)  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from importlib import resources
from typing import Final

from argmap.draw.engine import DEFAULT_TIMEOUT
from argmap.draw.pipeline import render
from argmap.draw.theme import DEFAULT_THEME, FONT_STACK, THEMES, Theme
from argmap.model import ArgumentMap
from argmap.report.findings import findings
from argmap.report.mapview import inline_svg, map_section, script_data
from argmap.report.markup import (
    Marks,
    bdi,
    escape,
    facts,
    link,
    script_json,
    section,
    speaker_ids,
)
from argmap.report.source import source_section
from argmap.report.tables import (
    agreement_list,
    claims_table,
    findings_section,
    relations_list,
    speakers_table,
)

__all__ = ["SCRIPT", "colours", "report"]


_ASSETS: Final = resources.files("argmap.report").joinpath("assets")
#: The page's only script; its hash is pinned in the page's Content-Security-Policy.


SCRIPT: Final = _ASSETS.joinpath("report.js").read_text(encoding="utf-8")


_CSS: Final = _ASSETS.joinpath("report.css").read_text(encoding="utf-8")


def report(
    argument_map: ArgumentMap,
    *,
    theme: str = DEFAULT_THEME,
    graphviz: str = "bundled",
    timeout: float | None = DEFAULT_TIMEOUT,
    source_text: str | None = None,
) -> str:
    """The HTML report of a map, as one self-contained page.

    ``source_text`` is the text of the source document (``argmap report`` reads the one the
    map names, see :func:`argmap.mapfile.read_source_text`): it is embedded with every quote
    found in it marked. ``theme`` colours both the map and the page; ``graphviz`` and
    ``timeout`` are passed to :func:`argmap.rendering.render`, which draws the claims view.

    >>> import argmap
    >>> page = report(argmap.load("maps/hanoi_2019.json"))    # doctest: +SKIP
    """
    m = argument_map
    look = THEMES[theme]
    speakers = speaker_ids(m)
    index = {speaker: i for i, speaker in enumerate(speakers)}
    marks = Marks(m, source_text)
    svg = inline_svg(render(m, "svg", theme=theme, graphviz=graphviz, timeout=timeout).text, m)
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    title = escape(m.title)
    sections = [
        section("Findings", "findings", findings_section(m, findings(m), marks)),
        map_section(m, svg),
        # The long reference parts are folded: the findings and the map lead, and every
        # link into a fold opens it.
        section("Source text", "source", source_section(m, marks, index), _fold_source(marks)),
        section(
            "Claims by speaker",
            "claims",
            claims_table(m, marks, index),
            _fold(len(m.claims), "claim", " with their outcomes and relations"),
        ),
        section(
            "Relations",
            "relations",
            relations_list(m, marks),
            _fold(len(m.relations), "relation", " in words"),
        ),
        section("Speakers", "speakers", speakers_table(m, index)),
        section("Agreement between speakers", "agreement", agreement_list(m)),
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>",
            f"<style>\n{_style(look, len(speakers))}</style>",
            "</head>",
            "<body>",
            '<a class="skip" href="#main">Skip to the findings</a>',
            f"<header>\n<h1>{title}</h1>\n{_source(m)}{_nav()}</header>",
            '<main id="main" tabindex="-1">',
            *sections,
            "</main>",
            f"<footer><p>{facts(m)} Written by argmap.</p></footer>",
            '<script type="application/json" id="argmap-data">'
            + script_json(script_data(m))
            + "</script>",
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


_SECTIONS: Final = (
    ("findings", "Findings"),
    ("map", "Map"),
    ("source", "Source text"),
    ("claims", "Claims"),
    ("relations", "Relations"),
    ("speakers", "Speakers"),
    ("agreement", "Agreement"),
)


def _fold(n: int, noun: str, rest: str) -> str | None:
    """The switch of a folded section of ``n`` items; none to fold when there are none."""
    return f"Show the {n} {noun}{'s' * (n != 1)}{rest}" if n else None


def _fold_source(marks: Marks) -> str | None:
    if marks.text is None:
        return None
    quotes = len({q.ref for q in marks.quotes})  # of claims, relations and context alike
    return f"Show the source text with its {quotes} quote{'s' * (quotes != 1)} marked"


def _nav() -> str:
    items = "".join(f'<li><a href="#{name}">{label}</a></li>' for name, label in _SECTIONS)
    return f'<nav aria-label="Sections of the report"><ul>{items}</ul></nav>\n'


def _source(m: ArgumentMap) -> str:
    lines: list[str] = []
    source = m.source
    if source is not None:
        parts = [bdi(p) for p in (source.title, source.publisher, source.date) if p]
        if parts:
            cited = link(source.url, " · ".join(parts))
            lines.append(f'<p class="source">Source: {cited}</p>')
        elif source.url:
            lines.append(f'<p class="source">Source: {link(source.url, bdi(source.url))}</p>')
        if source.note:
            lines.append(f'<p class="note">{escape(source.note)}</p>')
    if m.description:
        lines.append(f'<p class="description">{escape(m.description)}</p>')
    return "".join(line + "\n" for line in lines)


def colours(look: Theme, speakers: int) -> dict[str, str]:
    """The page's colours for a theme: ``bg``, ``text``, ``muted``, ``panel``, ``highlight``
    and, per speaker ``i``, ``line-i`` and ``fill-i`` (what a quote is marked with)."""
    out = {
        "bg": look.background,
        "text": look.text,
        "muted": look.muted,
        "panel": look.cluster_fill,
        # The selected quote: a yellow tint (and an outline, so colour is not all that shows it).
        "highlight": replace(look, fill_strength=0.45).tint("#F0C000").fill,
    }
    for i in range(speakers):  # a quote is marked like its claim's box in the map
        out[f"line-{i}"], out[f"fill-{i}"] = look.speaker_colors(i)
    return out


def _style(look: Theme, speakers: int) -> str:
    """The page's stylesheet; every colour comes from the theme."""
    palette = colours(look, speakers)
    shared = {k: v for k, v in palette.items() if not k[-1].isdigit()}
    rules = [":root { " + " ".join(f"--{k}: {v};" for k, v in shared.items()) + " }"]
    rules += [
        f".s-{i} {{ --line: {palette[f'line-{i}']}; --fill: {palette[f'fill-{i}']}; }}"
        for i in range(speakers)
    ]
    return "\n".join(rules) + "\n" + _CSS.replace("FONT_STACK", FONT_STACK)
