"""The Python API refuses wrong option values with ValueError (never KeyError, never writing
them into the output), and its objects pickle, deep-copy and stay immutable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import argmap
from argmap import ArgumentMap
from argmap.draw.dot import claims_dot
from argmap.draw.mermaid import mermaid_flowchart
from argmap.draw.views import speakers_dot
from argmap.report import report
from tests.conftest import SMALL, dumps

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
        ("rankdir", HOSTILE_RANKDIR, "unknown rankdir 'TB\\n click n0 hr"),
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
