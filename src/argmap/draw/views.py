"""Parts and views of a map: :func:`select` keeps a part, the speaker view sums up who argues
with whom.

- :func:`select` returns a smaller, valid map: a neighbourhood of a claim or speaker, some
  speakers' claims, some relation types. Every view and format draws what it returns.
- :func:`speaker_graph` aggregates relations between speakers (speaker-level relations and
  relations between their claims) into a weighted ``networkx.DiGraph``.
- :func:`speakers_dot` draws that aggregation with Graphviz: one box per speaker, one edge per
  stance (agreement, disagreement, other) labelled with its counts per relation type.

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "T",
...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
...   "claims": [{"id": "a1", "speaker": "ann", "text": "A1"},
...              {"id": "a2", "speaker": "ann", "text": "A2"},
...              {"id": "b1", "speaker": "bob", "text": "B1"}],
...   "relations": [{"id": "r1", "from": "a2", "to": "a1", "type": "supports"},
...                 {"id": "r2", "from": "b1", "to": "a1", "type": "attacks"},
...                 {"id": "r3", "from": "bob", "to": "ann", "type": "disagrees"}]}''')
>>> [c.id for c in select(m, focus="b1").claims]
['a1', 'b1']
>>> [r.id for r in select(m, relations=["supports"]).relations]
['r1']
>>> speaker_graph(m).edges["bob", "ann"]["counts"]
{'attacks': 1, 'disagrees': 1}
"""

from __future__ import annotations

import dataclasses
import difflib
import math
from collections.abc import Collection, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from argmap.draw.theme import DEFAULT_THEME, THEMES, Theme
from argmap.errors import UsageError
from argmap.model import RELATION_TYPES, RELATIONS, ArgumentMap, Relation, RelationType

if TYPE_CHECKING:
    import networkx as nx

    from argmap.draw.dotsyntax import DotGraph

__all__ = [
    "STANCES",
    "VIEWS",
    "pen_width",
    "select",
    "speaker_graph",
    "speaker_links",
    "speakers_dot",
]

#: The views of a map and what each shows.
VIEWS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "claims": "one box per claim, grouped by speaker; relations as styled arrows",
        "speakers": "one box per speaker; edges count the relations between their claims",
    }
)

#: Relation types by the stance they express towards the other end. The speaker view draws
#: each stance with the theme's style of its first type (supports, attacks, elaborates).
STANCES: Final[Mapping[str, tuple[RelationType, ...]]] = MappingProxyType(
    {
        name: tuple(kind.name for kind in RELATIONS.values() if kind.stance == stance)
        for name, stance in (("agreement", "for"), ("disagreement", "against"), ("other", None))
    }
)

# Pen width of a speaker-view edge: one relation draws this wide, each doubling adds _PEN_STEP.
_PEN_BASE: Final = 1.2
_PEN_STEP: Final = 1.4
_PEN_MAX: Final = 9.0


def check_filters(focus: object, depth: object, speakers: object, relations: object) -> None:
    """What a caller in Python can get wrong in :func:`select`'s filters that the ids and
    types checked there do not show: a string where a list of ids goes (``speakers="ann"``
    read as the ids a, n, n), a depth that is no whole number, a focus that is no id.

    >>> check_filters(None, 1, "ann", ())
    Traceback (most recent call last):
    ...
    argmap.errors.UsageError: speakers must be a list of ids (speakers=[...]), not 'ann'
    """
    for name, what, value in (("speakers", "ids", speakers), ("relations", "types", relations)):
        if isinstance(value, str) or not isinstance(value, Collection):
            raise UsageError(f"{name} must be a list of {what} ({name}=[...]), not {value!r}")
    if type(depth) is not int:  # (a negative one: select says so)
        raise UsageError(f"depth must be a whole number, 0 or more, not {depth!r}")
    if focus is not None and not isinstance(focus, str):
        raise UsageError(f"focus must be the id of a claim or speaker, not {focus!r}")


