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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from argmap.errors import FormatError, Problem
from argmap.files import write_atomic
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
    for speaker in argument_map.speakers:
        lines += ["", f"# {escape(speaker.name)}"]
        for claim in argument_map.claims_by(speaker.id):
            data = {k: v for k, v in claims[claim.id].items() if k not in ("id", "text")}
            if _SPACE.sub(" ", claim.text).strip() != claim.text:
                data["text"] = claim.text
            lines += ["", f"[{claim.id}]: {escape(claim.text)} {_data(data)}"]
            lines += [
                f"  {_ARROWS[r.type]} [{r.to_id}]"
                for r in argument_map.relations
                if r.from_id == claim.id and r.type in _ARROWS and argument_map.is_claim(r.to_id)
            ]
    return "\n".join(lines) + "\n"


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map as an Argdown document, atomically."""
    write_atomic(path, dumps(argument_map).encode("utf-8"))


# --- import -------------------------------------------------------------------------------

_COMMENT: Final = re.compile(r"<!--.*?-->|/\*.*?\*/", re.DOTALL)
_LINE_COMMENT: Final = re.compile(r"(?:^|(?<=\s))//.*$")
_RELATION_LINE: Final = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(.*)")
_PCS_LINE: Final = re.compile(r"\((\d+)\)\s+(.*)")
_HEADING_LINE: Final = re.compile(r"#{1,6}\s+(.*)")
_LIST_ITEM: Final = re.compile(r"(?:\*|\d+\.)\s+(.*)")
_ELEMENT: Final = re.compile(r"(?:\[(?P<s>[^\]]+)\]|<(?P<a>[^>]+)>)(?P<colon>:)?\s*(?P<text>.*)")
_TAG: Final = re.compile(r"(?<!\S)#(?:\(([^)]*)\)|([\w\-]+))")
_ESCAPED: Final = re.compile(r"\\(.)")
_SKIP: Final = "\x01"  # marks where a comment was; never in a map (a C0 control)
_BARE_KEY: Final = re.compile(r"([{,]\s*)([A-Za-z_][\w\-]*)\s*:")
#: relation marker -> (type, whether the line's element is ``from``)
_MARKERS: Final = {
    "+": ("supports", True),
    "<+": ("supports", True),
    "-": ("attacks", True),
    "<-": ("attacks", True),
    "_": ("undercuts", True),
    "<_": ("undercuts", True),
    "+>": ("supports", False),
    "->": ("attacks", False),
    "_>": ("undercuts", False),
    "><": ("contradicts", False),
}


@dataclass
class _Element:
    """A statement or argument of the document, with the lines that make it up."""

    key: str  # "[title]", "<title>" or "#n" for an untitled statement
    line: int
    section: str | None
    parts: list[str] = field(default_factory=list)
    defined: bool = False


@dataclass
class _Link:
    start: _Element
    end: _Element
    type: str
    line: int


@dataclass
class _Parser:
    """A line-by-line reading of the core Argdown syntax into elements and links."""

    warnings: list[str] = field(default_factory=list)
    elements: dict[str, _Element] = field(default_factory=dict)
    links: list[_Link] = field(default_factory=list)
    section: str | None = None
    heading: list[str] | None = None
    current: _Element | None = None
    stack: list[tuple[int, _Element]] = field(default_factory=list)
    last_argument: _Element | None = None
    pcs_argument: _Element | None = None
    pcs_since: list[_Element] = field(default_factory=list)
    in_pcs: bool = False
    in_inference: bool = False
    conclusion_next: bool = False
    inferences: dict[str, list[_Link]] = field(default_factory=dict)  # argument key -> links

    def element(self, text: str, line: int) -> _Element:
        """The element a line starts or names: defines it (``[t]: text``) or refers to it."""
        match = _ELEMENT.fullmatch(text)
        if match is None:
            key = f"#{len(self.elements) + 1}"
            body, defines = text, True
        else:
            key = f"[{match['s']}]" if match["s"] is not None else f"<{match['a']}>"
            body, defines = match["text"], bool(match["colon"])
        found = self.elements.get(key)
        if found is None:
            found = self.elements[key] = _Element(key, line, self.section)
        if defines and not found.defined:
            found.parts, found.defined, found.line = [body], True, line
        if key.startswith("<") and not self.stack:
            self.last_argument = found
        return found

    def feed(self, number: int, raw: str) -> None:
        if _SKIP in raw:
            raw = raw.replace(_SKIP, "")
            if not raw.strip():
                return
        line = _LINE_COMMENT.sub("", raw).rstrip()
        text = line.strip()
        indent = len(line) - len(line.lstrip())
        if not text:
            self.current, self.heading, self.stack = None, None, []
            return
        if self.in_inference:
            if text == "--":
                self.in_inference, self.conclusion_next = False, True
            return
        if re.fullmatch(r"-{4,}|--.+--", text):
            self.conclusion_next = True
            return
        if text == "--":
            self.in_inference = True
            return
        heading = _HEADING_LINE.fullmatch(text) if indent == 0 else None
        relation = _RELATION_LINE.fullmatch(text)
        pcs = _PCS_LINE.fullmatch(text)
        item = _LIST_ITEM.fullmatch(text)
        if heading:
            self.start_block()
            self.heading = [heading[1]]
            self.section = _plain(heading[1], self.warnings, number)[0]
        elif relation:
            while self.stack and self.stack[-1][0] >= indent:
                self.stack.pop()
            if not self.stack:
                self.warnings.append(f"line {number}: relation with nothing above it to relate to")
                self.stack = [(indent, self.element(relation[2], number))]
                return
            parent, child = self.stack[-1][1], self.element(relation[2], number)
            kind, child_first = _MARKERS[relation[1]]
            start, end = (child, parent) if child_first else (parent, child)
            self.links.append(_Link(start, end, kind, number))
            self.stack.append((indent, child))
            self.current = child
        elif pcs:
            self.pcs_member(self.element(pcs[2], number), number)
            self.stack = [(indent, self.current)] if self.current else []
        elif self.heading is not None:
            self.heading.append(text)
            self.section = _plain(" ".join(self.heading), self.warnings, number)[0]
        elif self.current is not None and not item:
            self.current.parts.append(text)
        else:
            self.start_block()
            self.current = self.element(item[1] if item else text, number)
            self.stack = [(indent, self.current)]

    def start_block(self) -> None:
        self.in_pcs, self.conclusion_next, self.current = False, False, None

    def pcs_member(self, member: _Element, number: int) -> None:
        if not self.in_pcs:
            self.in_pcs, self.pcs_since = True, []
            self.pcs_argument, self.conclusion_next = self.last_argument, False
        if self.conclusion_next:
            for premise in self.pcs_since:
                link = _Link(premise, member, "supports", number)
                self.links.append(link)
                if self.pcs_argument is not None:
                    self.inferences.setdefault(self.pcs_argument.key, []).append(link)
            self.pcs_since, self.conclusion_next = [], False
        self.pcs_since.append(member)
        self.current = member


def _plain(text: str, warnings: list[str], line: int) -> tuple[str, list[str], Any]:
    """Statement text without its trailing data and its tags, unescaped; tags; data."""
    data = None
    text = text.strip()
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] not in "{}" or text[index - 1 : index] == "\\":
            if depth == 0:
                break  # the text does not end with data
            continue  # inside the data, or an escaped brace (text)
        depth += 1 if text[index] == "}" else -1
        if depth == 0:
            data = _parse_data(text[index:], warnings, line)
            text = text[:index]
            break
    tags = [a or b for a, b in _TAG.findall(text)]
    text = _TAG.sub("", text)
    return _SPACE.sub(" ", _ESCAPED.sub(r"\1", text)).strip(), tags, data


def _parse_data(text: str, warnings: list[str], line: int) -> Any:
    """Inline data: JSON, or a simple YAML flow mapping with bare keys; else reported."""
    for candidate in (text, _BARE_KEY.sub(r'\1"\2":', text)):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
        except RecursionError:
            warnings.append(f"line {line}: data is nested too deeply; ignored")
            return None
    warnings.append(f"line {line}: data {text!r} is YAML this importer cannot read; ignored")
    return None


def _front_matter(lines: list[str], warnings: list[str]) -> tuple[dict[str, Any], int]:
    """The front matter (``===`` lines) as a dict, and the number of lines it takes.

    JSON front matter (as :func:`dumps` writes) is read whole; YAML only for its top-level
    one-line keys (``title: ...``), with nested keys reported.
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "===":
        return {}, 0
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
    if end is None:
        warnings.append(f"line {first + 1}: front matter is not closed by '==='; ignored")
        return {}, 0
    body = "\n".join(lines[first + 1 : end])
    try:
        value = json.loads(body)
        if isinstance(value, dict):
            return value, end + 1
    except ValueError:
        pass
    result: dict[str, Any] = {}
    ignored, last = [], None
    for line in lines[first + 1 : end]:
        match = re.fullmatch(r"([A-Za-z_][\w\-]*):\s*(.*?)\s*", line)
        if match and match[2]:
            last = match[1]
            result[last] = match[2].strip("\"'")
        elif match:
            ignored.append(match[1])
            last = None
        elif last is not None and line.strip() and ":" not in line:
            result[last] += " " + line.strip()
    if ignored:
        warnings.append(
            f"line {first + 1}: front matter {', '.join(ignored)}: nested YAML is not read; ignored"
        )
    return result, end + 1


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
    text = _COMMENT.sub(lambda m: _SKIP + f"\n{_SKIP}" * m[0].count("\n"), text)
    lines = text.splitlines()
    try:
        front, skip = _front_matter(lines, warnings)
    except RecursionError:
        raise FormatError([Problem("", "front matter is nested too deeply")], file) from None
    parser = _Parser(warnings)
    for number, line in enumerate(lines[skip:], skip + 1):
        parser.feed(number, line)
    return _build_map(parser, front, title, file)


