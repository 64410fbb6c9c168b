"""An AIF or xAIF document read and checked: its nodes, edges, locutions and participants,
with every problem named by its JSON path. What the nodes mean is
:mod:`argmap.formats.aif`'s business.

>>> doc = AifDocument({"nodes": [{"nodeID": 1, "type": "I", "text": "A"},
...                              {"nodeID": "2", "type": "XX", "text": "?"}], "edges": []}, None)
>>> root = doc.read()
>>> sorted(doc.nodes), doc.warnings
(['1'], ["nodes[1]: 'XX' node '2': node type not supported; skipped"])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from argmap.errors import FormatError, Problem
from argmap.formats.common import clean_text
from argmap.mapfile.syntax import ABSENT, type_name

__all__ = ["KNOWN_TYPES", "AifDocument", "Node"]

KNOWN_TYPES: Final = frozenset({"I", "L", "YA", "TA", "RA", "CA", "MA"})


@dataclass
class Node:
    """One usable AIF node."""

    id: str  # the AIF nodeID as a string (AIF switches between strings and integers)
    raw: Any  # the nodeID as written
    type: str
    text: str
    path: str  # JSON path, for warnings
    extra: dict[str, Any]  # scheme, schemeID


@dataclass
class AifDocument:
    """The parts of an AIF document, read by :meth:`read`; problems that stop the import
    raise :class:`~argmap.FormatError`, lesser ones become ``warnings``."""

    document: Any
    file: str | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    outs: dict[str, list[str]] = field(default_factory=dict)
    ins: dict[str, list[str]] = field(default_factory=dict)
    persons: dict[str, Any] = field(default_factory=dict)  # L nodeID -> personID as written
    names: dict[str, str] = field(default_factory=dict)  # personID as string -> name
    #: the participants list in order: personID as string -> as written (named or not)
    participants: dict[str, Any] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)  # nodeID -> place in the file
    timestamps: dict[str, str] = field(default_factory=dict)  # L nodeID -> its timestamp

    def read(self) -> dict[str, Any]:
        """Read everything; the AIF object (the document, or its ``"AIF"`` inside xAIF)."""
        root, base = self.root()
        self.read_nodes(root, base)
        self.read_edges(root, base)
        self.read_people(root, base)
        if self.problems:
            raise FormatError(self.problems, self.file)
        self.warn_isolated()
        return root

    def root(self) -> tuple[dict[str, Any], str]:
        document = self.document
        if not isinstance(document, dict):
            raise FormatError([Problem("", "expected a JSON object (AIF or xAIF)")], self.file)
        if "AIF" in document:
            if not isinstance(document["AIF"], dict):
                raise FormatError([Problem("AIF", "expected an object (the AIF graph)")], self.file)
            return document["AIF"], "AIF."
        return document, ""

    def items(self, root: dict[str, Any], key: str, base: str, required: bool) -> list[Any]:
        if key not in root and not required:
            return []
        value = root.get(key)
        if not isinstance(value, list):
            self.problems.append(Problem(base + key, "missing or not a list"))
            return []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.problems.append(Problem(f"{base}{key}[{index}]", "expected an object"))
        return value

    def ident(self, item: dict[str, Any], key: str, path: str, required: bool = True) -> Any:
        """An id (a string or an integer, not a boolean); a problem naming what is there
        instead. An optional id may be absent or null."""
        value = item.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, bool) and isinstance(value, str | int) and str(value) != "":
            return value
        self.wrong(item, key, path, "a string or integer")
        return None

    def wrong(self, item: dict[str, Any], key: str, path: str, expected: str) -> None:
        """The problem of ``item[key]``: missing, empty, or what was found instead.

        >>> doc = AifDocument({}, None)
        >>> for value in ({}, {"k": ""}, {"k": True}, {"k": [1]}):
        ...     doc.wrong(value, "k", "x", "a string")
        >>> [p.message for p in doc.problems]  # doctest: +NORMALIZE_WHITESPACE
        ['missing; expected a string', 'is empty; expected a string',
         'expected a string, got a boolean', 'expected a string, got an array']
        """
        value = item.get(key, ABSENT)
        if value is ABSENT:
            message = f"missing; expected {expected}"
        elif value == "":
            message = f"is empty; expected {expected}"
        else:
            message = f"expected {expected}, got {type_name(value)}"
        self.problems.append(Problem(f"{path}.{key}", message))

    def read_nodes(self, root: dict[str, Any], base: str) -> None:
        for index, item in enumerate(self.items(root, "nodes", base, True)):
            path = f"{base}nodes[{index}]"
            if not isinstance(item, dict):
                continue
            raw = self.ident(item, "nodeID", path)
            kind, text = item.get("type"), item.get("text", "")
            if not isinstance(kind, str):
                self.wrong(item, "type", path, "a node type")
            if not isinstance(text, str):
                self.wrong(item, "text", path, "a string")
            if raw is None or not isinstance(kind, str) or not isinstance(text, str):
                continue
            node_id = str(raw)
            if node_id in self.nodes:
                self.warn(path, f"nodeID {raw!r} is used twice; kept the first node")
            elif kind.upper() not in KNOWN_TYPES:
                self.warn(path, f"{kind!r} node {raw!r}: node type not supported; skipped")
            else:
                extra = {k: item[k] for k in ("scheme", "schemeID") if item.get(k) is not None}
                if kind.upper() == "L" and isinstance(item.get("timestamp"), str):
                    self.timestamps[node_id] = item["timestamp"]
                self.order[node_id] = len(self.order)
                self.nodes[node_id] = Node(
                    node_id, raw, kind.upper(), clean_text(text), path, extra
                )

    def read_edges(self, root: dict[str, Any], base: str) -> None:
        seen: set[tuple[str, str]] = set()
        for index, item in enumerate(self.items(root, "edges", base, True)):
            path = f"{base}edges[{index}]"
            if not isinstance(item, dict):
                continue
            start, end = self.ident(item, "fromID", path), self.ident(item, "toID", path)
            if start is None or end is None:
                continue
            start, end = str(start), str(end)
            missing = [n for n in (start, end) if n not in self.nodes]
            if missing:
                self.warn(path, f"edge {start} -> {end}: no usable node {missing[0]}; skipped")
            elif start == end:
                self.warn(path, f"edge {start} -> {end} is a self-loop; skipped")
            elif (start, end) not in seen:
                seen.add((start, end))
                self.outs.setdefault(start, []).append(end)
                self.ins.setdefault(end, []).append(start)

    def read_people(self, root: dict[str, Any], base: str) -> None:
        holder = root if "participants" in root else self.document  # inside AIF or beside it
        where = base if holder is root else ""
        for index, item in enumerate(self.items(holder, "participants", where, False)):
            if isinstance(item, dict):
                person = self.ident(item, "participantID", f"{where}participants[{index}]")
                name = " ".join(
                    clean_text(item[k])
                    for k in ("firstname", "surname")
                    if isinstance(item.get(k), str) and clean_text(item[k])
                )
                if person is not None:
                    self.participants.setdefault(str(person), person)
                    if name:
                        self.names.setdefault(str(person), name)
        for index, item in enumerate(self.items(root, "locutions", base, False)):
            path = f"{base}locutions[{index}]"
            if not isinstance(item, dict):
                continue
            node, person = (
                self.ident(item, "nodeID", path),
                self.ident(item, "personID", path, False),
            )
            if node is not None and isinstance(item.get("timestamp"), str):
                self.timestamps.setdefault(str(node), item["timestamp"])
            if node is None or person is None:
                continue
            known = self.persons.setdefault(str(node), person)
            if str(known) != str(person):
                self.warn(
                    path, f"locution {node!r} has persons {known!r} and {person!r}; kept the first"
                )

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{path}: {message}")

    def warn_isolated(self) -> None:
        for node in self.nodes.values():
            if node.type != "I" and node.id not in self.outs and node.id not in self.ins:
                if node.type == "L" and node.id in self.persons:
                    continue  # a speaker's locution: it still makes the speaker
                self.warn(node.path, f"{node.type} node {node.raw!r} has no edges; skipped")

    # the model

    def of_type(self, *types: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.type in types]

    def linked(self, node_id: str, direction: dict[str, list[str]], *types: str) -> list[Node]:
        return [self.nodes[n] for n in direction.get(node_id, ()) if self.nodes[n].type in types]
