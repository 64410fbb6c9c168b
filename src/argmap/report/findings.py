"""What an analyst would write first about a map, as sentences that name the claims behind them.

The findings come from :mod:`argmap.analysis`: the camps (:func:`~argmap.analysis.camps`) and
the relations that make them, each speaker's forecast record
(:func:`~argmap.analysis.forecasts`), the most contested and the best supported claims
(:func:`~argmap.analysis.most_contested`, :func:`~argmap.analysis.most_supported`, with the
grounded standing), and what the moderator asked. A sentence is a tuple of :class:`Span`; a
span that stands for a claim (or a context passage) carries its id, so that a report can link
it to the claim and its quote. Relations are always put in words, never named by their ids.
The map's own text (names, claims, quotes) is in spans of its own, marked ``user``, so that
a report can isolate it from the words around it (``<bdi>``; :func:`plain` for plain text).

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "T",
...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
...   "claims": [{"id": "a", "speaker": "ann", "text": "Tea is best."},
...              {"id": "b", "speaker": "bob", "text": "Tea wins.", "kind": "prediction",
...               "outcome": {"status": "true", "source": "Vote"}}],
...   "relations": [{"from": "b", "to": "a", "type": "supports"}]}''')
>>> plain(relation_words(m, m.relations[0]))
'Bob’s “Tea wins.” supports Ann’s “Tea is best.”'
>>> [plain(f.sentence) for f in findings(m).forecasts]
['Bob made 1 prediction: 1 came true (“Tea wins.”).']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Final, NamedTuple

from argmap.analysis import (
    agreement_matrix,
    camps,
    forecast_record,
    forecasts,
    grounded_labelling,
    most_contested,
    most_supported,
)
from argmap.analysis.agreement import speakers_between
from argmap.draw.dotsyntax import isolate
from argmap.model import ArgumentMap, Relation

__all__ = [
    "VERBS",
    "Finding",
    "Findings",
    "Span",
    "end_words",
    "findings",
    "plain",
    "relation_words",
    "speaker_name",
]

#: Each relation type as the verb that joins its two ends in a sentence.
VERBS: Final = {
    "supports": "supports",
    "attacks": "attacks",
    "undercuts": "undercuts",
    "agrees": "agrees with",
    "disagrees": "disagrees with",
    "elaborates": "elaborates on",
}
#: How many items a finding lists before it says "and N more".
LIST_LIMIT: Final = 6
#: Roles of a speaker who runs the debate. A chair "of" something else (the transport
#: committee) is a speaker like any other.
_MODERATOR: Final = re.compile(
    r"\b(moderat\w*|chair(?:s|ing|man|woman|person)?(?!\s+of\b)|host|presenter|facilitat\w*)\b",
    re.I,
)


class Span(NamedTuple):
    """A piece of a sentence; ``ref`` is the id of the claim, relation or context passage it
    stands for; ``user`` says the text is the map's (a name, a claim), not argmap's words."""

    text: str
    ref: str | None = None
    user: bool = False


Sentence = tuple[Span, ...]


class Finding(NamedTuple):
    """One finding: a sentence, and the sentences that back it (the links behind a camp)."""

    sentence: Sentence
    details: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Findings:
    """The findings of a map, by topic (a topic is empty when there is nothing to say)."""

    camps: tuple[Finding, ...]
    forecasts: tuple[Finding, ...]
    contested: tuple[Finding, ...]
    supported: tuple[Finding, ...]
    moderator: tuple[Finding, ...]


def plain(sentence: Iterable[Span]) -> str:
    """A sentence as plain text, the map's text isolated where it could reorder the words
    around it (:func:`~argmap.draw.dotsyntax.isolate`)."""
    return "".join(isolate(span.text) if span.user else span.text for span in sentence)


def _user(text: str) -> Span:
    """The map's text: a name."""
    return Span(text, user=True)


