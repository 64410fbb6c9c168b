"""Hardening: malformed and oversized files through the library and the command line, unsafe
links, hostile text in SVG and HTML, killed renders, outputs over inputs, engine failures.

(tests/test_mapfile.py has the loader's messages for most malformed files; here the same files
go through ``argmap.load``, the importers and ``argmap validate``.)
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import signal
import stat
import subprocess
import sys
import time
import tracemalloc
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import MapError, formats
from argmap.engine import run_layout
from argmap.frozen import DATA_DEPTH
from argmap.report import report
from tests.conftest import HANOI, SMALL, dumps, run
from tests.test_fuzz import _parse_html, _plain, _skeleton, assert_safe_svg


def assert_clean_failure(result: Any, message: str) -> None:
    """Exit 1, the message on the output, no traceback."""
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def small_json(**changes: Any) -> str:
    document = copy.deepcopy(SMALL)
    document.update(changes)
    return dumps(document)


# Deeper than any Python's json module parses (3.11 stops near 1,000 levels, 3.13 near
# 100,000); data deeper than DATA_DEPTH but shallow enough for every Python to parse.
DEEP = "[" * 200_000 + "]" * 200_000
DEEPER_THAN_DATA = "[" * (DATA_DEPTH + 1) + "]" * (DATA_DEPTH + 1)
# name -> (file content, message of argmap.load and argmap validate)
MALFORMED: dict[str, tuple[bytes, str]] = {
    "invalid UTF-8": (b'{"title": "caf\xe9"}', "is not valid UTF-8: byte 0xe9 at line 1"),
    "UTF-16": (small_json().encode("utf-16"), "is UTF-16 or UTF-32 encoded; save it as UTF-8"),
    "UTF-16 without BOM": (
        small_json().encode("utf-16-le"),
        "is UTF-16 or UTF-32 encoded; save it as UTF-8",
    ),
    "empty": (b"", "is empty; expected a JSON object"),
    "JSON array": (b"[]", "expected a JSON object (a map), got an array"),
    "200,000 levels deep": (DEEP.encode(), "is nested too deeply to be a map"),
    "200,000 levels deep in data": (
        small_json(data={}).replace('"data": {}', '"data": ' + DEEP).encode(),
        "is nested too deeply to be a map",
    ),
    "101 levels deep in data": (
        small_json(data={})
        .replace('"data": {}', '"data": {"x": ' + DEEPER_THAN_DATA + "}")
        .encode(),
        "data: is nested too deeply (more than 100 levels)",
    ),
    "number for a string": (
        small_json(title=12).encode(),
        "title: expected the map's title, a non-empty string, got the number 12",
    ),
    "duplicate keys": (
        small_json().replace('"title": "Tea or coffee"', '"title": "A", "title": "B"').encode(),
        "title: is given more than once in the same object; keep one",
    ),
    "NaN": (
        small_json(data={"x": 1}).replace('"x": 1', '"x": NaN').encode(),
        "data.x: NaN (not valid JSON) is not allowed",
    ),
    "Infinity": (
        small_json(data={"x": 1}).replace('"x": 1', '"x": -Infinity').encode(),
        "data.x: -Infinity (not valid JSON) is not allowed",
    ),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_files_through_load_and_validate(tmp_path: Path, name: str) -> None:
    content, message = MALFORMED[name]
    path = tmp_path / "map.json"
    path.write_bytes(content)
    with pytest.raises(MapError) as caught:
        argmap.load(path)
    assert caught.value.file == str(path)
    assert any(message in line for line in caught.value.lines()), caught.value.lines()
    assert_clean_failure(run("validate", str(path)), f"{path}: ")
    assert message in run("validate", str(path)).output


def test_refused_characters_in_keys_and_data_are_reported_printably(tmp_path: Path) -> None:
    # Lone surrogates (as JSON escapes) in an unknown key, a data key and a data value: a real
    # process, because printing them as they are to standard output would raise.
    path = tmp_path / "map.json"
    path.write_text(
        small_json(data={"x": 1})
        .replace('"x": 1', '"k\\udc00": ["\\ud800", "\\uffff"]')
        .replace('"title"', '"\\ud800x": 1, "title"'),
        encoding="ascii",
    )
    result = subprocess.run(
        [sys.executable, "-m", "argmap.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTHONIO")},
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{path}: \\ud800x: unknown key (expected one of: argmap, $schema, title, description, "
        "source, speakers, claims, relations, context, data)",
        f"{path}: data.k\\udc00: (the key) contains the character U+DC00, which no output "
        "format can hold; remove it",
        f"{path}: data.k\\udc00[1]: contains the character U+FFFF, which no output format can "
        "hold; remove it",
        f"{path}: data.k\\udc00[0]: contains the character U+D800, which no output format can "
        "hold; remove it",
    ]


def test_utf8_bom_is_accepted_by_load_and_validate(tmp_path: Path) -> None:
    path = tmp_path / "map.json"
    path.write_bytes(b"\xef\xbb\xbf" + small_json().encode())
    assert argmap.load(path).title == "Tea or coffee"
    result = run("validate", str(path))
    assert result.exit_code == 0 and ": valid (2 speakers" in result.output


IMPORTED = {
    "aif": "map.aif.json",
    "argdown": "map.argdown",
    "microtexts": "micro.xml",
}
# The same malformed files in the importers' formats: (content, message).
MALFORMED_IMPORTS: list[tuple[str, bytes, str]] = (
    [(fmt, b"caf\xe9", "is not valid UTF-8: byte 0xe9 at line 1, column 4") for fmt in IMPORTED]
    + [(fmt, "<arggraph/>".encode("utf-16"), "is UTF-16 or UTF-32 encoded") for fmt in IMPORTED]
    + [
        ("aif", b"", "is not valid JSON"),
        ("aif", b"[]", "expected a JSON object (AIF or xAIF)"),
        ("aif", DEEP.encode(), "is not valid JSON"),
        ("aif", b'{"nodes": [{"nodeID": NaN, "type": "I", "text": "x"}], "edges": []}', "nodeID"),
        ("aif", b'{"nodes": [{"nodeID": "1", "type": "I", "text": 5}], "edges": []}', "text"),
        ("argdown", b"===\n" + DEEP.encode() + b"\n===\n[a]: A\n", "nested too deeply"),
        ("argdown", b"===\n" + b'{"d": ' * 5000 + b"1" + b"}" * 5000 + b"\n===\n", "too deeply"),
        ("microtexts", b"", "is not well-formed XML"),
        ("microtexts", b"<arggraph>" + b"<x>" * 10_000 + b"</x>" * 10_000, "not well-formed"),
        (  # 10,000 elements not of the format, counted; and nothing to map: refused
            "microtexts",
            b"<arggraph>" + b"<x>" * 10_000 + b"</x>" * 10_000 + b"</arggraph>",
            "has no <edu> and no <adu>: an empty microtext is no map",
        ),
        (
            "microtexts",
            b"<?xml version='1.0' encoding='nope'?><arggraph/>",
            "has no <edu> and no <adu>",
        ),
    ]
)


@pytest.mark.parametrize(("fmt", "content", "message"), MALFORMED_IMPORTS)
def test_malformed_imports_through_read_and_validate(
    tmp_path: Path, fmt: str, content: bytes, message: str
) -> None:
    path = tmp_path / IMPORTED[fmt]
    path.write_bytes(content)
    try:
        formats.read(path)
    except MapError as error:
        assert error.file == str(path)
        assert message in str(error), str(error)
        assert_clean_failure(run("validate", str(path)), message)
    else:
        # Read with warnings at most; then it must say so and validate must pass.
        result = run("validate", str(path))
        assert result.exit_code == 0 and message in result.output, result.output


def test_an_encoding_an_xml_file_declares_does_not_decode_it_again(tmp_path: Path) -> None:
    text = (
        "<?xml version='1.0' encoding='iso-8859-1'?><arggraph id='x'>"
        "<edu id='e1'>Caf\u00e9 \u201cs\u00fc\u00df\u201d</edu><adu id='a1' type='pro'/>"
        "<edge id='c1' src='e1' trg='a1' type='seg'/></arggraph>"
    )
    for declared in ("iso-8859-1", "no-such-encoding"):
        m = formats.microtexts.loads(text.replace("iso-8859-1", declared))
        assert [c.text for c in m.claims] == ["Caf\u00e9 \u201cs\u00fc\u00df\u201d"]


def test_the_deepest_data_the_loader_accepts_converts_to_every_format(tmp_path: Path) -> None:
    # The limit was Python's: 3.12 loaded data that the formats' writers could not write
    # (RecursionError), 3.13 had none. Now DATA_DEPTH levels load and convert everywhere.
    path = tmp_path / "map.json"
    deepest = "[" * (DATA_DEPTH - 1) + "]" * (DATA_DEPTH - 1)  # in data's own object
    path.write_text(small_json(data={"x": 1}).replace('"x": 1', '"x": ' + deepest))
    argmap.load(path)
    for name in ("out.argdown", "out.aif.json", "out.xaif.json", "out.graphml", "out.gexf"):
        result = run("convert", str(path), str(tmp_path / name))
        assert result.exit_code == 0, result.output
        if name.endswith(("argdown", "json")):
            result = run("validate", str(tmp_path / name))
            assert result.exit_code == 0, result.output
    path.write_text(small_json(data={"x": 1}).replace('"x": 1', '"x": [' + deepest + "]"))
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "data: is nested too deeply (more than 100 levels)" in result.output


# --- too large ------------------------------------------------------------------------------

LARGE = 200 * 1024 * 1024


@pytest.fixture
def large_files(tmp_path: Path) -> list[Path]:
    """A 200 MB map and import of each format, sparse: they take no disk space."""
    paths = [tmp_path / "huge.json", *(tmp_path / f"huge-{name}" for name in IMPORTED.values())]
    for path in paths:
        subprocess.run(["truncate", "-s", str(LARGE), str(path)], check=True)
        assert path.stat().st_size == LARGE
    return paths


def test_a_200_mb_file_is_refused_before_it_is_read(large_files: list[Path]) -> None:
    for path in large_files:
        tracemalloc.start()
        with pytest.raises(MapError) as caught:
            formats.read(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert "limit of 67,108,864" in str(caught.value)
        assert peak < 1_000_000, peak  # not the 200 MB file, nor its first 64 MiB
    tracemalloc.start()
    with pytest.raises(MapError, match="more than the limit of 67,108,864"):
        argmap.load(large_files[0])
    assert tracemalloc.get_traced_memory()[1] < 1_000_000
    tracemalloc.stop()


def test_a_200_mb_file_through_the_command_line(large_files: list[Path], tmp_path: Path) -> None:
    for path in large_files:
        for command in (
            ["validate", str(path)],
            ["render", str(path), "-o", str(tmp_path / "out.svg")],
            ["report", str(path), "-o", str(tmp_path / "out.html")],
            ["convert", str(path), str(tmp_path / "out.gexf")],
        ):
            tracemalloc.start()
            result = run(*command)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert_clean_failure(result, "limit of 67,108,864")
            assert peak < 5_000_000, (command, peak)
    result = run("validate", str(large_files[0]), env={"ARGMAP_MAX_BYTES": str(LARGE - 1)})
    assert_clean_failure(result, "limit of 209,715,199")
    assert not (tmp_path / "out.svg").exists() and not (tmp_path / "out.gexf").exists()


# --- links ----------------------------------------------------------------------------------

UNSAFE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript:alert(1) ",
    "\u00a0javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/",
    "https://exa mple.org/",
]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_links_are_refused_with_their_path(url: str) -> None:
    document = copy.deepcopy(SMALL)
    document["source"] = {"title": "S", "url": url}
    document["speakers"][1]["url"] = url
    with pytest.raises(MapError) as caught:
        argmap.loads(json.dumps(document))
    assert [p.path for p in caught.value.problems] == ["source.url", "speakers[1].url"]


@pytest.mark.parametrize("url", ["https://example.org/a?b=1&c=2", "HTTP://EXAMPLE.ORG", "p/a.html"])
def test_safe_links_are_accepted(url: str) -> None:
    document = copy.deepcopy(SMALL)
    document["speakers"][1]["url"] = url
    assert argmap.loads(json.dumps(document)).speakers[1].url == url


# --- SVG and HTML from an untrusted map -------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
    "</textarea></style></script><!--",
    "]]><![CDATA[",
    "&lt;script&gt;",
    "argmaptooltip0",
    "{{constructor.constructor('alert(1)')()}}",
]


def untrusted_map(payload: str) -> argmap.ArgumentMap:
    """SMALL with ``payload`` in every text field the format has."""
    document: dict[str, Any] = copy.deepcopy(SMALL)

    def text(field: str) -> str:
        return f"{field} {payload}"

    document |= {"title": text("title"), "description": text("description")}
    document["source"] = {field: text(field) for field in ("title", "publisher", "note")} | {
        "url": "https://example.org/?q=<x>"
    }
    for speaker in document["speakers"]:
        for field in ("name", "role", "affiliation", "participation"):
            speaker[field] = text(field)
    for claim in document["claims"]:
        claim |= {"text": text("text"), "quote": text("quote")}
    document["claims"][2]["outcome"] = {"status": "true", "note": text("n"), "source": text("s")}
    for relation in document["relations"]:
        relation |= {"quote": text("quote"), "note": text("note")}
    document["context"] = [{"id": "x", "text": text("text"), "quote": text("q"), "note": "n"}]
    return argmap.loads(json.dumps(document))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_svg_from_an_untrusted_map_is_inert(payload: str) -> None:
    m = untrusted_map(payload)
    for view in ("claims", "speakers"):
        svg = argmap.render(m, "svg", view=view).data
        root = ET.fromstring(svg)
        assert_safe_svg(root)
        assert b"<script" not in svg.lower() and b"<img" not in svg.lower()
        titles = [a.get("{http://www.w3.org/1999/xlink}title") for a in root.iter()]
        assert sum(payload in (t or "") for t in titles) >= 1


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_report_from_an_untrusted_map_is_inert(payload: str) -> None:
    m = untrusted_map(payload)
    page = _parse_html(report(m))
    assert _skeleton(page) == _skeleton(_parse_html(report(_plain(m))))
    assert len(page.scripts) == 2
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert not (attrs.get("href") or "#").lower().startswith(("javascript", "data"))
    [a1] = [text for _, row, text in page.cells if row.get("data-claim") == "a1"][:1]
    assert a1.startswith("text " + payload) and "quote " + payload in a1


def test_dot_output_keeps_a_tooltip_that_looks_like_html_quoted(tmp_path: Path) -> None:
    # Left bare, "<x> URL=... <y>" would be read as an HTML string and two more attributes.
    quote = '<x> URL="javascript:alert(1)" target=<y>'
    document = copy.deepcopy(SMALL)
    document["title"] = quote
    document["claims"][0]["quote"] = quote
    document["relations"][0]["note"] = quote
    path = tmp_path / "map.json"
    path.write_text(dumps(document), encoding="utf-8")
    result = run("render", str(path), "-f", "dot", "-o", "-")
    assert result.exit_code == 0
    svg = run_layout(result.stdout, "svg")  # what a user's own Graphviz makes of it
    root = ET.fromstring(svg)
    assert_safe_svg(root)
    titles = [a.get("{http://www.w3.org/1999/xlink}title") for a in root.iter()]
    assert titles.count(quote) == 2  # the map's and the claim's tooltip


# --- files ----------------------------------------------------------------------------------


def fake_engine(folder: Path, script: str) -> Path:
    path = folder / "fake-dot"
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "map.json"
    path.write_text(small_json(), encoding="utf-8")
    return path


def test_a_killed_render_leaves_the_previous_output(tmp_path: Path, map_file: Path) -> None:
    output = tmp_path / "out.svg"
    output.write_bytes(b"<svg>yesterday's good picture</svg>\n")
    # The layouts compared run side by side, so each engine records its own pid, in a
    # folder of its own: the parent-death signal may stop a second one between its two
    # steps (a CI run found its `.tmp` beside the output).
    engines = tmp_path / "engines"
    engines.mkdir()
    engine = fake_engine(
        tmp_path,
        f"echo $$ > {engines}/$$.tmp && mv {engines}/$$.tmp {engines}/$$.pid\nexec sleep 30",
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "argmap.cli",
            "render",
            str(map_file),
            "-o",
            str(output),
            "--graphviz",
            str(engine),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not any(engines.glob("*.pid")):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)  # argmap itself, while the engine runs
        assert process.wait(10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for pid in engines.glob("*.pid"):  # engines orphaned where no parent-death signal
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid.stem), signal.SIGKILL)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert output.read_bytes() == b"<svg>yesterday's good picture</svg>\n"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["engines", "fake-dot", "map.json", "out.svg"]


def _same_file_spellings(map_file: Path) -> list[str]:
    folder = map_file.parent
    (folder / "x").mkdir(exist_ok=True)
    link = folder / "link.json"
    if not link.exists():
        link.symlink_to(map_file)
    return [
        str(map_file),
        str(link),
        str(folder / "x" / ".." / map_file.name),
        os.path.relpath(map_file),
        "./" + os.path.relpath(folder / "x" / ".." / map_file.name),
    ]


@pytest.mark.parametrize("command", ["render", "report", "convert"])
def test_output_over_the_input_is_refused(map_file: Path, command: str) -> None:
    before = map_file.read_bytes()
    for target in _same_file_spellings(map_file):
        if command == "convert":
            result = run("convert", str(map_file), target, "--to", "argmap")
        else:
            result = run(
                command, str(map_file), "-o", target, *(["-f", "svg"] * (command == "render"))
            )
        assert_clean_failure(result, "itself")
        assert map_file.read_bytes() == before
    assert sorted(p.name for p in map_file.parent.iterdir()) == ["link.json", "map.json", "x"]


@pytest.mark.parametrize(
    ("command", "name"),
    [("render", "m.svg"), ("render", "m.dot"), ("report", "r.html"), ("convert", "m.gexf")],
)
def test_output_into_a_missing_folder_creates_nothing(
    map_file: Path, command: str, name: str
) -> None:
    target = map_file.parent / "missing" / "deeper" / name
    args = (
        [str(map_file), str(target)] if command == "convert" else [str(map_file), "-o", str(target)]
    )
    assert_clean_failure(run(command, *args), "does not exist")
    assert not (map_file.parent / "missing").exists()


# --- engine failures through the command line --------------------------------------------------


@pytest.mark.parametrize("command", ["render", "report"])
def test_engine_failures_exit_1_with_a_message(
    tmp_path: Path, map_file: Path, command: str
) -> None:
    output = tmp_path / ("out.svg" if command == "render" else "out.html")
    not_a_program = tmp_path / "not-a-program"
    not_a_program.write_bytes(b"\x00\x01\x02")
    not_a_program.chmod(0o755)
    cases = [
        (str(tmp_path / "no-such-dot"), "was not found"),
        (str(fake_engine(tmp_path, "kill -SEGV $$")), "killed by signal 11"),
        (str(not_a_program), "could not be started"),
    ]
    for engine, message in cases:
        result = run(command, str(map_file), "-o", str(output), "--graphviz", engine)
        assert_clean_failure(result, message)
        assert not output.exists()


def test_engine_timeout_exits_1_with_a_message(tmp_path: Path, map_file: Path) -> None:
    engine = fake_engine(tmp_path, "exec sleep 30")
    started = time.monotonic()
    result = run(
        "render",
        str(map_file),
        "-o",
        str(tmp_path / "o.svg"),
        "--graphviz",
        str(engine),
        "--timeout",
        "0.5",
    )
    assert_clean_failure(result, "did not finish within 0.5 s; raise --timeout")
    assert time.monotonic() - started < 10
    assert not (tmp_path / "o.svg").exists()


@pytest.mark.parametrize(
    ("layout", "advised"),
    [("components", "(--layout blocks)"), ("flow", "(--layout components, --layout blocks)")],
)
def test_a_timeout_advises_only_faster_layouts(
    tmp_path: Path, map_file: Path, layout: str, advised: str
) -> None:
    engine = fake_engine(tmp_path, "exec sleep 30")
    result = run(
        "render", str(map_file), "-o", str(tmp_path / "o.svg"), "--layout", layout,
        "--graphviz", str(engine), "--timeout", "0.5",
    )  # fmt: skip
    assert_clean_failure(result, f"try a faster layout {advised}, or draw less")
    result = run(
        "render", str(map_file), "-o", str(tmp_path / "o.svg"), "--layout", "blocks",
        "--graphviz", str(engine), "--timeout", "0.5",
    )  # fmt: skip
    assert_clean_failure(result, "raise --timeout, or draw less")  # nothing faster


@pytest.mark.parametrize(
    "arguments",
    [
        ["info", "MAP"],
        ["validate", "MAP"],
        ["schema"],
        ["render", "MAP", "-f", "dot", "-o", "-"],
        ["convert", "MAP", "-", "--to", "aif"],
    ],
)
def test_a_full_disk_behind_standard_output_is_an_error_not_a_traceback(
    arguments: list[str],
) -> None:
    # A traceback for every command; `-o -` into a full disk wrote part and exited 0.
    arguments = [str(HANOI) if a == "MAP" else a for a in arguments]
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "argmap.cli", *arguments],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 1
    assert "argmap: error: standard output: No space left on device" in result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


def test_writing_to_dev_stdout_appended_by_the_shell_keeps_what_the_file_held(
    tmp_path: Path,
) -> None:
    # `argmap render ... -o /dev/stdout >> log` emptied the log first.
    log = tmp_path / "log.txt"
    log.write_text("kept line\n", encoding="utf-8")
    with open(log, "ab") as appended:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "argmap.cli",
                "render",
                str(HANOI),
                "-o",
                "/dev/stdout",
                "-f",
                "dot",
            ],
            stdout=appended,
            stderr=subprocess.DEVNULL,
            check=True,
        )
    text = log.read_text(encoding="utf-8")
    assert text.startswith("kept line\ndigraph argmap {") and text.rstrip().endswith("}")
