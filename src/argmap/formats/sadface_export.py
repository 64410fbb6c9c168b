"""SADFace export; importing is in :mod:`argmap.formats.sadface`, which re-exports these.

>>> import argmap
>>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],'
...   '"claims": [{"id": "a", "speaker": "s", "text": "A"}, {"id": "b", "speaker": "s",'
...   '"text": "B"}], "relations": [{"from": "b", "to": "a", "type": "supports"}]}')
>>> [(n["type"], n.get("name")) for n in to_sadface(m)["nodes"]]
[('atom', None), ('atom', None), ('scheme', 'support')]
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any, Final

from argmap.formats.common import IdMaker
from argmap.model import ArgumentMap

__all__ = ["NAMESPACE", "WRITTEN_CORE", "dumps", "to_sadface"]

#: the metadata namespace that carries what SADFace has no field for
NAMESPACE: Final = "argmap"
#: the core metadata keys :func:`to_sadface` writes (a document it wrote gets none back)
WRITTEN_CORE: Final = frozenset(
    {
        "id",
        "title",
        "description",
        "notes",
        "analyst_name",
        "analyst_email",
        "created",
        "edited",
        "version",
    }
)

_SCHEME_NAME: Final = {
    "supports": "support",
    "attacks": "conflict",
    "undercuts": "conflict",
    "elaborates": "rephrase",
}


def dumps(argument_map: ArgumentMap) -> str:
    """The map as a SADFace document (see the module documentation)."""
    return json.dumps(to_sadface(argument_map), ensure_ascii=False, indent=2) + "\n"


def to_sadface(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as a SADFace document (a JSON-ready dict)."""
    m = argument_map
    document = m.to_dict()
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    ids = IdMaker()
    ids.taken.update({c.id for c in m.claims} | {r.id for r in m.relations if r.id})

    def edge(start: str, end: str) -> None:
        edges.append({"id": ids.unique(f"e{len(edges) + 1}"), "source_id": start, "target_id": end})

    for claim in document["claims"]:
        ours = {k: v for k, v in claim.items() if k != "text"}
        nodes.append(
            {
                "id": claim["id"],
                "type": "atom",
                "text": claim["text"],
                "sources": [],
                "metadata": {NAMESPACE: ours},
            }
        )
    raws = document.get("relations", [])
    by_id = {r.id: index for index, r in enumerate(m.relations) if r.id}
    scheme_of: dict[int, str] = {}
    for index, relation in enumerate(m.relations):
        drawable = relation.type in _SCHEME_NAME and m.is_claim(relation.from_id)
        if relation.type != "undercuts" and drawable and m.is_claim(relation.to_id):
            scheme_of[index] = relation.id or ids.unique(f"s{index + 1}")
    failed: set[int] = set()
    for index in range(len(m.relations)):  # undercuts: each chain is followed once
        chain: list[int] = []
        on_chain: set[int] = set()
        current = index
        while current not in scheme_of and current not in failed:
            relation = m.relations[current]
            if relation.type != "undercuts" or not m.is_claim(relation.from_id):
                break
            if current in on_chain:
                break
            chain.append(current)
            on_chain.add(current)
            current = by_id[relation.to_id]
        if current in scheme_of:
            for step in reversed(chain):
                scheme_of[step] = m.relations[step].id or ids.unique(f"s{step + 1}")
        else:
            failed.update(chain)
    kept: dict[str, Any] = {}
    for index, (relation, raw) in enumerate(zip(m.relations, raws, strict=True)):
        if index not in scheme_of:
            kept[str(index)] = raw
            continue
        ours = {k: v for k, v in raw.items() if k not in ("from", "to")} | {"index": index}
        ident = scheme_of[index]
        name = _SCHEME_NAME[relation.type]
        nodes.append({"id": ident, "type": "scheme", "name": name, "metadata": {NAMESPACE: ours}})
        edge(relation.from_id, ident)
        target = relation.to_id
        edge(ident, scheme_of[by_id[target]] if relation.type == "undercuts" else target)
    ours_map = {k: v for k, v in document.items() if k not in ("argmap", "claims", "relations")}
    ours_map["relations"] = kept
    # the core metadata SADFace's own tool writes (and arguebuf requires): the document
    # was made now, by no analyst we know of
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    core: dict[str, Any] = {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, "argmap:" + m.title)),
        "title": m.title,
        "description": m.description or "",
        "notes": "",
        "analyst_name": "",
        "analyst_email": "",
        "created": now,
        "edited": now,
        "version": "0.5",
    }
    return {
        "metadata": {"core": core, NAMESPACE: ours_map},
        "nodes": nodes,
        "edges": edges,
        "resources": [],
    }
