"""Immutable free-form data: what the model holds where a map carries ``data``.

A map may come from anyone and be shared between threads, processes and the networkx graph,
so nothing in it may change after it is built; these two types make JSON-like data so.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Final

__all__ = [
    "DATA_DEPTH",
    "FrozenData",
    "FrozenList",
    "TooDeep",
    "freeze",
    "frozen_or_kept",
    "paused_gc",
]

#: How deeply ``data`` may nest objects and arrays in one another. Python's own limit is no
#: guide: the json module's differs between 3.11, 3.12 and 3.13 (from about 1,000 to none
#: short of 100,000), and the formats' writers recurse; real data nests a few levels.
DATA_DEPTH: Final = 100


class TooDeep(ValueError):
    """Data nested more deeply than :data:`DATA_DEPTH`."""


class FrozenData(dict[str, Any]):
    """Free-form ``data`` as the model holds it: a ``dict`` that cannot change, whose nested
    objects are :class:`FrozenData` and arrays :class:`FrozenList` (see :func:`freeze`). It
    compares equal to the plain data, is written by ``json.dumps`` as it is, pickles and
    deep-copies (to itself: nothing in it can change).

    >>> data = freeze({"tags": ["pro"], "n": {"x": 1}})
    >>> data == {"tags": ["pro"], "n": {"x": 1}}, data["tags"]
    (True, ('pro',))
    >>> data["tags"] = []
    Traceback (most recent call last):
      ...
    TypeError: map data cannot be changed; build a new one (msgspec.structs.replace)
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("map data cannot be changed; build a new one (msgspec.structs.replace)")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenData, (dict(self),))

    def __copy__(self) -> FrozenData:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenData:
        return self

    def __repr__(self) -> str:
        return f"FrozenData({dict.__repr__(self)})"

    def __hash__(self) -> int:  # type: ignore[override]
        # Immutable, so hashable: a claim (which hashes its data) can go in a set.
        return hash(frozenset(self.items()))


class FrozenList(tuple[Any, ...]):
    """An array in map ``data``: a tuple that also compares equal to the list it was."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return tuple.__eq__(self, tuple(other) if isinstance(other, list) else other) is True

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__


#: The types of JSON's scalar values.
_SCALARS: Final = frozenset({str, int, float, bool, type(None)})


def freeze(value: Any, limit: int = DATA_DEPTH) -> Any:
    """``value`` with every object made :class:`FrozenData` and every array
    :class:`FrozenList`, at every depth (without recursion); :class:`TooDeep` beyond
    ``limit`` levels.

    >>> freeze({"a": [1, {"b": 2}]})
    FrozenData({'a': (1, FrozenData({'b': 2}))})
    >>> deep = []
    >>> for _ in range(DATA_DEPTH):
    ...     deep = [deep]
    >>> freeze({"x": deep})
    Traceback (most recent call last):
      ...
    argmap.frozen.TooDeep: is nested too deeply (more than 100 levels)
    """
    if type(value) is dict and all(map(_SCALARS.__contains__, map(type, value.values()))):
        return FrozenData(value)  # the usual data, one flat object: no walk, no ABC checks
    if isinstance(value, FrozenData | FrozenList) or not isinstance(value, Mapping | list | tuple):
        return value
    # Post-order without recursion: children are frozen before the containers that hold them.
    order: list[Any] = []
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            raise TooDeep(f"is nested too deeply (more than {limit} levels)")
        order.append(item)
        children = item.values() if isinstance(item, Mapping) else item
        stack.extend(
            (child, depth + 1)
            for child in children
            if isinstance(child, Mapping | list | tuple)
            and not isinstance(child, FrozenData | FrozenList)
        )
    frozen: dict[int, Any] = {}

    def done(child: Any) -> Any:
        return frozen.get(id(child), child)

    for item in reversed(order):
        if isinstance(item, Mapping):
            frozen[id(item)] = FrozenData({key: done(child) for key, child in item.items()})
        else:
            frozen[id(item)] = FrozenList(done(child) for child in item)
    return frozen[id(value)]


def frozen_or_kept(data: Any) -> Any:
    """Data frozen, or left as it is when nested too deeply to be: the checks of a map built
    by hand find it unfrozen and name it (the model has no MapError to raise).

    >>> type(frozen_or_kept({"a": [1]})).__name__
    'FrozenData'
    >>> deep = {"x": []}
    >>> for _ in range(DATA_DEPTH):
    ...     deep = {"x": [deep]}
    >>> frozen_or_kept(deep) is deep
    True
    """
    try:
        return freeze(data)
    except TooDeep:
        return data


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while many objects that form no cycles are built
    (a map's records and frozen data, the analyses' lists and counts): on a large map it would
    only walk them again and again (a tenth of loading or analysing 100,000 claims).

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
