"""Claim standing: Dung's grounded labelling and the preferred and stable extensions."""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import compress
from typing import Final

from argmap.analysis.common import (
    Label,
    Positions,
    positions,
)
from argmap.errors import ArgmapError
from argmap.model import (
    RELATIONS,
    ArgumentMap,
    FrozenData,
)

#: The most undecided arguments (after grounded labelling) for which preferred and stable
#: extensions are enumerated; beyond it they raise :class:`ExtensionLimitError`. At the limit
#: the enumeration takes up to a few seconds; arguments that grounded labelling decides cost
#: nothing, so large maps with few cycles of attacks stay within it.
EXTENSION_LIMIT: Final = 20

# --- claim standing ---------------------------------------------------------------------------

_UNDEC: Final = 0
_IN: Final = 1
_OUT: Final = 2
_LABELS: Final[tuple[Label, Label, Label]] = ("undec", "in", "out")
#: The relation types by which one claim attacks another.
_ATTACKS_CLAIM: Final = frozenset(name for name, kind in RELATIONS.items() if kind.attacks_claim)


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
    inferences: Mapping[str, Label] = field(default_factory=FrozenData)

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


def _framework(argument_map: ArgumentMap, where: Positions) -> _Framework:
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
    index = where.order
    attacks: list[list[int]] = [[] for _ in where.ids]
    if "undercuts" not in where.kinds:  # the usual map: every attack joins two claims
        attacking = map(_ATTACKS_CLAIM.__contains__, where.kinds)
        for start, end in compress(zip(where.starts, where.ends, strict=True), attacking):
            if start >= 0 and end >= 0:
                attacks[start].append(end)
        return _Framework(where.ids, len(index), attacks, {})
    names = list(where.ids)  # helper arguments are added after the claims

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
    everyone = range(len(attacks))
    attackers = Counter(itertools.chain.from_iterable(attacks))
    living = list(map(attackers.get, everyone, itertools.repeat(0)))  # attackers not (yet) out
    label = [_UNDEC if count else _IN for count in living]
    work = list(compress(everyone, map(operator.not_, living)))
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
    return grounded_of(argument_map, positions(argument_map))


def grounded_of(argument_map: ArgumentMap, where: Positions) -> Labelling:
    """:func:`grounded_labelling` of a map whose :class:`Positions` are worked out."""
    framework = _framework(argument_map, where)
    label = _grounded(framework.attacks)
    claims = framework.claims
    return Labelling(
        FrozenData(zip(framework.names[:claims], map(_LABELS.__getitem__, label), strict=False)),
        FrozenData({key: _LABELS[label[i]] for key, i in framework.inferences.items()}),
    )


def _extensions(argument_map: ArgumentMap, stable: bool) -> tuple[tuple[str, ...], ...]:
    """Preferred (or stable) extensions, as the claims they accept.

    Every preferred extension contains the grounded ``in`` arguments and excludes the grounded
    ``out`` ones, so only the undecided arguments are searched, one connected part of their
    attack graph at a time (the extensions of the whole are all the unions of one extension of
    each part).
    """
    framework = _framework(argument_map, positions(argument_map))
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
