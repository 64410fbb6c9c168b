"""The model back to argmap JSON: the file's object, its text, and the file itself."""

from __future__ import annotations

import json
import os
from typing import Any

from argmap.mapfile.syntax import (
    CONTEXT_KEYS,
    FORMAT_VERSION,
    OUTCOME_KEYS,
    RELATION_KEYS,
    SOURCE_KEYS,
    SPEAKER_KEYS,
)
from argmap.model import (
    ArgumentMap,
)


def to_dict(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as a JSON-ready object in the file format, keys in the documented order.

    Defaults and derived values (``kind: "assessment"``, quote offsets) are left out.
    """
    m = argument_map
    out: dict[str, Any] = {"argmap": FORMAT_VERSION, "title": m.title}
    put(out, "description", m.description)
    if m.source is not None:
        source: dict[str, Any] = {}
        for key in SOURCE_KEYS:
            put(source, key, getattr(m.source, key))
        out["source"] = source
    out["speakers"] = [fields_of(s, SPEAKER_KEYS, {}) for s in m.speakers]
    claims = []
    for c in m.claims:
        claim = fields_of(c, ("id", "speaker", "text", "quote"), {})
        if c.kind != "assessment":
            claim["kind"] = c.kind
        if c.outcome is not None:
            claim["outcome"] = fields_of(c.outcome, OUTCOME_KEYS, {})
        put(claim, "data", dict(c.data) or None)
        claims.append(claim)
    out["claims"] = claims
    out["relations"] = [
        fields_of(r, RELATION_KEYS, {"from": "from_id", "to": "to_id"}) for r in m.relations
    ]
    if m.context:
        out["context"] = [fields_of(x, CONTEXT_KEYS, {}) for x in m.context]
    put(out, "data", dict(m.data) or None)
    return out


def dumps(argument_map: ArgumentMap) -> str:
    """The map as the text of a map file (UTF-8 JSON, two-space indent, final newline)."""
    return json.dumps(to_dict(argument_map), ensure_ascii=False, indent=2) + "\n"


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map to a file atomically (see :func:`argmap.files.write_atomic`)."""
    from argmap.files import write_atomic

    write_atomic(path, dumps(argument_map).encode("utf-8"))


def put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        target[key] = value


def fields_of(obj: Any, keys: tuple[str, ...], renamed: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in keys:
        value = getattr(obj, renamed.get(key, key))
        if key == "data":
            value = dict(value) or None
        put(out, key, value)
    return out
