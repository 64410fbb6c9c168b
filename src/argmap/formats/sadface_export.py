"""SADFace export; importing is in :mod:`argmap.formats.sadface`, which re-exports these.

The core metadata (``metadata.core``) is never taken from the clock, so that the same map is
written as the same bytes on every run. SADFace requires ``id``, ``created``, ``edited``,
``analyst_name``, ``analyst_email`` and ``version`` as strings (its reference validator), and
arguebuf reads ``created`` and ``edited`` as ``YYYY-MM-DDTHH:mm:ss``, so none is left out:

- a map imported from SADFace keeps that document's ``id``, ``created``, ``edited``,
  ``analyst_name``, ``analyst_email`` and ``notes`` (the importer keeps them in the map's
  ``data["sadface"]["core"]``);
- else ``id`` is a UUID derived from the title, ``created`` and ``edited`` the map's
  ``source.date`` at midnight (``2019`` and ``2019-02`` count from their first day), or when
  the map has no date :data:`NO_DATE`, the Unix epoch, a placeholder that says "unknown";
  the analyst fields and notes are empty;
- ``title`` and ``description`` are the map's; ``version`` the SADFace version written.

Relations imported from one scheme (or AIF node) with several premises are one scheme again
(:mod:`argmap.formats.linked`); its ``argmap`` metadata then lists each relation
(``"linked": [...]``, with its ``from`` and ``to``), in the order importing makes them.

Node, edge, source and target ids are UUIDs, as SADFace's validator requires, derived from
the document's ``id`` and argmap's ids (:func:`node_uuid`), so the same on every run; the
argmap ids themselves are in each node's ``argmap`` metadata, which importing reads back.
(SADFace's validator still names ``title``, ``description`` and ``notes`` invalid core keys:
its own library's ``set_title``, ``set_description`` and ``add_notes`` write them there, and
arguebuf's SADFace reader fails without them.)

>>> import argmap
>>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],'
...   '"claims": [{"id": "a", "speaker": "s", "text": "A"}, {"id": "b", "speaker": "s",'
...   '"text": "B"}], "relations": [{"from": "b", "to": "a", "type": "supports"}]}')
>>> [(n["type"], n.get("name")) for n in to_sadface(m)["nodes"]]
[('atom', None), ('atom', None), ('scheme', 'support')]
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Mapping
from typing import Any, Final

from argmap.files import write_atomic
from argmap.formats import linked
from argmap.formats.common import IdMaker
from argmap.model import ArgumentMap

__all__ = [
    "NAMESPACE",
    "NO_DATE",
    "WRITTEN_CORE",
    "core_metadata",
    "dump",
    "dumps",
    "node_uuid",
    "to_sadface",
]

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

#: ``created`` and ``edited`` of a map that gives no date (SADFace requires both): the epoch
NO_DATE: Final = "1970-01-01T00:00:00"
_DATE: Final = re.compile(r"\d{4}(-\d\d){0,2}")  # the map format's YYYY[-MM[-DD]]
#: the core keys whose values a map imported from SADFace gets back from that document
_KEPT_CORE: Final = ("id", "created", "edited", "analyst_name", "analyst_email", "notes")

_SCHEME_NAME: Final = {
    "supports": "support",
    "attacks": "conflict",
    "undercuts": "conflict",
    "elaborates": "rephrase",
}


def dumps(argument_map: ArgumentMap) -> str:
    """The map as a SADFace document (see the module documentation)."""
    return json.dumps(to_sadface(argument_map), ensure_ascii=False, indent=2) + "\n"


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map as a SADFace document, atomically (as ``aif.dump`` and
    ``argdown.dump`` write theirs)."""
    write_atomic(path, dumps(argument_map).encode("utf-8"))


#: the UUID namespace of :func:`node_uuid`, ``uuid5(NAMESPACE_URL, "argmap:sadface-ids")``,
#: written out: the ids must not change from one version of argmap to the next
_ID_NAMESPACE: Final = uuid.UUID("658d954f-0aa0-5db1-80b2-95e83dd5f4e1")


def node_uuid(document_id: str, kind: str, ident: str) -> str:
    """The id of a node or edge in the SADFace export: SADFace's validator wants UUIDs for
    node, edge, source and target ids, so one is derived (:func:`uuid.uuid5`) from the
    document's core ``id``, the kind (``atom``, ``scheme``, ``edge``) and argmap's id of the
    thing (a claim's id, a relation's id or ``s<i>``, the edge's number): the same on every
    run, and different in two documents. argmap's own ids travel in the ``argmap`` metadata.

    >>> node_uuid("d", "atom", "a1") == node_uuid("d", "atom", "a1") != node_uuid("d", "edge", "a1")
    True
    """
    return str(uuid.uuid5(_ID_NAMESPACE, f"{document_id}\n{kind}\n{ident}"))


