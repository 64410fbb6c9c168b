"""The map in the report: the claims view's SVG made to fit the page, its controls, and the
data the script needs to focus on a claim's neighbourhood."""

from __future__ import annotations

import html
import re
from typing import Final

from argmap.model import ArgumentMap
from argmap.report.findings import plain, relation_words
from argmap.report.markup import escape

_PROLOG: Final = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)


_COMMENT: Final = re.compile(r"<!--.*?-->", re.DOTALL)


_SVG_TAG: Final = re.compile(r"<svg\b[^>]*>")


_SIZE: Final = re.compile(r'\s(width|height)="[^"]*"')


VIEW_BOX: Final = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')


_EDGE_TITLE: Final = re.compile(
    r'(<g id="relation&#45;([^"]*)" class="edge">\s*<title>)[^<]*(</title>)'
    r'(\s*<g id="a_relation&#45;[^"]*"><a xlink:title=")[^"]*(")'
)


def inline_svg(svg: str, m: ArgumentMap | None = None) -> str:
    """Graphviz's SVG for inside HTML: no XML prolog, DOCTYPE or comments; no fixed size (the
    page sizes it, keeping its proportions, never above its own); each relation's tooltip in
    words, not ids (the map's text in them isolated, :func:`~argmap.report.findings.plain`).

    >>> inline_svg('<?xml version="1.0"?>\\n<!DOCTYPE svg>\\n<svg width="8"><!-- a --><g/></svg>')
    '<svg role="group" aria-label="The argument map"><g/></svg>'
    """
    svg = _COMMENT.sub("", _PROLOG.sub("", svg, count=1)).strip()

    def root(match: re.Match[str]) -> str:
        tag = _SIZE.sub("", match.group(0))
        box = VIEW_BOX.search(tag)
        # its own width at most: a map of five claims is not blown up to a poster
        ratio = (
            f' style="aspect-ratio: {box.group(3)} / {box.group(4)}; max-width: {box.group(3)}pt"'
            if box
            else ""
        )
        return tag[:-1] + f' role="group" aria-label="The argument map"{ratio}>'

    svg = _SVG_TAG.sub(root, svg, count=1)
    if m is None:
        return svg
    words = {key: plain(relation_words(m, r)) for key, r in m.relation_keys()}

    def edge(match: re.Match[str]) -> str:
        said = words.get(html.unescape(match.group(2)))
        if said is None:
            return match.group(0)
        text = escape(said).replace("\n", "&#10;")
        return f"{match.group(1)}{text}{match.group(3)}{match.group(4)}{text}{match.group(5)}"

    return _EDGE_TITLE.sub(edge, svg)


def has_relation(m: ArgumentMap, key: str) -> bool:
    try:
        m.relation(key)
    except KeyError:
        return False
    return True


def map_section(m: ArgumentMap, svg: str) -> str:
    options = "".join(
        f'<option value="{escape(s.id)}">{escape(s.name)}</option>'
        for s in m.speakers
        if m.claims_by(s.id)
    )
    toolbar = (
        '<div class="toolbar" role="toolbar" aria-label="Map controls" aria-controls="map-view" '
        "hidden>"
        '<button type="button" id="zoom-in" aria-label="Zoom in">+</button>'
        '<button type="button" id="zoom-out" aria-label="Zoom out">&minus;</button>'
        '<button type="button" id="zoom-reset">Fit</button>'
        '<label for="focus-speaker">Focus on</label>'
        f'<select id="focus-speaker"><option value="">all speakers</option>{options}</select>'
        '<button type="button" id="focus-claim" disabled>Selected claim and its neighbours'
        "</button></div>"
    )
    hint = (
        '<p class="hint">Each box is a claim inside its speaker\'s frame; arrows are relations '
        "(the legend names them). Ctrl + scroll or +/− to zoom, drag or arrow keys to pan; click a "
        "claim, or Tab to it and press Enter, to read its quote.</p>"
    )
    box = VIEW_BOX.search(svg)
    # A map prints on a page of its own, landscape (a named @page in the stylesheet) when it
    # is drawn larger there: not a square one, which the portrait page's 245 mm of height
    # hold better than the landscape page's 160 (the stylesheet's heights, beside the widths
    # A4 leaves: 186 mm portrait, 269 mm landscape).
    wide = box is not None and _landscape_is_larger(float(box.group(3)), float(box.group(4)))
    shape = ' class="wide"' if wide else ' class="tall"'
    return (
        f'<section id="map"{shape} aria-labelledby="map-heading">\n'
        '<h2 id="map-heading">Map</h2>\n'
        f'{toolbar}\n<a class="skip" href="#map-end">Skip past the map</a>\n'
        '<figure id="map-figure"><div id="map-view" tabindex="0" '
        f'aria-label="The argument map; arrow keys pan, + and − zoom, 0 fits">\n{svg}\n</div>'
        f"<figcaption>{hint}</figcaption></figure>\n"
        # Every claim is a stop for Tab (290 on the largest example): a way round them.
        '<span id="map-end" tabindex="-1"></span>\n</section>'
    )


def _landscape_is_larger(width: float, height: float) -> bool:
    """Whether a ``width`` × ``height`` picture prints larger on a landscape A4 page.

    >>> _landscape_is_larger(3506, 3429), _landscape_is_larger(2562, 1265)
    (False, True)
    """
    if width <= 0 or height <= 0:
        return False
    return min(269 / width, 160 / height) > min(186 / width, 245 / height)


def script_data(m: ArgumentMap) -> dict[str, object]:
    """What the script needs beyond the page: each claim's neighbours and relation keys."""
    neighbours: dict[str, tuple[set[str], set[str]]] = {c.id: (set(), set()) for c in m.claims}
    for key, relation in m.relation_keys():
        ends = [relation.from_id, relation.to_id]
        if relation.type == "undercuts" and has_relation(m, relation.to_id):
            undercut = m.relation(relation.to_id)
            ends[1:] = [undercut.from_id, undercut.to_id]
        for end in ends:
            if end in neighbours:
                neighbours[end][0].update(e for e in ends if m.is_claim(e))
                neighbours[end][1].add(key)
    return {
        "neighbours": {
            claim: [sorted(claims), sorted(keys)]
            for claim, (claims, keys) in neighbours.items()
            if claims or keys
        }
    }
