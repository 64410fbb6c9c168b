"""AIF and xAIF import and export: real AIFdb/OVA files, oddities, round trips, bad input."""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import MapError, formats
from argmap.formats import aif, aif_extension
from tests.conftest import DATA, HANOI, run
from tests.scaling import assert_linear

AIF = DATA / "aif"


@pytest.mark.parametrize(
    ("name", "speakers", "claims", "relations", "warnings"),
    [
        ("aifdb_nodeset6064.json", 2, 9, 5, 7),
        ("aifdb_twitter3915.json", 2, 2, 1, 0),
        # one IAT conflict is one relation (the CA), not also a speaker-level disagreement
        ("iat_example_synthetic.json", 3, 2, 2, 0),
        # every one of the 14 participants is a speaker; the analyst's locutions are reported
        ("xaif_example.json", 14, 2, 1, 1),
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
    assert claim.data["aif"] == {
        "nodeID": "29045",
        "locutions": ["29069"],
        "dialogue": 7,  # the eighth locution in the order of the transitions
        "timestamp": "2014-04-28 15:51:39",
    }
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
    m, warnings = aif.load_with_warnings(AIF / "xaif_example.json")
    # personID 1 and "1" are one participant; before, the 13 others of the 14 were dropped
    assert len(m.speakers) == 14
    assert [(s.id, s.name, s.data["aif"]["personID"]) for s in m.speakers[:3]] == [
        ("participant-rachel", "Participant Rachel", 1),
        ("participant-carolyn", "Participant Carolyn", 2),
        ("participant-mo", "Participant Mo", 3),
    ]
    assert m.speakers[-1].name == "Neil Lyndon"
    assert [len(m.claims_by(s.id)) for s in m.speakers] == [2] + [0] * 13
    assert [c.quote for c in m.claims] == ["A", "B"]
    (relation,) = m.relations
    assert (relation.from_id, relation.to_id, relation.type) == (
        "n15_164926162804546033",
        "n2_164926129380455983",
        "supports",
    )
    # the analyst's locutions ("Anon: ...", YA "Analysing" onto Rachel's) are no one's claim:
    # before, they vanished without a word; now counted and kept in the map's data
    assert warnings == [
        "4 nodes (2 L, 2 YA) are no claim, relation or speaker (a locution that anchors "
        "nothing, an illocution such as 'Analysing' on a locution): kept in "
        "data.aif.unplaced (4_164926129380455983, 5_164926129380455983, "
        "17_164926162804546033, 18_164926162804546033)"
    ]
    unplaced = json.loads(json.dumps(m.data["aif"]["unplaced"]))  # file order, with edges
    assert unplaced[:2] == [
        {
            "nodeID": "4_164926129380455983",
            "type": "YA",
            "text": "Analysing",
            "from": ["5_164926129380455983"],
            "to": ["3_164926129380455983"],  # Rachel's locution, which anchors claim A
        },
        {
            "nodeID": "5_164926129380455983",
            "type": "L",
            "text": "Anon: Participant Rachel: A",
            "to": ["4_164926129380455983"],
        },
    ]
    assert [u["nodeID"] for u in unplaced[2:]] == [
        "17_164926162804546033",
        "18_164926162804546033",
    ]
    # speakers with no claims survive the round trip through our own AIF export
    assert argmap.dumps(aif.loads(aif.dumps(m))) == argmap.dumps(m)


PARTICIPANTS: dict[str, Any] = {
    "AIF": {
        "nodes": [
            {"nodeID": 1, "type": "I", "text": "Tax sugar."},
            {"nodeID": 2, "type": "L", "text": "Ann Lee : tax sugar"},
            {"nodeID": 3, "type": "YA", "text": "Asserting"},
        ],
        "edges": [{"fromID": 2, "toID": 3}, {"fromID": 3, "toID": 1}],
        "locutions": [{"nodeID": 2, "personID": 7}],
        "participants": [
            {"participantID": 9, "firstname": "Bob", "surname": "Roy"},
            {"participantID": 7, "firstname": "Ann", "surname": "Lee"},
            {"participantID": "x1", "firstname": "Cy", "surname": ""},
            {"participantID": 12},
        ],
    }
}


def test_every_participant_is_a_speaker() -> None:
    """Before: only participants with a locution became speakers (1 of 4 here), silently."""
    m, warnings = aif.loads_with_warnings(json.dumps(PARTICIPANTS))
    assert warnings == []
    assert [(s.id, s.name, s.data["aif"]["personID"]) for s in m.speakers] == [
        ("bob-roy", "Bob Roy", 9),  # in the order of the participants list
        ("ann-lee", "Ann Lee", 7),
        ("x1", "Cy", "x1"),  # ids as for speakers with locutions
        ("person-12", "Person 12", 12),  # no name: named by the personID, as before
    ]
    assert m.claim("n1").speaker == "ann-lee"
    assert aif.loads(json.dumps(PARTICIPANTS)) == m  # deterministic
    # a participant and a name-only locution of the same name are one speaker
    named = json.loads(json.dumps(PARTICIPANTS))
    del named["AIF"]["locutions"]
    named["AIF"]["participants"].append({"participantID": 8, "firstname": "Ann Lee"})
    m = aif.loads(json.dumps(named))
    assert [s.name for s in m.speakers] == ["Bob Roy", "Ann Lee", "Cy", "Person 12"]
    assert m.claim("n1").speaker == "ann-lee"


def test_iat_agreeing_and_disagreeing() -> None:
    m = aif.load(AIF / "iat_example_synthetic.json")
    assert [(c.id, c.speaker, c.quote) for c in m.claims] == [
        ("I1", "alice", "We should ban cars from the centre"),
        ("I2", "bob", "No, shops need deliveries"),
    ]
    assert [(r.id, r.from_id, r.to_id, r.type, r.quote) for r in m.relations] == [
        ("C1", "I2", "I1", "attacks", None),
        # the responding locution's text, without "Carol : ", is the quote (before: lost)
        ("Y4", "carol", "I1", "agrees", "Alice is right"),
    ]
    # the YA "Disagreeing" anchored on the CA is the conflict's provenance, not a relation
    assert m.relation("C1").data["aif"]["illocution"] == "Disagreeing"
    assert m.relation("C1").data["aif"]["illocutionID"] == "Y3"


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
        "3 of 4 claims are tied to no locution (no L-YA-I path, no YA on a transition into "
        "a locution): speaker 'Unknown' (n4, n6, n9)",
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


@pytest.mark.parametrize("dump", [aif.dumps, aif.dumps_xaif])
def test_hanoi_round_trip_is_lossless_field_by_field(dump: Any) -> None:
    m = argmap.load(HANOI)
    back, warnings = aif.loads_with_warnings(dump(m))
    assert warnings == []
    # before: title, description, source, context, roles, kinds, outcomes, relation quotes
    # and notes were lost, and 809 of 1,255 quote-less claims came back quoted
    for name in ("title", "description", "source", "data", "speakers"):
        assert getattr(back, name) == getattr(m, name), name
    # quote_span is found in the source text on loading a file, not a field of the map
    assert [(c.id, c.text, c.quote, c.note) for c in back.context] == [
        (c.id, c.text, c.quote, c.note) for c in m.context
    ]
    for ours, theirs in zip(m.claims, back.claims, strict=True):
        for name in ("id", "speaker", "text", "quote", "kind", "outcome", "data"):
            assert getattr(theirs, name) == getattr(ours, name), (ours.id, name)
    for ours, theirs in zip(m.relations, back.relations, strict=True):
        for name in ("id", "from_id", "to_id", "type", "quote", "note", "data"):
            assert getattr(theirs, name) == getattr(ours, name), (ours.id, name)
    assert argmap.dumps(back) == argmap.dumps(m)


def test_quote_less_claims_stay_quote_less(small: dict[str, Any]) -> None:
    m = argmap.loads(json.dumps(small))
    assert all(c.quote is None for c in m.claims)
    text = aif.dumps(m)
    assert "Ann : Tea is better." in text  # readable AIF: the locution still says something
    assert all(c.quote is None for c in aif.loads(text).claims)


def test_edited_export_keeps_the_edits(small: dict[str, Any]) -> None:
    """The graph decides what exists; the extension only restores fields of what is left."""
    document = aif.to_aif(argmap.loads(json.dumps(small)))
    document["nodes"] = [n for n in document["nodes"] if n["nodeID"] != "r2"]
    for node in document["nodes"]:
        if node["nodeID"] == "a2":
            node["text"] = "Tea has little caffeine."
    back = aif.loads(json.dumps(document))
    assert back.claim("a2").text == "Tea has little caffeine."
    assert [r.id for r in back.relations] == ["r1", "r3"]
    assert back.speaker("ann").role == "host"


def test_export_writes_speech_acts_and_provenance_as_iat() -> None:
    m = aif.load(AIF / "iat_example_synthetic.json")
    document = aif.to_aif(m)
    texts = {n["nodeID"]: n["text"] for n in document["nodes"]}
    ins: dict[str, list[str]] = {}
    for edge in document["edges"]:
        ins.setdefault(edge["toID"], []).append(edge["fromID"])
    anchors = [texts[n] for n in ins["C1"] if texts[n] == "Disagreeing"]
    assert anchors == ["Disagreeing"]  # on the CA, from a transition
    (ya,) = [n for n in ins["C1"] if texts[n] == "Disagreeing"]
    assert [
        document["nodes"][[x["nodeID"] for x in document["nodes"]].index(t)]["type"]
        for t in ins[ya]
    ] == ["TA"]
    question = argmap.loads(
        json.dumps(
            {
                "argmap": "1",
                "title": "T",
                "speakers": [{"id": "s", "name": "S"}],
                "claims": [
                    {
                        "id": "q",
                        "speaker": "s",
                        "text": "Why?",
                        "data": {"speech_act": "Pure Questioning"},
                    }
                ],
            }
        )
    )
    plain = aif.to_aif(question)
    plain.pop("ARGMAP")  # as a tool that drops our extension would
    back = aif.loads(json.dumps(plain))
    assert back.claim("q").data["speech_act"] == "Pure Questioning"


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
        # present but of the wrong type: say what was found (before: "missing")
        (
            '{"nodes": [{"nodeID": true, "type": "I"}], "edges": []}',
            "nodes[0].nodeID: expected a string or integer, got a boolean",
        ),
        (
            '{"nodes": [{"nodeID": 1.5, "type": "I"}], "edges": []}',
            "nodes[0].nodeID: expected a string or integer, got the number 1.5",
        ),
        (
            '{"nodes": [{"nodeID": [3], "type": "I"}], "edges": []}',
            "nodes[0].nodeID: expected a string or integer, got an array",
        ),
        (
            '{"nodes": [{"nodeID": null, "type": "I"}], "edges": []}',
            "nodes[0].nodeID: expected a string or integer, got null",
        ),
        (
            '{"nodes": [{"nodeID": "", "type": "I"}], "edges": []}',
            "nodes[0].nodeID: is empty; expected a string or integer",
        ),
        (
            '{"nodes": [], "edges": [], "locutions": [{"nodeID": 1, "personID": [1]}]}',
            "locutions[0].personID: expected a string or integer, got an array",
        ),
        (
            '{"nodes": [], "edges": [], "participants": [{"participantID": false}]}',
            "participants[0].participantID: expected a string or integer, got a boolean",
        ),
        (
            '{"AIF": {"nodes": [{"nodeID": 1, "type": 2}], "edges": []}}',
            "AIF.nodes[0].type: expected a node type, got the number 2",
        ),
        (
            '{"nodes": [{"nodeID": 1}], "edges": []}',
            "nodes[0].type: missing; expected a node type",
        ),
        (
            '{"nodes": [{"nodeID": 1, "type": "I", "text": 5}], "edges": []}',
            "nodes[0].text: expected a string, got the number 5",
        ),
        (
            '{"nodes": [], "edges": [{"fromID": true, "toID": 1}]}',
            "edges[0].fromID: expected a string or integer, got a boolean",
        ),
        (
            '{"nodes": [], "edges": [{"fromID": {"a": 1}, "toID": 1}]}',
            "edges[0].fromID: expected a string or integer, got an object",
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


def test_two_speakers_with_one_name_stay_two(small: dict[str, Any]) -> None:
    small["speakers"][1]["name"] = "Ann"  # a second Ann, another person
    m = argmap.loads(json.dumps(small))
    back = aif.loads(aif.dumps(m))
    assert [(s.id, s.name) for s in back.speakers] == [("ann", "Ann"), ("bob", "Ann")]
    assert argmap.dumps(back) == argmap.dumps(m)
    # a foreign file (no ARGMAP key) with one name under two personIDs: one person
    plain = aif.to_aif(m)
    del plain["ARGMAP"], plain["participants"]
    assert [s.name for s in aif.loads(json.dumps(plain)).speakers] == ["Ann"]


def test_speech_acts_of_real_files() -> None:
    m = aif.load(AIF / "aifdb_nodeset6064.json")
    assert {c.id: c.data["speech_act"] for c in m.claims if "speech_act" in c.data} == {
        "n111816": "Popular Conceding",
        "n111829": "Pure Questioning",
        "n111833": "Popular Conceding",
    }
    # twitter 3915 labels every illocution just "YA": no speech act to keep
    assert all("speech_act" not in c.data for c in aif.load(AIF / "aifdb_twitter3915.json").claims)


def _ca_chain(n: int) -> str:
    """n CA nodes, each attacking the next one's conflict, the far end first in the file."""
    nodes = [{"nodeID": f"I{i}", "type": "I", "text": f"C{i}"} for i in range(n + 2)]
    nodes.append({"nodeID": "R0", "type": "RA", "text": "Default Inference"})
    edges = [{"fromID": "I1", "toID": "R0"}, {"fromID": "R0", "toID": "I0"}]
    chain = []
    for i in range(1, n + 1):
        chain.append({"nodeID": f"C{i}", "type": "CA", "text": "Default Conflict"})
        target = f"C{i - 1}" if i > 1 else "R0"
        edges += [{"fromID": f"I{i + 1}", "toID": f"C{i}"}, {"fromID": f"C{i}", "toID": target}]
    return json.dumps({"nodes": nodes + chain[::-1], "edges": edges})


def test_undercut_chains_are_linear() -> None:
    """Before: one round over all waiting CA nodes per link of the chain (8k: 39 s)."""
    m = aif.loads(_ca_chain(20))
    assert [r.type for r in m.relations].count("undercuts") == 20
    assert m.relation("C20").to_id == "C19" and m.relation("C1").to_id == "R0"
    assert_linear(_ca_chain, aif.loads, 1000)


def test_relation_node_with_many_premises_and_conclusions_is_cut() -> None:
    """Before: 1,600 premises x 1,600 conclusions made 2.56 M relations (4.7 GB)."""
    nodes = [{"nodeID": f"P{i}", "type": "I", "text": f"P{i}"} for i in range(40)]
    nodes += [{"nodeID": f"Q{i}", "type": "I", "text": f"Q{i}"} for i in range(40)]
    nodes.append({"nodeID": "R", "type": "RA", "text": "Default Inference"})
    edges = [{"fromID": f"P{i}", "toID": "R"} for i in range(40)]
    edges += [{"fromID": "R", "toID": f"Q{i}"} for i in range(40)]
    m, warnings = aif.loads_with_warnings(json.dumps({"nodes": nodes, "edges": edges}))
    assert len(m.relations) == 40 and {r.to_id for r in m.relations} == {"Q0"}
    assert warnings[0] == (
        "nodes[80]: RA node 'R' joins 40 premises to 40 conclusions; kept the first "
        "conclusion only (an AIF inference or conflict has one conclusion)"
    )
    # a small fan (2 x 2) is still read in full
    small = {"nodes": nodes[:2] + nodes[40:42] + nodes[-1:], "edges": edges[:2] + edges[40:42]}
    assert len(aif.loads(json.dumps(small)).relations) == 4


def test_xaif_text_and_ova_layout_are_kept() -> None:
    m = aif.load(AIF / "xaif_example.json")
    raw = json.loads((AIF / "xaif_example.json").read_text(encoding="utf-8"))
    assert m.data["xaif"] == {"text": raw["text"], "OVA": raw["OVA"]}


def test_plain_aif_keeps_the_words_of_an_agreement_between_speakers() -> None:
    # Without the ARGMAP key (as another AIF tool writes it back) the quote of 'Bob agrees
    # with Ann' came back as 'Bob', the bare locution's text, and a link without a quote
    # got the speaker's name as one.
    m = argmap.loads(
        json.dumps(
            {
                "argmap": "1",
                "title": "T",
                "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
                "claims": [{"id": "a", "speaker": "ann", "text": "Tea is better."}],
                "relations": [
                    {"from": "bob", "to": "ann", "type": "agrees", "quote": "Ann is right"},
                    {"from": "ann", "to": "bob", "type": "disagrees"},
                ],
            }
        )
    )
    plain = aif.to_aif(m)
    del plain[aif_extension.KEY]
    back = aif.loads(json.dumps(plain))
    quotes = {(r.from_id, r.type): r.quote for r in back.relations}
    assert quotes == {("bob", "agrees"): "Ann is right", ("ann", "disagrees"): None}


def test_export_warns_of_speaker_ends_that_aif_cannot_join(small: dict[str, Any]) -> None:
    # A speaker supporting a claim, a claim attacking a speaker: the export joins the RA/CA
    # to the speaker's L-node, which AIF does not allow (arguebuf 2.7.2 kept the RA without
    # its premise and the CA without its conclusion); the ARGMAP key still round trips them.
    small["relations"] += [
        {"id": "r7", "from": "bob", "to": "a1", "type": "supports"},
        {"id": "r8", "from": "b1", "to": "ann", "type": "attacks"},
        {"from": "ann", "to": "bob", "type": "agrees"},  # a YA between locutions: fine
    ]
    m = argmap.loads(json.dumps(small))
    expected = [
        "AIF has no place for 2 supports or attacks relations with a speaker at one end "
        "(r7, r8): written as RA/CA nodes joined to the speaker's locution (L-node), which "
        "AIF does not allow and other tools drop; argmap reads them back from the ARGMAP key"
    ]
    assert formats.left_out(m, "aif") == formats.left_out(m, "xaif") == expected
    graph = aif.to_aif(m)
    types = {n["nodeID"]: n["type"] for n in graph["nodes"]}
    wired = {(types[e["fromID"]], types[e["toID"]]) for e in graph["edges"]}
    assert {("L", "RA"), ("CA", "L")} <= wired  # what the warning is about
    assert aif.loads(aif.dumps(m)) == m
    small["relations"] = small["relations"][:2]
    assert formats.left_out(argmap.loads(json.dumps(small)), "aif") == []


def test_convert_to_aif_prints_the_warning(tmp_path: Path) -> None:
    document = json.loads(HANOI.read_text(encoding="utf-8"))
    speaker = document["speakers"][0]["id"]
    claim = document["claims"][0]["id"]
    document["relations"].append({"id": "sp1", "from": speaker, "to": claim, "type": "supports"})
    del document["source"]  # no source text to copy
    source = tmp_path / "m.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = run("convert", str(source), str(tmp_path / "m.aif.json"))
    assert result.exit_code == 0
    assert result.stderr.startswith(f"{source}: warning: AIF has no place for 1 supports or ")
    assert "(sp1)" in result.stderr
    result = run("convert", str(HANOI), str(tmp_path / "h.aif.json"))
    assert result.exit_code == 0 and "warning" not in result.stderr  # Hanoi has none


def test_transitions_follow_the_order_the_claims_were_said_in() -> None:
    # The TAs ran between locutions in the map's order, which groups claims by speaker: one
    # said Lankov replied to Asmolov's last claim, which came 1,500 characters later.
    m = argmap.load(HANOI)
    graph = aif.to_aif(m)
    kinds = {n["nodeID"]: n["type"] for n in graph["nodes"]}
    # (a YA of agreement, from one speaker's locution to another's claim, anchors no claim)
    kinds.update({n["nodeID"]: "agreeing" for n in graph["nodes"] if n["text"] == "Agreeing"})
    into: dict[str, list[str]] = {}
    for edge in graph["edges"]:
        into.setdefault(edge["toID"], []).append(edge["fromID"])
    # a claim's locution: the L-node whose YA anchors the claim's I-node
    claim_of = {
        locution: claim.id
        for claim in m.claims
        for ya in into[claim.id]
        if kinds[ya] == "YA"
        for locution in into[ya]
        if kinds[locution] == "L"
    }
    start = {c.id: c.quote_span[0] for c in m.claims if c.quote_span}
    pairs = []
    for edge in graph["edges"]:
        if kinds[edge["fromID"]] == "TA" and edge["toID"] in claim_of:
            (earlier,) = into[edge["fromID"]]
            pairs.append((claim_of[earlier], claim_of[edge["toID"]]))
    said = sorted(start, key=start.__getitem__)
    assert len(start) == len(m.claims) == len(said)
    assert set(pairwise(said)) <= set(pairs)
    assert all(start[a] < start[b] for a, b in pairs)


def test_xaif_export_writes_back_the_analysed_text() -> None:
    # The wrapper's "text" (the OVA analysis' 142 characters) came back "", kept only inside
    # the ARGMAP key, where no other tool reads it.
    original = json.loads((DATA / "aif" / "xaif_example.json").read_text(encoding="utf-8"))
    m = formats.read(DATA / "aif" / "xaif_example.json")
    written = json.loads(aif.dumps_xaif(m))
    assert original["text"] and written["text"] == original["text"]
    assert json.loads(aif.dumps_xaif(argmap.load(HANOI)))["text"] == ""
