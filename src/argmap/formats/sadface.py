"""SADFace (the Simple Argument Description Format, JSON): import and export.

A SADFace document has ``metadata`` (``core``: title, description, notes, analyst, dates),
``nodes`` (``atom`` nodes with a ``text``; ``scheme`` nodes with a ``name``), ``edges``
(``source_id`` → ``target_id``: premise atom → scheme → conclusion atom) and ``resources``
(source texts that atoms' ``sources`` point into). Older documents keep the core metadata at
the top level instead of under ``metadata.core``; both are read.

**Import** (:func:`loads_with_warnings`):

- atoms → claims, in file order (ids kept when valid, else ``a`` + the id); the text as
  given, leading and trailing white space included (the map format allows it; only the
  characters no output format can hold become spaces); the first of an atom's ``sources``
  gives the claim's quote (the verbatim span of a resource); all sources and the atom's
  metadata go to ``data["sadface"]``.
- schemes (nodes of type ``scheme``, and ``inference`` and ``conflict``, which the sadface
  library writes instead) → one relation per premise and conclusion: a ``conflict`` node
  attacks whatever its name (read as the edges run, atom → conflict → atom, and reported:
  the library's ``build_attack`` writes its edges the other way round); the others' type
  is read from the scheme's name by
  :func:`scheme_type` (case-insensitive, the first that fits): a name with ``conflict``,
  ``attack``, ``rebut``, ``undercut``, ``undermin``, ``objection``, ``disagree``, ``defeat``
  or ``contradict`` → ``attacks`` (``undercuts`` when its target is a scheme); with
  ``prefer`` → skipped (a preference is no relation); ``rephrase``, ``restate``,
  ``paraphrase``, ``reformulat`` → ``elaborates``; ``support``, ``infer`` or a named
  inference scheme (``Argument from ...``) → ``supports``. Any other name, an empty one or
  none: SADFace's schemes are inference schemes unless named otherwise (its own tool's
  default scheme is ``inference``), so ``supports`` too, reported in one warning that
  counts them and names each name (an ``inference`` node is a support without a warning).
  The scheme's name, as written, and id go to the relation's ``data["sadface"]``, with its
  node type when that is not ``scheme``.
- SADFace names no speakers: every claim is the speaker "Author"'s (a document this module
  wrote gets its speakers back, see below). Title and description come from the core
  metadata; the rest of it is kept in the map's ``data["sadface"]``.
- Reported and skipped: edges to missing nodes, atom → atom edges, schemes without premise or
  conclusion, unknown node types, ``preference`` schemes. A document with no atoms is
  refused (:class:`~argmap.FormatError`): an empty SADFace file is no map.

**Export** (:func:`dumps`, in :mod:`argmap.formats.sadface_export`): the same shape, with
everything SADFace has no field for (speakers, quotes, kinds, outcomes, context, source,
relations between speakers, agreement) under the
``argmap`` metadata namespace of the document, atom or scheme, which SADFace reserves for
tools (``metadata.<namespace>``); importing the export gives the same map back. Node and
edge ids are UUIDs derived from argmap's ids, as SADFace's validator requires. The core
metadata holds the keys SADFace requires, never from the clock: the imported document's
own ``id``, ``created``, ``edited`` and analyst when the map came from SADFace, else an
``id`` from the title and the dates from the map's ``source.date`` (or
``1970-01-01T00:00:00`` when it has none); see :mod:`argmap.formats.sadface_export`.

>>> from argmap.formats import sadface
>>> m = sadface.loads('''{"metadata": {"core": {"title": "Hang back"}},
...   "nodes": [{"id": "a1", "type": "atom", "text": "Withdraw the video."},
...             {"id": "s1", "type": "scheme", "name": "support"},
...             {"id": "a2", "type": "atom", "text": "It is unclear."}],
...   "edges": [{"id": "e1", "source_id": "a2", "target_id": "s1"},
...             {"id": "e2", "source_id": "s1", "target_id": "a1"}]}''')
>>> m.title, [(r.from_id, r.type, r.to_id) for r in m.relations]
('Hang back', [('a2', 'supports', 'a1')])
>>> sadface.loads(sadface.dumps(m)) == m
True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from argmap.errors import FormatError, Problem
from argmap.formats.common import Imported, build, clean_text, parse_json, read_source
from argmap.formats.sadface_export import NAMESPACE, WRITTEN_CORE, dump, dumps, to_sadface
from argmap.formats.sadface_schemes import MAX_PAIRS, SCHEME_TYPES, SchemeReader, scheme_type
from argmap.mapfile import REFUSED_CHARACTERS
from argmap.model import ArgumentMap

__all__ = [
    "MAX_PAIRS",
    "dump",
    "dumps",
    "from_document",
    "load",
    "load_with_warnings",
    "loads",
    "loads_with_warnings",
    "looks_like",
    "scheme_type",
    "to_sadface",
]

_CORE_KEYS: Final = ("analyst_email", "analyst_name", "created", "edited", "id", "version")


def looks_like(document: Any) -> bool:
    """Whether a parsed JSON document is SADFace: ``metadata.core``, or edges with
    ``source_id``/``target_id``, or nodes typed ``atom``/``scheme``.

    >>> looks_like({"nodes": [], "edges": [], "metadata": {"core": {}}})
    True
    >>> looks_like({"nodes": [{"nodeID": 1, "type": "I"}], "edges": []})
    False
    """
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        return False
    metadata = document.get("metadata")
    if isinstance(metadata, dict) and isinstance(metadata.get("core"), dict):
        return True
    edges = document.get("edges")
    if isinstance(edges, list) and any(
        isinstance(e, dict) and "source_id" in e and "target_id" in e for e in edges[:20]
    ):
        return True
    return any(
        isinstance(n, dict) and n.get("type") in ("atom", *SCHEME_TYPES) and "nodeID" not in n
        for n in document["nodes"][:20]
    )


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Import a SADFace file (see the module documentation)."""
    return load_with_warnings(path).map


