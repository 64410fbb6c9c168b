"""Check argmap's Argdown export with Argdown's own parser: does Argdown read back, word for
word, the claim texts and inference rules that argmap wrote?

    python scripts/argdown_check.py                    # the example maps, tests/data, random text
    python scripts/argdown_check.py maps/mine.json     # these maps (any format argmap reads)

Needs Node.js and npm (not argmap's dependencies, and not run by the test suite): the first
run installs @argdown/core at the version below into ~/.cache/argmap/ (the npm registry). Each
map is exported with ``argmap.formats.argdown.dumps`` and parsed by Argdown's ParserPlugin,
DataPlugin and ModelPlugin; a statement's text is compared with its claim's text (white space
runs made one space, as the export writes it), an inference's rules with the relation's. It
prints one line per map and exits 1 when any text differs. ``tests/test_formats_argdown.py``
holds the escaping rules this checks (``syntax_left``); run this when they change, or when a
new @argdown/core comes out.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import argmap
from argmap.formats import argdown, read

VERSION = "2.0.1"
HOME = Path.home() / ".cache" / "argmap" / f"argdown-core-{VERSION}"
ROOT = Path(__file__).resolve().parent.parent
READER = """
const core = require("@argdown/core");
const app = new core.ArgdownApplication();
app.addPlugin(new core.ParserPlugin(), "parse-input");
app.addPlugin(new core.DataPlugin(), "build-model");
app.addPlugin(new core.ModelPlugin(), "build-model");
const input = require("fs").readFileSync(process.argv[2], "utf8");
const r = app.run({input, process: ["parse-input", "build-model"], logLevel: "error"});
const texts = {};
for (const [title, ec] of Object.entries(r.statements || {}))
  texts[title] = ec.members.filter(m => typeof m.text === "string").map(m => m.text.trim());
const rules = Object.values(r.arguments || {}).flatMap(a => (a.pcs || [])
  .filter(s => s.inference && (s.inference.inferenceRules || []).length)
  .map(s => s.inference.inferenceRules.map(x => x.trim())));
console.log(JSON.stringify({errors: (r.lexerErrors || []).length + (r.parserErrors || []).length,
                            texts, rules}));
"""


def install() -> Path:
    """The folder holding @argdown/core and the reader script, installed once."""
    if not (HOME / "node_modules" / "@argdown" / "core").is_dir():
        HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(HOME), f"@argdown/core@{VERSION}"],
            check=True,
        )
    (HOME / "read.cjs").write_text(READER, encoding="utf-8")
    return HOME


def argdown_reads(text: str, home: Path) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".argdown", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        done = subprocess.run(
            ["node", str(home / "read.cjs"), file.name], capture_output=True, check=True, text=True
        )
    return json.loads(done.stdout)


def differences(m: argmap.ArgumentMap, home: Path) -> tuple[int, list[str]]:
    """Argdown's parse errors, and each claim text and rule list it reads otherwise."""
    seen = argdown_reads(argdown.dumps(m), home)
    found = []
    for claim in m.claims:
        wanted = " ".join(claim.text.split())
        got = seen["texts"].get(claim.id, [None])[0]
        if got != wanted:
            found.append(f"{claim.id}: {wanted!r} read as {got!r}")
    wanted_rules = sorted(
        r.data["argdown"]["rules"]
        for r in m.relations
        if isinstance(r.data.get("argdown"), dict) and r.data["argdown"].get("rules")
    )
    if sorted(seen["rules"]) != sorted({json.dumps(x): x for x in wanted_rules}.values()):
        found.append(f"rules {wanted_rules!r} read as {seen['rules']!r}")
    return seen["errors"], found


def random_map(seed: int, claims: int = 400) -> argmap.ArgumentMap:
    """Claims of random text thick with what Argdown gives a meaning."""
    pick = random.Random(seed)
    pieces = [*"ab .,:;!?-+<>[]{}()#@*_/\\=~`'\"|^%&$", "<!--", "/*", "//", "===", "P.O.", ".->."]
    texts = ["".join(pick.choices(pieces, k=pick.randint(1, 25))) for _ in range(claims)]
    return argmap.loads(
        json.dumps(
            {
                "argmap": "1",
                "title": "random text",
                "speakers": [{"id": "s", "name": "S"}],
                "claims": [
                    {"id": f"c{i}", "speaker": "s", "text": t}
                    for i, t in enumerate(texts)
                    if t.strip()
                ],
            }
        )
    )


def main() -> int:
    home = install()
    paths = [Path(p) for p in sys.argv[1:]] or [
        *sorted((ROOT / "maps").glob("*.json")),
        *sorted((ROOT / "examples").glob("*.json")),
        *sorted((ROOT / "tests" / "data").glob("*/*.argdown")),
    ]
    maps = [(str(p), read(p)) for p in paths]
    if not sys.argv[1:]:
        maps += [(f"random text, seed {seed}", random_map(seed)) for seed in range(3)]
    failed = 0
    for name, m in maps:
        errors, found = differences(m, home)
        failed += bool(errors or found)
        print(f"{name}: {len(m.claims)} claims, {errors} Argdown errors, {len(found)} differ")
        for line in found[:5]:
            print(f"    {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
