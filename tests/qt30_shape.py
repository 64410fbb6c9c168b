"""A deterministic AIF nodeset in the shape of the large QT30 (Question Time 2020) nodesets.

It stands for QT30 nodesets such as 25441 and 25445, which cannot be vendored. What it copies
from them (the shapes that made our importer lose speakers and double conflicts):

- L-nodes ``"Name : utterance"`` with a ``timestamp``, one per locution, and
  ``locutions[].personID`` naming the person; some locutions lack a personID (the name prefix
  is all there is), one person has two personIDs, and a name is written in two ways;
- a TA "Default Transition" between consecutive locutions (dialogue order);
- I-nodes anchored by YA illocutions from their locution (Asserting, Pure/Assertive/Rhetorical
  Questioning, Challenging, Conceding, Restating) or only through a YA anchored on the TA
  into their locution;
- RA/CA/MA between I-nodes, each anchored by a YA (Arguing/Disagreeing/Restating, or Agreeing
  for an RA) on the TA of the two locutions;
- a few I-nodes no locution anchors (reconstructed premises), many small components.

>>> doc = qt30_nodeset(); count(doc, "I"), count(doc, "CA") > 10, len(doc["locutions"]) > 200
(287, True, True)
>>> qt30_nodeset() == qt30_nodeset()
True
"""

from __future__ import annotations

import random
from typing import Any

#: name as written in the L-node, personID (None: the locution has none)
PEOPLE = (
    ("Fiona Bruce", "501"),
    ("Tom Kerridge", "502"),
    ("Tom Kerridge", "517"),  # the same person under a second personID
    ("Sarah Jones", "503"),
    ("sarah  jones", None),  # the same person, written differently, no personID
    ("Matthew", "504"),
    ("Audience Member 1", "505"),
    ("Kemi Badenoch", None),
)
ILLOCUTIONS = (
    ["Asserting"] * 10
    + ["Pure Questioning", "Assertive Questioning", "Rhetorical Questioning"]
    + ["Challenging", "Conceding", "Restating"]
)
WORDS = [
    "schools",
    "hospitals",
    "lockdown",
    "testing",
    "masks",
    "furlough",
    "tax",
    "care",
    "homes",
    "vaccines",
    "borders",
    "exams",
    "jobs",
    "rent",
    "councils",
    "nurses",
    "police",
    "trains",
]


def count(document: dict[str, Any], kind: str) -> int:
    """How many nodes of one type the nodeset has."""
    return sum(node["type"] == kind for node in document["nodes"])


def qt30_nodeset(claims: int = 287, seed: int = 25445) -> dict[str, Any]:
    """The nodeset: ``claims`` I-nodes in small exchanges of 1 to 6 locutions."""
    rng = random.Random(seed)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    clock = [0]

    def node(kind: str, text: str, **extra: Any) -> int:
        ident = 100000 + len(nodes)
        nodes.append({"nodeID": str(ident), "text": text, "type": kind} | extra)
        return ident

    def edge(start: int, end: int) -> None:
        edges.append({"edgeID": str(500000 + len(edges)), "fromID": str(start), "toID": str(end)})

    def stamp() -> str:
        clock[0] += rng.randint(3, 40)
        minutes, seconds = divmod(clock[0], 60)
        return f"2020-05-14 21:{minutes % 60:02d}:{seconds:02d}"

    made = 0
    previous: int | None = None
    while made < claims:
        exchange = rng.randint(1, 6)
        said: list[tuple[int, int]] = []  # (locution, claim) in this exchange
        for _ in range(min(exchange, claims - made)):
            name, person = PEOPLE[rng.randrange(len(PEOPLE))]
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))
            time = stamp()
            locution = node("L", f"{name} : {words}", timestamp=time)
            locutions.append(
                {"nodeID": str(locution), "timestamp": time, "start": None, "end": None}
                | ({"personID": person} if person is not None else {})
            )
            transition = None
            if previous is not None:
                transition = node("TA", "Default Transition", timestamp=time)
                edge(previous, transition)
                edge(transition, locution)
            previous = locution
            if rng.random() < 0.03:
                made += 1  # a locution and a reconstructed premise nobody states
                node("I", f"implicit premise about {words}")
                continue
            claim = node("I", words.capitalize() + ".")
            made += 1
            illocution = ILLOCUTIONS[rng.randrange(len(ILLOCUTIONS))]
            anchor = node("YA", illocution)
            if transition is not None and rng.random() < 0.35:
                edge(transition, anchor)  # anchored only through the transition
            else:
                edge(locution, anchor)
            edge(anchor, claim)
            if said and transition is not None:
                _, target = said[-1] if rng.random() < 0.7 else said[0]
                kind, text, speech = rng.choice(
                    (
                        ("RA", "Default Inference", "Arguing"),
                        ("RA", "Default Inference", "Agreeing"),
                        ("CA", "Default Conflict", "Disagreeing"),
                        ("CA", "Default Conflict", "Disagreeing"),
                        ("MA", "Default Rephrase", "Restating"),
                    )
                )
                relation = node(kind, text)
                edge(claim, relation)
                edge(relation, target)
                anchor = node("YA", speech)
                edge(transition, anchor)
                edge(anchor, relation)
            said.append((locution, claim))
    return {"nodes": nodes, "edges": edges, "locutions": locutions}
