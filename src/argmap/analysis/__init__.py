"""Analyses of a map: who agrees with whom, which claims stand, what is contested, and how the
forecasts fared.

Every function takes an :class:`~argmap.model.ArgumentMap` and returns plain data (frozen
dataclasses, named tuples, tuples and dicts); none prints. All of them run in time roughly
linear in the size of the map, except :func:`preferred_extensions` and
:func:`stable_extensions`, which are exponential and refuse maps beyond
:data:`EXTENSION_LIMIT` undecided arguments. To ask any of them about the links the source
states, leaving out the map author's inferences, pass :func:`stated_only` of the map.

>>> import argmap
>>> from argmap import analysis
>>> m = argmap.loads('''{"argmap": "1", "title": "Tea or coffee",
...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
...   "claims": [{"id": "tea", "speaker": "ann", "text": "Tea is better."},
...              {"id": "coffee", "speaker": "bob", "text": "Coffee is better."}],
...   "relations": [{"from": "coffee", "to": "tea", "type": "attacks"}]}''')
>>> analysis.grounded_labelling(m).out
('tea',)
>>> [(a.source, a.target, a.net) for a in analysis.agreement_matrix(m)]
[('bob', 'ann', -1)]
"""

from __future__ import annotations

from argmap.analysis.agreement import AGREEMENT_TYPES, Agreement, agreement_matrix, camps
from argmap.analysis.basis import stated_only
from argmap.analysis.common import Label
from argmap.analysis.forecasting import Forecast, ForecastRecord, forecast_record, forecasts
from argmap.analysis.overview import summary
from argmap.analysis.standing import (
    EXTENSION_LIMIT,
    ExtensionLimitError,
    Labelling,
    grounded_labelling,
    preferred_extensions,
    stable_extensions,
)
from argmap.analysis.tallies import (
    ClaimTally,
    centrality,
    claim_tallies,
    most_contested,
    most_supported,
)

__all__ = [
    "AGREEMENT_TYPES",
    "EXTENSION_LIMIT",
    "Agreement",
    "ClaimTally",
    "ExtensionLimitError",
    "Forecast",
    "ForecastRecord",
    "Label",
    "Labelling",
    "agreement_matrix",
    "camps",
    "centrality",
    "claim_tallies",
    "forecast_record",
    "forecasts",
    "grounded_labelling",
    "most_contested",
    "most_supported",
    "preferred_extensions",
    "stable_extensions",
    "stated_only",
    "summary",
]
