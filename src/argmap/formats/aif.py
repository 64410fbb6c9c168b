"""AIF (AIFdb JSON) and xAIF/OVA3: import and export that keep speakers and the dialogue.

**Import** (:func:`load`, :func:`loads`; ``*_with_warnings`` also return what was skipped):

- I-nodes become claims, in file order; AIF ids become ours (``123`` becomes ``n123``; an id
  that is already valid and starts with a letter is kept), the original is kept in
  ``data["aif"]``.
- A claim's speaker is the person of a locution (L-node) that anchors it by any path
  (L → YA → I, or a YA on a transition into the locution; see :mod:`argmap.formats.iat`);
  its quote is that locution's text without the ``"Name : "`` prefix, ``data["aif"]`` keeps
  the locutions, the claim's place in the dialogue (``dialogue``) and ``timestamp``, and
  ``data["speech_act"]`` the illocution when it is not Asserting (Pure Questioning,
  Challenging, Conceding, ...). Claims no locution anchors get the speaker "Unknown"; one
  warning counts them and says why.
- Speakers come from ``locutions[].personID`` (named by the xAIF ``participants`` list when it
  has the person) and from the ``"Name : utterance"`` prefix of the L-node text (separators
  vary: ``"CL : x"``, ``"POSTER_1: x"``); a personID or a name shared by locutions is one
  speaker (``data["aif"]["personIDs"]`` when several). Every locution with a person makes a
  speaker, also one that anchors no claim.
- RA → ``supports``, CA → ``attacks`` (``undercuts`` when the CA targets an RA, CA, MA or a
  dialogue YA node), MA (rephrase) → ``elaborates`` (``from`` restates ``to``); one relation
  per premise and conclusion (a node with more than 1,024 such pairs keeps its first
  conclusion, reported). Scheme names such as "Default Inference" go to ``data["aif"]``, and
  so does the illocution anchored on the node (``illocution``: IAT's "Disagreeing" on a CA,
  "Arguing" on an RA), which is the same move seen in the dialogue, not another relation.
- YA "Agreeing"/"Disagreeing" with a claim or locution → ``agrees``/``disagrees``. Its source
  is a locution or a transition (TA, whose later locution is the one that responds); each end
  is the claim its locution anchors, else that locution's speaker.
- An ``ARGMAP`` key (what :func:`dumps` writes, :mod:`argmap.formats.aif_extension`) gives
  back what AIF has no field for; the xAIF wrapper's ``text`` and ``OVA`` layout go to
  ``data["xaif"]``.
- An L-node as the premise or conclusion of an RA/CA/MA stands for the claim it anchors, else
  for its speaker (this is how our export writes speaker-level supports and attacks).
- Reported, not fatal: unknown node types, PA nodes, duplicate node ids, edges to missing
  nodes, self-loops, nodes without edges, relation nodes without premise or conclusion.

**Export** (:func:`dumps`, :func:`dump`; :func:`dumps_xaif` wraps it as ``{"AIF": ...}``):
an I-node per claim (its id as nodeID), an L-node ``"Name : quote"`` (the text when the claim
has no quote) with a YA "Asserting" per claim, TA nodes between consecutive locutions in claim
order, RA/CA/MA per relation (CA onto the relation node for undercuts), YA
"Agreeing"/"Disagreeing" from the locution of ``from`` to ``to``; ``locutions`` whose
``personID`` is the speaker's id and ``participants`` with the speakers' names. A speaker end
is written as a locution of that speaker that anchors no claim. Lost: the map's title,
claim kinds and outcomes, relation quotes and notes, speakers' roles and affiliations.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from argmap.formats import IdMaker, Imported, aif_extension, build, clean_text, iat, read_source
from argmap.mapfile import MapError, Problem
from argmap.model import ArgumentMap, Relation

__all__ = [
    "dump",
    "dumps",
    "dumps_xaif",
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
#: A relation node joining more premises x conclusions than this keeps its first conclusion:
#: the pairs would grow with the square of the file (2.56 M relations from 3,200 edges).
MAX_PAIRS: Final = 1024


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
        raise MapError([Problem("", message)], file) from None
    except (ValueError, RecursionError) as error:
        raise MapError([Problem("", f"is not valid JSON: {error}")], file) from None
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
    persons: list[Any]  # personIDs as written, first seen first


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
    timestamps: dict[str, str] = field(default_factory=dict)  # L nodeID -> its timestamp
    speaker_ids: set[str] = field(default_factory=set)
    unattributed: list[str] = field(default_factory=list)  # claim ids, and why: see run
    nameless: list[str] = field(default_factory=list)
    reading: iat.Reading | None = None

    def run(self, title: str) -> Imported:
        root, base = self.root()
        self.read_nodes(root, base)
        self.read_edges(root, base)
        self.read_people(root, base)
        if self.problems:
            raise MapError(self.problems, self.file)
        self.warn_isolated()
        edges = [(start, end) for start, ends in self.outs.items() for end in ends]
        nodes = {n.id: (n.type, n.text) for n in self.nodes.values()}
        exact = aif_extension.KEY in root  # our own export: one personID per speaker
        graph = iat.Graph(nodes, edges, self.persons, self.names, merge_names=not exact)
        self.reading = iat.read(graph)
        claims = self.claims()
        for node in self.of_type("L"):
            if node.id in self.persons:
                self.speaker(node)  # every person is a speaker, also one who claims nothing
        self.relation_nodes()
        self.dialogue_nodes()
        self.undercuts()
        self.warn_unattributed(len(claims))
        order = {str(person): index for index, person in enumerate(self.names)}
        speakers = sorted(
            self.speakers.values(),
            key=lambda s: min(
                (order.get(str(p), len(order)) for p in s.persons), default=len(order)
            ),
        )
        document: dict[str, Any] = {
            "argmap": "1",
            "title": title,
            "speakers": [{"id": s.id, "name": s.name} | _person_data(s) for s in speakers],
            "claims": claims,
            "relations": [r for _, r in sorted(self.relations, key=lambda pair: pair[0])],
        }
        wrapper = self.document if root is not self.document else {}
        kept = {k: wrapper[k] for k in ("text", "OVA") if wrapper.get(k)}
        if kept:  # xAIF: the analysed text and OVA's layout, kept as they are
            document["data"] = {"xaif": kept}
        if aif_extension.KEY in root:
            document = aif_extension.overlay(document, root[aif_extension.KEY], self.warnings)
        return Imported(build(document, self.file), self.warnings)

    def warn_unattributed(self, total: int) -> None:
        """One warning for the claims left to the speaker "Unknown", naming the reason."""
        for claims, why in (
            (
                self.unattributed,
                "are tied to no locution (no L-YA-I path, no YA on a transition into a locution)",
            ),
            (
                self.nameless,
                "are said in locutions that name no speaker (no personID, no 'Name :' prefix)",
            ),
        ):
            if claims:
                some = ", ".join(claims[:5]) + (" ..." if len(claims) > 5 else "")
                self.warnings.append(
                    f"{len(claims)} of {total} claims {why}: speaker 'Unknown' ({some})"
                )

    # reading and checking the document

    def root(self) -> tuple[dict[str, Any], str]:
        document = self.document
        if not isinstance(document, dict):
            raise MapError([Problem("", "expected a JSON object (AIF or xAIF)")], self.file)
        if "AIF" in document:
            if not isinstance(document["AIF"], dict):
                raise MapError([Problem("AIF", "expected an object (the AIF graph)")], self.file)
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
                if kind.upper() == "L" and isinstance(item.get("timestamp"), str):
                    self.timestamps[node_id] = item["timestamp"]
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

    def of_type(self, *types: str) -> list[_Node]:
        return [n for n in self.nodes.values() if n.type in types]

    def linked(self, node_id: str, direction: dict[str, list[str]], *types: str) -> list[_Node]:
        return [self.nodes[n] for n in direction.get(node_id, ()) if self.nodes[n].type in types]

    def is_dialogue(self, node: _Node) -> bool:
        return node.type == "YA" and node.text.lower() in _DIALOGUE

    def split(self, locution: _Node) -> tuple[str | None, str]:
        """The speaker's name in the locution text (if any) and the utterance without it."""
        person = self.persons.get(locution.id)
        return iat.split(locution.text, None if person is None else self.names.get(str(person)))

    def speaker(self, locution: _Node | None) -> str:
        """The id of the speaker of a locution (made on first use); "Unknown" for none."""
        assert self.reading is not None
        key = "" if locution is None else self.reading.speaker_of.get(locution.id, "")
        if key not in self.speakers:  # "": nobody, the speaker "Unknown"
            person = self.reading.speakers.get(key)
            persons = person.person_ids if person else []
            pid = str(persons[0]) if persons else ""
            name = (person.name if person else None) or (f"Person {pid}" if pid else _UNKNOWN)
            ident = (
                self.ids.foreign(pid, "p")
                if pid[:1].isalpha()
                else self.ids.slug(name, f"p{pid}" if pid else "speaker")
            )
            self.speakers[key] = _Speaker(ident, name, persons)
            self.speaker_ids.add(ident)
        return self.speakers[key].id

    def claims(self) -> list[dict[str, Any]]:
        assert self.reading is not None
        claims = []
        for node in self.of_type("I"):
            ident = self.ids.foreign(node.raw, "n")
            self.claim_of[node.id] = ident
            anchors = [self.nodes[n] for n in self.reading.anchors.get(node.id, ())]
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
            data: dict[str, Any] = {}
            if not anchors:
                self.unattributed.append(ident)
            else:
                first = anchors[0]
                if first.id not in self.reading.speaker_of:
                    self.nameless.append(ident)
                quote = clean_text(self.split(first)[1])
                if quote:
                    claim["quote"] = quote
                aif["locutions"] = [a.raw for a in anchors]
                aif["dialogue"] = self.reading.dialogue[first.id]
                if first.id in self.timestamps:
                    aif["timestamp"] = self.timestamps[first.id]
                speakers = {self.speaker(a) for a in anchors}
                if len(speakers) > 1:
                    self.warn(
                        node.path,
                        f"I node {node.raw!r} is asserted by {len(speakers)} speakers; "
                        f"kept the first ({claim['speaker']})",
                    )
            if node.id in self.reading.speech_acts:
                data["speech_act"] = self.reading.speech_acts[node.id]
            claim["data"] = data | {"aif": aif}
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
        aif = {"nodeID": node.raw, "type": node.type, "text": node.text} | node.extra
        assert self.reading is not None
        anchored = [self.nodes[n] for n in self.reading.provenance.get(node.id, ())]
        if anchored:  # the move in the dialogue that made this inference or conflict
            aif["illocution"] = anchored[0].text
            aif["illocutionID"] = anchored[0].raw
        data = {"aif": aif}
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
            if len(premises) * len(conclusions) > MAX_PAIRS:
                self.warn(
                    node.path,
                    f"{node.type} node {node.raw!r} joins {len(premises)} premises to "
                    f"{len(conclusions)} conclusions; kept the first conclusion only (an AIF "
                    "inference or conflict has one conclusion)",
                )
                conclusions = conclusions[:1]
            if conclusions:
                pairs = [(self.end(p), self.end(c)) for p in premises for c in conclusions]
                self.add(node, _RELATION_NODES[node.type], pairs)

    def dialogue_nodes(self) -> None:
        for node in self.of_type("YA"):
            if not self.is_dialogue(node):
                continue
            kind = _DIALOGUE[node.text.lower()]
            pairs = []
            provenance = False
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
                    elif self.linked(target.id, self.ins, "I", "L") and target.type != "YA":
                        provenance = True  # the relation itself; its data names this node
                    elif earlier:
                        pairs.append((self.speaker(later[0]), self.speaker(earlier[0])))
            if not pairs and provenance:
                continue
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
        """CA nodes on relation nodes, each after the CA it attacks when that is one too.

        A depth-first walk down each chain, every CA placed once: a chain of n undercuts
        costs n steps (before, n rounds over all waiting nodes: 8k took 39 s).
        """
        pending = {
            node.id: [t.id for t in self.linked(node.id, self.outs, "RA", "CA", "MA", "YA")]
            for node in self.of_type("CA")
            if self.linked(node.id, self.ins, "I", "L")
        }
        pending = {node: targets for node, targets in pending.items() if targets}
        state: dict[str, int] = {}  # 1: on the walk, 2: done
        for root in pending:
            if root in state:
                continue
            state[root] = 1
            stack = [(root, iter(pending[root]))]
            while stack:
                node, targets = stack[-1]
                target = next((t for t in targets if t in pending and state.get(t) != 2), None)
                if target is None:
                    stack.pop()
                    state[node] = 2
                    self.undercut(self.nodes[node], pending[node])
                elif state.get(target) == 1:
                    continue  # a loop of undercuts: its target never makes a relation
                else:
                    state[target] = 1
                    stack.append((target, iter(pending[target])))

    def undercut(self, node: _Node, targets: list[str]) -> None:
        premises = [self.end(p) for p in self.linked(node.id, self.ins, "I", "L")]
        claims = [p for p in premises if p not in self.speaker_ids]
        if len(claims) < len(premises):
            self.warn(node.path, f"CA node {node.raw!r}: a speaker cannot undercut; skipped")
        for target in targets:
            if target not in self.relations_of:
                self.warn(
                    node.path,
                    f"CA node {node.raw!r} attacks node {self.nodes[target].raw!r}, "
                    "which makes no relation; skipped",
                )
                continue
            made = self.relations_of[target]
            if len(claims) * len(made) > MAX_PAIRS:
                self.warn(
                    node.path,
                    f"CA node {node.raw!r} undercuts {len(made)} relations at once; kept the first",
                )
                made = made[:1]
            self.add(node, "undercuts", [(p, r) for p in claims for r in made])

    def is_speaker(self, ident: str) -> bool:
        return any(s.id == ident for s in self.speakers.values())


