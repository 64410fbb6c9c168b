"""Which marks a claim box carries: the speech act it was put as, and whether it is implicit.

The IAT importers keep the illocution that anchors a claim in ``data.speech_act`` when it is
not Asserting ("Pure Questioning", "Challenging", "Popular Conceding", ...), and the
microtexts importer sets ``data.implicit`` on a claim the annotators reconstructed. A claim
gets at most two marks (keys of :data:`~argmap.draw.theme.CLAIM_MARKS`): ``implicit``, then
the family of its speech act: ``question``, ``challenge``, ``concession``, ``restatement``,
or ``act`` for any other. Its kind line names the family and, when it says more, the speech
act itself; its box takes the line style of its first mark that has one (dotted for
implicit, dashed for a question).

>>> from argmap.model import Claim
>>> asked = Claim("q", "ann", "Tax sugar?", data={"speech_act": "Pure Questioning"})
>>> marks(asked), tags(asked), border(asked)
(('question',), ['? QUESTION · PURE QUESTIONING'], 'dashed')
>>> tags(Claim("c", "ann", "No.", data={"speech_act": "Challenging"}))
['CHALLENGE']
>>> said = Claim("i", "ann", "So it goes.", data={"implicit": True})
>>> marks(said), tags(said), border(said)
(('implicit',), ['IMPLICIT'], 'dotted')
>>> marks(Claim("a", "ann", "A.")), border(Claim("a", "ann", "A."))
((), None)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from argmap.draw.dotsyntax import isolate
from argmap.draw.theme import CLAIM_MARKS
from argmap.model import Claim

__all__ = ["border", "marks", "marks_used", "speech_act", "tags"]

#: A speech act's family by a word its IAT name contains (Pure/Assertive/Rhetorical
#: Questioning; Challenging and its kinds; Conceding, Popular Conceding; Restating).
_FAMILIES: Final = (
    ("question", "questioning"),
    ("challenge", "challenging"),
    ("concession", "conceding"),
    ("restatement", "restating"),
)


def speech_act(claim: Claim) -> str | None:
    """The claim's speech act (``data.speech_act``), when it names one."""
    act = claim.data.get("speech_act")
    return act.strip() if isinstance(act, str) and act.strip() else None


def _family(act: str) -> tuple[str, str]:
    """The family of a speech act and the word that tells it ("" for ``act``)."""
    folded = act.casefold()
    return next(((key, word) for key, word in _FAMILIES if word in folded), ("act", ""))


def marks(claim: Claim) -> tuple[str, ...]:
    """The claim's marks, keys of :data:`~argmap.draw.theme.CLAIM_MARKS` in their order."""
    found = ["implicit"] if claim.data.get("implicit") is True else []
    act = speech_act(claim)
    if act is not None:
        found.append(_family(act)[0])
    return tuple(found)


def tags(claim: Claim) -> list[str]:
    """The claim's marks as its kind line writes them (upper case): the family, then the
    speech act's own name unless that is only the family's verb ("Challenging")."""
    found = []
    act = speech_act(claim)
    for key in marks(claim):
        tag = CLAIM_MARKS[key].tag
        if key != "implicit" and act is not None and act.casefold() != _family(act)[1]:
            tag = f"{tag} · {isolate(act)}" if tag else act
        found.append(tag.upper())
    return found


def border(claim: Claim) -> str | None:
    """The line style of the claim's box when a mark changes it (``None``: solid)."""
    styles = (CLAIM_MARKS[key].border for key in marks(claim))
    return next((style for style in styles if style != "solid"), None)


def marks_used(claims: Iterable[Claim]) -> list[str]:
    """The marks any of ``claims`` carries, in :data:`~argmap.draw.theme.CLAIM_MARKS` order."""
    used = {key for claim in claims for key in marks(claim)}
    return [key for key in CLAIM_MARKS if key in used]
