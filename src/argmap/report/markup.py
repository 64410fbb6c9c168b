"""What the report's parts share: escaping, links, sections, and where each quote lies in the
source text (:class:`Marks`)."""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

from argmap.mapfile import is_safe_url
from argmap.model import ArgumentMap
from argmap.quotes import SourceText
from argmap.report.findings import Span


def escape(text: str | None) -> str:
    """User text for HTML text and attribute values."""
    return html.escape(text or "", quote=True)


def bdi(text: str | None) -> str:
    r"""The map's text where it is joined with argmap's words or other text of the map: escaped
    and in a ``<bdi>``, so that its direction (a right-to-left name, a stray U+202E RIGHT-TO-LEFT
    OVERRIDE) cannot reorder the words around it. (A text alone in its element needs none.)

    >>> bdi("Bob \u202e<")
    '<bdi>Bob \u202e&lt;</bdi>'
    """
    return f"<bdi>{escape(text)}</bdi>"


def script_json(value: object) -> str:
    r"""JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` at all.

    >>> script_json({"q": "</script>&"})
    '{"q": "\\u003c/script\\u003e\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def link(url: str | None, text: str) -> str:
    """``text`` (already escaped) as a link to ``url`` when that is an http(s) address."""
    if url and is_safe_url(url) and urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{text}</a>'
    return text


def section(heading: str, name: str, body: str, fold: str | None = None) -> str:
    """A section of the page. With ``fold`` (the words of its switch) its body is in a
    ``<details class="fold">`` that is open in the page as written, so that without a script
    everything shows and every link lands; the script folds it, and opens it again for a
    link that leads inside, and for printing.

    >>> print(section("Claims", "claims", "<p>…</p>", fold="Show the 2 claims"))
    <section id="claims" aria-labelledby="claims-heading">
    <h2 id="claims-heading">Claims</h2>
    <details class="fold" open><summary>Show the 2 claims</summary>
    <p>…</p>
    </details>
    </section>
    """
    if fold is not None:
        body = f'<details class="fold" open><summary>{fold}</summary>\n{body}\n</details>'
    return (
        f'<section id="{name}" aria-labelledby="{name}-heading">\n'
        f'<h2 id="{name}-heading">{heading}</h2>\n{body}\n</section>'
    )


def speaker_ids(m: ArgumentMap) -> list[str]:
    """Every speaker id in map order, then any speaker a claim names that the map lacks."""
    return list(dict.fromkeys([s.id for s in m.speakers] + [c.speaker for c in m.claims]))


class Quote(NamedTuple):
    start: int
    end: int
    kind: str  # "claim", "relation" or "context": which comes first where quotes overlap
    ref: str  # the claim id, relation key or context id


class Marks:
    """Where each quote lies in the source text (found again, so any given text works)."""

    def __init__(self, m: ArgumentMap, text: str | None) -> None:
        self.text = text
        self.quotes: list[Quote] = []
        if text is None:
            return
        source = SourceText(text)
        items: list[tuple[str, str, str | None]] = [("claim", c.id, c.quote) for c in m.claims]
        items += [("relation", key, r.quote) for key, r in m.relation_keys()]
        items += [("context", c.id, c.quote) for c in m.context]
        for kind, ref, quote in items:
            span = source.find(quote) if quote else None
            if span is not None and span[1] > span[0]:
                self.quotes.append(Quote(span[0], span[1], kind, ref))
        self.found = {(q.kind, q.ref) for q in self.quotes}

    def has(self, kind: str, ref: str) -> bool:
        return self.text is not None and (kind, ref) in self.found


def href(m: ArgumentMap, marks: Marks, ref: str) -> str:
    """Where a link to a claim, relation or context passage goes: its quote, or else its row
    in the claims table or its entry in the list of relations."""
    if marks.has("claim", ref) or marks.has("relation", ref) or marks.has("context", ref):
        return f"#quote-{ref}"
    if m.is_claim(ref):
        return f"#row-{ref}"
    try:
        m.relation(ref)
    except KeyError:
        return "#source"
    return f"#rel-{ref}"


def spans(m: ArgumentMap, marks: Marks, spans: Iterable[Span]) -> str:
    """A sentence as HTML: the spans that name a claim are links to it (and its quote), one
    link for spans in a row that name the same; the map's text is in a :func:`bdi`."""
    out = []
    for ref, group in itertools.groupby(spans, key=lambda span: span.ref):
        text = "".join(bdi(span.text) if span.user else escape(span.text) for span in group)
        if ref is None:
            out.append(text)
            continue
        data = f' data-claim="{escape(ref)}"' if m.is_claim(ref) else ""
        out.append(f'<a href="{escape(href(m, marks, ref))}"{data}>{text}</a>')
    return "".join(out)


def facts(m: ArgumentMap) -> str:
    quoted = sum(1 for c in m.claims if c.quote)
    return f"{m.size()}; claims quoting the source: {quoted}."
