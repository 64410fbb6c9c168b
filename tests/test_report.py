"""The HTML report: structure read back with the standard library's HTML parser, escaping,
links, the Content-Security-Policy, and the ``argmap report`` command."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.mapfile import is_safe_url
from argmap.model import ArgumentMap, Claim, Relation, Source, Speaker
from argmap.report import report
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


@pytest.fixture(scope="module")
def hanoi() -> ArgumentMap:
    return argmap.load(HANOI)


@pytest.fixture(scope="module")
def hanoi_page(hanoi: ArgumentMap) -> str:
    return report(hanoi)


def hostile_map() -> ArgumentMap:
    """A map full of text that would break out of HTML, JSON, DOT or URLs if not escaped;
    built by hand, so the loader's URL checks do not stop the bad links."""
    return ArgumentMap(
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


def test_structure_of_the_hanoi_report(hanoi: ArgumentMap, hanoi_page: str) -> None:
    page = Page(hanoi_page)
    assert hanoi_page.startswith("<!DOCTYPE html>")
    assert page.rows("speaker") == len(hanoi.speakers)
    assert page.rows("claim") == len(hanoi.claims)
    assert page.rows("relation") == len(hanoi.relations)
    # Claims grouped by speaker: one row group per speaker with claims, in map order.
    groups = [page.text_of(i) for i, _ in page.find("th", scope="rowgroup")]
    assert groups == [s.name for s in hanoi.speakers if hanoi.claims_by(s.id)]
    # The SVG inline, without its XML prolog or DOCTYPE, one node group per claim.
    assert len(page.find("svg")) == 1
    assert "<?xml" not in hanoi_page and "<!DOCTYPE svg" not in hanoi_page
    claim_groups = {a["id"] for _, a in page.find("g", class_="claim")}
    assert claim_groups == {f"claim-{c.id}" for c in hanoi.claims}
    # The agreement matrix: one row and one column per speaker.
    matrix = page.find("table", id="table-agreement")
    assert len(matrix) == 1
    assert len(page.find("th", scope="row")) == len(hanoi.speakers)
    assert page.text_of(page.find("title")[0][0]) == hanoi.title


def test_quotes_are_embedded_as_json(hanoi: ArgumentMap, hanoi_page: str) -> None:
    page = Page(hanoi_page)
    [(index, _)] = page.find("script", type="application/json")
    data = json.loads(page.text_of(index))
    assert set(data) == {c.id for c in hanoi.claims}
    claim = hanoi.claims[0]
    assert data[claim.id]["quote"] == claim.quote
    assert data[claim.id]["speaker"] == hanoi.speaker(claim.speaker).name


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
    assert "@import" not in hanoi_page
    # the only url() is the map's embedded font, a data: URL (the CSP allows fonts from data:)
    urls = re.findall(r"url\(([^)]{0,40})", hanoi_page)
    assert urls and all(u.startswith("data:font/woff2;base64,") for u in urls)


def test_hostile_text_is_escaped() -> None:
    m = hostile_map()
    text = report(m)
    page = Page(text)
    # Only the data block and the page's own script; no element from the map's text.
    assert len(page.find("script")) == 2
    assert not page.find("img") and not page.find("b")
    assert page.text_of(page.find("title")[0][0]) == HOSTILE[0]
    [(index, _)] = page.find("script", type="application/json")
    block = page.text_of(index)
    assert "<" not in block and ">" not in block and "&" not in block
    assert {c: v["text"] for c, v in json.loads(block).items()} == {c.id: c.text for c in m.claims}
    cells = [page.text_of(i) for i, _ in page.find("td")]
    for hostile in HOSTILE:
        assert any(hostile in cell for cell in cells)
    # Links: only the safe https one, with its ampersand escaped in the markup.
    hrefs = [a["href"] for _, a in page.find("a") if not a.get("href", "#").startswith("#")]
    assert hrefs == ["https://example.org/b?x=1&y=2"]
    assert 'href="https://example.org/b?x=1&amp;y=2"' in text
    assert all(is_safe_url(h) for h in hrefs)
    assert "javascript:alert(1)" not in re.findall(r'href="([^"]*)"', text)


def test_colours_come_from_the_theme(hanoi: ArgumentMap) -> None:
    for name, theme in THEMES.items():
        page = Page(report(hanoi, theme=name))
        # the page's style sheet (the map's SVG brings one of its own: the embedded font)
        [index] = [i for i, _ in page.find("style") if "@font-face" not in page.text_of(i)]
        used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", page.text_of(index))}
        palette = {theme.background, theme.text, theme.muted, theme.cluster_fill}
        palette |= {theme.speaker_colors(i).line for i in range(len(hanoi.speakers))}
        palette |= {style.color for style in theme.edge.values()}
        assert used and used <= {c.upper() for c in palette}


def test_agreement_cells(small: dict[str, Any]) -> None:
    page = Page(report(argmap.loads(dumps(small))))
    cells = [(page.text_of(i), a) for i, a in page.find("td", class_="net")]
    assert cells == [("-2", {"class": "net negative", "title": "1 disagrees · 1 attacks"})]


def test_no_agreement_says_so() -> None:
    m = ArgumentMap("T", speakers=(Speaker("s", "S"),), claims=(Claim("c", "s", "C"),))
    assert "No relation runs between different speakers" in report(m)


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
