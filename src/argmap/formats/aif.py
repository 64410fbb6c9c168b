"""AIF (AIFdb JSON) and xAIF/OVA3: import and export that keep speakers and the dialogue.

**Import** (:func:`load`, :func:`loads`; ``*_with_warnings`` also return what was skipped):

- I-nodes become claims, in file order; AIF ids become ours (``123`` becomes ``n123``; an id
  that is already valid and starts with a letter is kept), the original is kept in
  ``data["aif"]``.
- A claim's speaker is the speaker of the locution (L-node) that anchors it, L → YA → I; its
  quote is that locution's text without the ``"Name : "`` prefix. An I-node no locution
  anchors gets the speaker named "Unknown".
- Speakers come from ``locutions[].personID`` (named by the xAIF ``participants`` list when it
  has the person) or, without a person, from the ``"Name : utterance"`` prefix of the L-node
  text (separators vary: ``"CL : x"``, ``"POSTER_1: x"``). Every locution with a person makes
  a speaker, also one that anchors no claim.
- RA → ``supports``, CA → ``attacks`` (``undercuts`` when the CA targets an RA, CA, MA or a
  dialogue YA node), MA (rephrase) → ``elaborates`` (``from`` restates ``to``); one relation
  per premise and conclusion. Scheme names such as "Default Inference" go to ``data["aif"]``.
- YA "Agreeing"/"Disagreeing" → ``agrees``/``disagrees``. Its source is a locution or a
  transition (TA, whose later locution is the one that responds); each end is the claim its
  locution anchors, else that locution's speaker; a target I-node is that claim. Anchored on
  a relation node (IAT's disagreement anchored on a CA), it joins the two speakers of the
  transition.
- An L-node as the premise or conclusion of an RA/CA/MA stands for the claim it anchors, else
  for its speaker (this is how our export writes speaker-level supports and attacks).
- Reported, not fatal: unknown node types, PA nodes, duplicate node ids, edges to missing
  nodes, self-loops, nodes without edges, relation nodes without premise or conclusion.

**Export** (:func:`dumps`, :func:`dump`, :func:`dumps_xaif`): see :mod:`argmap.formats.aif_export`.

>>> from argmap.formats import aif
>>> m = aif.loads('''{"nodes": [
...   {"nodeID": 1, "type": "I", "text": "Tax sugar."},
...   {"nodeID": 2, "type": "L", "text": "Ann : we should tax sugar"},
...   {"nodeID": 3, "type": "YA", "text": "Asserting"}],
...  "edges": [{"fromID": 2, "toID": 3}, {"fromID": 3, "toID": 1}]}''')
>>> c = m.claim("n1"); c.text, c.quote, m.speaker(c.speaker).name
('Tax sugar.', 'we should tax sugar', 'Ann')
>>> aif.loads(aif.dumps(m)).claim("n1").speaker == c.speaker
True
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from argmap.errors import FormatError, Problem
from argmap.formats.aif_export import dump, dumps, dumps_xaif, to_aif
from argmap.formats.common import IdMaker, Imported, build, clean_text, read_source
from argmap.model import ArgumentMap

__all__ = [
    "dump",
    "dumps",
    "dumps_xaif",
    "from_document",
    "load",
    "load_with_warnings",
    "loads",
    "loads_with_warnings",
    "to_aif",
]

_RELATION_NODES: Final = {"RA": "supports", "CA": "attacks", "MA": "elaborates"}
_DIALOGUE: Final = {"agreeing": "agrees", "disagreeing": "disagrees"}
_KNOWN_TYPES: Final = frozenset({"I", "L", "YA", "TA", "RA", "CA", "MA"})
# "Name : utterance": a short name without a colon, then a colon that starts no URL.
_PREFIX: Final = re.compile(r"\s*([^\s:][^:\n]{0,79}?)\s*:(?!//)\s*(.*)", re.DOTALL)
_UNKNOWN: Final = "Unknown"


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Import an AIF or xAIF file (see the module documentation)."""
    return load_with_warnings(path).map


def load_with_warnings(path: str | os.PathLike[str]) -> Imported:
    """Import an AIF or xAIF file; also return the warnings."""
    file = os.fspath(path)
    return loads_with_warnings(read_source(file), title=Path(file).stem, file=file)


def loads(text: str | bytes, *, title: str = "AIF import", file: str | None = None) -> ArgumentMap:
    """Import AIF or xAIF from a string."""
    return loads_with_warnings(text, title=title, file=file).map


