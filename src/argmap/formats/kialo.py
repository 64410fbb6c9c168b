"""Import of Kialo discussion exports (the plain text Kialo writes under "Export discussion").

An export is a title line, then one numbered line per claim; a claim's number is its place in
the tree and its parent is the number without the last part::

    Discussion Title: Should cities ban cars?

    1. Cities should ban cars from their centres.
    1.1. Pro: Cars pollute the air people breathe.
    1.1.1. Con: Electric cars do not.
    1.2. Con: -> See 1.1.1.

- Every numbered line becomes a claim, in file order, with the id ``k`` + its number
  (``k1.1.1``); lines up to the next numbered line belong to it (claims run to many
  sentences, lines and paragraphs). Markdown links ``[text](url)`` become their text, the
  links go to ``data["kialo"]["links"]``; Kialo's backslash escapes are undone.
- ``Pro:`` → ``supports`` its parent, ``Con:`` → ``attacks`` it (the relation's id is
  ``r`` + the number). A line without a stance below the top level is joined to its parent
  by ``elaborates`` and reported. Top-level lines (``1.``, ``2.``) are the theses.
- A line whose text is ``-> See 1.4.2.`` states no new claim: the claim numbered 1.4.2 (also)
  supports or attacks this line's parent (``data["kialo"]`` of that relation keeps the line's
  ``number`` and the number it links to, ``see``).
  A link to a missing number, or a loop of links, is reported and skipped.
- Kialo names no authors: every claim is the speaker's "Kialo contributors". There are no
  verbatim quotes either (a claim's text is the contributor's own wording), so no claim has
  one.
- Anything else (text before the first numbered line, a number without its parent, a number
  used twice) is reported, never guessed at. A document without the title line or any
  numbered line is no Kialo export: :class:`~argmap.FormatError`.

>>> from argmap.formats import kialo
>>> m = kialo.loads('''Discussion Title: Cars?
...
... 1. Ban cars.
... 1.1. Pro: They pollute.
... 1.1.1. Con: Not electric ones.
... 1.2. Con: -> See 1.1.1.''')
>>> [(r.from_id, r.type, r.to_id) for r in m.relations]
[('k1.1', 'supports', 'k1'), ('k1.1.1', 'attacks', 'k1.1'), ('k1.1.1', 'attacks', 'k1')]
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from argmap.errors import FormatError, Problem
from argmap.formats.common import IdMaker, Imported, build, clean_text, read_source
from argmap.model import ArgumentMap

__all__ = ["load", "load_with_warnings", "loads", "loads_with_warnings", "looks_like"]

TITLE: Final = re.compile(r"\s*Discussion Title:\s*(.*?)\s*")
#: "1.2.3. Pro: text": the number (with its final dot), the stance, the text
LINE: Final = re.compile(r"((?:\d+\.)+)[ \t]+(?:(Pro|Con):[ \t]*)?(.*)", re.IGNORECASE)
_LINK: Final = re.compile(r"->\s*See\s+((?:\d+\.)+)\s*", re.IGNORECASE)
_MARKDOWN_LINK: Final = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
_ESCAPE: Final = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_STANCES: Final = {"pro": "supports", "con": "attacks"}
SPEAKER: Final = {"id": "kialo", "name": "Kialo contributors"}


def looks_like(text: str) -> bool:
    """Whether ``text`` is a Kialo export: a title line or a first line numbered ``1.``.

    >>> looks_like("Discussion Title: X\\n\\n1. Y"), looks_like("1. Y\\n1.1. Con: Z")
    (True, True)
    >>> looks_like('{"nodes": []}'), looks_like("1. a list\\n2. of things")
    (False, False)
    """
    lines = [line for line in text.lstrip("\ufeff").splitlines()[:50] if line.strip()]
    if not lines:
        return False
    if TITLE.fullmatch(lines[0]):
        return True
    numbered = [LINE.fullmatch(line.strip()) for line in lines[:2]]
    first, second = numbered[0], numbered[-1]
    return bool(first and first[1] == "1." and second and second[2] and second[1].startswith("1."))


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Import a Kialo export file (see the module documentation)."""
    return load_with_warnings(path).map


