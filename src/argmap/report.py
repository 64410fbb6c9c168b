"""A self-contained HTML report of a map: the map itself, its speakers, claims and relations.

One file that opens in any browser without a network: the claims view's SVG inline (with zoom
and pan), a side panel that shows a claim's quote when it is hovered or clicked, and tables of
the speakers, the claims by speaker, the relations and the agreement between speakers. Every
piece of text from the map is escaped, links go only to http(s) addresses, and a
Content-Security-Policy lets the page load nothing and run only its own script.

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "Tea <or> coffee",
...   "speakers": [{"id": "ann", "name": "Ann"}],
...   "claims": [{"id": "a", "speaker": "ann", "text": "Tea."}]}''')
>>> page = report(m)
>>> page.startswith("<!DOCTYPE html>"), "<title>Tea &lt;or&gt; coffee</title>" in page
(True, True)
>>> open("report.html", "w", encoding="utf-8").write(page)  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable
from typing import Final
from urllib.parse import urlsplit

from argmap.analysis import AGREEMENT_TYPES, Agreement, agreement_matrix
from argmap.engine import DEFAULT_TIMEOUT
from argmap.mapfile import is_safe_url
from argmap.model import ArgumentMap, Claim
from argmap.rendering import render
from argmap.theme import DEFAULT_THEME, FONT_STACK, THEMES, Theme

__all__ = ["report"]


def report(
    argument_map: ArgumentMap,
    *,
    theme: str = DEFAULT_THEME,
    graphviz: str = "bundled",
    timeout: float | None = DEFAULT_TIMEOUT,
) -> str:
    """The HTML report of a map, as one self-contained page.

    ``theme`` colours both the map and the page; ``graphviz`` and ``timeout`` are passed to
    :func:`argmap.rendering.render`, which draws the claims view.

    >>> import argmap
    >>> page = report(argmap.load("maps/hanoi_2019.json"))    # doctest: +SKIP
    """
    m = argument_map
    look = THEMES[theme]
    svg = _inline_svg(render(m, "svg", theme=theme, graphviz=graphviz, timeout=timeout).text)
    names = {speaker.id: speaker.name for speaker in m.speakers}
    data = {
        claim.id: {
            "text": claim.text,
            "speaker": names.get(claim.speaker, claim.speaker),
            "kind": claim.kind,
            "quote": claim.quote,
            "outcome": _outcome_text(claim),
        }
        for claim in m.claims
    }
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    title = _e(m.title)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>",
            f"<style>\n{_style(look, len(m.speakers))}</style>",
            "</head>",
            "<body>",
            f"<header>\n<h1>{title}</h1>\n{_source(m)}</header>",
            "<main>",
            _MAP_SECTION.format(svg=svg),
            _section("Speakers", "speakers", _speakers_table(m)),
            _section("Claims by speaker", "claims", _claims_table(m)),
            _section("Relations", "relations", _relations_table(m)),
            _section("Agreement between speakers", "agreement", _agreement_table(m)),
            "</main>",
            '<script type="application/json" id="argmap-claims">' + _json(data) + "</script>",
            f"<script>{_SCRIPT}</script>",
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


_PROLOG: Final = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENT: Final = re.compile(r"<!--.*?-->", re.DOTALL)


def _inline_svg(svg: str) -> str:
    """Graphviz's SVG without its XML prolog, DOCTYPE and comments, for inside HTML.

    >>> _inline_svg('<?xml version="1.0"?>\\n<!DOCTYPE svg>\\n<svg><!-- a --><g/></svg>\\n')
    '<svg><g/></svg>'
    """
    return _COMMENT.sub("", _PROLOG.sub("", svg, count=1)).strip()


def _outcome_text(claim: Claim) -> str | None:
    outcome = claim.outcome
    if outcome is None:
        return None
    return " — ".join(p for p in (outcome.status, outcome.note, outcome.source) if p)


def _section(heading: str, name: str, body: str) -> str:
    return f'<section id="section-{name}">\n<h2>{heading}</h2>\n{body}\n</section>'


def _rows(rows: Iterable[str]) -> str:
    return "\n".join(rows)


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


def _speaker_name(m: ArgumentMap, speaker_id: str) -> str:
    return m.speaker(speaker_id).name if m.is_speaker(speaker_id) else speaker_id


def _speakers_table(m: ArgumentMap) -> str:
    rows = (
        f'<tr class="speaker speaker-{i}"><td>{_link(s.url, _e(s.name))}</td>'
        f"<td>{_e(s.role)}</td><td>{_e(s.affiliation)}</td><td>{_e(s.participation)}</td>"
        f'<td class="number">{len(m.claims_by(s.id))}</td></tr>'
        for i, s in enumerate(m.speakers)
    )
    return (
        '<table id="table-speakers">\n<thead><tr><th>Name</th><th>Role</th>'
        "<th>Affiliation</th><th>Participation</th><th>Claims</th></tr></thead>\n"
        f"<tbody>\n{_rows(rows)}\n</tbody>\n</table>"
    )


def _claims_table(m: ArgumentMap) -> str:
    groups: list[str] = []
    for index, speaker_id in enumerate(_speaker_ids(m)):
        claims = m.claims_by(speaker_id)
        if not claims:
            continue
        rows = (
            f'<tr class="claim" id="row-{_e(c.id)}" data-claim="{_e(c.id)}">'
            f"<td>{_e(c.text)}<br><code>{_e(c.id)}</code></td><td>{_e(c.kind)}</td>"
            f'<td class="quote">{_e(c.quote)}</td><td>{_e(_outcome_text(c))}</td></tr>'
            for c in claims
        )
        heading = '<tr class="group"><th colspan="4" scope="rowgroup">'
        heading += f"{_e(_speaker_name(m, speaker_id))}</th></tr>"
        groups.append(f'<tbody class="speaker-{index}">\n{heading}\n{_rows(rows)}\n</tbody>')
    return (
        '<table id="table-claims">\n<thead><tr><th>Claim</th><th>Kind</th><th>Quote</th>'
        f"<th>Outcome</th></tr></thead>\n{_rows(groups)}\n</table>"
    )


def _end(m: ArgumentMap, id: str) -> str:
    """One end of a relation, in words: a claim (linked to its row), a speaker or a relation."""
    if m.is_claim(id):
        claim = m.claim(id)
        speaker = _e(_speaker_name(m, claim.speaker))
        return f'<a href="#row-{_e(id)}">{_e(claim.text)}</a> <span class="who">({speaker})</span>'
    if m.is_speaker(id):
        return f'<span class="who">{_e(m.speaker(id).name)}</span>'
    return f"relation <code>{_e(id)}</code>"


def _relations_table(m: ArgumentMap) -> str:
    rows = (
        f'<tr class="relation type-{_e(r.type)}" id="row-{_e(key)}"><td>{_end(m, r.from_id)}</td>'
        f'<td class="type">{_e(r.type)}</td><td>{_end(m, r.to_id)}</td>'
        f'<td class="quote">{_e(r.quote)}</td><td>{_e(r.note)}</td></tr>'
        for key, r in m.relation_keys()
    )
    return (
        '<table id="table-relations">\n<thead><tr><th>From</th><th>Type</th><th>To</th>'
        "<th>Quote</th><th>Note</th></tr></thead>\n"
        f"<tbody>\n{_rows(rows)}\n</tbody>\n</table>"
    )


def _agreement_cell(agreement: Agreement | None) -> str:
    if agreement is None:
        return "<td></td>"
    net = agreement.net
    sign = "positive" if net > 0 else "negative" if net < 0 else "even"
    counts = agreement.counts()
    detail = " · ".join(f"{counts[kind]} {kind}" for kind in AGREEMENT_TYPES if counts[kind])
    shown = f"{net:+d}" if net else "0"
    return f'<td class="net {sign}" title="{detail}">{shown}<br><small>{detail}</small></td>'


def _agreement_table(m: ArgumentMap) -> str:
    matrix = {(a.source, a.target): a for a in agreement_matrix(m)}
    if not matrix:
        return "<p>No relation runs between different speakers or their claims.</p>"
    ids = [s.id for s in m.speakers]
    header = "".join(f'<th scope="col">{_e(m.speaker(s).name)}</th>' for s in ids)
    rows = (
        f'<tr><th scope="row">{_e(m.speaker(row).name)}</th>'
        + "".join(
            '<td class="self">—</td>' if row == col else _agreement_cell(matrix.get((row, col)))
            for col in ids
        )
        + "</tr>"
        for row in ids
    )
    return (
        "<p>How each row's speaker stands towards each column's speaker: the relations from the "
        "row's speaker (or their claims) to the column's, and the net count (agreeing and "
        "supporting minus disagreeing, attacking and undercutting).</p>\n"
        '<table id="table-agreement">\n'
        f'<thead><tr><th scope="col">from \\ to</th>{header}</tr></thead>\n'
        f"<tbody>\n{_rows(rows)}\n</tbody>\n</table>"
    )


def _style(look: Theme, speakers: int) -> str:
    """The page's stylesheet; every colour comes from the theme."""
    variables = {
        "bg": look.background,
        "text": look.text,
        "muted": look.muted,
        "panel": look.cluster_fill,
        "positive": look.edge["supports"].color,
        "negative": look.edge["attacks"].color,
    }
    rules = [":root { " + " ".join(f"--{k}: {v};" for k, v in variables.items()) + " }"]
    rules += [
        f".speaker-{i} {{ --speaker: {look.speaker_colors(i).line}; }}" for i in range(speakers)
    ]
    rules += [f".type-{kind} {{ --type: {style.color}; }}" for kind, style in look.edge.items()]
    return "\n".join(rules) + "\n" + _CSS.replace("FONT_STACK", FONT_STACK)


