"""Tolerant quote look-up (argmap.quotes) against a plain reference: fold every character,
keep a table of where each folded character came from."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.quotes import SourceText, fold

VARIANTS = {"\u201c": '"', "\u201d": '"', "\u2019": "'", "`": "'", "\u2014": "-", "\u2026": "..."}
#: soft hyphen, zero-width space, right-to-left mark, BOM: in no folded text
INVISIBLE = ["\u00ad", "\u200b", "\u200f", "\ufeff"]
PIECES = ["a", "b", "é", "😀", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u2028", "\u3000"]


def reference(text: str, quote: str) -> tuple[int, int] | None:
    """Folding one character at a time, with a table from folded to original offsets."""
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE:
            continue
        if char.isspace():
            if folded and folded[-1] == " ":  # no variant folds to a space
                continue
            folded.append(" ")
            offsets.append(index)
        else:
            replacement = VARIANTS.get(char, char)
            folded.extend(replacement)
            offsets.extend([index] * len(replacement))
    needle = " ".join("".join(VARIANTS.get(c, c) for c in quote if c not in INVISIBLE).split())
    start = "".join(folded).find(needle) if needle else -1
    if start < 0:
        return None
    return offsets[start], offsets[start + len(needle) - 1] + 1


texts = st.lists(st.sampled_from(PIECES + list(VARIANTS) + INVISIBLE), max_size=40).map("".join)


@given(texts, st.data())
def test_find_agrees_with_the_reference(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    source = SourceText(text)
    for quote in (text[start:end], '"a', "a...b", "a - b", "b'"):
        assert source.find(quote) == reference(text, quote)


def test_offsets_point_into_the_original_text() -> None:
    text = "Intro  \n\n He said\u2026 \u201cwar is  not a choice\u201d \u2013 twice."
    start, end = SourceText(text).find('... "war is not a choice" - twice') or (0, 0)
    assert text[start:end] == "\u2026 \u201cwar is  not a choice\u201d \u2013 twice"
    assert fold(text[start:end]) == '... "war is not a choice" - twice'


def test_fold_collapses_every_kind_of_space() -> None:
    assert fold("\u3000a\u2028\u2028b\r\n c\u00a0") == "a b c"
    assert fold("   ") == ""


@given(texts, st.data())
def test_the_word_index_finds_what_a_scan_finds(text: str, data: st.DataObject) -> None:
    from unittest import mock

    from argmap import quotes

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    words = text.split()
    middle = " ".join(words[len(words) // 3 :])
    with mock.patch.object(quotes, "_SCANS", 0), mock.patch.object(quotes, "_INDEXED_LENGTH", 0):
        source = SourceText(text)
        for quote in (text[start:end], middle, "a b a", "b a b a", "a\u2026 b c"):
            assert source.find(quote) == reference(text, quote)
        assert source._words is not None  # the index was used


def test_a_repeated_quote_is_found_where_it_first_occurs_with_the_index() -> None:
    text = "x " * 40_000 + "the cat sat on the mat. " * 3
    source = SourceText(text)
    quotes = [f"x x x x {i}" for i in range(20)] + ["the cat sat on the mat."]
    found = [source.find(q) for q in quotes]
    assert source._words is not None
    assert found[:20] == [None] * 20
    assert found[20] == (80_000, 80_000 + len("the cat sat on the mat."))
    assert source.find("sat on the mat. the cat") == (80_008, 80_008 + 23)


@given(texts, st.text(alphabet="ab é\n", max_size=30))
def test_the_nearest_passage_is_a_passage_of_the_text(text: str, quote: str) -> None:
    span = SourceText(text).nearest(quote)
    if span is not None:
        start, end = span
        assert 0 <= start < end <= len(text)


def test_a_near_miss_is_shown_where_it_stands() -> None:
    text = "HOST: Welcome.\nNOWAK: A charge is the only tool that actually changes behaviour.\n"
    source = SourceText(text)
    for quote in (
        "A charge is the only tool that actually changes behavior.",  # spelling
        "a charge is the only tool that changes behaviour",  # case, a word left out
    ):
        span = source.nearest(quote)
        assert span is not None
        assert text[slice(*span)] == "A charge is the only tool that actually changes behaviour."
    assert source.nearest("Paris is lovely in spring.") is None


def test_accents_match_composed_or_decomposed() -> None:
    # A transcript saved on a Mac (NFD: e + combining acute) and a quote typed elsewhere
    # (NFC: é) look the same and were 'not found'; and the other way round.
    decomposed, composed = "Cafe\u0301 au lait, s'il vous pla\u0131\u0302t.", "Café au lait"
    assert SourceText(decomposed).find(composed) == (0, 13)
    assert SourceText("Café au lait.").find("Cafe\u0301 au lait") == (0, 12)


def test_characters_nobody_sees_do_not_hide_a_quote() -> None:
    # A web page's soft hyphens and zero-width spaces, a right-to-left mark before a name.
    text = "Lankov: the Kore\u00adan Penin\u00adsula is \u200bquiet. \u200f\u05d3\u05df said no."
    source = SourceText(text)
    start, end = source.find("the Korean Peninsula is quiet.") or (0, 0)
    assert text[start:end] == "the Kore\u00adan Penin\u00adsula is \u200bquiet."
    start, end = source.find("\u05d3\u05df said") or (0, 0)
    assert text[start:end] == "\u05d3\u05df said"
    # the quote may hold them too, and they never join two words
    assert source.find("Penin\u00adsula is") == (text.index("Penin"), text.index(" \u200bquiet"))
    assert fold("a\u00ad \u200b\u00adb\ufeff") == "a b"