def load_with_warnings(path: str | os.PathLike[str]) -> Imported:
    """Import a Kialo export file; also return the warnings."""
    file = os.fspath(path)
    return loads_with_warnings(read_source(file), title=Path(file).stem, file=file)


def loads(text: str, *, title: str = "Kialo import", file: str | None = None) -> ArgumentMap:
    """Import a Kialo export from a string."""
    return loads_with_warnings(text, title=title, file=file).map


@dataclass
class _Entry:
    number: str  # "1.2.3" (without the final dot)
    stance: str | None  # "pro", "con" or None
    lines: list[str]
    line: int  # where it starts, for warnings

    @property
    def parent(self) -> str:
        return self.number.rpartition(".")[0]


def loads_with_warnings(
    text: str, *, title: str = "Kialo import", file: str | None = None
) -> Imported:
    """Import a Kialo export from a string; also return the warnings (with line numbers)."""
    warnings: list[str] = []
    lines = text.lstrip("\ufeff").splitlines()
    found_title, entries = _entries(lines, warnings)
    if found_title is None and not entries:
        raise FormatError(
            [Problem("", "is not a Kialo export: no 'Discussion Title:' line, no numbered claims")],
            file,
        )
    if not entries:
        raise FormatError([Problem("", "Kialo export has no numbered claims")], file)
    by_number: dict[str, _Entry] = {}
    for entry in entries:
        if entry.number in by_number:
            warnings.append(f"line {entry.line}: number {entry.number}. is used twice; skipped")
        else:
            by_number[entry.number] = entry
    targets = _resolve_links(by_number, warnings)
    # k1.2 and r1.2 for claim and link 1.2; a number too long for an id (a thread 100 deep)
    # is cut short and made unique.
    ids = IdMaker()
    ids.taken.add(SPEAKER["id"])
    claim_ids = {number: ids.foreign(f"k{number}", "k") for number in by_number}
    claims: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for entry in by_number.values():
        if entry.number not in targets:  # states a claim of its own
            claims.append(_claim(entry, claim_ids[entry.number]))
        relation = _relation(entry, by_number, targets, warnings, claim_ids, ids)
        if relation is not None:
            relations.append(relation)
    document: dict[str, Any] = {
        "argmap": "1",
        "title": found_title or title,
        "speakers": [dict(SPEAKER)],
        "claims": claims,
        "relations": relations,
        "data": {"kialo": {"title": found_title}} if found_title else {},
    }
    return Imported(build(document, file), warnings)


def _entries(lines: list[str], warnings: list[str]) -> tuple[str | None, list[_Entry]]:
    """The title and the numbered entries with their continuation lines.

    A numbered line without Pro/Con is a claim only where Kialo puts one: the first thesis
    (``1.``), a number that Pro/Con lines further down have as their parent, or a child of a
    claim already read; any other (a list inside a claim's text, ``2. Second, ...``) is text
    of the claim above, and reported.
    """
    matches = [LINE.fullmatch(raw.strip()) for raw in lines]
    parents = {m[1][:-1].rpartition(".")[0] for m in matches if m and m[2]}
    title: str | None = None
    entries: list[_Entry] = []
    accepted: set[str] = set()
    stray: list[int] = []
    for number, (raw, match) in enumerate(zip(lines, matches, strict=True), 1):
        line = raw.strip()
        heading = TITLE.fullmatch(raw) if title is None and not entries else None
        key = match[1][:-1] if match else ""
        claim = match is not None and (
            bool(match[2])
            or (
                key not in accepted
                and (
                    (key == "1" and not entries)
                    or key in parents
                    or key.rpartition(".")[0] in accepted
                )
            )
        )
        if heading:
            title = clean_text(heading[1]) or None
        elif match and claim:
            stance = match[2].lower() if match[2] else None
            entries.append(_Entry(key, stance, [match[3]], number))
            accepted.add(key)
        elif entries:
            if match:
                warnings.append(
                    f"line {number}: '{match[1]}' numbers no Kialo claim here; read as text "
                    "of the claim above"
                )
            entries[-1].lines.append(line)
        elif line:
            stray.append(number)
    if stray:
        warnings.append(
            f"line {stray[0]}: {len(stray)} line(s) before the first numbered claim; ignored"
        )
    return title, entries