def _build_map(parser: _Parser, front: dict[str, Any], title: str, file: str | None) -> Imported:
    ours = front.get("argmap") if isinstance(front.get("argmap"), dict) else None
    warnings = parser.warnings
    ids = IdMaker()
    author = str(front.get("author") or "Author")
    speakers: list[dict[str, Any]] = list(ours.get("speakers", [])) if ours else []
    known = {s.get("id") for s in speakers if isinstance(s, dict)}
    ids.taken.update(str(k) for k in known)
    claims: list[dict[str, Any]] = []
    claim_of: dict[str, str] = {}
    for element in sorted(parser.elements.values(), key=lambda e: e.line):
        body, tags, data = _plain(" ".join(element.parts), warnings, element.line)
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
        if ours and isinstance(data, dict) and data.get("speaker") in known:
            claim.update({k: v for k, v in data.items() if k != "id"})
        else:
            info: dict[str, Any] = {"line": element.line}
            if element.key[0] in "[<":
                info["title"] = element.key[1:-1]
            info["type"] = "argument" if element.key[0] == "<" else "statement"
            for name, value in (("section", element.section), ("tags", tags), ("data", data)):
                if value:
                    info[name] = value
            claim["data"] = {"argdown": info}
        claims.append(claim)
    if any(c["speaker"] == "author" for c in claims) and "author" not in known:
        speakers.append(
            {"id": ids.unique("author") if "author" in ids.taken else "author", "name": author}
        )
    relations = list(ours.get("relations", [])) if ours else []
    seen = {(r.get("from"), r.get("to"), r.get("type")) for r in relations if isinstance(r, dict)}
    ids.taken.update(str(r.get("id")) for r in relations if isinstance(r, dict) and r.get("id"))
    made: dict[int, list[str]] = {}  # id(link) -> its relation ids, for undercuts

    def add(start: str, end: str, kind: str, line: int, note: dict[str, Any]) -> str | None:
        if start == end:
            warnings.append(f"line {line}: a relation of {start} to itself; skipped")
            return None
        if (start, end, kind) in seen:
            return None
        seen.add((start, end, kind))
        ident = ids.unique(f"r{len(relations) + 1}")
        relations.append(
            {"id": ident, "from": start, "to": end, "type": kind, "data": {"argdown": note}}
        )
        return ident

    undercuts = []
    for link in parser.links:
        if link.start.key not in claim_of or link.end.key not in claim_of:
            continue
        start, end = claim_of[link.start.key], claim_of[link.end.key]
        if link.type == "undercuts":
            undercuts.append(link)
        elif link.type == "contradicts":
            for a, b in ((start, end), (end, start)):
                add(a, b, "attacks", link.line, {"line": link.line, "relation": "contradictory"})
        else:
            made[id(link)] = [
                r for r in [add(start, end, link.type, link.line, {"line": link.line})] if r
            ]
    for link in undercuts:
        start = claim_of[link.start.key]
        inference = parser.inferences.get(link.end.key) or [
            other
            for other in parser.links
            if other.start is link.end and other.type in ("supports", "attacks")
        ]
        targets = [r for other in inference for r in made.get(id(other), [])]
        if not targets:
            warnings.append(
                f"line {link.line}: undercut of {link.end.key}, which has no inference to "
                "undercut; kept as an attack"
            )
            add(
                start,
                claim_of[link.end.key],
                "attacks",
                link.line,
                {"line": link.line, "relation": "undercut"},
            )
        for target in targets:
            add(start, target, "undercuts", link.line, {"line": link.line})
    document: dict[str, Any] = {
        "argmap": "1",
        "title": str(front.get("title") or title),
        "speakers": speakers,
        "claims": claims,
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
