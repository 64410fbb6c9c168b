"""The argument map model: immutable records with lookups by id.

Speakers, claims, relations and the rest are frozen ``msgspec.Struct`` classes: the loader
decodes a map file straight into them, in C (see :mod:`argmap.mapfile.wire`). Build them
positionally or by keyword, and change one with :func:`msgspec.structs.replace`
(``dataclasses.replace`` is for :class:`ArgumentMap`, the one dataclass here).

A map holds speakers, the claims they make, typed relations between claims and between
speakers, and context passages of the source that belong to no speaker. Maps are usually
read from JSON with :func:`argmap.load`; building one by hand works too:

>>> from argmap import ArgumentMap, Speaker, Claim, Relation
>>> m = ArgumentMap(
...     title="Tea or coffee",
...     speakers=(Speaker("ann", "Ann"), Speaker("bob", "Bob")),
...     claims=(Claim("c1", "ann", "Tea is better."), Claim("c2", "bob", "Coffee is better.")),
...     relations=(Relation("c2", "c1", "attacks"),),
... )
>>> m.claim("c2").speaker
'bob'
>>> [c.id for c in m.claims_by("ann")]
['c1']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from operator import attrgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from msgspec import Struct
from msgspec.structs import force_setattr

from argmap.conveniences import CONVENIENCES
from argmap.frozen import FrozenData, FrozenList, freeze, frozen_or_kept

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "CLAIM_KINDS",
    "CONVENIENCES",
    "NO_DATA",
    "OUTCOME_STATUSES",
    "RELATIONS",
    "RELATION_TYPES",
    "ArgumentMap",
    "Claim",
    "ClaimKind",
    "ContextItem",
    "FrozenData",
    "FrozenList",
    "Outcome",
    "OutcomeStatus",
    "Relation",
    "RelationKind",
    "RelationType",
    "Source",
    "Speaker",
    "freeze",
]

RelationType: TypeAlias = Literal[
    "supports", "attacks", "undercuts", "agrees", "disagrees", "elaborates"
]
ClaimKind: TypeAlias = Literal["assessment", "prediction", "proposal", "condition", "report"]
OutcomeStatus: TypeAlias = Literal["true", "false", "partly", "open"]


@dataclass(frozen=True, slots=True)
class RelationKind:
    """Everything argmap knows about one relation type, in one place.

    ``sources`` and ``targets`` are the kinds of thing its ``from`` and ``to`` may name
    (``"claim"``, ``"speaker"``, ``"relation"``); ``stance`` is how it counts in agreement
    (``"for"``, ``"against"`` or ``None``); ``attacks_claim`` whether a claim-level relation of
    this type is an attack in Dung's sense (``undercuts`` attacks an inference instead);
    ``line``, ``arrowhead`` and ``label`` how it is drawn (themes add the colour, taken from
    the type named by ``color_of``).
    """

    name: RelationType
    meaning: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    stance: Literal["for", "against"] | None
    attacks_claim: bool
    line: str
    arrowhead: str
    label: str
    color_of: str


_ENDS: Final = ("claim", "speaker")

#: The one table of relation types: what each joins, how it counts, how it is drawn.
RELATIONS: Final[Mapping[str, RelationKind]] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            RelationKind(
                "supports",
                "`from` gives a reason for `to` (claims or speakers)",
                _ENDS,
                _ENDS,
                "for",
                False,
                "solid",
                "normal",
                "supports",
                "supports",
            ),
            RelationKind(
                "attacks",
                "`from` gives a reason against `to` (claims or speakers)",
                _ENDS,
                _ENDS,
                "against",
                True,
                "solid",
                "tee",
                "attacks",
                "attacks",
            ),
            RelationKind(
                "undercuts",
                "claim `from` attacks the inference of relation `to` (a relation id)",
                ("claim",),
                ("relation",),
                "against",
                False,
                "dashed",
                "tee",
                "undercuts",
                "attacks",
            ),
            RelationKind(
                "agrees",
                "`from` agrees with `to` (claims or speakers)",
                _ENDS,
                _ENDS,
                "for",
                False,
                "dashed",
                "onormal",
                "agrees with",
                "agrees",
            ),
            RelationKind(
                "disagrees",
                "`from` disagrees with `to` (claims or speakers)",
                _ENDS,
                _ENDS,
                "against",
                True,
                "dashed",
                "odot",
                "disagrees with",
                "disagrees",
            ),
            RelationKind(
                "elaborates",
                "claim `from` clarifies, qualifies or specifies claim `to`",
                ("claim",),
                ("claim",),
                None,
                False,
                "dotted",
                "odiamond",
                "elaborates",
                "elaborates",
            ),
        )
    }
)

#: Every relation type with its meaning (``from`` and ``to`` name the relation's ends).
RELATION_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {name: kind.meaning for name, kind in RELATIONS.items()}
)

#: Every claim kind with its meaning.
CLAIM_KINDS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "assessment": "a judgement of how things are or why (the default)",
        "prediction": "what the speaker expects to happen",
        "proposal": "what the speaker says should be done",
        "condition": "what the speaker says is required for something else",
        "report": "what the speaker relays from others, without endorsing it",
    }
)

#: Every outcome status of a claim (mostly of predictions) with its meaning.
OUTCOME_STATUSES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "true": "events bore the claim out",
        "false": "events contradicted the claim",
        "partly": "events bore out part of the claim",
        "open": "events have not settled the claim",
    }
)


#: The ``data`` of a record that has none (one shared, empty, read-only mapping).
NO_DATA: Final[Mapping[str, Any]] = FrozenData()


def _no_data() -> Mapping[str, Any]:
    return NO_DATA


if TYPE_CHECKING:
    Data: TypeAlias = Mapping[str, Any]
else:
    # What msgspec decodes a record's ``data`` into: it hands the parsed object to
    # ``argmap.mapfile.wire``'s hook, which freezes it. (A ``__post_init__`` would freeze it
    # too, but costs a Python call per record: a third of loading a map.)
    Data = FrozenData


# Records hold strings, numbers, tuples and frozen data, never themselves: they cannot form
# reference cycles, so the garbage collector need not track them (gc=False: less memory and
# no collector passes over a large map). Unknown keys are refused when a file is decoded.
class Record(Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """The base of the model's records.

    A speaker's, claim's or relation's ``data`` is read-only at any depth in a map: the loader
    freezes it as it reads, and :class:`ArgumentMap` freezes what a record built by hand was
    given (``Claim(..., data={"x": [1]})`` holds the dict until it joins a map).
    """


class Source(Record, frozen=True):
    """Where the debate comes from.

    ``text`` is the path of the plain-text source document, relative to the map file, against
    which every quote is checked.
    """

    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    text: str | None = None
    note: str | None = None


class Speaker(Record, frozen=True):
    """A person (or body) who takes part in the debate or is reported in it."""

    id: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    participation: str | None = None
    url: str | None = None
    data: Data = NO_DATA


class Outcome(Record, frozen=True):
    """What happened after the debate, added by the map's author (not said in the debate)."""

    status: OutcomeStatus
    note: str | None = None
    source: str | None = None


