"""Property tests: hostile text survives every output format exactly; mutated input of every
readable format, and through the command line, gives a MapError or a clean exit 1, never a
traceback.

CI runs a few hundred examples per property. For a long run (the README's "Safety" section):

    ARGMAP_FUZZ_EXAMPLES=100000 .venv/bin/python -m pytest tests/test_fuzz.py -q

``ARGMAP_FUZZ_EXAMPLES`` is the number of examples of each property; those that run Graphviz
(DOT, SVG, the HTML report) or the command line run a quarter of it.
"""

from __future__ import annotations

import copy
import html
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import MapError
from argmap.cli import main
from argmap.dot import TOOLTIP_LIMIT, _relation_tip, _speaker_tip
from argmap.engine import run_layout
from argmap.formats import aif, argdown, graphml, microtexts
from argmap.model import ArgumentMap
from argmap.report import report
from tests.conftest import DATA, SMALL

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Properties that run Graphviz or the command line: a quarter as many examples.
SLOW = settings(FUZZ, max_examples=max(20, EXAMPLES // 4))
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

LONG = " ".join(["lorem", "ipsum", "dolor", "sit", "amet"] * 400)[:9_992] + " <&\"'>|\\"
assert len(LONG) == 10_000
# Text a user may type: everything but the characters the loader refuses on purpose.
HOSTILE_PIECES = [
    '"',
    "'",
    "\\",
    "\\\\",
    "\\n",
    "\\l",
    "\\r",
    "\\N",
    "<",
    ">",
    "&",
    "&amp;",
    "&lt;",
    "&#60;",
    "&#x3C;",
    "#quot;",
    "#35;",
    "{",
    "}",
    "|",
    "[",
    "]",
    "(",
    ")",
    ";",
    ":",
    "#",
    "%",
    "`",
    "\n",
    "\t",
    "\r",
    "\r\n",
    "\u200f",
    "\u202e",
    "\u00a0",
    "\u2028",
    "\ufeff",
    "\ufffd",
    "🤝🏽",
    "👩‍👩‍👧",
    "e\u0301",
    "\u0301",
    "javascript:",
    "<script>alert(1)</script>",
    "</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "]]>",
    "<![CDATA[",
    "--",
    "<!--",
    "-->",
    "===",
    "[x]:",
    "<y>:",
    "+ ",
    "- ",
    "->",
    "-->",
    "{{",
    "}}",
    '"]; x [label=<b>',
    "argmaptooltip0",
    "argmaptooltip99999",
    "@[x]",
    "#tag",
    "%%",
    "click n0 call alert()",
]
_REFUSED = (
    "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
    + "".join(chr(c) for c in range(0x10, 0x20))
    + "".join(chr(c) for c in range(0xFDD0, 0xFDF0))  # the non-characters
    + "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
)
hostile_text = (
    st.lists(
        st.one_of(
            st.sampled_from(HOSTILE_PIECES),
            st.text(
                alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=_REFUSED),
                max_size=20,
            ),
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
)
#: Mostly short hostile text; sometimes a 10,000-character claim.
claim_text = st.one_of(hostile_text, hostile_text.map(lambda s: LONG + s), st.just(LONG))


@st.composite
def hostile_maps(draw: st.DrawFn) -> ArgumentMap:
    """SMALL with hostile text in every text field (links stay safe: the loader refuses
    others, which tests/test_hardening.py checks)."""
    document: dict[str, Any] = copy.deepcopy(SMALL)
    text = draw(hostile_text)
    document["title"] = draw(hostile_text)
    document["description"] = draw(hostile_text)
    document["source"] = {
        "title": draw(hostile_text),
        "publisher": draw(hostile_text),
        "date": "2024-05-01",
        "url": "https://example.org/a?b=1&c=<2>",
        "note": draw(hostile_text),
    }
    document["speakers"][0].update(
        name=draw(hostile_text),
        role=draw(hostile_text),
        affiliation=draw(hostile_text),
        participation=draw(hostile_text),
        url="https://example.org/ann?x=1&y=2",
    )
    document["claims"][0].update(text=draw(claim_text), quote=draw(claim_text))
    document["claims"][2]["outcome"] = {
        "status": "false",
        "note": draw(hostile_text),
        "source": draw(hostile_text),
    }
    document["relations"][0].update(quote=draw(hostile_text), note=draw(hostile_text))
    document["context"] = [
        {"id": "x1", "text": draw(hostile_text), "quote": text, "note": draw(hostile_text)}
    ]
    return argmap.loads(json.dumps(document))


# --- decoders: each format's escaping undone with a real parser ----------------------------


def _unescape_dot_html(label: str) -> list[str]:
    """The lines of text in an HTML-like label as Graphviz reads them (notes dropped)."""
    body = re.sub(r"<FONT[^>]*>.*?</FONT>", "", label)
    lines = [re.sub(r"</?[A-Z]+/?>", "", line) for line in body.split("<BR/>")]
    return [html.unescape(line.replace("\\\\", "\\")) for line in lines if line]


_ESC_STRING = re.compile(r"\\(.)", re.DOTALL)


def _unescape_dot_string(value: str) -> str:
    r"""A plain DOT string (escString) as Graphviz shows it: ``\n`` a line break, ``\\`` a
    backslash, ``&amp;`` an ampersand."""
    decoded = _ESC_STRING.sub(lambda m: "\n" if m[1] in "nlr" else m[1], value)
    return decoded.replace("&amp;", "&")


def _tooltip(text: str) -> str:
    text = text.replace("\r\n", "\n")
    text = text if len(text) <= TOOLTIP_LIMIT else text[: TOOLTIP_LIMIT - 1] + "…"
    # A word joiner keeps Graphviz from reading \N, \G, ... as the node's or graph's name.
    return re.sub(r"\\(?=[NGETHL])", "\\\u2060", text)


_MERMAID_CODE = re.compile(r"#(quot|\d+);")


def _unescape_mermaid(label: str) -> str:
    return _MERMAID_CODE.sub(lambda m: '"' if m[1] == "quot" else chr(int(m[1])), label)


class _Cells(HTMLParser):
    """The decoded text of every table cell, with its table and row attributes; tags, and
    attributes, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[tuple[str, dict[str, str | None], str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.table = ""
        self.row: dict[str, str | None] = {}
        self.cell: list[str] | None = None
        self.code = 0
        self.script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "li" and (dict(attrs).get("id") or "").startswith("rel-"):
            self.row = dict(attrs)  # the report's list of relations: one "cell" per relation
            self.cell = []
        elif tag == "table":
            self.table = dict(attrs).get("id") or ""
        elif tag == "tr":
            self.row = dict(attrs)
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "code":
            self.code += 1
        elif tag == "script":
            self.script = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "li") and self.cell is not None:
            self.cells.append((self.table, self.row, "".join(self.cell)))
            self.cell = None
        elif tag == "code":
            self.code -= 1
        elif tag == "script" and self.script is not None:
            self.scripts.append("".join(self.script))
            self.script = None

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script.append(data)
        elif self.cell is not None and not self.code:
            self.cell.append(data)


def _parse_html(page: str) -> _Cells:
    parser = _Cells()
    parser.feed(page)
    parser.close()
    return parser


# --- hostile text through every output format ----------------------------------------------


@SLOW
@given(m=hostile_maps())
def test_hostile_text_survives_dot(m: ArgumentMap) -> None:
    # the tree layout: one cluster per speaker, labelled with the name (flow and components
    # are fuzzed through the SVG below)
    source = argmap.render(m, "dot", layout="tree").text
    laid_out = json.loads(run_layout(source, "json"))  # the engine parses the DOT
    objects = {o["name"]: o for o in laid_out["objects"]}
    claim = m.claim("a1")
    node = objects["a1"]
    assert _unescape_dot_string(node["tooltip"]) == _tooltip(claim.quote or "")
    # every character, in order (a word longer than a line and a half is cut in two)
    shown = "".join(_unescape_dot_html(node["label"]))
    assert "".join(shown.split()) == "".join(claim.text.split())
    cluster = objects["cluster_0"]
    assert _unescape_dot_string(cluster["tooltip"]) == _tooltip(_speaker_tip(m.speakers[0]))
    name_lines = _unescape_dot_html(cluster["label"].partition("<BR/><FONT")[0])
    assert "".join("".join(name_lines).split()) == "".join(m.speakers[0].name.split())
    assert _unescape_dot_string(laid_out["tooltip"]) == _tooltip(m.title)
    [edge] = [e for e in laid_out["edges"] if e.get("id") == "relation-r1"]
    assert _unescape_dot_string(edge["tooltip"]) == _tooltip(_relation_tip(m.relations[0]))


@SLOW
@given(m=hostile_maps(), view=st.sampled_from(["claims", "speakers"]))
def test_hostile_text_survives_svg(m: ArgumentMap, view: str) -> None:
    # flow: every speaker with claims has a titled column (auto may pick components, whose
    # speakers are colours in the legend; test_hostile_text_survives_dot covers tree)
    layout = "flow" if view == "claims" else "auto"
    svg = argmap.render(m, "svg", view=view, layout=layout).data
    root = ET.fromstring(svg)  # well-formed XML, so the DOT was well-formed too
    assert root.find(f"{SVG}title").text == m.title  # type: ignore[union-attr]
    titles = {a.get(f"{XLINK}title") for a in root.iter(f"{SVG}a")}
    assert _speaker_tip(m.speakers[0]) in titles
    if view == "claims":
        node = root.find(f".//{SVG}g[@id='claim-a1']")
        assert node is not None
        shown = " ".join(t.text or "" for t in node.iter(f"{SVG}text"))
        # every character, in order (a word longer than a line and a half is cut in two)
        assert "".join(shown.split()) == "".join(m.claim("a1").text.split())
        link = node.find(f".//{SVG}a")
        assert link is not None
        assert link.get(f"{XLINK}title") == m.claim("a1").quote
        assert _relation_tip(m.relations[0]) in titles
    assert_safe_svg(root)


def assert_safe_svg(root: ET.Element) -> None:
    """No script, no event handler, no link anywhere (the SVG has no links of its own)."""
    for element in root.iter():
        tag = element.tag.rpartition("}")[2].lower()
        assert tag not in ("script", "foreignobject", "iframe", "embed", "object"), tag
        for name, value in element.attrib.items():
            local = name.rpartition("}")[2].lower()
            assert not local.startswith("on"), name
            assert local not in ("href", "src", "action", "formaction"), (name, value)
            if local != "title":  # a tooltip is text, and may say anything
                assert "javascript:" not in value.lower(), (name, value)


@SLOW
@given(m=hostile_maps())
def test_hostile_text_survives_the_html_report(m: ArgumentMap) -> None:
    page = _parse_html(report(m))
    claim = m.claim("a1")
    claims = [text for _, row, text in page.cells if "data-claim" in row]
    a1 = [text for _, row, text in page.cells if row.get("data-claim") == "a1"]
    # Its cell: the text, speaker and kind, (without a source text) the quote, its relations.
    name = m.speaker(claim.speaker).name
    assert a1[0].startswith(f"{claim.text}{name} · assessment{claim.quote}") and a1[1:] == [""]
    assert sum(claim.text in cell for cell in claims) >= 1
    speakers = [text for _, row, text in page.cells if row.get("class") == "speaker s-0"]
    ann = m.speakers[0]
    assert speakers[:4] == [ann.name, ann.role, ann.affiliation, ann.participation]
    [relation] = [text for _, row, text in page.cells if row.get("id") == "rel-r1"]
    r1 = m.relations[0]
    assert r1.quote and r1.quote in relation and r1.note and r1.note in relation
    # Safety: the same tags and attribute names as the report of a harmless map.
    plain = _parse_html(report(_plain(m)))
    assert _skeleton(page) == _skeleton(plain)
    assert len(page.scripts) == 2
    assert set(json.loads(page.scripts[0])) == {"neighbours"}  # data for the script, no text
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs)
        href = attrs.get("href")
        assert href is None or href.startswith(("#", "https://example.org/")), href


def _skeleton(page: _Cells) -> list[tuple[str, tuple[str, ...]]]:
    """Tags and attribute names outside the SVG (whose line count depends on the text) and
    the findings (which read the text: a question mark, a moderator's role)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    depth = 0
    skip = False
    for tag, attrs in page.tags:
        if tag == "section":
            skip = attrs.get("id") == "findings" or (
                skip and "finding" in (attrs.get("class") or "")
            )
        if tag == "svg":
            depth = 1
        elif tag == "figcaption":  # the report's map ends: compare what follows too
            depth = 0
        if not depth and not skip:
            out.append((tag, tuple(sorted(attrs))))
    return out


def _plain(m: ArgumentMap) -> ArgumentMap:
    """The same map with every hostile text replaced by a harmless word."""
    document = m.to_dict()

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        keep = ("argmap", "id", "speaker", "from", "to", "type", "kind", "status", "url", "date")
        return value if key in keep or not isinstance(value, str) else "plain"

    return argmap.loads(json.dumps(walk(document)))


@FUZZ
@given(m=hostile_maps())
def test_hostile_text_survives_mermaid(m: ArgumentMap) -> None:
    text = argmap.render(m, "mermaid").text
    labels = dict(re.findall(r'^\s*(?:subgraph )?([ns]\d+)\["([^"\n]*)"\]$', text, re.M))
    assert _unescape_mermaid(labels["n0"]) == m.claim("a1").text
    assert _unescape_mermaid(labels["s0"]) == m.speakers[0].name
    for label in labels.values():
        assert not set(label) & set('<>&[]{}|`\\"\n\r\t')


@FUZZ
@given(m=hostile_maps())
def test_hostile_text_survives_argdown(m: ArgumentMap) -> None:
    back, warnings = argdown.loads_with_warnings(argdown.dumps(m))
    assert warnings == []
    assert back.to_dict() == m.to_dict()


@FUZZ
@given(m=hostile_maps())
def test_hostile_text_survives_aif_and_xaif(m: ArgumentMap) -> None:
    # The export's ARGMAP extension brings everything back exactly (white space included).
    claim = m.claim("a1")
    for dumped in (aif.dumps(m), aif.dumps_xaif(m)):
        back = aif.loads(dumped)
        assert back.claim("a1").text == claim.text
        assert back.claim("a1").quote == claim.quote
        assert back.speaker("ann").name == m.speakers[0].name
        texts = {n["text"] for n in json.loads(dumped).get("AIF", json.loads(dumped))["nodes"]}
        assert claim.text in texts
        assert [(r.id, r.from_id, r.to_id, r.type) for r in back.relations] == [
            (r.id, r.from_id, r.to_id, r.type) for r in m.relations
        ]


@FUZZ
@given(m=hostile_maps())
def test_hostile_text_survives_graphml_and_gexf(m: ArgumentMap) -> None:
    claim, ann, r1 = m.claim("a1"), m.speakers[0], m.relations[0]
    g = nx.read_graphml(io.StringIO(graphml.dumps(m)), force_multigraph=True)
    assert g.graph["title"] == m.title
    assert (g.nodes["a1"]["text"], g.nodes["a1"]["quote"]) == (claim.text, claim.quote)
    assert g.nodes["ann"]["name"] == ann.name and g.nodes["ann"]["role"] == ann.role
    edges = {k: d for _, _, k, d in g.edges(keys=True, data=True)}
    assert (edges["r1"]["quote"], edges["r1"]["note"]) == (r1.quote, r1.note)
    gexf = nx.read_gexf(io.BytesIO(graphml.dumps_gexf(m).encode("utf-8")))
    assert (gexf.nodes["a1"]["text"], gexf.nodes["a1"]["quote"]) == (claim.text, claim.quote)
    assert gexf.nodes["ann"]["name"] == ann.name


# --- mutated input: MapError or a map, never another exception ------------------------------

# Strings now and then hold a character the loader refuses (in values and keys alike).
json_strings = st.text(max_size=5) | st.sampled_from(
    ["\ud800", "b\udfff", "\uffff", "\x00", "\ufffe", "\ufdd0", "\U0010ffff", "\x08"]
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | json_strings,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(json_strings, inner, max_size=3),
    max_leaves=6,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*prefix, index))
    return found


def mutate_json(data: st.DataObject, document: Any) -> str:
    """Drop keys, replace values, swap types, then maybe cut the text short."""
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(paths(document)))
        action = data.draw(st.sampled_from(["drop", "replace", "swap-type"]))
        if not where:
            document = data.draw(json_values)
            continue
        parent = document
        for step in where[:-1]:
            parent = parent[step]
        key = where[-1]
        if action == "drop":
            del parent[key]
        elif action == "replace":
            parent[key] = data.draw(json_values)
        else:
            parent[key] = json.loads(json.dumps([parent[key]])) if parent[key] is not None else 1
    text = json.dumps(document)
    if data.draw(st.booleans()):
        text = text[: data.draw(st.integers(0, len(text)))]
    return text


