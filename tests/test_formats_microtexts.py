"""arg-microtexts import: every corpus file, undercuts and linked premises, bad XML."""

from __future__ import annotations

import pytest

from argmap import FormatError, MapError
from argmap.formats import microtexts
from tests.conftest import DATA
from tests.scaling import assert_linear

MICRO = DATA / "microtexts"


@pytest.mark.parametrize(
    ("name", "claims", "relations", "context"),
    [
        ("micro_b001.xml", 5, 4, 0),
        ("micro_b002.xml", 5, 4, 0),
        ("micro_b020.xml", 6, 5, 0),
        ("micro_c002.xml", 4, 3, 0),
        ("micro_c147.xml", 4, 3, 2),
        ("micro_d02.xml", 5, 4, 0),
        ("micro_k011.xml", 10, 9, 0),
    ],
)
def test_corpus_files_import(name: str, claims: int, relations: int, context: int) -> None:
    m, warnings = microtexts.load_with_warnings(MICRO / name)
    assert [s.name for s in m.speakers] == ["Author"]
    assert (len(m.claims), len(m.relations), len(m.context)) == (claims, relations, context)
    assert len(warnings) == context
    assert m.title == name.removesuffix(".xml")


def test_undercut_and_linked_premise_on_an_undercut() -> None:
    m = microtexts.load(MICRO / "micro_b001.xml")
    assert m.description == "Topic: waste_separation; stance: pro"
    assert m.claim("a5").text == (
        "We Berliners should take the chance and become pioneers in waste separation!"
    )
    assert m.claim("a1").data["microtexts"] == {"adu": "a1", "edus": ["e1"], "role": "opp"}
    assert [(r.id, r.from_id, r.type, r.to_id) for r in m.relations] == [
        ("c1", "a1", "attacks", "a5"),
        ("c2", "a2", "supports", "a1"),
        ("c3", "a3", "undercuts", "c1"),
        ("c4", "a4", "undercuts", "c1"),  # add: a4 completes a3's undercut
    ]
    assert m.relation("c4").data["microtexts"] == {"type": "add", "linked_with": "c3"}


def test_unsegmented_edus_become_context_and_examples_support() -> None:
    m, warnings = microtexts.load_with_warnings(MICRO / "micro_c147.xml")
    assert [x.id for x in m.context] == ["e1", "e2"]
    assert m.context[0].text == "Long distance relationships test the strength of any relationship."
    assert warnings == [
        "<edu> 'e1': belongs to no ADU; kept as context",
        "<edu> 'e2': belongs to no ADU; kept as context",
    ]
    assert {(r.from_id, r.type, r.to_id) for r in m.relations} == {
        ("a1", "supports", "a4"),
        ("a2", "supports", "a4"),
        ("a3", "supports", "a4"),
    }
    c002 = microtexts.load(MICRO / "micro_c002.xml")
    assert c002.relation("c2").type == "supports"
    assert c002.relation("c2").data["microtexts"]["type"] == "exa"
    assert microtexts.load(MICRO / "micro_d02.xml").description is None  # no topic, no stance


def test_several_edus_make_one_adu_and_odd_edges_are_reported() -> None:
    m, warnings = microtexts.loads_with_warnings(
        """<arggraph id="x">
        <edu id="e1">First &lt;half&gt;</edu><edu id="e2">second "half" 🎉</edu>
        <edu id="e3">Other.</edu>
        <adu id="a1" type="pro"/><adu id="a2" type="opp"/>
        <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a1" type="seg"/>
        <edge id="c3" src="e3" trg="a2" type="seg"/>
        <edge id="c4" src="a2" trg="a1" type="xyz"/><edge id="c5" src="a2" trg="a2" type="sup"/>
        <edge id="c6" src="a2" trg="a9" type="reb"/><edge id="c7" src="a2" trg="a1" type="und"/>
        </arggraph>"""
    )
    assert m.claim("a1").text == 'First <half> second "half" 🎉'
    assert m.relations == ()
    assert warnings == [
        "<edge> 'c4': unknown edge type 'xyz'; skipped",
        "<edge> 'c5': a self-loop; skipped",
        "<edge> 'c6': target 'a9' is no ADU; skipped",
        "<edge> 'c7': target 'a1' is no edge; skipped",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "<arggraph><edu id='e1'>x</arggraph>",
            "x.xml: is not well-formed XML (mismatched tag): line 1, column 27",
        ),
        ("<graph/>", "x.xml: <graph>: expected the root element <arggraph>"),
        (
            "<arggraph><edu id='e1'>x</edu><edge id='c1' src='e1' type='seg'/></arggraph>",
            "x.xml: <edge> #1 (id 'c1'): missing trg=",
        ),
        (
            '<!DOCTYPE a [<!ENTITY x "y">]><arggraph/>',
            "x.xml: declares XML entities, which are not allowed",
        ),
    ],
)
def test_bad_xml_names_the_place(text: str, message: str) -> None:
    with pytest.raises(MapError) as error:
        microtexts.loads(text, file="x.xml")
    assert str(error.value) == message