class Claim(Record, frozen=True):
    """A claim a speaker makes.

    ``text`` states the claim in plain words; ``quote`` is the verbatim span of the source that
    states it, and ``quote_span`` its ``(start, end)`` character offsets in the source text when
    the map was loaded with one.
    """

    id: str
    speaker: str
    text: str
    quote: str | None = None
    kind: ClaimKind = "assessment"
    outcome: Outcome | None = None
    quote_span: tuple[int, int] | None = None
    data: Data = NO_DATA


class Relation(Record, frozen=True, rename={"from_id": "from", "to_id": "to"}):
    """A typed link ``from_id -> to_id`` between claims, speakers or (for undercuts) relations.

    ``quote`` is the passage of the source that states the link, when the source states it;
    ``note`` is the map author's reason for a link that follows from the content.
    """

    from_id: str
    to_id: str
    type: RelationType
    id: str | None = None
    quote: str | None = None
    note: str | None = None
    quote_span: tuple[int, int] | None = None
    data: Data = NO_DATA

    @property
    def inferred(self) -> bool:
        """Whether the map's author inferred this link rather than the source stating it.

        The map says so with ``"data": {"basis": "inferred"}`` (and a ``note`` giving the
        reason); every other relation counts as stated.

        >>> Relation("a", "b", "supports", data={"basis": "inferred"}).inferred
        True
        >>> Relation("a", "b", "supports", quote="because").inferred
        False
        """
        return self.data.get("basis") == "inferred"


