"""Real-shaped maps for benchmarks: what real debates look like, at any size.

Real maps (``maps/``, the corpora argmap reads) are forests of small trees with many isolated
claims: about four in ten claims answer nothing and are answered by nothing; the rest hang in
trees of two to eight claims, each reply supporting, attacking or elaborating one claim of its
own tree; a few speakers agree or disagree with each other; claims carry quotes, some texts
hold colons, and some predictions have outcomes. ``synthetic.py`` makes the opposite, dense
maps where every claim answers two random earlier ones.

    python benchmarks/forest.py 10000 > forest_10k.json

>>> m = forest_map(1000)
>>> len(m["claims"]), sum(r["type"] in ("agrees", "disagrees") for r in m["relations"]) > 0
(1000, True)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

from synthetic import WORDS


def forest_map(claims: int, seed: int = 1) -> dict[str, Any]:
    """A valid map of ``claims`` claims shaped like a real debate (see the module)."""
    rng = random.Random(seed)
    speakers = max(2, min(40, claims // 25))
    result: dict[str, Any] = {
        "argmap": "1",
        "title": f"Real-shaped debate with {claims:,} claims",
        "source": {"title": "A panel", "url": "https://example.org/panel", "date": "2019-02-27"},
        "speakers": [
            {"id": f"s{i}", "name": f"Speaker {i}", "role": "expert"} for i in range(speakers)
        ],
        "claims": [],
        "relations": [],
    }
    claims_out, relations = result["claims"], result["relations"]
    index = 0
    while index < claims:
        size = 1 if rng.random() < 0.4 else rng.randint(2, 8)
        tree = []
        for _ in range(min(size, claims - index)):
            words = " ".join(rng.choices(WORDS, k=rng.randint(6, 14)))
            claim: dict[str, Any] = {
                "id": f"s{rng.randrange(speakers)}.c{index}",
                "speaker": "",
                "text": (f"Note: {words}." if rng.random() < 0.1 else words.capitalize() + "."),
                "quote": words,
            }
            claim["speaker"] = claim["id"].split(".")[0]
            if rng.random() < 0.1:
                claim["kind"] = "prediction"
                claim["outcome"] = {"status": "false", "source": "Later reports"}
            if tree:
                relations.append(
                    {
                        "from": claim["id"],
                        "to": rng.choice(tree),
                        "type": rng.choice(("supports", "attacks", "elaborates")),
                    }
                )
            tree.append(claim["id"])
            claims_out.append(claim)
            index += 1
    for i in range(speakers // 2):
        relations.append(
            {
                "from": f"s{i}",
                "to": f"s{speakers - 1 - i}",
                "type": rng.choice(("agrees", "disagrees")),
            }
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a real-shaped map as JSON to stdout.")
    parser.add_argument("claims", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    json.dump(forest_map(args.claims, args.seed), sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
