"""How the forecasts fared: predictions by outcome, per speaker."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from argmap.model import (
    ArgumentMap,
    OutcomeStatus,
)

# --- forecasts ----------------------------------------------------------------------------


class Forecast(NamedTuple):
    """A prediction, its speaker and its recorded outcome (``None`` when none is recorded)."""

    claim: str
    speaker: str
    text: str
    status: OutcomeStatus | None


@dataclass(frozen=True, slots=True)
class ForecastRecord:
    """How one speaker's predictions fared: how many came true, false, partly true, remain
    open, or have no recorded outcome."""

    speaker: str
    true: int = 0
    false: int = 0
    partly: int = 0
    open: int = 0
    unrecorded: int = 0

    @property
    def total(self) -> int:
        """All the speaker's predictions."""
        return self.true + self.false + self.partly + self.open + self.unrecorded

    def counts(self) -> dict[str, int]:
        """Each count by name, and ``total``."""
        names = ("true", "false", "partly", "open", "unrecorded", "total")
        return {name: getattr(self, name) for name in names}


def forecasts(argument_map: ArgumentMap) -> tuple[Forecast, ...]:
    """Every claim of kind ``prediction``, in file order, with its outcome's status.

    Only predictions count: a ``report`` relays what others say, so its outcome is not the
    speaker's forecast.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "p", "speaker": "s", "text": "It will rain.", "kind": "prediction",
    ...               "outcome": {"status": "true", "source": "Weather log"}},
    ...              {"id": "q", "speaker": "s", "text": "Snow.", "kind": "prediction"}]}''')
    >>> [(f.claim, f.status) for f in forecasts(m)]
    [('p', 'true'), ('q', None)]
    """
    return tuple(
        Forecast(c.id, c.speaker, c.text, c.outcome.status if c.outcome else None)
        for c in argument_map.claims
        if c.kind == "prediction"
    )


def forecast_record(argument_map: ArgumentMap) -> tuple[ForecastRecord, ...]:
    """Per speaker with at least one prediction (in speaker order), how the predictions fared.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}, {"id": "t", "name": "T"}],
    ...   "claims": [{"id": "p", "speaker": "s", "text": "It will rain.", "kind": "prediction",
    ...               "outcome": {"status": "false", "source": "Weather log"}},
    ...              {"id": "q", "speaker": "s", "text": "It will snow.", "kind": "prediction",
    ...               "outcome": {"status": "open"}}]}''')
    >>> forecast_record(m)
    (ForecastRecord(speaker='s', true=0, false=1, partly=0, open=1, unrecorded=0),)
    """
    counts: dict[str, Counter[str]] = {}
    for forecast in forecasts(argument_map):
        status = forecast.status or "unrecorded"
        counts.setdefault(forecast.speaker, Counter())[status] += 1
    order = {speaker.id: i for i, speaker in enumerate(argument_map.speakers)}
    speakers = sorted(counts, key=lambda s: (order.get(s, len(order)), s))
    return tuple(ForecastRecord(s, **counts[s]) for s in speakers)
