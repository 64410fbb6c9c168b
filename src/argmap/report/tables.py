"""The findings, claims, relations, speakers and agreement sections of the report.

The map's text that shares an element with other text is in a ``<bdi>``
(:func:`~argmap.report.markup.bdi`); a cell or a heading that holds one text alone needs none.
"""

from __future__ import annotations

import re
from typing import Final

from argmap.analysis import AGREEMENT_TYPES, agreement_matrix
from argmap.model import ArgumentMap, Claim, Relation
from argmap.report.findings import Finding, Findings, Span, relation_words, speaker_name
from argmap.report.markup import Marks, bdi, escape, facts, href, link, spans, speaker_ids

_STATUS_WORDS: Final = {
    "true": "came true",
    "partly": "came partly true",
    "false": "proved false",
    "open": "still open",
}


_FINDING_HEADINGS: Final = (
    ("camps", "Who sides with whom"),
    ("forecasts", "How the forecasts came out"),
    ("contested", "Most contested"),
    ("supported", "Best supported"),
    ("moderator", "What the moderator asked"),
)


def findings_section(m: ArgumentMap, found: Findings, marks: Marks) -> str:
    parts = [f'<p class="facts">{escape(facts(m))}</p>']
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
            f"<li>{spans(m, marks, f.sentence)}"
            + (
                "<ul>" + "".join(f"<li>{spans(m, marks, d)}</li>" for d in f.details) + "</ul>"
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


def _outcome(claim: Claim) -> str:
    outcome = claim.outcome
    if outcome is None:
        return ""
    said = _STATUS_WORDS.get(outcome.status, outcome.status)
    parts = [f'<strong class="status status-{escape(outcome.status)}">{escape(said)}</strong>']
    if outcome.note:
        parts.append(bdi(outcome.note))
    if outcome.source:
        parts.append(f'<small class="who">({bdi(outcome.source)})</small>')
    return " ".join(parts)


def _claim_links(m: ArgumentMap, marks: Marks, claim: Claim, relations: list[Relation]) -> str:
    """The relations from and to a claim (``relations``: those with the claim at an end, in
    file order), as folded lists."""
    outgoing, incoming = [], []
    for relation in relations:
        words = relation_words(m, relation, this=claim.id)
        item = f"<li>{spans(m, marks, words)}</li>"
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


def claims_table(m: ArgumentMap, marks: Marks, index: dict[str, int]) -> str:
    # Each claim's relations, found once: wording every relation for every claim took
    # minutes at a few thousand claims.
    relations_of: dict[str, list[Relation]] = {}
    for relation in m.relations:
        for end in (relation.from_id, relation.to_id):
            relations_of.setdefault(end, []).append(relation)
    groups: list[str] = []
    for speaker_id in speaker_ids(m):
        claims = m.claims_by(speaker_id)
        if not claims:
            continue
        rows = []
        for c in claims:
            quote = ""
            if c.quote and not marks.has("claim", c.id):
                quote = f'<blockquote class="quote">{escape(c.quote)}</blockquote>'
            goes = href(m, marks, c.id)
            links = _claim_links(m, marks, c, relations_of[c.id]) if c.id in relations_of else ""
            rows.append(
                f'<tr class="claim" id="row-{escape(c.id)}" data-claim="{escape(c.id)}">'
                f'<td class="claim-cell"><a class="claim-text" href="{escape(goes)}" '
                f'data-claim="{escape(c.id)}">{escape(c.text)}</a>'
                f'<p class="meta"><span class="by">{bdi(speaker_name(m, c.speaker))} · </span>'
                f'{escape(c.kind)}</p>{quote}<div class="links">{links}</div></td>'
                f'<td class="outcome">{_outcome(c)}</td></tr>'
            )
        heading = '<tr class="group"><th colspan="2" scope="rowgroup">'
        heading += f"{escape(speaker_name(m, speaker_id))}</th></tr>"
        groups.append(
            f'<tbody class="s-{index[speaker_id]}">\n{heading}\n' + "\n".join(rows) + "\n</tbody>"
        )
    if not groups:
        return "<p>The map has no claims.</p>"
    return (
        '<table id="table-claims">\n<thead><tr><th scope="col">Claim</th>'
        '<th scope="col">Outcome</th></tr></thead>\n' + "\n".join(groups) + "\n</table>"
    )


def relations_list(m: ArgumentMap, marks: Marks) -> str:
    items = []
    for key, r in m.relation_keys():
        extra = ""
        if r.quote:
            if marks.has("relation", key):
                extra += f' <a class="who" href="#quote-{escape(key)}">(quote in the source)</a>'
            else:
                extra += f' <q class="quote">{bdi(r.quote)}</q>'
        if r.note:
            extra += f' <span class="who">— {_note(m, r.note)}</span>'
        words = spans(m, marks, relation_words(m, r))
        items.append(
            f'<li id="rel-{escape(key)}" class="relation type-{escape(r.type)}">'
            f"{words}.{extra}</li>"
        )
    if not items:
        return "<p>The map has no relations.</p>"
    return '<ul class="relations">\n' + "\n".join(items) + "\n</ul>"


def _note(m: ArgumentMap, note: str) -> str:
    """A relation's note, where the id of another relation ("As r2, for ...") is a link to
    it in this list: the list names relations in words, so a bare id led nowhere."""
    named = m.relations_by_id()
    parts = re.split(r"(?<![\w.-])([\w.-]+?)(?=[.,;:]?(?:\s|$))", note)
    linked = [
        f'<a href="#rel-{escape(part)}">{escape(part)}</a>'
        if i % 2 and part in named
        else escape(part)
        for i, part in enumerate(parts)
    ]
    return f"<bdi>{''.join(linked)}</bdi>"


def speakers_table(m: ArgumentMap, index: dict[str, int]) -> str:
    rows = "\n".join(
        f'<tr class="speaker s-{index[s.id]}"><th scope="row">{link(s.url, escape(s.name))}</th>'
        f'<td data-label="Role">{escape(s.role)}</td>'
        f'<td data-label="Affiliation">{escape(s.affiliation)}</td>'
        f'<td data-label="Participation">{escape(s.participation)}</td>'
        f'<td class="number" data-label="Claims">{len(m.claims_by(s.id))}</td></tr>'
        for s in m.speakers
    )
    return (
        '<table id="table-speakers" class="stacks">\n<thead><tr><th scope="col">Name</th>'
        '<th scope="col">Role</th><th scope="col">Affiliation</th>'
        '<th scope="col">Participation</th><th scope="col">Claims</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>"
    )


def agreement_list(m: ArgumentMap) -> str:
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
        net = f"{a.net:+d}" if a.net else "0"
        rows.append(
            f'<tr><th scope="row">{escape(speaker_name(m, a.source))}</th>'
            f'<td data-label="towards">{escape(speaker_name(m, a.target))}</td>'
            f'<td data-label="relations">{escape(detail)}</td>'
            f'<td class="number net {sign}" data-label="net">{net}</td></tr>'
        )
    return (
        "<p>How each speaker stands towards another: the relations from the first speaker (or "
        "their claims) to the second's, and the net count (agreeing and supporting minus "
        "disagreeing, attacking and undercutting).</p>\n"
        '<table id="table-agreement" class="stacks">\n<thead><tr><th scope="col">Speaker</th>'
        '<th scope="col">towards</th><th scope="col">relations</th>'
        '<th scope="col">net</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


_AGREEMENT_WORDS: Final = ("agrees", "supports", "disagrees", "attacks", "undercuts")
