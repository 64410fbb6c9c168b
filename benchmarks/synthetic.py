"""Synthetic maps for benchmarks: N claims, 10 speakers, 2 relations per claim (fewer for the
first two, which have fewer earlier claims to answer).

    python benchmarks/synthetic.py 10000 > synthetic_10k.json     # a map file to try things on

>>> m = synthetic_map(100)
>>> len(m["claims"]), len(m["relations"])
(100, 197)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

RELATION_TYPES = ("supports", "attacks", "elaborates", "agrees", "disagrees")
#: The vocabulary of generated claim texts.
WORDS = (
    "summit",
    "sanctions",
    "talks",
    "nuclear",
    "security",
    "guarantees",
    "economy",
    "risk",
    "deal",
    "peace",
)


def synthetic_map(
    claims: int, speakers: int = 10, per_claim: int = 2, seed: int = 1
) -> dict[str, Any]:
    """A valid map as a JSON object. Relations point to earlier claims, like replies in a debate."""
    rng = random.Random(seed)
    result: dict[str, Any] = {
        "argmap": "1",
        "title": f"Synthetic debate with {claims:,} claims",
        "speakers": [
            {"id": f"s{i}", "name": f"Speaker {i}", "role": "expert"} for i in range(speakers)
        ],
        "claims": [
            {
                "id": f"c{i}",
                "speaker": f"s{rng.randrange(speakers)}",
                "text": " ".join(rng.choices(WORDS, k=rng.randint(6, 14))).capitalize() + ".",
            }
            for i in range(claims)
        ],
        "relations": [],
    }
    relations = result["relations"]
    for i in range(1, claims):
        for target in rng.sample(range(i), min(per_claim, i)):
            relations.append(
                {
                    "id": f"r{len(relations)}",
                    "from": f"c{i}",
                    "to": f"c{target}",
                    "type": rng.choice(RELATION_TYPES),
                }
            )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic map as JSON to stdout.")
    parser.add_argument("claims", type=int)
    parser.add_argument("--speakers", type=int, default=10)
    parser.add_argument("--per-claim", type=int, default=2, help="relations per claim")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    document = synthetic_map(args.claims, args.speakers, args.per_claim, args.seed)
    json.dump(document, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
