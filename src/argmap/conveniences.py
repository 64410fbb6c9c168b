"""The functions behind the model's conveniences (``m.to_networkx()``, ``m.to_dict()``, a map
showing itself in Jupyter, the checks of a map built by hand), by name.

The model imports nothing above itself, so it calls these through :data:`CONVENIENCES`, which
the package (``argmap/__init__.py``) fills in with lazy imports of the layers that provide
them. Every import of an ``argmap`` module runs the package's ``__init__`` first, so they are
always there. This module imports nothing (``argmap --help`` starts without ``typing``).

>>> sorted(CONVENIENCES)
['check', 'svg', 'to_dict', 'to_networkx']
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Final

__all__ = ["CONVENIENCES"]

#: ``to_networkx``, ``to_dict``, ``svg`` and ``check``, each called with an ``ArgumentMap``.
CONVENIENCES: Final[dict[str, Callable[[Any], Any]]] = {}