def select(
    argument_map: ArgumentMap,
    focus: str | None = None,
    depth: int = 1,
    speakers: Collection[str] = (),
    relations: Collection[str] = (),
) -> ArgumentMap:
    """The part of a map that the filters keep, as a smaller valid map.

    - ``speakers``: keep only these speakers and their claims (all when empty);
    - ``relations``: keep only relations of these types (all when empty);
    - ``focus``: then keep only what lies within ``depth`` relation steps of this claim or
      speaker, following relations in either direction. A speaker's focus starts from the
      speaker and all their claims; an undercut is one step from its claim to both ends of
      the relation it undercuts. The speakers of the claims kept come along as their owners;
      speaker-level relations are kept only when both speakers were reached.

    A relation is kept when both its ends are; an undercut when its claim and the relation it
    undercuts are. Context passages, the source and the title stay. Without filters the map
    itself is returned. Unknown ids or types raise :class:`~argmap.errors.UsageError` (a
    ``ValueError``) naming them.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    ...   "claims": [{"id": "a1", "speaker": "ann", "text": "A1"},
    ...              {"id": "b1", "speaker": "bob", "text": "B1"}],
    ...   "relations": [{"id": "r1", "from": "b1", "to": "a1", "type": "attacks"}]}''')
    >>> part = select(m, speakers=["bob"])
    >>> [s.id for s in part.speakers], [c.id for c in part.claims], part.relations
    (['bob'], ['b1'], ())
    >>> select(m, focus="carl")
    Traceback (most recent call last):
    ...
    argmap.errors.UsageError: no claim or speaker has the id 'carl'
    """
    m = argument_map
    check_filters(focus, depth, speakers, relations)
    if focus is None and not speakers and not relations:
        return m
    for speaker_id in speakers:
        if not m.is_speaker(speaker_id):
            raise UsageError(
                f"no speaker has the id {speaker_id!r}{_hint(speaker_id, _speaker_ids(m))}"
            )
    for kind in relations:
        if kind not in RELATION_TYPES:
            raise UsageError(
                f"unknown relation type {kind!r}; expected one of {', '.join(RELATION_TYPES)}"
            )
    if depth < 0:
        raise UsageError(f"the depth must be 0 or more, not {depth}")
    speaker_ids = set(speakers) if speakers else _speaker_ids(m)
    types = set(relations) if relations else set(RELATION_TYPES)
    nodes = speaker_ids | {c.id for c in m.claims if c.speaker in speaker_ids}
    kept = _relations_within(m, nodes, types)
    if focus is not None:
        if focus in m.relations_by_id():
            raise UsageError(f"{focus!r} is a relation; the focus is a claim or a speaker")
        if not (m.is_claim(focus) or m.is_speaker(focus)):
            known = _speaker_ids(m) | {c.id for c in m.claims}
            raise UsageError(f"no claim or speaker has the id {focus!r}{_hint(focus, known)}")
        if focus not in nodes:
            raise UsageError(f"the focus {focus!r} belongs to a speaker that is not selected")
        nodes = _neighbourhood(m, kept, focus, depth)
        kept = _relations_within(m, nodes, types)
        speaker_ids = {n for n in nodes if m.is_speaker(n)}
        speaker_ids |= {m.claim(n).speaker for n in nodes if m.is_claim(n)}
    return dataclasses.replace(
        m,
        speakers=tuple(s for s in m.speakers if s.id in speaker_ids),
        claims=tuple(c for c in m.claims if c.id in nodes),
        relations=kept,
    )


def _speaker_ids(m: ArgumentMap) -> set[str]:
    return {s.id for s in m.speakers}


