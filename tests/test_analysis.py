"""argmap.analysis on hand-made maps whose answers are known, and on the Hanoi map."""

from __future__ import annotations

import dataclasses
import doctest
import importlib
import json
from typing import Any

import pytest
from click.testing import CliRunner

import argmap
from argmap import analysis
from argmap.analysis import Agreement, ClaimTally, ForecastRecord, standing
from argmap.cli import main
from argmap.dot import claims_dot
from argmap.model import CLAIM_KINDS, ArgumentMap, Claim, Relation, Speaker
from argmap.rendering import render
from argmap.theme import THEMES
from tests.conftest import HANOI, dumps
from tests.scaling import assert_linear


def make(
    claims: dict[str, str],
    relations: list[tuple[str, str, str]] | None = None,
    speakers: tuple[str, ...] = (),
    **extra: Any,
) -> ArgumentMap:
    """A map through the loader: ``claims`` maps claim id to speaker id; relations are
    ``(from, to, type)`` with ids ``r0, r1, ...``."""
    who = sorted({*claims.values(), *speakers})
    return argmap.loads(
        dumps(
            {
                "argmap": "1",
                "title": "T",
                "speakers": [{"id": s, "name": s.title()} for s in who],
                "claims": [
                    {"id": c, "speaker": s, "text": f"{c}.", **extra.get(c, {})}
                    for c, s in claims.items()
                ],
                "relations": [
                    {"id": f"r{i}", "from": f, "to": t, "type": kind}
                    for i, (f, t, kind) in enumerate(relations or [])
                ],
            }
        )
    )


def one_speaker(*relations: tuple[str, str, str], claims: str = "abcd") -> ArgumentMap:
    return make(dict.fromkeys(claims, "s"), list(relations))


def test_docstring_examples() -> None:
    # argmap.analysis is a package: its examples live in its modules.
    modules = [analysis, *(importlib.import_module(f"argmap.analysis.{name}") for name in MODULES)]
    results = [doctest.testmod(module) for module in modules]
    assert len(modules) == 1 + len(MODULES)
    assert sum(result.attempted for result in results) >= 20
    assert sum(result.failed for result in results) == 0


MODULES = ("agreement", "common", "forecasting", "overview", "standing", "tallies")


# --- standing ------------------------------------------------------------------------------


def test_grounded_reinstates_a_claim_whose_attacker_is_defeated() -> None:
    m = one_speaker(("a", "b", "attacks"), ("b", "a", "attacks"), ("c", "b", "attacks"))
    g = analysis.grounded_labelling(m)
    assert (g.in_, g.out, g.undec) == (("a", "c", "d"), ("b",), ())
    assert g.counts() == {"in": 3, "out": 1, "undec": 0}
    assert dict(g.claims) == {"a": "in", "b": "out", "c": "in", "d": "in"}


def test_odd_cycle_is_undecided_and_has_no_stable_extension() -> None:
    m = one_speaker(("a", "b", "attacks"), ("b", "c", "attacks"), ("c", "a", "attacks"))
    g = analysis.grounded_labelling(m)
    assert (g.in_, g.out, g.undec) == (("d",), (), ("a", "b", "c"))
    assert analysis.preferred_extensions(m) == (("d",),)
    assert analysis.stable_extensions(m) == ()


def test_mutual_attack_has_two_preferred_and_stable_extensions() -> None:
    m = one_speaker(("a", "b", "attacks"), ("b", "a", "attacks"), ("c", "d", "attacks"))
    assert analysis.grounded_labelling(m).undec == ("a", "b")
    assert analysis.preferred_extensions(m) == (("a", "c"), ("b", "c"))
    assert analysis.stable_extensions(m) == (("a", "c"), ("b", "c"))


def test_preferred_but_not_stable() -> None:
    # a <-> b, and b attacks the odd cycle c -> d -> e -> c: {a} is preferred, not stable.
    m = one_speaker(
        ("a", "b", "attacks"),
        ("b", "a", "attacks"),
        ("b", "c", "attacks"),
        ("c", "d", "attacks"),
        ("d", "e", "attacks"),
        ("e", "c", "attacks"),
        claims="abcde",
    )
    assert analysis.preferred_extensions(m) == (("a",), ("b", "d"))
    assert analysis.stable_extensions(m) == (("b", "d"),)


