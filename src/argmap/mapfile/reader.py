"""One pass over a parsed document that builds the model and collects every problem."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from argmap.errors import Problem
from argmap.frozen import TooDeep
from argmap.mapfile.parse import Document
from argmap.mapfile.quick import QuickPaths
from argmap.mapfile.source import QuotePlaces
from argmap.mapfile.syntax import (
    ABSENT,
    CLAIM_KEYS,
    CONTEXT_KEYS,
    DEFAULT_MAX_BYTES,
    ENDPOINTS,
    FORMAT_VERSION,
    ID_PATTERN,
    KEY_SETS,
    MAX_SUGGESTIONS,
    NO_DATA,
    OUTCOME_KEYS,
    REFUSED_CHARACTERS,
    RELATION_KEYS,
    ROOT_KEYS,
    SOURCE_KEYS,
    SPEAKER_KEYS,
    as_kind,
    as_status,
    as_type,
    bad_char_message,
    clip,
    date_problem,
    has_id,
    is_safe_url,
    join_path,
    over_the_limit,
    type_name,
    undercut_cycles,
    walk_invalid,
)
from argmap.model import (
    CLAIM_KINDS,
    OUTCOME_STATUSES,
    RELATION_TYPES,
    ArgumentMap,
    Claim,
    ContextItem,
    Outcome,
    Relation,
    Source,
    Speaker,
    freeze,
)

T = TypeVar("T")


class Reader(QuickPaths, QuotePlaces):
    """One pass over the parsed JSON that builds the model and collects problems."""

    def __init__(
        self,
        document: Document,
        base: Path | None,
        source_text: str | None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.problems: list[Problem] = []
        self.max_bytes = max_bytes
        self.path_of: dict[int, str] = {}
        self.invalid = document.invalid
        self.has_constants = document.has_constants
        self.clean_strings = document.clean_strings
        self.base = base
        self.source_text = source_text
        self.suggestions_left = MAX_SUGGESTIONS
        self.first_use: dict[str, str] = {}  # id -> path where it was defined
        self.kind_of: dict[str, str] = {}  # id -> "speaker" | "claim" | "relation" | "context"
        self.unbuilt: list[tuple[str, str]] = []  # the speakers of claims with problems

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # generic checks

    def obj(self, value: Any, path: str, what: str, keys: tuple[str, ...]) -> bool:
        if not isinstance(value, dict):
            self.problem(path, f"expected {what} (a JSON object), got {type_name(value)}")
            return False
        if self.invalid and id(value) in self.invalid:
            for key in self.invalid[id(value)]:
                self.problem(
                    join_path(path, key),
                    "is given more than once in the same object; keep one",
                )
        if value.keys() <= KEY_SETS[keys]:
            return True
        for key in value:
            if key not in keys:
                hint = difflib.get_close_matches(key, keys, n=1)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
                self.problem(
                    join_path(path, key),
                    f"unknown key{suggestion} (expected one of: {', '.join(keys)})",
                )
        return True

    def text(
        self,
        value: dict[str, Any],
        key: str,
        path: str,
        expected: str,
        required: bool = False,
    ) -> str | None:
        item = value.get(key, ABSENT)
        if type(item) is str and item and not item.isspace() and self.clean_strings:
            return item  # the common case, kept cheap: maps have hundreds of thousands of texts
        if item is ABSENT:
            if required:
                self.problem(join_path(path, key), f"missing; expected {expected}")
            return None
        where = join_path(path, key)
        if not isinstance(item, str):
            self.problem(where, f"expected {expected}, got {type_name(item)}")
            return None
        if not item.strip():
            self.problem(where, f"is empty; expected {expected}")
            return None
        bad = REFUSED_CHARACTERS.search(item)
        if bad:
            self.problem(where, bad_char_message(bad))
            return None
        return item

    def identifier(self, value: dict[str, Any], path: str, kind: str) -> str | None:
        ident = self.text(value, "id", path, "an id (letters, digits, _ . -)", required=True)
        if ident is None:
            return None
        if not ID_PATTERN.fullmatch(ident):
            self.problem(
                join_path(path, "id"),
                f"{ident!r} is not a valid id; use letters, digits and _ . - "
                "(starting with a letter or digit, at most 200 characters)",
            )
            return None
        if ident in self.kind_of:
            self.problem(
                join_path(path, "id"),
                f"duplicate id {ident!r}; it is already used at {self.defined_at(ident)}.id",
            )
            return None
        self.first_use[ident] = path  # the path of the item; ".id" is added when reporting
        self.kind_of[ident] = kind
        return ident

    def url(self, value: dict[str, Any], key: str, path: str) -> str | None:
        url = self.text(value, key, path, "a link (http, https or relative)")
        if url is not None and not is_safe_url(url):
            self.problem(join_path(path, key), "only http(s) and relative links are allowed")
            return None
        return url

    def data(self, value: dict[str, Any], path: str) -> Mapping[str, Any]:
        if "data" not in value:
            return NO_DATA
        data = value["data"]
        if not isinstance(data, dict):
            self.problem(join_path(path, "data"), f"expected an object, got {type_name(data)}")
            return NO_DATA
        if self.invalid or self.has_constants or not self.clean_strings:
            for sub_path, message in walk_invalid(data, join_path(path, "data"), self.invalid):
                self.problem(sub_path, message)
        try:
            frozen: Mapping[str, Any] = freeze(data)  # read-only at every depth
        except TooDeep as error:
            self.problem(join_path(path, "data"), str(error))
            return NO_DATA
        return frozen

    def items(
        self, root: dict[str, Any], key: str, required: bool = True
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        if key not in root:
            if required:
                self.problem(key, "missing; expected a list (it may be empty)")
            return
        values = root[key]
        if not isinstance(values, list):
            self.problem(key, f"expected a list, got {type_name(values)}")
            return
        for index, value in enumerate(values):
            yield f"{key}[{index}]", value

    # the map

    def read(self, root: Any) -> ArgumentMap | None:
        if not isinstance(root, dict):
            self.problem("", f"expected a JSON object (a map), got {type_name(root)}")
            return None
        version = root.get("argmap")
        if "argmap" not in root:
            self.problem("argmap", f'missing; expected the format version "{FORMAT_VERSION}"')
        elif version != FORMAT_VERSION:
            if isinstance(version, str):
                self.problem(
                    "argmap",
                    f"unknown format version {version!r}; this argmap reads "
                    f'version "{FORMAT_VERSION}"',
                )
                return None
            self.problem(
                "argmap", f'expected the string "{FORMAT_VERSION}", got {type_name(version)}'
            )
        self.obj(root, "", "a map", ROOT_KEYS)
        too_many = over_the_limit(root)  # before any work on the lists
        if too_many:
            self.problems.extend(too_many)
            return None
        title = self.text(root, "title", "", "the map's title, a non-empty string", True)
        description = self.text(root, "description", "", "a string")
        self.text(root, "$schema", "", "the address of the map's JSON Schema, a string")
        source = self.source(root)
        speakers = self.quick_speakers(root.get("speakers"))
        if speakers is None:
            speakers = [s for p, v in self.items(root, "speakers") if (s := self.speaker(v, p))]
        claims = quickly(self.quick_claims, root.get("claims"))
        if claims is None:
            claims = self.placed((p, self.claim(v, p)) for p, v in self.items(root, "claims"))
            built = ((self.first_use[claim.id] + ".speaker", claim.speaker) for claim in claims)
            for where, speaker in [*built, *self.unbuilt]:  # once every id is known
                if self.kind_of.get(speaker) != "speaker":
                    self.reference_problem(where, speaker, "a speaker")
        context = self.placed(
            (p, self.context(v, p)) for p, v in self.items(root, "context", False)
        )
        relations = quickly(self.quick_relations, root.get("relations", []))
        if relations is None:
            # Relation ids are registered first: an undercut may target a relation listed later.
            relations_raw = [
                (path, value, self.identifier(value, path, "relation") if has_id(value) else None)
                for path, value in self.items(root, "relations", required=False)
            ]
            relations = self.placed((p, self.relation(v, p, i)) for p, v, i in relations_raw)
        self.undercut_cycles(relations)
        data = self.data(root, "")
        # Quotes are checked even when something else is wrong, so that one run reports all.
        claims, relations, context = self.locate_quotes(source, claims, relations, context)
        if self.problems:
            return None
        assert title is not None
        self.kind_of.clear()  # a large map's table of ids goes before the map builds its own
        return ArgumentMap.checked(
            title=title,
            speakers=tuple(speakers),
            claims=tuple(claims),
            relations=tuple(relations),
            context=tuple(context),
            source=source,
            description=description,
            data=data,
        )

    def source(self, root: dict[str, Any]) -> Source | None:
        if "source" not in root:
            return None
        value = root["source"]
        if not self.obj(value, "source", "the source", SOURCE_KEYS):
            return None
        date = self.text(value, "date", "source", "a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if date is not None and (wrong := date_problem(date)):
            self.problem("source.date", wrong)
        return Source(
            title=self.text(value, "title", "source", "a string"),
            publisher=self.text(value, "publisher", "source", "a string"),
            date=date,
            url=self.url(value, "url", "source"),
            text=self.text(value, "text", "source", "a path relative to the map file"),
            note=self.text(value, "note", "source", "a string"),
        )

    def speaker(self, value: Any, path: str) -> Speaker | None:
        if not self.obj(value, path, "a speaker", SPEAKER_KEYS):
            return None
        ident = self.identifier(value, path, "speaker")
        name = self.text(value, "name", path, "the speaker's name, a non-empty string", True)
        role = self.text(value, "role", path, "a string")
        affiliation = self.text(value, "affiliation", path, "a string")
        participation = self.text(value, "participation", path, "a string")
        url = self.url(value, "url", path)
        data = self.data(value, path)
        if ident is None or name is None:
            return None
        return Speaker(ident, name, role, affiliation, participation, url, data)

    def claim(self, value: Any, path: str) -> Claim | None:
        if not self.obj(value, path, "a claim", CLAIM_KEYS):
            return None
        ident = self.identifier(value, path, "claim")
        speaker = self.text(value, "speaker", path, "the id of a speaker", True)
        text = self.text(value, "text", path, "the claim in plain words, a non-empty string", True)
        quote = (
            self.text(value, "quote", path, "the verbatim passage of the source, a string")
            if "quote" in value
            else None
        )
        kind = self.choice(value, "kind", path, CLAIM_KINDS) or "assessment"
        outcome = self.outcome(value, path) if "outcome" in value else None
        data = self.data(value, path) if "data" in value else NO_DATA
        if ident is None or speaker is None or text is None:
            if speaker is not None:  # reported with the rest: all problems in one run
                self.unbuilt.append((join_path(path, "speaker"), speaker))
            return None
        return Claim(ident, speaker, text, quote, as_kind(kind), outcome, None, data)

    def outcome(self, value: dict[str, Any], path: str) -> Outcome | None:
        if "outcome" not in value:
            return None
        where = join_path(path, "outcome")
        item = value["outcome"]
        if not self.obj(item, where, "an outcome", OUTCOME_KEYS):
            return None
        status = self.choice(item, "status", where, OUTCOME_STATUSES, required=True)
        note = self.text(item, "note", where, "a string")
        source = self.text(item, "source", where, "where the outcome is known from, a string")
        # Also under a mistyped status ('partial'): one run names every problem.
        if item.get("status", "open") != "open" and "source" not in item:
            self.problem(
                join_path(where, "source"),
                "missing; an outcome other than 'open' must say where it is known from",
            )
        return None if status is None else Outcome(as_status(status), note, source)

    def choice(
        self,
        value: dict[str, Any],
        key: str,
        path: str,
        choices: Mapping[str, str],
        required: bool = False,
    ) -> str | None:
        item = value.get(key, ABSENT)
        if type(item) is str and item in choices:
            return item  # the common case, kept cheap
        names = ", ".join(choices)
        item = self.text(value, key, path, f"one of {names}", required)
        if item is not None and item not in choices:
            hint = difflib.get_close_matches(item, list(choices), n=1)
            suggestion = f"did you mean {hint[0]!r}? " if hint else ""
            self.problem(
                join_path(path, key), f"unknown {key} {item!r}; {suggestion}expected one of {names}"
            )
            return None
        return item

    def reference_problem(self, path: str, ident: str, expected: str) -> None:
        kind = self.kind_of.get(ident)
        if kind is None:
            # Each suggestion compares the id with every id of the map: only the first few
            # unknown references get one, so that thousands of them cost linear time.
            self.suggestions_left -= 1
            hint = (
                difflib.get_close_matches(ident, list(self.kind_of), n=1)
                if self.suggestions_left >= 0
                else []
            )
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            self.problem(path, f"{ident!r} is not defined in this map{suggestion}")
        else:
            self.problem(
                path,
                f"{ident!r} is a {kind} (at {self.defined_at(ident)}.id); expected {expected}",
            )

    def relation(self, value: Any, path: str, ident: str | None) -> Relation | None:
        if not self.obj(value, path, "a relation", RELATION_KEYS):
            return None
        kind = self.choice(value, "type", path, RELATION_TYPES, required=True)
        start = self.text(value, "from", path, "an id", True)
        end = self.text(value, "to", path, "an id", True)
        quote = (
            self.text(value, "quote", path, "the passage of the source stating the link")
            if "quote" in value
            else None
        )
        note = self.text(value, "note", path, "a string") if "note" in value else None
        data = self.data(value, path) if "data" in value else NO_DATA
        if kind is None or start is None or end is None:
            for key, end_id in (("from", start), ("to", end)):  # an end defined nowhere
                if end_id is not None and end_id not in self.kind_of:
                    self.reference_problem(join_path(path, key), end_id, "")
            return None
        if start == end:
            self.problem(path, f"{kind} joins {start!r} to itself; a relation needs two ends")
            return None
        allowed = ENDPOINTS[kind]
        kind_of = self.kind_of
        if kind_of.get(start) not in allowed[0] or kind_of.get(end) not in allowed[1]:
            for key, end_id, kinds in (("from", start, allowed[0]), ("to", end, allowed[1])):
                if kind_of.get(end_id) not in kinds:
                    joins = " to ".join(" or ".join(ends) for ends in allowed)
                    expected = f"{' or '.join(kinds)} ({kind!r} joins {joins})"
                    self.reference_problem(join_path(path, key), end_id, expected)
            return None
        if has_id(value) and ident is None:  # checked in full, then left out for its id
            return None
        return Relation(start, end, as_type(kind), ident, quote, note, None, data)

    def undercut_cycles(self, relations: list[Relation]) -> None:
        """Undercuts of undercuts must end at a relation that joins two things: a cycle of
        undercuts attacks no inference (and no drawing or graph can place it)."""
        for cycle in undercut_cycles(relations):
            self.problem(
                self.defined_at(cycle[-1]) + ".to",
                f"the undercuts {' -> '.join(clip(k, 40) for k in cycle[:6])}"
                f"{' -> ...' if len(cycle) > 6 else ''} form a cycle; an undercut must "
                "end at a relation between claims or speakers",
            )

    def context(self, value: Any, path: str) -> ContextItem | None:
        if not self.obj(value, path, "a context passage", CONTEXT_KEYS):
            return None
        ident = self.identifier(value, path, "context passage")
        text = self.text(value, "text", path, "what the passage is, a non-empty string", True)
        quote = self.text(value, "quote", path, "the verbatim passage of the source")
        note = self.text(value, "note", path, "a string")
        if ident is None or text is None:
            return None
        return ContextItem(ident, text, quote, note)

    def placed(self, built: Iterable[tuple[str, T | None]]) -> list[T]:
        """The items that could be built, remembering where each stands in the file (items
        that could not be built are left out, so list positions no longer say it)."""
        items = []
        for path, item in built:
            if item is not None:
                self.path_of[id(item)] = path
                items.append(item)
        return items


def quickly(build: Callable[[Any], list[T] | None], values: Any) -> list[T] | None:
    """What a quick path builds, or ``None`` when it gives up, as it does on data nested
    too deeply (the full checks then name where)."""
    try:
        return build(values)
    except TooDeep:
        return None
