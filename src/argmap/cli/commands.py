"""The commands of ``argmap``: the click group :data:`main` and its subcommands, each a thin
shell over the library (``argmap.cli`` re-exports them; see its docstring for exit codes).

Heavy modules (networkx, graphviz) load only inside the commands that need them, so that
``argmap validate`` starts fast; ``argmap --help`` is answered before this module is imported
(:mod:`argmap.cli.helptext`), from a text that must stay what click prints here: after
changing the group's options, a command's first sentence or the examples, run
``python -m argmap.cli.helptext``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

import click

from argmap import __version__
from argmap.cli import choices
from argmap.cli.choices import LazyChoice
from argmap.cli.common import (
    EXIT_CODES,
    Commands,
    OutputPath,
    error_lines,
    exit_code,
    from_option,
    load_map,
    max_bytes_option,
    print_warnings,
    read_named_source_text,
    read_source_text,
    source_text_option,
    terminal_safe,
    write_output,
)
from argmap.cli.info import info
from argmap.errors import MapError, OutputError, Problem, UsageError
from argmap.model import RELATION_TYPES

if TYPE_CHECKING:
    from argmap.draw.pipeline import RenderOptions

__all__ = ["EXIT_CODES", "Commands", "error_lines", "exit_code", "main"]


@click.group(
    cls=Commands,
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
    type=OutputPath(allow_dash=True),
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
    type=LazyChoice(choices.render_formats),
    help="Output format (mermaid: a Mermaid flowchart of the claims view, suffix .mmd).",
)
@click.option(
    "--engine",
    type=LazyChoice(choices.engines),
    default="auto",
    show_default=True,
    help="Graphviz layout engine, or 'auto' (dot; for components over 100 claims sfdp as "
    "the fallback when dot runs out of time); force-directed engines (neato, fdp, sfdp) "
    "always remove overlaps.",
)
@click.option(
    "--layout",
    type=LazyChoice(choices.arrangements),
    default="auto",
    show_default=True,
    help="Arrangement of the claims view: flow (speakers as columns in the order they "
    "spoke, claims in the order said), components (each group of linked claims on its own, "
    "packed; unlinked claims per speaker), tree (relations ranked in one box per speaker), "
    "blocks (argmap places claims; for the largest maps), or auto: the one that reads best "
    "up to 100 claims, components up to 5,000, blocks beyond, falling back to faster "
    "layouts when time runs out.",
)
@click.option(
    "--graphviz",
    default="bundled",
    show_default=True,
    envvar="ARGMAP_GRAPHVIZ",
    help="Graphviz executable: 'bundled' (graphviz-pure, installed with argmap), 'system' "
    "(dot on PATH) or a path (env ARGMAP_GRAPHVIZ).",
)
@click.option("--theme", type=LazyChoice(choices.themes), default="light", show_default=True)
@click.option(
    "--rankdir",
    type=LazyChoice(choices.rankdirs),
    default="TB",
    show_default=True,
    help="Direction of the layout.",
)
@click.option(
    "--view",
    type=LazyChoice(choices.views),
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
    type=LazyChoice(choices.color_by),
    default="speaker",
    show_default=True,
    help="Colour claim boxes by speaker, by standing (grounded labelling: in, out, "
    "undecided) or by kind; the legend follows.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True, max=1e9),
    default=120.0,
    show_default=True,
    help="Seconds the layout may take before it is stopped.",
)
@from_option
@source_text_option
@max_bytes_option
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
    from_format: str | None,
    source_text: str | None,
    max_bytes: int,
) -> None:
    """Draw MAP: one box per claim, grouped by speaker, relations as styled arrows (or, with
    --view speakers, one box per speaker). --focus, --speaker and --relation draw a part.

    Writes the picture atomically: if anything fails, an earlier output stays as it was.
    Several maps, or a folder of maps, are rendered in parallel with a progress bar; a map
    that fails does not stop the others, and the failures are listed at the end.
    """
    from argmap.draw.pipeline import RenderOptions

    options = RenderOptions(
        view=view,
        focus=focus,
        depth=depth,
        speakers=speakers,
        relations=relations,
        theme=theme,
        rankdir=rankdir,
        engine=engine,
        layout=layout,
        graphviz=graphviz,
        timeout=timeout,
        color_by=color_by,
    )
    if len(map_files) > 1 or Path(map_files[0]).is_dir():
        _render_batch(
            map_files, output, jobs, fmt or "svg", options, from_format, source_text, max_bytes
        )
        return
    map_file = map_files[0]
    from argmap.draw.output import SUFFIXES
    from argmap.draw.pipeline import render as draw
    from argmap.files import inputs_of, refuse_inputs, writes_in_place

    if fmt is None:  # from the output's name; SVG to standard output, a device or a pipe
        named = output is not None and output != "-" and not writes_in_place(output)
        suffix = Path(output).suffix.lower() if output is not None and named else ".svg"
        if suffix not in SUFFIXES:
            formats = ", ".join(dict.fromkeys(SUFFIXES.values()))
            raise UsageError(f"cannot tell the format from {output!r}; give -f ({formats})")
        fmt = SUFFIXES[suffix]
    suffix = next((s for s, f in SUFFIXES.items() if f == fmt), f".{fmt}")
    target = output or str(Path(map_file).with_suffix(suffix))

    if target != "-":
        refuse_inputs(target, inputs_of(map_file, None, source_text))
    text = read_source_text(source_text, max_bytes)
    argument_map = load_map(map_file, max_bytes, text, from_format)
    if target != "-":
        refuse_inputs(target, inputs_of(map_file, argument_map, source_text))
    picture = draw(argument_map, fmt, options)
    print_warnings(map_file, list(picture.warnings))
    write_output(target, picture.data)


def _render_batch(
    inputs: tuple[str, ...],
    output: str | None,
    workers: int | None,
    fmt: str,
    options: RenderOptions,
    from_format: str | None,
    source_text: str | None,
    max_bytes: int,
) -> None:
    from argmap.draw.batch import expand, plan, render_all
    from argmap.files import refuse_inputs

    if output == "-" or (output is not None and not Path(output).is_dir()):
        raise UsageError(f"with several maps, -o must be an existing folder, not {output!r}")
    jobs = plan(expand(inputs), fmt, output, from_format=from_format)
    if not jobs:
        raise MapError([Problem("", "no maps found")], ", ".join(inputs))
    if source_text is not None:
        for job in jobs:
            refuse_inputs(job.target, {source_text: "the source text given with --source-text"})
    text = read_source_text(source_text, max_bytes)
    failures: list[str] = []
    warnings: list[str] = []
    with click.progressbar(length=len(jobs), label="Rendering", file=sys.stderr) as bar:
        outcomes = render_all(
            jobs, options, workers, from_format=from_format, source_text=text, max_bytes=max_bytes
        )
        for outcome in outcomes:
            if outcome.error is not None:
                failures.append(outcome.error)
            for warning in outcome.warnings:
                warnings.append(f"{outcome.job.map_file}: warning: {warning}")
            bar.update(1)
    for line in warnings:
        click.echo(line, err=True)
    for failure in failures:
        click.echo(failure, err=True)
    click.echo(f"rendered {len(jobs) - len(failures)} of {len(jobs)} maps", err=True)
    if failures:
        sys.exit(1)


@main.command()
@click.argument("map_files", metavar="MAP...", nargs=-1, required=True, type=click.Path())
@from_option
@source_text_option
@max_bytes_option
def validate(
    map_files: tuple[str, ...], from_format: str | None, source_text: str | None, max_bytes: int
) -> None:
    """Check maps; print every problem as FILE: PATH: message.

    Exits 0 when every map is valid, 1 otherwise.
    """
    from argmap.formats import read_with_warnings
    from argmap.mapfile.source import repeated_quotes

    text = read_source_text(source_text, max_bytes)
    failed = False
    for map_file in map_files:
        try:
            m, warnings = read_with_warnings(
                map_file, from_format, source_text=text, max_bytes=max_bytes
            )
        except MapError as error:
            failed = True
            for line in (error if error.file else error.with_file(map_file)).lines():
                click.echo(terminal_safe(line))  # file names and JSON keys are the user's
            continue
        print_warnings(map_file, warnings)
        # A check only validate makes: a quote found more than once may mark the wrong turn.
        named = text if text is not None else read_named_source_text(m, map_file, max_bytes)
        if named is not None:
            name = m.source.text if text is None and m.source else "the source text"
            print_warnings(map_file, repeated_quotes(m, named, str(name)))
        click.echo(terminal_safe(f"{map_file}: valid ({m.size()})"))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("input_file", metavar="IN", type=click.Path(dir_okay=False))
@click.argument("output_file", metavar="OUT", type=OutputPath(dir_okay=False, allow_dash=True))
@from_option
@click.option(
    "--to",
    "to_format",
    type=LazyChoice(choices.writable),
    help="Format of OUT (default: from its suffix; .aif.json and .xaif.json name AIF, xAIF).",
)
@max_bytes_option
def convert(
    input_file: str,
    output_file: str,
    from_format: str | None,
    to_format: str | None,
    max_bytes: int,
) -> None:
    """Convert IN to OUT (- for standard output): argmap JSON, AIF, xAIF, SADFace, Kialo,
    Argdown, microtexts in; argmap JSON, AIF, xAIF, SADFace, Argdown, GraphML, GEXF out.

    Importer warnings go to standard error; OUT is written atomically, never over IN.
    """
    from argmap.files import inputs_of, refuse_inputs, writes_in_place
    from argmap.formats import export, left_out, output_format
    from argmap.mapfile.source import relocate_source

    if output_file != "-":
        refuse_inputs(output_file, inputs_of(input_file, None, None, "the input itself"))
    argument_map = load_map(input_file, max_bytes, fmt=from_format)
    if output_file != "-":
        refuse_inputs(output_file, inputs_of(input_file, argument_map, None, "the input itself"))
    fmt = to_format or output_format(output_file)
    copy = None
    # A map written to standard output, a device or a pipe lands in no folder: its source
    # text keeps the name it had, relative to the input's folder.
    if fmt in FORMATS_NAMING_THE_SOURCE and not (
        output_file == "-" or writes_in_place(output_file)
    ):
        # The source text is named relative to the map; a map written elsewhere names it anew.
        argument_map, copy = relocate_source(
            argument_map, Path(input_file).parent, Path(output_file).parent
        )
    converted = export(argument_map, fmt).encode("utf-8")
    print_warnings(input_file, left_out(argument_map, fmt))
    source = None if copy is None else copy.read_bytes()
    beside = None if copy is None else Path(output_file).parent / copy.name
    if beside is not None and beside.name == Path(output_file).name:
        raise OutputError(
            f"{output_file} would be both the converted map and the source text copied beside "
            "it so that its quotes resolve; give the map another name"
        )
    if beside is not None and beside.exists():
        if beside.read_bytes() != source:
            raise OutputError(
                f"{beside} exists and is not the map's source text, which the converted map "
                "must have beside it; write the map into another folder"
            )
        beside = None  # already there
    if beside is None or source is None:
        write_output(output_file, converted)
        return
    # The source text first: a map is never left naming a text that is not beside it, and
    # the copy is taken back when the map cannot be written.
    write_output(str(beside), source, announce=False)
    try:
        write_output(output_file, converted, announce=False)
    except BaseException:
        beside.unlink(missing_ok=True)
        raise
    # Said once both are written: a copy taken back is not announced.
    click.echo("the map's source text, copied beside it so that its quotes resolve:", err=True)
    click.echo(terminal_safe(str(beside)))
    click.echo(terminal_safe(output_file))


#: The output formats that keep ``source.text``, which ``convert`` must then make resolve.
FORMATS_NAMING_THE_SOURCE: Final = frozenset({"argmap", "aif", "xaif", "sadface", "argdown"})


@main.command("report")
@click.argument("map_file", metavar="MAP", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=OutputPath(dir_okay=False, allow_dash=True),
    help="Where to write (default: MAP's name with .html, beside MAP; - for standard output).",
)
@click.option("--theme", type=LazyChoice(choices.themes), default="light", show_default=True)
@click.option(
    "--graphviz",
    default="bundled",
    show_default=True,
    envvar="ARGMAP_GRAPHVIZ",
    help="Graphviz executable, as for render (env ARGMAP_GRAPHVIZ).",
)
@from_option
@source_text_option
@max_bytes_option
def report_command(
    map_file: str,
    output: str | None,
    theme: str,
    graphviz: str,
    from_format: str | None,
    source_text: str | None,
    max_bytes: int,
) -> None:
    """Write a self-contained HTML report of MAP: findings first (camps, forecasts, most
    contested and best supported claims, the moderator's questions), the map (zoom, pan,
    focus), the source text with every quote marked, the claims with their relations in
    words, the relations, speakers and agreement between speakers.

    The page loads nothing from the network. Written atomically, never over MAP.
    """
    target = output or str(Path(map_file).with_suffix(".html"))

    from argmap.files import inputs_of, refuse_inputs
    from argmap.report import report

    if target != "-":
        refuse_inputs(target, inputs_of(map_file, None, source_text))
    text = read_source_text(source_text, max_bytes)  # once: it may come from a pipe
    argument_map = load_map(map_file, max_bytes, text, from_format)
    if target != "-":
        refuse_inputs(target, inputs_of(map_file, argument_map, source_text))
    # The loader has checked the quotes against the text the map names; it is read again
    # (confined to the map's folder) to be embedded.
    if text is None:
        text = read_named_source_text(argument_map, map_file, max_bytes)
    page = report(argument_map, theme=theme, graphviz=graphviz, source_text=text)
    write_output(target, page.encode("utf-8"))


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the map format (for editors and other tools)."""
    from argmap.mapfile import schema

    click.echo(json.dumps(schema(), indent=2, ensure_ascii=False))


main.add_command(info)
