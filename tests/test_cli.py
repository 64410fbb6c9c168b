"""The command line, through click's test runner (and a real process where imports matter)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from argmap import __version__
from argmap.cli import main
from tests.conftest import DATA, HANOI, dumps, run


def test_render_writes_svg_beside_the_map(map_file: Path) -> None:
    result = run("render", str(map_file))
    assert result.exit_code == 0, result.output
    target = map_file.with_suffix(".svg")
    assert result.output.strip() == str(target)
    assert target.read_bytes().startswith(b"<?xml")


def test_format_follows_output_suffix(map_file: Path, tmp_path: Path) -> None:
    assert run("render", str(map_file), "-o", str(tmp_path / "m.png")).exit_code == 0
    assert (tmp_path / "m.png").read_bytes().startswith(b"\x89PNG")
    assert run("render", str(map_file), "-o", str(tmp_path / "m.gv")).exit_code == 0
    assert (tmp_path / "m.gv").read_text(encoding="utf-8").startswith("digraph argmap {")
    result = run("render", str(map_file), "-o", str(tmp_path / "m.bmp"))
    assert result.exit_code == 2  # a usage error
    assert "cannot tell the format from" in result.output


def test_dash_writes_to_stdout(map_file: Path) -> None:
    result = run("render", str(map_file), "-f", "dot", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("digraph argmap {")


def test_never_overwrites_the_map(map_file: Path, tmp_path: Path) -> None:
    before = map_file.read_bytes()
    link = tmp_path / "link.svg"
    link.symlink_to(map_file)
    for target in (str(map_file), str(tmp_path / "." / "debate.json"), str(link)):
        result = run("render", str(map_file), "-o", target, "-f", "svg")
        assert result.exit_code == 1
        assert "is the map itself" in result.output
    assert map_file.read_bytes() == before


def test_missing_output_folder(map_file: Path, tmp_path: Path) -> None:
    result = run("render", str(map_file), "-o", str(tmp_path / "nope" / "m.svg"))
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_failed_render_keeps_the_previous_output(map_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.svg"
    target.write_bytes(b"yesterday's good picture")
    broken = tmp_path / "broken-dot"
    broken.write_text("#!/bin/sh\necho boom >&2\nexit 1\n", encoding="utf-8")
    broken.chmod(0o755)
    result = run("render", str(map_file), "-o", str(target), "--graphviz", str(broken))
    assert result.exit_code == 1
    assert "exited with status 1: boom" in result.output
    assert target.read_bytes() == b"yesterday's good picture"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_graphviz_choice_from_environment(map_file: Path, tmp_path: Path) -> None:
    result = CliRunner(env={"ARGMAP_GRAPHVIZ": str(tmp_path / "absent")}).invoke(
        main, ["render", str(map_file)]
    )
    assert result.exit_code == 1
    assert "was not found" in result.output


def test_bad_map_gives_paths_and_no_traceback(map_file: Path, small: dict[str, Any]) -> None:
    small["claims"][0]["speaker"] = "zed"
    map_file.write_text(dumps(small), encoding="utf-8")
    for command in ("render", "validate"):
        result = run(command, str(map_file))
        assert result.exit_code == 1
        assert (
            f"{map_file}: claims[0] (a1).speaker: 'zed' is not defined in this map" in result.output
        )
        assert "Traceback" not in result.output


def test_missing_file(tmp_path: Path) -> None:
    result = run("render", str(tmp_path / "absent.json"))
    assert result.exit_code == 1
    assert "absent.json: no such file" in result.output


def test_validate_several(map_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    result = run("validate", str(map_file), str(bad))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{map_file}: valid (2 speakers, 3 claims, 3 relations)",
        f"{bad}: expected a JSON object (a map), got an array",
    ]
    assert run("validate", str(map_file)).exit_code == 0


def test_validate_against_a_given_source_text(map_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("nothing relevant", encoding="utf-8")
    assert run("validate", str(map_file), "--source-text", str(source)).exit_code == 0
    text = map_file.read_text(encoding="utf-8").replace(
        '"text": "Tea is better."', '"text": "Tea is better.", "quote": "Tea is better"'
    )
    map_file.write_text(text, encoding="utf-8")
    result = run("validate", str(map_file), "--source-text", str(source))
    assert result.exit_code == 1
    assert "claims[0].quote: not found in the source text" in result.output


def test_max_bytes(map_file: Path) -> None:
    result = CliRunner(env={"ARGMAP_MAX_BYTES": "10"}).invoke(main, ["validate", str(map_file)])
    assert result.exit_code == 1
    assert "more than the limit of 10" in result.output


def test_schema_version_and_help() -> None:
    assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in run("schema").output
    assert run("--version").output.strip() == f"argmap, version {__version__}"
    result = run("--help")
    assert "argmap render maps/hanoi_2019.json" in result.output


def test_help_and_validate_do_not_import_the_rendering_stack() -> None:
    code = (
        "import sys; from argmap.cli import main\n"
        "try:\n    main(['validate', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('networkx', 'graphviz', 'argmap.rendering') if m in sys.modules]\n"
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(HANOI)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_render_hanoi_like_a_new_user(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    shutil.copytree(HANOI.parent, maps)
    result = run("render", str(maps / "hanoi_2019.json"))
    assert result.exit_code == 0, result.output
    assert (maps / "hanoi_2019.svg").stat().st_size > 10_000


def test_validate_names_the_file_for_every_error(tmp_path: Path) -> None:
    graphml = tmp_path / "x.graphml"
    graphml.write_text("<graphml/>", encoding="utf-8")
    result = run("validate", str(graphml))
    assert result.exit_code != 0
    assert result.output.startswith(f"{graphml}: ")


def test_validate_shows_terminal_controls_escaped(tmp_path: Path) -> None:
    # File names and JSON keys are the user's: a terminal must not act on them.
    bad = tmp_path / "evil\x1b[31m\u202e.json"
    bad.write_text('{"argmap": "1", "title": "T", "\u009b2J": 1}', encoding="utf-8")
    good = tmp_path / "fine\u202e.json"
    good.write_text('{"argmap": "1", "title": "T", "speakers": [], "claims": []}', "utf-8")
    result = run("validate", str(bad), str(good))
    assert result.exit_code == 1
    assert not any(c in result.output for c in "\x1b\u202e\u009b")
    assert "evil\\u001b[31m\\u202e.json: \\u009b2J: unknown key" in result.output
    assert "fine\\u202e.json: valid (0 speakers, 0 claims, 0 relations)" in result.output


def test_info_keeps_emoji_codes_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(
        dumps(
            {
                "argmap": "1",
                "title": "Vote :thumbs_up: or :x:",
                "speakers": [{"id": "a", "name": "A :smile:"}],
                "claims": [{"id": "c", "speaker": "a", "text": "x"}],
            }
        ),
        encoding="utf-8",
    )
    result = run("info", str(path))
    assert result.exit_code == 0
    assert "Vote :thumbs_up: or :x:" in result.output and "A :smile:" in result.output
    assert not any(c in result.output for c in "\U0001f44d\u274c\U0001f604")


def test_binary_output_is_not_written_to_a_terminal(tmp_path: Path, small: dict[str, Any]) -> None:
    import pty

    path = tmp_path / "m.json"
    path.write_text(dumps(small), encoding="utf-8")
    command = [sys.executable, "-m", "argmap.cli", "render", str(path), "-o", "-"]
    leader, follower = pty.openpty()
    try:
        to_terminal = [
            subprocess.run([*command, "-f", fmt], stdout=follower, stderr=subprocess.PIPE)
            for fmt in ("png", "dot")
        ]
    finally:
        os.close(follower)
        os.close(leader)
    assert to_terminal[0].returncode == 2
    assert b"standard output is a terminal" in to_terminal[0].stderr
    assert to_terminal[1].returncode == 0  # text may go to a terminal
    piped = subprocess.run([*command, "-f", "png"], capture_output=True)
    assert piped.returncode == 0 and piped.stdout.startswith(b"\x89PNG")


def test_a_device_gets_the_output_alone(tmp_path: Path) -> None:
    # -o /dev/stdout: SVG as for -o -, and the path argmap prints after writing a file must
    # not land in the picture (it overwrote its first bytes).
    for command in (["render", str(HANOI), "-o", "/dev/stdout"], ["report", str(HANOI)]):
        if command[0] == "report":
            command += ["-o", "/dev/stdout"]
        done = subprocess.run(
            [sys.executable, "-m", "argmap.cli", *command], capture_output=True, check=True
        )
        assert done.stdout.startswith((b"<?xml", b"<!DOCTYPE html>")), done.stdout[:40]
        assert b"/dev/stdout" not in done.stdout[-200:] and done.stderr == b""
    assert run("render", str(HANOI), "-o", "/dev/null").output == ""


def test_every_reading_command_takes_the_maps_format(tmp_path: Path) -> None:
    # An Argdown file not named .argdown shows no format of its own: the error's advice,
    # --from, must exist on every command that reads a map, not only on convert.
    text = tmp_path / "intro.txt"
    shutil.copy(DATA / "argdown" / "intro.argdown", text)
    refused = run("validate", str(text))
    assert refused.exit_code == 1 and "give the format (--from)" in refused.output
    assert run("validate", "--from", "argdown", str(text)).exit_code == 0
    assert run("info", "--from", "argdown", "--json", str(text)).exit_code == 0
    for command, output in (("render", "i.svg"), ("report", "i.html")):
        result = run(command, "--from", "argdown", str(text), "-o", str(tmp_path / output))
        assert result.exit_code == 0, result.output
        assert (tmp_path / output).read_bytes()
    shutil.copy(text, tmp_path / "again.txt")
    batch = run("render", "--from", "argdown", str(text), str(tmp_path / "again.txt"), "-j", "1")
    assert batch.exit_code == 0 and "rendered 2 of 2 maps" in batch.output
    assert (tmp_path / "again.svg").exists()
