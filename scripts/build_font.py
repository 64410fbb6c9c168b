"""Build the Arimo subsets that argmap embeds in its SVG, and their advance widths.

    pip install fonttools brotli          # for this script only; argmap does not need them
    python scripts/build_font.py /usr/share/fonts/truetype/croscore   # Debian: fonts-croscore

The bundled layout engine measures text with Arimo's metrics (Arial's). An SVG that carries
Arimo draws every line exactly as wide as the layout measured it, in any viewer, whatever
fonts the machine has. The whole font is 470 KB a style; argmap ships WOFF2 subsets split by
script (``latin``: Basic Latin, Latin-1, general punctuation, currency; ``latin-ext``: Latin
Extended-A; ``cyrillic``), and an SVG embeds only the pieces its text needs. Hinting and the
kerning tables are dropped: Graphviz does not kern, so a browser that kerned would draw lines
narrower than measured. The script also writes ``arimo-widths.json``: the advance width of
every covered character, in 1/2048 em, which argmap uses to find lines the engine measures
wrongly (it counts each UTF-8 byte of a non-ASCII character as a space).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "src" / "argmap" / "draw" / "fonts"
STYLES = {"regular": "Arimo-Regular.ttf", "bold": "Arimo-Bold.ttf"}
#: Pieces by script: name -> code point ranges (inclusive).
PIECES = {
    "latin": [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x20A0, 0x20BF), (0x2116, 0x2122)],
    "latin-ext": [(0x100, 0x17F)],
    "cyrillic": [(0x400, 0x4FF)],
}


def main(folder: str) -> None:
    widths: dict[str, dict[str, int]] = {}
    for style, name in STYLES.items():
        path = Path(folder) / name
        font = TTFont(path)
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        units = font["head"].unitsPerEm
        assert units == 2048, units
        widths[style] = {}
        for piece, ranges in PIECES.items():
            codepoints = [c for a, b in ranges for c in range(a, b + 1) if c in cmap]
            for c in codepoints:
                widths[style][str(c)] = metrics[cmap[c]][0]
            options = subset.Options()
            options.flavor = "woff2"
            options.hinting = False
            options.layout_features = []  # no kerning: Graphviz measures without it
            options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence
            options.notdef_outline = True
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=codepoints)
            piece_font = TTFont(path)
            subsetter.subset(piece_font)
            target = OUT / f"arimo-{style}-{piece}.woff2"
            piece_font.flavor = "woff2"
            piece_font.save(target)
            print(f"{target.name}: {target.stat().st_size} bytes, {len(codepoints)} characters")
    data = {"units_per_em": 2048, "ranges": {k: v for k, v in PIECES.items()}, **widths}
    target = OUT / "arimo-widths.json"
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{target.name}: {target.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/croscore")
