"""Read, validate and write argmap JSON files (format version 1).

Validation collects every problem before it gives up, each with the JSON path where it
occurs and a sentence saying what is wrong and what was expected:

>>> import argmap
>>> argmap.loads('{"argmap": "1", "title": "T", "speakers": [], "claims": [{"id": "c1"}]}')
Traceback (most recent call last):
  ...
argmap.mapfile.MapError: 2 problems:
claims[0].speaker: missing; expected the id of a speaker
claims[0].text: missing; expected the claim in plain words, a non-empty string

The format itself is described in the README and, for editors, by the JSON Schema that
:func:`schema` returns (``argmap schema`` prints it).
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, NamedTuple, TypeVar

from argmap.model import (
    CLAIM_KINDS,
    OUTCOME_STATUSES,
    RELATION_TYPES,
    ArgumentMap,
    Claim,
    ClaimKind,
    ContextItem,
    Outcome,
    OutcomeStatus,
    Relation,
    RelationType,
    Source,
    Speaker,
)
from argmap.quotes import SourceText

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_VERSION",
    "MapError",
    "Problem",
    "dump",
    "dumps",
    "is_safe_url",
    "load",
    "loads",
    "read_source_text",
    "schema",
    "to_dict",
]

FORMAT_VERSION: Final = "1"
#: Files larger than this are refused before they are read (``max_bytes`` changes it).
DEFAULT_MAX_BYTES: Final = 64 * 1024 * 1024
#: IDs are short tokens so that every output format can use them as identifiers unchanged.
ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,199}")
#: Characters refused in any text: C0 controls other than tab, newline and carriage return,
#: unpaired surrogates, and the non-characters U+FFFE and U+FFFF cannot be written to XML or
#: UTF-8; refusing them on input keeps every output format exact. Importers replace them.
REFUSED_CHARACTERS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SUSPECT_ESCAPE: Final = re.compile(r"\\u(00[01]|[dD][89a-fA-F]|[fF]{3}[eEfF])")
_ABSENT: Final[Any] = object()
_NO_DATA: Final[Mapping[str, Any]] = MappingProxyType({})
_DATE: Final = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_URL_SCHEMES: Final = frozenset({"", "http", "https"})

_ROOT_KEYS: Final = (
    "argmap",
    "$schema",
    "title",
    "description",
    "source",
    "speakers",
    "claims",
    "relations",
    "context",
    "data",
)
_SOURCE_KEYS: Final = ("title", "publisher", "date", "url", "text", "note")
_SPEAKER_KEYS: Final = ("id", "name", "role", "affiliation", "participation", "url", "data")
_CLAIM_KEYS: Final = ("id", "speaker", "text", "quote", "kind", "outcome", "data")
_OUTCOME_KEYS: Final = ("status", "note", "source")
_RELATION_KEYS: Final = ("id", "from", "to", "type", "quote", "note", "data")
_CONTEXT_KEYS: Final = ("id", "text", "quote", "note")


_KEY_SETS: Final[dict[tuple[str, ...], frozenset[str]]] = {
    keys: frozenset(keys)
    for keys in (
        _ROOT_KEYS,
        _SOURCE_KEYS,
        _SPEAKER_KEYS,
        _CLAIM_KEYS,
        _OUTCOME_KEYS,
        _RELATION_KEYS,
        _CONTEXT_KEYS,
    )
}


class Problem(NamedTuple):
    """One thing wrong with a map: where (a JSON path such as ``claims[3].speaker``) and what.

    The path is empty for problems with the file as a whole.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class MapError(ValueError):
    """A map that cannot be read. ``problems`` lists everything found wrong, in file order."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], file: str | None = None):
        self.problems = tuple(problems)
        self.file = file
        super().__init__(self._describe())

    def lines(self) -> list[str]:
        """One line per problem, each as ``FILE: PATH: message`` (the file when known)."""
        prefix = f"{self.file}: " if self.file else ""
        return [f"{prefix}{problem}" for problem in self.problems]

    def _describe(self) -> str:
        lines = self.lines()
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} problems:\n" + "\n".join(lines)


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the map format, as shipped in the package."""
    text = resources.files("argmap").joinpath("schema.json").read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def is_safe_url(url: str) -> bool:
    """Whether a link may go into an output: http(s) or relative, nothing else.

    >>> is_safe_url("https://valdaiclub.com/"), is_safe_url("javascript:alert(1)")
    (True, False)
    """
    from urllib.parse import urlsplit

    if REFUSED_CHARACTERS.search(url) or any(c.isspace() for c in url):
        return False
    try:
        return urlsplit(url).scheme.lower() in _URL_SCHEMES
    except ValueError:
        return False


