"""What ``auto`` draws on real maps, and how many times it runs the engine to get there.

The table is the one in benchmarks/README.md ("How auto chooses"): the arrangement each real
map gets, and whether the likely choice was kept at first look (``kept``) or all three were
drawn and measured (``compared``). Drawing the likely choice first must not change what a
real map gets: these are the arrangements the full comparison chose before.
"""

from __future__ import annotations

from typing import Any

import pytest

import argmap
from argmap.draw import pipeline
from argmap.draw.engine import LayoutJob
from argmap.draw.layout import COMPARE_ALL_MAX_CLAIMS, plan
from argmap.errors import UsageError
from argmap.formats import read
from tests.conftest import DATA, HANOI, ROOT

REAL_CHOICES = {
    "maps/hanoi_2019.json": ("flow", "kept"),
    "aif/aifdb_nodeset6064.json": ("flow", "compared"),
    "aif/aifdb_twitter3915.json": ("components", "compared"),
    "aif/iat_example_synthetic.json": ("components", "compared"),
    "aif/xaif_example.json": ("flow", "compared"),
    "argdown/argdown-primer.argdown": ("tree", "kept"),
    "argdown/intro.argdown": ("tree", "kept"),
    "argdown/legalisation-softdrugs.argdown": ("tree", "compared"),
    "argdown/semmelweis_betz.argdown": ("tree", "compared"),
    "argdown/state-censorship.argdown": ("tree", "compared"),
    "formats/kialo/car_free_centres.txt": ("tree", "compared"),
    "formats/sadface/hand_written_v05.json": ("flow", "compared"),
    "formats/sadface/hangback.json": ("flow", "compared"),
    "microtexts/micro_b001.xml": ("flow", "compared"),
    "microtexts/micro_b002.xml": ("flow", "compared"),
    "microtexts/micro_b020.xml": ("flow", "compared"),
    "microtexts/micro_c002.xml": ("flow", "compared"),
    "microtexts/micro_c147.xml": ("flow", "compared"),
    "microtexts/micro_d02.xml": ("flow", "compared"),
    "microtexts/micro_k011.xml": ("flow", "compared"),
}


def engine_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The engine runs of the pipeline, recorded: one list of DOT graph names per call of
    ``run_layouts`` (the runs it starts side by side) or ``run_layout``."""
    calls: list[list[str]] = []
    run_layouts, run_layout = pipeline.run_layouts, pipeline.run_layout

    def side_by_side(jobs: list[LayoutJob], **options: Any) -> list[bytes | Exception]:
        calls.append([job.dot_source.split("{")[0].split()[-1] for job in jobs])
        return run_layouts(jobs, **options)  # type: ignore[return-value]

    def alone(source: str, output: str, **options: Any) -> bytes:
        calls.append([source.split("{")[0].split()[-1]])
        return run_layout(source, output, **options)

    monkeypatch.setattr(pipeline, "run_layouts", side_by_side)
    monkeypatch.setattr(pipeline, "run_layout", alone)
    return calls


def test_auto_draws_the_hanoi_map_once_with_its_legend_beside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = engine_runs(monkeypatch)
    rendering = argmap.render(argmap.load(HANOI), "svg")
    assert calls == [["argmap", "legend"]]  # the flow and its legend, side by side
    assert rendering.layout == "flow: reads well, not compared (44 claims)"


def test_a_map_that_needs_comparing_draws_the_others_side_by_side(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = engine_runs(monkeypatch)
    rendering = argmap.render(read(DATA / "argdown" / "semmelweis_betz.argdown"), "svg")
    # tree (the likely choice for one speaker) is too small to read: flow and components too
    assert calls == [["argmap", "legend"], ["argmap", "argmap"]]
    assert rendering.layout.startswith("tree: read best of flow, tree and components")


@pytest.mark.parametrize("name", sorted(REAL_CHOICES))
def test_auto_on_real_maps_chooses_as_documented(name: str) -> None:
    path = ROOT / name if name.startswith("maps/") else DATA / name
    arrangement, how = REAL_CHOICES[name]
    reason = argmap.render(read(path), "svg").layout
    assert reason.split(":")[0] == arrangement
    assert ("not compared" in reason) == (how == "kept"), reason


def test_the_likely_choice_comes_first_and_is_kept_only_above_a_few_claims() -> None:
    def first(claims: int, speakers: int) -> tuple[str, bool]:
        candidate = plan(claims, relations=claims, speakers=speakers)[0]
        return candidate.arrangement, candidate.kept_if_readable

    above = COMPARE_ALL_MAX_CLAIMS + 1
    assert first(above, 1) == ("tree", True)
    assert first(above, 4) == ("flow", True)
    assert first(COMPARE_ALL_MAX_CLAIMS, 1) == ("tree", False)
    compared = plan(above, speakers=1)[:3]
    assert [c.arrangement for c in compared] == ["tree", "flow", "components"]
    assert [c.kept_if_readable for c in compared] == [True, False, False]


def test_tiny_maps_are_compared_side_by_side(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = engine_runs(monkeypatch)
    m = read(DATA / "microtexts" / "micro_k011.xml")
    argmap.render(m, "svg")
    # all three at once; then the legend of the one kept (components' lists speakers' colours)
    assert calls == [["argmap", "argmap", "argmap"], ["legend"]]
    calls.clear()
    argmap.render(m, "svg", color_by="kind")  # one legend for all three: drawn beside them
    assert calls == [["argmap", "argmap", "argmap", "legend"]]


def test_twopi_and_the_tree_layout_are_refused_in_plain_words() -> None:
    # Graphviz said 'twopi: use of weight=0 creates disconnected component' (exit 1).
    with pytest.raises(UsageError, match="twopi cannot draw the tree layout"):
        plan(44, "twopi", "tree")
    assert plan(44, "twopi", "flow")[0].engine == "twopi"
