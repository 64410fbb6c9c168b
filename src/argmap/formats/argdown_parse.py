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
#: ``----`` (no rule) or ``-- rules {data} --`` on one line
_INFERENCE_LINE: Final = re.compile(r"-{4,}|-{2,}(.+?)-{2,}")
_HEADING_LINE: Final = re.compile(r"#{1,6}\s+(.*)")
_LIST_ITEM: Final = re.compile(r"(?:\*|\d+\.)\s+(.*)")
_ELEMENT: Final = re.compile(r"(?:\[(?P<s>[^\]]+)\]|<(?P<a>[^>]+)>)(?P<colon>:)?\s*(?P<text>.*)")
# A bracketed tag is short: bounding it keeps n unclosed "#(" in one statement linear.
_TAG: Final = re.compile(r"(?<!\S)#(?:\(([^)\n]{0,200})\)|([\w\-]+))")
_ESCAPED: Final = re.compile(r"\\(.)")
_RULE: Final = re.compile(r"(?:\\.?|[^,\\])+")  # one of an inference's rules, as written
_SPACE: Final = re.compile(r"\s+")
SKIP: Final = "\x01"  # marks where a comment was; never in a map (a C0 control)
_FRONT_KEY: Final = re.compile(r"([A-Za-z_][\w\-]*):\s*(.*?)\s*")
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
    #: an inference's rules (``rules``), data (``data``) and tags (``tags``), when it names any
    inference: dict[str, Any] = field(default_factory=dict)


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
    #: the lines of a ``--`` ... ``--`` inference being read, from the line it starts
    inference_lines: list[str] = field(default_factory=list)
    inference_start: int = 0
    #: the inference line waiting for its conclusion: (line number, its text)
    pending: tuple[int, str] | None = None
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
            if self.in_inference:
                self.warnings.append(
                    f"line {self.inference_start}: inference opened by '--' is not closed by "
                    "'--' before an empty line; its lines are read as its rules"
                )
                self.close_inference()
            self.current, self.heading, self.stack = None, None, []
            return
        if self.in_inference:
            if text == "--":
                self.close_inference()
            else:
                self.inference_lines.append(text)
            return
        if rule := _INFERENCE_LINE.fullmatch(text):
            self.infer(number, (rule[1] or "").strip())
            return
        if text == "--":
            self.in_inference, self.inference_start, self.inference_lines = True, number, []
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

    def close_inference(self) -> None:
        self.in_inference = False
        self.infer(self.inference_start, " ".join(self.inference_lines))

    def infer(self, number: int, text: str) -> None:
        """An inference line (``----``, ``-- rules --`` or ``--`` lines ``--``): the next
        statement of the premise-conclusion structure is a conclusion."""
        self.drop_pending("has no conclusion after it")
        self.pending = (number, text)
        self.conclusion_next = True

    def drop_pending(self, why: str) -> None:
        """Report an inference that names rules or data and infers nothing."""
        if self.pending is not None and self.pending[1]:
            line, text = self.pending
            self.warnings.append(f"line {line}: inference {text!r} {why}; ignored")
        self.pending = None

    def finish(self) -> None:
        """The end of the document: an inference still open or waiting is reported."""
        self.feed(0, "")  # closes an inference left open, as an empty line does
        self.drop_pending("has no conclusion after it")

    def start_block(self) -> None:
        self.drop_pending("has no conclusion after it")
        self.in_pcs, self.conclusion_next, self.current = False, False, None

    def pcs_member(self, member: Element, number: int) -> None:
        if not self.in_pcs:
            self.drop_pending("has no premises above it")
            self.in_pcs, self.pcs_since, self.pcs_line = True, [], number
            self.pcs_argument, self.conclusion_next = self.last_argument, False
            self.last_argument = None  # a title names one structure
        if self.conclusion_next:
            if not self.pcs_since:
                self.drop_pending("has no premises above it")
            inference = self.inference()
            for premise in self.pcs_since:
                link = Link(
                    premise,
                    member,
                    "supports",
                    number,
                    "inference",
                    self.pcs_argument,
                    self.pcs_line,
                    inference,
                )
                self.links.append(link)
                if self.pcs_argument is not None:
                    self.inferences.setdefault(self.pcs_argument.key, []).append(link)
            self.pcs_since, self.conclusion_next = [], False
        self.pcs_since.append(member)
        self.current = member

    def inference(self) -> dict[str, Any]:
        """The waiting inference's rules (Argdown separates them by commas), data and tags."""
        if self.pending is None:
            return {}
        line, text = self.pending
        self.pending = None
        body, tags, data = marked(text, self.warnings, line)
        rules = (unescape(rule) for rule in _RULE.findall(body))  # an escaped comma is text
        found = {"rules": [r for r in rules if r], "data": data}
        found["tags"] = tags
        return {k: v for k, v in found.items() if v not in (None, [])}


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
    body, tags, data = marked(text, warnings, line)
    return unescape(body), tags, data


def marked(text: str, warnings: list[str], line: int) -> tuple[str, list[str], Any]:
    """:func:`plain`, but the text as written, escapes and all."""
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
    return _TAG.sub("", text), tags, data


def unescape(text: str) -> str:
    """Text as written in Argdown, escapes undone and white space runs made one space."""
    return _SPACE.sub(" ", _ESCAPED.sub(r"\1", text)).strip()


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
    one-line keys (``title: ...``, values as strings); nested keys and lines it cannot read
    are reported, with their count.
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
    nested: list[str] = []
    unread: list[int] = []
    last, in_nested = None, False
    for number, raw in enumerate(lines[first + 1 : end], first + 2):
        line = raw.replace(SKIP, "").rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue  # blank, a comment, or a comment argmap's own reading removed
        match = _FRONT_KEY.fullmatch(line)
        if match and match[2]:
            last, in_nested = match[1], False
            result[last] = match[2].strip("\"'")
        elif match:
            nested.append(match[1])
            last, in_nested = None, True
        elif in_nested and line[0] in " \t-":
            continue  # the nested key's own lines, reported with it
        elif last is not None and ":" not in line:
            result[last] += " " + line.strip()
        else:
            unread.append(number)
    start = f"line {first + 1}: front matter: "
    if nested:
        keys = f"{_count(len(nested), 'nested key')} ({', '.join(nested)})"
        warnings.append(f"{start}{keys} {_be(len(nested))} YAML this importer cannot read; ignored")
    if unread:
        where = ", ".join(map(str, unread[:10])) + (", ..." if len(unread) > 10 else "")
        warnings.append(
            f"{start}{_count(len(unread), 'line')} {_be(len(unread))} YAML this importer "
            f"cannot read (lines {where}); ignored"
        )
    return result, end + 1


def _count(number: int, noun: str) -> str:
    """``number`` and the noun, plural unless it is one.

    >>> _count(1, "line"), _count(2, "line")
    ('1 line', '2 lines')
    """
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _be(number: int) -> str:
    return "is" if number == 1 else "are"
