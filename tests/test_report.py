"""The HTML report: structure read back with the standard library's HTML parser, escaping,
links, the findings, the marked source text, contrast, the Content-Security-Policy, and the
``argmap report`` command. ``tests/test_browser.py`` checks the same page in Chromium."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import analysis
from argmap.mapfile import is_safe_url, read_source_text
from argmap.model import ArgumentMap, Claim, Relation, Source, Speaker
from argmap.report import colours, report
from argmap.report.findings import findings, plain
from argmap.report.markup import facts
from argmap.report.tables import agreement_list
from argmap.theme import THEMES
from tests.conftest import HANOI, dumps, run

HOSTILE = [
    "<script>alert(1)</script>",
    '"]; x [label=<b>',
    "javascript:alert(1)",
    '<img src=x onerror="alert(1)">',
    "a & b &amp; &#60; \\ </td></tr></table>",
]


class Page(HTMLParser):
    """Every element with its attributes and the text directly inside it, in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[int, str] = {}
        self.all_texts: dict[int, str] = {}
        self.open: list[int] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in ("meta", "br", "path", "polygon", "ellipse", "polyline", "link"):
            self.open.append(len(self.elements) - 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.elements[self.open[-1]][0] != tag:
            self.open.pop()
        if self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for index in self.open:
            self.all_texts[index] = self.all_texts.get(index, "") + data
        if self.open:
            index = self.open[-1]
            self.texts[index] = self.texts.get(index, "") + data

    def find(self, tag: str, **attrs: str) -> list[tuple[int, dict[str, str]]]:
        """Elements with this tag whose attributes contain these values (class: one word)."""
        found = []
        for index, (name, have) in enumerate(self.elements):
            if name != tag:
                continue
            if all(
                value in have.get("class", "").split()
                if key == "class_"
                else have.get(key) == value
                for key, value in attrs.items()
            ):
                found.append((index, have))
        return found

    def rows(self, cls: str) -> int:
        return sum(1 for _, attrs in self.find("tr") if cls in attrs.get("class", "").split())

    def text_of(self, index: int) -> str:
        return self.texts.get(index, "")

    def deep_text(self, index: int) -> str:
        """All the text inside an element, its descendants' too."""
        return self.all_texts.get(index, "")


SOURCE = HANOI.with_suffix(".txt")
RELATION_ID = re.compile(r"\br\d+\b")


@pytest.fixture(scope="module")
def hanoi() -> ArgumentMap:
    return argmap.load(HANOI)


@pytest.fixture(scope="module")
def hanoi_text() -> str:
    return read_source_text(SOURCE.name, folder=SOURCE.parent)


@pytest.fixture(scope="module")
def hanoi_page(hanoi: ArgumentMap, hanoi_text: str) -> str:
    return report(hanoi, source_text=hanoi_text)


def hostile_map() -> ArgumentMap:
    """A map full of text that would break out of HTML, JSON, DOT or URLs if not escaped;
    built by hand as checked (ArgumentMap.checked), so the loader's URL checks do not stop
    the bad links: the report must stay safe on its own."""
    return ArgumentMap.checked(
        title=HOSTILE[0],
        speakers=(
            Speaker("ann", HOSTILE[0], role=HOSTILE[3], url="javascript:alert(1)"),
            Speaker("bob", HOSTILE[1], affiliation=HOSTILE[4], url="https://example.org/b?x=1&y=2"),
        ),
        claims=tuple(
            Claim(f"c{i}", ("ann", "bob")[i % 2], text, quote=f"{text} </script><script>alert(2)")
            for i, text in enumerate(HOSTILE)
        ),
        relations=(Relation("c1", "c0", "attacks", quote="</script>", note=HOSTILE[3]),),
        source=Source(title=HOSTILE[1], url="javascript:alert(1)"),
        description=HOSTILE[4],
    )


def ids(page: Page) -> set[str]:
    return {attrs["id"] for _, attrs in page.elements if "id" in attrs}


def test_structure_of_the_hanoi_report(hanoi: ArgumentMap, hanoi_page: str) -> None:
    page = Page(hanoi_page)
    assert hanoi_page.startswith("<!DOCTYPE html>")
    assert page.rows("speaker") == len(hanoi.speakers)
    assert page.rows("claim") == len(hanoi.claims)
    assert len(page.find("li", class_="relation")) == len(hanoi.relations)
    # Claims grouped by speaker: one row group per speaker with claims, in map order.
    groups = [page.text_of(i) for i, _ in page.find("th", scope="rowgroup")]
    assert groups == [s.name for s in hanoi.speakers if hanoi.claims_by(s.id)]
    # The SVG inline, without its XML prolog, DOCTYPE or fixed size, one group per claim.
    [(_, svg)] = page.find("svg")
    assert "width" not in svg and "height" not in svg and "aspect-ratio" in svg["style"]
    assert "<?xml" not in hanoi_page and "<!DOCTYPE svg" not in hanoi_page
    claim_groups = {a["id"] for _, a in page.find("g", class_="claim")}
    assert claim_groups == {f"claim-{c.id}" for c in hanoi.claims}
    assert page.text_of(page.find("title")[0][0]) == hanoi.title
    assert len(hanoi_page.encode()) < 1_000_000


def test_landmarks_and_order(hanoi_page: str) -> None:
    page = Page(hanoi_page)
    tags = [tag for tag, _ in page.elements]
    for landmark in ("header", "nav", "main", "footer"):
        assert tags.count(landmark) == 1, landmark
    sections = [a["id"] for _, a in page.find("section") if "finding" not in a.get("class", "")]
    # Findings come first, then the map, the source, and the tables.
    assert sections == ["findings", "map", "source", "claims", "relations", "speakers", "agreement"]
    known = ids(page)
    for _, attrs in page.find("section"):
        assert attrs["aria-labelledby"] in known
    # Controls that need the script are hidden until it runs; the panel too.
    [(_, toolbar)] = page.find("div", class_="toolbar")
    [(_, panel)] = page.find("aside", id="panel")
    assert "hidden" in toolbar and "hidden" in panel
    assert page.find("a", class_="skip")[0][1]["href"] == "#main"


def test_every_internal_link_lands(hanoi_page: str) -> None:
    """Without a script every link still works: each ``#x`` names one element of the page
    (an id given twice, say to a relation in the list and its arrow in the map, sends the
    browser to the first)."""
    page = Page(hanoi_page)
    known = ids(page)
    given = [attrs["id"] for _, attrs in page.elements if "id" in attrs]
    assert len(given) == len(known), sorted(i for i in known if given.count(i) > 1)[:5]
    hrefs = [a["href"] for _, a in page.find("a") if a.get("href", "").startswith("#")]
    assert len(hrefs) > 100
    assert {h[1:] for h in hrefs} <= known
    for _, attrs in page.find("a"):
        if "data-claim" in attrs:
            assert attrs["href"] in (f"#quote-{attrs['data-claim']}", f"#row-{attrs['data-claim']}")


def test_source_text_embedded_with_every_quote_marked(
    hanoi: ArgumentMap, hanoi_page: str, hanoi_text: str
) -> None:
    page = Page(hanoi_page)
    [(index, _)] = page.find("div", class_="source-text")
    assert page.deep_text(index) == hanoi_text  # exactly, character for character
    marks = page.find("mark", class_="claim-quote")
    marked: dict[str, str] = {}
    for i, attrs in marks:
        for claim in attrs["data-claims"].split():
            marked[claim] = marked.get(claim, "") + page.deep_text(i)
        assert attrs["data-claim"] in attrs["data-claims"].split()
    quoted = [c for c in hanoi.claims if c.quote]
    assert set(marked) == {c.id for c in quoted}
    for claim in quoted:
        assert claim.quote_span is not None
        start, end = claim.quote_span
        assert marked[claim.id] == hanoi_text[start:end], claim.id
        assert f"quote-{claim.id}" in ids(page)


def test_overlapping_quotes_are_cut_into_pieces() -> None:
    m = argmap.loads(
        dumps(
            {
                "argmap": "1",
                "title": "T",
                "speakers": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
                "claims": [
                    {"id": "long", "speaker": "a", "text": "L.", "quote": "one two three"},
                    {"id": "inner", "speaker": "b", "text": "I.", "quote": "two"},
                ],
            }
        ),
        source_text="zero one two three four",
    )
    page = Page(report(m, source_text="zero one two three four"))
    pieces = [(page.deep_text(i), a["data-claim"], a["data-claims"]) for i, a in page.find("mark")]
    assert pieces == [
        ("one ", "long", "long"),
        ("two", "inner", "long inner"),
        (" three", "long", "long"),
    ]
    [(index, _)] = page.find("div", class_="source-text")
    assert page.deep_text(index) == "zero one two three four"


def test_relations_are_named_in_words_never_by_id(hanoi: ArgumentMap, hanoi_page: str) -> None:
    page = Page(hanoi_page)
    visible = " ".join(
        text
        for i, text in page.all_texts.items()
        if page.elements[i][0] not in ("script", "style", "html", "body")
        # (the id in a note, made a link to the relation it names: see below)
        and page.elements[i] != ("a", {"href": f"#rel-{text}"})
    )
    assert [r.id for r in hanoi.relations if r.id and RELATION_ID.fullmatch(r.id)]
    # The map author's notes are shown as written (one says "As r2, ..."); nothing else may.
    for relation in hanoi.relations:
        visible = visible.replace(relation.note or "\0", "")
    assert not RELATION_ID.search(visible)
    # The map's tooltips too: an edge is titled by what it says.
    tooltips = re.findall(r'<g id="a_relation&#45;[^"]*"><a xlink:title="([^"]*)"', hanoi_page)
    assert len(tooltips) == len(hanoi.relations)
    assert not any(RELATION_ID.search(t) for t in tooltips)
    assert "Andrei Lankov agrees with Konstantin Asmolov" in visible
    [(index, _)] = page.find("li", id="rel-r35")
    assert page.deep_text(index).startswith("Andrei Lankov agrees with Konstantin Asmolov")


def test_each_claim_lists_its_relations_in_words(hanoi: ArgumentMap, hanoi_page: str) -> None:
    page = Page(hanoi_page)
    for claim in hanoi.claims:
        [(index, _)] = page.find("tr", id=f"row-{claim.id}")
        text = page.deep_text(index)
        going = [r for r in hanoi.relations if r.from_id == claim.id]
        coming = [r for r in hanoi.relations if r.to_id == claim.id]
        assert ("From this claim:" in text) == bool(going)
        assert ("To this claim:" in text) == bool(coming)
        assert text.count("this claim ") >= len(going)
        if claim.outcome is not None:
            assert claim.outcome.note and claim.outcome.note in text


def test_findings_come_from_the_analysis(hanoi: ArgumentMap, hanoi_page: str) -> None:
    page = Page(hanoi_page)

    def finding(name: str) -> list[str]:
        [(index, _)] = page.find("section", id=f"finding-{name}")
        return [page.deep_text(i) for i, _ in page.find("li") if i > index][:50]

    camps = finding("camps")
    first = [hanoi.speaker(s).name for s in analysis.camps(hanoi)[0]]
    assert len(first) > 1
    assert camps[0].startswith(", ".join(first[:-1]) + f" and {first[-1]} side together")
    # The links that make the camp are listed under it, in words.
    assert "Konstantin Asmolov agrees with Igor Sagitov" in camps[0]
    forecasts_text = " ".join(finding("forecasts"))
    for record in analysis.forecast_record(hanoi):
        name = hanoi.speaker(record.speaker).name
        plural = "s" * (record.total != 1)
        assert f"{name} made {record.total} prediction{plural}:" in forecasts_text
        for status, words in (("true", "came true"), ("false", "proved false")):
            if getattr(record, status):
                assert f"{getattr(record, status)} {words}" in forecasts_text
    contested = analysis.most_contested(hanoi, 1)
    if contested:
        assert hanoi.claim(contested[0].claim).text in finding("contested")[0]
    else:  # the revised Hanoi map has no attack between claims
        assert finding("contested")[0] == "No relation attacks or disagrees with a claim."
    best = analysis.most_supported(hanoi, 1)[0]
    assert finding("supported")[0].startswith(
        f"{hanoi.speaker(best.speaker).name}’s “{hanoi.claim(best.claim).text}”"
    )
    assert "Ivan Timofeev moderated" in " ".join(finding("moderator"))
    # Every sentence links to the claims it is about.
    [(start, _)] = page.find("section", id="findings")
    [(end, _)] = page.find("section", id="map")
    claim_links = [a for i, a in page.find("a") if start < i < end and "data-claim" in a]
    assert {a["data-claim"] for a in claim_links} >= {f.claim for f in analysis.forecasts(hanoi)}


def test_findings_of_a_small_map() -> None:
    m = argmap.loads(
        dumps(
            {
                "argmap": "1",
                "title": "T",
                "speakers": [
                    {"id": "mo", "name": "Mo", "role": "chair"},
                    {"id": "ann", "name": "Ann"},
                    {"id": "bob", "name": "Bob"},
                    {"id": "cy", "name": "Cy"},
                ],
                "claims": [
                    {"id": "q", "speaker": "mo", "text": "Will tea win?"},
                    {
                        "id": "a",
                        "speaker": "ann",
                        "text": "Tea wins.",
                        "kind": "prediction",
                        "outcome": {"status": "false", "source": "vote"},
                    },
                    {"id": "b", "speaker": "bob", "text": "Tea is good."},
                    {"id": "c", "speaker": "cy", "text": "Tea is bad."},
                ],
                "relations": [
                    {"id": "r1", "from": "b", "to": "a", "type": "supports"},
                    {"id": "r2", "from": "c", "to": "a", "type": "attacks"},
                    {"id": "r3", "from": "c", "to": "b", "type": "attacks"},
                ],
            }
        )
    )
    found = findings(m)
    assert [plain(f.sentence) for f in found.camps] == [
        "Ann and Bob side together (1 link):",
        "Ann and Cy side against each other (1 link):",
        "Bob and Cy side against each other (1 link):",
        "Mo takes no side: no agreeing or opposing link joins them to others.",
    ]
    assert [plain(d) for d in found.camps[0].details] == [
        "Bob’s “Tea is good.” supports Ann’s “Tea wins.”"
    ]
    assert [plain(f.sentence) for f in found.forecasts] == [
        "Ann made 1 prediction: 1 proved false (“Tea wins.”)."
    ]
    refs = [s.ref for s in found.forecasts[0].sentence]  # spans in a row: one link
    assert [ref for ref, _ in itertools.groupby(refs) if ref] == ["a"]
    # contested once each: Bob's, which nothing supports, first
    assert [plain(f.sentence).split(" — ")[0] for f in found.contested] == [
        "Bob’s “Tea is good.”",
        "Ann’s “Tea wins.”",
    ]
    assert [plain(f.sentence) for f in found.moderator] == [
        "Mo moderated and asked: “Will tea win?”"
    ]


class Chunks(Page):
    """The page, with each piece of text and the elements it is inside (their indices)."""

    def __init__(self, text: str) -> None:
        self.chunks: list[tuple[frozenset[int], str]] = []
        super().__init__(text)

    def handle_data(self, data: str) -> None:
        self.chunks.append((frozenset(self.open), data))
        super().handle_data(data)


def test_the_maps_text_in_argmaps_sentences_is_in_a_bdi() -> None:
    rlo, name, said = "\u202e", "\u05d3\u05d5\u05d3", "\u05ea\u05d4"  # Hebrew: Dov, "tea"
    m = argmap.loads(
        dumps(
            {
                "argmap": "1",
                "title": "T",
                "source": {"title": f"Talk{rlo}", "publisher": name},
                "speakers": [
                    {"id": "mo", "name": f"Mo{rlo}", "role": "moderator"},
                    {"id": "ann", "name": "Ann"},
                    {"id": "bob", "name": f"Bob {rlo}"},
                    {"id": "dov", "name": name},
                ],
                "claims": [
                    {"id": "q", "speaker": "mo", "text": f"Will tea win?{rlo}"},
                    {
                        "id": "a",
                        "speaker": "ann",
                        "text": f"Tea wins.{rlo}",
                        "kind": "prediction",
                        "outcome": {
                            "status": "false",
                            "note": f"lost{rlo}",
                            "source": f"vote{rlo}",
                        },
                    },
                    {"id": "b", "speaker": "bob", "text": f"Coffee.{rlo}"},
                    {"id": "d", "speaker": "dov", "text": said},
                ],
                "relations": [
                    {
                        "id": "r1",
                        "from": "b",
                        "to": "a",
                        "type": "attacks",
                        "quote": f"no{rlo}",
                        "note": f"see{rlo}",
                    },
                    {"id": "r2", "from": "d", "to": "a", "type": "supports"},
                    {"id": "r3", "from": "bob", "to": "ann", "type": "disagrees"},
                ],
            }
        )
    )
    page = Chunks(report(m))
    # Where argmap writes sentences and lines around the map's text.
    joined = {
        ("section", "findings"),
        ("ul", "relations"),
        ("div", "relation-lists"),
        ("span", "by"),
        ("td", "outcome"),
        ("p", "source"),
    }
    inside = {
        index
        for index, (tag, attrs) in enumerate(page.elements)
        if (tag, attrs.get("id") or attrs.get("class")) in joined
    }
    bdis = {index for index, (tag, _) in enumerate(page.elements) if tag == "bdi"}
    isolated = [text for within, text in page.chunks if within & inside and within & bdis]
    bare = [text for within, text in page.chunks if within & inside and not within & bdis]
    texts = {s.name for s in m.speakers} | {c.text for c in m.claims}
    texts |= {f"Talk{rlo}", name, f"lost{rlo}", f"vote{rlo}", f"no{rlo}", f"see{rlo}"}
    # Every <bdi> holds one whole text of the map; every text that could reorder the words
    # around it is in one, and no other text is bare among argmap's words.
    assert set(isolated) <= texts
    assert {text for text in texts if rlo in text or name in text or said in text} <= set(isolated)
    assert not [text for text in bare if rlo in text or name in text or said in text]
    # Each sentence is as it reads: the map's words whole, in their places.
    finding = next(i for i, (tag, a) in enumerate(page.elements) if a.get("id") == "finding-camps")
    assert f"Ann and Bob {rlo} side against each other" in page.deep_text(finding)
    # The map's relation tooltips (plain text) isolate the map's text with U+2068 ... U+2069.
    start = next(i for i, (_, a) in enumerate(page.elements) if a.get("id") == "relation-r1")
    assert page.elements[start + 1][0] == "title"
    assert page.text_of(start + 1) == (
        f"\u2068Bob {rlo}\u2069’s “\u2068Coffee.{rlo}\u2069” attacks Ann’s “\u2068Tea wins.{rlo}\u2069”"
    )


def test_self_contained_with_a_strict_policy(hanoi_page: str) -> None:
    page = Page(hanoi_page)
    [(_, meta)] = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"]
    # The page's own script is allowed by its hash; nothing else can run.
    [(index, attrs)] = [(i, a) for i, a in page.find("script") if "type" not in a]
    digest = base64.b64encode(hashlib.sha256(page.text_of(index).encode()).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'"
    for name, attrs in page.elements:
        assert "src" not in attrs, name
        assert name not in ("link", "iframe", "object", "embed", "img")
        for key in ("href", "xlink:href"):
            if key in attrs:
                assert attrs[key].startswith("#"), attrs[key]
        assert not any(key.startswith("on") for key in attrs), (name, attrs)
    assert "@import" not in hanoi_page
    # the only url() is the map's embedded font, a data: URL (the CSP allows fonts from data:)
    urls = re.findall(r"url\(([^)]{0,40})", hanoi_page)
    assert urls and all(u.startswith("data:font/woff2;base64,") for u in urls)


def test_hostile_text_is_escaped() -> None:
    m = hostile_map()
    source = " ".join(c.quote or "" for c in m.claims) + " </script>"
    text = report(m, source_text=source)
    page = Page(text)
    # Only the data block and the page's own script; no element from the map's text.
    assert len(page.find("script")) == 2
    assert not page.find("img") and not page.find("b")
    assert page.text_of(page.find("title")[0][0]) == HOSTILE[0]
    [(index, _)] = page.find("script", type="application/json")
    block = page.text_of(index)
    assert "<" not in block and ">" not in block and "&" not in block
    assert set(json.loads(block)["neighbours"]) == {"c0", "c1"}
    cells = [page.deep_text(i) for i, _ in page.find("td")]
    for hostile in HOSTILE:
        assert any(hostile in cell for cell in cells)
    [(index, _)] = page.find("div", class_="source-text")
    assert page.deep_text(index) == source
    assert len({a["data-claim"] for _, a in page.find("mark", class_="claim-quote")}) == len(
        HOSTILE
    )
    # Links: only the safe https one, with its ampersand escaped in the markup.
    hrefs = [a["href"] for _, a in page.find("a") if not a.get("href", "#").startswith("#")]
    assert hrefs == ["https://example.org/b?x=1&y=2"]
    assert 'href="https://example.org/b?x=1&amp;y=2"' in text
    assert all(is_safe_url(h) for h in hrefs)
    assert "javascript:alert(1)" not in re.findall(r'href="([^"]*)"', text)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_text_contrast_is_aa(name: str) -> None:
    """Every pair of text and background colour the stylesheet uses reaches WCAG AA (4.5:1)."""
    palette = colours(THEMES[name], 9)
    grounds = ["bg", "panel", "highlight", *(f"fill-{i}" for i in range(9))]
    for ground in grounds:
        assert contrast(palette["text"], palette[ground]) >= 4.5, (name, ground)
    for ground in ("bg", "panel"):
        assert contrast(palette["muted"], palette[ground]) >= 4.5, (name, ground)
    assert contrast(palette["highlight"], palette["bg"]) > 1.1  # the highlight shows
    page = Page(report(argmap.loads(dumps(SMALL_MAP)), theme=name))
    [index] = page_styles(page)
    style = page.text_of(index)
    # No text is set in a relation or speaker colour (those fail AA on white).
    assert not re.search(r"(?<![-\w])color:\s*var\(--(line|positive|negative)", style)


def page_styles(page: Page) -> list[int]:
    """The page's own style sheets (the map's SVG brings one too: its embedded font)."""
    return [i for i, _ in page.find("style") if "@font-face" not in page.text_of(i)]


SMALL_MAP: dict[str, Any] = {
    "argmap": "1",
    "title": "Tea",
    "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    "claims": [
        {"id": "a1", "speaker": "ann", "text": "Tea is better."},
        {"id": "b1", "speaker": "bob", "text": "Coffee is better."},
    ],
    "relations": [{"id": "r1", "from": "b1", "to": "a1", "type": "attacks"}],
}


def test_print_stylesheet(hanoi_page: str) -> None:
    page = Page(hanoi_page)
    [index] = page_styles(page)
    style = page.text_of(index)
    assert "@page { size: A4" in style
    printed = style[style.index("@media print") :]
    assert re.search(r"#map \{[^}]*break-before: page;[^}]*break-after: page", printed)
    assert re.search(r"tr, li[^{]*\{[^}]*break-inside: avoid", printed)
    assert 'content: " <" attr(href) ">"' in printed


def test_agreement_lists_only_pairs(small: dict[str, Any]) -> None:
    page = Page(report(argmap.loads(dumps(small))))
    [(table, _)] = page.find("table", id="table-agreement")
    rows = [
        [
            page.deep_text(c)
            for c, (tag, _) in enumerate(page.elements)
            if tag in ("th", "td") and r < c < r + 5
        ]
        for r, _ in page.find("tr")
        if r > table
        and page.elements[r + 1][0] == "th"
        and "scope" in page.elements[r + 1][1]
        and page.elements[r + 1][1]["scope"] == "row"
    ]
    assert rows[0] == ["Bob", "Ann", "disagrees 1, attacks 1", "-2"]
    assert len(rows) == 1


def test_no_agreement_says_so() -> None:
    m = ArgumentMap("T", speakers=(Speaker("s", "S"),), claims=(Claim("c", "s", "C"),))
    assert "No relation runs between different speakers" in report(m)


def test_without_source_text_quotes_stay_with_their_claims(hanoi: ArgumentMap) -> None:
    page = Page(report(hanoi))
    assert not page.find("mark")
    quotes = [page.deep_text(i) for i, _ in page.find("blockquote", class_="quote")]
    assert quotes == [c.quote for c in hanoi.claims if c.quote]


def test_cli_embeds_the_source_text(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    shutil.copytree(HANOI.parent, maps)
    result = run("report", str(maps / "hanoi_2019.json"))
    assert result.exit_code == 0, result.output
    page = Page((maps / "hanoi_2019.html").read_text(encoding="utf-8"))
    [(index, _)] = page.find("div", class_="source-text")
    assert page.deep_text(index) == SOURCE.read_text(encoding="utf-8")
    assert len(page.find("mark", class_="claim-quote")) >= len(argmap.load(HANOI).claims)


def test_cli_writes_beside_the_map(map_file: Path, tmp_path: Path) -> None:
    result = run("report", str(map_file))
    assert result.exit_code == 0, result.output
    target = map_file.with_suffix(".html")
    assert result.output.strip() == str(target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert run("report", str(map_file), "-o", str(tmp_path / "r.html")).exit_code == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == target.read_text(encoding="utf-8")


def test_cli_standard_output_and_errors(map_file: Path, tmp_path: Path) -> None:
    result = run("report", str(map_file), "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    before = map_file.read_bytes()
    result = run("report", str(map_file), "-o", str(map_file))
    assert result.exit_code == 1 and "is the map itself" in result.output
    assert map_file.read_bytes() == before
    result = run("report", str(map_file), "-o", str(tmp_path / "missing" / "r.html"))
    assert result.exit_code == 1 and "does not exist" in result.output


def test_agreement_grows_with_the_relations_not_the_speakers_squared() -> None:
    """Issue 19: a speakers × speakers table made 3.65 GB of HTML for 20,000 speakers."""

    def chain(n: int) -> ArgumentMap:
        speakers = tuple(Speaker(f"s{i}", f"S{i}") for i in range(n))
        relations = tuple(Relation(f"s{i}", f"s{i + 1}", "agrees") for i in range(n - 1))
        return ArgumentMap("T", speakers=speakers, relations=relations)

    small, large = len(agreement_list(chain(200))), len(agreement_list(chain(800)))
    assert 3.5 < large / small < 4.5
    assert large < 800 * 200


def test_a_relation_in_words_links_to_its_quote(hanoi: ArgumentMap, hanoi_page: str) -> None:
    page = Page(hanoi_page)
    [(index, _)] = page.find("section", id="finding-camps")
    quoted = [r for r in hanoi.relations if r.quote and r.id and not hanoi.is_claim(r.from_id)]
    assert quoted
    links = {a.get("href") for i, a in page.find("a") if i > index}
    for relation in quoted:
        assert f"#quote-{relation.id}" in links
        assert f"quote-{relation.id}" in ids(page)


def test_inferred_links_are_said_to_be_inferred(hanoi: ArgumentMap, hanoi_page: str) -> None:
    page = Page(hanoi_page)
    inferred = [r for r in hanoi.relations if r.inferred]
    stated = [r for r in hanoi.relations if not r.inferred]
    assert inferred and stated
    for relation, expected in [(inferred[0], True), (stated[0], False)]:
        [(index, _)] = page.find("li", id=f"rel-{relation.id}")
        assert ("(inferred by the map's author)" in page.deep_text(index)) is expected
    # The camp's headline says how many of its links are the author's inference.
    camp = set(analysis.camps(hanoi)[0])
    inside = [
        r
        for r in hanoi.relations
        if r.type in ("agrees", "supports")
        and {hanoi.claim(e).speaker if hanoi.is_claim(e) else e for e in (r.from_id, r.to_id)}
        <= camp
        and len({hanoi.claim(e).speaker if hanoi.is_claim(e) else e for e in (r.from_id, r.to_id)})
        == 2
    ]
    headline = plain(findings(hanoi).camps[0].sentence)
    assert f"({len(inside)} links, {sum(r.inferred for r in inside)} of them inferred)" in headline


def test_the_claims_table_words_each_relation_once_per_claim_it_touches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argmap.report.tables as tables

    calls: list[str] = []

    def counted(m: ArgumentMap, relation: Relation, **options: Any) -> Any:
        calls.append(options.get("this", ""))
        return relation_words(m, relation, **options)

    relation_words = tables.relation_words
    monkeypatch.setattr(tables, "relation_words", counted)
    claims = tuple(Claim(f"c{i}", "s", f"Claim {i}.") for i in range(60))
    chain = tuple(Relation(f"c{i + 1}", f"c{i}", "supports") for i in range(59))
    m = ArgumentMap("T", speakers=(Speaker("s", "S"),), claims=claims, relations=chain)
    html = tables.claims_table(m, tables.Marks(m, None), {"s": 0})
    # Once from each end (it took a wording of every relation for every linked claim).
    assert sorted(calls) == sorted([r.from_id for r in chain] + [r.to_id for r in chain])
    assert html.count('<ul class="out">') == 59 and html.count('<ul class="in">') == 59


def test_counts_are_worded_in_the_singular_for_one() -> None:
    one = argmap.loads(
        '{"argmap": "1", "title": "T", "speakers": [{"id": "s", "name": "S"}],'
        ' "claims": [{"id": "c", "speaker": "s", "text": "C."}]}'
    )
    assert facts(one) == "1 speaker, 1 claim, 0 relations; claims quoting the source: 0."


@pytest.mark.parametrize(
    ("role", "said", "expected"),
    [
        ("chair of the transport committee", "Traffic is choking.", []),
        ("Chairman of the Senate committee", "Traffic is choking.", []),
        ("session chair", "Will tea win?", ["Jo moderated and asked: “Will tea win?”"]),
        ("chair", "Welcome, all.", ["Jo moderated and said: “Welcome, all.”"]),
        ("host", "Welcome, all.", ["Jo moderated and said: “Welcome, all.”"]),
    ],
)
def test_the_moderator_is_who_runs_the_debate_and_asks_only_questions(
    role: str, said: str, expected: list[str]
) -> None:
    # A councillor chairing a committee was reported as the debate's moderator, and each of
    # his statements as a question he "asked".
    m = argmap.loads(
        dumps(
            {
                "argmap": "1",
                "title": "T",
                "speakers": [{"id": "jo", "name": "Jo", "role": role}],
                "claims": [{"id": "j", "speaker": "jo", "text": said}],
            }
        )
    )
    nobody = ["No speaker is recorded as moderator, and the source asks no question."]
    assert [plain(f.sentence) for f in findings(m).moderator] == (expected or nobody)


def test_the_source_texts_switch_counts_every_quote_it_marks(
    hanoi: ArgumentMap, hanoi_page: str
) -> None:
    # It counted the claims' quotes only (44), and marked 80: relations' and context's too.
    quoted = [item for items in (hanoi.claims, hanoi.relations, hanoi.context) for item in items]
    count = sum(1 for item in quoted if item.quote)
    assert f"Show the source text with its {count} quotes marked" in hanoi_page
    assert count > len([c for c in hanoi.claims if c.quote])


def test_an_even_agreement_is_zero_not_plus_zero() -> None:
    m = ArgumentMap(
        "T",
        (Speaker("ann", "Ann"), Speaker("bob", "Bob")),
        relations=(Relation("ann", "bob", "agrees"), Relation("ann", "bob", "disagrees")),
    )
    assert '<td class="number net even" data-label="net">0</td>' in agreement_list(m)


def test_the_links_between_two_speakers_include_undercuts_as_the_agreement_counts_them() -> None:
    # The report said "side against each other (1 link)" where the agreement table and
    # `argmap info` counted 2: the undercut was left out of the findings.
    m = ArgumentMap(
        "T",
        (Speaker("ann", "Ann"), Speaker("bob", "Bob")),
        (Claim("a", "ann", "A."), Claim("b", "bob", "B."), Claim("b2", "bob", "B2.")),
        (
            Relation("b2", "b", "supports", "r1"),
            Relation("a", "r1", "undercuts", "r2"),
            Relation("a", "b", "attacks", "r3"),
        ),
    )
    (agreement,) = analysis.agreement_matrix(m)
    counted = agreement.attacks + agreement.undercuts
    (finding,) = [f for f in findings(m).camps if "against" in plain(f.sentence)]
    assert plain(finding.sentence) == f"Ann and Bob side against each other ({counted} links):"
    assert [s.ref for d in finding.details for s in d if s.ref == "r2"]


def test_a_ranking_cut_inside_a_tie_says_how_many_more() -> None:
    # Six Hanoi claims are supported twice; two were listed, by file order, and the other
    # four left out without a word (Sagitov looked the best supported for speaking first).
    found = findings(argmap.load(HANOI))
    sentences = [plain(f.sentence) for f in found.supported]
    assert len(sentences) == 4 and sentences[1].split(" — ")[1].startswith("supported twice")
    assert sentences[-1] == "And 4 more claims supported twice."
    assert all(not plain(f.sentence).startswith("And") for f in found.contested)


def test_a_note_naming_another_relation_links_to_it() -> None:
    # "As r2, for the second reported item." led nowhere: the list names relations in words.
    from argmap.report.markup import Marks
    from argmap.report.tables import relations_list

    m = argmap.load(HANOI)
    listed = relations_list(m, Marks(m, None))
    assert '— <bdi>As <a href="#rel-r2">r2</a>, for the second reported item.</bdi>' in listed
    assert '<li id="rel-r2" ' in listed  # where it leads
    assert "r999" not in listed
