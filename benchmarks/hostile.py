"""Time argmap on the hostile shapes of issue 19 at n and 4n and print a markdown table.

    python benchmarks/hostile.py               # the sizes below
    python benchmarks/hostile.py --scale 4     # each n four times larger

Each path is timed as CPU seconds of one run; the last column is the ratio of 4n to n, which
stays near 4 for linear work and reaches 16 for quadratic work.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from typing import Any

import argmap
from argmap import analysis

BASE: dict[str, Any] = {
    "argmap": "1",
    "title": "T",
    "speakers": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    "claims": [
        {"id": "a1", "speaker": "ann", "text": "A."},
        {"id": "a2", "speaker": "ann", "text": "B."},
        {"id": "b1", "speaker": "bob", "text": "C."},
    ],
    "relations": [{"id": "r1", "from": "a2", "to": "a1", "type": "supports"}],
}


def refused(text: str) -> Callable[[], None]:
    def work() -> None:
        try:
            argmap.loads(text)
        except argmap.MapError:
            return
        raise AssertionError("the hostile map was accepted")

    return work


def duplicate_keys(n: int) -> Callable[[], Any]:
    keys = ", ".join(f'"k{i % (n // 2)}": 0' for i in range(n))
    return refused(json.dumps(BASE)[:-1] + ', "data": {' + keys + "}}")


def undefined_speakers(n: int) -> Callable[[], Any]:
    speakers = [{"id": f"s{i}", "name": "S"} for i in range(n)]
    claims = [{"id": f"c{i}", "speaker": f"nobody{i}", "text": "T."} for i in range(n)]
    return refused(json.dumps(BASE | {"speakers": speakers, "claims": claims, "relations": []}))


def undefined_targets(n: int) -> Callable[[], Any]:
    claims = BASE["claims"] + [{"id": f"c{i}", "speaker": "ann", "text": "T."} for i in range(n)]
    relations = [{"from": f"c{i}", "to": f"gone{i}", "type": "supports"} for i in range(n)]
    return refused(json.dumps(BASE | {"claims": claims, "relations": relations}))


def undercut_chain(n: int) -> Callable[[], Any]:
    chain = [
        {"id": f"u{i}", "from": ("b1", "a2")[i % 2], "to": f"u{i - 1}" if i > 1 else "r1"}
        | {"type": "undercuts"}
        for i in range(n, 0, -1)  # listed backwards: the worst order
    ]
    m = argmap.loads(json.dumps(BASE | {"relations": BASE["relations"] + chain}))
    return lambda: argmap.render(m, "dot", relations=("supports", "undercuts"))


def camps_around_a_hub(n: int) -> Callable[[], Any]:
    speakers = [{"id": f"s{i}", "name": "S"} for i in range(n)]
    relations = [{"from": f"s{i}", "to": "s0", "type": "agrees"} for i in range(1, n)]
    m = argmap.loads(
        json.dumps(BASE | {"speakers": speakers, "claims": [], "relations": relations})
    )
    return lambda: analysis.camps(m)


def quotes_of_a_transcript(n: int) -> Callable[[], Any]:
    # Not hostile, only large: n quoted sentences of a transcript of n sentences, its words
    # drawn with Zipf's law like a language's (each str.find used to scan the text).
    rng = random.Random(2)
    vocabulary = [f"w{i}" for i in range(20_000)]
    weights = [1 / (i + 1) for i in range(20_000)]
    sentences = [
        " ".join(rng.choices(vocabulary, weights, k=rng.randint(8, 20))).capitalize() + "."
        for _ in range(n)
    ]
    claims = [
        {"id": f"c{i}", "speaker": "ann", "text": "T.", "quote": s} for i, s in enumerate(sentences)
    ]
    text, document = "\n".join(sentences), json.dumps(BASE | {"claims": claims, "relations": []})
    return lambda: argmap.loads(document, source_text=text)


PATHS: dict[str, tuple[Callable[[int], Callable[[], Any]], int]] = {
    "duplicate keys in one object": (duplicate_keys, 20_000),
    "claims naming undefined speakers": (undefined_speakers, 1_000),
    "relations to undefined ids": (undefined_targets, 1_000),
    "backwards undercut chain, filtered DOT": (undercut_chain, 2_000),
    "camps: speakers agreeing with one": (camps_around_a_hub, 1_000),
    "quotes found in a transcript of as many sentences": (quotes_of_a_transcript, 10_000),
}


def seconds(work: Callable[[], Any]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="multiply every n by this")
    scale = parser.parse_args().scale
    print("| path | n | s at n | s at 4n | 4n / n |")
    print("|---|---:|---:|---:|---:|")
    for name, (make, n) in PATHS.items():
        small, large = seconds(make(n * scale)), seconds(make(4 * n * scale))
        ratio = large / max(small, 1e-3)
        print(f"| {name} | {n * scale:,} | {small:.2f} | {large:.2f} | {ratio:.1f} |")


if __name__ == "__main__":
    main()
