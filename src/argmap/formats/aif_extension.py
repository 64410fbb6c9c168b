"""What AIF has no field for, carried beside the AIF graph so a map survives the round trip.

The AIF export (:mod:`argmap.formats.aif`) writes plain, readable AIF: I-nodes, locutions,
illocutions, transitions, RA/CA/MA. AIF has no place for a map's title, description, source
and context passages, for speakers' roles and affiliations, claims' kinds, outcomes and data,
for the absence of a quote (a locution always has text), for relation quotes, notes and data,
or for ids AIF would rename. Those go under one extra key of the AIF object, ``"ARGMAP"``
(AIFdb, OVA and arguebuf read the keys they know and pass over others, as they do with
OVA's own ``"OVA"`` layout key)::

    "ARGMAP": {"version": "1",
               "map": {"title": ..., "speakers": [...], ...},
               "claims": {"<I nodeID>": {"id": ..., "speaker": ..., "quote": ...}},
               "relations": {"<RA/CA/MA/YA nodeID>": {"id": ..., "note": ...},
                             "<nodeID of a linked argument>": [{"from": ..., "id": ...}, ...]}}

On import the graph decides what exists and how it is linked; the extension only restores
the fields of the nodes it still finds (an edited file keeps its edits). Its values are
checked like any map's.

>>> import argmap
>>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S",'
...   '"role": "host"}], "claims": [{"id": "1st", "speaker": "s", "text": "A"}]}')
>>> ext = extension(m)
>>> ext["map"]["speakers"], ext["claims"]
([{'id': 's', 'name': 'S', 'role': 'host'}], {'1st': {'id': '1st', 'speaker': 's'}})
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Final

from argmap.formats.common import clean_text
from argmap.model import ArgumentMap

__all__ = ["KEY", "extension", "overlay"]

KEY: Final = "ARGMAP"
_CLAIM_FIELDS: Final = ("speaker", "quote", "kind", "outcome", "data")
_RELATION_FIELDS: Final = ("quote", "note", "data")


def extension(argument_map: ArgumentMap, node_of: dict[str, str] | None = None) -> dict[str, Any]:
    """The extension object for a map; ``node_of`` maps a relation key to its node id."""
    document = argument_map.to_dict()
    claims = {
        claim["id"]: {"id": claim["id"]}
        # the I-node holds the text as AIF readers clean it; the exact text when that differs
        | ({"text": claim["text"]} if clean_text(claim["text"]) != claim["text"] else {})
        | {k: claim[k] for k in _CLAIM_FIELDS if k in claim}
        for claim in document["claims"]
    }
    entries: dict[str, list[dict[str, Any]]] = {}
    raws = document.get("relations", [])
    for (key, _), raw in zip(argument_map.relation_keys(), raws, strict=True):
        node = (node_of or {}).get(key, key)
        entry = {"id": raw.get("id")} | {k: raw[k] for k in _RELATION_FIELDS if k in raw}
        entries.setdefault(node, []).append({"from": raw["from"]} | entry)
    # one entry per node; a list, in the order the importer makes them, for a node that
    # stands for several relations (a linked argument), each naming its "from" as a check
    relations = {
        node: [*found] if len(found) > 1 else {k: v for k, v in found[0].items() if k != "from"}
        for node, found in entries.items()
    }
    kept = {k: v for k, v in document.items() if k not in ("argmap", "claims", "relations")}
    return {"version": "1", "map": kept, "claims": claims, "relations": relations}


def overlay(document: dict[str, Any], ext: Any, warnings: list[str]) -> dict[str, Any]:
    """The imported map (our JSON object) with the extension's fields restored.

    Claims and relations are found by the AIF nodeID the importer kept in their
    ``data["aif"]``; speakers by their ``personID`` (the export writes the speaker's id).
    """
    if not isinstance(ext, dict) or not isinstance(ext.get("map"), dict):
        warnings.append(f"{KEY}: not an argmap extension object; ignored")
        return document
    stored = ext["map"]
    claims_ext = _object(ext.get("claims"))
    relations_ext = _object(ext.get("relations"))
    renamed: dict[str, str | None] = {}  # imported id -> the id the extension gives
    result = dict(document)
    speakers = stored.get("speakers")
    if isinstance(speakers, list):
        wanted = {s["id"] for s in speakers if isinstance(s, dict) and isinstance(s.get("id"), str)}
        for speaker in document["speakers"]:
            person = _aif(speaker).get("personID")
            if person is not None and str(person) in wanted:
                renamed[speaker["id"]] = str(person)
            elif speaker["id"] not in wanted:
                speakers = [*speakers, speaker]  # a speaker the file added since
        result["speakers"] = speakers
    for key in ("title", "description", "source", "context", "data"):
        if key in stored:
            result[key] = stored[key]
    claims = []
    for claim in document["claims"]:
        entry = claims_ext.get(str(_aif(claim).get("nodeID")))
        if not isinstance(entry, dict):
            claim = claim | {"speaker": renamed.get(claim["speaker"]) or claim["speaker"]}
        else:
            new_id = _string(entry.get("id")) or claim["id"]
            renamed[claim["id"]] = new_id
            speaker = renamed.get(claim["speaker"]) or claim["speaker"]
            text = entry.get("text")
            if not isinstance(text, str) or clean_text(text) != claim["text"]:
                text = claim["text"]  # no exact text, or the I-node was edited since
            restored = {"id": new_id, "speaker": speaker, "text": text}
            restored |= {k: entry[k] for k in _CLAIM_FIELDS if k in entry}
            claim = restored
        claims.append(claim)
    relations = []
    imported = document.get("relations", [])
    made = Counter(str(_aif(relation).get("nodeID")) for relation in imported)
    seen: Counter[str] = Counter()
    for relation in imported:
        node = str(_aif(relation).get("nodeID"))
        entry = relations_ext.get(node)
        if isinstance(entry, list):  # a linked argument: the entry of the same place
            place, seen[node] = seen[node], seen[node] + 1
            entry = entry[place] if len(entry) == made[node] else None  # else: edited since
            start = renamed.get(relation["from"]) or relation["from"]
            if not isinstance(entry, dict) or entry.get("from") != start:
                entry = None
        if isinstance(entry, dict):
            new_id = _string(entry.get("id"))
            renamed[relation["id"]] = new_id
            restored = {k: relation[k] for k in ("from", "to", "type")}
            if new_id is not None:
                restored = {"id": new_id} | restored
            restored |= {k: entry[k] for k in _RELATION_FIELDS if k in entry}
            relation = restored
        relations.append(relation)
    for relation in relations:
        for end in ("from", "to"):
            relation[end] = renamed.get(relation[end]) or relation[end]
    result["claims"] = claims
    result["relations"] = relations
    return result


def _aif(item: dict[str, Any]) -> dict[str, Any]:
    data = item.get("data")
    aif = data.get("aif") if isinstance(data, dict) else None
    return aif if isinstance(aif, dict) else {}


def _object(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (untrusted input)."""
    return value if isinstance(value, dict) else {}


def _string(value: Any) -> str | None:
    """An id from the extension: a string, else none (its values are untrusted)."""
    return value if isinstance(value, str) else None
