"""The dialogue side of an AIF graph, read the way Inference Anchoring Theory (IAT) draws it.

AIFdb, OVA and the IAT corpora (QT30, DialAM, Hansard) tie what was said (L-nodes, the
locutions, ``"Name : utterance"``) to what it means (I-nodes) through illocutions (YA-nodes),
and consecutive locutions through transitions (TA-nodes). This module finds, for an AIF
importer, everything those tie together, with linear work:

- **who said a claim**: every locution that anchors an I-node, by any path: L → YA → I, or a
  YA anchored on a transition into a locution (TA → YA → I: the transition's later
  locution says it). Agreeing and Disagreeing are no anchors: they answer a claim, they do
  not state it.
- **one speaker per person**: a locution's person is its ``personID`` (named by the xAIF
  participants list) and the name in its text; locutions that share a personID or a name
  (compared without case and runs of spaces) are one speaker, so a person under two
  personIDs, or a personID on some locutions and only a name on others, stays one speaker.
  Every participant is a person too, also one who says nothing in the graph.
- **the speech act**: the illocution that anchors a claim (Pure, Assertive or Rhetorical
  Questioning, Challenging, Conceding, Restating, ...; Asserting is the default).
- **provenance of a relation**: the illocution anchored on an RA/CA/MA node (Arguing,
  Disagreeing, Agreeing, Restating), which is the same inference or conflict seen as a move
  in the dialogue, not a second relation.
- **dialogue order**: the locutions in the order the transitions give (file order where
  they give none), and their timestamps.

>>> g = Graph({"L1": ("L", "Ann : tax sugar"), "Y1": ("YA", "Pure Questioning"),
...            "I1": ("I", "Tax sugar?")}, [("L1", "Y1"), ("Y1", "I1")], {"L1": "7"}, {})
>>> r = read(g); r.anchors["I1"], r.speech_acts["I1"], r.speakers[r.speaker_of["L1"]].name
(['L1'], 'Pure Questioning', 'Ann')
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["DIALOGUE_ILLOCUTIONS", "Graph", "Person", "Reading", "normal_name", "read", "split"]

#: Illocutions that answer a claim rather than state it: they become relations.
DIALOGUE_ILLOCUTIONS: Final = {"agreeing": "agrees", "disagreeing": "disagrees"}
#: Illocutions that say nothing of note about a claim: Asserting (the default) and the
#: generic labels some files use ("YA", "Default Illocuting", no text).
PLAIN: Final = frozenset({"asserting", "ya", "default illocuting", ""})
# "Name : utterance": a short name without a colon, then a colon that starts no URL.
_PREFIX: Final = re.compile(r"\s*([^\s:][^:\n]{0,79}?)\s*:(?!//)\s*(.*)", re.DOTALL)
_SPACE: Final = re.compile(r"\s+")


def normal_name(name: str) -> str:
    """A name as compared: case folded, runs of white space as one space.

    >>> normal_name("  Sarah   JONES "), normal_name("sarah jones")
    ('sarah jones', 'sarah jones')
    """
    return _SPACE.sub(" ", name).strip().casefold()


def split(text: str, name: str | None = None) -> tuple[str | None, str]:
    """The speaker's name at the start of a locution's text (if any), and the utterance.

    ``name`` (the participant's name, when the locution has a person) is tried first, so a
    name with a colon in it still splits right.

    >>> split("CL : But my point is"), split("POSTER_1: x"), split("see http://a.b")
    (('CL', 'But my point is'), ('POSTER_1', 'x'), (None, 'see http://a.b'))
    """
    if name and text.startswith(name):
        rest = re.match(r"\s*:\s*", text[len(name) :])
        if rest:
            return name, text[len(name) + rest.end() :]
    match = _PREFIX.fullmatch(text)
    if match and match[2].strip():
        return match[1], match[2]
    return None, text


@dataclass
class Graph:
    """What the reading needs of an AIF graph: node types and texts, edges, persons.

    ``nodes`` maps a nodeID (as a string) to its ``(type, text)``, in file order; ``edges``
    are ``(from, to)`` pairs between those nodes; ``persons`` maps an L nodeID to its
    ``personID`` as written; ``names`` a personID (as a string) to the participant's name;
    ``participants`` the personIDs of the participants list, as written, in its order.
    """

    nodes: Mapping[str, tuple[str, str]]
    edges: Iterable[tuple[str, str]]
    persons: Mapping[str, Any]
    names: Mapping[str, str]
    #: whether locutions with the same name are one speaker even under different personIDs
    #: (off for files whose personIDs are known to be exact, such as argmap's own export)
    merge_names: bool = True
    participants: Sequence[Any] = ()
    ins: dict[str, list[str]] = field(default_factory=dict, init=False)
    outs: dict[str, list[str]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for start, end in self.edges:
            self.outs.setdefault(start, []).append(end)
            self.ins.setdefault(end, []).append(start)

    def type(self, node: str) -> str:
        return self.nodes[node][0]

    def text(self, node: str) -> str:
        return self.nodes[node][1]

    def linked(self, node: str, direction: dict[str, list[str]], *types: str) -> list[str]:
        return [n for n in direction.get(node, ()) if self.nodes[n][0] in types]

    def later(self, transition: str) -> str | None:
        """The locution a transition leads to (the one that responds)."""
        return next(iter(self.linked(transition, self.outs, "L")), None)

    def earlier(self, transition: str) -> str | None:
        """The locution a transition comes from."""
        return next(iter(self.linked(transition, self.ins, "L")), None)


@dataclass
class Person:
    """One speaker: a name and the personIDs that stand for them (file order)."""

    key: str
    name: str | None
    person_ids: list[Any]


@dataclass
class Reading:
    """What :func:`read` found; nodeIDs as strings throughout."""

    #: I-node -> the locutions that anchor it, the first one first in the file
    anchors: dict[str, list[str]]
    #: I-node -> its anchoring illocution's text, when that is not Asserting
    speech_acts: dict[str, str]
    #: L-node -> the key of its speaker in ``speakers`` (locutions with a person or a name)
    speaker_of: dict[str, str]
    speakers: dict[str, Person]
    #: personID (as a string) -> the key of its speaker: every participant, every locution's
    person_of: dict[str, str]
    #: RA/CA/MA node -> the YA-nodes anchored on it (provenance of its relations)
    provenance: dict[str, list[str]]
    #: L-node -> its place in the dialogue (0, 1, ...)
    dialogue: dict[str, int]


def read(graph: Graph) -> Reading:
    """The IAT reading of ``graph`` (see the module documentation)."""
    anchors: dict[str, list[str]] = {}
    speech_acts: dict[str, str] = {}
    provenance: dict[str, list[str]] = {}
    for node, (kind, text) in graph.nodes.items():
        if kind != "YA" or text.casefold() in DIALOGUE_ILLOCUTIONS:
            continue
        for target in graph.linked(node, graph.outs, "I", "RA", "CA", "MA"):
            if graph.type(target) != "I":
                provenance.setdefault(target, []).append(node)
                continue
            for source in graph.linked(node, graph.ins, "L", "TA"):
                locution = source if graph.type(source) == "L" else graph.later(source)
                if locution is not None:
                    anchors.setdefault(target, []).append(locution)
                    if text.casefold().strip() not in PLAIN and target not in speech_acts:
                        speech_acts[target] = text
    for node, (kind, _) in graph.nodes.items():  # provenance by Agreeing/Disagreeing too
        if kind == "YA" and graph.text(node).casefold() in DIALOGUE_ILLOCUTIONS:
            for target in graph.linked(node, graph.outs, "RA", "CA", "MA"):
                provenance.setdefault(target, []).append(node)
    position = {node: index for index, node in enumerate(graph.nodes)}
    for claim, found in anchors.items():
        anchors[claim] = sorted(dict.fromkeys(found), key=position.__getitem__)
    speaker_of, speakers, person_of = _people(graph)
    return Reading(
        anchors, speech_acts, speaker_of, speakers, person_of, provenance, _dialogue(graph)
    )


def _people(graph: Graph) -> tuple[dict[str, str], dict[str, Person], dict[str, str]]:
    """Locutions and participants grouped into speakers: same personID or same name, one
    speaker. Also the speaker of each personID."""
    parent: dict[str, str] = {}

    def find(token: str) -> str:
        root = token
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[token] != root:  # path compression: later finds are short
            parent[token], token = root, parent[token]
        return root

    tokens_of: dict[str, list[str]] = {}
    written: dict[str, str] = {}  # L-node -> the name it gives
    for node, (kind, text) in graph.nodes.items():
        if kind != "L":
            continue
        person = graph.persons.get(node)
        known = None if person is None else graph.names.get(str(person))
        prefix = split(text, known)[0]
        name = known or prefix
        tokens = []
        if person is not None:
            tokens.append(f"person:{person}")
        if name and (graph.merge_names or person is None):
            tokens.append(f"name:{normal_name(name)}")
        if not tokens:
            continue
        for token in tokens[1:]:
            parent[find(token)] = find(tokens[0])
        tokens_of[node] = tokens
        if name:
            written[node] = name
    listed: dict[Any, list[str]] = {}  # participant -> its tokens, as a locution's would be
    for person in graph.participants:
        known = graph.names.get(str(person))
        listed[person] = [f"person:{person}"]
        if known and graph.merge_names:
            listed[person].append(f"name:{normal_name(known)}")
            parent[find(listed[person][1])] = find(listed[person][0])
    speaker_of: dict[str, str] = {}
    speakers: dict[str, Person] = {}
    person_of: dict[str, str] = {}
    spellings: dict[str, Counter[tuple[str, bool]]] = {}  # (name, said with a personID)
    said: list[tuple[str | None, Any, list[str]]] = [
        (node, graph.persons.get(node), tokens) for node, tokens in tokens_of.items()
    ]
    for locution, person, tokens in said + [(None, p, t) for p, t in listed.items()]:
        key = find(tokens[0])
        speaker = speakers.setdefault(key, Person(key, None, []))
        if person is not None:
            person_of.setdefault(str(person), key)
            if str(person) not in map(str, speaker.person_ids):
                speaker.person_ids.append(person)
        known = None if person is None else graph.names.get(str(person))
        if known and speaker.name is None:
            speaker.name = known  # the participants list names a person best
        if locution is None:  # a participant
            continue
        speaker_of[locution] = key
        if locution in written:
            spellings.setdefault(key, Counter())[written[locution], person is not None] += 1
    for key, speaker in speakers.items():
        if speaker.name is None and key in spellings:
            # the spelling most used with a personID, else the one most used
            counts = spellings[key]
            best = max(counts, key=lambda n: (counts[n[0], True], counts[n]))
            speaker.name = best[0]
    return speaker_of, speakers, person_of


def _dialogue(graph: Graph) -> dict[str, int]:
    """Locutions in dialogue order: transitions first, file order where they say nothing.

    A topological order of the L → TA → L graph (Kahn's, the file order breaking ties), so
    n locutions cost n log n; a loop of transitions leaves its locutions in file order.
    """
    locutions = [n for n, (kind, _) in graph.nodes.items() if kind == "L"]
    place = {node: index for index, node in enumerate(locutions)}
    after: dict[str, list[str]] = {}
    waiting = dict.fromkeys(locutions, 0)
    for transition, (kind, _) in graph.nodes.items():
        if kind != "TA":
            continue
        for start in graph.linked(transition, graph.ins, "L"):
            for end in graph.linked(transition, graph.outs, "L"):
                if start != end:
                    after.setdefault(start, []).append(end)
                    waiting[end] += 1
    ready = [place[n] for n in locutions if waiting[n] == 0]
    heapq.heapify(ready)
    order: dict[str, int] = {}
    while ready:
        node = locutions[heapq.heappop(ready)]
        order[node] = len(order)
        for end in after.get(node, ()):
            waiting[end] -= 1
            if waiting[end] == 0:
                heapq.heappush(ready, place[end])
    for node in locutions:  # in a loop of transitions: after the rest, in file order
        order.setdefault(node, len(order))
    return order
