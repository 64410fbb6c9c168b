"""Which format a document is, from its content: the signs each format always shows.

Only strong signs count, so a document is never read as something it is not: JSON with the
key ``"argmap"`` (our maps), ``"AIF"`` (xAIF/OVA), SADFace's ``metadata.core`` or
``source_id``/``target_id`` edges, AIF's ``nodes`` and ``edges``; XML whose root is
``<arggraph>`` (arg-microtexts); text that starts with Kialo's ``Discussion Title:`` line or
its numbered claims. Argdown has no such sign (any text is an Argdown statement), so it is
known by its file name only.

>>> sniff('{"AIF": {"nodes": []}}'), sniff('<?xml version="1.0"?><arggraph id="x"/>')
('xaif', 'microtexts')
>>> sniff("Discussion Title: Cars\\n\\n1. Ban them."), sniff("just some words")
('kialo', None)
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

__all__ = ["CONTENT_FORMATS", "sniff", "sniff_json"]

#: The formats :func:`sniff` can tell, as named in messages.
CONTENT_FORMATS: Final = (
    "argmap JSON",
    "AIF",
    "xAIF/OVA",
    "SADFace",
    "arg-microtexts XML",
    "Kialo export",
)
_XML_ROOT: Final = re.compile(
    r"(?:<\?xml[^>]*\?>)?\s*(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<arggraph[\s>/]", re.DOTALL
)
_NOT_JSON: Final = object()


def sniff(text: str) -> str | None:
    """The name of the format ``text`` shows, or ``None`` when it shows none."""
    body = text.lstrip("\ufeff \t\r\n")
    if body[:1] in ("{", "["):
        document = _json(text)
        return None if document is _NOT_JSON else sniff_json(document)
    if body[:1] == "<":
        return "microtexts" if _XML_ROOT.match(body[:4096]) else None
    from argmap.formats import kialo

    return "kialo" if kialo.looks_like(body) else None


def sniff_json(document: Any) -> str | None:
    """The format of a parsed JSON document, or ``None``.

    >>> sniff_json({"nodes": [], "edges": []}), sniff_json({"claims": []}), sniff_json([])
    ('aif', 'argmap', None)
    """
    from argmap.formats import sadface

    if not isinstance(document, dict):
        return None
    if "argmap" in document:
        return "argmap"
    if isinstance(document.get("AIF"), dict):
        return "xaif"
    if sadface.looks_like(document):
        return "sadface"
    if "nodes" in document and "edges" in document:
        return "aif"
    if any(key in document for key in ("claims", "speakers", "relations")):
        return "argmap"  # a map with a fault the loader names
    return None


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return _NOT_JSON
