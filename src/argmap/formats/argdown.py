"""Argdown export (and import, see below).

**Export** (:func:`dumps`, :func:`dump`): one section (``# Name``) per speaker holding that
speaker's claims as titled statements ``[claim-id]: text {data}``; supports and attacks
between claims are drawn under their ``from`` statement as ``+> [to]`` and ``-> [to]``. Text is
written on one line with Argdown's special characters escaped by a backslash. Everything
Argdown cannot draw is kept as JSON (which is YAML, so the Argdown parser reads it as data):

- the YAML front matter ``=== {...} ===`` holds ``title`` and, under ``argmap``, the map's
  description, source, data, all speakers and all relations (with ids, quotes and notes:
  undercuts, agrees, disagrees, elaborates and relations of speakers have no Argdown arrow);
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
from pathlib import Path
from typing import Any, Final

from argmap.errors import FormatError, Problem
from argmap.files import write_atomic
from argmap.formats.argdown_parse import Link, Parser, front_matter, plain, strip_comments
from argmap.formats.common import IdMaker, Imported, build, read_source
from argmap.model import ArgumentMap

__all__ = ["dump", "dumps", "escape", "load", "load_with_warnings", "loads", "loads_with_warnings"]

_ARROWS: Final = {"supports": "+>", "attacks": "->"}
# Characters Argdown gives a meaning somewhere in a statement; a backslash makes them plain.
_SPECIAL: Final = re.compile(r"([\\\[\]<>#@*_{}()+\-~`/=|^!:%&$'\"])")
_SPACE: Final = re.compile(r"\s+")
_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS: Final = {ord(c): f"\\u{ord(c):04x}" for c in "{}[]=/<>*"}


def escape(text: str) -> str:
    r"""Text as one line of an Argdown statement: white space runs become one space, and
    special characters are escaped.

    >>> escape("a <b>\n  [c] #d")
    'a \\<b\\> \\[c\\] \\#d'
    """
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


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
    lines = ["===", _data({"title": argument_map.title, "argmap": extra}), "==="]
    claims = {c["id"]: c for c in document["claims"]}
    arrows: dict[str, list[str]] = {}  # claim id -> its arrow lines (one pass, not per claim)
    for r in argument_map.relations:
        if r.type in _ARROWS and argument_map.is_claim(r.to_id):
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
    return "\n".join(lines) + "\n"


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
      conclusion (``----`` or ``-- rule --``).
    - Speakers: a document that :func:`dumps` wrote gets its speakers, claims' speakers,
      quotes, kinds, outcomes and all relations back from its data; any other has one
      speaker, the front matter's ``author`` or "Author".
    - Front matter: JSON is read; of YAML only top-level ``key: value`` lines (``title``,
      ``author``); nested keys are reported and ignored.
    """
    warnings: list[str] = []
    text = text[1:] if text.startswith("\ufeff") else text
    # a comment becomes a mark on each line it spanned: line numbers stay, and a line that
    # held only a comment is skipped rather than ending the block as a blank line would
    text = strip_comments(text)
    lines = text.splitlines()
    try:
        front, skip = front_matter(lines, warnings)
    except RecursionError:
        raise FormatError([Problem("", "front matter is nested too deeply")], file) from None
    parser = Parser(warnings)
    for number, line in enumerate(lines[skip:], skip + 1):
        parser.feed(number, line)
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
    warnings.sort(key=_line_number)
    return Imported(build(document, file), warnings)


def _line_number(warning: str) -> int:
    """The line a warning names (``line 12: ...``), to report them in document order."""
    match = re.match(r"line (\d+):", warning)
    return int(match[1]) if match else 0
