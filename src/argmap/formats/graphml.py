"""GraphML and GEXF export, through networkx's own writers, for yEd, Gephi and networkx.

The graph is :func:`argmap.graph.to_networkx` with every attribute flattened to a string, so
that the tools can filter, colour and size by it:

- nodes: ``kind`` (``speaker`` or ``claim``) and ``label`` (a speaker's name, a claim's text);
  speakers also ``name``, ``role``, ``affiliation``, ``participation``, ``url``; claims also
  ``speaker`` (its id), ``speaker_name``, ``text``, ``quote``, ``claim_kind``,
  ``outcome`` (the status) and ``outcome_note``;
- edges (keyed by the relation's id, ``relations:<i>`` without one, or ``asserts:<claim>``
  from a speaker to each of its claims; see :func:`edge_id`): ``relation`` (the type, or
  ``asserts``), ``label``
  (the same), ``quote``, ``note``, and ``undercuts`` (the key of the relation an undercut
  attacks: its edge runs to that relation's target);
- ``data`` of speakers, claims and relations as a JSON string; ``outcome_source`` beside
  ``outcome`` and ``outcome_note``;
- the graph: the map's ``title``, and its ``description``, ``source`` (a JSON object),
  ``context`` (a JSON list of the passages) and ``data`` (JSON) when it has them.

Attributes that are not set are left out; only ``quote_span`` (where a quote stands in the
source text, worked out again when a map is loaded) is not written. GraphML keeps text
exactly (XML escapes ``<>&`` and quotes) except that XML turns a carriage return into a line
feed. Every id is an ``xs:NMTOKEN``, as GraphML's schema requires; networkx numbers GEXF's
edges and keeps the same keys in their ``networkx_key`` attribute. GEXF has no attributes
of a graph: its ``<meta>`` carries the map's description, and :func:`gexf_left_out` says
what of the map it cannot hold (``argmap convert`` prints it).

>>> import argmap
>>> from argmap.formats import graphml
>>> m = argmap.loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],'
...                  ' "claims": [{"id": "c", "speaker": "s", "text": "A < B"}]}')
>>> "A &lt; B" in graphml.dumps(m) and "A &lt; B" in graphml.dumps_gexf(m)
True
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from argmap.files import write_atomic
from argmap.mapfile import to_dict
from argmap.model import ArgumentMap, Outcome

__all__ = ["dump", "dump_gexf", "dumps", "dumps_gexf", "edge_id", "flat_graph", "gexf_left_out"]


def flat_graph(argument_map: ArgumentMap) -> Any:
    """The map as a ``networkx.MultiDiGraph`` whose attributes are all strings and whose
    edge keys are valid GraphML ids (:func:`edge_id`)."""
    import networkx as nx

    graph = argument_map.to_networkx()
    flat = nx.MultiDiGraph(title=argument_map.title, name=argument_map.title)
    flat.graph.update(_map_level(argument_map))
    names = {s.id: s.name for s in argument_map.speakers}
    for node, attrs in graph.nodes(data=True):
        out = _flatten(attrs)
        out["label"] = out.get("name") or out.get("text", node)
        if "speaker" in out:
            out["speaker_name"] = names[out["speaker"]]
        flat.add_node(node, **out)
    for start, end, key, attrs in graph.edges(keys=True, data=True):
        out = _flatten(attrs)
        out["label"] = out["relation"]
        flat.add_edge(start, end, key=edge_id(key), **out)
    return flat


_GRAPH_KEY: Final = re.compile(r"(asserts|relations)\[(.*)\]", re.DOTALL)


def edge_id(key: str) -> str:
    """The id of an edge in GraphML and GEXF for its key in :func:`argmap.to_networkx`.

    GraphML's schema types ids as ``xs:NMTOKEN`` (letters, digits, ``.-_:``), which the
    graph's ``asserts[<claim>]`` and ``relations[<i>]`` are not: they are written
    ``asserts:<claim>`` and ``relations:<i>``. A relation's id is kept as it is; argmap ids
    never hold a colon, so neither can be taken for one.

    >>> edge_id("asserts[ann.1]"), edge_id("relations[4]"), edge_id("r1")
    ('asserts:ann.1', 'relations:4', 'r1')
    """
    match = _GRAPH_KEY.fullmatch(key)
    return f"{match[1]}:{match[2]}" if match else key


def _flatten(attrs: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in attrs.items():
        if isinstance(value, Outcome):
            out["outcome"] = value.status
            if value.note is not None:
                out["outcome_note"] = value.note
            if value.source is not None:
                out["outcome_source"] = value.source
        elif isinstance(value, Mapping):
            out[key] = _json(dict(value))
        elif isinstance(value, str):
            out[key] = value
        # quote_span (offsets into the source) is left out: it is derived, not data
    return out


def _map_level(argument_map: ArgumentMap) -> dict[str, str]:
    """The map's own fields other than its title, as GraphML graph attributes."""
    document = to_dict(argument_map)
    return {
        key: value if isinstance(value, str) else _json(value)
        for key in ("description", "source", "context", "data")
        if (value := document.get(key))
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _write(argument_map: ArgumentMap, writer: Callable[..., None]) -> str:
    buffer = io.BytesIO()
    writer(flat_graph(argument_map), buffer)
    # The writers leave a carriage return in element text raw, which XML parsers read back
    # as a line feed; as a character reference it stays exact. Markup itself has none.
    return buffer.getvalue().decode("utf-8").replace("\r", "&#13;")


def dumps(argument_map: ArgumentMap) -> str:
    """The map as a GraphML document (``networkx.write_graphml``)."""
    import networkx as nx

    return _write(argument_map, nx.write_graphml)


def dumps_gexf(argument_map: ArgumentMap) -> str:
    """The map as a GEXF document (``networkx.write_gexf``).

    ``<meta>`` is argmap's, so that the output depends only on the map: the writer's holds
    today's date and its own version (networkx 3.7 also copies the description there, which
    3.6 does not); argmap's holds the map's description and names argmap as the creator.
    """
    import networkx as nx

    text = _write(argument_map, nx.write_gexf)
    meta = "<meta>\n    <creator>argmap</creator>"
    if argument_map.description:
        meta += f"\n    <description>{_xml_text(argument_map.description)}</description>"
    meta += "\n  </meta>"
    return _GEXF_META.sub(lambda _: meta, text, count=1)


_GEXF_META: Final = re.compile(r"<meta\b[^>]*>.*?</meta>", re.DOTALL)


def gexf_left_out(argument_map: ArgumentMap) -> list[str]:
    """What of the map a GEXF file cannot hold: the map's source, context and data (GEXF has
    no attributes of a graph; GraphML keeps them).

    >>> import argmap
    >>> m = argmap.loads('{"argmap": "1", "title": "T", "source": {"title": "Talk"},'
    ...                  ' "speakers": [], "claims": []}')
    >>> gexf_left_out(m)
    ["GEXF has no place for the map's source: left out (GraphML keeps it)"]
    """
    named = {"source": "source", "context": "context passages", "data": "data"}
    return [
        f"GEXF has no place for the map's {named[key]}: left out (GraphML keeps it)"
        for key in named
        if key in _map_level(argument_map)
    ]


def _xml_text(text: str) -> str:
    """Text as XML element content, exactly (a carriage return as a character reference)."""
    from xml.sax.saxutils import escape

    return escape(text).replace("\r", "&#13;")


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map as GraphML, atomically."""
    write_atomic(path, dumps(argument_map).encode("utf-8"))


def dump_gexf(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map as GEXF, atomically."""
    write_atomic(path, dumps_gexf(argument_map).encode("utf-8"))
