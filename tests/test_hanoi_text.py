"""The Hanoi map holds to what its source text says.

A relation with a ``quote`` is *stated*: the text says it. A relation without one is the map
author's *inference*: it carries a ``note`` saying why and ``"data": {"basis": "inferred"}``.
Inferences may add to the text but must never overturn it (maps/hanoi_2019.md).
"""

from __future__ import annotations

import json

import argmap
from argmap import analysis
from argmap.model import ArgumentMap, Relation
from tests.conftest import HANOI

SOURCE = HANOI.parent / "hanoi_2019.txt"

POSITIVE = {"agrees", "supports"}
NEGATIVE = {"disagrees", "attacks", "undercuts"}

#: The links between speakers that the text states, each with the words that state it.
STATED_BETWEEN_SPEAKERS = {
    ("asmolov", "sagitov", "agrees"): "agreed with his colleague",
    ("lankov", "asmolov", "agrees"): "Asmolov’s point of view was supported by Andrei Lankov",
    ("asmolov.secondary-sanctions", "lankov.sanctions-slowed", "elaborates"): (
        "Konstantin Asmolov, in turn, clarified that"
    ),
}


def speaker_of(m: ArgumentMap, id: str) -> str:
    return id if m.is_speaker(id) else m.claim(id).speaker


def speakers(m: ArgumentMap, r: Relation) -> tuple[str, str]:
    target = m.relation(r.to_id).from_id if r.type == "undercuts" else r.to_id
    return speaker_of(m, r.from_id), speaker_of(m, target)


def is_stated(r: Relation) -> bool:
    return r.quote is not None


def test_every_quote_is_located_in_the_source(hanoi: ArgumentMap) -> None:
    assert hanoi.source is not None and hanoi.source.text == SOURCE.name
    text = SOURCE.read_text(encoding="utf-8")
    quoted = [x for x in (*hanoi.claims, *hanoi.relations, *hanoi.context) if x.quote]
    assert len(quoted) > 44 + len(hanoi.context)
    for item in quoted:
        assert item.quote_span is not None, item.id
        start, end = item.quote_span
        assert 0 <= start < end <= len(text), item.id


def test_the_three_stated_links_between_speakers(hanoi: ArgumentMap) -> None:
    found = {(r.from_id, r.to_id, r.type): r.quote for r in hanoi.relations}
    for key, words in STATED_BETWEEN_SPEAKERS.items():
        assert key in found, key
        assert found[key] == words
        assert words in SOURCE.read_text(encoding="utf-8")
    between = [r for r in hanoi.relations if is_stated(r) and len(set(speakers(hanoi, r))) == 2]
    assert {(r.from_id, r.to_id, r.type) for r in between} == set(STATED_BETWEEN_SPEAKERS)


def test_lankovs_therefore_hangs_on_both_premises(hanoi: ArgumentMap) -> None:
    premises = {
        r.from_id
        for r in hanoi.relations
        if r.to_id == "lankov.kim-seeks-easing" and r.type == "supports"
    }
    assert premises == {"lankov.sanctions-slowed", "lankov.live-without-growth"}


def test_every_inferred_relation_says_so_and_why(hanoi: ArgumentMap) -> None:
    raw = json.loads(HANOI.read_text(encoding="utf-8"))["relations"]
    assert [r["id"] for r in raw] == [r.id for r in hanoi.relations]
    inferred = [r for r in hanoi.relations if not is_stated(r)]
    assert inferred, "the map has inferred links; none found means the rule is not applied"
    for relation in inferred:
        assert relation.note and relation.note.strip(), relation.id
        assert relation.data.get("basis") == "inferred", relation.id
    for relation in hanoi.relations:
        if is_stated(relation):  # a quoted link is not marked as an inference
            assert relation.data.get("basis") != "inferred", relation.id


def test_no_inference_contradicts_a_stated_link(hanoi: ArgumentMap) -> None:
    stated_positive = {
        frozenset(speakers(hanoi, r))
        for r in hanoi.relations
        if is_stated(r) and r.type in POSITIVE
    }
    stated_negative = {
        frozenset(speakers(hanoi, r))
        for r in hanoi.relations
        if is_stated(r) and r.type in NEGATIVE
    }
    for r in hanoi.relations:
        pair = frozenset(speakers(hanoi, r))
        if is_stated(r) or len(pair) < 2:
            continue
        if r.type in NEGATIVE:
            assert pair not in stated_positive, r.id
        if r.type in POSITIVE:
            assert pair not in stated_negative, r.id


def without_inferences(m: ArgumentMap) -> ArgumentMap:
    data = m.to_dict()
    data["relations"] = [r for r in data["relations"] if "quote" in r]
    data.pop("source", None)  # the quotes were checked on loading `m`
    return argmap.loads(json.dumps(data, ensure_ascii=False))


def test_lankov_asmolov_and_sagitov_are_one_camp(hanoi: ArgumentMap) -> None:
    camp = ("asmolov", "lankov", "sagitov")
    assert camp in analysis.camps(hanoi)
    # The stated links alone give the same camp: the inferences add to it, not make it.
    assert camp in analysis.camps(without_inferences(hanoi))
    # Net agreement between any two speakers has the sign of what the text states.
    for a in analysis.agreement_matrix(hanoi):
        assert a.net > 0, (a.source, a.target)


def test_the_stated_support_is_not_outweighed(hanoi: ArgumentMap) -> None:
    labels = analysis.grounded_labelling(hanoi)
    assert labels.claims["asmolov.trump-maximum"] == "in"