def _text(entry: _Entry) -> tuple[str, list[str]]:
    """The claim's text (paragraphs kept, Markdown links as their text) and its links."""
    raw = "\n".join(entry.lines).strip()
    links = [m[2] for m in _MARKDOWN_LINK.finditer(raw)]
    text = _ESCAPE.sub(r"\1", _MARKDOWN_LINK.sub(r"\1", raw))
    text = re.sub(r"\n{3,}", "\n\n", clean_text(text))
    return text, links


def _claim(entry: _Entry, ident: str) -> dict[str, Any]:
    text, links = _text(entry)
    data: dict[str, Any] = {"number": entry.number, "line": entry.line}
    if entry.stance:
        data["stance"] = entry.stance
    if links:
        data["links"] = links
    return {
        "id": ident,
        "speaker": SPEAKER["id"],
        "text": text or "(no text)",
        "data": {"kialo": data},
    }


def _resolve_links(by_number: dict[str, _Entry], warnings: list[str]) -> dict[str, str]:
    """For each ``-> See n.`` line, the number of the claim it finally names ("" for none).

    Each line is followed once (memoised), so a chain of links costs its length, not its
    square; a link to a missing number or into a loop of links is reported.
    """
    links: dict[str, str] = {}
    for entry in by_number.values():
        match = _LINK.fullmatch("\n".join(entry.lines).strip())
        if match:
            links[entry.number] = match[1][:-1]
    final: dict[str, str] = {}
    for start in links:
        path: list[str] = []
        on_path: set[str] = set()
        current = start
        while current in links and current not in final and current not in on_path:
            path.append(current)
            on_path.add(current)
            current = links[current]
        if current in final:
            target = final[current]
        elif current in on_path:
            target = ""  # a loop
        else:
            target = current if current in by_number else ""
        for step in path:
            final[step] = target
        if not target:
            warnings.append(
                f"line {by_number[start].line}: '-> See {links[start]}.' names no claim "
                "(a missing number or a loop of links); skipped"
            )
    return final


def _relation(
    entry: _Entry,
    by_number: dict[str, _Entry],
    targets: dict[str, str],
    warnings: list[str],
    claim_ids: dict[str, str],
    ids: IdMaker,
) -> dict[str, Any] | None:
    """The relation of a line to its parent (from the claim a link line names)."""
    if "." not in entry.number:
        return None  # a thesis
    if targets.get(entry.number) == "":
        return None  # a bad link, reported already
    parent = entry.parent
    if parent not in by_number:
        warnings.append(f"line {entry.line}: {entry.number}. has no parent {parent}.; unlinked")
        return None
    parent = targets.get(parent, parent)
    if not parent:
        warnings.append(f"line {entry.line}: the parent of {entry.number}. is a bad link; unlinked")
        return None
    start = targets.get(entry.number, entry.number)
    if start == parent:
        warnings.append(f"line {entry.line}: {entry.number}. links a claim to itself; skipped")
        return None
    kind = _STANCES.get(entry.stance or "")
    if kind is None:
        warnings.append(
            f"line {entry.line}: {entry.number}. says neither Pro nor Con; "
            "joined to its parent as elaborates"
        )
        kind = "elaborates"
    data: dict[str, Any] = {"number": entry.number}
    if entry.number in targets:
        data["see"] = targets[entry.number]
    return {
        "id": ids.foreign(f"r{entry.number}", "r"),
        "from": claim_ids[start],
        "to": claim_ids[parent],
        "type": kind,
        "data": {"kialo": data},
    }
