"""Synthetic maps for benchmarks: N claims, 10 speakers, 2 relations per claim (fewer for the
first two, which have fewer earlier claims to answer).

    python benchmarks/synthetic.py 10000 > synthetic_10k.json     # a map file to try things on
    python benchmarks/synthetic.py --forest 287 > debate_287.json  # shaped like a real debate

>>> m = synthetic_map(100)
>>> len(m["claims"]), len(m["relations"])
(100, 197)

:func:`forest_map` makes maps shaped like real debates instead: a forest of small trees of
replies plus many isolated claims (like a 287-claim QT30 nodeset: 112 components, the largest
of 13 claims, longest path 5, mostly supports):

>>> m = forest_map(287)
>>> len(m["claims"]), len(m["relations"]), len(m["speakers"])
(287, 199, 8)
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


def forest_map(claims: int, speakers: int = 8, seed: int = 1) -> dict[str, Any]:
    """A valid map shaped like a real debate: half of its components single claims, the rest
    trees of 2 to 13 claims at most 5 replies deep (287 claims: 99 components), replies
    mostly by another speaker; 80 % supports, 12 % attacks, the rest agrees or elaborates;
    a few extra links inside a tree; speakers' shares uneven, as in a moderated debate.

    Claims are numbered in speaking order and carry no quote (so no quote offsets).
    """
    rng = random.Random(seed)
    sentence = (
        "the government should fund public transport because cities need cleaner air and "
        "people cannot afford cars while taxes rise but evidence shows buses run empty at night"
    )
    words = sentence.split(" ")
    weights = [1 / (i + 1) for i in range(speakers)]
    result: dict[str, Any] = {
        "argmap": "1",
        "title": f"Real-shaped debate with {claims:,} claims",
        "speakers": [
            {"id": f"s{i}", "name": f"Speaker {i}", "role": "panellist"} for i in range(speakers)
        ],
        "claims": [],
        "relations": [],
    }
    relations = result["relations"]
    made = 0
    while made < claims:
        # Component sizes: over half single claims, the others trees of 2 to 13 claims.
        size = 1 if rng.random() < 0.5 else min(13, 2 + int(rng.expovariate(0.3)))
        size = min(size, claims - made)
        depth: dict[int, int] = {}
        for k in range(size):
            index = made + k
            speaker = rng.choices(range(speakers), weights)[0]
            text = " ".join(rng.choices(words, k=rng.randint(6, 22))).capitalize() + "."
            result["claims"].append({"id": f"c{index}", "speaker": f"s{speaker}", "text": text})
            if k == 0:
                depth[index] = 0
                continue
            parent = rng.choice([i for i, d in depth.items() if d < 5])
            depth[index] = depth[parent] + 1
            kind = rng.choices(["supports", "attacks", "agrees", "elaborates"], [80, 12, 4, 4])[0]
            relations.append({"from": f"c{index}", "to": f"c{parent}", "type": kind})
            if depth[index] > 1 and rng.random() < 0.15:  # a second link, to a claim made earlier
                other = rng.choice([i for i in depth if depth[i] < depth[index] and i != parent])
                relations.append({"from": f"c{index}", "to": f"c{other}", "type": "supports"})
        made += size
    for number, relation in enumerate(relations):
        relation["id"] = f"r{number}"
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic map as JSON to stdout.")
    parser.add_argument("claims", type=int)
    parser.add_argument("--speakers", type=int, default=10)
    parser.add_argument("--per-claim", type=int, default=2, help="relations per claim")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--forest", action="store_true", help="shaped like a real debate (forest_map; 8 speakers)"
    )
    args = parser.parse_args()
    if args.forest:
        document = forest_map(args.claims, seed=args.seed)
    else:
        document = synthetic_map(args.claims, args.speakers, args.per_claim, args.seed)
    json.dump(document, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