def _quoted(text: str, ref: str) -> Sentence:
    """The map's text in quotation marks, all three spans standing for ``ref``."""
    return Span("“", ref), Span(text, ref, user=True), Span("”", ref)


def speaker_name(argument_map: ArgumentMap, speaker_id: str) -> str:
    """The speaker's name, or the id when the map does not define the speaker."""
    m = argument_map
    return m.speaker(speaker_id).name if m.is_speaker(speaker_id) else speaker_id


def end_words(
    argument_map: ArgumentMap, id: str, depth: int = 0, this: str | None = None
) -> Sentence:
    """One end of a relation in words: a speaker's name, a speaker's claim, or a relation.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "c", "speaker": "s", "text": "C."}]}''')
    >>> plain(end_words(m, "c")), [span.ref for span in end_words(m, "c")]
    ('S’s “C.”', [None, None, 'c', 'c', 'c'])
    """
    m = argument_map
    if id == this:
        return (Span("this claim"),)
    if m.is_claim(id):
        claim = m.claim(id)
        return _user(speaker_name(m, claim.speaker)), Span("’s "), *_quoted(claim.text, claim.id)
    if m.is_speaker(id):
        return (_user(m.speaker(id).name),)
    try:
        target = m.relation(id)
    except KeyError:
        return (Span("another link"),)
    if depth > 2:  # undercuts of undercuts of ...: name the innermost link no further
        return (Span("another link"),)
    return (Span("the link by which "), *relation_words(m, target, depth + 1, this))


def relation_words(
    argument_map: ArgumentMap, relation: Relation, depth: int = 0, this: str | None = None
) -> Sentence:
    """A relation as a sentence: ``Lankov agrees with Asmolov``, with claims quoted; the claim
    ``this`` (when given) is called "this claim"."""
    verb = VERBS.get(relation.type, relation.type)
    # A link the source does not state is said to be the map author's reading (issue 17).
    inferred = (Span(" (inferred by the map's author)"),) if relation.inferred else ()
    return (
        *end_words(argument_map, relation.from_id, depth, this),
        Span(" "),
        Span(verb, relation.id),  # the link itself: its quote, if it has one
        Span(" "),
        *end_words(argument_map, relation.to_id, depth, this),
        *inferred,
    )


def findings(argument_map: ArgumentMap, top: int = 3) -> Findings:
    """The findings of a map; ``top`` claims each for the most contested and best supported."""
    m = argument_map
    return Findings(
        camps=tuple(_camps(m)),
        forecasts=tuple(Finding(s) for s in _forecasts(m)),
        contested=tuple(Finding(s) for s in _ranked(m, "contested", top)),
        supported=tuple(Finding(s) for s in _ranked(m, "supported", top)),
        moderator=tuple(Finding(s) for s in _moderator(m)),
    )


def _closed(spans: Iterable[Span]) -> Sentence:
    """The spans as a sentence ending in a full stop (none after a quote ending in one)."""
    out = tuple(spans)
    if "".join(span.text for span in out[-2:]).endswith((".”", "?”", "!”", ".")):
        return out
    return (*out, Span("."))


def _names(names: list[str]) -> Sentence:
    """``A``, ``A and B``, ``A, B and C``."""
    out: list[Span] = []
    for index, name in enumerate(names):
        if index:
            out.append(Span(" and " if index == len(names) - 1 else ", "))
        out.append(_user(name))
    return tuple(out)


def _listed(items: list[Sentence], limit: int = LIST_LIMIT) -> Sentence:
    """Sentences joined with ``; ``, at most ``limit``, then ``and N more``."""
    out: list[Span] = []
    for index, item in enumerate(items[:limit]):
        if index:
            out.append(Span("; "))
        out.extend(item)
    if len(items) > limit:
        out.append(Span(f"; and {len(items) - limit} more"))
    return tuple(out)


