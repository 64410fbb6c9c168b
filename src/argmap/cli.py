"""The ``argmap`` command: a thin shell over the library.

Exit codes: 0 success, 1 a map, input or output problem or a failed layout, 2 a usage error.
Heavy modules (networkx, graphviz) load only inside the commands that need them, so that
``argmap --help`` and ``argmap validate`` start fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from argmap import __version__
from argmap.layout import ARRANGEMENTS
from argmap.mapfile import DEFAULT_MAX_BYTES, MapError, schema
from argmap.model import RELATION_TYPES, ArgumentMap

_SUFFIX_FORMATS = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".mmd": "mermaid",
}
_THEMES = ("light", "dark", "print")  # argmap.theme.THEMES, listed here to keep --help light
_ENGINES = ("auto", "blocks", "dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage", "patchwork")

_source_text = click.option(
    "--source-text",
    type=click.Path(dir_okay=False),
    help="Check quotes against this source text instead of the one the map names.",
)
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


def _load(
    path: str, max_bytes: int, source_text: str | None = None, fmt: str | None = None
) -> ArgumentMap:
    """Read a map in any importable format (detected unless given); warnings to stderr."""
    from argmap.formats import read

    text = _read_source_text(source_text)
    try:
        imported = read(path, fmt, source_text=text, max_bytes=max_bytes)
    except MapError as error:
        for line in error.lines():
            click.echo(line, err=True)
        sys.exit(1)
    _print_warnings(path, imported.warnings)
    return imported.map


def _print_warnings(path: str, warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"{path}: warning: {warning}", err=True)


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
@click.argument("map_files", metavar="MAP...", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True),
    help="Where to write (default: MAP's name with the format's suffix, beside MAP; - for "
    "standard output). The format follows its suffix unless -f is given. With several maps "
    "(or a folder), an existing folder for the pictures.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="With several maps: how many to render at once (default: one per core).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["svg", "png", "pdf", "dot", "mermaid"]),
    help="Output format (mermaid: a Mermaid flowchart of the claims view, suffix .mmd).",
)
@click.option(
    "--engine",
    type=click.Choice(_ENGINES),
    default="auto",
    show_default=True,
    help="Graphviz layout engine, or 'auto' (dot, with sfdp as the fallback for large "
    "maps); force-directed engines (neato, fdp, sfdp) always remove overlaps.",
)
@click.option(
    "--layout",
    type=click.Choice(list(ARRANGEMENTS)),
    default="auto",
    show_default=True,
    help="Arrangement of the claims view: flow (speakers as columns in the order they "
    "spoke, claims in the order said), components (each group of linked claims on its own, "
    "packed; unlinked claims per speaker), tree (relations ranked in one box per speaker), "
    "blocks (argmap places claims; for the largest maps), or auto: flow up to 100 claims, "
    "components beyond, falling back to faster layouts when time runs out.",
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
    "--view",
    type=click.Choice(["claims", "speakers"]),
    default="claims",
    show_default=True,
    help="claims: each claim, grouped by speaker; speakers: who argues with whom, the "
    "relations between their claims counted by type.",
)
@click.option("--focus", metavar="ID", help="Draw only what lies near this claim or speaker.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="How many relation steps from --focus to draw.",
)
@click.option(
    "--speaker",
    "speakers",
    metavar="ID",
    multiple=True,
    help="Draw only this speaker's claims (repeatable).",
)
@click.option(
    "--relation",
    "relations",
    type=click.Choice(list(RELATION_TYPES)),
    multiple=True,
    help="Draw only relations of this type (repeatable).",
)
@click.option(
    "--color-by",
    type=click.Choice(["speaker", "standing", "kind"]),
    default="speaker",
    show_default=True,
    help="Colour claim boxes by speaker, by standing (grounded labelling: in, out, "
    "undecided) or by kind; the legend follows.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=120.0,
    show_default=True,
    help="Seconds the layout may take before it is stopped.",
)
@_source_text
@_max_bytes
def render(
    map_files: tuple[str, ...],
    output: str | None,
    jobs: int | None,
    fmt: str | None,
    engine: str,
    layout: str,
    graphviz: str,
    theme: str,
    rankdir: str,
    view: str,
    focus: str | None,
    depth: int,
    speakers: tuple[str, ...],
    relations: tuple[str, ...],
    color_by: str,
    timeout: float,
    source_text: str | None,
    max_bytes: int,
) -> None:
    """Draw MAP: one box per claim, grouped by speaker, relations as styled arrows (or, with
    --view speakers, one box per speaker). --focus, --speaker and --relation draw a part.

    Writes the picture atomically: if anything fails, an earlier output stays as it was.
    Several maps, or a folder of maps, are rendered in parallel with a progress bar; a map
    that fails does not stop the others, and the failures are listed at the end.
    """
    options: dict[str, Any] = {
        "view": view,
        "focus": focus,
        "depth": depth,
        "speakers": speakers,
        "relations": relations,
        "theme": theme,
        "rankdir": rankdir,
        "engine": engine,
        "layout": layout,
        "graphviz": graphviz,
        "timeout": timeout,
        "color_by": color_by,
    }
    if len(map_files) > 1 or Path(map_files[0]).is_dir():
        _render_batch(map_files, output, jobs, fmt or "svg", options)
        return
    map_file = map_files[0]
    if fmt is None:
        suffix = Path(output).suffix.lower() if output and output != "-" else ".svg"
        if suffix not in _SUFFIX_FORMATS:
            formats = ", ".join(dict.fromkeys(_SUFFIX_FORMATS.values()))
            _fail(f"cannot tell the format from {output!r}; give -f ({formats})")
        fmt = _SUFFIX_FORMATS[suffix]
    suffix = next((s for s, f in _SUFFIX_FORMATS.items() if f == fmt), f".{fmt}")
    target = output or str(Path(map_file).with_suffix(suffix))
    argument_map = _load(map_file, max_bytes, source_text)

    from argmap.engine import EngineError
    from argmap.files import OutputError, same_file
    from argmap.rendering import render as render_map

    if target != "-" and same_file(target, map_file):
        _fail(f"{target} is the map itself; choose another output with -o")
    try:
        picture = render_map(argument_map, fmt, **options)
    except (EngineError, ValueError) as error:
        _fail(str(error))
    _print_warnings(map_file, list(picture.warnings))
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


def _render_batch(
    inputs: tuple[str, ...],
    output: str | None,
    workers: int | None,
    fmt: str,
    options: dict[str, Any],
) -> None:
    from argmap.batch import expand, plan, render_all

    if output == "-" or (output is not None and not Path(output).is_dir()):
        _fail(f"with several maps, -o must be an existing folder, not {output!r}")
    jobs = plan(expand(inputs), fmt, output)
    if not jobs:
        _fail(f"no maps found in {', '.join(inputs)}")
    failures = []
    with click.progressbar(length=len(jobs), label="Rendering", file=sys.stderr) as bar:
        for outcome in render_all(jobs, options, workers):
            if outcome.error is not None:
                failures.append(outcome.error)
            bar.update(1)
    for failure in failures:
        click.echo(failure, err=True)
    click.echo(f"rendered {len(jobs) - len(failures)} of {len(jobs)} maps", err=True)
    if failures:
        sys.exit(1)


@main.command()
@click.argument("map_files", metavar="MAP...", nargs=-1, required=True, type=click.Path())
@_source_text
@_max_bytes
def validate(map_files: tuple[str, ...], source_text: str | None, max_bytes: int) -> None:
    """Check maps; print every problem as FILE: PATH: message.

    Exits 0 when every map is valid, 1 otherwise.
    """
    from argmap.formats import read

    text = _read_source_text(source_text)
    failed = False
    for map_file in map_files:
        try:
            m, warnings = read(map_file, source_text=text, max_bytes=max_bytes)
        except MapError as error:
            failed = True
            for line in error.lines():
                click.echo(line)
            continue
        _print_warnings(map_file, warnings)
        click.echo(
            f"{map_file}: valid ({len(m.speakers)} speakers, {len(m.claims)} claims, "
            f"{len(m.relations)} relations)"
        )
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("input_file", metavar="IN", type=click.Path(dir_okay=False))
@click.argument("output_file", metavar="OUT", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--from",
    "from_format",
    type=click.Choice(["argmap", "aif", "xaif", "argdown", "microtexts"]),
    help="Format of IN (default: from its suffix and, for .json, its content).",
)
@click.option(
    "--to",
    "to_format",
    type=click.Choice(["argmap", "aif", "xaif", "argdown", "graphml", "gexf"]),
    help="Format of OUT (default: from its suffix; .aif.json and .xaif.json name AIF, xAIF).",
)
@_max_bytes
def convert(
    input_file: str,
    output_file: str,
    from_format: str | None,
    to_format: str | None,
    max_bytes: int,
) -> None:
    """Convert IN to OUT (- for standard output): argmap JSON, AIF, xAIF, Argdown,
    microtexts in; argmap JSON, AIF, xAIF, Argdown, GraphML, GEXF out.

    Importer warnings go to standard error; OUT is written atomically, never over IN.
    """
    from argmap.files import OutputError, same_file
    from argmap.formats import export, output_format

    argument_map = _load(input_file, max_bytes, fmt=from_format)
    if output_file != "-" and same_file(output_file, input_file):
        _fail(f"{output_file} is the input itself; choose another output")
    try:
        text = export(argument_map, to_format or output_format(output_file))
    except MapError as error:
        _fail(str(error))
    if output_file == "-":
        click.echo(text, nl=False)
        return
    from argmap.files import write_atomic

    try:
        write_atomic(output_file, text.encode("utf-8"))
    except OutputError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{output_file}: cannot be written: {error.strerror}")
    click.echo(output_file)


@main.command()
@click.argument("map_file", metavar="MAP", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many contested, supported and central claims to list.",
)
@_source_text
@_max_bytes
def info(map_file: str, as_json: bool, top: int, source_text: str | None, max_bytes: int) -> None:
    """Summarise MAP: speakers, relations, agreement, camps, claim standing, forecasts.

    Standing is the grounded labelling (attacks, disagrees and undercuts count as attacks);
    net agreement is (agrees + supports) - (disagrees + attacks + undercuts).
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from argmap.analysis import AGREEMENT_TYPES, summary

    data = summary(_load(map_file, max_bytes, source_text), top=top)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    names = {speaker["id"]: speaker["name"] for speaker in data["speakers"]}

    def table(title: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
        if not rows:
            console.print(f"[bold]{title}[/bold]: none")
            return
        grid = Table(title=title, title_justify="left", title_style="bold")
        for column, cell in zip(columns, rows[0], strict=True):
            numeric = isinstance(cell, int | float)
            grid.add_column(column, justify="right" if numeric else "left")
        for row in rows:
            grid.add_row(*(escape(str(cell)) for cell in row))
        console.print(grid)

    def ranked(key: str, first: str, second: str) -> list[tuple[object, ...]]:
        return [
            (c["claim"], names.get(c["speaker"], c["speaker"]), c[first], c[second], c["text"])
            for c in data[key]
        ]

    console.print(f"[bold]{escape(data['title'])}[/bold]")
    source = data["source"] or {}
    cited = ", ".join(str(source[key]) for key in ("title", "publisher", "date") if key in source)
    console.print(f"Source: {escape(cited or 'not given')}")
    kinds = ", ".join(f"{n} {kind}" for kind, n in data["claim_kinds"].items() if n)
    console.print(f"Claims: {data['claims']}" + (f" ({kinds})" if kinds else ""))
    counts = data["standing"]["counts"]
    console.print(
        f"Standing (grounded): {counts['in']} in, {counts['out']} out, {counts['undec']} undecided"
    )
    for label in ("out", "undec"):
        listed = data["standing"][label]
        if listed:
            more = f" and {len(listed) - top} more" if len(listed) > top else ""
            console.print(f"  {label}: {escape(', '.join(listed[:top]))}{more}")
    table(
        "Speakers",
        ("id", "name", "claims"),
        [(s["id"], s["name"], s["claims"]) for s in data["speakers"]],
    )
    table("Relations", ("type", "count"), [(t, n) for t, n in data["relations"].items() if n])
    table(
        "Agreement (net = agrees + supports - disagrees - attacks - undercuts)",
        ("from", "to", *AGREEMENT_TYPES, "net"),
        [
            (a["source"], a["target"], *(a[kind] for kind in AGREEMENT_TYPES), a["net"])
            for a in data["agreement"]
        ],
    )
    table(
        "Camps",
        ("camp", "speakers"),
        [(i, ", ".join(names.get(s, s) for s in c)) for i, c in enumerate(data["camps"], 1)],
    )
    table(
        "Most contested claims",
        ("claim", "speaker", "contest", "support", "text"),
        ranked("most_contested", "contest", "support"),
    )
    table(
        "Most supported claims",
        ("claim", "speaker", "support", "contest", "text"),
        ranked("most_supported", "support", "contest"),
    )
    table(
        "Central claims (Katz centrality)",
        ("claim", "score", "text"),
        [(c["claim"], round(c["score"], 3), c["text"]) for c in data["central"]],
    )
    statuses = ("true", "false", "partly", "open", "unrecorded", "total")
    table(
        "Forecast record (predictions by outcome)",
        ("speaker", *statuses),
        [
            (names.get(r["speaker"], r["speaker"]), *(r[s] for s in statuses))
            for r in data["forecast_record"]
        ],
    )


@main.command("report")
@click.argument("map_file", metavar="MAP", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Where to write (default: MAP's name with .html, beside MAP; - for standard output).",
)
@click.option("--theme", type=click.Choice(_THEMES), default="light", show_default=True)
@click.option(
    "--graphviz",
    default="bundled",
    show_default=True,
    envvar="ARGMAP_GRAPHVIZ",
    help="Graphviz executable, as for render (env ARGMAP_GRAPHVIZ).",
)
@_source_text
@_max_bytes
def report_command(
    map_file: str,
    output: str | None,
    theme: str,
    graphviz: str,
    source_text: str | None,
    max_bytes: int,
) -> None:
    """Write a self-contained HTML report of MAP: the map (zoom, pan, quotes on hover or
    click), speakers, claims by speaker, relations and the agreement between speakers.

    The page loads nothing from the network. Written atomically, never over MAP.
    """
    target = output or str(Path(map_file).with_suffix(".html"))
    argument_map = _load(map_file, max_bytes, source_text)

    from argmap.engine import EngineError
    from argmap.files import same_file
    from argmap.report import report

    if target != "-" and same_file(target, map_file):
        _fail(f"{target} is the map itself; choose another output with -o")
    try:
        page = report(argument_map, theme=theme, graphviz=graphviz)
    except EngineError as error:
        _fail(str(error))
    _write_output(target, page.encode("utf-8"))


def _write_output(target: str, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (``-``: standard output) and print the path."""
    from argmap.files import OutputError, write_atomic

    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_atomic(target, data)
    except OutputError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"{target}: cannot be written: {error.strerror}")
    click.echo(target)


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the map format (for editors and other tools)."""
    click.echo(json.dumps(schema(), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
