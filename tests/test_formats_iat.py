"""The IAT side of AIF import on a QT30-shaped nodeset: speakers, conflicts, speech acts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.formats import aif, iat
from tests.conftest import run
from tests.qt30_shape import PEOPLE, count, qt30_nodeset

IAT_ACTS = {
    "Pure Questioning",
    "Assertive Questioning",
    "Rhetorical Questioning",
    "Challenging",
    "Conceding",
    "Restating",
}


@pytest.fixture(scope="module")
def qt30() -> dict[str, Any]:
    return qt30_nodeset()


@pytest.fixture(scope="module")
def imported(qt30: dict[str, Any]) -> aif.Imported:
    return aif.loads_with_warnings(json.dumps(qt30))


def _ins(document: dict[str, Any]) -> dict[str, list[str]]:
    ins: dict[str, list[str]] = {}
    for edge in document["edges"]:
        ins.setdefault(edge["toID"], []).append(edge["fromID"])
    return ins


def test_every_anchored_claim_has_its_speaker(qt30: dict[str, Any], imported: Any) -> None:
    m, warnings = imported
    ins = _ins(qt30)
    unanchored = [n["nodeID"] for n in qt30["nodes"] if n["type"] == "I" and n["nodeID"] not in ins]
    assert len(m.claims) == count(qt30, "I") == 287
    assert 0 < len(unanchored) < 20
    # before: 100 of 287 claims (those anchored only through transitions) were "Unknown"
    unknown = [c.id for c in m.claims if c.speaker == "unknown"]
    assert unknown == ["n" + n for n in unanchored]
    # the locutions of those reconstructed premises say what no claim holds: counted, kept
    kinds = {n["nodeID"]: n["type"] for n in qt30["nodes"]}
    outs: dict[str, list[str]] = {}
    for edge in qt30["edges"]:
        outs.setdefault(edge["fromID"], []).append(edge["toID"])
    illocuting = {n for n, targets in outs.items() if any(kinds[t] == "YA" for t in targets)}
    silent = [  # no YA from the locution, nor from the transition into it
        n
        for n, kind in kinds.items()
        if kind == "L" and n not in illocuting and not set(ins.get(n, ())) & illocuting
    ]
    unplaced = [u["nodeID"] for u in m.data["aif"]["unplaced"]]
    assert unplaced == silent and len(unplaced) == len(unanchored)
    assert warnings == [
        f"{len(unanchored)} of 287 claims are tied to no locution (no L-YA-I path, no YA on "
        "a transition into a locution): speaker 'Unknown' (" + ", ".join(unknown[:5]) + " ...)",
        f"{len(unplaced)} nodes ({len(unplaced)} L) are no claim, relation or speaker (a "
        "locution that anchors nothing, an illocution such as 'Analysing' on a locution): "
        "kept in data.aif.unplaced (" + ", ".join(unplaced[:5]) + " ...)",
    ]


def test_one_speaker_per_person(imported: Any) -> None:
    m, _ = imported
    # before: 9 speakers (Tom Kerridge twice, Sarah Jones twice, ...)
    names = [s.name for s in m.speakers]
    people = {name.title() for name, _ in PEOPLE if name} | {"Unknown"}
    assert sorted(n.title() for n in names) == sorted(people - {"Sarah  Jones"})
    tom = next(s for s in m.speakers if s.name == "Tom Kerridge")
    assert sorted(tom.data["aif"]["personIDs"]) == ["502", "517"]
    sarah = next(s for s in m.speakers if s.id == "sarah-jones")
    assert sarah.name == "Sarah Jones"  # the spelling said with a personID
    assert sarah.data["aif"] == {"personID": "503"}


def test_conflicts_are_counted_once(qt30: dict[str, Any], imported: Any, tmp_path: Path) -> None:
    m, _ = imported
    types = Counter(r.type for r in m.relations)
    assert types == {
        "attacks": count(qt30, "CA"),
        "supports": count(qt30, "RA"),
        "elaborates": count(qt30, "MA"),
    }
    provenance = Counter(r.data["aif"].get("illocution") for r in m.relations)
    ya = Counter(n["text"] for n in qt30["nodes"] if n["type"] == "YA")
    assert provenance["Disagreeing"] == ya["Disagreeing"] == count(qt30, "CA")
    assert provenance["Arguing"] + provenance["Agreeing"] == count(qt30, "RA")
    (tmp_path / "qt30.json").write_text(json.dumps(qt30), encoding="utf-8")
    result = run("info", str(tmp_path / "qt30.json"))
    lines = [line for line in result.stdout.splitlines() if "│ attacks" in line]
    assert lines and lines[0].split("│")[2].strip() == str(count(qt30, "CA"))
    assert "disagrees" not in result.stdout.split("Agreement")[0]


def test_speech_acts_and_dialogue_order(qt30: dict[str, Any], imported: Any) -> None:
    m, _ = imported
    kinds = {n["nodeID"]: n["type"] for n in qt30["nodes"]}
    texts = {n["nodeID"]: n["text"] for n in qt30["nodes"]}
    expected = {  # every YA with a speech act of note, on the I-node it anchors
        "n" + edge["toID"]: texts[edge["fromID"]]
        for edge in qt30["edges"]
        if texts[edge["fromID"]] in IAT_ACTS and kinds[edge["toID"]] == "I"
    }
    acts = {c.id: c.data["speech_act"] for c in m.claims if "speech_act" in c.data}
    assert acts == expected  # before: none; 36 questions in QT30's 25441 lost
    assert Counter(acts.values())["Pure Questioning"] > 0
    places = [c.data["aif"]["dialogue"] for c in m.claims if "dialogue" in c.data["aif"]]
    assert places == sorted(places)  # the file is in dialogue order
    assert all("timestamp" in c.data["aif"] for c in m.claims if c.speaker != "unknown")


def test_transition_anchored_claim_is_said_by_the_later_locution() -> None:
    graph = iat.Graph(
        {
            "L1": ("L", "Ann : tax sugar"),
            "L2": ("L", "Bob : why?"),
            "T1": ("TA", "Default Transition"),
            "Y1": ("YA", "Challenging"),
            "I1": ("I", "Why tax sugar?"),
        },
        [("L1", "T1"), ("T1", "L2"), ("T1", "Y1"), ("Y1", "I1")],
        {},
        {},
    )
    reading = iat.read(graph)
    assert reading.anchors == {"I1": ["L2"]}
    assert reading.speech_acts == {"I1": "Challenging"}
    assert reading.speakers[reading.speaker_of["L2"]].name == "Bob"
    assert reading.dialogue == {"L1": 0, "L2": 1}


def test_dialogue_order_follows_transitions_not_the_file() -> None:
    nodes = {f"L{i}": ("L", f"P : {i}") for i in (3, 1, 2)} | {
        "T1": ("TA", ""),
        "T2": ("TA", ""),
    }
    graph = iat.Graph(nodes, [("L1", "T1"), ("T1", "L2"), ("L2", "T2"), ("T2", "L3")], {}, {})
    assert iat.read(graph).dialogue == {"L1": 0, "L2": 1, "L3": 2}


def test_qt30_import_round_trips_through_aif(imported: Any) -> None:
    m, _ = imported
    back = aif.loads(aif.dumps(m))
    assert argmap.dumps(back) == argmap.dumps(m)


def test_agreeing_and_disagreeing_keep_the_responding_words() -> None:
    """Before: the locution that agrees or disagrees was dropped; its words are the quote."""
    document = {
        "nodes": [
            {"nodeID": "L1", "type": "L", "text": "Ann : tax sugar"},
            {"nodeID": "Y1", "type": "YA", "text": "Asserting"},
            {"nodeID": "I1", "type": "I", "text": "Tax sugar."},
            {"nodeID": "L2", "type": "L", "text": "Bob :  quite right\u0007 "},
            {"nodeID": "Y2", "type": "YA", "text": "Agreeing"},
            {"nodeID": "T3", "type": "TA", "text": "Default Transition"},
            {"nodeID": "L3", "type": "L", "text": "Cy: no way"},
            {"nodeID": "Y3", "type": "YA", "text": "Disagreeing"},
        ],
        "edges": [
            {"fromID": a, "toID": b}
            for a, b in [
                ("L1", "Y1"),
                ("Y1", "I1"),
                ("L2", "Y2"),  # from the locution itself
                ("Y2", "I1"),
                ("L1", "T3"),  # from the transition into the responding locution
                ("T3", "L3"),
                ("T3", "Y3"),
                ("Y3", "L1"),
            ]
        ],
    }
    m, warnings = aif.loads_with_warnings(json.dumps(document))
    assert warnings == []
    assert [(r.from_id, r.to_id, r.type, r.quote) for r in m.relations] == [
        ("bob", "I1", "agrees", "quite right"),  # the name and the control character gone
        ("cy", "I1", "disagrees", "no way"),
    ]
    assert aif.loads(aif.dumps(m)) == m  # the quote survives our own export