def _hint(ident: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(ident, sorted(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _relations_within(
    m: ArgumentMap, nodes: Collection[str], types: Collection[str]
) -> tuple[Relation, ...]:
    """The relations of these types whose ends are all kept, in map order."""
    keys = dict(m.relation_keys())
    kept = {
        key
        for key, r in keys.items()
        if r.type != "undercuts" and r.type in types and r.from_id in nodes and r.to_id in nodes
    }
    # An undercut is kept when its claim is and the relation it undercuts is kept; that one
    # may be an undercut in turn, so each chain is walked once, down to its end.
    undercuts = {key: r for key, r in keys.items() if r.type == "undercuts" and r.type in types}
    decided: dict[str, bool] = {}
    for start in undercuts:
        chain: dict[str, None] = {}
        key = start
        while key in undercuts and key not in decided and key not in chain:
            chain[key] = None
            key = undercuts[key].to_id
        verdict = decided.get(key, key in kept)  # a cycle (built in Python): not kept
        for link in reversed(chain):
            verdict = verdict and undercuts[link].from_id in nodes
            decided[link] = verdict
    kept.update(key for key, verdict in decided.items() if verdict)
    return tuple(r for key, r in keys.items() if key in kept)


def _ends(m: ArgumentMap, relation: Relation) -> tuple[str, ...]:
    """The claims and speakers a relation touches; an undercut touches its target's too."""
    if relation.type != "undercuts":
        return (relation.from_id, relation.to_id)
    target = m.relation(relation.to_id)
    ends = (relation.from_id, target.from_id)
    return ends if target.type == "undercuts" else (*ends, target.to_id)


def _neighbourhood(
    m: ArgumentMap, relations: Iterable[Relation], focus: str, depth: int
) -> set[str]:
    adjacent: dict[str, set[str]] = {}
    for relation in relations:
        ends = _ends(m, relation)
        for end in ends:
            adjacent.setdefault(end, set()).update(e for e in ends if e != end)
    reached = {focus} | ({c.id for c in m.claims_by(focus)} if m.is_speaker(focus) else set())
    frontier = set(reached)
    for _ in range(depth):
        frontier = {n for f in frontier for n in adjacent.get(f, ())} - reached
        if not frontier:  # all reached: a depth of 10**9 ends here, not a billion steps on
            break
        reached |= frontier
    return reached


def _owner(m: ArgumentMap, ident: str) -> str:
    """The speaker an end of a relation belongs to: the speaker, or the claim's speaker."""
    return ident if m.is_speaker(ident) else m.claim(ident).speaker


def speaker_links(argument_map: ArgumentMap) -> dict[tuple[str, str], dict[str, list[str]]]:
    """The relations between speakers: ``(from speaker, to speaker) -> type -> relation keys``.

    A relation counts for the speakers of its ends (a claim's speaker, or the speaker itself);
    an undercut counts against the speaker who made the undercut relation. Relations within one
    speaker are left out. Pairs come in the order of their first relation, types in the order
    of :data:`~argmap.model.RELATION_TYPES`, keys as :meth:`ArgumentMap.relation_keys` gives.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    ...   "claims": [{"id": "a1", "speaker": "ann", "text": "A1"},
    ...              {"id": "b1", "speaker": "bob", "text": "B1"}],
    ...   "relations": [{"from": "b1", "to": "a1", "type": "attacks"},
    ...                 {"id": "r2", "from": "bob", "to": "a1", "type": "disagrees"}]}''')
    >>> speaker_links(m)
    {('bob', 'ann'): {'attacks': ['relations[0]'], 'disagrees': ['r2']}}
    """
    m = argument_map
    keys = dict(m.relation_keys())
    links: dict[tuple[str, str], dict[str, list[str]]] = {}
    for key, relation in keys.items():
        target = relation.to_id
        if relation.type == "undercuts":
            target = keys[target].from_id
        pair = (_owner(m, relation.from_id), _owner(m, target))
        if pair[0] != pair[1]:
            links.setdefault(pair, {}).setdefault(relation.type, []).append(key)
    return {
        pair: {t: by_type[t] for t in RELATION_TYPES if t in by_type}
        for pair, by_type in links.items()
    }


def speaker_graph(argument_map: ArgumentMap) -> nx.DiGraph:
    """Who argues with whom, as a weighted ``networkx.DiGraph`` (what the speaker view draws).

    One node per speaker, keyed by its id, with the speaker's ``name`` and ``role``,
    ``affiliation``, ``participation``, ``url``, ``data`` when given. One edge ``a -> b`` when
    speaker ``a`` or a claim of ``a`` relates to speaker ``b`` or a claim of ``b`` (see
    :func:`speaker_links`), with attributes ``counts`` (relation type -> number), ``weight``
    (their sum) and ``relations`` (the relations' keys). Filter the map first with
    :func:`select` to aggregate a part of it.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    ...   "claims": [{"id": "a1", "speaker": "ann", "text": "A1"},
    ...              {"id": "b1", "speaker": "bob", "text": "B1"},
    ...              {"id": "b2", "speaker": "bob", "text": "B2"}],
    ...   "relations": [{"from": "b1", "to": "a1", "type": "supports"},
    ...                 {"from": "b2", "to": "a1", "type": "supports"},
    ...                 {"from": "b2", "to": "b1", "type": "supports"}]}''')
    >>> g = speaker_graph(m)
    >>> g.nodes["bob"]["name"], list(g.edges(data="weight"))
    ('Bob', [('bob', 'ann', 2)])
    >>> g.edges["bob", "ann"]["counts"]
    {'supports': 2}
    """
    import networkx as nx

    from argmap.graph import SPEAKER_FIELDS, present

    graph = nx.DiGraph(title=argument_map.title)
    for speaker in argument_map.speakers:
        graph.add_node(speaker.id, **present(speaker, SPEAKER_FIELDS))
    for (start, end), by_type in speaker_links(argument_map).items():
        counts = {t: len(keys) for t, keys in by_type.items()}
        graph.add_edge(
            start,
            end,
            counts=counts,
            weight=sum(counts.values()),
            relations=[key for keys in by_type.values() for key in keys],
        )
    return graph


def speakers_dot(
    argument_map: ArgumentMap,
    *,
    theme: Theme | str = DEFAULT_THEME,
    rankdir: str = "TB",
    tooltips: list[str] | None = None,
) -> DotGraph:
    """The speaker view of a map as a :class:`~argmap.draw.dotsyntax.DotGraph` (``.source`` is
    the DOT text).

    One box per speaker (name, role, affiliation) in the speaker's colour; for each pair of
    speakers and each of :data:`STANCES` with relations, one edge labelled with the count per
    type (``2 supports · 1 agrees``), drawn in the theme's style of the stance's first type,
    its pen width growing with the count. Speakers' SVG groups get ``id="speaker-<id>"``,
    edges ``id="speaker-link·<from>·<to>·<stance>"`` (a middle dot: no id contains one, so
    no two ids are the same) and class ``speaker-link <stance>``.
    ``tooltips`` works as in :func:`argmap.draw.dot.claims_dot`.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    ...   "claims": [],
    ...   "relations": [{"from": "bob", "to": "ann", "type": "agrees"}]}''')
    >>> [line.split(" [")[0].strip() for line in speakers_dot(m).body if "->" in line]
    ['"bob" -> "ann"']
    """
    from argmap.draw.dot import page, speaker_label, speaker_tip
    from argmap.draw.dotsyntax import DotGraph, edge, isolate, node, tooltip_slot

    look = THEMES[theme] if isinstance(theme, str) else theme
    m = argument_map
    dot = DotGraph("speakers")
    page(dot, look, m, tooltip_slot(m.title, tooltips), rankdir, ("0.6", "0.9"), font_size=12)
    dot.attr("node", margin="0.15,0.08", penwidth="1.6")
    dot.attr("edge", fontsize="10")
    for index, speaker in enumerate(m.speakers):
        colors = look.speaker_colors(index)
        node(
            dot,
            speaker.id,
            {
                "label": speaker_label(speaker, look),
                "fillcolor": colors.fill,
                "color": colors.line,
                "id": f"speaker-{speaker.id}",
                "tooltip": tooltip_slot(speaker_tip(speaker), tooltips),
                "class": f"speaker speaker-{speaker.id}",
            },
        )
    for (start, end), by_type in speaker_links(m).items():
        for stance, types in STANCES.items():
            counts = {t: len(by_type[t]) for t in types if t in by_type}
            if not counts:
                continue
            style = look.edge[types[0]]
            label = " · ".join(f"{n} {t}" for t, n in counts.items())
            keys = ", ".join(key for t in counts for key in by_type[t])
            names = (isolate(m.speaker(start).name), isolate(m.speaker(end).name))
            tip = f"{names[0]} → {names[1]}: {label}\n{keys}"
            edge(
                dot,
                start,
                end,
                {
                    "label": f" {label} ",
                    "color": style.color,
                    "fontcolor": style.color,
                    "style": style.style,
                    "arrowhead": style.arrowhead,
                    "penwidth": pen_width(sum(counts.values())),
                    "id": f"speaker-link·{start}·{end}·{stance}",  # "·" is in no id
                    "class": f"speaker-link {stance}",
                    "tooltip": tooltip_slot(tip, tooltips),
                },
            )
    return dot


def pen_width(count: int) -> str:
    """The pen width of a speaker-view edge that stands for ``count`` relations.

    >>> [pen_width(n) for n in (1, 2, 4, 1000)]
    ['1.2', '2.6', '4', '9']
    """
    return f"{min(_PEN_BASE + _PEN_STEP * math.log2(count), _PEN_MAX):.3g}"