def load(
    path: str | os.PathLike[str],
    *,
    source_text: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArgumentMap:
    """Read and validate a map file.

    When the map names its source text (``source.text``, relative to the map file) or
    ``source_text`` is given, every quote must occur in it and its offsets are recorded.
    Raises :class:`MapError` (naming the file) for anything wrong, including a missing file.
    """
    file = os.fspath(path)
    try:
        with open(file, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                raise MapError(
                    [
                        Problem(
                            "",
                            f"file is {size:,} bytes, more than the limit of {max_bytes:,}; "
                            "raise the limit (--max-bytes, ARGMAP_MAX_BYTES) to read it",
                        )
                    ],
                    file,
                )
            # Held only in a list that parsing empties, so the bytes are freed once decoded.
            content: list[str | bytes] = [stream.read(max_bytes + 1)]
    except MapError:
        raise
    except IsADirectoryError:
        raise MapError([Problem("", "is a folder, expected a map file")], file) from None
    except FileNotFoundError:
        raise MapError([Problem("", "no such file")], file) from None
    except OSError as error:
        raise MapError([Problem("", f"cannot be read: {error.strerror}")], file) from None
    return _read(content, Path(file).parent, source_text, file, max_bytes)


def loads(
    text: str | bytes,
    *,
    base: str | os.PathLike[str] | None = None,
    source_text: str | None = None,
    file: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArgumentMap:
    """Read and validate a map from a string (or UTF-8 bytes).

    ``base`` is the folder against which ``source.text`` is resolved (and which it must not
    leave: see :func:`read_source_text`); ``file`` names the map in error messages.

    >>> m = loads('{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],'
    ...           ' "claims": [{"id": "c", "speaker": "s", "text": "It rains."}]}')
    >>> m.claim("c").text
    'It rains.'
    """
    return _read([text], base, source_text, file, max_bytes)


def _read(
    content: list[str | bytes],
    base: str | os.PathLike[str] | None,
    source_text: str | None,
    file: str | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ArgumentMap:
    try:
        document = _parse(content)
    except MapError as error:
        raise MapError(error.problems, file) from None
    reader = _Reader(document, None if base is None else Path(base), source_text, max_bytes)
    result = reader.read(document.value)
    if reader.problems:
        raise MapError(reader.problems, file)
    assert result is not None
    return result


def read_source_text(
    path: str | os.PathLike[str],
    *,
    folder: str | os.PathLike[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str:
    r"""The text of a source document, as the loader matches quotes against it.

    With ``folder`` (how the loader reads a map's ``source.text``), ``path`` is untrusted: it
    must be relative, and it must name a regular file inside ``folder`` after every ``..`` and
    link is followed; absolute paths, paths that lead out (``../x``, a link to ``/etc``),
    folders, devices and FIFOs are refused, so that a map cannot make argmap read, or probe
    quote by quote, any other file. Without ``folder`` (a path the user gave, like
    ``--source-text``) any readable file is taken, a FIFO too. Either way at most
    ``max_bytes`` are read. The text is decoded as UTF-8 (a BOM dropped) with ``\r\n`` and
    ``\r`` read as ``\n``. Raises :class:`MapError` with one problem saying what is wrong.

    >>> try:
    ...     read_source_text("/etc/passwd", folder=".")
    ... except MapError as error:
    ...     print(error.problems[0].message.split(";")[0])
    the source text '/etc/passwd' is an absolute path
    """
    shown = os.fspath(path)

    def refuse(message: str) -> MapError:
        return MapError([Problem("", f"the source text {shown!r} {message}")])

    target = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if folder is not None:
        if target.is_absolute() or target.drive:
            raise refuse(
                "is an absolute path; source.text must be relative to the map's folder "
                "(or give the text with --source-text)"
            )
        home = os.path.realpath(folder)
        resolved = os.path.realpath(os.path.join(home, target))
        if os.path.commonpath([home, resolved]) != home:
            raise refuse(
                "leads outside the map's folder; source.text must name a file inside it "
                "(or give the text with --source-text)"
            )
        target = Path(resolved)
        # Opening a FIFO for reading waits for a writer; without waiting it is refused below.
        flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(target, flags)
    except FileNotFoundError:
        raise refuse("does not exist") from None
    except OSError as error:
        raise refuse(f"cannot be read: {error.strerror}") from None
    try:
        status = os.fstat(descriptor)
        if folder is not None and not stat.S_ISREG(status.st_mode):
            raise refuse("is not a regular file")
        if stat.S_ISDIR(status.st_mode):
            raise refuse("is a folder")
        # A file known to be too large is refused unread; others (pipes too) up to the limit.
        too_large = stat.S_ISREG(status.st_mode) and status.st_size > max_bytes
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            data = b"" if too_large else stream.read(max_bytes + 1)
    except OSError as error:
        raise refuse(f"cannot be read: {error.strerror}") from None
    finally:
        os.close(descriptor)
    if too_large or len(data) > max_bytes:
        raise refuse(
            f"is more than the limit of {max_bytes:,} bytes; raise the limit "
            "(--max-bytes, ARGMAP_MAX_BYTES) to read it"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(f"is not valid UTF-8: byte 0x{data[error.start]:02x}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def to_dict(argument_map: ArgumentMap) -> dict[str, Any]:
    """The map as a JSON-ready object in the file format, keys in the documented order.

    Defaults and derived values (``kind: "assessment"``, quote offsets) are left out.
    """
    m = argument_map
    out: dict[str, Any] = {"argmap": FORMAT_VERSION, "title": m.title}
    _put(out, "description", m.description)
    if m.source is not None:
        source: dict[str, Any] = {}
        for key in _SOURCE_KEYS:
            _put(source, key, getattr(m.source, key))
        out["source"] = source
    out["speakers"] = [_fields(s, _SPEAKER_KEYS, {}) for s in m.speakers]
    claims = []
    for c in m.claims:
        claim = _fields(c, ("id", "speaker", "text", "quote"), {})
        if c.kind != "assessment":
            claim["kind"] = c.kind
        if c.outcome is not None:
            claim["outcome"] = _fields(c.outcome, _OUTCOME_KEYS, {})
        _put(claim, "data", dict(c.data) or None)
        claims.append(claim)
    out["claims"] = claims
    out["relations"] = [
        _fields(r, _RELATION_KEYS, {"from": "from_id", "to": "to_id"}) for r in m.relations
    ]
    if m.context:
        out["context"] = [_fields(x, _CONTEXT_KEYS, {}) for x in m.context]
    _put(out, "data", dict(m.data) or None)
    return out


def dumps(argument_map: ArgumentMap) -> str:
    """The map as the text of a map file (UTF-8 JSON, two-space indent, final newline)."""
    return json.dumps(to_dict(argument_map), ensure_ascii=False, indent=2) + "\n"


def dump(argument_map: ArgumentMap, path: str | os.PathLike[str]) -> None:
    """Write the map to a file atomically (see :func:`argmap.files.write_atomic`)."""
    from argmap.files import write_atomic

    write_atomic(path, dumps(argument_map).encode("utf-8"))


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        target[key] = value


def _fields(obj: Any, keys: tuple[str, ...], renamed: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in keys:
        value = getattr(obj, renamed.get(key, key))
        if key == "data":
            value = dict(value) or None
        _put(out, key, value)
    return out


# --- parsing -----------------------------------------------------------------------------


class _Invalid:
    """Stands for a value JSON does not allow (NaN, Infinity) or a duplicated key's object."""

    __slots__ = ("description",)

    def __init__(self, description: str) -> None:
        self.description = description


@dataclass
class _Document:
    value: Any
    #: id() of objects that had duplicate keys -> the duplicated keys.
    invalid: dict[int, list[str]]
    #: Whether the text used NaN or Infinity somewhere.
    has_constants: bool
    #: Whether no string can hold a refused character (then no string needs searching).
    clean_strings: bool


def _line_of(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _decode(text: str | bytes) -> str:
    if isinstance(text, str):
        return text[1:] if text.startswith("\ufeff") else text
    if text.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(text) >= 2 and (text[0] == 0 or text[1] == 0)
    ):
        raise MapError([Problem("", "is UTF-16 or UTF-32 encoded; save it as UTF-8")])
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MapError(
            [
                Problem(
                    "",
                    f"is not valid UTF-8: byte 0x{text[error.start]:02x} at "
                    f"{_line_of(text, error.start)}; save the file as UTF-8",
                )
            ]
        ) from None


def _parse(content: list[str | bytes]) -> _Document:
    """Parse the one text in ``content``, taking it out so that it can be freed early."""
    decoded = _decode(content.pop())
    if not decoded.strip():
        raise MapError([Problem("", "is empty; expected a JSON object")])
    invalid: dict[int, list[str]] = {}

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            keys = [key for key, _ in pairs]
            invalid[id(obj)] = sorted({key for key in keys if keys.count(key) > 1})
        return obj

    constants: list[str] = []

    def constant_hook(name: str) -> _Invalid:
        constants.append(name)
        return _Invalid(f"{name} (not valid JSON)")

    try:
        value = json.loads(decoded, object_pairs_hook=pairs_hook, parse_constant=constant_hook)
    except json.JSONDecodeError as error:
        raise MapError(
            [
                Problem(
                    "",
                    f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
                )
            ]
        ) from None
    except RecursionError:
        raise MapError([Problem("", "is nested too deeply to be a map")]) from None
    # Refused characters reach a string raw (a str may hold lone surrogates) or through \u
    # escapes; when the document has neither, no string needs searching.
    clean = not _SUSPECT_ESCAPE.search(decoded) and not REFUSED_CHARACTERS.search(decoded)
    return _Document(value, invalid, bool(constants), clean)


# --- validation ----------------------------------------------------------------------------


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, _Invalid):
        return value.description
    return type(value).__name__


class _Reader:
    """One pass over the parsed JSON that builds the model and collects problems."""

    def __init__(
        self, document: _Document, base: Path | None, source_text: str | None, max_bytes: int
    ) -> None:
        self.problems: list[Problem] = []
        self.max_bytes = max_bytes
        self.invalid = document.invalid
        self.has_constants = document.has_constants
        self.clean_strings = document.clean_strings
        self.base = base
        self.source_text = source_text
        self.first_use: dict[str, str] = {}  # id -> path where it was defined
        self.kind_of: dict[str, str] = {}  # id -> "speaker" | "claim" | "relation" | "context"

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # generic checks

    def obj(self, value: Any, path: str, what: str, keys: tuple[str, ...]) -> bool:
        if not isinstance(value, dict):
            self.problem(path, f"expected {what} (a JSON object), got {_type_name(value)}")
            return False
        if self.invalid and id(value) in self.invalid:
            for key in self.invalid[id(value)]:
                self.problem(
                    _join(path, key),
                    "is given more than once in the same object; keep one",
                )
        if value.keys() <= _KEY_SETS[keys]:
            return True
        for key in value:
            if key not in keys:
                hint = difflib.get_close_matches(key, keys, n=1)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
                self.problem(
                    _join(path, key),
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
        item = value.get(key, _ABSENT)
        if type(item) is str and item and not item.isspace() and self.clean_strings:
            return item  # the common case, kept cheap: maps have hundreds of thousands of texts
        if item is _ABSENT:
            if required:
                self.problem(_join(path, key), f"missing; expected {expected}")
            return None
        where = _join(path, key)
        if not isinstance(item, str):
            self.problem(where, f"expected {expected}, got {_type_name(item)}")
            return None
        if not item.strip():
            self.problem(where, f"is empty; expected {expected}")
            return None
        bad = REFUSED_CHARACTERS.search(item)
        if bad:
            self.problem(where, _bad_char(bad))
            return None
        return item

    def identifier(self, value: dict[str, Any], path: str, kind: str) -> str | None:
        ident = self.text(value, "id", path, "an id (letters, digits, _ . -)", required=True)
        if ident is None:
            return None
        if not ID_PATTERN.fullmatch(ident):
            self.problem(
                _join(path, "id"),
                f"{ident!r} is not a valid id; use letters, digits and _ . - "
                "(starting with a letter or digit, at most 200 characters)",
            )
            return None
        if ident in self.first_use:
            self.problem(
                _join(path, "id"),
                f"duplicate id {ident!r}; it is already used at {self.first_use[ident]}.id",
            )
            return None
        self.first_use[ident] = path  # the path of the item; ".id" is added when reporting
        self.kind_of[ident] = kind
        return ident

    def url(self, value: dict[str, Any], key: str, path: str) -> str | None:
        url = self.text(value, key, path, "a link (http, https or relative)")
        if url is not None and not is_safe_url(url):
            self.problem(_join(path, key), "only http(s) and relative links are allowed")
            return None
        return url

    def data(self, value: dict[str, Any], path: str) -> Mapping[str, Any]:
        if "data" not in value:
            return MappingProxyType({})
        data = value["data"]
        if not isinstance(data, dict):
            self.problem(_join(path, "data"), f"expected an object, got {_type_name(data)}")
            return MappingProxyType({})
        if self.invalid or self.has_constants or not self.clean_strings:
            for sub_path, message in _walk_invalid(data, _join(path, "data"), self.invalid):
                self.problem(sub_path, message)
        return MappingProxyType(data)

    def items(
        self, root: dict[str, Any], key: str, required: bool = True
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        if key not in root:
            if required:
                self.problem(key, "missing; expected a list (it may be empty)")
            return
        values = root[key]
        if not isinstance(values, list):
            self.problem(key, f"expected a list, got {_type_name(values)}")
            return
        for index, value in enumerate(values):
            yield f"{key}[{index}]", value

    # the map

    def read(self, root: Any) -> ArgumentMap | None:
        if not isinstance(root, dict):
            self.problem("", f"expected a JSON object (a map), got {_type_name(root)}")
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
                "argmap", f'expected the string "{FORMAT_VERSION}", got {_type_name(version)}'
            )
        self.obj(root, "", "a map", _ROOT_KEYS)
        title = self.text(root, "title", "", "the map's title, a non-empty string", True)
        description = self.text(root, "description", "", "a string")
        source = self.source(root)
        speakers = [s for p, v in self.items(root, "speakers") if (s := self.speaker(v, p))]
        claims = self.quick_claims(root.get("claims"))
        if claims is None:
            claims = [c for p, v in self.items(root, "claims") if (c := self.claim(v, p))]
            for claim in claims:  # checked once every id is known
                if self.kind_of.get(claim.speaker) != "speaker":
                    where = self.first_use[claim.id] + ".speaker"
                    self.reference_problem(where, claim.speaker, "a speaker")
        context = [x for p, v in self.items(root, "context", False) if (x := self.context(v, p))]
        relations = self.quick_relations(root.get("relations", []))
        if relations is None:
            # Relation ids are registered first: an undercut may target a relation listed later.
            relations_raw = [
                (path, value, self.identifier(value, path, "relation") if _has_id(value) else None)
                for path, value in self.items(root, "relations", required=False)
            ]
            relations = [r for p, v, i in relations_raw if (r := self.relation(v, p, i))]
        data = self.data(root, "")
        if self.problems:
            return None
        claims, relations, context = self.locate_quotes(source, claims, relations, context)
        assert title is not None
        return ArgumentMap(
            title=title,
            speakers=tuple(speakers),
            claims=tuple(claims),
            relations=tuple(relations),
            context=tuple(context),
            source=source,
            description=description,
            data=data,
        )

    # Quick paths. Large maps are lists of claims and relations in their plainest valid form;
    # these accept such a list in one tight loop, several times faster than the full checks.
    # At the first item that is not plainly valid they give up (returning None, changing
    # nothing) and the full checks run: they alone word problems, so messages never differ.

    def quick_ready(self, values: Any) -> bool:
        return (
            type(values) is list
            and self.clean_strings
            and not self.invalid
            and not self.has_constants
            and not self.problems
        )

    def quick_claims(self, values: Any) -> list[Claim] | None:
        if not self.quick_ready(values):
            return None
        keys, match, seen, kind_of = (
            _KEY_SETS[_CLAIM_KEYS],
            ID_PATTERN.fullmatch,
            self.first_use,
            self.kind_of,
        )
        fresh: dict[str, None] = {}
        claims = []
        for value in values:
            if type(value) is not dict or not value.keys() <= keys or "outcome" in value:
                return None
            ident, speaker = value.get("id"), value.get("speaker")
            text: Any = value.get("text")
            quote, kind = value.get("quote", _ABSENT), value.get("kind", "assessment")
            data = value.get("data", _ABSENT)
            if not (
                type(ident) is str
                and match(ident)
                and ident not in seen
                and ident not in fresh
                and type(speaker) is str
                and kind_of.get(speaker) == "speaker"
                and _plain(text)
                and (quote is _ABSENT or _plain(quote))
                and type(kind) is str
                and kind in CLAIM_KINDS
                and (data is _ABSENT or type(data) is dict)
            ):
                return None
            fresh[ident] = None
            claims.append(
                _new_claim(
                    ident,
                    speaker,
                    text,
                    None if quote is _ABSENT else quote,
                    _as_kind(kind),
                    None,
                    None,
                    _NO_DATA if data is _ABSENT else MappingProxyType(data),
                )
            )
        for index, ident in enumerate(fresh):
            seen[ident] = f"claims[{index}]"
            kind_of[ident] = "claim"
        values.clear()  # the parsed objects are not needed again: free them before the next list
        return claims

    def quick_relations(self, values: Any) -> list[Relation] | None:
        if not self.quick_ready(values):
            return None
        keys, match, seen, kind_of = (
            _KEY_SETS[_RELATION_KEYS],
            ID_PATTERN.fullmatch,
            self.first_use,
            self.kind_of,
        )
        fresh: dict[str, int] = {}
        for index, value in enumerate(values):
            if type(value) is not dict or not value.keys() <= keys:
                return None
            ident = value.get("id", _ABSENT)
            if ident is not _ABSENT:
                if type(ident) is not str or not match(ident) or ident in seen or ident in fresh:
                    return None
                fresh[ident] = index
        relations = []
        for value in values:
            kind, start, end = value.get("type"), value.get("from"), value.get("to")
            ident, quote, note = (
                value.get("id"),
                value.get("quote", _ABSENT),
                value.get("note", _ABSENT),
            )
            data = value.get("data", _ABSENT)
            if not (
                type(kind) is str
                and kind in RELATION_TYPES
                and type(start) is str
                and type(end) is str
            ):
                return None
            allowed = _ENDPOINTS[kind]
            end_kind = "relation" if end in fresh else kind_of.get(end)
            if not (
                start != end
                and kind_of.get(start) in allowed[0]
                and end_kind in allowed[1]
                and (quote is _ABSENT or _plain(quote))
                and (note is _ABSENT or _plain(note))
                and (data is _ABSENT or type(data) is dict)
            ):
                return None
            relations.append(
                _new_relation(
                    start,
                    end,
                    _as_type(kind),
                    ident,
                    None if quote is _ABSENT else quote,
                    None if note is _ABSENT else note,
                    None,
                    _NO_DATA if data is _ABSENT else MappingProxyType(data),
                )
            )
        for ident, index in fresh.items():
            seen[ident] = f"relations[{index}]"
            kind_of[ident] = "relation"
        values.clear()  # as for claims
        return relations

    def source(self, root: dict[str, Any]) -> Source | None:
        if "source" not in root:
            return None
        value = root["source"]
        if not self.obj(value, "source", "the source", _SOURCE_KEYS):
            return None
        date = self.text(value, "date", "source", "a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if date is not None and not _DATE.fullmatch(date):
            self.problem("source.date", f"{date!r} is not a date; expected YYYY-MM-DD")
        return Source(
            title=self.text(value, "title", "source", "a string"),
            publisher=self.text(value, "publisher", "source", "a string"),
            date=date,
            url=self.url(value, "url", "source"),
            text=self.text(value, "text", "source", "a path relative to the map file"),
            note=self.text(value, "note", "source", "a string"),
        )

    def speaker(self, value: Any, path: str) -> Speaker | None:
        if not self.obj(value, path, "a speaker", _SPEAKER_KEYS):
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
        if not self.obj(value, path, "a claim", _CLAIM_KEYS):
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
        data = self.data(value, path) if "data" in value else _NO_DATA
        if ident is None or speaker is None or text is None:
            return None
        return Claim(ident, speaker, text, quote, _as_kind(kind), outcome, None, data)

    def outcome(self, value: dict[str, Any], path: str) -> Outcome | None:
        if "outcome" not in value:
            return None
        where = _join(path, "outcome")
        item = value["outcome"]
        if not self.obj(item, where, "an outcome", _OUTCOME_KEYS):
            return None
        status = self.choice(item, "status", where, OUTCOME_STATUSES, required=True)
        note = self.text(item, "note", where, "a string")
        source = self.text(item, "source", where, "where the outcome is known from, a string")
        if status is None:
            return None
        if status != "open" and source is None and "source" not in item:
            self.problem(
                _join(where, "source"),
                "missing; an outcome other than 'open' must say where it is known from",
            )
        return Outcome(_as_status(status), note, source)

    def choice(
        self,
        value: dict[str, Any],
        key: str,
        path: str,
        choices: Mapping[str, str],
        required: bool = False,
    ) -> str | None:
        item = value.get(key, _ABSENT)
        if type(item) is str and item in choices:
            return item  # the common case, kept cheap
        names = ", ".join(choices)
        item = self.text(value, key, path, f"one of {names}", required)
        if item is not None and item not in choices:
            hint = difflib.get_close_matches(item, list(choices), n=1)
            suggestion = f"did you mean {hint[0]!r}? " if hint else ""
            self.problem(
                _join(path, key), f"unknown {key} {item!r}; {suggestion}expected one of {names}"
            )
            return None
        return item

    def reference_problem(self, path: str, ident: str, expected: str) -> None:
        kind = self.kind_of.get(ident)
        if kind is None:
            hint = difflib.get_close_matches(ident, list(self.kind_of), n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            self.problem(path, f"{ident!r} is not defined in this map{suggestion}")
        else:
            self.problem(
                path,
                f"{ident!r} is a {kind} (at {self.first_use[ident]}.id); expected {expected}",
            )

    def relation(self, value: Any, path: str, ident: str | None) -> Relation | None:
        if not self.obj(value, path, "a relation", _RELATION_KEYS):
            return None
        if _has_id(value) and ident is None:
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
        data = self.data(value, path) if "data" in value else _NO_DATA
        if kind is None or start is None or end is None:
            return None
        if start == end:
            self.problem(path, f"{kind} joins {start!r} to itself; a relation needs two ends")
            return None
        allowed = _ENDPOINTS[kind]
        kind_of = self.kind_of
        if kind_of.get(start) not in allowed[0] or kind_of.get(end) not in allowed[1]:
            for key, end_id, kinds in (("from", start, allowed[0]), ("to", end, allowed[1])):
                if kind_of.get(end_id) not in kinds:
                    expected = f"{' or '.join(kinds)} for a {kind!r} relation"
                    self.reference_problem(_join(path, key), end_id, expected)
            return None
        return Relation(start, end, _as_type(kind), ident, quote, note, None, data)

    def context(self, value: Any, path: str) -> ContextItem | None:
        if not self.obj(value, path, "a context passage", _CONTEXT_KEYS):
            return None
        ident = self.identifier(value, path, "context passage")
        text = self.text(value, "text", path, "what the passage is, a non-empty string", True)
        quote = self.text(value, "quote", path, "the verbatim passage of the source")
        note = self.text(value, "note", path, "a string")
        if ident is None or text is None:
            return None
        return ContextItem(ident, text, quote, note)

    # quotes

    def source_document(self, source: Source | None) -> tuple[SourceText, str] | None:
        if self.source_text is not None:
            return SourceText(self.source_text), "the source text"
        if source is None or source.text is None or self.base is None:
            return None
        try:
            text = read_source_text(source.text, folder=self.base, max_bytes=self.max_bytes)
        except MapError as error:
            self.problems.extend(Problem("source.text", p.message) for p in error.problems)
            return None
        return SourceText(text), source.text

    def locate_quotes(
        self,
        source: Source | None,
        claims: list[Claim],
        relations: list[Relation],
        context: list[ContextItem],
    ) -> tuple[list[Claim], list[Relation], list[ContextItem]]:
        document = self.source_document(source)
        if document is None:
            return claims, relations, context
        text, name = document

        def located(items: list[Any], key: str) -> list[Any]:
            out = []
            for index, item in enumerate(items):
                if item.quote is None:
                    out.append(item)
                    continue
                span = text.find(item.quote)
                if span is None:
                    self.problem(
                        f"{key}[{index}].quote",
                        f"not found in {name} (spaces, quotes and dashes may differ): "
                        f"{_clip(item.quote)!r}",
                    )
                    out.append(item)
                else:
                    out.append(_replace(item, quote_span=span))
            return out

        return (
            located(claims, "claims"),
            located(relations, "relations"),
            located(context, "context"),
        )


# Which kinds of thing each relation type may join: (from-kinds, to-kinds).
_ENDS: Final = ("claim", "speaker")
_ENDPOINTS: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "supports": (_ENDS, _ENDS),
    "attacks": (_ENDS, _ENDS),
    "agrees": (_ENDS, _ENDS),
    "disagrees": (_ENDS, _ENDS),
    "elaborates": (("claim",), ("claim",)),
    "undercuts": (("claim",), ("relation",)),
}


_T = TypeVar("_T")


def _constructor(cls: type[_T]) -> Callable[..., _T]:
    """A constructor of a frozen slotted dataclass that takes every field positionally and
    sets the slots directly: 2.5 times faster than ``__init__``, which sets each field through
    ``object.__setattr__``. Only for the quick paths, whose values are already checked."""
    slots = [getattr(cls, f.name).__set__ for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    new = object.__new__

    def construct(*values: Any) -> _T:
        instance = new(cls)
        for set_slot, value in zip(slots, values, strict=True):
            set_slot(instance, value)
        return instance

    return construct


_new_claim = _constructor(Claim)
_new_relation = _constructor(Relation)


def _plain(value: Any) -> bool:
    """Whether a value is a string with something in it (the quick paths' text check)."""
    return type(value) is str and bool(value) and not value.isspace()


def _has_id(value: Any) -> bool:
    return isinstance(value, dict) and "id" in value


def _replace(item: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(item, **changes)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _join(path: str, key: str) -> str:
    if REFUSED_CHARACTERS.search(key):  # a key with characters that cannot be printed: escaped
        key = REFUSED_CHARACTERS.sub(lambda bad: f"\\u{ord(bad.group()):04x}", key)
    return f"{path}.{key}" if path else key


def _bad_char(bad: re.Match[str]) -> str:
    return (
        f"contains the character U+{ord(bad.group()):04X}, which no output format can hold; "
        "remove it"
    )


def _walk_invalid(
    value: Any, path: str, invalid: dict[int, list[str]]
) -> Iterator[tuple[str, str]]:
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, _Invalid):
            yield where, f"{item.description} is not allowed"
        elif isinstance(item, str) and (bad := REFUSED_CHARACTERS.search(item)):
            yield where, _bad_char(bad)
        elif isinstance(item, dict):
            for key in invalid.get(id(item), ()):
                yield _join(where, key), "is given more than once in the same object; keep one"
            for key in item:
                if bad := REFUSED_CHARACTERS.search(key):
                    yield _join(where, key), "(the key) " + _bad_char(bad)
            stack.extend((v, _join(where, k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(item))


def _as_kind(value: str) -> ClaimKind:
    return value  # type: ignore[return-value]  # checked against CLAIM_KINDS


def _as_status(value: str) -> OutcomeStatus:
    return value  # type: ignore[return-value]  # checked against OUTCOME_STATUSES


def _as_type(value: str) -> RelationType:
    return value  # type: ignore[return-value]  # checked against RELATION_TYPES
