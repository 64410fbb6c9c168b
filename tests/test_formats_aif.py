"""AIF and xAIF import and export: real AIFdb/OVA files, oddities, round trips, bad input."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import MapError
from argmap.formats import aif
from tests.conftest import DATA, HANOI

AIF = DATA / "aif"


@pytest.mark.parametrize(
    ("name", "speakers", "claims", "relations", "warnings"),
    [
        ("aifdb_nodeset6064.json", 2, 9, 5, 7),
        ("aifdb_twitter3915.json", 2, 2, 1, 0),
        ("iat_example_synthetic.json", 3, 2, 3, 0),
        ("xaif_example.json", 1, 2, 1, 0),
    ],
)
def test_real_files_import(
    name: str, speakers: int, claims: int, relations: int, warnings: int
) -> None:
    m, found = aif.load_with_warnings(AIF / name)
    assert (len(m.speakers), len(m.claims), len(m.relations)) == (speakers, claims, relations)
    assert len(found) == warnings


def test_aifdb_dialogue_keeps_speakers_and_quotes() -> None:
    m, warnings = aif.load_with_warnings(AIF / "aifdb_nodeset6064.json")
    assert [(s.id, s.name, s.data["aif"]["personID"]) for s in m.speakers] == [
        ("cl", "CL", "409"),
        ("nl", "NL", "437"),
    ]
    assert [len(m.claims_by("cl")), len(m.claims_by("nl"))] == [7, 2]
    claim = m.claim("n29045")
    assert claim.text.startswith("they got to a point where Macmillan")
    assert claim.quote is not None and claim.quote.startswith("But my point is they got")
    assert claim.data["aif"] == {"nodeID": "29045", "locutions": ["29069"]}
    assert {(r.id, r.from_id, r.to_id, r.type) for r in m.relations} == {
        ("n111803", "n29053", "n29054", "supports"),
        ("n111814", "n111809", "n111805", "supports"),
        ("n111821", "n111809", "n111816", "supports"),
        ("n111824", "n111816", "n29053", "supports"),
        ("n111844", "n111833", "n111839", "supports"),
    }
    assert m.relation("n111814").data["aif"]["text"] == "Default Inference"
    assert m.relation("n111803").data["aif"]["text"] == "RA"
    # the "M: CL : ..." duplicates of utterances have no edges
    assert all("has no edges; skipped" in w for w in warnings)
    assert warnings[0] == "nodes[14]: L node '111808' has no edges; skipped"


def test_xaif_wrapper_and_participants() -> None:
    m = aif.load(AIF / "aifdb_twitter3915.json")
    assert [s.name for s in m.speakers] == ["POSTER_1", "USER_27"]
    assert m.claim("n58779").speaker == "poster_1"
    assert [(r.from_id, r.to_id, r.type) for r in m.relations] == [("n59040", "n58779", "attacks")]
    assert m.relation("n59039").data["aif"]["scheme"] == "Calling Out"


def test_ova_participant_ids_as_strings_and_integers() -> None:
    m = aif.load(AIF / "xaif_example.json")
    # personID 1 and "1" are one participant of the 14 listed; only used ones become speakers
    assert [(s.id, s.name) for s in m.speakers] == [("participant-rachel", "Participant Rachel")]
    assert [c.quote for c in m.claims] == ["A", "B"]
    (relation,) = m.relations
    assert (relation.from_id, relation.to_id, relation.type) == (
        "n15_164926162804546033",
        "n2_164926129380455983",
        "supports",
    )


def test_iat_agreeing_and_disagreeing() -> None:
    m = aif.load(AIF / "iat_example_synthetic.json")
    assert [(c.id, c.speaker, c.quote) for c in m.claims] == [
        ("I1", "alice", "We should ban cars from the centre"),
        ("I2", "bob", "No, shops need deliveries"),
    ]
    assert [(r.id, r.from_id, r.to_id, r.type) for r in m.relations] == [
        ("C1", "I2", "I1", "attacks"),
        ("Y3", "bob", "alice", "disagrees"),
        ("Y4", "carol", "I1", "agrees"),
    ]


ODD: dict[str, Any] = {
    "nodes": [
        {"nodeID": 1, "type": "I", "text": "Cars pollute."},
        {"nodeID": "2", "type": "L", "text": "Dana Scully:Cars pollute!"},
        {"nodeID": 3, "type": "YA", "text": "Asserting"},
        {"nodeID": 4, "type": "I", "text": "Ban cars."},
        {"nodeID": 5, "type": "RA", "text": "Default Inference"},
        {"nodeID": 6, "type": "I", "text": "Buses pollute too."},
        {"nodeID": 7, "type": "CA", "text": "Default Conflict"},
        {"nodeID": 8, "type": "MA", "text": "Default Rephrase"},
        {"nodeID": 9, "type": "I", "text": "Prohibit cars."},
        {"nodeID": 10, "type": "RA", "text": "Default Inference"},
        {"nodeID": 11, "type": "XX", "text": "?"},
        {"nodeID": 1, "type": "I", "text": "duplicate"},
        {"nodeID": 12, "type": "RA", "text": "no conclusion"},
    ],
    "edges": [
        {"fromID": 2, "toID": "3"},
        {"fromID": "3", "toID": 1},
        {"fromID": "1", "toID": 5},
        {"fromID": 5, "toID": 4},
        {"fromID": 6, "toID": 7},
        {"fromID": 7, "toID": 5},
        {"fromID": 9, "toID": 8},
        {"fromID": 8, "toID": 4},
        {"fromID": 4, "toID": 4},
        {"fromID": 4, "toID": 99},
        {"fromID": 6, "toID": 12},
    ],
    "locutions": [{"nodeID": 2, "personID": 7}],
}


def test_oddities_are_reported_not_fatal() -> None:
    m, warnings = aif.loads_with_warnings(json.dumps(ODD))
    assert [(c.id, c.speaker) for c in m.claims] == [
        ("n1", "dana-scully"),
        ("n4", "unknown"),
        ("n6", "unknown"),
        ("n9", "unknown"),
    ]
    assert m.speaker("dana-scully").name == "Dana Scully"
    assert m.speaker("unknown").name == "Unknown"
    assert m.claim("n1").quote == "Cars pollute!"
    assert [(r.id, r.from_id, r.to_id, r.type) for r in m.relations] == [
        ("n5", "n1", "n4", "supports"),
        ("n7", "n6", "n5", "undercuts"),
        ("n8", "n9", "n4", "elaborates"),
    ]
    assert warnings == [
        "nodes[10]: 'XX' node 11: node type not supported; skipped",
        "nodes[11]: nodeID 1 is used twice; kept the first node",
        "edges[8]: edge 4 -> 4 is a self-loop; skipped",
        "edges[9]: edge 4 -> 99: no usable node 99; skipped",
        "nodes[9]: RA node 10 has no edges; skipped",
        "nodes[12]: RA node 12 has no conclusion; skipped",
    ]


def test_speaker_prefix_separators() -> None:
    def quote_and_name(text: str) -> tuple[str | None, str]:
        document = {
            "nodes": [
                {"nodeID": "i", "type": "I", "text": "x"},
                {"nodeID": "l", "type": "L", "text": text},
                {"nodeID": "y", "type": "YA", "text": "Asserting"},
            ],
            "edges": [{"fromID": "l", "toID": "y"}, {"fromID": "y", "toID": "i"}],
        }
        m = aif.loads(json.dumps(document))
        return m.claim("i").quote, m.speaker(m.claim("i").speaker).name

    assert quote_and_name("CL : and so") == ("and so", "CL")
    assert quote_and_name("POSTER_1: a tweet") == ("a tweet", "POSTER_1")
    assert quote_and_name("Ann:yes") == ("yes", "Ann")
    assert quote_and_name("see https://x.org") == ("see https://x.org", "Unknown")


def test_hanoi_round_trip() -> None:
    m = argmap.load(HANOI)
    for text in (aif.dumps(m), aif.dumps_xaif(m)):
        back, warnings = aif.loads_with_warnings(text)
        assert warnings == []
        assert (len(back.speakers), len(back.claims), len(back.relations)) == (5, 44, 43)
        assert [(s.id, s.name) for s in back.speakers] == [(s.id, s.name) for s in m.speakers]
        assert {c.id: c.speaker for c in back.claims} == {c.id: c.speaker for c in m.claims}
        assert [(c.text, c.quote) for c in back.claims] == [(c.text, c.quote) for c in m.claims]
        assert Counter(r.type for r in back.relations) == Counter(
            {"supports": 24, "elaborates": 14, "agrees": 5}
        )
        assert [(r.from_id, r.to_id, r.type) for r in back.relations] == [
            (r.from_id, r.to_id, r.type) for r in m.relations
        ]
    assert ("asmolov", "sagitov", "agrees") in [
        (r.from_id, r.to_id, r.type) for r in back.relations
    ]


def test_export_is_aif_with_dialogue() -> None:
    document = aif.to_aif(argmap.load(HANOI))
    types = Counter(n["type"] for n in document["nodes"])
    assert types["I"] == 44 and types["TA"] == 43 and types["RA"] == 24 and types["MA"] == 14
    assert types["CA"] == 0 and types["YA"] == 44 + 5
    ids = [n["nodeID"] for n in document["nodes"]]
    assert len(ids) == len(set(ids))
    assert {e["fromID"] for e in document["edges"]} | {e["toID"] for e in document["edges"]} <= set(
        ids
    )
    speakers = {p["participantID"]: p["firstname"] for p in document["participants"]}
    assert speakers["lankov"] == "Andrei Lankov"
    texts = {n["nodeID"]: n["text"] for n in document["nodes"]}
    assert all(
        texts[loc["nodeID"]].startswith(speakers[loc["personID"]]) for loc in document["locutions"]
    )
    assert sum(n["text"] == "Agreeing" for n in document["nodes"]) == 5


HOSTILE = 'He said "no" \\ <b>&amp;</b>\nnext\tline 🎉 ‘curly’ — end'


def test_hostile_text_round_trips_exactly(small: dict[str, Any]) -> None:
    small["speakers"][0]["name"] = 'Ann "A:B" <Lee> & Co 🎉'
    small["claims"][0]["text"] = HOSTILE
    small["claims"][0]["quote"] = HOSTILE + " (quoted)"
    small["relations"].append({"id": "u1", "from": "b1", "to": "r1", "type": "undercuts"})
    m = argmap.loads(json.dumps(small))
    back = aif.loads(aif.dumps(m))
    assert back.claim("a1").text == HOSTILE
    assert back.claim("a1").quote == HOSTILE + " (quoted)"
    assert back.speaker("ann").name == 'Ann "A:B" <Lee> & Co 🎉'
    assert [(r.id, r.from_id, r.to_id, r.type) for r in back.relations] == [
        (r.id, r.from_id, r.to_id, r.type) for r in m.relations
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{",
            "is not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2",
        ),
        ("[]", "expected a JSON object (AIF or xAIF)"),
        ('{"nodes": {}, "edges": []}', "nodes: missing or not a list"),
        ('{"AIF": [], "text": ""}', "AIF: expected an object (the AIF graph)"),
        (
            '{"nodes": [{"type": "I"}], "edges": []}',
            "nodes[0].nodeID: missing; expected a string or integer",
        ),
        (
            '{"AIF": {"nodes": [{"nodeID": 1, "type": 2}], "edges": []}}',
            "AIF.nodes[0].type: missing; expected a node type",
        ),
        (
            '{"nodes": [], "edges": [{"fromID": true, "toID": 1}]}',
            "edges[0].fromID: missing; expected a string or integer",
        ),
    ],
)
def test_bad_input_names_the_place(text: str, message: str) -> None:
    with pytest.raises(MapError) as error:
        aif.loads(text, file="x.json")
    assert str(error.value) == f"x.json: {message}"


def test_load_and_dump_files(tmp_path: Path) -> None:
    m = argmap.load(HANOI)
    aif.dump(m, tmp_path / "h.json")
    assert len(aif.load(tmp_path / "h.json").claims) == 44
    with pytest.raises(MapError, match="no such file"):
        aif.load(tmp_path / "absent.json")
