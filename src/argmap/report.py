"""A self-contained HTML report of a map: findings first, every claim one click from its source.

One file that opens in any browser without a network, in this order: the findings (camps and
the links that make them, each speaker's forecast record, the most contested and the best
supported claims, what the moderator asked; see :mod:`argmap.findings`), each sentence linked
to its claims; the claims view's SVG inline, fitted to the page width, with zoom, pan and a
focus on one speaker or one claim's neighbourhood; the source text with every quote marked
(``<mark>``, linked to its claim); the claims by speaker with their outcome and their
relations in words; the relations; the speakers; the agreement between speakers.

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
import html
import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from itertools import pairwise
from typing import Final, NamedTuple
from urllib.parse import urlsplit

from argmap.analysis import AGREEMENT_TYPES, agreement_matrix
from argmap.engine import DEFAULT_TIMEOUT
from argmap.findings import Finding, Findings, Span, findings, relation_words, speaker_name
from argmap.mapfile import is_safe_url
from argmap.model import ArgumentMap, Claim
from argmap.quotes import SourceText
from argmap.rendering import render
from argmap.theme import DEFAULT_THEME, FONT_STACK, THEMES, Theme, _mix

__all__ = ["report"]

_ASSETS: Final = resources.files("argmap").joinpath("report_assets")
#: The page's only script; its hash is pinned in the page's Content-Security-Policy.
SCRIPT: Final = _ASSETS.joinpath("report.js").read_text(encoding="utf-8")
_CSS: Final = _ASSETS.joinpath("report.css").read_text(encoding="utf-8")

_STATUS_WORDS: Final = {
    "true": "came true",
    "partly": "came partly true",
    "false": "proved false",
    "open": "still open",
}


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
    speakers = _speaker_ids(m)
    index = {speaker: i for i, speaker in enumerate(speakers)}
    marks = _Marks(m, source_text)
    svg = _inline_svg(render(m, "svg", theme=theme, graphviz=graphviz, timeout=timeout).text, m)
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    title = _e(m.title)
    sections = [
        _section("Findings", "findings", _findings(m, findings(m), marks)),
        _map_section(m, svg),
        _section("Source text", "source", _source_text(m, marks, index)),
        _section("Claims by speaker", "claims", _claims_table(m, marks, index)),
        _section("Relations", "relations", _relations_list(m, marks)),
        _section("Speakers", "speakers", _speakers_table(m, index)),
        _section("Agreement between speakers", "agreement", _agreement_list(m)),
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
            f"<footer><p>{_facts(m)} Written by argmap.</p></footer>",
            '<script type="application/json" id="argmap-data">'
            + _json(_script_data(m))
            + "</script>",
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _e(text: str | None) -> str:
    """User text for HTML text and attribute values."""
    return html.escape(text or "", quote=True)


def _json(value: object) -> str:
    r"""JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` at all.

    >>> _json({"q": "</script>&"})
    '{"q": "\\u003c/script\\u003e\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _link(url: str | None, text: str) -> str:
    """``text`` (already escaped) as a link to ``url`` when that is an http(s) address."""
    if url and is_safe_url(url) and urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{text}</a>'
    return text


def _section(heading: str, name: str, body: str) -> str:
    return (
        f'<section id="{name}" aria-labelledby="{name}-heading">\n'
        f'<h2 id="{name}-heading">{heading}</h2>\n{body}\n</section>'
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


def _nav() -> str:
    items = "".join(f'<li><a href="#{name}">{label}</a></li>' for name, label in _SECTIONS)
    return f'<nav aria-label="Sections of the report"><ul>{items}</ul></nav>\n'


def _facts(m: ArgumentMap) -> str:
    quoted = sum(1 for c in m.claims if c.quote)
    return (
        f"{len(m.claims)} claims ({quoted} with a quote) by {len(m.speakers)} speakers, "
        f"{len(m.relations)} relations."
    )


def _source(m: ArgumentMap) -> str:
    lines: list[str] = []
    source = m.source
    if source is not None:
        parts = [_e(p) for p in (source.title, source.publisher, source.date) if p]
        if parts:
            cited = _link(source.url, " · ".join(parts))
            lines.append(f'<p class="source">Source: {cited}</p>')
        elif source.url:
            lines.append(f'<p class="source">Source: {_link(source.url, _e(source.url))}</p>')
        if source.note:
            lines.append(f'<p class="note">{_e(source.note)}</p>')
    if m.description:
        lines.append(f'<p class="description">{_e(m.description)}</p>')
    return "".join(line + "\n" for line in lines)


def _speaker_ids(m: ArgumentMap) -> list[str]:
    """Every speaker id in map order, then any speaker a claim names that the map lacks."""
    return list(dict.fromkeys([s.id for s in m.speakers] + [c.speaker for c in m.claims]))


# --- quotes in the source text ---------------------------------------------------------------


class _Quote(NamedTuple):
    start: int
    end: int
    kind: str  # "claim", "relation" or "context": which comes first where quotes overlap
    ref: str  # the claim id, relation key or context id


class _Marks:
    """Where each quote lies in the source text (found again, so any given text works)."""

    def __init__(self, m: ArgumentMap, text: str | None) -> None:
        self.text = text
        self.quotes: list[_Quote] = []
        if text is None:
            return
        source = SourceText(text)
        items: list[tuple[str, str, str | None]] = [("claim", c.id, c.quote) for c in m.claims]
        items += [("relation", key, r.quote) for key, r in m.relation_keys()]
        items += [("context", c.id, c.quote) for c in m.context]
        for kind, ref, quote in items:
            span = source.find(quote) if quote else None
            if span is not None and span[1] > span[0]:
                self.quotes.append(_Quote(span[0], span[1], kind, ref))
        self.found = {(q.kind, q.ref) for q in self.quotes}

    def has(self, kind: str, ref: str) -> bool:
        return self.text is not None and (kind, ref) in self.found


def _href(m: ArgumentMap, marks: _Marks, ref: str) -> str:
    """Where a link to a claim or context passage goes: its quote, or else its table row."""
    if marks.has("claim", ref):
        return f"#quote-{ref}"
    if m.is_claim(ref):
        return f"#row-{ref}"
    return f"#quote-{ref}" if marks.has("context", ref) else "#source"


def _spans(m: ArgumentMap, marks: _Marks, spans: Iterable[Span]) -> str:
    """A sentence as HTML: the spans that name a claim are links to it (and its quote)."""
    out = []
    for span in spans:
        if span.ref is None:
            out.append(_e(span.text))
            continue
        data = f' data-claim="{_e(span.ref)}"' if m.is_claim(span.ref) else ""
        out.append(f'<a href="{_e(_href(m, marks, span.ref))}"{data}>{_e(span.text)}</a>')
    return "".join(out)


def _source_text(m: ArgumentMap, marks: _Marks, index: dict[str, int]) -> str:
    text = marks.text
    if text is None:
        return (
            "<p>The map names no source text, so the quotes are shown with the claims below. "
            "(<code>argmap report</code> embeds the text that <code>source.text</code> names, "
            "or the one given with <code>--source-text</code>.)</p>"
        )
    missing = sum(1 for c in m.claims if c.quote and not marks.has("claim", c.id))
    note = f" {missing} quotes were not found in it and are shown with their claims." * bool(
        missing
    )
    body = "".join(_marked(m, text, marks.quotes, index))
    panel = (
        '<aside id="panel" class="panel" aria-label="Selected claim" aria-live="polite" hidden>'
        '<h3 id="panel-heading">Selected claim</h3><div id="panel-body"></div>'
        '<p class="panel-actions"><button type="button" id="panel-focus">Show its '
        "neighbourhood in the map</button></p></aside>"
    )
    return (
        f"<p>Each quote is marked in the colour of its speaker and leads to its claim.{note}</p>"
        f'\n<div class="reading"><div class="source-text" lang="">{body}</div>{panel}</div>'
    )


_KIND_ORDER: Final = {"claim": 0, "relation": 1, "context": 2}


def _marked(
    m: ArgumentMap, text: str, quotes: list[_Quote], index: dict[str, int]
) -> Iterator[str]:
    """The text with each quote in ``<mark>``; where quotes overlap the text is cut into
    pieces, each marked for the innermost claim quote that covers it (else relation, context).
    An empty ``span.anchor`` with the id ``quote-<id>`` comes before the first piece of each
    quote, so that ``#quote-<id>`` leads there."""
    bounds = sorted({0, len(text), *(q.start for q in quotes), *(q.end for q in quotes)})
    starts: dict[int, list[_Quote]] = {}
    for quote in quotes:
        starts.setdefault(quote.start, []).append(quote)
    # Sweep the pieces in order with the quotes open over each; a quote opens at its start and
    # closes at its end, so each piece costs the number of quotes open over it.
    ordered = sorted(quotes, key=lambda q: q.start)
    open_quotes: list[_Quote] = []
    next_quote = 0
    for left, right in pairwise(bounds):
        while next_quote < len(ordered) and ordered[next_quote].start <= left:
            open_quotes.append(ordered[next_quote])
            next_quote += 1
        open_quotes = [q for q in open_quotes if q.end > left]
        for quote in starts.get(left, ()):
            yield f'<span class="anchor" id="quote-{_e(quote.ref)}"></span>'
        piece = _e(text[left:right])
        if not open_quotes:
            yield piece
            continue
        best = min(open_quotes, key=lambda q: (_KIND_ORDER[q.kind], q.end - q.start))
        claims = " ".join(_e(q.ref) for q in open_quotes if q.kind == "claim")
        if best.kind == "claim":
            speaker = index.get(m.claim(best.ref).speaker, 0)
            yield (
                f'<mark class="quote claim-quote s-{speaker}" data-claim="{_e(best.ref)}" '
                f'data-claims="{claims}"><a href="#row-{_e(best.ref)}" '
                f'data-claim="{_e(best.ref)}">{piece}</a></mark>'
            )
        elif best.kind == "relation":
            yield (
                f'<mark class="quote relation-quote"><a href="#relation-{_e(best.ref)}">'
                f"{piece}</a></mark>"
            )
        else:
            yield f'<mark class="quote context-quote">{piece}</mark>'


# --- findings ---------------------------------------------------------------------------------

_FINDING_HEADINGS: Final = (
    ("camps", "Who sides with whom"),
    ("forecasts", "How the forecasts came out"),
    ("contested", "Most contested"),
    ("supported", "Best supported"),
    ("moderator", "What the moderator asked"),
)


def _findings(m: ArgumentMap, found: Findings, marks: _Marks) -> str:
    parts = [f'<p class="facts">{_e(_facts(m))}</p>']
    for name, heading in _FINDING_HEADINGS:
        topic: tuple[Finding, ...] = getattr(found, name)
        if not topic:
            if name == "forecasts":
                topic = (Finding((Span("No claim is marked as a prediction."),)),)
            elif name in ("contested", "supported"):
                what = "attacks or disagrees with" if name == "contested" else "supports"
                topic = (Finding((Span(f"No relation {what} a claim."),)),)
            else:
                continue
        items = "".join(
            f"<li>{_spans(m, marks, f.sentence)}"
            + (
                "<ul>" + "".join(f"<li>{_spans(m, marks, d)}</li>" for d in f.details) + "</ul>"
                if f.details
                else ""
            )
            + "</li>"
            for f in topic
        )
        parts.append(
            f'<section class="finding" id="finding-{name}" aria-labelledby="finding-{name}-h">'
            f'<h3 id="finding-{name}-h">{heading}</h3><ul>{items}</ul></section>'
        )
    return "\n".join(parts)


# --- the map ----------------------------------------------------------------------------------

_PROLOG: Final = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENT: Final = re.compile(r"<!--.*?-->", re.DOTALL)
_SVG_TAG: Final = re.compile(r"<svg\b[^>]*>")
_SIZE: Final = re.compile(r'\s(width|height)="[^"]*"')
_VIEW_BOX: Final = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')
_EDGE_TITLE: Final = re.compile(
    r'(<g id="relation&#45;([^"]*)" class="edge">\s*<title>)[^<]*(</title>)'
    r'(\s*<g id="a_relation&#45;[^"]*"><a xlink:title=")[^"]*(")'
)


def _inline_svg(svg: str, m: ArgumentMap | None = None) -> str:
    """Graphviz's SVG for inside HTML: no XML prolog, DOCTYPE or comments; no fixed size (the
    page sizes it, keeping its proportions); each relation's tooltip in words, not ids.

    >>> _inline_svg('<?xml version="1.0"?>\\n<!DOCTYPE svg>\\n<svg width="8"><!-- a --><g/></svg>')
    '<svg role="group" aria-label="The argument map"><g/></svg>'
    """
    svg = _COMMENT.sub("", _PROLOG.sub("", svg, count=1)).strip()

    def root(match: re.Match[str]) -> str:
        tag = _SIZE.sub("", match.group(0))
        box = _VIEW_BOX.search(tag)
        ratio = f' style="aspect-ratio: {box.group(3)} / {box.group(4)}"' if box else ""
        return tag[:-1] + f' role="group" aria-label="The argument map"{ratio}>'

    svg = _SVG_TAG.sub(root, svg, count=1)
    if m is None:
        return svg
    words = {key: "".join(s.text for s in relation_words(m, r)) for key, r in m.relation_keys()}

    def edge(match: re.Match[str]) -> str:
        said = words.get(html.unescape(match.group(2)))
        if said is None:
            return match.group(0)
        text = _e(said).replace("\n", "&#10;")
        return f"{match.group(1)}{text}{match.group(3)}{match.group(4)}{text}{match.group(5)}"

    return _EDGE_TITLE.sub(edge, svg)


def _has_key(m: ArgumentMap, key: str) -> bool:
    try:
        m.relation(key)
    except KeyError:
        return False
    return True


def _map_section(m: ArgumentMap, svg: str) -> str:
    options = "".join(
        f'<option value="{_e(s.id)}">{_e(s.name)}</option>' for s in m.speakers if m.claims_by(s.id)
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
        "(the legend names them). Scroll or +/− to zoom, drag or arrow keys to pan; click a "
        "claim, or Tab to it and press Enter, to read its quote.</p>"
    )
    box = _VIEW_BOX.search(svg)
    wide = box is not None and float(box.group(3)) > float(box.group(4))
    # A wide map prints on a landscape page of its own (a named @page in the stylesheet).
    shape = ' class="wide"' if wide else ' class="tall"'
    return (
        f'<section id="map"{shape} aria-labelledby="map-heading">\n'
        '<h2 id="map-heading">Map</h2>\n'
        f'{toolbar}\n<figure id="map-figure"><div id="map-view" tabindex="0" '
        f'aria-label="The argument map; arrow keys pan, + and − zoom, 0 fits">\n{svg}\n</div>'
        f"<figcaption>{hint}</figcaption></figure>\n</section>"
    )


def _script_data(m: ArgumentMap) -> dict[str, object]:
    """What the script needs beyond the page: each claim's neighbours and relation keys."""
    neighbours: dict[str, tuple[set[str], set[str]]] = {c.id: (set(), set()) for c in m.claims}
    for key, relation in m.relation_keys():
        ends = [relation.from_id, relation.to_id]
        if relation.type == "undercuts" and _has_key(m, relation.to_id):
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


# --- claims, relations, speakers, agreement ---------------------------------------------------


def _outcome(claim: Claim) -> str:
    outcome = claim.outcome
    if outcome is None:
        return ""
    said = _STATUS_WORDS.get(outcome.status, outcome.status)
    parts = [f'<strong class="status status-{_e(outcome.status)}">{_e(said)}</strong>']
    if outcome.note:
        parts.append(_e(outcome.note))
    if outcome.source:
        parts.append(f'<span class="who">({_e(outcome.source)})</span>')
    return " ".join(parts)


def _claim_links(m: ArgumentMap, marks: _Marks, claim: Claim) -> str:
    outgoing, incoming = [], []
    for relation in m.relations:
        words = relation_words(m, relation, this=claim.id)
        item = f"<li>{_spans(m, marks, words)}</li>"
        if relation.from_id == claim.id:
            outgoing.append(item)
        elif relation.to_id == claim.id:
            incoming.append(item)
    lists = []
    if outgoing:
        lists.append(
            f'<p class="list-head">From this claim:</p><ul class="out">{"".join(outgoing)}</ul>'
        )
    if incoming:
        lists.append(
            f'<p class="list-head">To this claim:</p><ul class="in">{"".join(incoming)}</ul>'
        )
    count = len(outgoing) + len(incoming)
    summary = f"{count} relation{'s' * (count != 1)}"
    # Folded, so that the table stays short; <details> opens without a script.
    return (
        f'<details><summary>{summary}</summary><div class="relation-lists">{"".join(lists)}'
        "</div></details>"
    )


def _claims_table(m: ArgumentMap, marks: _Marks, index: dict[str, int]) -> str:
    relations_of: dict[str, list[str]] = {}
    for key, relation in m.relation_keys():
        for end in (relation.from_id, relation.to_id):
            relations_of.setdefault(end, []).append(key)
    groups: list[str] = []
    for speaker_id in _speaker_ids(m):
        claims = m.claims_by(speaker_id)
        if not claims:
            continue
        rows = []
        for c in claims:
            quote = ""
            if c.quote and not marks.has("claim", c.id):
                quote = f'<blockquote class="quote">{_e(c.quote)}</blockquote>'
            goes = _href(m, marks, c.id)
            links = _claim_links(m, marks, c) if c.id in relations_of else ""
            rows.append(
                f'<tr class="claim" id="row-{_e(c.id)}" data-claim="{_e(c.id)}">'
                f'<td class="claim-cell"><a class="claim-text" href="{_e(goes)}" '
                f'data-claim="{_e(c.id)}">{_e(c.text)}</a>'
                f'<p class="meta"><span class="by">{_e(speaker_name(m, c.speaker))} · </span>'
                f"{_e(c.kind)}</p>{quote}</td>"
                f'<td class="outcome">{_outcome(c)}</td><td class="links">{links}</td></tr>'
            )
        heading = '<tr class="group"><th colspan="3" scope="rowgroup">'
        heading += f"{_e(speaker_name(m, speaker_id))}</th></tr>"
        groups.append(
            f'<tbody class="s-{index[speaker_id]}">\n{heading}\n' + "\n".join(rows) + "\n</tbody>"
        )
    if not groups:
        return "<p>The map has no claims.</p>"
    return (
        '<table id="table-claims">\n<thead><tr><th scope="col">Claim</th>'
        '<th scope="col">Outcome</th><th scope="col">Relations</th></tr></thead>\n'
        + "\n".join(groups)
        + "\n</table>"
    )


def _relations_list(m: ArgumentMap, marks: _Marks) -> str:
    items = []
    for key, r in m.relation_keys():
        extra = ""
        if r.quote:
            if marks.has("relation", key):
                extra += f' <a class="who" href="#quote-{_e(key)}">(quote in the source)</a>'
            else:
                extra += f' <q class="quote">{_e(r.quote)}</q>'
        if r.note:
            extra += f' <span class="who">— {_e(r.note)}</span>'
        words = _spans(m, marks, relation_words(m, r))
        items.append(
            f'<li id="relation-{_e(key)}" class="relation type-{_e(r.type)}">{words}.{extra}</li>'
        )
    if not items:
        return "<p>The map has no relations.</p>"
    return '<ul class="relations">\n' + "\n".join(items) + "\n</ul>"


def _speakers_table(m: ArgumentMap, index: dict[str, int]) -> str:
    rows = "\n".join(
        f'<tr class="speaker s-{index[s.id]}"><th scope="row">{_link(s.url, _e(s.name))}</th>'
        f"<td>{_e(s.role)}</td><td>{_e(s.affiliation)}</td><td>{_e(s.participation)}</td>"
        f'<td class="number">{len(m.claims_by(s.id))}</td></tr>'
        for s in m.speakers
    )
    return (
        '<table id="table-speakers">\n<thead><tr><th scope="col">Name</th>'
        '<th scope="col">Role</th><th scope="col">Affiliation</th>'
        '<th scope="col">Participation</th><th scope="col">Claims</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>"
    )


def _agreement_list(m: ArgumentMap) -> str:
    """Agreement as a list of the pairs of speakers joined by a relation: as long as the map's
    relations, never speakers × speakers."""
    matrix = agreement_matrix(m)
    if not matrix:
        return "<p>No relation runs between different speakers or their claims.</p>"
    rows = []
    for a in matrix:
        counts = a.counts()
        detail = ", ".join(
            f"{word} {counts[kind]}"
            for kind, word in zip(AGREEMENT_TYPES, _AGREEMENT_WORDS, strict=True)
            if counts[kind]
        )
        sign = "positive" if a.net > 0 else "negative" if a.net < 0 else "even"
        rows.append(
            f'<tr><th scope="row">{_e(speaker_name(m, a.source))}</th>'
            f"<td>{_e(speaker_name(m, a.target))}</td><td>{_e(detail)}</td>"
            f'<td class="number net {sign}">{a.net:+d}</td></tr>'
        )
    return (
        "<p>How each speaker stands towards another: the relations from the first speaker (or "
        "their claims) to the second's, and the net count (agreeing and supporting minus "
        "disagreeing, attacking and undercutting).</p>\n"
        '<table id="table-agreement">\n<thead><tr><th scope="col">Speaker</th>'
        '<th scope="col">towards</th><th scope="col">relations</th>'
        '<th scope="col">net</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


_AGREEMENT_WORDS: Final = ("agrees", "supports", "disagrees", "attacks", "undercuts")


# --- the look ---------------------------------------------------------------------------------


def colours(look: Theme, speakers: int) -> dict[str, str]:
    """The page's colours for a theme: ``bg``, ``text``, ``muted``, ``panel``, ``highlight``
    and, per speaker ``i``, ``line-i`` and ``fill-i`` (what a quote is marked with)."""
    out = {
        "bg": look.background,
        "text": look.text,
        "muted": look.muted,
        "panel": look.cluster_fill,
        "highlight": _mix("#F0C000", look.background, 0.45),
        "positive": look.edge["supports"].color,
        "negative": look.edge["attacks"].color,
    }
    for i in range(speakers):
        line, _ = look.speaker_colors(i)
        out[f"line-{i}"] = line
        out[f"fill-{i}"] = _mix(line, look.background, 0.22)
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
