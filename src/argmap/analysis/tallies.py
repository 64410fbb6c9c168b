"""Supported, contested and central claims."""

from __future__ import annotations

import heapq
import math
import operator
from collections import Counter
from itertools import chain, compress, repeat
from math import fsum
from operator import attrgetter
from typing import Final, NamedTuple, TypeAlias

from argmap.analysis.common import (
    NEGATIVE,
    POSITIVE,
    Positions,
    checked_top,
    positions,
    relation_or_none,
    target_of,
)
from argmap.model import (
    RELATIONS,
    ArgumentMap,
)

# --- supported, contested and central claims ------------------------------------------------

#: The negative types whose target is their ``to`` (an undercut's is its relation's target).
NEGATIVE_BUT_UNDERCUTS: Final = NEGATIVE - {"undercuts"}


class ClaimTally(NamedTuple):
    """What a claim receives: ``support`` (supports and agrees, and undercuts of the attacks
    and disagreements on it, which defend it) and ``contest`` (attacks, disagrees, and
    undercuts of the supports and agreements it gets), from claims and speakers."""

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
    where = positions(argument_map)
    support, contest = received(argument_map, where)
    places = range(len(where.ids))
    return tuple(
        map(
            ClaimTally,
            where.ids,
            map(attrgetter("speaker"), argument_map.claims),
            map(support.get, places, repeat(0)),
            map(contest.get, places, repeat(0)),
        )
    )


#: Support and contest received, by claim position (-1: at something else).
Received: TypeAlias = tuple[Counter[int], Counter[int]]


def received(argument_map: ArgumentMap, where: Positions) -> Received:
    """How many positive and how many negative relations point at each claim, by position (an
    undercut at the target of the relation it undercuts: against it when that relation is for
    it, for it when that relation is against it), counted in C but for the undercuts."""
    kinds, ends = where.kinds, where.ends
    support = Counter(compress(ends, map(POSITIVE.__contains__, kinds)))
    contest = Counter(compress(ends, map(NEGATIVE_BUT_UNDERCUTS.__contains__, kinds)))
    if "undercuts" in kinds:
        for relation in compress(argument_map.relations, map("undercuts".__eq__, kinds)):
            target, undercut = (
                target_of(argument_map, relation),
                relation_or_none(argument_map, relation.to_id),
            )
            if target is None or undercut is None:
                continue
            stance = RELATIONS[undercut.type].stance  # of the relation undercut
            if stance is not None:
                (support if stance == "against" else contest)[where.order.get(target, -1)] += 1
    return support, contest


def most_supported(argument_map: ArgumentMap, top: int = 10) -> tuple[ClaimTally, ...]:
    """The ``top`` claims with the most support (ties: less contest first, then file order);
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
    top, where = checked_top(top), positions(argument_map)
    return ranked(argument_map, where, received(argument_map, where), top, contested=False)


def most_contested(argument_map: ArgumentMap, top: int = 10) -> tuple[ClaimTally, ...]:
    """The ``top`` claims with the most contest (ties: less support first, then file order);
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
    top, where = checked_top(top), positions(argument_map)
    return ranked(argument_map, where, received(argument_map, where), top, contested=True)


def ranked(
    argument_map: ArgumentMap, where: Positions, counts: Received, top: int, contested: bool
) -> tuple[ClaimTally, ...]:
    """The ``top`` claims by the most contest (``contested``) or the most support, from
    :func:`received`'s counts; claims with none of it are left out. Ties go to the claim with
    less of the other (supported four times and never contested is better supported than
    supported four times and contested once), then to file order. Only the claims ranked
    become tallies."""
    support, contest = counts
    first, second = (contest, support) if contested else (support, contest)
    candidates = list(filter(first.__contains__, range(len(where.ids))))
    # Keys compared as tuples in C: the first count descending, the other ascending (negated),
    # then ascending file order (the position negated); O(n log top).
    keys = zip(
        map(first.__getitem__, candidates),
        map(operator.neg, map(second.get, candidates, repeat(0))),
        map(operator.neg, candidates),
        strict=True,
    )
    claims = argument_map.claims
    best = [-negated for _, _, negated in heapq.nlargest(top, keys)]
    return tuple(ClaimTally(claims[p].id, claims[p].speaker, support[p], contest[p]) for p in best)


