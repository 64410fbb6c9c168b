"""Argdown export (and import, see below).

**Export** (:func:`dumps`, :func:`dump`): one section (``# Name``) per speaker holding that
speaker's claims as titled statements ``[claim-id]: text {data}``; supports and attacks
between claims are drawn under their ``from`` statement as ``+> [to]`` and ``-> [to]``,
except the inferences an Argdown import found (``data.argdown.relation`` "inference"): those
are written again as premise-conclusion structures under ``# Inferences``, with their rules
and data (``-- Modus ponens {"uses": [1, 2]} --``, as ``--`` lines). Text is
written on one line with Argdown's special characters escaped by a backslash. Everything
Argdown cannot draw is kept as JSON (which is YAML, so the Argdown parser reads it as data):

- the YAML front matter ``=== {...} ===`` holds ``title``, the keys of the map's
  ``data.argdown.front_matter`` (``subTitle``, ``date``, ... of an imported document) and,
  under ``argmap``, the map's description, source, data, all speakers and all relations
  (with ids, quotes and notes: undercuts, agrees, disagrees, elaborates and relations of
  speakers have no Argdown arrow);
- each statement's data holds the claim's ``speaker``, ``quote``, ``kind``, ``outcome`` and
  ``data``, and its exact ``text`` when the one-line statement differs from it (line breaks).

>>> import argmap
>>> from argmap.formats import argdown
>>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "Sam"}],'
...   '"claims": [{"id": "a", "speaker": "s", "text": "A [1]"},'
...   '           {"id": "b", "speaker": "s", "text": "B"}],'
...   '"relations": [{"from": "b", "to": "a", "type": "supports"}]}')
>>> print(argdown.dumps(m).split("===")[2].strip())
# Sam
<BLANKLINE>
[a]: A \\[1\\] {"speaker": "s"}
<BLANKLINE>
[b]: B {"speaker": "s"}
  +> [a]
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from argmap.errors import FormatError, Problem
from argmap.files import write_atomic
from argmap.formats.argdown_parse import Link, Parser, front_matter, plain, strip_comments
from argmap.formats.common import IdMaker, Imported, build, read_source
from argmap.frozen import DATA_DEPTH, TooDeep, freeze
from argmap.model import ArgumentMap, Relation

__all__ = ["dump", "dumps", "escape", "load", "load_with_warnings", "loads", "loads_with_warnings"]

_ARROWS: Final = {"supports": "+>", "attacks": "->"}
# What Argdown's lexer (@argdown/core 2.0.1) reads as syntax in the middle of a statement:
# references and links ``[``, arguments and ``<!--`` comments ``<``, tags ``#``, bold and
# italic ``*`` ``_``, data ``{}``, escapes ``\``, ``//`` comments, ``===`` front matter, and
# "special characters": a ``.`` or ``:`` that a later one closes before any space
# (``.->.``, ``:smile:``, but also "P.O." and "12:30:45") is one token, which Argdown shows
# as a symbol when it knows the name and as written otherwise, backslashes included. So
# such a ``.`` or ``:`` is escaped; nothing else is, as a reader of the file would want.
_STATEMENT_SYNTAX: Final = r"[\\\[\]<#*_{}]|(?<=<)!|/(?=/)|=(?==)|([.:])(?=\S+?\2)"
_SPECIAL: Final = re.compile(f"({_STATEMENT_SYNTAX})")
#: in an inference's rules also the comma between two rules and the ``--`` that ends them
_RULE_SPECIAL: Final = re.compile(f"({_STATEMENT_SYNTAX}|,|-(?=-))")
_SPACE: Final = re.compile(r"\s+")
_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS: Final = {ord(c): f"\\u{ord(c):04x}" for c in "{}[]=/<>*"}
#: front matter keys that are not the map's data: the title and argmap's own
_FRONT_MATTER_OWN: Final = ("title", "argmap")
_TAG_TEXT: Final = re.compile(r"[\w\- ]{1,200}")  # tags an export can write plainly


def escape(text: str) -> str:
    r"""Text as one line of an Argdown statement: white space runs become one space, and
    what Argdown would read as syntax is escaped.

    >>> escape("a <b>\n  [c] #d, 2/3 = 0.67")
    'a \\<b> \\[c\\] \\#d, 2/3 = 0.67'
    >>> escape("P.O. Box 7, at 12:30:45.")
    'P\\.O. Box 7, at 12\\:30:45.'
    """
    return _escaped(text, _SPECIAL)


def _escaped(text: str, special: re.Pattern[str]) -> str:
    return special.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def _data(value: Any) -> str:
    """Data as JSON (which is YAML): ASCII only, and ``{}[]=/<>*`` inside strings as ``\\u``
    escapes: Argdown's lexer ends data at a closing brace, front matter at ``===`` and finds
    comments (``//``, ``/*``, ``<!--``) even inside a string.
    """
    text = json.dumps(value, ensure_ascii=True)
    return _STRING.sub(lambda m: m[0].translate(_BRACKETS), text)


def dumps(argument_map: ArgumentMap) -> str:
    """The map as an Argdown document (see the module documentation)."""
    document = argument_map.to_dict()
    extra = {k: v for k, v in document.items() if k not in ("argmap", "title", "claims")}
    front: dict[str, Any] = {"title": argument_map.title}
    argdown = argument_map.data.get("argdown")
    kept = argdown.get("front_matter") if isinstance(argdown, Mapping) else None
    if isinstance(kept, Mapping):  # what an import kept of the document's own front matter
        front.update({k: v for k, v in kept.items() if k not in _FRONT_MATTER_OWN})
    lines = ["===", _data(front | {"argmap": extra}), "==="]
    claims = {c["id"]: c for c in document["claims"]}
    structures, drawn = _premise_conclusion_structures(argument_map)
    arrows: dict[str, list[str]] = {}  # claim id -> its arrow lines (one pass, not per claim)
    for index, r in enumerate(argument_map.relations):
        if r.type in _ARROWS and argument_map.is_claim(r.to_id) and index not in drawn:
            arrows.setdefault(r.from_id, []).append(f"  {_ARROWS[r.type]} [{r.to_id}]")
    grouped = [c for s in argument_map.speakers for c in argument_map.claims_by(s.id)]
    place = {c.id: i for i, c in enumerate(argument_map.claims)}
    # sections group claims by speaker; where that changes their order, each keeps its place
    keep_order = grouped != list(argument_map.claims)
    for speaker in argument_map.speakers:
        lines += ["", f"# {escape(speaker.name)}"]
        for claim in argument_map.claims_by(speaker.id):
            data = {k: v for k, v in claims[claim.id].items() if k not in ("id", "text")}
            if keep_order:
                data["order"] = place[claim.id]
            if _SPACE.sub(" ", claim.text).strip() != claim.text:
                data["text"] = claim.text
            lines += ["", f"[{claim.id}]: {escape(claim.text)} {_data(data)}"]
            lines += arrows.get(claim.id, [])
    if structures:
        lines += ["", "# Inferences", *structures]
    return "\n".join(lines) + "\n"


def _premise_conclusion_structures(argument_map: ArgumentMap) -> tuple[list[str], set[int]]:
    """The inferences an Argdown import found, as premise-conclusion structures (one per
    structure of the imported document, one step per conclusion, with its rules and data),
    and the places in ``relations`` of the relations they draw.

    They name no argument (``<title>`` would be a claim of its own): the front matter keeps
    which argument each inference belongs to.
    """
    structures: dict[str, dict[str, list[tuple[int, Relation, Mapping[str, Any]]]]] = {}
    for index, r in enumerate(argument_map.relations):
        note = r.data.get("argdown")
        if (
            r.type == "supports"
            and isinstance(note, Mapping)
            and note.get("relation") == "inference"
            and argument_map.is_claim(r.from_id)
            and argument_map.is_claim(r.to_id)
        ):
            structure = _data([note.get("argument"), note.get("argument_line")])
            step = _data([r.to_id, note.get("line")])
            structures.setdefault(structure, {}).setdefault(step, []).append((index, r, note))
    lines: list[str] = []
    drawn: set[int] = set()
    for steps in structures.values():
        last, number = None, 0  # the conclusion of the step above, its number
        for members in steps.values():
            premises = [r.from_id for _, r, _ in members]
            if premises[0] == last:  # the conclusion above is this step's first premise
                premises = premises[1:]
            else:  # a structure of its own: the conclusion above must not be a premise
                lines.append("")
                number = 0
            for premise in premises:
                number += 1
                lines.append(f"({number}) [{premise}]")
            last = members[0][1].to_id
            number += 1
            lines += [*_inference_lines(members[0][2]), f"({number}) [{last}]"]
            drawn.update(index for index, _, _ in members)
    return lines, drawn


def _inference_lines(note: Mapping[str, Any]) -> list[str]:
    """An inference's line(s): ``----``, or its rules, tags and data between ``--`` lines."""
    rules, tags, data = note.get("rules"), note.get("tags"), note.get("data")
    parts = []
    if isinstance(rules, (list, tuple)):
        parts.append(", ".join(_escaped(r, _RULE_SPECIAL) for r in rules if isinstance(r, str)))
    if isinstance(tags, (list, tuple)):
        parts += [f"#({t})" for t in tags if isinstance(t, str) and _TAG_TEXT.fullmatch(t)]
    if data is not None:
        parts.append(_data(data))
    text = " ".join(part for part in parts if part)
    return ["--", text, "--"] if text else ["----"]


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map as an Argdown document, atomically."""
    write_atomic(path, dumps(argument_map).encode("utf-8"))


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Import an Argdown document (see :func:`loads_with_warnings`)."""
    return load_with_warnings(path).map


def load_with_warnings(path: str | os.PathLike[str]) -> Imported:
    """Import an Argdown document; also return the warnings."""
    file = os.fspath(path)
    return loads_with_warnings(read_source(file), title=Path(file).stem, file=file)


def loads(text: str, *, title: str = "Argdown import", file: str | None = None) -> ArgumentMap:
    """Import an Argdown document from a string."""
    return loads_with_warnings(text, title=title, file=file).map


def loads_with_warnings(
    text: str, *, title: str = "Argdown import", file: str | None = None
) -> Imported:
    """Import the core Argdown syntax; also return the warnings (with line numbers).

    - Statements (``[title]: text``, untitled paragraphs and list items) and arguments
      (``<title>: text``) become claims; the same title is the same claim. Ids are the
      titles when they are valid ids, else their slugs. Tags, the section (heading) and
      inline data go to ``data["argdown"]``; comments are dropped.
    - Relations, indented under an element or written outgoing: ``+``/``<+``/``+>`` →
      supports, ``-``/``<-``/``->`` → attacks, ``><`` (contradictory) → attacks both ways,
      ``_``/``<_``/``_>`` → undercuts of the argument's inference (its premise–conclusion
      structure, else its outgoing supports and attacks; attacks when it has neither).
    - Premise–conclusion structures: the premises since the last conclusion support the next
      conclusion (``----``, ``-- rules --`` or ``--`` lines ``--``); each of those relations
      keeps the inference's rules (``rules``, split at commas as Argdown does), data
      (``data``) and tags (``tags``) in its ``data["argdown"]``. An inference with rules or
      data and no premises above it or no conclusion after it is reported.
    - Speakers: a document that :func:`dumps` wrote gets its speakers, claims' speakers,
      quotes, kinds, outcomes and all relations back from its data; any other has one
      speaker, the front matter's ``author`` or "Author".
    - Front matter: JSON is read; of YAML only top-level ``key: value`` lines, as strings;
      nested keys and lines it cannot read are reported with their count and ignored.
      ``title`` is the map's title, ``author`` the speaker's name; every other key (such as
      ``subTitle``, ``date``) is kept in the map's ``data["argdown"]["front_matter"]``, and
      :func:`dumps` writes it back.
    - A document with no statements and no arguments (empty, blank, only comments, front
      matter or headings) is refused with :class:`~argmap.FormatError`, as the SADFace and
      Kialo importers refuse an empty document: it is no map. A document :func:`dumps` wrote
      is read whatever it holds (a map may have no claims).
    """
    warnings: list[str] = []
    text = text[1:] if text.startswith("\ufeff") else text
    # a comment becomes a mark on each line it spanned: line numbers stay, and a line that
    # held only a comment is skipped rather than ending the block as a blank line would
    text = strip_comments(text)
    lines = text.splitlines()
    try:
        front, skip = front_matter(lines, warnings)
        # The limit of map data (Python's own differs from version to version), and the
        # levels above the data that dumps() writes there (argmap > claims > [i] > data).
        freeze(front, DATA_DEPTH + 4)
    except (RecursionError, TooDeep):
        raise FormatError([Problem("", "front matter is nested too deeply")], file) from None
    parser = Parser(warnings)
    for number, line in enumerate(lines[skip:], skip + 1):
        parser.feed(number, line)
    parser.finish()
    return _build_map(parser, front, title, file)


def _build_map(parser: Parser, front: dict[str, Any], title: str, file: str | None) -> Imported:
    ours = front.get("argmap") if isinstance(front.get("argmap"), dict) else None
    warnings = parser.warnings
    ids = IdMaker()
    author = str(front.get("author") or "Author")
    speakers: list[dict[str, Any]] = list(ours.get("speakers", [])) if ours else []
    known = {s["id"] for s in speakers if isinstance(s, dict) and isinstance(s.get("id"), str)}
    ids.taken.update(str(k) for k in known)
    claims: list[dict[str, Any]] = []
    order: dict[str, int] = {}  # claim id -> its place in the map, when dumps wrote one
    claim_of: dict[str, str] = {}
    for element in sorted(parser.elements.values(), key=lambda e: e.line):
        body, tags, data = plain(" ".join(element.parts), warnings, element.line)
        if not body and element.key.startswith("#"):
            continue
        ident = (
            ids.title(element.key[1:-1], "statement")
            if element.key[0] in "[<"
            else ids.unique(f"s{len(claims) + 1}")
        )
        claim_of[element.key] = ident
        claim: dict[str, Any] = {
            "id": ident,
            "speaker": "author",
            "text": body or element.key[1:-1],
        }
        speaker = data.get("speaker") if isinstance(data, dict) else None
        if ours and isinstance(data, dict) and isinstance(speaker, str) and speaker in known:
            claim.update({k: v for k, v in data.items() if k not in ("id", "order")})
            if isinstance(data.get("order"), int):
                order[ident] = data["order"]
        else:
            info: dict[str, Any] = {"line": element.line}
            if element.key[0] in "[<":
                info["title"] = element.key[1:-1]
            info["type"] = "argument" if element.key[0] == "<" else "statement"
            for name, value in (("section", element.section), ("tags", tags), ("data", data)):
                if value:
                    info[name] = value
            texts = [body] + [
                plain(" ".join(parts), warnings, line)[0] for line, parts in element.others
            ]
            if len(set(texts)) > 1:  # one equivalence class, several texts: keep them all
                info["texts"] = list(dict.fromkeys(texts))
                warnings.append(
                    f"line {element.others[0][0]}: {element.key} is defined again with "
                    "another text; the first is the claim's text, all are in its data"
                )
            claim["data"] = {"argdown": info}
        claims.append(claim)
    if not claims and not ours:
        message = "has no statements and no arguments: an empty Argdown document is no map"
        raise FormatError([Problem("", message)], file)
    if any(c["speaker"] == "author" for c in claims) and "author" not in known:
        speakers.append(
            {"id": ids.unique("author") if "author" in ids.taken else "author", "name": author}
        )
    relations = list(ours.get("relations", [])) if ours else []
    # what our own front matter holds already (its arrows repeat it); and explicit relations
    # written twice. Inferences of different arguments are never merged.
    seen = {
        (str(r.get("from")), str(r.get("to")), str(r.get("type")))  # untrusted: any JSON
        for r in relations
        if isinstance(r, dict)
    }
    ours_seen = set(seen)
    ids.taken.update(str(r.get("id")) for r in relations if isinstance(r, dict) and r.get("id"))
    made: dict[int, list[str]] = {}  # id(link) -> its relation ids, for undercuts

    def add(start: str, end: str, kind: str, link: Link, relation: str = "") -> str | None:
        if start == end:
            warnings.append(f"line {link.line}: a relation of {start} to itself; skipped")
            return None
        key = (start, end, kind)
        if key in ours_seen or (link.relation != "inference" and key in seen):
            return None
        seen.add(key)
        note: dict[str, Any] = {"line": link.line, "relation": relation or link.relation}
        if link.relation == "inference":
            note["argument"] = link.argument.key[1:-1] if link.argument else None
            note["argument_line"] = link.argument_line
            note.update(link.inference)
        ident = ids.unique(f"r{len(relations) + 1}")
        relations.append(
            {"id": ident, "from": start, "to": end, "type": kind, "data": {"argdown": note}}
        )
        return ident

    undercuts = []
    outgoing: dict[int, list[Link]] = {}  # id(element) -> its supports and attacks
    for link in parser.links:
        if link.start.key not in claim_of or link.end.key not in claim_of:
            continue
        start, end = claim_of[link.start.key], claim_of[link.end.key]
        if link.type == "undercuts":
            undercuts.append(link)
        elif link.type == "contradicts":
            for a, b in ((start, end), (end, start)):
                add(a, b, "attacks", link)
        else:
            made[id(link)] = [r for r in [add(start, end, link.type, link)] if r]
            outgoing.setdefault(id(link.start), []).append(link)
    for link in undercuts:
        start = claim_of[link.start.key]
        inference = parser.inferences.get(link.end.key) or outgoing.get(id(link.end), [])
        targets = [r for other in inference for r in made.get(id(other), [])]
        if not targets:
            warnings.append(
                f"line {link.line}: undercut of {link.end.key}, which has no inference to "
                "undercut; kept as an attack"
            )
            add(start, claim_of[link.end.key], "attacks", link, "undercut")
        for target in targets:
            add(start, target, "undercuts", link)
    document: dict[str, Any] = {
        "argmap": "1",
        "title": str(front.get("title") or title),
        "speakers": speakers,
        "claims": sorted(claims, key=lambda c: order.get(c["id"], len(order))),
        "relations": relations,
    }
    for key in ("description", "source", "data", "context"):
        if ours and key in ours:
            document[key] = ours[key]
    _keep_front_matter(document, front, bool(ours), warnings)
    warnings.sort(key=_line_number)
    return Imported(build(document, file), warnings)


def _keep_front_matter(
    document: dict[str, Any], front: dict[str, Any], ours: bool, warnings: list[str]
) -> None:
    """The front matter's keys other than the title, the author and argmap's own, into the
    map's ``data["argdown"]["front_matter"]`` (over what argmap's own data kept of them)."""
    kept = {
        k: v
        for k, v in front.items()
        if k not in ("title", "author") and not (k == "argmap" and ours)
    }
    if not kept:
        return
    data = document.get("data", {})
    argdown = data.get("argdown", {}) if isinstance(data, dict) else None
    before = argdown.get("front_matter", {}) if isinstance(argdown, dict) else None
    if not isinstance(data, dict) or not isinstance(argdown, dict) or not isinstance(before, dict):
        warnings.append(
            f"line 1: front matter {', '.join(kept)}: not kept, the map's "
            "data.argdown.front_matter is taken by something else"
        )
        return
    document["data"] = data | {"argdown": argdown | {"front_matter": before | kept}}


def _line_number(warning: str) -> int:
    """The line a warning names (``line 12: ...``), to report them in document order."""
    match = re.match(r"line (\d+):", warning)
    return int(match[1]) if match else 0
