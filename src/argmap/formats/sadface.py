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
from collections import Counter
from pathlib import Path
from typing import Any, Final

from argmap.errors import FormatError, Problem
from argmap.formats.common import IdMaker, Imported, build, clean_text, parse_json, read_source
from argmap.formats.sadface_export import NAMESPACE, WRITTEN_CORE, dumps, to_sadface
from argmap.mapfile import REFUSED_CHARACTERS
from argmap.model import ArgumentMap

__all__ = [
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

_CONFLICT_WORDS: Final = ("conflict", "attack", "rebut", "undercut", "undermin", "objection")
#: what a scheme name containing one of the words is read as, the first that fits (lower case)
_SCHEME_WORDS: Final = (
    ("attacks", (*_CONFLICT_WORDS, "disagree", "defeat", "contradict")),
    ("preference", ("prefer",)),
    ("elaborates", ("rephras", "restate", "paraphras", "reformulat")),
    ("supports", ("support", "infer")),
)
#: the node types of a scheme: SADFace's own, and the two the sadface library (0.5.4) writes
_SCHEME_TYPES: Final = ("scheme", "inference", "conflict")
#: unknown scheme names listed by name in the warning; the rest are counted
_NAMES_LISTED: Final = 10
_CORE_KEYS: Final = ("analyst_email", "analyst_name", "created", "edited", "id", "version")
#: A scheme joining more premises × conclusions than this is cut to its first conclusion:
#: the pairs would grow with the square of the document (SADFace schemes have one conclusion).
MAX_PAIRS: Final = 1024


def scheme_type(name: str) -> str | None:
    """The relation type a SADFace scheme's name is read as (see the module documentation):
    ``attacks``, ``elaborates``, ``supports``, ``preference`` (no relation), or ``None`` for
    a name argmap does not know (read as ``supports``, and reported).

    >>> [scheme_type(n) for n in ("Default Conflict", "Rebuttal", "Argument from Sign", "")]
    ['attacks', 'attacks', 'supports', None]
    """
    key = name.strip().lower()
    for kind, words in _SCHEME_WORDS:
        if any(word in key for word in words):
            return kind
    return "supports" if key.startswith("argument ") else None


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
        isinstance(n, dict) and n.get("type") in ("atom", *_SCHEME_TYPES) and "nodeID" not in n
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


class _Importer:
    def __init__(self, document: Any, file: str | None) -> None:
        self.document = document
        self.file = file
        self.warnings: list[str] = []
        self.problems: list[Problem] = []
        self.ids = IdMaker()
        self.atoms: dict[str, dict[str, Any]] = {}  # SADFace id -> claim
        self.schemes: dict[str, tuple[str, dict[str, Any]]] = {}  # id -> (path, node)
        self.ins: dict[str, list[str]] = {}
        self.outs: dict[str, list[str]] = {}

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
            elif kind in _SCHEME_TYPES:
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

    def relations(self, kept: dict[str, Any]) -> list[dict[str, Any]]:
        """The schemes' relations (undercuts after what they attack), in the order ``dumps``
        wrote them (``index``) or else in scheme order, with the relations it kept aside."""
        relations: list[tuple[float, int, dict[str, Any]]] = []
        made: dict[str, list[str]] = {}
        undercuts: dict[str, tuple[str, str, dict[str, Any], list[str], bool]] = {}
        unknown: Counter[str] = Counter()  # names read as supports without knowing them
        conflicts: list[str] = []  # the sadface library's conflict nodes, read as attacks
        for position, (ident, (path, node)) in enumerate(self.schemes.items()):
            name = str(node.get("name") or "")
            node_type = node.get("type")
            # the sadface library's own node types: a conflict attacks, whatever its name
            # ("attack", "disagree", ...); an inference is read by its name, else supports
            kind = "attacks" if node_type == "conflict" else scheme_type(name)
            if kind is None and node_type == "inference":
                kind = "supports"
            if kind == "preference":
                self.warnings.append(f"{path}: a preference scheme has no argmap relation; skipped")
                continue
            premises = [self.atoms[n]["id"] for n in self.ins.get(ident, ()) if n in self.atoms]
            ends = self.outs.get(ident, [])
            conclusions = [self.atoms[n]["id"] for n in ends if n in self.atoms]
            on_schemes = [n for n in ends if n in self.schemes]
            metadata = _object(node.get("metadata"))
            ours = _object(metadata.get(NAMESPACE))
            base = {k: v for k, v in ours.items() if k in ("quote", "note", "data")}
            if not ours:
                sadface = {"id": node["id"], "name": name}
                if node_type != "scheme":
                    sadface["type"] = node_type
                base["data"] = {"sadface": sadface}
            order = ours.get("index") if isinstance(ours.get("index"), int) else None
            base["_order"] = (float(order) if order is not None else float("inf"), position)
            if not premises or not (conclusions or on_schemes):
                missing = "premise" if not premises else "conclusion"
                self.warnings.append(f"{path}: scheme {name!r} has no {missing}; skipped")
                continue
            if kind is None:
                unknown[repr(name) if name.strip() else "no name"] += 1
                kind = "supports"
            if on_schemes and kind == "attacks":
                own_id = _string(ours.get("id")) or ""
                undercuts[ident] = (path, own_id, base, premises, "index" in ours)
            elif on_schemes:
                self.warnings.append(f"{path}: only a conflict can target a scheme; skipped that")
            if len(premises) * len(conclusions) > MAX_PAIRS:
                self.warnings.append(
                    f"{path}: scheme {name!r} joins {len(premises)} premises to "
                    f"{len(conclusions)} conclusions; kept the first conclusion only"
                )
                conclusions = conclusions[:1]
            pairs = [(p, c) for p in premises for c in conclusions if p != c]
            wanted = _string(ours.get("id"))
            # Our own export of a relation that had no id: it gets none back.
            anonymous = "index" in ours and wanted is None and len(pairs) == 1
            made[ident] = self.add(relations, wanted, ident, kind, pairs, base, anonymous)
            if node_type == "conflict" and (made[ident] or ident in undercuts):
                conflicts.append(ident)
        for ident in self.undercut_order(undercuts):
            path, own_id, base, premises, ours_written = undercuts[ident]
            targets = [r for n in self.outs[ident] for r in made.get(n, ())]
            if not targets:
                self.warnings.append(f"{path}: the scheme it attacks makes no relation; skipped")
            pairs = [(p, t) for p in premises for t in targets][:MAX_PAIRS]
            # our own export of an undercut that had no id: it gets none back either
            anonymous = ours_written and not own_id and len(pairs) == 1
            made[ident] = made.get(ident, []) + self.add(
                relations, own_id or None, ident, "undercuts", pairs, base, anonymous
            )
        for index, raw in kept.items():
            if index.isdigit():
                relations.append((float(index), -1, raw))
        if unknown:
            self.warnings.append(_unknown_names(unknown))
        if conflicts:
            self.warnings.append(_conflict_direction(conflicts))
        relations.sort(key=lambda item: item[:2])
        return [relation for _, _, relation in relations]

    def undercut_order(self, undercuts: dict[str, Any]) -> list[str]:
        """Conflict schemes on schemes, each after the conflict schemes it attacks (a loop
        of them is left out and reported); every scheme is visited once."""
        order: list[str] = []
        state: dict[str, int] = {}  # 1 visiting, 2 done
        for root in undercuts:
            stack = [(root, iter(self.outs.get(root, ())))]
            state.setdefault(root, 1)
            while stack:
                node, children = stack[-1]
                child = next((c for c in children if c in undercuts), None)
                if child is None:
                    stack.pop()
                    if state[node] == 1:
                        state[node] = 2
                        order.append(node)
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(self.outs.get(child, ()))))
                elif state[child] == 1:
                    self.warnings.append(
                        f"{undercuts[child][0]}: conflicts on conflicts form a loop; skipped"
                    )
                    state[child] = 3
        return [n for n in order if state[n] == 2]

    def add(
        self,
        relations: list[tuple[float, int, dict[str, Any]]],
        wanted: str | None,
        ident: str,
        kind: str,
        pairs: list[tuple[str, str]],
        base: dict[str, Any],
        anonymous: bool = False,
    ) -> list[str]:
        """The relations of one scheme, one per pair, and their ids (none when
        ``anonymous``: the relation it stands for had no id)."""
        if not pairs:
            return []
        ids = []
        order, position = base["_order"]
        fields = {k: v for k, v in base.items() if k != "_order"}
        if anonymous:
            ((start, end),) = pairs
            relations.append((order, position, {"from": start, "to": end, "type": kind} | fields))
            return []
        stem = None if len(pairs) == 1 and wanted else self.ids.foreign(ident, "s")
        for number, (start, end) in enumerate(pairs, 1):
            if stem is None:
                relation_id = self.ids.unique(str(wanted))
            elif len(pairs) == 1:
                relation_id = stem
            else:
                relation_id = self.ids.unique(f"{stem}.{number}")
            ids.append(relation_id)
            relation = {"id": relation_id, "from": start, "to": end, "type": kind} | fields
            relations.append((order, position, relation))
        return ids