def load_with_warnings(path: str | os.PathLike[str]) -> Imported:
    """Import a SADFace file; also return the warnings."""
    file = os.fspath(path)
    return loads_with_warnings(read_source(file), title=Path(file).stem, file=file)


def loads(text: str, *, title: str = "SADFace import", file: str | None = None) -> ArgumentMap:
    """Import SADFace from a string."""
    return loads_with_warnings(text, title=title, file=file).map


def loads_with_warnings(
    text: str, *, title: str = "SADFace import", file: str | None = None
) -> Imported:
    """Import SADFace from a string; also return the warnings, one line each."""
    document = parse_json(text, file)
    return from_document(document, title=title, file=file)


def from_document(
    document: Any, *, title: str = "SADFace import", file: str | None = None
) -> Imported:
    """Import SADFace already parsed from JSON; also return the warnings."""
    return _Importer(document, file).run(title)


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


class _Importer(SchemeReader):
    def __init__(self, document: Any, file: str | None) -> None:
        super().__init__()
        self.document = document
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> FormatError:
        return FormatError([Problem(path, message)], self.file)

    def run(self, title: str) -> Imported:
        doc = self.document
        if not isinstance(doc, dict):
            raise self.fail("", "expected a JSON object (a SADFace document)")
        for key in ("nodes", "edges"):
            if not isinstance(doc.get(key), list):
                raise self.fail(key, "missing or not a list")
        metadata = _object(doc.get("metadata"))
        core = _object(metadata.get("core"))
        core = {k: doc[k] for k in _CORE_KEYS if k in doc} | core  # older documents
        ours = _object(metadata.get(NAMESPACE))
        speakers = ours.get("speakers", [{"id": "author", "name": "Author"}])
        listed = speakers if isinstance(speakers, list) else []  # (the checks name a non-list)
        self.ids.taken.update(str(s.get("id")) for s in listed if isinstance(s, dict))
        self.read_nodes(doc["nodes"])
        if self.problems:
            raise FormatError(self.problems, self.file)
        if not self.atoms and not ours:  # (a map argmap wrote may have no claims)
            raise self.fail("nodes", "has no atom nodes: an empty SADFace document is no map")
        self.read_edges(doc["edges"])
        map_data = {k: v for k, v in metadata.items() if k not in ("core", NAMESPACE)}
        written = tuple(WRITTEN_CORE) if ours else ("title", "description")
        kept_core = {k: v for k, v in core.items() if k not in written}
        sadface = ({"core": kept_core} if kept_core else {}) | map_data
        if isinstance(doc.get("resources"), list) and doc["resources"]:
            sadface["resources"] = doc["resources"]
        document: dict[str, Any] = {
            "argmap": "1",
            # Our own export's title as written (spaces and all); another tool's cleaned.
            "title": ours.get("title") or clean_text(str(core.get("title") or title)) or title,
            "speakers": speakers,
            "claims": list(self.atoms.values()),
            "relations": self.relations(_object(ours.get("relations"))),
        }
        description = ours.get("description", _string(core.get("description")))
        if description:
            document["description"] = description
        for key in ("source", "context"):
            if key in ours:
                document[key] = ours[key]
        data = dict(_object(ours.get("data")))
        if sadface:
            data["sadface"] = sadface
        if data:
            document["data"] = data
        return Imported(build(document, self.file), self.warnings)

    def read_nodes(self, nodes: list[Any]) -> None:
        seen: set[str] = set()
        for index, node in enumerate(nodes):
            path = f"nodes[{index}]"
            if not isinstance(node, dict):
                self.problems.append(Problem(path, "expected an object"))
                continue
            ident = node.get("id")
            if not isinstance(ident, str | int) or isinstance(ident, bool) or str(ident) == "":
                self.problems.append(Problem(f"{path}.id", "missing; expected a string"))
                continue
            ident = str(ident)
            if ident in seen:
                self.warnings.append(f"{path}: id {ident!r} is used twice; kept the first node")
                continue
            seen.add(ident)
            kind = node.get("type")
            if kind == "atom":
                self.atoms[ident] = self.claim(node, ident, path)
            elif kind in SCHEME_TYPES:
                self.schemes[ident] = (path, node)
            else:
                self.warnings.append(f"{path}: node type {kind!r} is not atom or scheme; skipped")

    def claim(self, node: dict[str, Any], ident: str, path: str) -> dict[str, Any]:
        metadata = _object(node.get("metadata"))
        ours = _object(metadata.get(NAMESPACE))
        raw = node.get("text")
        text = REFUSED_CHARACTERS.sub(" ", raw) if isinstance(raw, str) else ""
        if not text.strip():
            text = ""
            self.warnings.append(f"{path}: atom {ident!r} has no text; used '(no text)'")
        claim: dict[str, Any] = {
            "id": self.ids.unique(wanted)
            if (wanted := _string(ours.get("id")))
            else self.ids.foreign(ident, "a"),
            "speaker": ours.get("speaker", "author"),
            "text": ours.get("text", text or "(no text)"),
        }
        sources = _list(node.get("sources"))
        first = sources[0] if sources and isinstance(sources[0], dict) else {}
        quote = clean_text(first["text"]) if isinstance(first.get("text"), str) else ""
        if quote and NAMESPACE not in metadata:
            claim["quote"] = quote
        claim |= {k: v for k, v in ours.items() if k not in ("id", "speaker", "text")}
        if ours:  # written by dumps: its data is the claim's
            return claim
        extra = {k: v for k, v in metadata.items() if v not in ({}, None)}
        sadface = {"id": node["id"]} | ({"sources": sources} if sources else {})
        if extra:
            sadface["metadata"] = extra
        claim["data"] = {"sadface": sadface}
        return claim

    def read_edges(self, edges: list[Any]) -> None:
        for index, edge in enumerate(edges):
            path = f"edges[{index}]"
            if not isinstance(edge, dict):
                self.warnings.append(f"{path}: expected an object; skipped")
                continue
            start, end = str(edge.get("source_id")), str(edge.get("target_id"))
            missing = [n for n in (start, end) if n not in self.atoms and n not in self.schemes]
            if missing:
                self.warnings.append(f"{path}: no node {missing[0]!r}; skipped")
            elif start in self.atoms and end in self.atoms:
                self.warnings.append(
                    f"{path}: joins two atoms without a scheme; skipped (SADFace links atoms "
                    "through scheme nodes)"
                )
            elif start == end:
                self.warnings.append(f"{path}: a self-loop; skipped")
            else:
                self.outs.setdefault(start, []).append(end)
                self.ins.setdefault(end, []).append(start)


def _object(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (untrusted input)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    """``value`` if it is a JSON array, else an empty one (untrusted input)."""
    return value if isinstance(value, list) else []
