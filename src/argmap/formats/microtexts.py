"""Import of the arg-microtexts corpus XML (``<arggraph>`` with EDUs, ADUs and edges).

- One speaker, "Author": each microtext is a short monologue. An ADU's dialectical role
  (``pro`` proponent, ``opp`` the opponent's voice the author answers) is kept in the claim's
  ``data["microtexts"]["role"]``.
- Each ADU becomes a claim (its id kept, ``a1``); its text and quote are its EDUs' texts
  (``seg`` edges), joined by a space in document order. An EDU that belongs to no ADU is kept
  as a context passage and reported.
- Edges keep their ids (``c1``): ``sup`` and ``exa`` (example) → ``supports``, ``reb`` →
  ``attacks``, ``und`` → ``undercuts`` (its target is another edge, i.e. our relation).
- ``add`` joins a further premise to an existing edge (a linked premise). It becomes a
  relation of the same type as that edge, from the added ADU to the same target, with
  ``data["microtexts"]["linked_with"]`` naming the edge it completes.
- An EDU marked ``implicit="true"`` was added by the annotators, not written: it is no part
  of the claim's quote, ``data["microtexts"]["implicit_edus"]`` names it, and a claim of
  implicit EDUs only has no quote and ``data["implicit"]`` true.
- Reported and skipped: unknown edge types, edges to missing nodes, self-loops. Malformed XML
  or missing attributes raise :class:`~argmap.FormatError` (a ``MapError``) naming the line or
  the element.

>>> from argmap.formats import microtexts
>>> m = microtexts.loads('''<arggraph id="m1"><edu id="e1">Tax sugar.</edu>
...   <edu id="e2">It rots teeth.</edu><adu id="a1" type="pro"/><adu id="a2" type="pro"/>
...   <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/>
...   <edge id="c3" src="a2" trg="a1" type="sup"/></arggraph>''')
>>> [(r.id, r.from_id, r.type, r.to_id) for r in m.relations], m.claim("a2").quote
([('c3', 'a2', 'supports', 'a1')], 'It rots teeth.')
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any, Final

from argmap.errors import FormatError, Problem
from argmap.formats.common import IdMaker, Imported, build, clean_text, read_source
from argmap.model import ArgumentMap

__all__ = ["load", "load_with_warnings", "loads", "loads_with_warnings"]

_TYPES: Final = {"sup": "supports", "exa": "supports", "reb": "attacks", "und": "undercuts"}
_AUTHOR: Final = "author"
_ON_EDGES: Final = ("und", "add")  # edge types whose target is another edge


#: The elements of an arg-microtexts graph below <arggraph>.
_ELEMENTS: Final = ("edu", "adu", "edge")


def load(path: str | os.PathLike[str]) -> ArgumentMap:
    """Import a microtext XML file (see the module documentation)."""
    return load_with_warnings(path).map


def load_with_warnings(path: str | os.PathLike[str]) -> Imported:
    """Import a microtext XML file; also return the warnings."""
    file = os.fspath(path)
    return loads_with_warnings(read_source(file), title=Path(file).stem, file=file)


def loads(text: str, *, title: str | None = None, file: str | None = None) -> ArgumentMap:
    """Import a microtext from a string."""
    return loads_with_warnings(text, title=title, file=file).map


def loads_with_warnings(
    text: str, *, title: str | None = None, file: str | None = None
) -> Imported:
    """Import a microtext from a string; also return the warnings, one line each.

    The title is the ``<arggraph id>``, else ``title``.
    """

    def fail(where: str, message: str) -> FormatError:
        return FormatError([Problem(where, message)], file)

    if "<!ENTITY" in text:
        raise fail("", "declares XML entities, which are not allowed")
    try:
        # The text is decoded already: an encoding it declares must not decode it again.
        parser = ET.XMLParser(encoding="utf-8")
        parser.feed(text.encode("utf-8", "surrogatepass"))
        root = parser.close()
    except ET.ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]  # expat's own words, e.g. "mismatched tag"
        message = f"is not well-formed XML ({reason}): line {line}, column {column + 1}"
        raise fail("", message) from None
    if root.tag != "arggraph":
        raise fail(f"<{root.tag}>", "expected the root element <arggraph>")
    warnings: list[str] = []
    unknown = Counter(e.tag for e in root.iter() if e.tag not in ("arggraph", *_ELEMENTS))
    if unknown:
        kinds = ", ".join(f"<{tag}> ×{n}" for tag, n in unknown.most_common(3))
        more = f" and {len(unknown) - 3} more kinds" if len(unknown) > 3 else ""
        warnings.append(
            f"{unknown.total()} elements not of arg-microtexts ({kinds}{more}): skipped"
        )
    if all(next(root.iter(tag), None) is None for tag in ("edu", "adu")):
        raise fail("<arggraph>", "has no <edu> and no <adu>: an empty microtext is no map")

    def attribute(element: ET.Element, index: int, name: str) -> str:
        value = element.get(name)
        if not value:
            label = f"<{element.tag}> #{index + 1}"
            ident = element.get("id")
            raise fail(label + (f" (id {ident!r})" if ident else ""), f"missing {name}=")
        return value

    ids = IdMaker()
    edus = {attribute(e, i, "id"): clean_text(e.text or "") for i, e in enumerate(root.iter("edu"))}
    implicit = {e.get("id") for e in root.iter("edu") if e.get("implicit") == "true"}
    adus = {attribute(a, i, "id"): a.get("type", "") for i, a in enumerate(root.iter("adu"))}
    edges = [
        (attribute(e, i, "id"), attribute(e, i, "src"), attribute(e, i, "trg"), e.get("type", ""))
        for i, e in enumerate(root.iter("edge"))
    ]
    ident_of = {old: ids.foreign(old, "x") for old in [*edus, *adus, *(e[0] for e in edges)]}
    segments: dict[str, list[str]] = {}
    relations: dict[str, dict[str, Any]] = {}  # edge id -> relation (in edge order)
    pending = []
    for edge_id, start, end, kind in edges:
        where = f"<edge> {edge_id!r}"
        if kind == "seg":
            if start in edus and end in adus:
                segments.setdefault(end, []).append(start)
            else:
                warnings.append(f"{where}: seg from {start} to {end}: no such EDU/ADU; skipped")
        elif kind not in (*_TYPES, "add"):
            warnings.append(f"{where}: unknown edge type {kind!r}; skipped")
        elif start not in adus:
            warnings.append(f"{where}: source {start!r} is no ADU; skipped")
        elif start == end:
            warnings.append(f"{where}: a self-loop; skipped")
        else:
            pending.append((edge_id, start, end, kind))
    for edge_id, start, end, kind in _dependency_order(pending):
        if end in (relations if kind in _ON_EDGES else adus):
            relations[edge_id] = _relation(ident_of, relations, edge_id, start, end, kind)
        else:
            what = "edge" if kind in _ON_EDGES else "ADU"
            warnings.append(f"<edge> {edge_id!r}: target {end!r} is no {what}; skipped")
    claims = []
    place = {edu: index for index, edu in enumerate(edus)}
    for adu, role in adus.items():
        mine = set(segments.get(adu, ()))
        parts = sorted((e for e in mine if edus[e]), key=place.__getitem__)  # document order
        text = " ".join(edus[e] for e in parts)
        said = " ".join(edus[e] for e in parts if e not in implicit)
        if not text:
            warnings.append(f"<adu> {adu!r}: no EDU text; used '(no text)'")
        claim: dict[str, Any] = {
            "id": ident_of[adu],
            "speaker": _AUTHOR,
            "text": text or "(no text)",
        }
        if said:
            claim["quote"] = said  # an implicit EDU was never written: no quote of it
        data: dict[str, Any] = {"adu": adu, "edus": segments.get(adu, []), "role": role}
        hidden = [e for e in parts if e in implicit]
        if hidden:
            data["implicit_edus"] = hidden
        claims.append(
            claim | {"data": {"microtexts": data} | ({"implicit": True} if not said else {})}
        )
    used = {e for parts in segments.values() for e in parts}
    context = []
    for edu, text in edus.items():
        if edu not in used and text:
            warnings.append(f"<edu> {edu!r}: belongs to no ADU; kept as context")
            context.append(
                {"id": ident_of[edu], "text": text, "quote": text, "note": "EDU in no ADU"}
            )
    meta = {k: root.get(k) for k in ("id", "topic_id", "stance") if root.get(k)}
    document: dict[str, Any] = {
        "argmap": "1",
        "title": root.get("id") or title or "microtext",
        "speakers": [{"id": _AUTHOR, "name": "Author"}],
        "claims": claims,
        "relations": [relations[e[0]] for e in edges if e[0] in relations],
        "context": context,
        "data": {"microtexts": meta},
    }
    if "topic_id" in meta:
        document["description"] = f"Topic: {meta['topic_id']}; stance: {meta.get('stance', '?')}"
    return Imported(build(document, file), warnings)


def _dependency_order(
    edges: list[tuple[str, str, str, str]],
) -> list[tuple[str, str, str, str]]:
    """The edges with each edge on an edge (``und``, ``add``) after the edge it targets.

    Each edge is placed once (a depth-first walk down its chain of targets), so a chain of
    n undercuts costs n steps, not n² rounds; an edge in a loop of edges comes last, where
    its missing target is reported.
    """
    by_id = {e[0]: e for e in edges}
    placed: set[str] = set()
    order: list[tuple[str, str, str, str]] = []
    looped: list[tuple[str, str, str, str]] = []
    for edge in edges:
        chain: list[tuple[str, str, str, str]] = []
        on_chain: set[str] = set()
        current: tuple[str, str, str, str] | None = edge
        while current is not None and current[0] not in placed:
            if current[0] in on_chain:
                looped += [e for e in chain if e[0] not in placed]
                placed.update(e[0] for e in chain)
                chain = []
                break
            chain.append(current)
            on_chain.add(current[0])
            current = by_id.get(current[2]) if current[3] in _ON_EDGES else None
        for step in reversed(chain):
            placed.add(step[0])
            order.append(step)
    return order + looped


def _relation(
    ident_of: dict[str, str],
    made: dict[str, dict[str, Any]],
    edge_id: str,
    start: str,
    end: str,
    kind: str,
) -> dict[str, Any]:
    """The relation of one edge; ``add`` copies the type and target of the edge it joins."""
    data: dict[str, Any] = {"type": kind}
    if kind == "add":
        linked = made[end]
        data["linked_with"] = end
        return {
            "id": ident_of[edge_id],
            "from": ident_of[start],
            "to": linked["to"],
            "type": linked["type"],
            "data": {"microtexts": data},
        }
    return {
        "id": ident_of[edge_id],
        "from": ident_of[start],
        "to": ident_of[end],
        "type": _TYPES[kind],
        "data": {"microtexts": data},
    }
