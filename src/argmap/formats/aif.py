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
  speaker (``data["aif"]["personIDs"]`` when several). Every participant and every locution
  with a person makes a speaker, also one who says nothing (ids made the same way: the
  personID when it starts with a letter, else the name's slug), in the participants' order.
- RA → ``supports``, CA → ``attacks`` (``undercuts`` when the CA targets an RA, CA, MA or a
  dialogue YA node), MA (rephrase) → ``elaborates`` (``from`` restates ``to``); one relation
  per premise and conclusion (a node with more than 1,024 such pairs keeps its first
  conclusion, reported). Scheme names such as "Default Inference" go to ``data["aif"]``, and
  so does the illocution anchored on the node (``illocution``: IAT's "Disagreeing" on a CA,
  "Arguing" on an RA), which is the same move seen in the dialogue, not another relation.
- YA "Agreeing"/"Disagreeing" with a claim or locution → ``agrees``/``disagrees``. Its source
  is a locution or a transition (TA, whose later locution is the one that responds); each end
  is the claim its locution anchors, else that locution's speaker. The responding locution's
  text, without its ``"Name : "`` prefix, is the relation's ``quote``.
- Locutions that anchor no claim and stand for no relation end (the analyst's own "Anon: ..."
  locutions, a locution whose illocution anchors nothing), and illocutions that anchor
  nothing a map holds (YA "Analysing" from the analyst's locution onto the analysed one), go
  as written, with their edges, to the map's ``data["aif"]["unplaced"]``; one warning counts
  them.
- An ``ARGMAP`` key (what :func:`dumps` writes, :mod:`argmap.formats.aif_extension`) gives
  back what AIF has no field for; the xAIF wrapper's ``text`` and ``OVA`` layout go to
  ``data["xaif"]``.
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

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from argmap.formats import aif_extension, iat
from argmap.formats.aif_document import AifDocument, Node
from argmap.formats.aif_export import aif_left_out, dump, dumps, dumps_xaif, to_aif
from argmap.formats.common import IdMaker, Imported, build, clean_text, parse_json, read_source
from argmap.model import ArgumentMap

__all__ = [
    "aif_left_out",
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
    document = parse_json(text, file)
    return from_document(document, title=title, file=file)


def from_document(document: Any, *, title: str = "AIF import", file: str | None = None) -> Imported:
    """Import AIF or xAIF already parsed from JSON; also return the warnings."""
    return _Importer(document, file).run(title)


# --- import -------------------------------------------------------------------------------


@dataclass
class _Speaker:
    id: str
    name: str
    persons: list[Any]  # personIDs as written, first seen first


@dataclass
class _Importer(AifDocument):
    ids: IdMaker = field(default_factory=IdMaker)
    speakers: dict[str, _Speaker] = field(default_factory=dict)  # speaker key -> speaker
    claim_of: dict[str, str] = field(default_factory=dict)  # I or L nodeID -> claim id
    relations_of: dict[str, list[str]] = field(default_factory=dict)  # node -> relation ids
    base_ids: dict[str, str] = field(default_factory=dict)  # relation node -> its id
    relations: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # node order
    speaker_ids: set[str] = field(default_factory=set)
    unattributed: list[str] = field(default_factory=list)  # claim ids, and why: see run
    nameless: list[str] = field(default_factory=list)
    placed: set[str] = field(default_factory=set)  # L-nodes a relation or speaker stands for
    reading: iat.Reading | None = None

    def run(self, title: str) -> Imported:
        root = self.read()
        edges = [(start, end) for start, ends in self.outs.items() for end in ends]
        nodes = {n.id: (n.type, n.text) for n in self.nodes.values()}
        exact = aif_extension.KEY in root  # our own export: one personID per speaker
        people = list(self.participants.values())
        graph = iat.Graph(nodes, edges, self.persons, self.names, not exact, people)
        self.reading = iat.read(graph)
        claims = self.claims()
        for key in self.reading.person_of.values():
            self.speaker_for(key)  # every person is a speaker, also one who says nothing
        self.relation_nodes()
        self.dialogue_nodes()
        self.undercuts()
        self.warn_unattributed(len(claims))
        order = {person: index for index, person in enumerate(self.participants)}
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
        unplaced = self.unplaced()
        if unplaced:
            document.setdefault("data", {})["aif"] = {"unplaced": unplaced}
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

    def is_dialogue(self, node: Node) -> bool:
        return node.type == "YA" and node.text.lower() in _DIALOGUE

    def name_of(self, locution: Node) -> str | None:
        """The name of the participant who spoke ``locution``, if the file says."""
        person = self.persons.get(locution.id)
        return None if person is None else self.names.get(str(person))

    def split(self, locution: Node) -> tuple[str | None, str]:
        """The speaker's name in the locution text (if any) and the utterance without it."""
        return iat.split(locution.text, self.name_of(locution))

    def unplaced(self) -> list[dict[str, Any]]:
        """The locutions and illocutions no claim, relation or speaker holds, as written (with
        their edges), in file order; one warning counts them."""
        nodes = [
            n
            for n in self.of_type("L", "YA")
            if (n.id in self.ins or n.id in self.outs)
            and (
                n.id not in self.claim_of and n.id not in self.placed
                if n.type == "L"
                else not self.is_dialogue(n)
                and not self.linked(n.id, self.outs, "I", "RA", "CA", "MA")
            )
        ]
        if nodes:
            types = Counter(n.type for n in nodes)
            ids = ", ".join(str(n.raw) for n in nodes[:5]) + (" ..." if len(nodes) > 5 else "")
            count, verb = (f"{len(nodes)} nodes", "are") if len(nodes) > 1 else ("1 node", "is")
            self.warnings.append(
                f"{count} ({', '.join(f'{types[t]} {t}' for t in sorted(types))}) {verb} "
                "no claim, relation or speaker (a locution that anchors nothing, an "
                f"illocution such as 'Analysing' on a locution): kept in data.aif.unplaced ({ids})"
            )
        return [
            {"nodeID": n.raw, "type": n.type, "text": n.text}
            | ({"personID": self.persons[n.id]} if n.id in self.persons else {})
            | ({"timestamp": self.timestamps[n.id]} if n.id in self.timestamps else {})
            | {
                end: [self.nodes[m].raw for m in links[n.id]]
                for end, links in (("from", self.ins), ("to", self.outs))
                if n.id in links
            }
            for n in nodes
        ]

    def speaker(self, locution: Node | None) -> str:
        """The id of the speaker of a locution (made on first use); "Unknown" for none."""
        assert self.reading is not None
        if locution is not None:
            self.placed.add(locution.id)
        return self.speaker_for(self.reading.speaker_of.get(locution.id, "") if locution else "")

    def speaker_for(self, key: str) -> str:
        """The id of the speaker ``key`` of the reading (made on first use); "": "Unknown"."""
        assert self.reading is not None
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

    def end(self, node: Node) -> str:
        """A claim for an I-node; for an L-node the claim it anchors, else its speaker."""
        if node.type == "L" and node.id not in self.claim_of:
            return self.speaker(node)  # the locution is placed as its speaker
        return self.claim_of[node.id]

    def add(
        self,
        node: Node,
        kind: str,
        pairs: list[tuple[str, str]],
        quotes: list[str] | None = None,
    ) -> None:
        """Relations of one AIF node: one per (from, to) pair, with the quote of the same
        place in ``quotes`` when it is not empty; self-links are reported."""
        kept = []
        for (start, end), quote in zip(pairs, quotes or [""] * len(pairs), strict=True):
            if start == end:
                self.warn(
                    node.path, f"{node.type} node {node.raw!r} joins {start} to itself; skipped"
                )
            else:
                kept.append((start, end, quote))
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
        for number, (start, end, quote) in enumerate(kept, 1):
            ident = (
                base
                if len(kept) == 1 and not made_before
                else self.ids.unique(f"{base}.{number + made_before}")
            )
            made.append(ident)
            relation: dict[str, Any] = {"id": ident, "from": start, "to": end, "type": kind}
            relation |= {"quote": quote} if quote else {}
            relation["data"] = data
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
            pairs, quotes = [], []  # the responding locution's words are each link's quote
            provenance = False
            for source in self.linked(node.id, self.ins, "L", "TA"):
                earlier = self.linked(source.id, self.ins, "L")[:1] if source.type == "TA" else []
                later = (
                    self.linked(source.id, self.outs, "L")[:1] if source.type == "TA" else [source]
                )
                if not later:
                    continue
                name, words = self.split(later[0])
                # a locution of only its speaker's name says nothing to quote (argmap writes
                # one for a speaker at the end of a link)
                bare = name is None and words.strip() == self.name_of(later[0])
                quote = "" if bare else clean_text(words)
                for target in self.linked(node.id, self.outs, "I", "L", "RA", "CA", "MA", "YA"):
                    if target.type in ("I", "L"):
                        pairs.append((self.end(later[0]), self.end(target)))
                    elif self.linked(target.id, self.ins, "I", "L") and target.type != "YA":
                        provenance = True  # the relation itself; its data names this node
                        continue
                    elif earlier:
                        pairs.append((self.speaker(later[0]), self.speaker(earlier[0])))
                    else:
                        continue
                    quotes.append(quote)
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
            self.add(node, kind, pairs, quotes)

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

    def undercut(self, node: Node, targets: list[str]) -> None:
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


def _person_data(speaker: _Speaker) -> dict[str, Any]:
    """A speaker's personIDs in ``data["aif"]`` (``personIDs`` when a person had several)."""
    if not speaker.persons:
        return {}
    aif: dict[str, Any] = {"personID": speaker.persons[0]}
    if len(speaker.persons) > 1:
        aif["personIDs"] = speaker.persons
    return {"data": {"aif": aif}}
