"""SADFace import and export: the SADFace project's own files, a v0.5 document, round trips."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import MapError, formats
from argmap.formats import sadface
from tests.conftest import HANOI, run
from tests.scaling import assert_linear
from tests.test_fuzz import mutate_json

DATA = Path(__file__).resolve().parent / "data" / "formats" / "sadface"


def test_hangback_example_of_the_sadface_project() -> None:
    """The older shape: core metadata at the top level, ``metadata`` empty."""
    m, warnings = sadface.load_with_warnings(DATA / "hangback.json")
    assert warnings == []
    assert m.title == "hangback"  # the document has no title: the file's name
    assert [s.name for s in m.speakers] == ["Author"]
    assert len(m.claims) == 4
    video = m.claim("a9bfb7cdc-116f-47f5-b85d-ff7c5d329f45")
    assert video.text.startswith("The 'Hang Back' campaign video should not")
    texts = {c.id: c.text[:30] for c in m.claims}
    # one support scheme with two premises: two relations; the conflict attacks a premise
    assert sorted((texts[r.from_id], r.type, texts[r.to_id]) for r in m.relations) == [
        ("Road users have a responsibili", "attacks", "The 'Hang Back' campaign was t"),
        ("The 'Hang Back' advert does no", "supports", "The 'Hang Back' campaign video"),
        ("The 'Hang Back' campaign was t", "supports", "The 'Hang Back' campaign video"),
    ]
    assert m.data["sadface"]["core"]["analyst_name"] == "Simon Wells"
    assert video.data["sadface"] == {"id": "9bfb7cdc-116f-47f5-b85d-ff7c5d329f45"}


def test_v05_document_with_sources_schemes_and_undercut() -> None:
    m, warnings = sadface.load_with_warnings(DATA / "hand_written_v05.json")
    assert warnings == [
        "edges[10]: no node 'no-such-node'; skipped",
        "nodes[9]: a preference scheme has no argmap relation; skipped",
    ]
    assert (m.title, m.description) == ("Night buses", "Whether the city should run night buses.")
    assert [(r.id, r.from_id, r.type, r.to_id) for r in m.relations] == [
        ("s-support", "a22222222-bbbb", "supports", "a11111111-aaaa"),
        ("s-conflict", "a33333333-cccc", "attacks", "a11111111-aaaa"),
        ("s-undercut", "a44444444-dddd", "undercuts", "s-support"),
        ("s-rephrase", "a55555555-eeee", "elaborates", "a11111111-aaaa"),
    ]
    assert m.relation("s-support").data["sadface"]["name"] == "Argument from Consequences"
    budget = m.claim("a33333333-cccc")
    assert budget.quote == "But the budget is empty"  # the source span, verbatim
    assert m.claim("a44444444-dddd").quote is None  # no source: no quote invented
    assert m.data["sadface"]["core"]["notes"] == "Analysed from a council meeting transcript."
    assert m.data["sadface"]["org.example.tags"] == {"topic": "transport"}
    assert m.data["sadface"]["resources"][0]["id"] == "res-1"


def test_empty_document_is_refused() -> None:
    with pytest.raises(MapError, match="nodes: has no atom nodes: an empty SADFace document"):
        sadface.load(DATA / "minimal_empty.json")


def test_detected_from_content_and_not_read_as_aif(tmp_path: Path) -> None:
    for name in ("hangback.json", "hand_written_v05.json", "minimal_empty.json"):
        assert formats.detect(DATA / name) == "sadface"
    result = run("convert", str(DATA / "hangback.json"), "-", "--from", "aif", "--to", "argmap")
    assert result.exit_code == 2  # --from names the wrong format: a usage error
    assert result.stderr.endswith(
        "is SADFace, not AIF (read it without --from, or with --from sadface)\n"
    )
    result = run("validate", str(DATA / "minimal_empty.json"))
    assert result.exit_code == 1 and "empty SADFace document" in result.output


def _same(a: argmap.ArgumentMap, b: argmap.ArgumentMap) -> None:
    assert a.to_dict() == b.to_dict()


def test_hanoi_round_trip_is_lossless() -> None:
    original = argmap.load(HANOI)
    text = sadface.dumps(original)
    document = json.loads(text)
    # readable SADFace: an atom per claim, a scheme per claim-to-claim relation
    assert sum(n["type"] == "atom" for n in document["nodes"]) == len(original.claims)
    assert {n["name"] for n in document["nodes"] if n["type"] == "scheme"} <= {
        "support",
        "conflict",
        "rephrase",
    }
    core = document["metadata"]["core"]
    assert core["title"] == original.title
    # what SADFace's own tool writes, and arguebuf's reader requires
    assert set(core) >= {"id", "analyst_name", "analyst_email", "created", "edited", "version"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", core["created"])
    back, warnings = sadface.loads_with_warnings(text)
    assert warnings == []
    _same(back, original)


def test_round_trip_of_undercuts_speaker_relations_and_agreement(small: dict[str, Any]) -> None:
    small["relations"] += [
        {"id": "u1", "from": "b1", "to": "r1", "type": "undercuts"},
        {"id": "u2", "from": "a1", "to": "u1", "type": "undercuts"},
        {"id": "g1", "from": "a2", "to": "b1", "type": "agrees", "quote": "fine"},
    ]
    m = argmap.loads(json.dumps(small))
    document = sadface.to_sadface(m)
    schemes = [n["metadata"]["argmap"]["id"] for n in document["nodes"] if n["type"] == "scheme"]
    assert schemes == ["r1", "r2", "u1", "u2"]  # r3 (speakers) and g1 (agrees) kept aside
    assert set(document["metadata"]["argmap"]["relations"]) == {"2", "5"}
    _same(sadface.loads(sadface.dumps(m)), m)


def test_export_of_long_undercut_chains_is_linear() -> None:
    """n undercuts each of the next: every relation is looked at a bounded number of times."""

    def chain(n: int) -> argmap.ArgumentMap:
        claims = [{"id": f"c{i}", "speaker": "s", "text": f"C{i}"} for i in range(n + 2)]
        relations = [{"id": "r0", "from": "c1", "to": "c0", "type": "supports"}]
        relations += [
            {
                "id": f"u{i}",
                "from": f"c{i + 1}",
                "to": f"u{i - 1}" if i > 1 else "r0",
                "type": "undercuts",
            }
            for i in range(1, n + 1)
        ]
        relations.reverse()  # the worst order: each chain starts at its far end
        return argmap.loads(
            json.dumps(
                {
                    "argmap": "1",
                    "title": "T",
                    "speakers": [{"id": "s", "name": "S"}],
                    "claims": claims,
                    "relations": relations,
                }
            )
        )

    assert len(sadface.to_sadface(chain(50))["edges"]) == 2 * 51
    assert_linear(chain, sadface.to_sadface, 1000)


def test_scheme_with_many_premises_and_conclusions_is_cut() -> None:
    nodes = [{"id": f"p{i}", "type": "atom", "text": f"P{i}"} for i in range(40)]
    nodes += [{"id": f"q{i}", "type": "atom", "text": f"Q{i}"} for i in range(40)]
    nodes.append({"id": "s", "type": "scheme", "name": "support"})
    edges = [{"id": f"e{i}", "source_id": f"p{i}", "target_id": "s"} for i in range(40)]
    edges += [{"id": f"f{i}", "source_id": "s", "target_id": f"q{i}"} for i in range(40)]
    m, warnings = sadface.loads_with_warnings(json.dumps({"nodes": nodes, "edges": edges}))
    assert len(m.relations) == 40  # not 1,600
    assert warnings == [
        "nodes[80]: scheme 'support' joins 40 premises to 40 conclusions; "
        "kept the first conclusion only"
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_documents_load_or_raise_map_error(data: st.DataObject) -> None:
    """Our own export with keys dropped and values swapped: a map or a MapError, no crash."""
    small = argmap.load(HANOI)
    text = mutate_json(data, json.loads(sadface.dumps(small)))
    with contextlib.suppress(MapError):
        sadface.loads_with_warnings(text)


# --- the core metadata: the same bytes every run, the original document's values kept ------


def _core(m: argmap.ArgumentMap) -> dict[str, Any]:
    core: dict[str, Any] = json.loads(sadface.dumps(m))["metadata"]["core"]
    return core


def test_export_dates_come_from_the_map_never_the_clock(small: dict[str, Any]) -> None:
    """No date anywhere: the documented fixed value; a source date: that day, at midnight."""
    core = _core(argmap.loads(json.dumps(small)))
    assert (core["created"], core["edited"]) == ("1970-01-01T00:00:00", "1970-01-01T00:00:00")
    for date, expected in [
        ("2019-02-27", "2019-02-27T00:00:00"),
        ("2019-02", "2019-02-01T00:00:00"),
        ("2019", "2019-01-01T00:00:00"),
    ]:
        small["source"] = {"title": "Breakfast", "date": date}
        core = _core(argmap.loads(json.dumps(small)))
        assert (core["created"], core["edited"]) == (expected, expected)
    assert _core(argmap.load(HANOI))["created"] == "2019-02-27T00:00:00"


def test_export_is_byte_identical_run_after_run(tmp_path: Path) -> None:
    first, second = tmp_path / "1.sadface.json", tmp_path / "2.sadface.json"
    assert run("convert", str(HANOI), str(first)).exit_code == 0
    time.sleep(1.01)  # the clock's seconds change in between
    assert run("convert", str(HANOI), str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_sadface_round_trip_keeps_the_documents_core_metadata() -> None:
    """SADFace -> argmap -> SADFace: the original id, dates and analyst, not new ones; and
    a second round changes nothing."""
    original = json.loads((DATA / "hand_written_v05.json").read_text(encoding="utf-8"))
    m = sadface.load(DATA / "hand_written_v05.json")
    core = _core(m)
    for key in ("id", "created", "edited", "analyst_name", "analyst_email", "notes"):
        assert core[key] == original["metadata"]["core"][key], key
    assert (core["title"], core["description"]) == (m.title, m.description)
    once = sadface.dumps(m)
    assert sadface.dumps(sadface.loads(once)) == once


def test_older_documents_core_metadata_at_the_top_level_is_kept_too() -> None:
    core = _core(sadface.load(DATA / "hangback.json"))
    assert (core["id"], core["created"], core["edited"], core["analyst_name"]) == (
        "94a975db-25ae-4d25-93cc-1c07c932e2f8",
        "2017-07-11T16:32:36",
        "2017-07-11T16:32:36",
        "Simon Wells",
    )


# --- scheme names: conflict-like names attack; unknown names are reported -------------------


def _schemes(*names: str | None) -> str:
    """A document with one scheme per name (None: no name), each from atom p<i> to c."""
    nodes: list[dict[str, Any]] = [{"id": "c", "type": "atom", "text": "C"}]
    edges = []
    for i, name in enumerate(names):
        nodes.append({"id": f"p{i}", "type": "atom", "text": f"P{i}"})
        nodes.append({"id": f"s{i}", "type": "scheme"} | ({} if name is None else {"name": name}))
        edges += [
            {"id": f"e{i}", "source_id": f"p{i}", "target_id": f"s{i}"},
            {"id": f"f{i}", "source_id": f"s{i}", "target_id": "c"},
        ]
    return json.dumps({"nodes": nodes, "edges": edges})


def test_conflict_like_scheme_names_are_attacks() -> None:
    names = [
        "Default Conflict",
        "CONFLICT",
        "Rebuttal",
        "rebutting",
        "Undercutter",
        "Undercut",
        "Attack",
        "Default Attack",
        "Objection",
        "Disagree",
        "Disagreement",
        "defeat",
    ]
    m, warnings = sadface.loads_with_warnings(_schemes(*names))
    assert warnings == []
    assert [r.type for r in m.relations] == ["attacks"] * len(names)
    assert [r.data["sadface"]["name"] for r in m.relations] == names  # the name, as written


def test_support_and_rephrase_like_scheme_names_are_known() -> None:
    names = [
        "support",
        "Default Support",
        "Default Inference",
        "inference",
        "Argument from Expert Opinion",
        "argument from consequences",
        "Default Rephrase",
        "Restatement",
    ]
    m, warnings = sadface.loads_with_warnings(_schemes(*names))
    assert warnings == []
    assert [r.type for r in m.relations] == ["supports"] * 6 + ["elaborates"] * 2
    m, warnings = sadface.loads_with_warnings(_schemes("Default Preference"))
    assert warnings == ["nodes[2]: a preference scheme has no argmap relation; skipped"]


def test_unknown_and_missing_scheme_names_are_supports_and_reported() -> None:
    m, warnings = sadface.loads_with_warnings(_schemes("Foo", "support", "Bar", "Foo", "", None))
    assert [r.type for r in m.relations] == ["supports"] * 6
    assert [r.data["sadface"]["name"] for r in m.relations] == [
        "Foo",
        "support",
        "Bar",
        "Foo",
        "",
        "",
    ]
    assert warnings == [
        "5 schemes with names argmap does not know were read as supports: 'Foo' (2), "
        "no name (2), 'Bar' (1)"
    ]
    _, warnings = sadface.loads_with_warnings(_schemes("Foo"))
    assert warnings == ["1 scheme with a name argmap does not know was read as supports: 'Foo' (1)"]


def test_many_unknown_scheme_names_are_listed_up_to_a_limit() -> None:
    _, warnings = sadface.loads_with_warnings(_schemes(*(f"N{i}" for i in range(15))))
    assert warnings == [
        "15 schemes with names argmap does not know were read as supports: "
        + ", ".join(f"'N{i}' (1)" for i in range(10))
        + " and 5 more names"
    ]


# --- atom text: kept as given -------------------------------------------------------------


def test_atom_text_keeps_its_leading_and_trailing_spaces() -> None:
    document = json.loads(_schemes("support"))
    document["nodes"][0]["text"] = "  Tea is better. "
    document["nodes"][1]["text"] = "\tNo caffeine.\n"
    m, warnings = sadface.loads_with_warnings(json.dumps(document))
    assert warnings == []
    assert [c.text for c in m.claims] == ["  Tea is better. ", "\tNo caffeine.\n"]
    _same(sadface.loads(sadface.dumps(m)), m)  # and the round trip keeps them
    spaced = dataclasses.replace(m, title=" Tea or coffee ")  # so does the map's title
    assert sadface.loads(sadface.dumps(spaced)).title == " Tea or coffee "


def test_atom_text_of_only_white_space_is_no_text() -> None:
    document = json.loads(_schemes("support"))
    document["nodes"][0]["text"] = " \n "
    m, warnings = sadface.loads_with_warnings(json.dumps(document))
    assert m.claims[0].text == "(no text)"
    assert warnings == ["nodes[0]: atom 'c' has no text; used '(no text)'"]


def test_a_relation_without_an_id_gets_none_back(small: dict[str, Any]) -> None:
    for relation in small["relations"]:
        if relation["type"] != "undercuts":
            del relation["id"]
    m = argmap.loads(json.dumps(small))
    again = sadface.loads(sadface.dumps(m))
    assert [r.id for r in again.relations] == [r.id for r in m.relations]
    assert again == m


def test_an_undercut_without_an_id_gets_none_back(small: dict[str, Any]) -> None:
    # It came back with its scheme's id ("s4"; with UUID scheme ids it would be a UUID).
    small["relations"].append({"from": "b1", "to": "r1", "type": "undercuts"})
    m = argmap.loads(json.dumps(small))
    again = sadface.loads(sadface.dumps(m))
    assert [r.id for r in again.relations] == ["r1", "r2", "r3", None]
    assert again == m


@pytest.mark.parametrize(
    "document",
    [
        {"argmap": "1", "title": "E", "speakers": [], "claims": [], "relations": []},
        {  # speakers who agree, and no claim
            "argmap": "1",
            "title": "E",
            "speakers": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "claims": [],
            "relations": [{"from": "a", "to": "b", "type": "agrees"}],
        },
    ],
)
def test_a_map_without_claims_comes_back_from_sadface(document: dict[str, Any]) -> None:
    # Its export was refused as 'an empty SADFace document', and no speakers came back as
    # one speaker, 'Author'.
    m = argmap.loads(json.dumps(document))
    assert sadface.loads(sadface.dumps(m)) == m


def test_the_sadface_librarys_inference_and_conflict_nodes_are_relations() -> None:
    # sadface 0.5.4 (the reference library) writes schemes as nodes of type "inference"
    # (build_argument, add_inference) and "conflict" (build_attack, build_disagreement),
    # not "scheme": argmap skipped every one of them, so no relation was left.
    m, warnings = sadface.load_with_warnings(DATA / "library_0_5_4_shape.json")
    text = {c.id: c.text for c in m.claims}
    found = [
        (text[r.from_id], r.type, text[r.to_id], r.data["sadface"]["type"]) for r in m.relations
    ]
    assert found == [
        ("Shift workers need them", "supports", "We should run night buses", "inference"),
        ("Bars close late", "supports", "We should run night buses", "inference"),
        # as the edges run; build_attack wrote it for "Buses are expensive" attacking it
        ("We should run night buses", "attacks", "Buses are expensive", "conflict"),
        # an inference with a scheme name argmap does not know is still an inference
        ("The transport board says so", "supports", "Shift workers need them", "inference"),
    ]
    assert m.title == "Night buses"
    assert warnings == [
        "nodes[7]: scheme 'disagree' has no premise; skipped",
        "1 'conflict' node read as attacks from the atom that leads into it to the atom it "
        "leads to, as SADFace's edges run; the sadface library's build_attack (0.5.4) writes "
        "the opposite (conflict -> attacker, target -> conflict), so an attack it built reads "
        "reversed: check 'a1000000-0000-4000-8000-000000000006'",
    ]
    again = sadface.loads(sadface.dumps(m))
    assert again == m


def test_a_conflict_node_attacks_whatever_its_name() -> None:
    document = json.loads(_schemes("support", "Foo"))
    for node in document["nodes"]:
        if node["type"] == "scheme":
            node["type"] = "conflict"
    m, warnings = sadface.loads_with_warnings(json.dumps(document))
    assert [r.type for r in m.relations] == ["attacks", "attacks"]
    assert len(warnings) == 1 and warnings[0].startswith("2 'conflict' nodes read as attacks")


def test_sadface_has_dump_as_aif_and_argdown_do(tmp_path: Path) -> None:
    m = argmap.load(HANOI)
    sadface.dump(m, tmp_path / "h.sadface.json")
    assert (tmp_path / "h.sadface.json").read_text(encoding="utf-8") == sadface.dumps(m)
    assert sadface.load(tmp_path / "h.sadface.json").to_dict() == m.to_dict()