def to_sadface(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as a SADFace document (a JSON-ready dict)."""
    m = argument_map
    document = m.to_dict()
    core = core_metadata(m)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    ids = IdMaker()
    ids.taken.update({r.id for r in m.relations if r.id})

    def uid(kind: str, ident: str) -> str:
        return node_uuid(core["id"], kind, ident)

    def edge(start: str, end: str) -> None:
        ident = uid("edge", str(len(edges) + 1))
        edges.append({"id": ident, "source_id": start, "target_id": end})

    for claim in document["claims"]:
        ours = {k: v for k, v in claim.items() if k != "text"}
        nodes.append(
            {
                "id": uid("atom", claim["id"]),
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
    # relations imported from one scheme with several premises are one scheme again
    members: dict[int, list[int]] = {}  # the first relation of a group -> the group
    for group in linked.groups(
        m, lambda i: linked.origin(m.relations[i]) if i in scheme_of else None
    ):
        members[group[0]] = group
        for index in group[1:]:
            scheme_of[index] = scheme_of[group[0]]
    premises: set[tuple[str, str]] = set()  # (atom, scheme) edges written
    kept: dict[str, Any] = {}
    for index, (relation, raw) in enumerate(zip(m.relations, raws, strict=True)):
        if index not in scheme_of:
            kept[str(index)] = raw
            continue
        ident = uid("scheme", scheme_of[index])
        premise = (uid("atom", relation.from_id), ident)
        if premise not in premises:  # (an undercut of a linked argument: once per claim)
            premises.add(premise)
            edge(*premise)
        if index not in members:
            continue  # written by the first relation of its group
        ours = {k: v for k, v in raw.items() if k not in ("from", "to")} | {"index": index}
        if len(members[index]) > 1:  # each relation, to be read back in the importer's order
            ours = {"linked": [raws[i] | {"index": i} for i in members[index]]}
        name = _SCHEME_NAME[relation.type]
        nodes.append({"id": ident, "type": "scheme", "name": name, "metadata": {NAMESPACE: ours}})
        target = relation.to_id
        if relation.type == "undercuts":
            edge(ident, uid("scheme", scheme_of[by_id[target]]))
        else:
            edge(ident, uid("atom", target))
    ours_map = {k: v for k, v in document.items() if k not in ("argmap", "claims", "relations")}
    ours_map["relations"] = kept
    return {
        "metadata": {"core": core, NAMESPACE: ours_map},
        "nodes": nodes,
        "edges": edges,
        "resources": [],
    }


def core_metadata(argument_map: ArgumentMap) -> dict[str, Any]:
    """The document's core metadata: the same for the same map, on every run (see the module
    documentation).

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "source": {"date": "2019-02"},'
    ...   '"speakers": [], "claims": []}')
    >>> core = core_metadata(m)
    >>> core["created"], core["edited"], core["id"] == core_metadata(m)["id"]
    ('2019-02-01T00:00:00', '2019-02-01T00:00:00', True)
    """
    m = argument_map
    kept = _sadface_core(m.data)
    date = m.source.date if m.source is not None else None
    day = NO_DATE
    if date and _DATE.fullmatch(date):
        day = "-".join([*date.split("-"), "01", "01"][:3]) + "T00:00:00"
    created = kept.get("created", day)
    return {
        "id": kept.get("id", str(uuid.uuid5(uuid.NAMESPACE_URL, "argmap:" + m.title))),
        "title": m.title,
        "description": m.description or "",
        "notes": kept.get("notes", ""),
        "analyst_name": kept.get("analyst_name", ""),
        "analyst_email": kept.get("analyst_email", ""),
        "created": created,
        "edited": kept.get("edited", created),
        "version": "0.5",
    }


def _sadface_core(data: Mapping[str, Any]) -> dict[str, str]:
    """The core metadata values of the SADFace document the map was imported from (strings
    only: the map's data is free-form)."""
    sadface = data.get("sadface")
    earlier = sadface.get("core") if isinstance(sadface, Mapping) else None
    if not isinstance(earlier, Mapping):
        return {}
    return {k: earlier[k] for k in _KEPT_CORE if isinstance(earlier.get(k), str)}
