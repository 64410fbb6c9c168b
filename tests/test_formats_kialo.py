"""Kialo discussion exports: structure, links, multi-line claims, bad input, detection."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import MapError, formats
from argmap.formats import kialo
from tests.conftest import run
from tests.scaling import assert_linear
from tests.test_fuzz import mutate_text

DATA = Path(__file__).resolve().parent / "data" / "formats" / "kialo"
CARS = DATA / "car_free_centres.txt"


def test_export_keeps_tree_links_and_long_claims() -> None:
    m, warnings = kialo.load_with_warnings(CARS)
    assert warnings == []
    assert m.title == "Should cities ban private cars from their centres?"
    assert [s.name for s in m.speakers] == ["Kialo contributors"]
    # 14 numbered lines, 5 of them "-> See" links: 9 claims of their own
    assert [c.id for c in m.claims] == [
        "k1",
        "k1.1",
        "k1.1.1",
        "k1.1.1.1",
        "k1.2",
        "k1.2.1",
        "k1.3",
        "k1.3.1",
        "k1.4",
    ]
    assert {(r.id, r.from_id, r.type, r.to_id) for r in m.relations} == {
        ("r1.1", "k1.1", "supports", "k1"),
        ("r1.1.1", "k1.1.1", "attacks", "k1.1"),
        ("r1.1.1.1", "k1.1.1.1", "attacks", "k1.1.1"),
        ("r1.1.1.2", "k1.3.1", "supports", "k1.1.1"),  # a forward link
        ("r1.2", "k1.2", "attacks", "k1"),
        ("r1.2.1", "k1.2.1", "attacks", "k1.2"),
        ("r1.2.2", "k1.4", "supports", "k1.2"),
        ("r1.3", "k1.3", "supports", "k1"),
        ("r1.3.1", "k1.3.1", "supports", "k1.3"),
        ("r1.4", "k1.4", "attacks", "k1"),
        ("r1.4.1", "k1.3", "attacks", "k1.4"),
        ("r1.5", "k1.2.1", "attacks", "k1"),
    }
    assert m.relation("r1.5").data["kialo"] == {"number": "1.5", "see": "1.2.1"}
    shops = m.claim("k1.2")
    assert shops.text.startswith("Shops in the centre depend on customers who arrive by car.\n\n")
    assert shops.text.endswith("go to the malls at the ring road instead.")
    dust = m.claim("k1.1.1.1")
    assert dust.text.endswith("(see the EEA report).")  # escapes undone, link as its text
    assert dust.data["kialo"]["links"] == ["https://www.eea.europa.eu/"]
    assert all(c.quote is None for c in m.claims)  # Kialo has no verbatim quotes


def test_bad_links_numbers_and_stray_lines_are_reported() -> None:
    text = (
        "Discussion Title: T\n\nstray words\n1. Thesis.\n1.1. Pro: A.\n1.1. Con: A again.\n"
        "1.2. Con: -> See 1.9.\n1.3. Pro: -> See 1.4.\n1.4. Con: -> See 1.3.\n"
        "1.5.1. Pro: Orphan.\n1.6. No stance.\n"
    )
    m, warnings = kialo.loads_with_warnings(text)
    assert warnings == [
        "line 3: 1 line(s) before the first numbered claim; ignored",
        "line 6: number 1.1. is used twice; skipped",
        "line 7: '-> See 1.9.' names no claim (a missing number or a loop of links); skipped",
        "line 8: '-> See 1.4.' names no claim (a missing number or a loop of links); skipped",
        "line 9: '-> See 1.3.' names no claim (a missing number or a loop of links); skipped",
        "line 10: 1.5.1. has no parent 1.5.; unlinked",
        "line 11: 1.6. says neither Pro nor Con; joined to its parent as elaborates",
    ]
    assert [c.id for c in m.claims] == ["k1", "k1.1", "k1.5.1", "k1.6"]
    assert [(r.from_id, r.type) for r in m.relations] == [
        ("k1.1", "supports"),
        ("k1.6", "elaborates"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is not a Kialo export"),
        ("Discussion Title: T\n\nno claims here\n", "Kialo export has no numbered claims"),
    ],
)
def test_not_a_kialo_export(text: str, message: str) -> None:
    with pytest.raises(MapError, match=message):
        kialo.loads(text)


def test_link_chains_cost_their_length() -> None:
    """n "-> See" lines that each name the next: each is followed once, so the work grows
    with n, not n² (before: every line walked the rest of the chain)."""

    def chain(n: int) -> str:
        lines = ["Discussion Title: T", "", "1. Thesis."]
        lines += [f"1.{i}. Con: -> See 1.{i + 1}." for i in range(1, n + 1)]
        return "\n".join([*lines, f"1.{n + 1}. Pro: The end of the chain."])

    m = kialo.loads(chain(100))
    assert len(m.claims) == 2 and len(m.relations) == 101
    assert_linear(chain, kialo.loads, 2000)


def test_detected_from_content_and_wrong_from_refused(tmp_path: Path) -> None:
    plain = tmp_path / "export.txt"
    plain.write_bytes(CARS.read_bytes())
    assert formats.detect(plain) == "kialo"
    result = run("convert", str(plain), "-", "--to", "argmap")
    assert result.exit_code == 0, result.stderr
    assert '"k1.3.1"' in result.stdout
    # an .argdown name does not make a Kialo export Argdown, nor does --from
    named = tmp_path / "export.argdown"
    named.write_bytes(CARS.read_bytes())
    # (the name: the file cannot be imported, exit 1; --from: a usage error, exit 2)
    for args, code in (((str(named),), 1), ((str(plain), "--from", "argdown"), 2)):
        result = run("convert", *args, "-", "--to", "argmap")
        assert result.exit_code == code
        assert "is Kialo export, not Argdown" in result.stderr


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mutated_exports_load_or_raise_map_error(data: st.DataObject) -> None:
    text = mutate_text(data, CARS.read_text(encoding="utf-8"))
    with contextlib.suppress(MapError):
        kialo.loads_with_warnings(text)


def test_a_numbered_list_inside_a_claim_stays_its_text() -> None:
    text = (
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: Two reasons:\n1. it is cheap;\n"
        "2. it is quick.\n1.2. Con: Not so.\n"
    )
    m, warnings = kialo.loads_with_warnings(text)
    assert [c.id for c in m.claims] == ["k1", "k1.1", "k1.2"]
    assert m.claim("k1.1").text == "Two reasons:\n1. it is cheap;\n2. it is quick."
    assert warnings == [
        "line 5: '1.' numbers no Kialo claim here; read as text of the claim above",
        "line 6: '2.' numbers no Kialo claim here; read as text of the claim above",
    ]
    # a second thesis is one when Pro/Con lines hang under it
    two = kialo.loads("1. First.\n1.1. Pro: A.\n2. Second.\n2.1. Con: B.\n")
    assert [(r.from_id, r.to_id) for r in two.relations] == [("k1.1", "k1"), ("k2.1", "k2")]


def test_a_thread_deeper_than_an_id_is_long_imports_whole() -> None:
    # 1.1.1... 100 levels down made ids over 200 characters: the loader refused the map with
    # an error per claim and link, naming JSON paths the Kialo file does not have.
    lines, number = ["Discussion Title: Deep", "", "1. Thesis"], "1"
    for depth in range(120):
        number += ".1"
        lines.append(f"{number}. {('Con', 'Pro')[depth % 2]}: Claim at depth {depth}")
    m = kialo.loads("\n".join(lines) + "\n")
    assert len(m.claims) == 121 and len(m.relations) == 120
    assert len({c.id for c in m.claims}) == 121
    assert [c.data["kialo"]["number"] for c in m.claims][-1] == number
    assert m.claim("k1.1").text == "Claim at depth 0"  # short numbers keep their ids
    deepest = m.claims[-1].id
    assert next(r for r in m.relations if r.from_id == deepest).to_id == m.claims[-2].id
