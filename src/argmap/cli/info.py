"""``argmap info``: every analysis of a map as tables (or JSON)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from argmap.cli.common import (
    from_option,
    load_map,
    max_bytes_option,
    read_source_text,
    source_text_option,
    terminal_safe,
)

__all__ = ["info"]

#: The console width when the output is not a terminal, and the widest a claim's text may be.
WIDE = 240
TEXT_WIDTH = 72


def strength(pair: dict[str, Any]) -> tuple[int, int, str, str]:
    """How :func:`info` orders the agreement table: the largest ``net`` either way first,
    then the pair with more relations between them, then by ids.

    >>> pairs = [{"source": "a", "target": "b", "agrees": 1, "attacks": 0, "net": 1},
    ...          {"source": "b", "target": "a", "agrees": 2, "attacks": 5, "net": -3},
    ...          {"source": "c", "target": "a", "agrees": 3, "attacks": 0, "net": 3}]
    >>> [(p["source"], p["target"]) for p in sorted(pairs, key=strength)]
    [('b', 'a'), ('c', 'a'), ('a', 'b')]
    """
    total = sum(n for key, n in pair.items() if key not in ("source", "target", "net"))
    return -abs(pair["net"]), -total, pair["source"], pair["target"]


@click.command()
@click.argument("map_file", metavar="MAP", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many contested, supported and central claims, and speaker pairs, to list.",
)
@click.option(
    "--all-pairs",
    is_flag=True,
    help="List every pair of speakers in the agreement table, not only the --top strongest.",
)
@click.option(
    "--stated-only",
    is_flag=True,
    help="Count only the links the source states: leave out relations the map's author "
    'marked as inferred ("data": {"basis": "inferred"}).',
)
@from_option
@source_text_option
@max_bytes_option
def info(
    map_file: str,
    as_json: bool,
    top: int,
    all_pairs: bool,
    stated_only: bool,
    from_format: str | None,
    source_text: str | None,
    max_bytes: int,
) -> None:
    """Summarise MAP: speakers, relations, agreement, camps, claim standing, forecasts.

    Standing is the grounded labelling (attacks, disagrees and undercuts count as attacks);
    net agreement is (agrees + supports) - (disagrees + attacks + undercuts). The agreement
    table lists the --top strongest pairs of speakers (largest net either way first);
    --all-pairs lists them all, --json gives every pair.
    """
    from rich.console import Console
    from rich.markup import escape as markup_escape
    from rich.table import Table

    from argmap import analysis
    from argmap.analysis import AGREEMENT_TYPES, summary

    argument_map = load_map(
        map_file, max_bytes, read_source_text(source_text, max_bytes), from_format
    )
    left_out = 0
    if stated_only:
        stated = analysis.stated_only(argument_map)
        left_out = len(argument_map.relations) - len(stated.relations)
        argument_map = stated
    data = summary(argument_map, top=top)
    data["inferred_left_out"] = left_out if stated_only else None
    if as_json:
        # Escaped as JSON (\\uXXXX) does: the same data, nothing a terminal acts on.
        click.echo(terminal_safe(json.dumps(data, indent=2, ensure_ascii=False)))
        return

    def escape(text: str) -> str:
        return markup_escape(terminal_safe(text))

    # Into a pipe or a file, nothing is cut to a terminal's width (ids and numbers whole);
    # on a terminal, long cells fold onto more lines rather than end in an ellipsis.
    # emoji=False: a user's ":smile:" is text, not a code for rich to replace.
    console = Console(highlight=False, emoji=False, width=None if sys.stdout.isatty() else WIDE)
    names = {speaker["id"]: speaker["name"] for speaker in data["speakers"]}

    def table(title: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
        if not rows:
            console.print(f"[bold]{title}[/bold]: none")
            return
        grid = Table(title=title, title_justify="left", title_style="bold")
        for column, cell in zip(columns, rows[0], strict=True):
            numeric = isinstance(cell, int | float)
            grid.add_column(
                column,
                justify="right" if numeric else "left",
                overflow="fold",
                max_width=TEXT_WIDTH if column == "text" else None,
            )
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
    if stated_only:
        console.print(f"Stated links only: {left_out} inferred relations left out")
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
    # Strongest first: the largest net either way, then the most relations, then by id.
    pairs = sorted(data["agreement"], key=strength)
    shown = pairs if all_pairs else pairs[:top]
    table(
        "Agreement (net = agrees + supports - disagrees - attacks - undercuts)",
        ("from", "to", *AGREEMENT_TYPES, "net"),
        [
            (a["source"], a["target"], *(a[kind] for kind in AGREEMENT_TYPES), a["net"])
            for a in shown
        ],
    )
    if len(pairs) > len(shown):
        console.print(
            f"  the {len(shown)} strongest of {len(pairs)} pairs: "
            "--all-pairs lists them all, --json gives every count"
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