def test_implicit_edus_are_marked_and_never_quoted() -> None:
    m = microtexts.load(MICRO / "micro_c002.xml")
    claim = m.claim("a1")  # the central claim, added by the annotators (e4 implicit="true")
    assert claim.text == "Hunting is good for the environment."
    assert claim.quote is None
    assert claim.data["implicit"] is True
    assert claim.data["microtexts"]["implicit_edus"] == ["e4"]
    assert all("implicit" not in c.data for c in m.claims if c.id != "a1")
    mixed = microtexts.loads(
        '<arggraph id="m"><edu id="e1">Said.</edu><edu id="e2" implicit="true">Added.</edu>'
        '<adu id="a1" type="pro"/><edge id="s1" src="e1" trg="a1" type="seg"/>'
        '<edge id="s2" src="e2" trg="a1" type="seg"/></arggraph>'
    ).claim("a1")
    assert (mixed.text, mixed.quote, "implicit" in mixed.data) == ("Said. Added.", "Said.", False)


def _und_chain(n: int) -> str:
    """n undercuts, each of the next edge, written far end first (the worst order)."""
    parts = ['<arggraph id="x">']
    parts += [f'<edu id="e{i}">Text {i}.</edu>' for i in range(n + 2)]
    parts += [f'<adu id="a{i}" type="pro"/>' for i in range(n + 2)]
    parts += [f'<edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>' for i in range(n + 2)]
    chain = [f'<edge id="c{i}" src="a{i + 1}" trg="c{i - 1}" type="und"/>' for i in range(1, n + 1)]
    parts += reversed(chain)
    parts.append('<edge id="c0" src="a1" trg="a0" type="sup"/></arggraph>')
    return "".join(parts)


def test_undercut_chains_are_linear() -> None:
    """Before: every round rescanned all waiting edges (16k: 70 s); now each edge once."""
    m = microtexts.loads(_und_chain(30))
    assert len(m.relations) == 31
    assert m.relation("c30").to_id == "c29" and m.relation("c1").to_id == "c0"
    assert_linear(_und_chain, microtexts.loads, 1000)


def test_loop_of_undercuts_is_reported() -> None:
    m, warnings = microtexts.loads_with_warnings(
        '<arggraph id="m"><edu id="e1">A.</edu><edu id="e2">B.</edu>'
        '<adu id="a1" type="pro"/><adu id="a2" type="pro"/>'
        '<edge id="s1" src="e1" trg="a1" type="seg"/><edge id="s2" src="e2" trg="a2" type="seg"/>'
        '<edge id="c1" src="a1" trg="c2" type="und"/><edge id="c2" src="a2" trg="c1" type="und"/>'
        "</arggraph>"
    )
    assert m.relations == ()
    assert warnings == [
        "<edge> 'c1': target 'c2' is no edge; skipped",
        "<edge> 'c2': target 'c1' is no edge; skipped",
    ]


def test_elements_not_of_microtexts_are_counted_and_an_empty_graph_refused() -> None:
    # A file of unknown elements imported as a map of nothing, without a word.
    with pytest.raises(FormatError, match="has no <edu> and no <adu>: an empty microtext"):
        microtexts.loads('<arggraph id="x">' + "<a>" * 50 + "</a>" * 50 + "</arggraph>")
    text = (
        '<arggraph id="x"><edu id="e1">Tea is good.</edu><adu id="a1" type="pro"/>'
        '<edge id="c1" src="e1" trg="a1" type="seg"/><note/><note/><extra/></arggraph>'
    )
    imported = microtexts.loads_with_warnings(text)
    assert [c.text for c in imported.map.claims] == ["Tea is good."]
    assert imported.warnings == [
        "3 elements not of arg-microtexts (<note> ×2, <extra> ×1): skipped"
    ]