_CSS: Final = """\
body { margin: 0 auto; max-width: 90rem; padding: 1rem 1.5rem; font-family: FONT_STACK;
  background: var(--bg); color: var(--text); line-height: 1.4; }
a { color: inherit; }
header .source, header .note, header .description, .who, code, small { color: var(--muted); }
.toolbar { display: flex; gap: 0.5rem; align-items: center; margin-bottom: 0.5rem;
  color: var(--muted); }
.toolbar button { min-width: 2.2rem; font: inherit; background: var(--panel);
  color: var(--text); border: 1px solid var(--muted); border-radius: 4px; cursor: pointer; }
.map-and-panel { display: flex; gap: 1rem; align-items: stretch; }
#map { flex: 1 1 auto; margin: 0; min-width: 0; border: 1px solid var(--muted);
  border-radius: 4px; overflow: hidden; touch-action: none; cursor: grab; }
#map svg { display: block; width: 100%; height: 70vh; }
#map g.claim { cursor: pointer; }
#map g.claim.selected path, #map g.claim:focus path { stroke-width: 3; }
#panel { flex: 0 0 20rem; background: var(--panel); border: 1px solid var(--muted);
  border-radius: 4px; padding: 0.75rem; overflow-y: auto; max-height: 70vh; }
#panel blockquote { margin: 0.5rem 0; padding-left: 0.75rem; border-left: 3px solid var(--muted);
  font-style: italic; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
  border-bottom: 1px solid var(--panel); }
thead th { border-bottom: 2px solid var(--muted); }
tr.speaker td:first-child, tr.group th { border-left: 5px solid var(--speaker, var(--muted)); }
tr.group th { background: var(--panel); }
tr.claim:target { outline: 2px solid var(--muted); }
td.quote { font-style: italic; }
td.type { color: var(--type); font-weight: bold; white-space: nowrap; }
td.number { text-align: right; }
td.net { text-align: center; font-weight: bold; }
td.net small { font-weight: normal; }
td.positive { color: var(--positive); }
td.negative { color: var(--negative); }
td.self { text-align: center; color: var(--muted); }
@media (max-width: 60rem) { .map-and-panel { flex-direction: column; } #panel { flex: none; } }
"""