def mutate_text(data: st.DataObject, text: str) -> str:
    """Cut, delete, duplicate or overwrite a few spans of ``text``."""
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        action = data.draw(st.sampled_from(["cut", "delete", "duplicate", "overwrite"]))
        if action == "cut":
            text = text[:start]
        elif action == "delete":
            text = text[:start] + text[end:]
        elif action == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start] + data.draw(st.text(max_size=8)) + text[end:]
    return text


def loads_or_map_error(load: Any, text: str | bytes) -> None:
    try:
        load(text)
    except MapError as error:
        assert error.problems and all(p.message for p in error.problems)


SMALL_MAP = argmap.loads(json.dumps(SMALL))
AIF_DOCUMENT = json.loads(aif.dumps(SMALL_MAP))
XAIF_DOCUMENT = json.loads(aif.dumps_xaif(SMALL_MAP))
CORPUS_AIF = [
    json.loads(p.read_text(encoding="utf-8")) for p in sorted((DATA / "aif").glob("*.json"))
]
ARGDOWN_TEXTS = [argdown.dumps(SMALL_MAP)] + [
    p.read_text(encoding="utf-8") for p in sorted((DATA / "argdown").glob("*.argdown"))
]
MICROTEXTS = [p.read_text(encoding="utf-8") for p in sorted((DATA / "microtexts").glob("*.xml"))]