def centrality(argument_map: ArgumentMap, top: int = 10) -> tuple[tuple[str, float], ...]:
    """The ``top`` claims by Katz centrality on the claim graph, with their scores.

    The claim graph has an edge ``a -> b`` for every relation from claim ``a`` to claim ``b``
    (of any type; an undercut points at the undercut relation's target), weighted by how many
    there are. A claim is central when many claims, themselves central, point at it. The
    attenuation is ``0.1 / d`` where ``d`` bounds the graph's spectral radius (the smaller of
    the largest weighted in- and out-degree), so each step shrinks the error at least tenfold.
    The scores are those of ``networkx.katz_centrality`` (same iteration and stopping rule; the
    sums may be added in another order, so the last bits can differ), computed on lists
    instead of a networkx graph: under a second instead of 5–8 s at 100,000 claims.
    (PageRank would need SciPy, which argmap does not depend on.) Ties go to file order.

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
    return central(argument_map, positions(argument_map), checked_top(top))


def central(argument_map: ArgumentMap, where: Positions, top: int) -> tuple[tuple[str, float], ...]:
    """:func:`centrality` of a map whose :class:`Positions` are worked out."""
    ids, order, kinds = where.ids, where.order, where.kinds
    if not ids:
        return ()
    sources: list[list[int]] = [[] for _ in ids]  # per claim, the claims pointing at it
    plain = map("undercuts".__ne__, kinds)
    for start, end in compress(zip(where.starts, where.ends, strict=True), plain):
        if start >= 0 and end >= 0:
            sources[end].append(start)
    # An undercut points at the target of the relation it undercuts.
    for relation in compress(argument_map.relations, map("undercuts".__eq__, kinds)):
        if relation.from_id in order:
            target = target_of(argument_map, relation)
            if target in order:
                sources[order[target]].append(order[relation.from_id])
    scores = katz(sources)
    rounded = list(map(round, scores, repeat(12)))
    # nlargest is sorted(reverse=True)[:top], which keeps file order among ties.
    best = heapq.nlargest(top, range(len(ids)), rounded.__getitem__)
    return tuple((ids[i], scores[i]) for i in best)


def katz(sources: list[list[int]]) -> list[float]:
    """Katz centrality of nodes ``0 .. n - 1`` where ``sources[v]`` lists the nodes with an
    edge into ``v`` (a node twice for an edge of weight 2): ``networkx.katz_centrality(graph,
    alpha=0.1 / bound, weight="weight")``'s iteration and stopping rule (beta 1, tolerance 1e-6
    per node, normalised to unit length), with each node's sum taken in C by ``math.fsum``:
    exact, so the scores are the same bits on every Python (``sum`` of floats compensates
    from 3.12 on, and 3.11 and 3.12 printed different scores).

    >>> [round(x, 3) for x in katz([[], [0, 2], []])]
    [0.539, 0.647, 0.539]
    """
    size = len(sources)
    out = Counter(chain.from_iterable(sources))
    bound = min(max(map(len, sources)), max(out.values(), default=0))
    alpha = 0.1 / max(1, bound)
    # networkx starts from zeros: its first step gives all ones, its second alpha times the
    # in-degree plus one (sums of ones are exact). Starting there saves two passes.
    scores = ones = [1.0] * size
    for _ in range(1000):
        last, score_of = scores, scores.__getitem__
        if last is ones:
            scores = [alpha * len(these) + 1.0 for these in sources]
        else:
            # A node nothing points at keeps 1.0 (what the sum of nothing would give).
            scores = [
                alpha * fsum(map(score_of, these)) + 1.0 if these else 1.0 for these in sources
            ]
        if fsum(map(abs, map(operator.sub, scores, last))) < size * 1e-6:
            break
    scale = 1.0 / math.hypot(*scores)  # not 0: every score is at least 1
    return [x * scale for x in scores]
