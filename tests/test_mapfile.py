"""Loading and validation: every bad-input case gives its problem at its JSON path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import argmap
from argmap import MapError
from argmap.mapfile import load_quick, validate_object
from tests.conftest import HANOI, dumps, run


def problems(text: str | bytes, **kwargs: Any) -> list[str]:
    with pytest.raises(MapError) as caught:
        argmap.loads(text, **kwargs)
    assert isinstance(caught.value, ValueError)
    return [str(p) for p in caught.value.problems]


def test_small_map_loads(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    assert m.title == "Tea or coffee"
    assert [s.id for s in m.speakers] == ["ann", "bob"]
    assert m.claim("b1").kind == "prediction"
    assert m.claim("a1").kind == "assessment"
    assert m.relation("r2").type == "attacks"
    assert [c.id for c in m.claims_by("ann")] == ["a1", "a2"]
    assert m.speaker("ann").role == "host"


def test_model_is_immutable(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    with pytest.raises(AttributeError):
        m.claims[0].text = "changed"  # type: ignore[misc]


def test_not_json_gives_line_and_column() -> None:
    assert problems('{"argmap": "1",\n  "title": }') == [
        "is not valid JSON: Expecting value at line 2, column 12"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: m.pop("title"), "title: missing; expected the map's title"),
        (lambda m: m.update(title=""), "title: is empty"),
        (
            lambda m: m.update(title=3),
            "title: expected the map's title, a non-empty string, got the number 3",
        ),
        (lambda m: m.update(speakers={}), "speakers: expected a list, got an object"),
        (lambda m: m.pop("claims"), "claims: missing; expected a list"),
        (
            lambda m: m["claims"][1].pop("speaker"),
            "claims[1].speaker: missing; expected the id of a speaker",
        ),
        (lambda m: m["claims"][2].update(text="  "), "claims[2].text: is empty"),
        (
            lambda m: m["claims"][0].update(speaker="zed"),
            "claims[0].speaker: 'zed' is not defined in this map",
        ),
        (
            lambda m: m["claims"][0].update(speaker="a2"),
            "claims[0].speaker: 'a2' is a claim (at claims[1].id); expected a speaker",
        ),
        (
            lambda m: m["claims"][1].update(id="a1"),
            "claims[1].id: duplicate id 'a1'; it is already used at claims[0].id",
        ),
        (
            lambda m: m["claims"][1].update(id="ann"),
            "claims[1].id: duplicate id 'ann'; it is already used at speakers[0].id",
        ),
        (
            lambda m: m["claims"][1].update(id="has space"),
            "claims[1].id: 'has space' is not a valid id",
        ),
        (lambda m: m["claims"][0].update(kind="guess"), "claims[0].kind: unknown kind 'guess'"),
        (
            lambda m: m["claims"][0].update(txt="x"),
            "claims[0].txt: unknown key; did you mean 'text'?",
        ),
        (
            lambda m: m["relations"][0].update(type="support"),
            "relations[0].type: unknown type 'support'; did you mean 'supports'?",
        ),
        (
            lambda m: m["relations"][0].update(to="a2"),
            "relations[0]: supports joins 'a2' to itself",
        ),
        (
            lambda m: m["relations"][0].update(to="nope"),
            "relations[0].to: 'nope' is not defined in this map",
        ),
        (
            lambda m: m["relations"][2].update(type="elaborates"),
            "relations[2].from: 'bob' is a speaker (at speakers[1].id); expected claim ('elaborates' joins claim to claim)",
        ),
        (
            lambda m: m["relations"][0].update(type="undercuts"),
            "relations[0].to: 'a1' is a claim (at claims[0].id); expected relation ('undercuts' joins claim to relation)",
        ),
        (
            lambda m: m["relations"][0].update(id="r2"),
            "relations[1].id: duplicate id 'r2'; it is already used at relations[0].id",
        ),
        (
            lambda m: m.update(argmap="2"),
            "argmap: unknown format version '2'; this argmap reads version \"1\"",
        ),
        (lambda m: m.update(argmap=1), 'argmap: expected the string "1", got the number 1'),
        (lambda m: m.pop("argmap"), 'argmap: missing; expected the format version "1"'),
        (
            lambda m: m["speakers"][0].update(url="javascript:alert(1)"),
            "speakers[0].url: only http(s) and relative links are allowed",
        ),
        (
            lambda m: m["claims"][0].update(outcome={"status": "false"}),
            "claims[0].outcome.source: missing; an outcome other than 'open'",
        ),
        (  # also under a mistyped status: it was named only once the status was mended
            lambda m: m["claims"][0].update(outcome={"status": "partial"}),
            "claims[0].outcome.source: missing; an outcome other than 'open'",
        ),
        (
            lambda m: m["claims"][0].update(text="a\x00b"),
            "claims[0].text: contains the character U+0000",
        ),
        (
            lambda m: m["claims"][0].update(text="a\ud800b"),
            "claims[0].text: contains the character U+D800",
        ),
        (lambda m: m.update(source={"date": "27 Feb"}), "source.date: '27 Feb' is not a date"),
        (
            lambda m: m.update({"$schema": 5}),
            "$schema: expected the address of the map's JSON Schema, a string, got the number 5",
        ),
        (lambda m: m.update({"$schema": ""}), "$schema: is empty"),
        (
            lambda m: m.update({"$schema": "x\x00"}),
            "$schema: contains the character U+0000, which no output format can hold",
        ),
    ],
)
def test_each_problem_is_reported_at_its_path(
    small: dict[str, Any], change: Any, expected: str
) -> None:
    change(small)
    found = problems(dumps(small))
    assert any(p.startswith(expected) for p in found), found


def test_problems_are_collected_not_stopped_at_the_first(small: dict[str, Any]) -> None:
    small["claims"][0]["speaker"] = "zed"
    small["claims"][2]["text"] = ""
    small["relations"][1]["type"] = "refutes"
    found = problems(dumps(small))
    assert sorted(p.split(":")[0] for p in found) == [
        "claims[0].speaker",
        "claims[2].text",
        "relations[1].type",
    ]


def test_undercut_may_target_a_relation_listed_later(small: dict[str, Any]) -> None:
    small["relations"].insert(0, {"from": "a2", "to": "r2", "type": "undercuts"})
    m = argmap.loads(dumps(small))
    assert m.relations[0].to_id == "r2"


def test_duplicate_keys_are_detected_with_their_path() -> None:
    text = (
        '{"argmap": "1", "title": "A", "title": "B", "speakers": '
        '[{"id": "s", "name": "S", "name": "T"}], "claims": []}'
    )
    assert problems(text) == [
        "title: is given more than once in the same object; keep one",
        "speakers[0].name: is given more than once in the same object; keep one",
    ]


def test_nan_and_infinity_are_refused(small: dict[str, Any]) -> None:
    text = dumps(small).replace('"Tea is better."', "NaN", 1)
    assert problems(text) == [
        "claims[0].text: expected the claim in plain words, a non-empty string, "
        "got NaN (not valid JSON)"
    ]
    small["data"] = {"score": 1}
    text = dumps(small).replace('"score": 1', '"score": Infinity')
    assert problems(text) == ["data.score: Infinity (not valid JSON) is not allowed"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "is empty; expected a JSON object"),
        ("  \n", "is empty; expected a JSON object"),
        ("[]", "expected a JSON object (a map), got an array"),
        ('"map"', "expected a JSON object (a map), got a string"),
        (b"\xff\xfe{\x00}\x00", "is UTF-16 or UTF-32 encoded; save it as UTF-8"),
        (
            b'{"title": "caf\xe9"}',
            "is not valid UTF-8: byte 0xe9 at line 1, column 15; save the file as UTF-8",
        ),
        ("[" * 100_000 + "]" * 100_000, "is nested too deeply to be a map"),
    ],
)
def test_malformed_files(text: str | bytes, expected: str) -> None:
    assert problems(text) == [expected]


def test_utf8_bom_is_accepted(small: dict[str, Any]) -> None:
    assert argmap.loads(b"\xef\xbb\xbf" + dumps(small).encode()).title == "Tea or coffee"


def test_load_names_the_file(tmp_path: Path, small: dict[str, Any]) -> None:
    small["claims"][0]["speaker"] = "zed"
    path = tmp_path / "bad.json"
    path.write_text(dumps(small), encoding="utf-8")
    with pytest.raises(MapError) as caught:
        argmap.load(path)
    assert caught.value.file == str(path)
    assert caught.value.lines() == [
        f"{path}: claims[0] (a1).speaker: 'zed' is not defined in this map"
    ]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(MapError, match="no such file"):
        argmap.load(tmp_path / "absent.json")
    with pytest.raises(MapError, match="is a folder"):
        argmap.load(tmp_path)


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as stream:
        stream.truncate(10_000)
    with pytest.raises(MapError, match="more than the limit of 1,000"):
        argmap.load(path, max_bytes=1000)


def test_quotes_are_found_tolerantly_with_offsets(small: dict[str, Any]) -> None:
    source = "Ann: \u201cTea\u00a0is\nbetter\u201d \u2013 she said."
    small["claims"][0]["quote"] = '"Tea is better" - she'
    m = argmap.loads(dumps(small), source_text=source)
    start, end = m.claim("a1").quote_span or (0, 0)
    assert source[start:end] == "\u201cTea\u00a0is\nbetter\u201d \u2013 she"


def test_quote_missing_from_source(small: dict[str, Any]) -> None:
    small["claims"][1]["quote"] = "Coffee is vile"
    assert problems(dumps(small), source_text="Tea is better.") == [
        "claims[1].quote: not found in the source text (spaces, quotes and dashes may "
        "differ): 'Coffee is vile'"
    ]


def test_source_text_named_by_the_map(tmp_path: Path, small: dict[str, Any]) -> None:
    (tmp_path / "src.txt").write_text("She said tea is better.", encoding="utf-8")
    small["source"] = {"text": "src.txt"}
    small["claims"][0]["quote"] = "tea is better"
    path = tmp_path / "m.json"
    path.write_text(dumps(small), encoding="utf-8")
    assert argmap.load(path).claim("a1").quote_span == (9, 22)
    small["source"] = {"text": "gone.txt"}
    path.write_text(dumps(small), encoding="utf-8")
    with pytest.raises(MapError, match="source.text: the source text 'gone.txt' does not exist"):
        argmap.load(path)


def test_dumps_round_trips(small: dict[str, Any]) -> None:
    small["claims"][2]["outcome"] = {"status": "false", "note": "no", "source": "news"}
    small["claims"][0]["data"] = {"score": [1, 2]}
    m = argmap.loads(dumps(small))
    again = argmap.loads(argmap.dumps(m))
    assert again == m
    assert json.loads(argmap.dumps(m)) == small


def test_schema_accepts_valid_maps_and_rejects_invalid(small: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(argmap.schema())
    validator.check_schema(argmap.schema())
    assert not list(validator.iter_errors(json.loads(HANOI.read_text(encoding="utf-8"))))
    assert not list(validator.iter_errors(small))
    for change in (
        lambda m: m.pop("title"),
        lambda m: m["claims"][0].update(kind="guess"),
        lambda m: m["relations"][0].update(type="support"),
        lambda m: m["speakers"][0].update(url="javascript:alert(1)"),
        lambda m: m["claims"][0].update(txt="x"),
        lambda m: m.update(argmap="2"),
        lambda m: m.update({"$schema": 5}),
        lambda m: m.update(source={"date": "2024-13"}),
        lambda m: m.update(source={"date": "2024-01-32"}),
    ):
        broken = json.loads(dumps(small))
        change(broken)
        assert list(validator.iter_errors(broken)), broken
        with pytest.raises(MapError):
            argmap.loads(dumps(broken))


def test_quick_and_full_checks_build_the_same_map(
    small: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from argmap.mapfile import _Reader
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import synthetic_map

    small["relations"].append({"id": "u1", "from": "a2", "to": "r2", "type": "undercuts"})
    small["claims"][0]["data"] = {"x": [1]}
    texts = [dumps(small), dumps(synthetic_map(300)), HANOI.read_text(encoding="utf-8")]
    quick = [argmap.loads(text, base=HANOI.parent) for text in texts]
    monkeypatch.setattr(_Reader, "quick_ready", lambda self, values: False)
    full = [argmap.loads(text, base=HANOI.parent) for text in texts]
    assert quick == full


def test_quick_path_gives_way_to_the_full_checks(small: dict[str, Any]) -> None:
    # A problem late in a long list is reported exactly as the full checks word it.
    small["claims"] += [{"id": f"x{i}", "speaker": "ann", "text": "t"} for i in range(50)]
    small["claims"][-1]["speaker"] = "nobody"
    small["relations"][-1]["to"] = "x0"  # bob -> x0 disagrees: a speaker may disagree with a claim
    assert problems(dumps(small)) == ["claims[52].speaker: 'nobody' is not defined in this map"]


def test_every_problem_at_once_quotes_included(tmp_path: Path, small: dict[str, Any]) -> None:
    # A quote that is not in the source used to be reported only once everything else was
    # fixed; and with an item left out for its own problem, the list index was wrong.
    (tmp_path / "source.txt").write_text("Tea is better. Coffee is better.", encoding="utf-8")
    small["source"] = {"text": "source.txt"}
    small["claims"][0]["speaker"] = "zed"  # a problem of another kind, in an earlier claim
    small["claims"][2]["quote"] = "Cocoa is better."
    small["relations"][1]["quote"] = "not there"
    path = tmp_path / "m.json"
    path.write_text(dumps(small), encoding="utf-8")
    with pytest.raises(MapError) as caught:
        argmap.load(path)
    assert caught.value.lines() == [
        f"{path}: claims[0] (a1).speaker: 'zed' is not defined in this map",
        f"{path}: claims[2] (b1).quote: not found in source.txt (spaces, quotes and dashes may differ): 'Cocoa is better.'; nearest, at line 1: 'Tea is better.'",
        f"{path}: relations[1] (r2).quote: not found in source.txt (spaces, quotes and dashes may differ): 'not there'",
    ]
    assert [p.path for p in caught.value.problems] == [
        "claims[0].speaker",
        "claims[2].quote",
        "relations[1].quote",
    ]


def test_an_item_with_a_problem_still_has_its_references_checked(small: dict[str, Any]) -> None:
    # A claim or relation left out for one problem used to hide its undefined references
    # until that problem was fixed: one run must report them all.
    small["claims"][0]["speaker"] = "zed"
    del small["claims"][0]["text"]
    small["claims"][1]["id"] = 7
    small["claims"][1]["speaker"] = "nobody"
    small["relations"][0].update({"type": "xyz", "from": "ghost"})
    assert problems(dumps(small)) == [
        "claims[0].text: missing; expected the claim in plain words, a non-empty string",
        "claims[1].id: expected an id (letters, digits, _ . -), got the number 7",
        "claims[0].speaker: 'zed' is not defined in this map",
        "claims[1].speaker: 'nobody' is not defined in this map",
        "relations[0].type: unknown type 'xyz'; expected one of supports, attacks, "
        "undercuts, agrees, disagrees, elaborates",
        "relations[0].from: 'ghost' is not defined in this map",
    ]


def test_problems_name_items_by_id_only_when_the_id_is_usable(small: dict[str, Any]) -> None:
    small["claims"][0]["text"] = ""
    small["claims"][1]["id"] = "bad id\u202e"
    small["claims"][1]["text"] = ""
    with pytest.raises(MapError) as caught:
        argmap.loads(dumps(small))
    lines = caught.value.lines()
    assert any(line.startswith("claims[0] (a1).text:") for line in lines)
    assert any(line.startswith("claims[1].text:") for line in lines)  # no hostile id echoed


def test_a_map_shows_itself_in_one_line(hanoi: argmap.ArgumentMap) -> None:
    assert repr(hanoi) == (
        f"<ArgumentMap {hanoi.title!r}: {len(hanoi.speakers)} speakers, "
        f"{len(hanoi.claims)} claims, {len(hanoi.relations)} relations>"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"argmap": "1",\n "claims": [1, 2,\n ]}',
            'a trailing comma before "]" (JSON allows none) at line 2, column 17',
        ),
        (
            '{"argmap": "1", "title": "T",}',
            'a trailing comma before "}" (JSON allows none) at line 1, column 29',
        ),
        ("{'argmap': '1'}", "(JSON strings and names take double quotes) at line 1, column 2"),
        ('{"argmap": "1", // version\n}', "(JSON has no comments) at line 1, column 17"),
    ],
)
def test_hand_written_json_mistakes_are_named(text: str, expected: str) -> None:
    with pytest.raises(MapError) as caught:
        argmap.loads(text)
    assert str(caught.value).startswith("is not valid JSON: ")
    assert str(caught.value).endswith(expected)


# --- characters no output format can hold, relation ids, $schema, dates ---------------------

#: The 66 Unicode non-characters: U+FDD0 to U+FDEF, and the last two code points of each plane.
NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [
    chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF)
]


@pytest.mark.parametrize("piece", NONCHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_noncharacter_is_refused_on_both_paths(small: dict[str, Any], piece: str) -> None:
    # U+FDD0 validated, then crashed the PDF writer (cairo refuses the string).
    message = f"contains the character U+{ord(piece):04X}, which no output format can hold"
    small["claims"][1]["text"] = f"x{piece}y"
    expected = [f"claims[1].text: {message}; remove it"]
    raw = dumps(small)  # the character itself, read first by the quick loader (msgspec)
    assert problems(raw) == expected
    assert problems(raw.encode("utf-8")) == expected
    assert problems(json.dumps(small)) == expected  # a \\u escape (two, beyond U+FFFF)
    with pytest.raises(MapError) as caught:
        validate_object(small)  # a map built in memory
    assert [str(p) for p in caught.value.problems] == expected
    small["claims"][1]["text"] = "fine"
    small["claims"][0]["data"] = {f"k{piece}": 1}
    assert problems(dumps(small)) == [
        f"claims[0].data.k{escaped(piece)}: (the key) {message}; remove it"
    ]


def escaped(piece: str) -> str:
    return f"\\u{ord(piece):04x}" if ord(piece) <= 0xFFFF else f"\\U{ord(piece):08x}"


@pytest.mark.parametrize(
    "piece",
    [
        "\ufdcf",
        "\ufdf0",
        "\ufffd",
        "\U00010000",
        "\U0001f600",
        "\U0001fffd",
        "\U00020000",
        "\U0010fffd",
    ],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_characters_beside_the_noncharacters_load_on_the_quick_path(
    small: dict[str, Any], piece: str
) -> None:
    small["claims"][1]["text"] = f"x{piece}y"
    quick = load_quick([dumps(small)], None, None)
    assert quick is not None  # not sent to the full checks for nothing
    assert quick.claim("a2").text == f"x{piece}y"
    assert argmap.loads(json.dumps(small)) == quick  # escaped (\\ud83d\\ude00): full checks


@pytest.mark.parametrize(("escape", "code"), [("\\b", "0008"), ("\\f", "000C")])
def test_short_escapes_of_controls_are_refused(
    small: dict[str, Any], escape: str, code: str
) -> None:
    # \b and \f write controls without \u: both paths used to let them through.
    message = f"contains the character U+{code}, which no output format can hold; remove it"
    text = dumps(small).replace("Tea has", f"Tea{escape}has")
    assert problems(text) == [f"claims[1].text: {message}"]
    assert problems(text.encode("utf-8")) == [f"claims[1].text: {message}"]
    small["title"] = "T" + chr(int(code, 16))
    with pytest.raises(MapError) as caught:
        validate_object(small)  # a map built in memory
    assert [str(p) for p in caught.value.problems] == [f"title: {message}"]
    # An escaped backslash before the letter is only a backslash and a letter.
    small["title"] = "T" + escape
    assert argmap.loads(dumps(small)).title == "T" + escape


def test_a_relation_with_a_bad_id_has_its_other_problems_reported(small: dict[str, Any]) -> None:
    # An invalid id used to hide every other problem of its relation.
    small["relations"].append(
        {"id": "bad id!", "from": "a1", "to": "zzz", "type": "loves", "note": 5}
    )
    small["relations"].append({"id": "r1", "from": "bob", "to": "a1", "type": "elaborates"})
    assert problems(dumps(small)) == [
        "relations[3].id: 'bad id!' is not a valid id; use letters, digits and _ . - "
        "(starting with a letter or digit, at most 200 characters)",
        "relations[4].id: duplicate id 'r1'; it is already used at relations[0].id",
        "relations[3].type: unknown type 'loves'; expected one of supports, attacks, "
        "undercuts, agrees, disagrees, elaborates",
        "relations[3].note: expected a string, got the number 5",
        "relations[3].to: 'zzz' is not defined in this map",
        "relations[4].from: 'bob' is a speaker (at speakers[1].id); expected claim "
        "('elaborates' joins claim to claim)",
    ]


def test_a_relation_with_only_a_bad_id_is_refused(small: dict[str, Any]) -> None:
    small["relations"][0]["id"] = "bad id!"
    assert problems(dumps(small)) == [
        "relations[0].id: 'bad id!' is not a valid id; use letters, digits and _ . - "
        "(starting with a letter or digit, at most 200 characters)"
    ]


def test_schema_link_is_kept_out_of_the_map_but_must_be_a_string(small: dict[str, Any]) -> None:
    small["$schema"] = "https://argmap.invalid/schema/argmap-1.json"
    assert argmap.loads(dumps(small)).title == "Tea or coffee"
    small["$schema"] = ["x"]
    assert problems(dumps(small)) == [
        "$schema: expected the address of the map's JSON Schema, a string, got an array"
    ]


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("2024-13-45", " (month must be in 1..12)"),
        ("2024-02-30", " (day is out of range for month)"),
        ("2023-02-29", " (day is out of range for month)"),
        ("2024-04-31", " (day is out of range for month)"),
        ("2024-00-10", " (month must be in 1..12)"),
        ("2024-13", " (month must be in 1..12)"),
        ("2024-00", " (month must be in 1..12)"),
        ("0000", " (year 0 is out of range)"),
        ("2024-1-5", ""),
        ("\uff12\uff10\uff12\uff14", ""),  # full-width digits: not the ASCII the schema means
        ("yesterday", ""),
    ],
)
def test_dates_that_do_not_exist_are_refused(small: dict[str, Any], date: str, reason: str) -> None:
    small["source"] = {"date": date}
    assert problems(dumps(small)) == [
        f"source.date: {date!r} is not a date{reason}; expected YYYY-MM-DD"
    ]


@pytest.mark.parametrize(
    "date", ["2024", "2024-02", "2024-12", "2024-02-29", "2000-02-29", "0001-01-01"]
)
def test_dates_that_exist_load(small: dict[str, Any], date: str) -> None:
    small["source"] = {"date": date}
    assert not list(jsonschema.Draft202012Validator(argmap.schema()).iter_errors(small))
    assert argmap.loads(dumps(small)).source.date == date  # type: ignore[union-attr]


def with_talk(folder: Path, talk: str, said: dict[str, str]) -> Path:
    """A map in ``folder`` quoting ``talk.txt`` beside it: per claim id, its quote (the
    speaker is the id's part before the first dot)."""
    (folder / "talk.txt").write_text(talk, encoding="utf-8")
    speakers = sorted({claim.split(".")[0] for claim in said})
    document = {
        "argmap": "1",
        "title": "T",
        "source": {"text": "talk.txt"},
        "speakers": [{"id": s, "name": s.title()} for s in speakers],
        "claims": [
            {"id": c, "speaker": c.split(".")[0], "text": "Said.", "quote": q}
            for c, q in said.items()
        ],
    }
    (folder / "m.json").write_text(dumps(document), encoding="utf-8")
    return folder / "m.json"


def test_a_quote_not_found_names_the_nearest_passage_and_its_line(tmp_path: Path) -> None:
    talk = "HOST: Welcome.\nANN: Tea is simply the better drink, always.\n"
    quotes = {"ann.a": "tea is simply the best drink", "ann.b": "Cocoa wins."}
    with pytest.raises(MapError) as caught:
        argmap.load(with_talk(tmp_path, talk, quotes))
    first, second = caught.value.lines()
    assert first.endswith("; nearest, at line 2: 'Tea is simply the better drink,'")
    assert second.endswith("'Cocoa wins.'")  # nothing near: no hint


def test_validate_warns_of_a_quote_the_source_holds_more_than_once(tmp_path: Path) -> None:
    # A one-word quote found in another speaker's turn was marked there without a word.
    talk = "NOWAK: Stockholm cut traffic.\nHADDAD: Stockholm is not Mill Street.\n"
    path = with_talk(tmp_path, talk, {"nowak.n": "cut traffic", "haddad.h": "Stockholm"})
    result = run("validate", str(path))
    assert result.exit_code == 0, result.output
    warning = (
        f"{path}: warning: claims[1] (haddad.h).quote: occurs 2 times in talk.txt; the "
        "first, at line 1, is the one marked: quote more words to say which"
    )
    assert warning in result.output
    assert "claims[0]" not in result.output  # a quote found once is not named


def test_the_size_limit_names_the_argument_as_well_as_the_option(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_text(" " * 200 + '{"argmap": "1"}', encoding="utf-8")
    with pytest.raises(argmap.MapError, match=r"max_bytes= in Python"):
        argmap.load(path, max_bytes=100)


def test_loads_of_a_dict_says_what_it_wants() -> None:
    # was "AttributeError: 'dict' object has no attribute 'startswith'"
    with pytest.raises(TypeError, match="JSON text .str or bytes., not a dict; .*validate_object"):
        argmap.loads({"argmap": "1", "title": "T", "speakers": [], "claims": []})  # type: ignore[arg-type]
    assert (
        argmap.mapfile.validate_object(
            {"argmap": "1", "title": "T", "speakers": [], "claims": []}
        ).title
        == "T"
    )
