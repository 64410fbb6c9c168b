"""SADFace schemes read as relations: what a scheme's node type and name mean, one relation
per premise and conclusion, undercuts after what they attack, and the relations of a scheme
our own export wrote (one, or several for a linked argument). The document itself is read by
:mod:`argmap.formats.sadface`, whose importer is a :class:`SchemeReader`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Final

from argmap.formats.common import IdMaker
from argmap.formats.sadface_export import NAMESPACE

__all__ = ["MAX_PAIRS", "SCHEME_TYPES", "SchemeReader", "scheme_type"]

_CONFLICT_WORDS: Final = ("conflict", "attack", "rebut", "undercut", "undermin", "objection")
#: what a scheme name containing one of the words is read as, the first that fits (lower case)
_SCHEME_WORDS: Final = (
    ("attacks", (*_CONFLICT_WORDS, "disagree", "defeat", "contradict")),
    ("preference", ("prefer",)),
    ("elaborates", ("rephras", "restate", "paraphras", "reformulat")),
    ("supports", ("support", "infer")),
)
#: the node types of a scheme: SADFace's own, and the two the sadface library (0.5.4) writes
SCHEME_TYPES: Final = ("scheme", "inference", "conflict")
#: unknown scheme names listed by name in the warning; the rest are counted
_NAMES_LISTED: Final = 10
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


class SchemeReader:
    """What reading the schemes needs of the importer: the atoms read (SADFace id -> claim),
    the schemes (id -> JSON path, node), the edges both ways, ids and warnings."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.ids = IdMaker()
        self.atoms: dict[str, dict[str, Any]] = {}  # SADFace id -> claim
        self.schemes: dict[str, tuple[str, dict[str, Any]]] = {}  # id -> (path, node)
        self.ins: dict[str, list[str]] = {}
        self.outs: dict[str, list[str]] = {}

    def relations(self, kept: dict[str, Any]) -> list[dict[str, Any]]:
        """The schemes' relations (undercuts after what they attack), in the order ``dumps``
        wrote them (``index``) or else in scheme order, with the relations it kept aside."""
        relations: list[tuple[float, int, dict[str, Any]]] = []
        made: dict[str, list[str]] = {}
        undercuts: dict[str, tuple[str, str, dict[str, Any], list[str], bool]] = {}
        unknown: Counter[str] = Counter()  # names read as supports without knowing them
        conflicts: list[str] = []  # the sadface library's conflict nodes, read as attacks
        linked: dict[str, list[Any]] = {}  # scheme -> our export's entries of its relations
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
            if isinstance(ours.get("linked"), list):  # our export of a linked argument
                linked[ident] = ours["linked"]
            base = {k: v for k, v in ours.items() if k in ("quote", "note", "data")}
            if not ours:
                sadface = {"id": node["id"], "name": name}
                if node_type != "scheme":
                    sadface["type"] = node_type
                base["data"] = {"sadface": sadface}
            first = _object(linked[ident][0]) if linked.get(ident) else ours
            order = first.get("index") if isinstance(first.get("index"), int) else None
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
            restored = None
            if pairs or ident not in undercuts:  # (an undercut's relations come below)
                restored = self.add_linked(relations, path, kind, pairs, linked, ident, position)
            if restored is None:
                made[ident] = self.add(relations, wanted, ident, kind, pairs, base, anonymous)
            else:
                made[ident] = restored
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
            position = base["_order"][1]
            restored = self.add_linked(relations, path, "undercuts", pairs, linked, ident, position)
            if restored is None:
                restored = self.add(
                    relations, own_id or None, ident, "undercuts", pairs, base, anonymous
                )
            made[ident] = made.get(ident, []) + restored
        for index, raw in kept.items():
            if index.isdigit():
                relations.append((float(index), -1, raw))
        if unknown:
            self.warnings.append(_unknown_names(unknown))
        if conflicts:
            self.warnings.append(_conflict_direction(conflicts))
        relations.sort(key=lambda item: item[:2])
        return [relation for _, _, relation in relations]

    def add_linked(
        self,
        relations: list[tuple[float, int, dict[str, Any]]],
        path: str,
        kind: str,
        pairs: list[tuple[str, str]],
        linked: dict[str, list[Any]],
        ident: str,
        position: int,
    ) -> list[str] | None:
        """The relations of a scheme our export wrote for a linked argument, from its entries
        (one per relation, in the order of ``pairs``, each naming its ``from`` and ``to``),
        and their ids; ``None`` when the scheme has no entries, or they no longer fit its
        premises and conclusion (reported: the scheme is then read as another tool's)."""
        entries = linked.get(ident)
        if entries is None:
            return None
        fits = len(entries) == len(pairs) and all(
            isinstance(e, dict) and (e.get("from"), e.get("to")) == pair
            for e, pair in zip(entries, pairs, strict=False)
        )
        if not fits:
            self.warnings.append(
                f"{path}: argmap's {len(entries)} relations of this scheme no longer fit its "
                f"{len(pairs)} premise-conclusion pairs (edited since?); read as written"
            )
            return None
        ids = []
        for (start, end), entry in zip(pairs, entries, strict=True):
            index = entry.get("index")
            order = float(index) if isinstance(index, int) else float("inf")
            relation = {"from": start, "to": end, "type": kind}
            relation |= {k: entry[k] for k in ("quote", "note", "data") if k in entry}
            wanted = _string(entry.get("id"))
            if wanted is not None:
                relation = {"id": self.ids.unique(wanted)} | relation
                ids.append(relation["id"])
            relations.append((order, position, relation))
        return ids

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


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