def _conflict_direction(conflicts: list[str]) -> str:
    """The warning for the sadface library's ``conflict`` nodes: read as every scheme is, from
    the atom before the node to the atom after it, which its ``build_attack`` reverses.

    >>> _conflict_direction(["c1"])[:74]
    "1 'conflict' node read as attacks from the atom that leads into it to the "
    """
    some = ", ".join(repr(c) for c in conflicts[:5]) + (" ..." if len(conflicts) > 5 else "")
    what = "nodes" if len(conflicts) > 1 else "node"
    return (
        f"{len(conflicts)} 'conflict' {what} read as attacks from the atom that leads into it "
        "to the atom it leads to, as SADFace's edges run; the sadface library's build_attack "
        "(0.5.4) writes the opposite (conflict -> attacker, target -> conflict), so an attack "
        f"it built reads reversed: check {some}"
    )


def _unknown_names(counts: Counter[str]) -> str:
    """The warning for scheme names read as supports without knowing them: how many schemes,
    and the names, most used first (then in file order), the first ten of them.

    >>> _unknown_names(Counter({"'Foo'": 2, "no name": 1}))
    "3 schemes with names argmap does not know were read as supports: 'Foo' (2), no name (1)"
    """
    named = counts.most_common()
    listed = ", ".join(f"{name} ({count})" for name, count in named[:_NAMES_LISTED])
    more = f" and {len(named) - _NAMES_LISTED} more names" if len(named) > _NAMES_LISTED else ""
    total = counts.total()
    what = "schemes with names" if total > 1 else "scheme with a name"
    what += " argmap does not know " + ("were" if total > 1 else "was")
    return f"{total} {what} read as supports: {listed}{more}"


def _object(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (untrusted input)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    """``value`` if it is a JSON array, else an empty one (untrusted input)."""
    return value if isinstance(value, list) else []
