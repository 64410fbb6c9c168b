"""The ids the exports write are of the kind each format's schema and tools require."""

from __future__ import annotations

import json

import argmap
from argmap.formats import aif
from tests.conftest import DATA, HANOI


def test_aif_edge_ids_are_strings_and_xaif_edge_ids_integers() -> None:
    # AIFdb writes "edgeID": "148463" and arguebuf's AIF schema types it str (its dump of
    # a graph loaded with integer ids failed: "bad argument type"); OVA3's xAIF numbers
    # them, as tests/data/aif/xaif_example.json does.
    m = argmap.load(HANOI)
    edges = json.loads(aif.dumps(m))["edges"]
    assert edges and all(type(e["edgeID"]) is str for e in edges)
    assert len({e["edgeID"] for e in edges}) == len(edges)
    xaif_edges = json.loads(aif.dumps_xaif(m))["AIF"]["edges"]
    assert [type(e["edgeID"]) for e in xaif_edges] == [int] * len(xaif_edges)
    assert [str(e["edgeID"]) for e in xaif_edges] == [e["edgeID"] for e in edges]


def test_aif_import_reads_edge_ids_of_both_kinds() -> None:
    example = json.loads((DATA / "aif" / "xaif_example.json").read_text(encoding="utf-8"))
    assert {type(e["edgeID"]) for e in example["AIF"]["edges"]} == {int}
    as_strings = json.loads(json.dumps(example))
    for edge in as_strings["AIF"]["edges"]:
        edge["edgeID"] = str(edge["edgeID"])
    numbers, strings = (aif.loads(json.dumps(d)) for d in (example, as_strings))
    assert strings == numbers
    assert len(numbers.relations) == 1