def test_disagrees_attacks_but_support_and_speakers_do_not() -> None:
    m = make(
        {"a": "ann", "b": "bob", "c": "bob"},
        [("a", "b", "disagrees"), ("c", "a", "supports"), ("bob", "a", "attacks")],
    )
    g = analysis.grounded_labelling(m)
    assert (g.in_, g.out) == (("a", "c"), ("b",))


def test_undercut_disables_an_attack() -> None:
    # r0: a attacks b; c undercuts r0, so b stands.
    m = one_speaker(("a", "b", "attacks"), ("c", "r0", "undercuts"))
    g = analysis.grounded_labelling(m)
    assert g.out == ()
    assert dict(g.inferences) == {"r0": "out"}


def test_undercut_of_an_undercut_restores_the_attack() -> None:
    m = one_speaker(("a", "b", "attacks"), ("c", "r0", "undercuts"), ("d", "r1", "undercuts"))
    g = analysis.grounded_labelling(m)
    assert g.out == ("b",)
    assert dict(g.inferences) == {"r0": "in", "r1": "out"}


def test_defeated_undercutter_and_defeated_premise() -> None:
    # d defeats the undercutter c, so a's attack on b holds again.
    m = one_speaker(("a", "b", "attacks"), ("c", "r0", "undercuts"), ("d", "c", "attacks"))
    assert analysis.grounded_labelling(m).out == ("b", "c")
    # An inference whose premise is out does not hold, even unchallenged.
    m = one_speaker(("a", "b", "supports"), ("c", "a", "attacks"), ("d", "r0", "undercuts"))
    g = analysis.grounded_labelling(m)
    assert g.out == ("a",)
    assert dict(g.inferences) == {"r0": "out"}


def test_extensions_refuse_too_many_undecided_arguments() -> None:
    pairs = [(f"x{i}", f"y{i}") for i in range(11)]  # 22 undecided claims
    claims = {c: "s" for pair in pairs for c in pair}
    relations = [r for x, y in pairs for r in ((x, y, "attacks"), (y, x, "attacks"))]
    m = make(claims, relations)
    with pytest.raises(analysis.ExtensionLimitError, match="at most 20 undecided .* has 22"):
        analysis.preferred_extensions(m)
    with pytest.raises(ValueError, match="stable extensions"):
        analysis.stable_extensions(m)
    assert analysis.grounded_labelling(m).counts()["undec"] == 22


