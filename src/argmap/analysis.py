"""Analyses of a map: who agrees with whom, which claims stand, what is contested, and how the
forecasts fared.

Every function takes an :class:`~argmap.model.ArgumentMap` and returns plain data (frozen
dataclasses, named tuples, tuples and dicts); none prints. All of them run in time roughly
linear in the size of the map, except :func:`preferred_extensions` and
:func:`stable_extensions`, which are exponential and refuse maps beyond
:data:`EXTENSION_LIMIT` undecided arguments.

>>> import argmap
>>> from argmap import analysis
>>> m = argmap.loads('''{"argmap": "1", "title": "Tea or coffee",
...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
...   "claims": [{"id": "tea", "speaker": "ann", "text": "Tea is better."},
...              {"id": "coffee", "speaker": "bob", "text": "Coffee is better."}],
...   "relations": [{"from": "coffee", "to": "tea", "type": "attacks"}]}''')
>>> analysis.grounded_labelling(m).out
('tea',)
>>> [(a.source, a.target, a.net) for a in analysis.agreement_matrix(m)]
[('bob', 'ann', -1)]
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final, Literal, NamedTuple, TypeAlias

import networkx as nx

from argmap.errors import ArgmapError
from argmap.model import (
    CLAIM_KINDS,
    RELATION_TYPES,
    RELATIONS,
    ArgumentMap,
    OutcomeStatus,
    Relation,
)

__all__ = [
    "AGREEMENT_TYPES",
    "EXTENSION_LIMIT",
    "Agreement",
    "ClaimTally",
    "ExtensionLimitError",
    "Forecast",
    "ForecastRecord",
    "Label",
    "Labelling",
    "agreement_matrix",
    "camps",
    "centrality",
    "claim_tallies",
    "forecast_record",
    "forecasts",
    "grounded_labelling",
    "most_contested",
    "most_supported",
    "preferred_extensions",
    "stable_extensions",
    "summary",
]

Label: TypeAlias = Literal["in", "out", "undec"]

#: The relation types that count towards agreement between speakers, positive ones first.
AGREEMENT_TYPES: Final = ("agrees", "supports", "disagrees", "attacks", "undercuts")
_POSITIVE: Final = frozenset(name for name, kind in RELATIONS.items() if kind.stance == "for")
_NEGATIVE: Final = frozenset(name for name, kind in RELATIONS.items() if kind.stance == "against")

#: The most undecided arguments (after grounded labelling) for which preferred and stable
#: extensions are enumerated; beyond it they raise :class:`ExtensionLimitError`. At the limit
#: the enumeration takes up to a few seconds; arguments that grounded labelling decides cost
#: nothing, so large maps with few cycles of attacks stay within it.
EXTENSION_LIMIT: Final = 20


# --- agreement between speakers -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Agreement:
    """How speaker ``source`` stands towards speaker ``target``: how many relations of each type
    run from ``source`` (or one of its claims) to ``target`` (or one of its claims).

    ``net`` is ``(agrees + supports) - (disagrees + attacks + undercuts)``: above zero,
    ``source`` mostly sides with ``target``; below zero, mostly against.
    """

    source: str
    target: str
    agrees: int = 0
    supports: int = 0
    disagrees: int = 0
    attacks: int = 0
    undercuts: int = 0

    @property
    def net(self) -> int:
        """Positive relations minus negative ones."""
        return self.agrees + self.supports - self.disagrees - self.attacks - self.undercuts

    def counts(self) -> dict[str, int]:
        """The count of each type in :data:`AGREEMENT_TYPES`, and ``net``."""
        return {**{kind: getattr(self, kind) for kind in AGREEMENT_TYPES}, "net": self.net}


def agreement_matrix(argument_map: ArgumentMap) -> tuple[Agreement, ...]:
    """Agreement between every ordered pair of speakers joined by at least one relation.

    A relation between two speakers counts as it is. A relation between claims (or a claim and
    a speaker) counts for the claims' speakers: when a claim of Ann supports a claim of Bob,
    Ann supports Bob. An undercut counts against the speaker whose inference it attacks (the
    speaker of the undercut relation's ``from``). ``elaborates`` does not count, nor does any
    relation between one speaker and itself or its own claims. The matrix is sparse: pairs
    with no relation are left out; the result is sorted by ``(source, target)``.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    ...   "claims": [{"id": "a1", "speaker": "ann", "text": "A1."},
    ...              {"id": "a2", "speaker": "ann", "text": "A2."},
    ...              {"id": "b1", "speaker": "bob", "text": "B1."}],
    ...   "relations": [{"from": "a1", "to": "b1", "type": "supports"},
    ...                 {"from": "ann", "to": "bob", "type": "agrees"},
    ...                 {"from": "b1", "to": "a2", "type": "attacks"},
    ...                 {"from": "a2", "to": "a1", "type": "attacks"}]}''')
    >>> for a in agreement_matrix(m):
    ...     print(a.source, a.target, a.counts())
    ann bob {'agrees': 1, 'supports': 1, 'disagrees': 0, 'attacks': 0, 'undercuts': 0, 'net': 2}
    bob ann {'agrees': 0, 'supports': 0, 'disagrees': 0, 'attacks': 1, 'undercuts': 0, 'net': -1}
    """
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for relation in argument_map.relations:
        if relation.type not in AGREEMENT_TYPES:
            continue
        target_id = relation.to_id
        if relation.type == "undercuts":
            undercut = _relation(argument_map, target_id)
            if undercut is None:
                continue
            target_id = undercut.from_id
        source = _speaker_of(argument_map, relation.from_id)
        target = _speaker_of(argument_map, target_id)
        if source is not None and target is not None and source != target:
            counts[source, target][relation.type] += 1
    return tuple(
        Agreement(source, target, **count) for (source, target), count in sorted(counts.items())
    )


def camps(argument_map: ArgumentMap) -> tuple[tuple[str, ...], ...]:
    """Groups of speakers who side with one another, largest first.

    Two speakers are joined when the sum of their ``net`` agreement in both directions (see
    :func:`agreement_matrix`) is above zero, weighted by that sum; the camps are the
    communities networkx's greedy modularity maximisation finds in that graph. A speaker who
    sides with no one is a camp of one. The result is deterministic: speaker ids are sorted
    within a camp, camps by size and then by their first id.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"},
    ...                {"id": "cy", "name": "Cy"}], "claims": [],
    ...   "relations": [{"from": "bob", "to": "ann", "type": "agrees"},
    ...                 {"from": "cy", "to": "ann", "type": "disagrees"}]}''')
    >>> camps(m)
    (('ann', 'bob'), ('cy',))
    """
    return _camps(argument_map, agreement_matrix(argument_map))


def _camps(argument_map: ArgumentMap, matrix: Iterable[Agreement]) -> tuple[tuple[str, ...], ...]:
    graph = nx.Graph()
    graph.add_nodes_from(sorted(speaker.id for speaker in argument_map.speakers))
    net: Counter[tuple[str, str]] = Counter()
    for agreement in matrix:
        pair = (agreement.source, agreement.target)
        net[min(pair), max(pair)] += agreement.net
    graph.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(net.items()) if w > 0)
    if graph.number_of_edges() == 0:
        communities: Iterable[Iterable[str]] = [[node] for node in graph]
    else:
        communities = nx.community.greedy_modularity_communities(graph, weight="weight")
    return tuple(sorted((tuple(sorted(c)) for c in communities), key=lambda c: (-len(c), c)))


# --- claim standing ---------------------------------------------------------------------------

_UNDEC: Final = 0
_IN: Final = 1
_OUT: Final = 2
_LABELS: Final[tuple[Label, Label, Label]] = ("undec", "in", "out")


class ExtensionLimitError(ArgmapError, ValueError):
    """The map has too many undecided arguments to enumerate its extensions."""


@dataclass(frozen=True)
class Labelling:
    """A label for every claim: ``in`` (accepted), ``out`` (defeated) or ``undec``.

    ``claims`` maps each claim id to its label, in file order. ``inferences`` labels each
    relation that some claim undercuts (by its key, see
    :meth:`~argmap.model.ArgumentMap.relation_keys`): ``in`` when the inference stands.
    """

    claims: Mapping[str, Label]
    inferences: Mapping[str, Label] = field(default_factory=lambda: MappingProxyType({}))

    def _with(self, label: Label) -> tuple[str, ...]:
        return tuple(claim for claim, value in self.claims.items() if value == label)

    @property
    def in_(self) -> tuple[str, ...]:
        """The accepted claims, in file order."""
        return self._with("in")

    @property
    def out(self) -> tuple[str, ...]:
        """The defeated claims, in file order."""
        return self._with("out")

    @property
    def undec(self) -> tuple[str, ...]:
        """The claims neither accepted nor defeated, in file order."""
        return self._with("undec")

    def counts(self) -> dict[str, int]:
        """How many claims have each label."""
        count = Counter(self.claims.values())
        return {label: count[label] for label in ("in", "out", "undec")}


@dataclass(frozen=True)
class _Framework:
    """A Dung argumentation framework over integers: the claims first, then helper arguments."""

    names: list[str]
    claims: int
    attacks: list[list[int]]
    inferences: dict[str, int]


def _framework(argument_map: ArgumentMap) -> _Framework:
    """The attack graph of the claims.

    Arguments are the claims. A claim attacks another when it ``attacks`` or ``disagrees``
    with it. Relations with a speaker at either end are about people, not claims, and do not
    count. An ``undercuts`` relation attacks the *inference* of its target relation ``r``
    (``a -> b``), which becomes an argument of its own, ``I_r``, with the standard
    meta-argumentation encoding: ``a`` attacks a helper ``N_r`` ("a is not accepted"), which
    attacks ``I_r``; each undercutting claim attacks ``I_r``; and when ``r`` is itself an
    attack (or an undercut), ``I_r`` makes that attack instead of ``a``. So an inference holds
    exactly when its premise is accepted and every undercut of it fails, and an undercut
    attack only defeats its target when the inference holds. Undercuts of ``supports``,
    ``agrees`` or ``elaborates`` relations are labelled but change no claim's standing, as
    support does not enter Dung's semantics.
    """
    index = {claim.id: i for i, claim in enumerate(argument_map.claims)}
    names = [claim.id for claim in argument_map.claims]
    attacks: list[list[int]] = [[] for _ in names]

    def argument(name: str) -> int:
        names.append(name)
        attacks.append([])
        return len(names) - 1

    keys = dict(argument_map.relation_keys())
    undercut = {r.to_id for r in argument_map.relations if r.type == "undercuts"}
    inferences: dict[str, int] = {}
    for key, relation in keys.items():
        if key in undercut:
            inferences[key] = inference = argument(key)
            premise = index.get(relation.from_id)
            if premise is not None:
                not_accepted = argument(f"{key}:premise-not-accepted")
                attacks[premise].append(not_accepted)
                attacks[not_accepted].append(inference)
    for key, relation in keys.items():
        source = index.get(relation.from_id)
        if RELATIONS[relation.type].attacks_claim:
            target = index.get(relation.to_id)
        elif relation.type == "undercuts":
            target = inferences.get(relation.to_id)
        else:
            continue
        if source is None or target is None:
            continue
        attacks[inferences.get(key, source)].append(target)
    return _Framework(names, len(index), attacks, inferences)


def _grounded(attacks: list[list[int]]) -> list[int]:
    """Grounded labels of the framework, by propagation from unattacked arguments.

    Each attack is looked at at most twice (once when its source goes in, once when it goes
    out), so the time is linear in arguments plus attacks.
    """
    living = [0] * len(attacks)  # attackers not (yet) out
    for targets in attacks:
        for target in targets:
            living[target] += 1
    label = [_IN if count == 0 else _UNDEC for count in living]
    work = [argument for argument, count in enumerate(living) if count == 0]
    while work:
        for target in attacks[work.pop()]:
            if label[target] != _UNDEC:
                continue
            label[target] = _OUT
            for attacked in attacks[target]:
                living[attacked] -= 1
                if living[attacked] == 0 and label[attacked] == _UNDEC:
                    label[attacked] = _IN
                    work.append(attacked)
    return label


def grounded_labelling(argument_map: ArgumentMap) -> Labelling:
    """The grounded labelling of the claims: the most sceptical acceptable standing.

    A claim is ``in`` when all its attackers are ``out``, ``out`` when some attacker is
    ``in``, and ``undec`` otherwise (cycles with no way out). Attacks are ``attacks`` and
    ``disagrees`` between claims, and ``undercuts``. Relations with a speaker at either end are
    about people and do not count. Linear time (a work list, each attack handled at most twice).

    Undercuts: a claim that undercuts relation ``r`` (``a -> b``) attacks the inference of
    ``r``, which holds when ``a`` is accepted and no undercut of it is; if ``r`` is an attack,
    it defeats ``b`` only while its inference holds. Undercuts of supports change no claim's
    standing (Dung's semantics has no support); their inference is still labelled.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "a", "speaker": "s", "text": "A."},
    ...              {"id": "b", "speaker": "s", "text": "B."},
    ...              {"id": "c", "speaker": "s", "text": "C."},
    ...              {"id": "d", "speaker": "s", "text": "D."}],
    ...   "relations": [{"id": "ab", "from": "a", "to": "b", "type": "attacks"},
    ...                 {"from": "b", "to": "a", "type": "attacks"},
    ...                 {"from": "c", "to": "b", "type": "disagrees"},
    ...                 {"from": "d", "to": "ab", "type": "undercuts"}]}''')
    >>> g = grounded_labelling(m)
    >>> g.in_, g.out, g.undec, dict(g.inferences)
    (('a', 'c', 'd'), ('b',), (), {'ab': 'out'})
    """
    framework = _framework(argument_map)
    label = _grounded(framework.attacks)
    return Labelling(
        MappingProxyType({framework.names[i]: _LABELS[label[i]] for i in range(framework.claims)}),
        MappingProxyType({key: _LABELS[label[i]] for key, i in framework.inferences.items()}),
    )


def _extensions(argument_map: ArgumentMap, stable: bool) -> tuple[tuple[str, ...], ...]:
    """Preferred (or stable) extensions, as the claims they accept.

    Every preferred extension contains the grounded ``in`` arguments and excludes the grounded
    ``out`` ones, so only the undecided arguments are searched, one connected part of their
    attack graph at a time (the extensions of the whole are all the unions of one extension of
    each part).
    """
    framework = _framework(argument_map)
    label = _grounded(framework.attacks)
    undecided = [a for a, value in enumerate(label) if value == _UNDEC]
    if len(undecided) > EXTENSION_LIMIT:
        raise ExtensionLimitError(
            f"{'stable' if stable else 'preferred'} extensions are enumerated for at most "
            f"{EXTENSION_LIMIT} undecided arguments; this map has {len(undecided)} after "
            "grounded labelling (use grounded_labelling instead)"
        )
    inside = set(undecided)
    attacks = {a: [t for t in framework.attacks[a] if t in inside] for a in undecided}
    neighbours: dict[int, set[int]] = {a: set(targets) for a, targets in attacks.items()}
    for a, targets in attacks.items():
        for target in targets:
            neighbours[target].add(a)
    choices: list[list[list[int]]] = []  # per part, its extensions
    seen: set[int] = set()
    for first in undecided:
        if first in seen:
            continue
        part, work = [], [first]
        seen.add(first)
        while work:
            a = work.pop()
            part.append(a)
            work.extend(n for n in neighbours[a] if n not in seen)
            seen.update(neighbours[a])
        part.sort()
        bit = {a: 1 << i for i, a in enumerate(part)}
        hits = [sum(bit[t] for t in set(attacks[a])) for a in part]
        masks = _maximal_admissible(hits, stable)
        choices.append([[a for a in part if mask & bit[a]] for mask in masks])
    accepted_in = [a for a in range(framework.claims) if label[a] == _IN]
    result = set()
    for combination in itertools.product(*choices):
        accepted = sorted(itertools.chain(accepted_in, *combination))
        result.add(tuple(framework.names[a] for a in accepted if a < framework.claims))
    return tuple(sorted(result))


def _maximal_admissible(hits: list[int], stable: bool) -> list[int]:
    """The preferred (or stable) extensions of a framework of at most a few dozen arguments,
    as bit masks; ``hits[i]`` is the mask of the arguments that argument ``i`` attacks.

    Conflict-free sets are enumerated by backtracking, the admissible ones kept, and those
    contained in no larger admissible set returned.
    """
    n = len(hits)
    hit_by = [sum(1 << j for j in range(n) if hits[j] >> i & 1) for i in range(n)]

    def attacked(chosen: int) -> int:
        mask = 0
        for i in range(n):
            if chosen >> i & 1:
                mask |= hits[i]
        return mask

    admissible: list[int] = []
    stack = [(0, 0)]  # (next argument to decide, chosen so far); chosen is conflict-free
    while stack:
        i, chosen = stack.pop()
        if i == n:
            defeated = attacked(chosen)
            if all(hit_by[j] & ~defeated == 0 for j in range(n) if chosen >> j & 1):
                admissible.append(chosen)
            continue
        stack.append((i + 1, chosen))
        bit = 1 << i
        if not (hit_by[i] | hits[i]) & (chosen | bit):
            stack.append((i + 1, chosen | bit))
    admissible.sort(key=int.bit_count, reverse=True)
    maximal: list[int] = []
    for chosen in admissible:
        if not any(chosen & larger == chosen for larger in maximal):
            maximal.append(chosen)
    everything = (1 << n) - 1
    return [s for s in maximal if not stable or attacked(s) | s == everything]


def preferred_extensions(argument_map: ArgumentMap) -> tuple[tuple[str, ...], ...]:
    """The preferred extensions (maximal admissible sets), as the claims each accepts.

    Uses the same attacks as :func:`grounded_labelling`. Exponential: raises
    :class:`ExtensionLimitError` when more than :data:`EXTENSION_LIMIT` arguments are left
    undecided by the grounded labelling. Claims are listed in file order; extensions sorted.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "a", "speaker": "s", "text": "A."},
    ...              {"id": "b", "speaker": "s", "text": "B."}],
    ...   "relations": [{"from": "a", "to": "b", "type": "attacks"},
    ...                 {"from": "b", "to": "a", "type": "attacks"}]}''')
    >>> preferred_extensions(m)
    (('a',), ('b',))
    """
    return _extensions(argument_map, stable=False)


def stable_extensions(argument_map: ArgumentMap) -> tuple[tuple[str, ...], ...]:
    """The stable extensions (conflict-free sets attacking every argument outside), as claims.

    Same limit as :func:`preferred_extensions`; there may be none (an odd cycle of attacks).

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "a", "speaker": "s", "text": "A."},
    ...              {"id": "b", "speaker": "s", "text": "B."},
    ...              {"id": "c", "speaker": "s", "text": "C."}],
    ...   "relations": [{"from": "a", "to": "b", "type": "attacks"},
    ...                 {"from": "b", "to": "c", "type": "attacks"},
    ...                 {"from": "c", "to": "a", "type": "attacks"}]}''')
    >>> stable_extensions(m), preferred_extensions(m)
    ((), ((),))
    """
    return _extensions(argument_map, stable=True)


# --- supported, contested and central claims ------------------------------------------------


class ClaimTally(NamedTuple):
    """What a claim receives: ``support`` (supports and agrees) and ``contest`` (attacks,
    disagrees, and undercuts of relations into it), from claims and speakers."""

    claim: str
    speaker: str
    support: int
    contest: int


def claim_tallies(argument_map: ArgumentMap) -> tuple[ClaimTally, ...]:
    """Support and contest received by every claim, in file order.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    ...   "claims": [{"id": "a", "speaker": "ann", "text": "A."},
    ...              {"id": "b", "speaker": "bob", "text": "B."}],
    ...   "relations": [{"id": "r", "from": "b", "to": "a", "type": "supports"},
    ...                 {"from": "bob", "to": "a", "type": "disagrees"}]}''')
    >>> claim_tallies(m)[0]
    ClaimTally(claim='a', speaker='ann', support=1, contest=1)
    """
    support: Counter[str] = Counter()
    contest: Counter[str] = Counter()
    for relation in argument_map.relations:
        target = _target(argument_map, relation)
        if target is None:
            continue
        if relation.type in _POSITIVE:
            support[target] += 1
        elif relation.type in _NEGATIVE:
            contest[target] += 1
    return tuple(
        ClaimTally(claim.id, claim.speaker, support[claim.id], contest[claim.id])
        for claim in argument_map.claims
    )


def most_supported(argument_map: ArgumentMap, top: int = 10) -> tuple[ClaimTally, ...]:
    """The ``top`` claims with the most support (ties: more contest first, then file order);
    claims with none are left out.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "a", "speaker": "s", "text": "A."},
    ...              {"id": "b", "speaker": "s", "text": "B."}],
    ...   "relations": [{"from": "a", "to": "b", "type": "supports"}]}''')
    >>> [t.claim for t in most_supported(m)]
    ['b']
    """
    return _ranked(claim_tallies(argument_map), top, _by_support)


def most_contested(argument_map: ArgumentMap, top: int = 10) -> tuple[ClaimTally, ...]:
    """The ``top`` claims with the most contest (ties: more support first, then file order);
    claims with none are left out.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "a", "speaker": "s", "text": "A."},
    ...              {"id": "b", "speaker": "s", "text": "B."}],
    ...   "relations": [{"from": "a", "to": "b", "type": "attacks"}]}''')
    >>> most_contested(m)
    (ClaimTally(claim='b', speaker='s', support=0, contest=1),)
    """
    return _ranked(claim_tallies(argument_map), top, _by_contest)


def _by_support(tally: ClaimTally) -> tuple[int, int]:
    return tally.support, tally.contest


def _by_contest(tally: ClaimTally) -> tuple[int, int]:
    return tally.contest, tally.support


def _ranked(
    tallies: Iterable[ClaimTally], top: int, key: Callable[[ClaimTally], tuple[int, int]]
) -> tuple[ClaimTally, ...]:
    """The tallies with a non-zero first key, by descending key, then in file order."""
    scored = [(key(t), i, t) for i, t in enumerate(tallies) if key(t)[0]]
    scored.sort(key=lambda item: (-item[0][0], -item[0][1], item[1]))
    return tuple(t for _, _, t in scored[:top])


def centrality(argument_map: ArgumentMap, top: int = 10) -> tuple[tuple[str, float], ...]:
    """The ``top`` claims by Katz centrality on the claim graph, with their scores.

    The claim graph has an edge ``a -> b`` for every relation from claim ``a`` to claim ``b``
    (of any type; an undercut points at the undercut relation's target), weighted by how many
    there are. A claim is central when many claims, themselves central, point at it. The
    attenuation is ``0.1 / d`` where ``d`` bounds the graph's spectral radius (the smaller of
    the largest weighted in- and out-degree), so the iteration always converges. (networkx's
    PageRank needs SciPy, which argmap does not depend on.) Ties go to file order.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "a", "speaker": "s", "text": "A."},
    ...              {"id": "b", "speaker": "s", "text": "B."},
    ...              {"id": "c", "speaker": "s", "text": "C."}],
    ...   "relations": [{"from": "a", "to": "b", "type": "supports"},
    ...                 {"from": "c", "to": "b", "type": "attacks"}]}''')
    >>> [claim for claim, score in centrality(m)]
    ['b', 'a', 'c']
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(claim.id for claim in argument_map.claims)
    weights: Counter[tuple[str, str]] = Counter()
    for relation in argument_map.relations:
        target = _target(argument_map, relation)
        if target and argument_map.is_claim(target) and argument_map.is_claim(relation.from_id):
            weights[relation.from_id, target] += 1
    graph.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    if not graph:
        return ()
    bound = min(
        max(d for _, d in graph.in_degree(weight="weight")),
        max(d for _, d in graph.out_degree(weight="weight")),
    )
    scores = nx.katz_centrality(graph, alpha=0.1 / max(1, bound), weight="weight")
    order = {claim.id: i for i, claim in enumerate(argument_map.claims)}
    ranked = sorted(scores.items(), key=lambda item: (-round(item[1], 12), order[item[0]]))
    return tuple((claim, float(score)) for claim, score in ranked[:top])


# --- forecasts ----------------------------------------------------------------------------


class Forecast(NamedTuple):
    """A prediction, its speaker and its recorded outcome (``None`` when none is recorded)."""

    claim: str
    speaker: str
    text: str
    status: OutcomeStatus | None


@dataclass(frozen=True, slots=True)
class ForecastRecord:
    """How one speaker's predictions fared: how many came true, false, partly true, remain
    open, or have no recorded outcome."""

    speaker: str
    true: int = 0
    false: int = 0
    partly: int = 0
    open: int = 0
    unrecorded: int = 0

    @property
    def total(self) -> int:
        """All the speaker's predictions."""
        return self.true + self.false + self.partly + self.open + self.unrecorded

    def counts(self) -> dict[str, int]:
        """Each count by name, and ``total``."""
        names = ("true", "false", "partly", "open", "unrecorded", "total")
        return {name: getattr(self, name) for name in names}


def forecasts(argument_map: ArgumentMap) -> tuple[Forecast, ...]:
    """Every claim of kind ``prediction``, in file order, with its outcome's status.

    Only predictions count: a ``report`` relays what others say, so its outcome is not the
    speaker's forecast.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}],
    ...   "claims": [{"id": "p", "speaker": "s", "text": "It will rain.", "kind": "prediction",
    ...               "outcome": {"status": "true", "source": "Weather log"}},
    ...              {"id": "q", "speaker": "s", "text": "Snow.", "kind": "prediction"}]}''')
    >>> [(f.claim, f.status) for f in forecasts(m)]
    [('p', 'true'), ('q', None)]
    """
    return tuple(
        Forecast(c.id, c.speaker, c.text, c.outcome.status if c.outcome else None)
        for c in argument_map.claims
        if c.kind == "prediction"
    )


def forecast_record(argument_map: ArgumentMap) -> tuple[ForecastRecord, ...]:
    """Per speaker with at least one prediction (in speaker order), how the predictions fared.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "s", "name": "S"}, {"id": "t", "name": "T"}],
    ...   "claims": [{"id": "p", "speaker": "s", "text": "It will rain.", "kind": "prediction",
    ...               "outcome": {"status": "false", "source": "Weather log"}},
    ...              {"id": "q", "speaker": "s", "text": "It will snow.", "kind": "prediction",
    ...               "outcome": {"status": "open"}}]}''')
    >>> forecast_record(m)
    (ForecastRecord(speaker='s', true=0, false=1, partly=0, open=1, unrecorded=0),)
    """
    counts: dict[str, Counter[str]] = {}
    for forecast in forecasts(argument_map):
        status = forecast.status or "unrecorded"
        counts.setdefault(forecast.speaker, Counter())[status] += 1
    order = {speaker.id: i for i, speaker in enumerate(argument_map.speakers)}
    speakers = sorted(counts, key=lambda s: (order.get(s, len(order)), s))
    return tuple(ForecastRecord(s, **counts[s]) for s in speakers)


# --- everything at once -------------------------------------------------------------------


def summary(argument_map: ArgumentMap, top: int = 10) -> dict[str, Any]:
    """Every analysis of the map as one JSON-ready dict (what ``argmap info`` shows).

    Keys: ``title``, ``description``, ``source``, ``speakers`` (id, name, claims),
    ``claims``, ``claim_kinds``, ``relations`` (count by type), ``agreement``, ``camps``,
    ``standing`` (grounded counts and the claims ``out`` and ``undec``), ``most_contested``,
    ``most_supported``, ``central`` (the ``top`` of each), ``forecasts`` and
    ``forecast_record``.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "Empty", "speakers": [], "claims": []}''')
    >>> s = summary(m)
    >>> s["claims"], s["standing"]["counts"], s["camps"], s["forecasts"]
    (0, {'in': 0, 'out': 0, 'undec': 0}, [], [])
    """
    texts = {claim.id: claim.text for claim in argument_map.claims}
    source = argument_map.source
    standing = grounded_labelling(argument_map)
    matrix = agreement_matrix(argument_map)
    claim_scores = claim_tallies(argument_map)
    kinds: Counter[str] = Counter(claim.kind for claim in argument_map.claims)
    types: Counter[str] = Counter(relation.type for relation in argument_map.relations)

    def tallies(ranked: tuple[ClaimTally, ...]) -> list[dict[str, Any]]:
        return [{**t._asdict(), "text": texts[t.claim]} for t in ranked]

    return {
        "title": argument_map.title,
        "description": argument_map.description,
        "source": None if source is None else _fields(source),
        "speakers": [
            {"id": s.id, "name": s.name, "claims": len(argument_map.claims_by(s.id))}
            for s in argument_map.speakers
        ],
        "claims": len(argument_map.claims),
        "claim_kinds": {kind: kinds[kind] for kind in CLAIM_KINDS},
        "relations": {kind: types[kind] for kind in RELATION_TYPES},
        "agreement": [{"source": a.source, "target": a.target, **a.counts()} for a in matrix],
        "camps": [list(camp) for camp in _camps(argument_map, matrix)],
        "standing": {
            "semantics": "grounded",
            "counts": standing.counts(),
            "out": list(standing.out),
            "undec": list(standing.undec),
            "inferences": dict(standing.inferences),
        },
        "most_contested": tallies(_ranked(claim_scores, top, _by_contest)),
        "most_supported": tallies(_ranked(claim_scores, top, _by_support)),
        "central": [
            {"claim": claim, "score": score, "text": texts[claim]}
            for claim, score in centrality(argument_map, top)
        ],
        "forecasts": [f._asdict() for f in forecasts(argument_map)],
        "forecast_record": [
            {"speaker": r.speaker, **r.counts()} for r in forecast_record(argument_map)
        ],
    }


# --- helpers ------------------------------------------------------------------------------


def _speaker_of(argument_map: ArgumentMap, id: str) -> str | None:
    """The speaker an id stands for: itself, or a claim's speaker (None for anything else)."""
    if argument_map.is_speaker(id):
        return id
    if argument_map.is_claim(id):
        return argument_map.claim(id).speaker
    return None


def _target(argument_map: ArgumentMap, relation: Relation) -> str | None:
    """The claim or speaker a relation points at; for an undercut, the undercut relation's."""
    if relation.type != "undercuts":
        return relation.to_id
    undercut = _relation(argument_map, relation.to_id)
    return None if undercut is None else undercut.to_id


def _relation(argument_map: ArgumentMap, id: str) -> Relation | None:
    try:
        return argument_map.relation(id)
    except KeyError:
        return None


def _fields(obj: Any) -> dict[str, Any]:
    """The fields of a slotted dataclass that are set."""
    names = obj.__slots__
    return {name: getattr(obj, name) for name in names if getattr(obj, name) is not None}
