"""The Python API refuses wrong option values with ValueError (never KeyError, never writing
them into the output), and its objects pickle, deep-copy and stay immutable."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from collections.abc import Callable
from typing import Any

import pytest

import argmap
from argmap import ArgumentMap, Claim, MapError, Relation, Speaker, analysis
from argmap.draw.dot import claims_dot
from argmap.draw.mermaid import mermaid_flowchart
from argmap.draw.views import speakers_dot
from argmap.errors import EngineError, FormatError, Problem, UsageError
from argmap.report import report
from tests.conftest import HANOI, SMALL, dumps

HOSTILE_RANKDIR = 'TB\n click n0 href "javascript:alert(1)"'


@pytest.fixture(scope="module")
def m() -> ArgumentMap:
    return argmap.loads(dumps(SMALL))


CALLS: dict[str, Callable[[ArgumentMap, dict[str, Any]], object]] = {
    "render svg": lambda m, kw: argmap.render(m, "dot", **kw),
    "render mermaid": lambda m, kw: argmap.render(m, "mermaid", **kw),
    "render speakers": lambda m, kw: argmap.render(m, "dot", view="speakers", **kw),
    "claims_dot": lambda m, kw: claims_dot(m, **kw),
    "speakers_dot": lambda m, kw: speakers_dot(m, **kw),
    "mermaid_flowchart": lambda m, kw: mermaid_flowchart(m, **kw),
}


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("theme", "neon", "unknown theme 'neon'; expected one of light, dark, print"),
        ("rankdir", HOSTILE_RANKDIR, "unknown rankdir 'TB\\n click n0 href"),
        ("rankdir", "tb", "unknown rankdir 'tb'; expected one of TB, LR, BT, RL"),
    ],
)
def test_wrong_options_are_value_errors(
    m: ArgumentMap, call: str, option: str, value: str, message: str
) -> None:
    with pytest.raises(ValueError) as caught:
        CALLS[call](m, {option: value})
    assert not isinstance(caught.value, KeyError)
    assert message in str(caught.value)


def test_report_with_an_unknown_theme_is_a_value_error(m: ArgumentMap) -> None:
    with pytest.raises(ValueError, match="unknown theme 'neon'"):
        report(m, theme="neon")


def rich_map() -> ArgumentMap:
    document = json.loads(dumps(SMALL))
    document["data"] = {"tags": ["a", {"deep": [1, 2]}]}
    document["claims"][0]["data"] = {"n": {"m": [1]}}
    document["relations"].append({"id": "u", "from": "b1", "to": "r1", "type": "undercuts"})
    return argmap.loads(dumps(document))


@pytest.mark.parametrize(
    "result",
    [
        rich_map,
        lambda: analysis.grounded_labelling(rich_map()),
        lambda: analysis.agreement_matrix(rich_map()),
        lambda: analysis.forecast_record(rich_map()),
        lambda: analysis.claim_tallies(rich_map()),
        lambda: analysis.summary(rich_map()),
    ],
)
def test_maps_and_results_pickle_and_deep_copy(result: Callable[[], Any]) -> None:
    value = result()
    assert pickle.loads(pickle.dumps(value)) == value
    assert copy.deepcopy(value) == value


def test_a_pickled_map_works_as_the_original() -> None:
    m = rich_map()
    again = pickle.loads(pickle.dumps(m))
    assert again.claim("a1") == m.claim("a1") and again.claims_by("ann") == m.claims_by("ann")
    assert argmap.render(again, "dot").data == argmap.render(m, "dot").data
    assert again.to_dict() == m.to_dict()


def test_data_is_read_only_at_every_depth_and_not_shared_mutable() -> None:
    m = rich_map()
    with pytest.raises(TypeError):
        m.data["x"] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        m.data["tags"][1]["deep"] = []
    with pytest.raises(AttributeError):
        m.data["tags"].append(3)
    with pytest.raises(AttributeError):
        m.claim("a1").data["n"]["m"].append(2)
    graph_data = m.to_networkx().nodes["a1"]["data"]
    with pytest.raises(TypeError):
        graph_data["n"] = {}
    # Still equal to the plain data, and written as it was.
    assert m.data == {"tags": ["a", {"deep": [1, 2]}]}
    assert m.to_dict()["data"] == {"tags": ["a", {"deep": [1, 2]}]}


def test_hand_built_maps_hold_tuples_and_frozen_data() -> None:
    claims = [Claim("c", "s", "C.", data={"x": [1]})]
    m = ArgumentMap("T", speakers=[Speaker("s", "S")], claims=claims)
    claims.append(Claim("d", "s", "D."))
    assert m.claims == (Claim("c", "s", "C.", data={"x": [1]}),)
    assert isinstance(m.speakers, tuple)
    with pytest.raises(AttributeError):
        m.claims[0].data["x"].append(2)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: ArgumentMap("T", claims=(Claim("c", "nobody", "C."),)),
            "claims[0] (c).speaker: 'nobody' is not defined in this map",
        ),
        (
            lambda: ArgumentMap(
                "T",
                speakers=(Speaker("s", "S"),),
                claims=(Claim("c", "s", "C."),),
                relations=(Relation("c", "gone", "supports"),),
            ),
            "relations[0].to: 'gone' is not defined in this map",
        ),
        (
            lambda: ArgumentMap("T", claims=("not a claim",)),  # type: ignore[arg-type]
            "is not a well-formed map",
        ),
    ],
)
def test_hand_built_maps_are_checked_on_construction(
    build: Callable[[], ArgumentMap], message: str
) -> None:
    with pytest.raises(MapError) as caught:
        build()
    assert message in "\n".join(caught.value.lines())


@pytest.mark.parametrize(
    "error",
    [
        MapError([Problem("claims[0].speaker", "missing")], "m.json", {"claims[0]": "c1"}),
        FormatError([Problem("nodes[2]", "no type")], "x.aif.json"),
        UsageError("no speaker has the id 'x'"),
        EngineError("the dot layout did not finish within 5 s", "timeout"),
    ],
)
def test_errors_survive_pickling(error: Exception) -> None:
    # A worker process hands its error to its parent by pickling it: MapError came back as
    # an AttributeError, EngineError as a TypeError, and the process pool broke.
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error)
    assert getattr(again, "problems", None) == getattr(error, "problems", None)
    assert getattr(again, "reason", None) == getattr(error, "reason", None)


def test_relations_by_id_cannot_change_the_map() -> None:
    m = argmap.loads(dumps(SMALL))
    with pytest.raises(TypeError):  # it was the map's own dict: popping broke the map
        del m.relations_by_id()["r1"]  # type: ignore[attr-defined]
    assert m.relation("r1").id == "r1"


def test_a_huge_depth_stops_when_everything_is_reached() -> None:
    m = argmap.load(HANOI)
    whole = argmap.render(m, "dot", focus="lankov", depth=50).text
    assert argmap.render(m, "dot", focus="lankov", depth=10**9).text == whole  # in no time


def test_a_rendering_shows_what_it_is_not_its_bytes() -> None:
    picture = argmap.render(argmap.loads(dumps(SMALL)), "svg")
    assert repr(picture).startswith(f"<Rendering svg, {len(picture.data):,} bytes, ")
    assert len(repr(picture)) < 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"when": datetime.date(2020, 1, 1)},
            "claims[0].data.when: holds datetime.date(2020, 1, 1)",
        ),
        ({"n": [1, {2: "x"}]}, "claims[0].data.n[1]: has the key 2, not a string"),
        ({"tags": {"a"}}, "claims[0].data.tags: holds {'a'} of type set"),
    ],
)
def test_a_map_built_by_hand_with_what_json_cannot_hold_is_refused(
    data: dict[Any, Any], message: str
) -> None:
    # A date raised json's raw TypeError; an integer key was kept and came back as "2".
    with pytest.raises(MapError) as caught:
        ArgumentMap("T", (Speaker("ann", "Ann"),), (Claim("c", "ann", "C.", data=data),))
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ("3-9", "claims[0] (c).quote_span: expected (start, end), two offsets into the source"),
        ((9, 3), "got (9, 3)"),
        ((-1, 3), "got (-1, 3)"),
        ((True, 3), "got (True, 3)"),
        ((1, 2, 3), "got (1, 2, 3)"),
    ],
)
def test_a_quote_span_set_by_hand_is_checked(span: Any, message: str) -> None:
    # A string here passed every check and crashed the picture, which orders claims by it.
    with pytest.raises(MapError) as caught:
        ArgumentMap("T", (Speaker("ann", "Ann"),), (Claim("c", "ann", "C.", quote_span=span),))
    assert message in str(caught.value)


def test_a_quote_span_set_by_hand_orders_the_picture() -> None:
    claims = (
        Claim("late", "ann", "Late.", quote_span=(50, 60)),
        Claim("early", "ann", "Early.", quote_span=(0, 5)),
    )
    dot = argmap.render(ArgumentMap("T", (Speaker("ann", "Ann"),), claims), "dot").text
    assert dot.index("Early.") < dot.index("Late.")


def test_data_nested_too_deeply_is_refused_in_a_map_built_by_hand() -> None:
    # Python's own limit varies (3.12 wrote no error, 3.13 had none): the map's is fixed.
    deep: Any = "bottom"
    for _ in range(150):
        deep = [deep]
    with pytest.raises(MapError) as caught:
        ArgumentMap("T", (Speaker("ann", "Ann"),), (Claim("c", "ann", "C.", data={"x": deep}),))
    assert str(caught.value) == "claims[0].data: is nested too deeply (more than 100 levels)"
