"""Argdown export and import: the corpus documents, round trips, hostile text, warnings."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.formats import argdown
from argmap.formats.argdown_parse import unescape
from tests.conftest import DATA, HANOI, run
from tests.scaling import assert_linear, tree_map

ARGDOWN = DATA / "argdown"


@pytest.mark.parametrize(
    ("name", "claims", "types", "warnings"),
    [
        # claims = the Argdown parser's statements + arguments; relations include the
        # inferences of premise-conclusion structures (premise supports conclusion)
        ("argdown-primer.argdown", 21, {"supports": 7, "attacks": 5}, 1),
        ("intro.argdown", 17, {"supports": 4, "attacks": 5}, 1),
        ("legalisation-softdrugs.argdown", 18, {"supports": 9, "attacks": 8, "undercuts": 2}, 1),
        # two arguments infer the same conclusion from the same premise: two relations
        ("semmelweis_betz.argdown", 42, {"supports": 31, "attacks": 7}, 1),
        ("state-censorship.argdown", 35, {"supports": 23, "attacks": 4}, 1),
    ],
)
def test_corpus_documents_import(
    name: str, claims: int, types: dict[str, int], warnings: int
) -> None:
    m, found = argdown.load_with_warnings(ARGDOWN / name)
    assert len(m.speakers) == 1
    assert len(m.claims) == claims
    assert Counter(r.type for r in m.relations) == Counter(types)
    assert len(found) == warnings
    assert all(
        w.startswith("line 1: front matter: ") or "is defined again with another text" in w
        for w in found
    )


def test_undercut_of_an_argument_targets_its_inference() -> None:
    m = argdown.load(ARGDOWN / "legalisation-softdrugs.argdown")
    assert m.title == "Pros and Cons Legalisation of Soft Drugs"
    assert m.speakers[0].name == "Gregor Betz (adaptation to Argdown)"
    undercut = next(r for r in m.relations if r.from_id == "poor-reason")
    assert undercut.type == "undercuts"
    target = m.relation(undercut.to_id)
    assert (target.from_id, target.type, target.to_id) == (
        "alcohol-and-tobacco-analogy",  # the document says: "undercuts the analogy"
        "supports",
        "legalisation-of-soft-drugs",
    )
    central = m.claim("legalisation-of-soft-drugs")
    assert central.text == "Soft drugs should be legal."
    assert central.data["argdown"] == {
        "line": 20,
        "title": "Legalisation of Soft Drugs",
        "type": "statement",
    }
    assert m.claim("no-harm-no-ban").data["argdown"]["tags"] == ["pro"]
    assert "victcimless crime" in m.claim("no-harm-no-ban").text


def test_premise_conclusion_structures_sections_and_contradiction() -> None:
    m = argdown.load(ARGDOWN / "semmelweis_betz.argdown")
    assert m.title.startswith("A Stylized Reconstruction of the Scientific Debate That led")
    hypothesis = m.claim("epidemic-influence-hypothesis")
    assert hypothesis.data["argdown"]["section"] == "Three Rival Hypotheses"
    assert hypothesis.data["argdown"]["tags"] == ["H1"]
    premises = {r.from_id for r in m.relations if r.to_id == "difference-between-divisions"}
    assert {"epidemic-influence-hypothesis", "difference-in-exposure"} <= premises
    contradictory = [r for r in m.relations if r.data["argdown"].get("relation") == "contradictory"]
    assert sorted(r.from_id == "more-injuries" for r in contradictory) == [False, True]
    section = m.claim("difference-in-exposure").data["argdown"]["section"]
    assert section == (
        "Inferential Relations between @[Epidemic Influence Hypothesis] and the Available Evidence"
    )


def test_inline_yaml_data_and_tags() -> None:
    m = argdown.load(ARGDOWN / "state-censorship.argdown")
    argument = m.claim("argument-from-freedom-of-speech")
    assert argument.data["argdown"]["data"] == {"source": "C1a"}
    assert argument.data["argdown"]["tags"] == ["con"]
    assert argument.text.startswith("Censorship is wrong in principle. In a free and civilized")
    assert not argument.text.endswith(" ")


def test_unsupported_syntax_is_reported_with_line_numbers() -> None:
    m, warnings = argdown.loads_with_warnings(
        "===\ntitle: T\nnested:\n  a: 1\n===\n\n[a]: A {x: 1, y: [1, 2]}\n-> [b]\n\n"
        "<Arg>: Something. {bad: [}\n  <_ <U>: under.\n\n[d]: D\n  + [d]\n"
    )
    assert warnings == [
        "line 1: front matter: 1 nested key (nested) is YAML this importer cannot read; ignored",
        "line 8: relation with nothing above it to relate to",
        "line 10: data '{bad: [}' is YAML this importer cannot read; ignored",
        "line 11: undercut of <Arg>, which has no inference to undercut; kept as an attack",
        "line 14: a relation of d to itself; skipped",
    ]
    assert m.claim("a").data["argdown"]["data"] == {"x": 1, "y": [1, 2]}
    assert [(r.from_id, r.type, r.to_id) for r in m.relations] == [("U", "attacks", "Arg")]


def test_export_draws_sections_and_arrows() -> None:
    m = argmap.load(HANOI)
    text = argdown.dumps(m)
    lines = text.splitlines()
    assert lines[0] == "===" and lines[2] == "==="
    front = json.loads(lines[1])
    assert front["title"] == m.title
    assert len(front["argmap"]["relations"]) == 43
    assert [line for line in lines if line.startswith("# ")] == [f"# {s.name}" for s in m.speakers]
    assert sum(1 for line in lines if re.match(r"  (\+>|->) \[", line)) == 24  # supports + attacks
    assert sum(1 for line in lines if line.startswith("[")) == 44


def test_hanoi_round_trip_is_exact() -> None:
    m = argmap.load(HANOI)
    back, warnings = argdown.loads_with_warnings(argdown.dumps(m))
    assert warnings == []
    assert back.to_dict() == m.to_dict()


HOSTILE = (
    'He said "no" \\ <b>&amp;</b>\nnext\tline 🎉 ‘curly’ — (1) -- // <!-- x --> /* y */ '
    "=== #t @[x] {y} +> -> _> ><"
)


def test_hostile_text_round_trips_exactly(small: dict[str, Any]) -> None:
    small["title"] = "T\n===\n"
    small["speakers"][0]["name"] = "Ann # <Lee> [x] === }"
    small["claims"][0]["text"] = HOSTILE
    small["claims"][0]["quote"] = HOSTILE
    small["claims"][1]["text"] = "[brackets] and {braces} and a trailing backslash \\"
    m = argmap.loads(json.dumps(small))
    text = argdown.dumps(m)
    assert "\\<\\!-- x -->" in text  # escaped in the statement itself
    back, warnings = argdown.loads_with_warnings(text)
    assert warnings == []
    assert back.to_dict() == m.to_dict()


def test_escaped_braces_are_text_and_only_trailing_braces_are_data() -> None:
    m = argdown.loads('[a]: text \\{b\\}\n\n[c]: x \\} {"k": {"j": 1}}\n\n[d]: {e} f\n')
    assert [c.text for c in m.claims] == ["text {b}", "x }", "{e} f"]
    assert m.claim("c").data["argdown"]["data"] == {"k": {"j": 1}}
    assert "data" not in m.claim("a").data["argdown"]


def test_statement_defined_twice_keeps_each_text_apart() -> None:
    """intro.argdown gives [Statement 2] a second text inside a premise-conclusion structure;
    before, its lines ran on into the first text."""
    m, warnings = argdown.load_with_warnings(ARGDOWN / "intro.argdown")
    claim = m.claim("statement-2")
    assert claim.text == "Let's do that now: The previous statement was @[Statement 1]."
    texts = claim.data["argdown"]["texts"]
    assert texts[0] == claim.text and len(texts) == 2
    assert texts[1].startswith("We have already defined a statement with this statement. But")
    assert warnings == [
        "line 40: [Statement 2] is defined again with another text; the first is the "
        "claim's text, all are in its data"
    ]


def test_every_argument_and_relation_kept_with_argdowns_names() -> None:
    m = argdown.loads(
        "(1) [P]: Premise.\n----\n(2) [C]: Conclusion.\n\n"  # untitled argument
        "<Titled>: Described.\n\n(1) [P]\n----\n(2) [C]\n\n"  # the same inference again
        "[A]: A.\n  - [B]: B.\n  >< [D]: D.\n  +> [E]: E.\n  + <Titled>\n  + <Titled>\n"
    )
    inferences = [r for r in m.relations if r.data["argdown"]["relation"] == "inference"]
    assert [(r.from_id, r.to_id, r.data["argdown"]["argument"]) for r in inferences] == [
        ("P", "C", None),
        ("P", "C", "Titled"),
    ]
    assert inferences[0].data["argdown"]["argument_line"] == 1
    names = {(r.from_id, r.to_id): r.data["argdown"]["relation"] for r in m.relations}
    assert names[("B", "A")] == "contrary"  # statement attacks statement
    assert names[("A", "D")] == names[("D", "A")] == "contradictory"
    assert names[("A", "E")] == "entails"
    assert names[("Titled", "A")] == "support"  # an argument supports a statement
    assert sum(r.from_id == "Titled" for r in m.relations) == 1  # written twice, one relation


@pytest.mark.parametrize(
    "text_of",
    [
        lambda n: "[a]: A\n" + "<!-- x " * n,  # before: 40k unclosed openers took 74 s
        lambda n: "[a]: A\n" + "/* x " * n,
        lambda n: "[a]: A" + " #(x" * n,
        lambda n: "\n".join(f"<g{i}>: Arg.\n  _ [u{i}]: U.\n" for i in range(n)),
        lambda n: "(1) [a]: A\n" + "-- rule --\n" * n,  # each reported, none kept
    ],
    ids=[
        "unclosed <!--",
        "unclosed /*",
        "unclosed #(",
        "undercuts without inference",
        "inferences without conclusion",
    ],
)
def test_hostile_inputs_take_linear_work(text_of: Callable[[int], str]) -> None:
    assert_linear(text_of, argdown.loads, 2000)


def test_comments_closed_or_not() -> None:
    m = argdown.loads("[a]: A <!-- hidden --> shown /* gone */ too <!-- open")
    assert m.claim("a").text == "A shown too <!-- open"


def test_export_is_linear_in_claims() -> None:
    assert argdown.dumps(tree_map(4)).count("  +> [c1]") == 2  # from c2 and c3
    assert_linear(tree_map, argdown.dumps, 2000)


def test_round_trip_keeps_claim_order_across_speakers(small: dict[str, Any]) -> None:
    small["claims"].insert(1, small["claims"].pop())  # ann, bob, ann: sections reorder them
    m = argmap.loads(json.dumps(small))
    back = argdown.loads(argdown.dumps(m))
    assert [c.id for c in back.claims] == ["a1", "b1", "a2"]
    assert argmap.dumps(back) == argmap.dumps(m)


def test_hostile_front_matter_is_a_map_error_not_a_crash() -> None:
    text = (
        '===\n{"title": "T", "argmap": {"speakers": [{"id": [1], "name": "x"}], '
        '"relations": [{"from": [1]}]}}\n===\n\n[a]: A {"speaker": [1]}\n'
    )
    with pytest.raises(argmap.MapError):
        argdown.loads(text)


INFERENCES = (
    "<Arg>: An argument.\n\n"
    "(1) [P]: If p then q.\n(2) [Q]: p.\n--\nModus ponens {uses: [1,2]}\n--\n(3) [C]: q.\n"
    "-- Modus tollens, Specification --\n(4) [D]: d.\n----\n(5) [E]: e.\n"
)


def _inference_notes(m: argmap.ArgumentMap) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (
            r.from_id,
            r.to_id,
            {k: r.data["argdown"][k] for k in ("rules", "data") if k in r.data["argdown"]},
        )
        for r in m.relations
        if r.data["argdown"]["relation"] == "inference"
    ]


def test_inference_rules_and_data_are_kept_on_their_relations() -> None:
    m, warnings = argdown.loads_with_warnings(INFERENCES)
    assert warnings == []
    assert _inference_notes(m) == [
        ("P", "C", {"rules": ["Modus ponens"], "data": {"uses": [1, 2]}}),
        ("Q", "C", {"rules": ["Modus ponens"], "data": {"uses": [1, 2]}}),
        ("C", "D", {"rules": ["Modus tollens", "Specification"]}),
        ("D", "E", {}),  # ---- names no rule
    ]


def test_corpus_inference_rules_are_kept() -> None:
    m = argdown.load(ARGDOWN / "state-censorship.argdown")
    rules = [
        (r.data["argdown"]["rules"], r.data["argdown"].get("data"))
        for r in m.relations
        if "rules" in r.data["argdown"]
    ]
    assert rules.count((["Specification", "Modus ponens"], {"uses": [1, 2, 3]})) == 3
    assert rules.count((["Inference to the best explanation"], {"uses": [1, 2]})) == 2
    intro = argdown.load(ARGDOWN / "intro.argdown")
    # Argdown separates rules by commas, inside parentheses too
    assert {tuple(r.data["argdown"].get("rules", ())) for r in intro.relations} >= {
        ("Some inference rule (Some additional info: 1", "2)")
    }


def test_export_writes_inference_rules_back_as_argdown() -> None:
    m = argdown.loads(INFERENCES)
    text = argdown.dumps(m)
    assert '--\nModus ponens {"uses": [1, 2]}\n--\n' in text
    assert "--\nModus tollens, Specification\n--\n" in text
    back, warnings = argdown.loads_with_warnings(text)
    assert warnings == []
    assert argmap.dumps(back) == argmap.dumps(m)
    # the Argdown itself holds them, not only argmap's front matter
    bare = argdown.loads(text.split("===", 2)[2])
    assert _inference_notes(bare) == _inference_notes(m)
    assert text == argdown.dumps(argdown.loads(INFERENCES))  # byte-identical run after run


def test_inference_that_infers_nothing_is_reported() -> None:
    _, warnings = argdown.loads_with_warnings(
        "(1) [P]: p.\n-- Lost rule --\n\n[S]: S.\n\n-- Before anything --\n(1) [Q]: q.\n"
        "--\nNever closed\n\n[T]: T.\n"
    )
    assert warnings == [
        "line 2: inference 'Lost rule' has no conclusion after it; ignored",
        "line 6: inference 'Before anything' has no premises above it; ignored",
        "line 8: inference opened by '--' is not closed by '--' before an empty line; "
        "its lines are read as its rules",
        "line 8: inference 'Never closed' has no conclusion after it; ignored",
    ]


def test_front_matter_keys_are_kept_and_written_back() -> None:
    text = (
        "===\ntitle: T\nsubTitle: A Sub\nauthor: Ann\ndate: 22/10/2018\ncolor:\n  a: 1\n"
        "model:\n  mode: strict\n===\n\n[a]: A\n"
    )
    m, warnings = argdown.loads_with_warnings(text)
    assert m.data["argdown"] == {"front_matter": {"subTitle": "A Sub", "date": "22/10/2018"}}
    assert m.speakers[0].name == "Ann"
    assert warnings == [
        "line 1: front matter: 2 nested keys (color, model) are YAML this importer cannot "
        "read; ignored"
    ]
    exported = argdown.dumps(m)
    front = json.loads(exported.splitlines()[1])
    assert (front["title"], front["subTitle"], front["date"]) == ("T", "A Sub", "22/10/2018")
    back, warnings = argdown.loads_with_warnings(exported)
    assert warnings == []
    assert argmap.dumps(back) == argmap.dumps(m)


def test_front_matter_key_edited_in_an_export_is_read() -> None:
    m = argdown.loads("===\ntitle: T\nsubTitle: Old\n===\n\n[a]: A\n")
    edited = argdown.dumps(m).replace('"subTitle": "Old"', '"subTitle": "New", "date": "1"', 1)
    back = argdown.loads(edited)
    assert back.data["argdown"]["front_matter"] == {"subTitle": "New", "date": "1"}


def test_corpus_front_matter_keys_are_kept() -> None:
    m = argdown.load(ARGDOWN / "state-censorship.argdown")
    assert m.data["argdown"]["front_matter"] == {
        "subTitle": "Some Pros and Cons Reconstructed in Detail",
        "date": "24/10/2018",
    }


def test_front_matter_lines_that_cannot_be_read_are_counted() -> None:
    m, warnings = argdown.loads_with_warnings(
        '===\ntitle: T\n  more: x\n"quoted": y\nkept: z\n===\n\n[a]: A\n'
    )
    assert m.data["argdown"]["front_matter"] == {"kept": "z"}
    assert warnings == [
        "line 1: front matter: 2 lines are YAML this importer cannot read (lines 3, 4); ignored"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  \n\t\n",
        "\ufeff\n",
        "// only a comment\n<!-- and another -->\n",
        "===\ntitle: T\n===\n",
        "# Heading\n",
    ],
)
def test_document_without_statements_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "empty.argdown"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(argmap.FormatError) as caught:
        argdown.load(path)
    assert caught.value.lines() == [
        f"{path}: has no statements and no arguments: an empty Argdown document is no map"
    ]
    result = run("convert", str(path), str(tmp_path / "out.json"))
    assert result.exit_code == 1
    assert "an empty Argdown document is no map" in result.output + result.stderr
    assert not (tmp_path / "out.json").exists()


def test_map_without_claims_still_round_trips(small: dict[str, Any]) -> None:
    small["claims"], small["relations"] = [], small["relations"][2:]
    m = argmap.loads(json.dumps(small))
    back, warnings = argdown.loads_with_warnings(argdown.dumps(m))
    assert warnings == []
    assert argmap.dumps(back) == argmap.dumps(m)


def syntax_left(line: str, rules: bool = False) -> list[str]:
    """What Argdown's lexer (@argdown/core 2.0.1) would still read as syntax in an escaped
    line, walked as the lexer walks it: an escape is one token, so is a "special
    character" (``.x.``, ``:x:``); in an inference's rules also a comma and ``--``."""
    found, index = [], 0
    while index < len(line):
        rest = line[index:]
        if rest[0] == "\\":
            index += 2
            continue
        marks = rest[0] in "[<#*_{}" or rest.startswith(("//", "=="))
        special = re.match(r"([.:])\S+?\1", rest)  # a "special character" token
        if marks or special or (rules and rest.startswith((",", "--"))):
            found.append(rest[:2])
        index += 1
    return found


