"""Property tests: mutated maps never crash the loader; hostile text survives DOT and SVG.

CI runs a few hundred examples per property. For a long run:

    ARGMAP_FUZZ_EXAMPLES=100000 .venv/bin/python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import copy
import json
import os
import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import MapError
from tests.conftest import SMALL

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SVG = "{http://www.w3.org/2000/svg}"

# Text a user may type: everything but the characters the loader refuses on purpose.
HOSTILE_PIECES = [
    '"',
    "\\",
    "\\n",
    "\\l",
    "<",
    ">",
    "&",
    "&amp;",
    "{",
    "}",
    "|",
    "[",
    "]",
    ";",
    "\n",
    "\t",
    "\u200f",
    "\u202e",
    "🤝🏽",
    "e\u0301",
    "javascript:",
    "<script>",
    "]]>",
    "--",
    "<!--",
]
hostile_text = (
    st.lists(
        st.one_of(
            st.sampled_from(HOSTILE_PIECES),
            st.text(
                alphabet=st.characters(
                    blacklist_categories=("Cs",),
                    blacklist_characters="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f",
                ),
                max_size=20,
            ),
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


@FUZZ
@given(data=st.data())
def test_mutated_maps_load_or_raise_map_error(data: st.DataObject) -> None:
    document: Any = copy.deepcopy(SMALL)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(paths(document)))
        action = data.draw(st.sampled_from(["drop", "replace", "swap-type"]))
        if not where:
            document = data.draw(json_values)
            continue
        parent = document
        for step in where[:-1]:
            parent = parent[step]
        key = where[-1]
        if action == "drop":
            del parent[key]
        elif action == "replace":
            parent[key] = data.draw(json_values)
        else:
            parent[key] = json.loads(json.dumps([parent[key]])) if parent[key] is not None else 1
    text = json.dumps(document)
    cut = data.draw(st.integers(0, len(text)))
    for candidate in (text, text[:cut]):
        try:
            argmap.loads(candidate)
        except MapError as error:
            assert error.problems and all(p.message for p in error.problems)


@FUZZ
@given(raw=st.binary(max_size=200))
def test_random_bytes_load_or_raise_map_error(raw: bytes) -> None:
    try:
        argmap.loads(raw)
    except MapError as error:
        assert error.problems


@settings(FUZZ, max_examples=max(20, EXAMPLES // 10))
@given(text=hostile_text, quote=hostile_text, title=hostile_text)
def test_hostile_text_survives_dot_and_svg(text: str, quote: str, title: str) -> None:
    document = copy.deepcopy(SMALL)
    document["title"] = title
    document["claims"][0].update(text=text, quote=quote)
    document["speakers"][0]["name"] = text
    m = argmap.loads(json.dumps(document))
    svg = argmap.render(m, "svg").data
    root = ET.fromstring(svg)  # well-formed XML, so the DOT was well-formed too
    node = root.find(f".//{SVG}g[@id='claim-a1']")
    assert node is not None
    shown = " ".join(t.text or "" for t in node.iter(f"{SVG}text"))
    assert shown.split() == text.split()
    link = node.find(f".//{SVG}a")
    assert link is not None
    assert link.get("{http://www.w3.org/1999/xlink}title") == quote
    assert root.find(f"{SVG}title").text == title  # type: ignore[union-attr]
    assert not root.findall(f".//{SVG}script")
    assert all(not name.startswith("on") for e in root.iter() for name in e.attrib)
