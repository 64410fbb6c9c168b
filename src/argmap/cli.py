"""The ``argmap`` command: a thin shell over the library.

Exit codes: 0 success, 1 a map, input or output problem or a failed layout, 2 a usage error.
Heavy modules (networkx, graphviz) load only inside the commands that need them, so that
``argmap --help`` and ``argmap validate`` start fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from argmap import __version__
from argmap.mapfile import DEFAULT_MAX_BYTES, MapError, load, schema
from argmap.model import ArgumentMap

_SUFFIX_FORMATS = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot"}
_THEMES = ("light", "dark", "print")  # argmap.theme.THEMES, listed here to keep --help light
_ENGINES = ("dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork")

_max_bytes = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    envvar="ARGMAP_MAX_BYTES",
    help="Refuse map files larger than this (env ARGMAP_MAX_BYTES).",
)


def _fail(message: str) -> NoReturn:
    click.echo(f"argmap: error: {message}", err=True)
    sys.exit(1)


def _read_source_text(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        _fail(f"{path}: the source text cannot be read: {error}")


def _load(path: str, max_bytes: int, source_text: str | None = None) -> ArgumentMap:
    text = _read_source_text(source_text)
    try:
        return load(path, source_text=text, max_bytes=max_bytes)
    except MapError as error:
        for line in error.lines():
            click.echo(line, err=True)
        sys.exit(1)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="""\b
Examples:
  argmap render maps/hanoi_2019.json            writes maps/hanoi_2019.svg
  argmap render maps/hanoi_2019.json -o map.png
  argmap render maps/hanoi_2019.json -f dot -o -
  argmap validate maps/*.json
  argmap schema > argmap.schema.json
""",
)
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """Validate, analyse and draw argument maps of debates."""


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Where to write (default: MAP's name with the format's suffix, beside MAP; - for "
    "standard output). The format follows its suffix unless -f is given.",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["svg", "png", "dot"]), help="Output format."
)
@click.option(
    "--engine",
    type=click.Choice(_ENGINES),
    default="dot",
    show_default=True,
    help="Graphviz layout engine.",
)
@click.option(
    "--graphviz",
    default="bundled",
    show_default=True,
    envvar="ARGMAP_GRAPHVIZ",
    help="Graphviz executable: 'bundled' (graphviz-pure, installed with argmap), 'system' "
    "(dot on PATH) or a path (env ARGMAP_GRAPHVIZ).",
)
@click.option("--theme", type=click.Choice(_THEMES), default="light", show_default=True)
@click.option(
    "--rankdir",
    type=click.Choice(["TB", "LR", "BT", "RL"]),
    default="TB",
    show_default=True,
    help="Direction of the layout.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=120.0,
    show_default=True,
    help="Seconds the layout may take before it is stopped.",
)
@click.option(
    "--source-text",
    type=click.Path(dir_okay=False),
    help="Check quotes against this source text instead of the one the map names.",
)
@_max_bytes
def render(
    map_file: str,
    output: str | None,
    fmt: str | None,
    engine: str,
    graphviz: str,
    theme: str,
    rankdir: str,
    timeout: float,
    source_text: str | None,
    max_bytes: int,
) -> None:
    """Draw MAP: one box per claim, grouped by speaker, relations as styled arrows.

    Writes the picture atomically: if anything fails, an earlier output stays as it was.
    """
    if fmt is None:
        suffix = Path(output).suffix.lower() if output and output != "-" else ".svg"
        if suffix not in _SUFFIX_FORMATS:
            _fail(f"cannot tell the format from {output!r}; give -f svg, png or dot")
        fmt = _SUFFIX_FORMATS[suffix]
    target = output or str(Path(map_file).with_suffix(f".{fmt}"))
    argument_map = _load(map_file, max_bytes, source_text)

    from argmap.engine import EngineError
    from argmap.files import OutputError, same_file
    from argmap.rendering import render as render_map

    if target != "-" and same_file(target, map_file):
        _fail(f"{target} is the map itself; choose another output with -o")
    try:
        picture = render_map(
            argument_map,
            fmt,
            theme=theme,
            rankdir=rankdir,
            engine=engine,
            graphviz=graphviz,
            timeout=timeout,
        )
    except EngineError as error:
        _fail(str(error))
    if target == "-":
        sys.stdout.buffer.write(picture.data)
        sys.stdout.buffer.flush()
        return
    try:
        picture.save(target)
    except OutputError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{target}: cannot be written: {error.strerror}")
    click.echo(target)


@main.command()
@click.argument("map_files", metavar="MAP...", nargs=-1, required=True, type=click.Path())
@click.option(
    "--source-text",
    type=click.Path(dir_okay=False),
    help="Check quotes against this source text instead of the one each map names.",
)
@_max_bytes
def validate(map_files: tuple[str, ...], source_text: str | None, max_bytes: int) -> None:
    """Check maps; print every problem as FILE: PATH: message.

    Exits 0 when every map is valid, 1 otherwise.
    """
    text = _read_source_text(source_text)
    failed = False
    for map_file in map_files:
        try:
            m = load(map_file, source_text=text, max_bytes=max_bytes)
        except MapError as error:
            failed = True
            for line in error.lines():
                click.echo(line)
            continue
        click.echo(
            f"{map_file}: valid ({len(m.speakers)} speakers, {len(m.claims)} claims, "
            f"{len(m.relations)} relations)"
        )
    sys.exit(1 if failed else 0)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the map format (for editors and other tools)."""
    click.echo(json.dumps(schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