def _links(relations: list[Relation]) -> str:
    """``3 links, 1 of them inferred``: how many, and how many the source does not state."""
    count = len(relations)
    inferred = sum(r.inferred for r in relations)
    said = f"{count} link{'s' * (count != 1)}"
    return said + (f", {inferred} of them inferred" if inferred else "")


def _some(links: list[Sentence]) -> tuple[Sentence, ...]:
    """At most :data:`LIST_LIMIT` links, then a line saying how many more there are."""
    if len(links) <= LIST_LIMIT + 1:  # "and 1 more" would take as much room as the one
        return tuple(links)
    more = len(links) - LIST_LIMIT
    return (*links[:LIST_LIMIT], (Span(f"and {more} more, in the list of relations"),))


def _camps(m: ArgumentMap) -> Iterator[Finding]:
    if not m.speakers:
        return
    groups = camps(m)
    camp_of = {speaker: i for i, group in enumerate(groups) for speaker in group}
    # One pass over the relations: those between two speakers (or their claims), by pair.
    by_pair: dict[frozenset[str], list[Relation]] = {}
    for relation in m.relations:
        ends = speakers_between(m, relation)
        if ends is not None:
            by_pair.setdefault(frozenset(ends), []).append(relation)
    inside: dict[int, list[Relation]] = {}
    for pair, relations in by_pair.items():
        a, b = sorted(pair)
        if camp_of.get(a) == camp_of.get(b) and a in camp_of:
            positive = [r for r in relations if r.type in ("agrees", "supports")]
            inside.setdefault(camp_of[a], []).extend(positive)
    order = {id(r): i for i, r in enumerate(m.relations)}
    for index, group in enumerate(groups):
        if len(group) == 1:
            continue
        relations = sorted(inside.get(index, []), key=lambda r: order[id(r)])
        links = [relation_words(m, r) for r in relations]
        names = _names([speaker_name(m, s) for s in group])
        yield Finding((*names, Span(f" side together ({_links(relations)}):")), _some(links))
    # Speakers of different camps joined by relations: what keeps them apart, or the
    # agreement that is outweighed. The pairs with the most relations first.
    net: dict[frozenset[str], int] = {}
    for agreement in agreement_matrix(m):
        if camp_of.get(agreement.source) != camp_of.get(agreement.target):
            key = frozenset((agreement.source, agreement.target))
            net[key] = net.get(key, 0) + agreement.net
    pairs = sorted(
        net,
        key=lambda p: (-len(by_pair.get(p, [])), sorted(speaker_name(m, s) for s in p)),
    )
    for pair in pairs[:LIST_LIMIT]:
        first, second = sorted(pair, key=lambda s: speaker_name(m, s))
        relations = by_pair.get(pair, [])
        links = [relation_words(m, r) for r in relations]
        names = _names([speaker_name(m, first), speaker_name(m, second)])
        stance = {
            0: "are split",
            1: "lean together without forming a camp",
            -1: "side against each other",
        }[(net[pair] > 0) - (net[pair] < 0)]
        yield Finding((*names, Span(f" {stance} ({_links(relations)}):")), _some(links))
    if len(pairs) > LIST_LIMIT:
        more = len(pairs) - LIST_LIMIT
        yield Finding(
            (
                Span(
                    f"{more} more pairs of speakers in different camps are joined by "
                    "relations: see the agreement between speakers."
                ),
            )
        )
    joined = {s for pair in net for s in pair}
    unjoined = [g[0] for g in groups if len(g) == 1 and g[0] not in joined]
    if unjoined:
        names = _names([speaker_name(m, s) for s in unjoined])
        verb = "takes" if len(unjoined) == 1 else "take"
        no_side = f" {verb} no side: no agreeing or opposing link joins them to others."
        yield Finding((*names, Span(no_side)))


_OUTCOMES: Final = (
    ("true", "came true"),
    ("partly", "came partly true"),
    ("false", "proved false"),
    ("open", "are still open"),
    ("unrecorded", "have no recorded outcome"),
)