# --- export -------------------------------------------------------------------------------

_DEFAULT_TEXT: Final = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
}
_NODE_TYPE: Final = {"supports": "RA", "attacks": "CA", "undercuts": "CA", "elaborates": "MA"}
_YA_TEXT: Final = {"agrees": "Agreeing", "disagrees": "Disagreeing"}


def dumps(argument_map: ArgumentMap) -> str:
    """The map as an AIF JSON document (see the module documentation)."""
    return _json(to_aif(argument_map))


def dumps_xaif(argument_map: ArgumentMap) -> str:
    """The map as xAIF: ``{"AIF": <the AIF graph>, "text": ""}``."""
    return _json({"AIF": to_aif(argument_map), "text": ""})


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map as AIF JSON, atomically."""
    from argmap.formats import write

    write(argument_map, path, "aif")


def _json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class _Graph:
    """The AIF graph being written: nodes, edges and locutions with unique node ids."""

    def __init__(self, reserved: Iterable[str]) -> None:
        self.ids = IdMaker()
        self.ids.taken.update(reserved)
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.locutions: list[dict[str, Any]] = []

    def node(self, kind: str, text: str, ident: str | None = None, **extra: Any) -> str:
        ident = ident or self.ids.unique(f"{kind}.{len(self.nodes) + 1}")
        self.nodes.append({"nodeID": ident, "text": text, "type": kind} | extra)
        return ident

    def edge(self, start: str, end: str) -> None:
        self.edges.append(
            {"edgeID": len(self.edges) + 1, "fromID": start, "toID": end, "formEdgeID": None}
        )

    def locution(self, speaker: str, text: str, **extra: Any) -> str:
        ident = self.node("L", text, **extra)
        self.locutions.append({"nodeID": ident, "personID": speaker} | extra)
        return ident


def to_aif(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as an AIF graph (a JSON-ready dict): nodes, edges, locutions, participants,
    and the ``ARGMAP`` extension (:mod:`argmap.formats.aif_extension`)."""
    m = argument_map
    keys = dict(m.relation_keys())
    graph = _Graph([c.id for c in m.claims] + [r.id for r in m.relations if r.id])
    node_of = {
        key: r.id or graph.ids.unique(f"r{i + 1}") for i, (key, r) in enumerate(keys.items())
    }
    said: dict[str, str] = {}  # claim or speaker id -> its locution
    place: dict[str, int] = {}  # locution -> its place in the dialogue
    transitions: dict[tuple[str, str], str] = {}  # (earlier, later locution) -> TA node
    previous = None
    for claim in m.claims:
        name = m.speaker(claim.speaker).name
        graph.node("I", claim.text, claim.id)
        time = _aif_data(claim.data).get("timestamp")
        said[claim.id] = locution = graph.locution(
            claim.speaker,
            f"{name} : {claim.quote or claim.text}",
            **({"timestamp": time} if isinstance(time, str) else {}),
        )
        place[locution] = len(place)
        act = claim.data.get("speech_act")
        illocution = graph.node("YA", act if isinstance(act, str) and act else "Asserting")
        graph.edge(locution, illocution)
        graph.edge(illocution, claim.id)
        if previous is not None:
            transitions[previous, locution] = _transition(graph, previous, locution)
        previous = locution
    ends = {end for r in m.relations for end in (r.from_id, r.to_id)}
    for speaker in m.speakers:  # a speaker end, or a speaker without claims, is a bare locution
        if not m.claims_by(speaker.id) or speaker.id in ends:
            said[speaker.id] = graph.locution(speaker.id, speaker.name)

    def end(ident: str) -> str:
        return said[ident] if m.is_speaker(ident) else ident

    for key, relation in keys.items():
        if relation.type in _YA_TEXT:
            node = graph.node("YA", _YA_TEXT[relation.type], node_of[key])
            graph.edge(said[relation.from_id], node)
        else:
            kind = _NODE_TYPE[relation.type]
            node = graph.node(kind, _scheme(relation, kind), node_of[key])
            graph.edge(end(relation.from_id), node)
            act = _aif_data(relation.data).get("illocution")
            if isinstance(act, str) and act and relation.to_id in said:
                # the move that made it: a YA on the transition between the two locutions
                pair = [said[relation.from_id], said[relation.to_id]]
                if pair[0] != pair[1] and all(p in place for p in pair):
                    pair.sort(key=place.__getitem__)
                    key_pair = (pair[0], pair[1])
                    if key_pair not in transitions:
                        transitions[key_pair] = _transition(graph, *key_pair)
                    graph.edge(transitions[key_pair], anchor := graph.node("YA", act))
                    graph.edge(anchor, node)
        target = node_of[relation.to_id] if relation.type == "undercuts" else end(relation.to_id)
        graph.edge(node, target)
    participants = [{"participantID": s.id, "firstname": s.name, "surname": ""} for s in m.speakers]
    return {
        "nodes": graph.nodes,
        "edges": graph.edges,
        "locutions": graph.locutions,
        "participants": participants,
        aif_extension.KEY: aif_extension.extension(m, node_of),
    }


def _transition(graph: _Graph, earlier: str, later: str) -> str:
    transition = graph.node("TA", "Default Transition")
    graph.edge(earlier, transition)
    graph.edge(transition, later)
    return transition


def _aif_data(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """``data["aif"]`` when it is a mapping (data is free-form), else an empty one."""
    aif = data.get("aif")
    return aif if isinstance(aif, Mapping) else {}


def _scheme(relation: Relation, kind: str) -> str:
    """The scheme name an imported relation had, else AIF's default for its node type."""
    aif = relation.data.get("aif")
    if isinstance(aif, dict) and aif.get("type") == kind and isinstance(aif.get("text"), str):
        return str(aif["text"])
    return _DEFAULT_TEXT[kind]


def _person_data(speaker: _Speaker) -> dict[str, Any]:
    """A speaker's personIDs in ``data["aif"]`` (``personIDs`` when a person had several)."""
    if not speaker.persons:
        return {}
    aif: dict[str, Any] = {"personID": speaker.persons[0]}
    if len(speaker.persons) > 1:
        aif["personIDs"] = speaker.persons
    return {"data": {"aif": aif}}