# Text a user may type, thick with what Argdown gives a meaning.
ARGDOWN_TEXT = st.text(
    st.sampled_from([*"ab .,:;!?-+<>[]{}()#@*_/\\=~`'\"|^%&$\t\n", "é", "🎉", "\u202e"]),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(text=ARGDOWN_TEXT)
def test_escaped_text_holds_no_argdown_syntax_and_reads_back(text: str) -> None:
    line = argdown.escape(text)
    assert syntax_left(line) == []
    assert unescape(line) == " ".join(text.split())
    rule = argdown._escaped(text, argdown._RULE_SPECIAL)
    assert syntax_left(rule, rules=True) == []
    assert unescape(rule) == " ".join(text.split())


def test_escape_leaves_ordinary_punctuation_alone() -> None:
    # Argdown drops an escape's backslash, but keeps it inside ".x." (checked with
    # @argdown/core 2.0.1), so ordinary punctuation is written as it is.
    text = 'It\'s 50% (or so) - a "fair" share: 2/3 > 1/2, +1 ~ e.g. a=b!'
    assert argdown.escape(text) == text.replace("e.g.", "e\\.g.")
    assert syntax_left("e.g.") == [".g"]
    assert syntax_left(argdown.escape("e.g.")) == []


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("P.O. Box", "P\\.O. Box"),  # ".O." is Argdown's shortcode for a bold O
        ("p .->. q", "p \\.->. q"),  # and ".->." for an arrow: argmap keeps text as written
        ("at 12:30:45", "at 12\\:30:45"),
        ("a.b.c.", "a\\.b\\.c."),
        ("x_y *z* #t [r] <a> {d}", "x\\_y \\*z\\* \\#t \\[r\\] \\<a> \\{d\\}"),
        (
            "see http://x.org // or /* or <!-- or ===",
            "see http:\\//x.org \\// or /\\* or \\<\\!-- or \\=\\==",
        ),
    ],
)
def test_escape_writes_only_what_argdown_would_misread(text: str, escaped: str) -> None:
    assert argdown.escape(text) == escaped
    assert unescape(escaped) == text


def test_inference_rules_with_commas_and_dashes_round_trip_in_the_argdown_itself() -> None:
    m = argdown.loads(INFERENCES)
    rules = ["If p, then q", "a -- b", "P.O. {x}"]
    relations = [
        msgspec.structs.replace(r, data={"argdown": {**r.data["argdown"], "rules": rules}})
        if r.from_id == "P"
        else r
        for r in m.relations
    ]
    m = dataclasses.replace(m, relations=tuple(relations))
    text = argdown.dumps(m)
    assert '--\nIf p\\, then q, a \\-- b, P\\.O. \\{x\\} {"uses": [1, 2]}\n--' in text
    bare = argdown.loads(text.split("===", 2)[2])  # the Argdown alone, without argmap's notes
    assert [r.data["argdown"]["rules"] for r in bare.relations if r.from_id == "P"] == [rules]