def _forecasts(m: ArgumentMap) -> Iterator[Sentence]:
    by_speaker: dict[str, dict[str, list[Sentence]]] = {}
    for forecast in forecasts(m):
        status = forecast.status or "unrecorded"
        claims = by_speaker.setdefault(forecast.speaker, {}).setdefault(status, [])
        claims.append(_quoted(forecast.text, forecast.claim))
    for record in forecast_record(m):
        total = record.total
        out: list[Span] = [
            _user(speaker_name(m, record.speaker)),
            Span(f" made {total} prediction{'s' * (total != 1)}: "),
        ]
        parts = [
            (status, words, by_speaker[record.speaker].get(status, []))
            for status, words in _OUTCOMES
        ]
        first = True
        for _, words, claims in parts:
            if not claims:
                continue
            if not first:
                out.append(Span("; "))
            first = False
            verb = words if len(claims) != 1 else words.replace("are still", "is still")
            verb = verb.replace("have no", "has no") if len(claims) == 1 else verb
            out.append(Span(f"{len(claims)} {verb} ("))
            out.extend(_listed(claims))
            out.append(Span(")"))
        yield _closed(out)


def _ranked(m: ArgumentMap, which: str, top: int) -> Iterator[Sentence]:
    rank = most_contested if which == "contested" else most_supported
    ranking = rank(m, len(m.claims)) if m.claims else ()
    tallies = ranking[:top]
    standing = grounded_labelling(m).claims if tallies else {}
    fate = {
        "in": "it stands (grounded semantics)",
        "out": "it does not stand (grounded semantics): an attack on it goes unanswered",
        "undec": "its standing is undecided",
    }
    for tally in tallies:
        claim = m.claim(tally.claim)
        counts = f"supported {_times(tally.support)}, contested {_times(tally.contest)}"
        yield (
            *end_words(m, claim.id),
            Span(f" — {counts}; {fate[standing.get(claim.id, 'undec')]}."),
        )
    # The claims left out that count as many as the last one listed: the list cut a tie.
    count = attrgetter("contest" if which == "contested" else "support")
    tied = sum(1 for t in ranking[top:] if count(t) == count(ranking[top - 1]))
    if tied:
        more = f"{tied} more claim{'s' if tied > 1 else ''}"
        yield (Span(f"And {more} {which} {_times(count(ranking[top - 1]))}."),)


def _times(count: int) -> str:
    return {0: "by none", 1: "once", 2: "twice"}.get(count, f"{count} times")


def _moderator(m: ArgumentMap) -> Iterator[Sentence]:
    moderators = [
        s
        for s in m.speakers
        if _MODERATOR.search(" ".join(filter(None, (s.role, s.participation))))
    ]
    for speaker in moderators:
        claims = m.claims_by(speaker.id)
        asked = [c for c in claims if "?" in (c.quote or c.text)]
        if claims:  # what is not a question was said, not asked
            verb = " moderated and asked: " if asked else " moderated and said: "
            listed = _listed([_quoted(c.text, c.id) for c in asked or claims])
            yield _closed((_user(speaker.name), Span(verb), *listed))
        else:
            said = " moderated; the map records no question or claim of theirs."
            yield (_user(speaker.name), Span(said))
    # The questions the source sets: context passages with a question mark, those the map's
    # author describes as questions first (a teaser for another article asks questions too).
    asking = [item for item in m.context if item.quote and "?" in item.quote]
    described = [i for i in asking if "question" in f"{i.text} {i.note or ''}".lower()]
    for item in (described or asking)[:LIST_LIMIT]:
        assert item.quote is not None
        lead = (
            "The source sets the questions: "
            if moderators
            else "No speaker moderated; the source asks: "
        )
        yield _closed((Span(lead), *_quoted(item.quote, item.id)))
    if not moderators and not asking:
        yield (Span("No speaker is recorded as moderator, and the source asks no question."),)
