"""``argmap info``: the human summary and its JSON twin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from argmap.cli import main
from tests.conftest import HANOI, dumps
from tests.conftest import run as run_cli


def run(*args: str) -> Result:
    # Rich wraps at 80 columns when not on a terminal unless COLUMNS says otherwise.
    return run_cli(*args, env={"COLUMNS": "200"})


def test_info_shows_every_section_of_the_hanoi_map() -> None:
    result = run("info", str(HANOI))
    assert result.exit_code == 0, result.output
    out = result.output
    for section in (
        "Trump-Kim Summit in Hanoi: From Hate to Love to Hate",
        "Source: Trump-Kim Summit in Hanoi: From Hate to Love to Hate, Valdai Discussion Club, 2019-02-27",
        "Claims: 44 (24 assessment, 10 prediction, 4 proposal, 2 condition, 4 report)",
        "Standing (grounded): 44 in, 0 out, 0 undecided",
        "Speakers",
        "Relations",
        "Agreement",
        "Camps",
        "Most contested claims",
        "Most supported claims",
        "Central claims",
        "Forecast record",
    ):
        assert section in out, section
    assert "\x1b[" not in out  # no colour codes when not on a terminal
    rows = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") > 2}
    assert rows["Andrei Lankov"].replace(" ", "") == "│AndreiLankov│1│3│0│2│0│6│"
    # The agreement table lists the strongest pairs first; all three fit under --top.
    assert agreement_rows(out) == [
        "│asmolov│sagitov│1│2│0│0│0│3│",
        "│lankov│asmolov│3│0│0│0│0│3│",
        "│asmolov│lankov│1│0│0│0│0│1│",
    ]
    assert "strongest of" not in out
    assert "Konstantin Asmolov, Andrei Lankov, Igor Sagitov" in out
    assert "out:" not in out


def agreement_rows(out: str) -> list[str]:
    """The rows of the agreement table in ``argmap info``'s output, without spaces."""
    table = out[out.index("Agreement (") : out.index("Camps")]
    return [line.replace(" ", "") for line in table.splitlines() if line.count("│") > 2]


def many_pairs() -> dict[str, Any]:
    """Six speakers, a claim each, and every claim attacking or supporting every other one
    claim of another speaker some times: 30 ordered pairs of speakers of differing strength."""
    speakers = [{"id": f"s{i}", "name": f"Speaker {i}"} for i in range(6)]
    claims = [{"id": f"c{i}", "speaker": f"s{i}", "text": f"C{i}."} for i in range(6)]
    relations = []
    for i in range(6):
        for j in range(6):
            if i != j:
                kind = "supports" if (i + j) % 2 else "attacks"
                relations += [{"from": f"c{i}", "to": f"c{j}", "type": kind}] * (1 + (i * j) % 4)
    return {
        "argmap": "1",
        "title": "Many",
        "speakers": speakers,
        "claims": claims,
        "relations": relations,
    }


def test_info_lists_the_strongest_pairs_and_says_how_to_see_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(dumps(many_pairs()), encoding="utf-8")
    capped = run("info", "--top", "3", str(path))
    assert capped.exit_code == 0, capped.output
    rows = agreement_rows(capped.output)
    assert len(rows) == 3
    assert [abs(int(row.split("│")[-2])) for row in rows] == [4, 4, 4]
    assert "the 3 strongest of 30 pairs: --all-pairs lists them all" in capped.output
    every = run("info", "--top", "3", "--all-pairs", str(path)).output
    nets = [abs(int(row.split("│")[-2])) for row in agreement_rows(every)]
    assert len(nets) == 30 and nets == sorted(nets, reverse=True)
    assert agreement_rows(every)[:3] == rows
    assert "strongest of" not in every
    # --json carries every pair, in (source, target) order, whatever --top says.
    data = json.loads(run("info", "--json", "--top", "3", str(path)).output)
    pairs = [(a["source"], a["target"]) for a in data["agreement"]]
    assert len(pairs) == 30 and pairs == sorted(pairs)


def test_info_json_has_the_same_numbers() -> None:
    result = run("info", "--json", str(HANOI))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["claims"] == 44
    assert data["relations"]["supports"] == 24
    assert data["standing"]["counts"] == {"in": 44, "out": 0, "undec": 0}
    assert data["camps"] == [["asmolov", "lankov", "sagitov"], ["timofeev"], ["toloraya"]]
    assert data["most_contested"] == []
    assert data["forecast_record"][2] == {
        "speaker": "lankov",
        "true": 1,
        "false": 3,
        "partly": 0,
        "open": 2,
        "unrecorded": 0,
        "total": 6,
    }
    assert data["agreement"][1] == {
        "source": "asmolov",
        "target": "sagitov",
        "agrees": 1,
        "supports": 2,
        "disagrees": 0,
        "attacks": 0,
        "undercuts": 0,
        "net": 3,
    }


def test_info_top_limits_the_lists() -> None:
    data = json.loads(run("info", "--json", "--top", "2", str(HANOI)).output)
    assert len(data["most_supported"]) == len(data["central"]) == 2
    assert run("info", "--top", "0", str(HANOI)).exit_code == 2


def test_info_on_an_empty_map(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text(dumps({"argmap": "1", "title": "Nothing [yet]", "speakers": [], "claims": []}))
    result = run("info", str(path))
    assert result.exit_code == 0, result.output
    assert "Nothing [yet]" in result.output  # square brackets are text, not markup
    assert "Source: not given" in result.output
    assert "Camps: none" in result.output
    assert "Forecast record (predictions by outcome): none" in result.output


def test_info_reports_an_invalid_map(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"argmap": "1"}')
    result = CliRunner().invoke(main, ["info", str(path)])
    assert result.exit_code == 1
    assert "title" in result.output


def test_help_does_not_load_the_analysis_stack() -> None:
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "try:\n"
        "    main(['info', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('networkx', 'rich', 'argmap.analysis') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().endswith("[]"), result.stdout + result.stderr


def test_info_into_a_pipe_cuts_no_id_or_heading(tmp_path: Path, small: dict[str, Any]) -> None:
    # No COLUMNS: what a user piping `argmap info` into a file or `less` gets.
    long_id = "a-claim-id-long-enough-to-be-cut-at-eighty-columns"
    small["claims"][0]["id"] = long_id
    small["relations"][0]["to"] = small["relations"][1]["to"] = long_id
    path = tmp_path / "long.json"
    path.write_text(dumps(small), encoding="utf-8")
    result = run_cli("info", str(path))
    assert result.exit_code == 0, result.output
    assert long_id in result.output
    assert "undercuts" in result.output and "…" not in result.output


def test_stated_only_counts_the_links_the_source_states() -> None:
    plain = json.loads(run("info", "--json", str(HANOI)).output)
    stated = json.loads(run("info", "--json", "--stated-only", str(HANOI)).output)
    document = json.loads(HANOI.read_text(encoding="utf-8"))
    inferred = [r for r in document["relations"] if r.get("data", {}).get("basis") == "inferred"]
    assert plain["inferred_left_out"] is None
    assert stated["inferred_left_out"] == len(inferred) > 0
    assert sum(stated["relations"].values()) == len(document["relations"]) - len(inferred)
    # The text's own links already put Lankov with Asmolov and Sagitov (issue #17).
    assert ["asmolov", "lankov", "sagitov"] in [sorted(c) for c in stated["camps"]]
    human = run("info", "--stated-only", str(HANOI)).output
    assert f"Stated links only: {len(inferred)} inferred relations left out" in human
