"""Every analysis at once, as one JSON-ready dict (what ``argmap info`` shows)."""

from __future__ import annotations

from collections import Counter
from operator import attrgetter
from typing import Any

from argmap.analysis.agreement import agreement_of, camps_of
from argmap.analysis.common import (
    checked_top,
    positions,
    set_fields,
)
from argmap.analysis.forecasting import forecast_record, forecasts
from argmap.analysis.standing import grounded_of
from argmap.analysis.tallies import (
    ClaimTally,
    central,
    ranked,
    received,
)
from argmap.frozen import paused_gc
from argmap.model import (
    CLAIM_KINDS,
    RELATION_TYPES,
    ArgumentMap,
)

# --- everything at once -------------------------------------------------------------------


def summary(argument_map: ArgumentMap, top: int = 10) -> dict[str, Any]:
    """Every analysis of the map as one JSON-ready dict (what ``argmap info`` shows).

    Keys: ``title``, ``description``, ``source``, ``speakers`` (id, name, claims),
    ``claims``, ``claim_kinds``, ``relations`` (count by type), ``agreement``, ``camps``,
    ``standing`` (grounded counts and the claims ``out`` and ``undec``), ``most_contested``,
    ``most_supported``, ``central`` (the ``top`` of each), ``forecasts`` and
    ``forecast_record``.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "Empty", "speakers": [], "claims": []}''')
    >>> s = summary(m)
    >>> s["claims"], s["standing"]["counts"], s["camps"], s["forecasts"]
    (0, {'in': 0, 'out': 0, 'undec': 0}, [], [])
    """
    top = checked_top(top)
    with paused_gc():
        return _summary(argument_map, top)


def _summary(argument_map: ArgumentMap, top: int) -> dict[str, Any]:
    source = argument_map.source
    where = positions(argument_map)  # shared by standing, tallies and centrality
    standing = grounded_of(argument_map, where)
    matrix = agreement_of(argument_map, where)
    claim_scores = received(argument_map, where)
    kinds = Counter(map(attrgetter("kind"), argument_map.claims))
    types = Counter(map(attrgetter("type"), argument_map.relations))
    said = Counter(map(attrgetter("speaker"), argument_map.claims))

    def tallies(ranked: tuple[ClaimTally, ...]) -> list[dict[str, Any]]:
        return [{**t._asdict(), "text": argument_map.claim(t.claim).text} for t in ranked]

    return {
        "title": argument_map.title,
        "description": argument_map.description,
        "source": None if source is None else set_fields(source),
        "speakers": [
            {"id": s.id, "name": s.name, "claims": said[s.id]} for s in argument_map.speakers
        ],
        "claims": len(argument_map.claims),
        "claim_kinds": {kind: kinds[kind] for kind in CLAIM_KINDS},
        "relations": {kind: types[kind] for kind in RELATION_TYPES},
        "agreement": [{"source": a.source, "target": a.target, **a.counts()} for a in matrix],
        "camps": [list(camp) for camp in camps_of(argument_map, matrix)],
        "standing": {
            "semantics": "grounded",
            "counts": standing.counts(),
            "out": list(standing.out),
            "undec": list(standing.undec),
            "inferences": dict(standing.inferences),
        },
        "most_contested": tallies(ranked(argument_map, where, claim_scores, top, True)),
        "most_supported": tallies(ranked(argument_map, where, claim_scores, top, False)),
        "central": [
            {"claim": claim, "score": score, "text": argument_map.claim(claim).text}
            for claim, score in central(argument_map, where, top)
        ],
        "forecasts": [f._asdict() for f in forecasts(argument_map)],
        "forecast_record": [
            {"speaker": r.speaker, **r.counts()} for r in forecast_record(argument_map)
        ],
    }
