"""The quick loader (``argmap.mapfile.load_quick``) against the full checks (``validate``):
it may give up on anything, but a map it accepts is one the full checks accept, and the same
map. Hypothesis mutates maps (values, types, keys) and their text (duplicated spans, so
duplicate keys), reusing the fuzz tests' mutators."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.errors import MapError
from argmap.mapfile import load_quick, validate
from argmap.mapfile.parse import parse
from argmap.model import ArgumentMap
from tests.conftest import ROOT
from tests.test_fuzz import FUZZ, SMALL, mutate_json, mutate_text

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import synthetic_map

HANOI = ROOT / "maps" / "hanoi_2019.json"
# A map with everything the quick loader builds itself: outcomes, data, quotes, notes,
# relations with and without ids, an undercut, speakers as ends.
RICH: dict[str, Any] = {
    "argmap": "1",
    "title": "T",
    "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    "claims": [
        {"id": "a1", "speaker": "ann", "text": "Tea: better.", "quote": "tea", "data": {"k": [1]}},
        {"id": "b1", "speaker": "bob", "text": "No.", "kind": "prediction",
         "outcome": {"status": "false", "note": "n", "source": "s"}},
        {"id": "b2", "speaker": "bob", "text": "Maybe.", "outcome": {"status": "open"}},
    ],
    "relations": [
        {"id": "r1", "from": "b1", "to": "a1", "type": "attacks", "note": "why"},
        {"from": "b2", "to": "r1", "type": "undercuts"},
        {"from": "bob", "to": "ann", "type": "disagrees", "quote": "I disagree"},
        {"id": "r3", "from": "a1", "to": "b1", "type": "elaborates", "data": {}},
    ],
}  # fmt: skip


def full(text: str) -> ArgumentMap | None:
    try:
        return validate(parse([text]), base=ROOT / "maps")
    except MapError:
        return None


def quick(text: str) -> ArgumentMap | None:
    return load_quick([text], ROOT / "maps", None)


def assert_agrees(text: str) -> None:
    built = quick(text)
    if built is not None:  # the quick loader may give up; when it does not, it must agree
        assert built == full(text), text


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(RICH),
        json.dumps(SMALL),
        json.dumps(synthetic_map(300)),
        HANOI.read_text(encoding="utf-8"),
    ],
    ids=["rich", "small", "synthetic", "hanoi"],
)
def test_quick_loader_builds_what_the_full_checks_build(text: str) -> None:
    built = quick(text)
    assert built is not None and built == full(text)


@pytest.mark.parametrize(
    "text",
    [
        # duplicate keys, with and without colons elsewhere in strings
        '{"argmap": "1", "title": "T", "title": "U", "speakers": [], "claims": []}',
        '{"argmap": "1", "title": "a:b", "speakers": [], "claims": [], "claims": []}',
        json.dumps(RICH).replace('"text": "No."', '"text": "No.", "text": "Yes."'),
        json.dumps(RICH).replace('"to": "a1"', '"to": "a1", "to": "b2"'),
        # an escaped colon would spoil the count of colons
        json.dumps(RICH).replace('"Tea: better."', '"Tea\\u003a better.", "text": "x"'),
        # refused characters, raw or escaped, and NaN
        json.dumps(RICH).replace("Tea", "Tea\\u0000"),
        json.dumps(RICH).replace("Tea", "Tea\\ud800"),
        json.dumps(RICH, ensure_ascii=False).replace("Tea", "Tea\uffff"),
        json.dumps(RICH).replace('{"k": [1]}', '{"k": NaN}'),
        # bad ids, duplicate ids, dangling and wrong-kind references, self-loops
        json.dumps(RICH).replace('"a1"', '"a 1"'),
        json.dumps(RICH).replace('"id": "b2"', '"id": "b1"'),
        json.dumps(RICH).replace('"id": "r3"', '"id": "a1"'),
        json.dumps(RICH).replace('"speaker": "bob"', '"speaker": "b1"'),
        json.dumps(RICH).replace('"to": "r1"', '"to": "a1"'),
        json.dumps(RICH).replace('"from": "b1", "to": "a1"', '"from": "b1", "to": "b1"'),
        json.dumps(RICH).replace('"type": "elaborates"', '"type": "elaborate"'),
        json.dumps(RICH).replace('"status": "false", ', '"status": "true", "x": 1, '),
    ],
)
def test_quick_loader_never_accepts_a_broken_map(text: str) -> None:
    assert full(text) is None
    assert quick(text) is None


def test_claim_shaped_data_stays_data() -> None:
    # Data may hold anything, an object shaped like a claim included: the quick loader keeps
    # it as data, as the full checks do.
    text = json.dumps(RICH).replace('{"k": [1]}', '{"id": "z", "speaker": "ann", "text": "t"}')
    built = quick(text)
    assert built is not None and built == full(text)
    assert built.claim("a1").data == {"id": "z", "speaker": "ann", "text": "t"}


@FUZZ
@given(data=st.data(), start=st.sampled_from([SMALL, RICH]))
def test_quick_loader_agrees_on_mutated_maps(data: st.DataObject, start: Any) -> None:
    assert_agrees(mutate_json(data, start))


@FUZZ
@given(data=st.data(), start=st.sampled_from([SMALL, RICH]))
def test_quick_loader_agrees_on_mutated_text(data: st.DataObject, start: Any) -> None:
    assert_agrees(mutate_text(data, json.dumps(start)))


@pytest.mark.parametrize("key", ["claims", "relations"])
def test_full_checks_word_lists_of_lists(key: str) -> None:
    # The full checks hand the quick paths any list; only the quick loader's hold model objects.
    document = dict(RICH, **{key: [RICH[key]]})
    with pytest.raises(MapError, match=rf"{key}\[0\]: expected a"):
        validate(parse([json.dumps(document)]))
