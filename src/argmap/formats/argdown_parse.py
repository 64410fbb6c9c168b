"""Reading Argdown line by line: statements, arguments, relations, premise-conclusion
structures, front matter and inline data (the core syntax; :mod:`argmap.formats.argdown`
turns what this finds into a map).

Every scan here is one pass over the text: comments, tags and brackets that are never closed
cost their length, not its square.

>>> parser = Parser()
>>> for number, line in enumerate(["[a]: A.", "  - [b]: B."], 1):
...     parser.feed(number, line)
>>> [(link.start.key, link.type, link.end.key, link.relation) for link in parser.links]
[('[b]', 'attacks', '[a]', 'contrary')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = [
    "SKIP",
    "Element",
    "Link",
    "Parser",
    "front_matter",
    "plain",
    "strip_comments",
]

_OPENER: Final = re.compile(r"<!--|/\*")
_CLOSER: Final = {"<!--": "-->", "/*": "*/"}
_LINE_COMMENT: Final = re.compile(r"(?:^|(?<=\s))//.*$")
_RELATION_LINE: Final = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(.*)")
_PCS_LINE: Final = re.compile(r"\((\d+)\)\s+(.*)")
_HEADING_LINE: Final = re.compile(r"#{1,6}\s+(.*)")
_LIST_ITEM: Final = re.compile(r"(?:\*|\d+\.)\s+(.*)")
_ELEMENT: Final = re.compile(r"(?:\[(?P<s>[^\]]+)\]|<(?P<a>[^>]+)>)(?P<colon>:)?\s*(?P<text>.*)")
# A bracketed tag is short: bounding it keeps n unclosed "#(" in one statement linear.
_TAG: Final = re.compile(r"(?<!\S)#(?:\(([^)\n]{0,200})\)|([\w\-]+))")
_ESCAPED: Final = re.compile(r"\\(.)")
_SPACE: Final = re.compile(r"\s+")
SKIP: Final = "\x01"  # marks where a comment was; never in a map (a C0 control)
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
class Element:
    """A statement or argument of the document, with the lines that make it up."""

    key: str  # "[title]", "<title>" or "#n" for an untitled statement
    line: int
    section: str | None
    parts: list[str] = field(default_factory=list)
    defined: bool = False
    #: later definitions of the same title with their own text (an equivalence class)
    others: list[tuple[int, list[str]]] = field(default_factory=list)
    #: the definition that continuation lines belong to
    open: list[str] = field(default_factory=list)


@dataclass
class Link:
    start: Element
    end: Element
    type: str
    line: int
    #: Argdown's name for it: support, attack, entails, contrary, contradictory, undercut
    #: or inference (premises to conclusion in a premise-conclusion structure)
    relation: str = ""
    argument: Element | None = None  # the argument whose inference this link is
    argument_line: int = 0  # where that argument's premise-conclusion structure starts


@dataclass
class Parser:
    """A line-by-line reading of the core Argdown syntax into elements and links."""

    warnings: list[str] = field(default_factory=list)
    elements: dict[str, Element] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    section: str | None = None
    heading: list[str] | None = None
    current: Element | None = None
    stack: list[tuple[int, Element]] = field(default_factory=list)
    last_argument: Element | None = None
    pcs_argument: Element | None = None
    pcs_since: list[Element] = field(default_factory=list)
    in_pcs: bool = False
    pcs_line: int = 0
    in_inference: bool = False
    conclusion_next: bool = False
    inferences: dict[str, list[Link]] = field(default_factory=dict)  # argument key -> links

    def element(self, text: str, line: int) -> Element:
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
            found = self.elements[key] = Element(key, line, self.section)
        if defines and not found.defined:
            found.parts, found.defined, found.line = [body], True, line
            found.open = found.parts
        elif defines:  # the same title again, with a text of its own
            found.others.append((line, [body]))
            found.open = found.others[-1][1]
        elif not found.defined:
            found.open = found.parts
        else:
            found.open = []  # a mention: lines under it belong to no definition
        return found

    def feed(self, number: int, raw: str) -> None:
        if SKIP in raw:
            raw = raw.replace(SKIP, "")
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
            self.last_argument = None
            self.heading = [heading[1]]
            self.section = plain(heading[1], self.warnings, number)[0]
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
            self.links.append(Link(start, end, kind, number, _relation_name(kind, start, end)))
            self.stack.append((indent, child))
            self.current = child
        elif pcs:
            if self.in_pcs and pcs[1] == "1":
                self.in_pcs = False  # numbering starts again: another argument
            self.pcs_member(self.element(pcs[2], number), number)
            self.stack = [(indent, self.current)] if self.current else []
        elif self.heading is not None:
            self.heading.append(text)
            self.section = plain(" ".join(self.heading), self.warnings, number)[0]
        elif self.current is not None and not item:
            self.current.open.append(text)
        else:
            self.start_block()
            self.current = self.element(item[1] if item else text, number)
            self.stack = [(indent, self.current)]
            # an argument's title comes before its premise-conclusion structure; any other
            # element between them means that structure is untitled
            self.last_argument = self.current if self.current.key.startswith("<") else None

    def start_block(self) -> None:
        self.in_pcs, self.conclusion_next, self.current = False, False, None

    def pcs_member(self, member: Element, number: int) -> None:
        if not self.in_pcs:
            self.in_pcs, self.pcs_since, self.pcs_line = True, [], number
            self.pcs_argument, self.conclusion_next = self.last_argument, False
            self.last_argument = None  # a title names one structure
        if self.conclusion_next:
            for premise in self.pcs_since:
                link = Link(
                    premise,
                    member,
                    "supports",
                    number,
                    "inference",
                    self.pcs_argument,
                    self.pcs_line,
                )
                self.links.append(link)
                if self.pcs_argument is not None:
                    self.inferences.setdefault(self.pcs_argument.key, []).append(link)
            self.pcs_since, self.conclusion_next = [], False
        self.pcs_since.append(member)
        self.current = member


def _relation_name(kind: str, start: Element, end: Element) -> str:
    """Argdown's name for a relation: between two statements support is "entails" and
    attack "contrary"; ``><`` is "contradictory".

    >>> a, b = Element("[a]", 1, None), Element("<b>", 2, None)
    >>> _relation_name("attacks", a, a), _relation_name("attacks", a, b)
    ('contrary', 'attack')
    """
    statements = start.key[0] != "<" and end.key[0] != "<"
    if kind == "supports":
        return "entails" if statements else "support"
    if kind == "attacks":
        return "contrary" if statements else "attack"
    return {"contradicts": "contradictory", "undercuts": "undercut"}.get(kind, kind)


def strip_comments(text: str) -> str:
    """``<!-- -->`` and ``/* */`` comments replaced by a mark on each line they spanned.

    One pass: an opener without a closer is text (as before), and once a closer is known
    to be missing after some place, later openers of its kind are not searched again, so n
    unclosed ``<!--`` cost n steps, not n².
    """
    parts: list[str] = []
    position = 0
    no_closer_after: dict[str, int] = {}  # opener -> place after which its closer is missing
    search = 0
    while (match := _OPENER.search(text, search)) is not None:
        opener = match[0]
        if match.start() >= no_closer_after.get(opener, len(text) + 1):
            search = match.end()
            continue
        end = text.find(_CLOSER[opener], match.end())
        if end < 0:
            no_closer_after[opener] = match.start()
            search = match.end()
            continue
        end += len(_CLOSER[opener])
        parts += [
            text[position : match.start()],
            SKIP + f"\n{SKIP}" * text.count("\n", match.start(), end),
        ]
        position = search = end
    parts.append(text[position:])
    return "".join(parts)


def plain(text: str, warnings: list[str], line: int) -> tuple[str, list[str], Any]:
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


def front_matter(lines: list[str], warnings: list[str]) -> tuple[dict[str, Any], int]:
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