class ContextItem(Record, frozen=True):
    """A passage of the source that is no speaker's claim (framing, editorial text, ...)."""

    id: str
    text: str
    quote: str | None = None
    note: str | None = None
    quote_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class ArgumentMap:
    """A whole map. Lists keep the order of the file; lookups go by id."""

    title: str
    speakers: tuple[Speaker, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    context: tuple[ContextItem, ...] = ()
    source: Source | None = None
    description: str | None = None
    #: Extra keys of the map object kept verbatim (``data`` in the file).
    data: Mapping[str, Any] = field(default_factory=_no_data, hash=False)
    _speakers: dict[str, Speaker] = field(init=False, repr=False, compare=False)
    _claims: dict[str, Claim] = field(init=False, repr=False, compare=False)
    _relations: Mapping[str, Relation] | None = field(init=False, repr=False, compare=False)
    _by_speaker: dict[str, list[Claim]] | None = field(init=False, repr=False, compare=False)
    _bases: dict[str, Relation] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        init = object.__setattr__
        for name in ("speakers", "claims", "relations", "context"):  # lists given by hand
            if type(getattr(self, name)) is not tuple:
                init(self, name, tuple(getattr(self, name)))
        if type(self.data) is not FrozenData:
            init(self, "data", frozen_or_kept(self.data))
        if not _CHECKED.get():  # a map built by hand: its records' data frozen, then checked
            for records in (self.speakers, self.claims, self.relations):
                for record in records:  # (anything else is the checks' to name)
                    if isinstance(record, Record) and type(record.data) is not FrozenData:
                        force_setattr(record, "data", frozen_or_kept(record.data))
            if "check" in CONVENIENCES:
                CONVENIENCES["check"](self)
        init(self, "_speakers", {s.id: s for s in self.speakers})
        init(
            self, "_claims", dict(zip(map(attrgetter("id"), self.claims), self.claims, strict=True))
        )
        # Built on first use: loading a large map need not pay for lookups nobody makes.
        init(self, "_relations", None)
        init(self, "_by_speaker", None)
        init(self, "_bases", {})

    def __repr__(self) -> str:
        """A line that says which map this is, not the whole map (that is ``to_dict()``).

        >>> ArgumentMap("Tea or coffee", (Speaker("s", "Sam"),), (Claim("a", "s", "A"),))
        <ArgumentMap 'Tea or coffee': 1 speaker, 1 claim, 0 relations>
        """
        title = self.title if len(self.title) <= 60 else self.title[:59] + "…"
        return f"<ArgumentMap {title!r}: {self.size()}>"

    def size(self) -> str:
        """How many speakers, claims and relations the map has, in words.

        >>> ArgumentMap("T", (Speaker("s", "Sam"),)).size()
        '1 speaker, 0 claims, 0 relations'
        """
        sizes = {"speaker": self.speakers, "claim": self.claims, "relation": self.relations}
        return ", ".join(f"{len(v)} {k}{'s' * (len(v) != 1)}" for k, v in sizes.items())

    @classmethod
    def checked(cls, **fields: Any) -> ArgumentMap:
        """A map from parts that were already checked (the reader builds maps this way), not
        checked again. ``ArgumentMap(...)`` itself checks what it is given as a map file is
        checked, raising :class:`~argmap.errors.MapError` listing every problem."""
        token = _CHECKED.set(True)
        try:
            return cls(**fields)
        finally:
            _CHECKED.reset(token)

    def speaker(self, id: str) -> Speaker:
        """The speaker with this id (``KeyError`` if there is none)."""
        return self._speakers[id]

    def claim(self, id: str) -> Claim:
        """The claim with this id (``KeyError`` if there is none)."""
        return self._claims[id]

    def relation(self, id: str) -> Relation:
        """The relation with this id (``KeyError`` if there is none)."""
        return self.relations_by_id()[id]

    def relations_by_id(self) -> Mapping[str, Relation]:
        """Every relation that has an id, by id (built on first use; read-only)."""
        if self._relations is None:
            named = {r.id: r for r in self.relations if r.id is not None}
            object.__setattr__(self, "_relations", MappingProxyType(named))
        assert self._relations is not None
        return self._relations

    def undercut_base(self, id: str) -> Relation:
        """The relation with this id, or, if it is an undercut, the relation its chain of
        undercuts ends at: what an undercut of it finally argues against.

        Each chain is followed once and remembered, so resolving every undercut of a map
        costs time linear in its relations (``KeyError`` for an unknown id).

        >>> m = ArgumentMap("t", (Speaker("s", "S"),),
        ...     (Claim("a", "s", "A"), Claim("b", "s", "B"), Claim("c", "s", "C")),
        ...     (Relation("a", "b", "supports", "r1"), Relation("c", "r1", "undercuts", "u1"),
        ...      Relation("a", "u1", "undercuts", "u2")))
        >>> m.undercut_base("u2").id, m.undercut_base("r1").id
        ('r1', 'r1')
        """
        chain: list[str] = []
        key = id
        relations = self.relations_by_id()
        while (base := self._bases.get(key)) is None:
            relation = relations[key]
            if relation.type != "undercuts":
                base = relation
                break
            if len(chain) > len(relations):  # a checked map has no cycle of undercuts
                raise ValueError(f"the undercuts of {id!r} form a cycle")
            chain.append(key)
            key = relation.to_id
        for link in chain:
            self._bases[link] = base
        return base

    def claims_by(self, speaker_id: str) -> tuple[Claim, ...]:
        """The claims of one speaker, in file order (``KeyError`` for an unknown speaker)."""
        by_speaker = self._by_speaker
        if by_speaker is None:
            by_speaker = {s.id: [] for s in self.speakers}
            for claim in self.claims:
                by_speaker[claim.speaker].append(claim)
            object.__setattr__(self, "_by_speaker", by_speaker)
        return tuple(by_speaker[speaker_id])

    def is_speaker(self, id: str) -> bool:
        return id in self._speakers

    def is_claim(self, id: str) -> bool:
        return id in self._claims

    def relation_keys(self) -> Iterator[tuple[str, Relation]]:
        """Each relation with a key unique in the map: its id, or ``relations[i]`` without one.

        >>> m = ArgumentMap("t", speakers=(Speaker("s", "S"),),
        ...                 claims=(Claim("a", "s", "A"), Claim("b", "s", "B")),
        ...                 relations=(Relation("a", "b", "supports"),))
        >>> [key for key, _ in m.relation_keys()]
        ['relations[0]']
        """
        for index, relation in enumerate(self.relations):
            yield (relation.id if relation.id is not None else f"relations[{index}]"), relation

    # Conveniences. The model imports nothing above itself: the package
    # (``argmap/__init__.py``) installs the functions these call in CONVENIENCES
    # (``argmap.conveniences``) when it is imported, which every import of ``argmap.model``
    # does first. See ARCHITECTURE.md.

    def to_networkx(self) -> nx.MultiDiGraph:
        """The map as a ``networkx.MultiDiGraph``; see :func:`argmap.graph.to_networkx`."""
        graph: nx.MultiDiGraph = CONVENIENCES["to_networkx"](self)
        return graph

    def to_dict(self) -> dict[str, Any]:
        """The map as the JSON object of the file format (version 1)."""
        document: dict[str, Any] = CONVENIENCES["to_dict"](self)
        return document

    def _repr_svg_(self) -> str:
        svg: str = CONVENIENCES["svg"](self)
        return svg


# Set while the reader builds a map it has checked (ArgumentMap.checked).
_CHECKED: Final[ContextVar[bool]] = ContextVar("argmap_map_checked", default=False)