def test_extensions_combine_independent_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    # Ten separate mutual attacks, 20 undecided claims: 2**10 preferred extensions, each
    # pair searched on its own (2**2 sets ten times, not 2**20 once).
    pairs = [(f"x{i}", f"y{i}") for i in range(10)]
    claims = {c: "s" for pair in pairs for c in pair}
    relations = [r for x, y in pairs for r in ((x, y, "attacks"), (y, x, "attacks"))]
    m = make(claims, relations)
    searched: list[int] = []
    search = standing._maximal_admissible

    def spy(hits: list[int], stable: bool) -> list[int]:
        searched.append(len(hits))
        return search(hits, stable)

    monkeypatch.setattr(standing, "_maximal_admissible", spy)
    preferred = analysis.preferred_extensions(m)
    assert searched == [2] * 10
    assert len(preferred) == 1024
    assert all(len(e) == 10 for e in preferred)
    assert ("x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "y9") in preferred
    assert analysis.stable_extensions(m) == preferred


def test_extensions_search_only_what_grounded_leaves_undecided() -> None:
    # A long decided chain and one mutual attack: far more claims than the limit, still fine.
    claims = {f"c{i}": "s" for i in range(200)}
    relations = [(f"c{i}", f"c{i + 1}", "attacks") for i in range(197)]
    relations += [("c198", "c199", "attacks"), ("c199", "c198", "attacks")]
    m = make(claims, relations)
    preferred = analysis.preferred_extensions(m)
    chain = tuple(f"c{i}" for i in range(0, 198, 2))
    assert preferred == ((*chain, "c198"), (*chain, "c199"))


def attack_chain(n: int) -> ArgumentMap:
    """c0 attacks c1, which attacks c2, ... up to c(n - 1)."""
    return ArgumentMap(
        "chain",
        speakers=(Speaker("s", "S"),),
        claims=tuple(Claim(f"c{i}", "s", "C.") for i in range(n)),
        relations=tuple(Relation(f"c{i}", f"c{i + 1}", "attacks") for i in range(n - 1)),
    )


def test_grounded_labelling_is_linear_on_a_long_chain() -> None:
    assert_linear(attack_chain, analysis.grounded_labelling, 20_000)
    n = 200_000  # no recursion: deeper than any stack
    g = analysis.grounded_labelling(attack_chain(n))
    assert g.counts() == {"in": n // 2, "out": n // 2, "undec": 0}
    assert g.claims["c199998"] == "in"
    assert g.claims["c199999"] == "out"


# --- agreement and camps ---------------------------------------------------------------------


def test_agreement_matrix_counts_explicit_and_implied_relations() -> None:
    m = make(
        {"a1": "ann", "a2": "ann", "b1": "bob", "c1": "cy"},
        [
            ("ann", "bob", "agrees"),
            ("a1", "b1", "supports"),
            ("a2", "bob", "supports"),  # a claim towards a speaker counts too
            ("b1", "a1", "attacks"),
            ("bob", "ann", "disagrees"),
            ("c1", "r1", "undercuts"),  # against ann, who made the inference a1 -> b1
            ("a1", "a2", "attacks"),  # within one speaker: not agreement
            ("c1", "b1", "elaborates"),  # not agreement
        ],
    )
    assert analysis.agreement_matrix(m) == (
        Agreement("ann", "bob", agrees=1, supports=2),
        Agreement("bob", "ann", disagrees=1, attacks=1),
        Agreement("cy", "ann", undercuts=1),
    )
    nets = [a.net for a in analysis.agreement_matrix(m)]
    assert nets == [3, -2, -1]


def test_camps_group_speakers_who_side_with_each_other() -> None:
    m = make(
        {"a": "ann", "b": "bob", "c": "cy", "d": "dee"},
        [
            ("ann", "bob", "agrees"),
            ("b", "a", "supports"),
            ("cy", "dee", "agrees"),
            ("a", "c", "attacks"),
            ("bob", "dee", "disagrees"),
        ],
        speakers=("eve",),
    )
    assert analysis.camps(m) == (("ann", "bob"), ("cy", "dee"), ("eve",))


def test_camps_need_a_positive_balance() -> None:
    m = make({"a": "ann", "b": "bob"}, [("a", "b", "supports"), ("bob", "ann", "disagrees")])
    assert analysis.camps(m) == (("ann",), ("bob",))


# --- tallies and centrality ------------------------------------------------------------------


def test_tallies_rank_supported_and_contested_claims() -> None:
    m = make(
        {"a": "ann", "b": "ann", "c": "bob", "d": "bob"},
        [
            ("a", "c", "attacks"),
            ("b", "c", "disagrees"),
            ("ann", "c", "supports"),
            ("c", "a", "agrees"),
            ("d", "a", "supports"),
            ("d", "b", "attacks"),
            ("c", "r5", "undercuts"),  # defends b against r5's attack: support for b
            ("b", "r4", "undercuts"),  # questions r4's support of a: contest for a
        ],
    )
    assert analysis.claim_tallies(m) == (
        ClaimTally("a", "ann", 2, 1),
        ClaimTally("b", "ann", 1, 1),
        ClaimTally("c", "bob", 1, 2),
        ClaimTally("d", "bob", 0, 0),
    )
    # Ties go to less of the other count: b (contested once, supported once) is more contested
    # than a (contested once, supported twice); b (supported once, contested once) is better
    # supported than c (supported once, contested twice). They went the other way round.
    assert [t.claim for t in analysis.most_contested(m)] == ["c", "b", "a"]
    assert [t.claim for t in analysis.most_supported(m)] == ["a", "b", "c"]
    assert [t.claim for t in analysis.most_contested(m, top=1)] == ["c"]


def test_centrality_favours_claims_many_point_at() -> None:
    m = one_speaker(
        ("a", "c", "supports"),
        ("b", "c", "attacks"),
        ("d", "c", "elaborates"),
        ("c", "a", "agrees"),
    )
    ranking = analysis.centrality(m)
    assert [claim for claim, _ in ranking] == ["c", "a", "b", "d"]
    assert ranking[0][1] > ranking[1][1] > ranking[2][1] == ranking[3][1]
    assert len(analysis.centrality(m, top=2)) == 2


# --- forecasts -------------------------------------------------------------------------------


def test_forecasts_and_record() -> None:
    def outcome(status: str) -> dict[str, Any]:
        return {"kind": "prediction", "outcome": {"status": status, "source": "Later news"}}

    m = make(
        {"p1": "ann", "p2": "ann", "p3": "ann", "q1": "bob", "q2": "bob", "x": "bob"},
        speakers=("cy",),
        p1=outcome("true"),
        p2=outcome("partly"),
        p3={"kind": "prediction"},
        q1=outcome("false"),
        q2=outcome("open"),
        x={"kind": "report", "outcome": {"status": "false", "source": "News"}},
    )
    assert [(f.claim, f.speaker, f.status) for f in analysis.forecasts(m)] == [
        ("p1", "ann", "true"),
        ("p2", "ann", "partly"),
        ("p3", "ann", None),
        ("q1", "bob", "false"),
        ("q2", "bob", "open"),
    ]
    assert analysis.forecast_record(m) == (
        ForecastRecord("ann", true=1, partly=1, unrecorded=1),
        ForecastRecord("bob", false=1, open=1),
    )
    assert analysis.forecast_record(m)[0].total == 3


# --- any map ---------------------------------------------------------------------------------


def test_empty_map() -> None:
    m = make({})
    assert analysis.agreement_matrix(m) == ()
    assert analysis.camps(m) == ()
    assert analysis.grounded_labelling(m).counts() == {"in": 0, "out": 0, "undec": 0}
    assert analysis.preferred_extensions(m) == ((),)
    assert analysis.stable_extensions(m) == ((),)
    assert analysis.most_contested(m) == analysis.most_supported(m) == ()
    assert analysis.centrality(m) == ()
    assert analysis.forecasts(m) == analysis.forecast_record(m) == ()
    assert analysis.summary(m)["relations"]["supports"] == 0


def test_summary_is_json(small: dict[str, Any]) -> None:
    m = argmap.loads(dumps(small))
    s = json.loads(json.dumps(analysis.summary(m)))
    assert s["speakers"] == [
        {"id": "ann", "name": "Ann", "claims": 2},
        {"id": "bob", "name": "Bob", "claims": 1},
    ]
    assert s["relations"] == {
        "supports": 1,
        "attacks": 1,
        "undercuts": 0,
        "agrees": 0,
        "disagrees": 1,
        "elaborates": 0,
    }
    assert s["standing"]["counts"] == {"in": 2, "out": 1, "undec": 0}
    assert s["most_contested"] == [
        {"claim": "a1", "speaker": "ann", "support": 1, "contest": 1, "text": "Tea is better."}
    ]


# --- the Hanoi panel ----------------------------------------------------------------------


def test_hanoi_agreement_and_camps(hanoi: ArgumentMap) -> None:
    assert analysis.agreement_matrix(hanoi) == (
        Agreement("asmolov", "lankov", agrees=1),
        Agreement("asmolov", "sagitov", agrees=1, supports=2),
        Agreement("lankov", "asmolov", agrees=3),
    )
    assert analysis.camps(hanoi) == (
        ("asmolov", "lankov", "sagitov"),
        ("timofeev",),
        ("toloraya",),
    )


def test_hanoi_standing(hanoi: ArgumentMap) -> None:
    g = analysis.grounded_labelling(hanoi)
    # The panel attacks no claim: the one attack between speakers the map used to infer
    # overturned the support the text states, and was dropped (maps/hanoi_2019.md).
    assert g.counts() == {"in": 44, "out": 0, "undec": 0}
    assert g.out == () and g.claims["asmolov.trump-maximum"] == "in"
    assert analysis.preferred_extensions(hanoi) == analysis.stable_extensions(hanoi) == (g.in_,)


def test_hanoi_contested_supported_central(hanoi: ArgumentMap) -> None:
    assert analysis.most_contested(hanoi) == ()
    assert analysis.most_supported(hanoi, top=2) == (
        ClaimTally("asmolov.pause", "asmolov", support=3, contest=0),
        ClaimTally("sagitov.no-surprises", "sagitov", support=2, contest=0),
    )
    assert [c for c, _ in analysis.centrality(hanoi, top=3)] == [
        "sagitov.collective-security",
        "asmolov.difficult-task",
        "asmolov.pause",
    ]


def test_hanoi_forecasts(hanoi: ArgumentMap) -> None:
    assert len(analysis.forecasts(hanoi)) == 10
    assert analysis.forecast_record(hanoi) == (
        ForecastRecord("sagitov", false=1),
        ForecastRecord("asmolov", false=1, partly=1, open=1),
        ForecastRecord("lankov", true=1, false=3, open=2),
    )


# --- colouring claims by standing or kind (argmap render --color-by) -------------------------


def test_claims_dot_colours_by_standing_and_kind() -> None:
    look = THEMES["light"]
    m = make({"a": "ann", "b": "bob"}, [("a", "b", "attacks")], b={"kind": "prediction"})
    default = claims_dot(m).source
    assert claims_dot(m, color_by="speaker").source == default
    assert "in (accepted)" not in default
    standing = claims_dot(m, color_by="standing", legend=True).source
    out = look.tint(look.standing["out"])
    assert f'fillcolor="{out.fill}" color="{out.line}" id="claim-b"' in standing
    assert "in (accepted)" in standing and "out (defeated)" in standing
    assert "undecided" not in standing  # the legend shows the colours used
    kind = claims_dot(m, color_by="kind", legend=True).source
    prediction = look.tint(look.kinds["prediction"])
    assert f'fillcolor="{prediction.fill}" color="{prediction.line}" id="claim-b"' in kind
    assert kind.index("assessment") < kind.index("prediction")
    with pytest.raises(ValueError, match="cannot colour by 'mood'"):
        claims_dot(m, color_by="mood")


def test_every_theme_colours_every_standing_and_kind() -> None:
    for look in THEMES.values():
        assert set(look.standing) == {"in", "out", "undec"}
        assert set(look.kinds) == set(CLAIM_KINDS)
        assert len(set(look.standing.values())) == 3


def test_render_colours_a_selection_by_the_whole_map_standing() -> None:
    m = make({"a": "ann", "b": "bob"}, [("a", "b", "attacks")])
    dot = render(m, "dot", speakers=["bob"], color_by="standing").text
    out = THEMES["light"].tint(THEMES["light"].standing["out"])
    assert f'fillcolor="{out.fill}"' in dot  # b is out although a is not drawn
    with pytest.raises(ValueError, match="needs the claims view"):
        render(m, "dot", view="speakers", color_by="kind")


def test_cli_render_color_by() -> None:
    result = CliRunner().invoke(
        main, ["render", str(HANOI), "--color-by", "standing", "-f", "dot", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    assert "in (accepted)" in result.output
    assert "out (defeated)" not in result.output  # no Hanoi claim is defeated; no key for it
    bad = CliRunner().invoke(main, ["render", str(HANOI), "--color-by", "mood"])
    assert bad.exit_code == 2


def test_stated_only_drops_inferences_and_the_undercuts_that_hang_on_them() -> None:
    inferred = {"basis": "inferred"}
    m = ArgumentMap(
        "t",
        speakers=(Speaker("s", "S"),),
        claims=tuple(Claim(c, "s", c.upper()) for c in "abcd"),
        relations=(
            Relation("a", "b", "attacks", id="r1", data=inferred),
            Relation("c", "r1", "undercuts", id="u1"),
            Relation("d", "u1", "undercuts", id="u2"),
            Relation("d", "b", "supports", id="r2", quote="d so b"),
        ),
    )
    stated = analysis.stated_only(m)
    assert [r.id for r in stated.relations] == ["r2"]
    assert analysis.grounded_labelling(m).out == ("b",)
    assert analysis.grounded_labelling(stated).out == ()
    plain = dataclasses.replace(m, relations=m.relations[3:])
    assert analysis.stated_only(plain) is plain  # nothing inferred: the same map


@pytest.mark.parametrize("top", [0, -1, None, "3", 2.0, True])
@pytest.mark.parametrize(
    "rank",
    [analysis.most_supported, analysis.most_contested, analysis.centrality, analysis.summary],
)
def test_top_is_a_whole_number_of_one_or_more(rank: Any, top: Any) -> None:
    # None and "3" were TypeErrors from heapq; -1 gave an empty ranking without a word.
    m = argmap.load(HANOI)
    with pytest.raises(argmap.UsageError, match="top must be a whole number, 1 or more"):
        rank(m, top=top)
    assert rank is analysis.summary or len(rank(m, top=1)) <= 1


def test_the_claims_of_a_speaker_who_is_not_there_are_a_key_error() -> None:
    m = argmap.load(HANOI)
    assert m.claims_by("lankov") and all(c.speaker == "lankov" for c in m.claims_by("lankov"))
    with pytest.raises(KeyError):
        m.claims_by("lankof")  # was (), as for a speaker who said nothing
