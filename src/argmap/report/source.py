"""The source text, embedded with every quote in a ``<mark>`` linked to its claim."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Final

from argmap.model import ArgumentMap
from argmap.report.markup import Marks, Quote, escape


def source_section(m: ArgumentMap, marks: Marks, index: dict[str, int]) -> str:
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
        'neighbourhood in the map</button> <button type="button" id="panel-close">Close'
        "</button></p></aside>"
    )
    return (
        f"<p>Each quote is marked in the colour of its speaker and leads to its claim.{note}</p>"
        f'\n<div class="reading"><div class="source-text" lang="">{body}</div>{panel}</div>'
    )


_KIND_ORDER: Final = {"claim": 0, "relation": 1, "context": 2}


def _marked(m: ArgumentMap, text: str, quotes: list[Quote], index: dict[str, int]) -> Iterator[str]:
    """The text with each quote in ``<mark>``; where quotes overlap the text is cut into
    pieces, each marked for the innermost claim quote that covers it (else relation, context).
    An empty ``span.anchor`` with the id ``quote-<id>`` comes before the first piece of each
    quote, so that ``#quote-<id>`` leads there."""
    bounds = sorted({0, len(text), *(q.start for q in quotes), *(q.end for q in quotes)})
    starts: dict[int, list[Quote]] = {}
    for quote in quotes:
        starts.setdefault(quote.start, []).append(quote)
    # Sweep the pieces in order with the quotes open over each; a quote opens at its start and
    # closes at its end, so each piece costs the number of quotes open over it.
    ordered = sorted(quotes, key=lambda q: q.start)
    open_quotes: list[Quote] = []
    next_quote = 0
    for left, right in pairwise(bounds):
        while next_quote < len(ordered) and ordered[next_quote].start <= left:
            open_quotes.append(ordered[next_quote])
            next_quote += 1
        open_quotes = [q for q in open_quotes if q.end > left]
        for quote in starts.get(left, ()):
            yield f'<span class="anchor" id="quote-{escape(quote.ref)}"></span>'
        piece = escape(text[left:right])
        if not open_quotes:
            yield piece
            continue
        best = min(open_quotes, key=lambda q: (_KIND_ORDER[q.kind], q.end - q.start))
        claims = " ".join(escape(q.ref) for q in open_quotes if q.kind == "claim")
        if best.kind == "claim":
            speaker = index.get(m.claim(best.ref).speaker, 0)
            yield (
                f'<mark class="quote claim-quote s-{speaker}" data-claim="{escape(best.ref)}" '
                f'data-claims="{claims}"><a href="#row-{escape(best.ref)}" '
                f'data-claim="{escape(best.ref)}">{piece}</a></mark>'
            )
        elif best.kind == "relation":
            yield (
                f'<mark class="quote relation-quote"><a href="#rel-{escape(best.ref)}">'
                f"{piece}</a></mark>"
            )
        else:
            yield f'<mark class="quote context-quote">{piece}</mark>'
