"""Agreement between speakers and the camps it forms."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter
from typing import Final

from argmap.analysis.common import (
    Positions,
    positions,
    relation_or_none,
    speaker_of,
)
from argmap.model import (
    ArgumentMap,
    Relation,
)

#: The relation types that count towards agreement between speakers, positive ones first.
AGREEMENT_TYPES: Final = ("agrees", "supports", "disagrees", "attacks", "undercuts")
#: The types that count between the speakers at their two ends (an undercut's ``to`` is a
#: relation: it counts against the speaker of that relation's ``from``).
COUNTED: Final = frozenset(AGREEMENT_TYPES) - {"undercuts"}

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
    return agreement_of(argument_map, positions(argument_map))


def agreement_of(argument_map: ArgumentMap, where: Positions) -> tuple[Agreement, ...]:
    """:func:`agreement_matrix` of a map whose :class:`Positions` are worked out."""
    relations, kinds = argument_map.relations, where.kinds
    # Relations between claims, counted at once in C by (source speaker, target speaker,
    # type); a claim's speaker is picked by its position, and position -1 (a speaker or a
    # relation) picks None. Keys that do not count are dropped per key, not per relation.
    said = list(map(attrgetter("speaker"), argument_map.claims))
    # One string object per speaker (each claim's is a copy of its own): the keys counted
    # below then compare by identity, which halves the count's time at 100,000 claims.
    same = {speaker: speaker for speaker in set(said)}
    speaker_at = [*map(same.__getitem__, said), None].__getitem__
    counted = Counter(
        zip(map(speaker_at, where.starts), map(speaker_at, where.ends), kinds, strict=True)
    )
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (source, target, kind), n in counted.items():
        if kind in COUNTED and source is not None and target is not None and source != target:
            counts[source, target][kind] += n
    # The rest one at a time: relations with a speaker (or a relation) at an end, whose key
    # above had a None, and undercuts, which count against the speaker of the undercut
    # relation's ``from``.
    rest: set[int] = set()
    for column, other in ((where.starts, -1), (where.ends, -1), (kinds, "undercuts")):
        if other in column:  # a scan in C; the indices only when there are some
            rest.update(compress(count(), map(other.__eq__, column)))
    for relation in map(relations.__getitem__, sorted(rest)):
        pair = speakers_between(argument_map, relation)
        if pair is not None:
            counts[pair][relation.type] += 1
    return tuple(
        Agreement(source, target, **tally) for (source, target), tally in sorted(counts.items())
    )


def speakers_between(argument_map: ArgumentMap, relation: Relation) -> tuple[str, str] | None:
    """The two speakers a relation counts between in :func:`agreement_matrix`, ``from``'s
    first; ``None`` when it does not count (its type, an end no speaker has, one speaker).
    An undercut counts against the speaker of the undercut relation's ``from``.

    >>> import argmap
    >>> m = argmap.loads('''{"argmap": "1", "title": "T",
    ...   "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    ...   "claims": [{"id": "a", "speaker": "ann", "text": "A."},
    ...              {"id": "b", "speaker": "bob", "text": "B."},
    ...              {"id": "b2", "speaker": "bob", "text": "B2."}],
    ...   "relations": [{"id": "r1", "from": "b2", "to": "b", "type": "supports"},
    ...                 {"id": "r2", "from": "a", "to": "r1", "type": "undercuts"}]}''')
    >>> speakers_between(m, m.relation("r2")), speakers_between(m, m.relation("r1"))
    (('ann', 'bob'), None)
    """
    kind, target_id = relation.type, relation.to_id
    if kind not in AGREEMENT_TYPES:
        return None
    if kind == "undercuts":
        undercut = relation_or_none(argument_map, target_id)
        if undercut is None:
            return None
        target_id = undercut.from_id
    source = speaker_of(argument_map, relation.from_id)
    target = speaker_of(argument_map, target_id)
    if source is None or target is None or source == target:
        return None
    return source, target


def camps(argument_map: ArgumentMap) -> tuple[tuple[str, ...], ...]:
    """Groups of speakers who side with one another, largest first.

    Two speakers are joined when the sum of their ``net`` agreement in both directions (see
    :func:`agreement_matrix`) is above zero, weighted by that sum; the camps are the
    communities networkx's greedy modularity maximisation finds in that graph (for more than
    :data:`GREEDY_CAMPS_LIMIT` speakers who side with someone, the Louvain method, seeded: the
    greedy method takes quadratic time on a hub). A speaker who sides with no one is a camp of
    one. The result is deterministic: speaker ids are sorted
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
    return camps_of(argument_map, agreement_matrix(argument_map))


#: Up to this many speakers camps come from greedy modularity maximisation; beyond, from the
#: Louvain method (seeded, so deterministic), which stays fast on any shape of agreement.
GREEDY_CAMPS_LIMIT: Final = 500


def camps_of(argument_map: ArgumentMap, matrix: Iterable[Agreement]) -> tuple[tuple[str, ...], ...]:
    net: Counter[tuple[str, str]] = Counter()
    for agreement in matrix:
        pair = (agreement.source, agreement.target)
        net[min(pair), max(pair)] += agreement.net
    edges = [(u, v, w) for (u, v), w in sorted(net.items()) if w > 0]
    joined = {speaker for u, v, _ in edges for speaker in (u, v)}
    # A speaker who sides with no one is a camp of one (greedy modularity never merges them).
    alone = sorted(speaker.id for speaker in argument_map.speakers if speaker.id not in joined)
    communities: list[Iterable[str]] = [[speaker] for speaker in alone]
    if edges:  # networkx only when someone sides with someone (importing it costs 0.2 s)
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(sorted(speaker.id for speaker in argument_map.speakers))
        graph.add_weighted_edges_from(edges)
        graph.remove_nodes_from(alone)
        if graph.number_of_nodes() <= GREEDY_CAMPS_LIMIT:
            communities += nx.community.greedy_modularity_communities(graph, weight="weight")
        else:  # greedy modularity is quadratic on a hub (8,000 speakers agreeing with one: 281 s)
            communities += nx.community.louvain_communities(graph, weight="weight", seed=0)
    return tuple(sorted((tuple(sorted(c)) for c in communities), key=lambda c: (-len(c), c)))