_MAP_SECTION: Final = """\
<section id="section-map">
<h2>Map</h2>
<div class="toolbar"><button type="button" id="zoom-in" title="Zoom in">+</button>\
<button type="button" id="zoom-out" title="Zoom out">&minus;</button>\
<button type="button" id="zoom-reset" title="Show all">Fit</button>\
<span>Scroll to zoom, drag to pan; hover over or click a claim to see its quote.</span></div>
<div class="map-and-panel">
<figure id="map">
{svg}
</figure>
<aside id="panel" aria-live="polite">
<h3 id="panel-speaker">Claims</h3>
<p id="panel-text">Hover over or click a claim in the map.</p>
<blockquote id="panel-quote"></blockquote>
<p id="panel-kind" class="who"></p>
<p id="panel-outcome"></p>
</aside>
</div>
</section>"""

# The page's only script: the side panel, and zoom and pan through the SVG's viewBox. It sets
# text only through textContent, never as HTML. Its hash is in the page's CSP.
_SCRIPT: Final = """
(function () {
  "use strict";
  var claims = JSON.parse(document.getElementById("argmap-claims").textContent);
  var svg = document.querySelector("#map svg");
  if (!svg) { return; }
  var field = function (name) { return document.getElementById("panel-" + name); };
  var pinned = null;
  var moved = false;
  function show(id) {
    var claim = claims[id];
    if (!claim) { return; }
    field("speaker").textContent = claim.speaker;
    field("text").textContent = claim.text;
    field("quote").textContent = claim.quote ? "\\u201c" + claim.quote + "\\u201d" : "";
    field("kind").textContent = claim.kind;
    field("outcome").textContent = claim.outcome ? "Outcome: " + claim.outcome : "";
  }
  svg.querySelectorAll("g.node.claim").forEach(function (group) {
    var id = group.id.slice("claim-".length);
    group.setAttribute("tabindex", "0");
    group.addEventListener("mouseenter", function () { show(id); });
    group.addEventListener("mouseleave", function () { if (pinned) { show(pinned); } });
    group.addEventListener("focus", function () { show(id); });
    group.addEventListener("click", function () {
      if (moved) { return; }
      var previous = pinned && document.getElementById("claim-" + pinned);
      if (previous) { previous.classList.remove("selected"); }
      pinned = id;
      group.classList.add("selected");
      show(id);
    });
  });
  var box = svg.viewBox.baseVal;
  var home = [box.x, box.y, box.width, box.height];
  var view = home.slice();
  function apply() { svg.setAttribute("viewBox", view.join(" ")); }
  function scale() {
    var rect = svg.getBoundingClientRect();
    return Math.max(view[2] / rect.width, view[3] / rect.height);
  }
  function zoom(factor, clientX, clientY) {
    var rect = svg.getBoundingClientRect();
    var s = scale();
    var x = view[0] + (view[2] - rect.width * s) / 2 + (clientX - rect.left) * s;
    var y = view[1] + (view[3] - rect.height * s) / 2 + (clientY - rect.top) * s;
    view = [x - (x - view[0]) * factor, y - (y - view[1]) * factor,
            view[2] * factor, view[3] * factor];
    apply();
  }
  function zoomCentre(factor) {
    var rect = svg.getBoundingClientRect();
    zoom(factor, rect.left + rect.width / 2, rect.top + rect.height / 2);
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    zoom(event.deltaY > 0 ? 1.2 : 1 / 1.2, event.clientX, event.clientY);
  }, { passive: false });
  var start = null;
  svg.addEventListener("pointerdown", function (event) {
    start = { x: event.clientX, y: event.clientY, view: view.slice(), scale: scale() };
    moved = false;
  });
  svg.addEventListener("pointermove", function (event) {
    if (!start) { return; }
    var dx = event.clientX - start.x;
    var dy = event.clientY - start.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    if (!moved) { svg.setPointerCapture(event.pointerId); }
    moved = true;
    view = [start.view[0] - dx * start.scale, start.view[1] - dy * start.scale,
            view[2], view[3]];
    apply();
  });
  var stop = function () { start = null; };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);
  document.getElementById("zoom-in").addEventListener("click", function () {
    zoomCentre(1 / 1.5);
  });
  document.getElementById("zoom-out").addEventListener("click", function () {
    zoomCentre(1.5);
  });
  document.getElementById("zoom-reset").addEventListener("click", function () {
    view = home.slice();
    apply();
  });
})();
"""