def loads_with_warnings(
    text: str | bytes, *, title: str = "AIF import", file: str | None = None
) -> Imported:
    """Import AIF or xAIF from a string; also return the warnings, one line each."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        raise FormatError([Problem("", message)], file) from None
    except (ValueError, RecursionError) as error:
        raise FormatError([Problem("", f"is not valid JSON: {error}")], file) from None
    return from_document(document, title=title, file=file)


def from_document(document: Any, *, title: str = "AIF import", file: str | None = None) -> Imported:
    """Import AIF or xAIF already parsed from JSON; also return the warnings."""
    return _Importer(document, file).run(title)


# --- import -------------------------------------------------------------------------------


@dataclass
class _Node:
    id: str  # the AIF nodeID as a string (AIF switches between strings and integers)
    raw: Any  # the nodeID as written
    type: str
    text: str
    path: str  # JSON path, for warnings
    extra: dict[str, Any]  # scheme, schemeID


@dataclass
class _Speaker:
    id: str
    name: str
    person: Any | None


@dataclass
class _Importer:
    document: Any
    file: str | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    nodes: dict[str, _Node] = field(default_factory=dict)
    outs: dict[str, list[str]] = field(default_factory=dict)
    ins: dict[str, list[str]] = field(default_factory=dict)
    persons: dict[str, Any] = field(default_factory=dict)  # L nodeID -> personID as written
    names: dict[str, str] = field(default_factory=dict)  # personID as string -> name
    order: dict[str, int] = field(default_factory=dict)  # nodeID -> place in the file
    ids: IdMaker = field(default_factory=IdMaker)
    speakers: dict[str, _Speaker] = field(default_factory=dict)  # speaker key -> speaker
    claim_of: dict[str, str] = field(default_factory=dict)  # I or L nodeID -> claim id
    relations_of: dict[str, list[str]] = field(default_factory=dict)  # node -> relation ids
    base_ids: dict[str, str] = field(default_factory=dict)  # relation node -> its id
    relations: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # node order

    def run(self, title: str) -> Imported:
        root, base = self.root()
        self.read_nodes(root, base)
        self.read_edges(root, base)
        self.read_people(root, base)
        if self.problems:
            raise FormatError(self.problems, self.file)
        self.warn_isolated()
        claims = self.claims()
        for node in self.of_type("L"):
            if node.id in self.persons:
                self.speaker(node)
        self.relation_nodes()
        self.dialogue_nodes()
        self.undercuts()
        document = {
            "argmap": "1",
            "title": title,
            "speakers": [
                {"id": s.id, "name": s.name}
                | ({"data": {"aif": {"personID": s.person}}} if s.person is not None else {})
                for s in sorted(self.speakers.values(), key=self.participant_order)
            ],
            "claims": claims,
            "relations": [r for _, r in sorted(self.relations, key=lambda pair: pair[0])],
        }
        return Imported(build(document, self.file), self.warnings)

    # reading and checking the document

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
        value = item.get(key)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int) or str(value) == "":
            self.problems.append(Problem(f"{path}.{key}", "missing; expected a string or integer"))
            return None
        return value

    def read_nodes(self, root: dict[str, Any], base: str) -> None:
        for index, item in enumerate(self.items(root, "nodes", base, True)):
            path = f"{base}nodes[{index}]"
            if not isinstance(item, dict):
                continue
            raw = self.ident(item, "nodeID", path)
            kind, text = item.get("type"), item.get("text", "")
            if not isinstance(kind, str):
                self.problems.append(Problem(f"{path}.type", "missing; expected a node type"))
            if not isinstance(text, str):
                self.problems.append(Problem(f"{path}.text", "expected a string"))
            if raw is None or not isinstance(kind, str) or not isinstance(text, str):
                continue
            node_id = str(raw)
            if node_id in self.nodes:
                self.warn(path, f"nodeID {raw!r} is used twice; kept the first node")
            elif kind.upper() not in _KNOWN_TYPES:
                self.warn(path, f"{kind!r} node {raw!r}: node type not supported; skipped")
            else:
                extra = {k: item[k] for k in ("scheme", "schemeID") if item.get(k) is not None}
                self.order[node_id] = len(self.order)
                self.nodes[node_id] = _Node(
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
                if person is not None and name:
                    self.names.setdefault(str(person), name)
        for index, item in enumerate(self.items(root, "locutions", base, False)):
            path = f"{base}locutions[{index}]"
            if not isinstance(item, dict):
                continue
            node, person = (
                self.ident(item, "nodeID", path),
                self.ident(item, "personID", path, False),
            )
            if node is None or person is None:
                continue
            known = self.persons.setdefault(str(node), person)
            if str(known) != str(person):
                self.warn(
                    path, f"locution {node!r} has persons {known!r} and {person!r}; kept the first"
                )

    def participant_order(self, speaker: _Speaker) -> int:
        """Speakers in the order of the participants list, the others after them."""
        persons = list(self.names)
        person = str(speaker.person)
        return persons.index(person) if person in persons else len(persons)

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"{path}: {message}")

    def warn_isolated(self) -> None:
        for node in self.nodes.values():
            if node.type != "I" and node.id not in self.outs and node.id not in self.ins:
                if node.type == "L" and node.id in self.persons:
                    continue  # a speaker's locution: it still makes the speaker
                self.warn(node.path, f"{node.type} node {node.raw!r} has no edges; skipped")

    # the model

    def of_type(self, *types: str) -> list[_Node]:
        return [n for n in self.nodes.values() if n.type in types]

    def linked(self, node_id: str, direction: dict[str, list[str]], *types: str) -> list[_Node]:
        return [self.nodes[n] for n in direction.get(node_id, ()) if self.nodes[n].type in types]

    def is_dialogue(self, node: _Node) -> bool:
        return node.type == "YA" and node.text.lower() in _DIALOGUE

    def anchors(self, claim: _Node) -> list[_Node]:
        """The locutions that anchor an I-node: L -> YA -> I, without Agreeing/Disagreeing."""
        return [
            locution
            for ya in self.linked(claim.id, self.ins, "YA")
            if not self.is_dialogue(ya)
            for locution in self.linked(ya.id, self.ins, "L")
        ]

    def split(self, locution: _Node) -> tuple[str | None, str]:
        """The speaker's name in the locution text (if any) and the utterance without it."""
        text = locution.text
        person = self.persons.get(locution.id)
        name = None if person is None else self.names.get(str(person))
        if name and text.startswith(name):
            rest = re.match(r"\s*:\s*", text[len(name) :])
            if rest:
                return name, text[len(name) + rest.end() :]
        match = _PREFIX.fullmatch(text)
        if match and match[2].strip():
            return match[1], match[2]
        return None, text

    def speaker(self, locution: _Node | None) -> str:
        """The id of the speaker of a locution (made on first use); "Unknown" for none."""
        person = None if locution is None else self.persons.get(locution.id)
        prefix = None if locution is None else self.split(locution)[0]
        key = f"person:{person}" if person is not None else f"name:{prefix or _UNKNOWN}"
        if key not in self.speakers:
            name = (
                self.names.get(str(person))
                or prefix
                or (f"Person {person}" if person is not None else _UNKNOWN)
            )
            pid = str(person) if person is not None else ""
            ident = (
                self.ids.foreign(pid, "p")
                if pid[:1].isalpha()
                else self.ids.slug(name, f"p{pid}" if pid else "speaker")
            )
            self.speakers[key] = _Speaker(ident, name, person)
        return self.speakers[key].id

    def claims(self) -> list[dict[str, Any]]:
        claims = []
        for node in self.of_type("I"):
            ident = self.ids.foreign(node.raw, "n")
            self.claim_of[node.id] = ident
            anchors = self.anchors(node)
            for locution in anchors:
                self.claim_of.setdefault(locution.id, ident)
            claim: dict[str, Any] = {
                "id": ident,
                "speaker": self.speaker(anchors[0] if anchors else None),
            }
            text = node.text
            if not text:
                self.warn(node.path, f"I node {node.raw!r} has no text; used '(no text)'")
                text = "(no text)"
            claim["text"] = text
            aif: dict[str, Any] = {"nodeID": node.raw}
            if anchors:
                quote = clean_text(self.split(anchors[0])[1])
                if quote:
                    claim["quote"] = quote
                aif["locutions"] = [a.raw for a in anchors]
                speakers = {self.speaker(a) for a in anchors}
                if len(speakers) > 1:
                    self.warn(
                        node.path,
                        f"I node {node.raw!r} is asserted by {len(speakers)} speakers; "
                        f"kept the first ({claim['speaker']})",
                    )
            claim["data"] = {"aif": aif}
            claims.append(claim)
        return claims

    def end(self, node: _Node) -> str:
        """A claim for an I-node; for an L-node the claim it anchors, else its speaker."""
        if node.type == "L" and node.id not in self.claim_of:
            return self.speaker(node)
        return self.claim_of[node.id]

    def add(self, node: _Node, kind: str, pairs: list[tuple[str, str]]) -> None:
        """Relations of one AIF node: one per (from, to) pair; self-links are reported."""
        kept = []
        for start, end in pairs:
            if start == end:
                self.warn(
                    node.path, f"{node.type} node {node.raw!r} joins {start} to itself; skipped"
                )
            else:
                kept.append((start, end))
        base = self.base_ids.get(node.id) or self.ids.foreign(node.raw, "n")
        self.base_ids[node.id] = base
        data = {"aif": {"nodeID": node.raw, "type": node.type, "text": node.text} | node.extra}
        made: list[str] = []
        made_before = len(self.relations_of.get(node.id, ()))
        for number, (start, end) in enumerate(kept, 1):
            ident = (
                base
                if len(kept) == 1 and not made_before
                else self.ids.unique(f"{base}.{number + made_before}")
            )
            made.append(ident)
            relation = {"id": ident, "from": start, "to": end, "type": kind, "data": data}
            self.relations.append((self.order[node.id], relation))
        self.relations_of.setdefault(node.id, []).extend(made)

    def relation_nodes(self) -> None:
        for node in self.of_type("RA", "CA", "MA"):
            premises = self.linked(node.id, self.ins, "I", "L")
            targets = self.linked(node.id, self.outs, "I", "L", "RA", "CA", "MA", "YA")
            if not premises or not targets:
                if node.id in self.ins or node.id in self.outs:
                    missing = "premise" if not premises else "conclusion"
                    self.warn(node.path, f"{node.type} node {node.raw!r} has no {missing}; skipped")
                continue
            conclusions = [t for t in targets if t.type in ("I", "L")]
            if len(conclusions) < len(targets) and node.type != "CA":
                self.warn(
                    node.path,
                    f"{node.type} node {node.raw!r} targets a relation node; "
                    "only conflicts (CA) can; skipped that edge",
                )
            if conclusions:
                pairs = [(self.end(p), self.end(c)) for p in premises for c in conclusions]
                self.add(node, _RELATION_NODES[node.type], pairs)

    def dialogue_nodes(self) -> None:
        for node in self.of_type("YA"):
            if not self.is_dialogue(node):
                continue
            kind = _DIALOGUE[node.text.lower()]
            pairs = []
            for source in self.linked(node.id, self.ins, "L", "TA"):
                earlier = self.linked(source.id, self.ins, "L")[:1] if source.type == "TA" else []
                later = (
                    self.linked(source.id, self.outs, "L")[:1] if source.type == "TA" else [source]
                )
                if not later:
                    continue
                for target in self.linked(node.id, self.outs, "I", "L", "RA", "CA", "MA", "YA"):
                    if target.type in ("I", "L"):
                        pairs.append((self.end(later[0]), self.end(target)))
                    elif earlier:
                        pairs.append((self.speaker(later[0]), self.speaker(earlier[0])))
            if not pairs:
                if node.id in self.ins or node.id in self.outs:
                    self.warn(
                        node.path,
                        f"YA {node.text!r} node {node.raw!r} joins no "
                        "locution or transition to a claim, locution or relation; skipped",
                    )
                continue
            self.add(node, kind, pairs)

    def undercuts(self) -> None:
        pending = [
            (node, target)
            for node in self.of_type("CA")
            if self.linked(node.id, self.ins, "I", "L")
            for target in self.linked(node.id, self.outs, "RA", "CA", "MA", "YA")
        ]
        while pending:  # an undercut of an undercut waits for its target
            waiting = [(n, t) for n, t in pending if t.id not in self.relations_of]
            ready = [(n, t) for n, t in pending if t.id in self.relations_of]
            if not ready:
                for node, target in waiting:
                    self.warn(
                        node.path,
                        f"CA node {node.raw!r} attacks node {target.raw!r}, "
                        "which makes no relation; skipped",
                    )
                return
            for node, target in ready:
                premises = [self.end(p) for p in self.linked(node.id, self.ins, "I", "L")]
                claims = [p for p in premises if not self.is_speaker(p)]
                if len(claims) < len(premises):
                    self.warn(
                        node.path, f"CA node {node.raw!r}: a speaker cannot undercut; skipped"
                    )
                pairs = [(p, r) for p in claims for r in self.relations_of[target.id]]
                self.add(node, "undercuts", pairs)
            pending = waiting

    def is_speaker(self, ident: str) -> bool:
        return any(s.id == ident for s in self.speakers.values())