@FUZZ
@given(data=st.data())
def test_mutated_maps_load_or_raise_map_error(data: st.DataObject) -> None:
    loads_or_map_error(argmap.loads, mutate_json(data, SMALL))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_random_bytes_load_or_raise_map_error(raw: bytes) -> None:
    for load in (argmap.loads, aif.loads, argdown.loads, microtexts.loads):
        loads_or_map_error(load, raw if load is argmap.loads else raw.decode("utf-8", "replace"))


@FUZZ
@given(data=st.data())
def test_mutated_aif_loads_or_raises_map_error(data: st.DataObject) -> None:
    document = data.draw(st.sampled_from([AIF_DOCUMENT, XAIF_DOCUMENT, *CORPUS_AIF]))
    loads_or_map_error(aif.loads, mutate_json(data, document))


@FUZZ
@given(data=st.data())
def test_mutated_argdown_loads_or_raises_map_error(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(ARGDOWN_TEXTS))
    loads_or_map_error(argdown.loads, mutate_text(data, text))


@FUZZ
@given(data=st.data())
def test_mutated_microtexts_load_or_raise_map_error(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(MICROTEXTS))
    loads_or_map_error(microtexts.loads, mutate_text(data, text))


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and mutated content in one of the readable formats."""
    data = draw(st.data())
    kind = draw(st.sampled_from(["argmap", "aif", "argdown", "microtexts"]))
    if kind == "argmap":
        return "map.json", mutate_json(data, SMALL).encode("utf-8")
    if kind == "aif":
        return "map.aif.json", mutate_json(data, AIF_DOCUMENT).encode("utf-8")
    if kind == "argdown":
        return "map.argdown", mutate_text(data, ARGDOWN_TEXTS[0]).encode("utf-8", "surrogatepass")
    return "micro.xml", mutate_text(data, MICROTEXTS[0]).encode("utf-8", "surrogatepass")


@SLOW
@given(file=mutated_files())
def test_cli_on_mutated_files_exits_cleanly(file: tuple[str, bytes]) -> None:
    name, content = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            argmap.formats.read(path)
            valid = True
        except MapError:
            valid = False
        runner = CliRunner()
        for args in (
            ["validate", str(path)],
            ["render", str(path), "-f", "dot", "-o", str(Path(folder) / "out.dot")],
            ["convert", str(path), str(Path(folder) / "out.gexf")],
        ):
            result = runner.invoke(main, args, catch_exceptions=False)
            assert "Traceback" not in result.output
            if valid:
                assert result.exit_code == 0, (args, result.output)
            else:
                assert result.exit_code == 1, (args, result.output)
                assert result.output.strip(), args
        if not valid:
            assert sorted(p.name for p in Path(folder).iterdir()) == [name]


@pytest.mark.parametrize(
    "piece",
    [
        *("\x00", "\x08", "\x0c", "\x1f", "\ud800", "\udfff"),
        *("\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"),
    ],
)
def test_refused_characters_give_map_error_with_the_path(piece: str) -> None:
    document = copy.deepcopy(SMALL)
    document["claims"][1]["text"] = f"Tea{piece}has"
    with pytest.raises(MapError) as caught:
        argmap.loads(json.dumps(document))  # written as a \\u escape
    assert [p.path for p in caught.value.problems] == ["claims[1].text"]
    document["claims"][1]["text"] = "fine"
    document["speakers"][1]["name"] = f"Bob{piece}"
    raw = json.dumps(document, ensure_ascii=False).replace(json.dumps(piece)[1:-1], piece)
    with pytest.raises(MapError) as caught:
        argmap.loads(raw)  # the character itself (raw controls are not JSON: line, column)
    expected = "line 1, column" if piece < " " else "speakers[1] (bob).name"
    assert expected in str(caught.value)
