"""The claims view as a Mermaid flowchart, for Markdown reports on GitHub and GitLab.

One ``subgraph`` per speaker (titled with the speaker's name), one node per claim, one link
per relation with an arrow and a label per type, and a ``classDef`` per speaker colour, all
taken from the theme. A claim put as a question, a challenge, ... or reconstructed starts with
its marks in brackets (``[? QUESTION · PURE QUESTIONING]``). Claim ids become ``n0``, ``n1``,
... (speakers ``s0``, ...), so no id can clash with Mermaid's syntax; text goes into quoted
labels with every character that Mermaid or HTML could read as syntax written as a Mermaid
entity code (``#quot;``, ``#35;``).

>>> import argmap
>>> m = argmap.loads('''{"argmap": "1", "title": "T",
...   "speakers": [{"id": "ann", "name": "Ann"}],
...   "claims": [{"id": "a", "speaker": "ann", "text": "Tea [sic] is \\\\"best\\\\""},
...              {"id": "b", "speaker": "ann", "text": "B"}],
...   "relations": [{"from": "b", "to": "a", "type": "supports"}]}''')
>>> print(mermaid_flowchart(m))  # doctest: +ELLIPSIS
flowchart TB
    subgraph s0["Ann"]
        n0["Tea #91;sic#93; is #quot;best#quot;"]
        n1["B"]
    end
    n1 -->|"supports"| n0
    classDef speaker0 fill:#...,stroke:#...,color:#...
    class n0,n1 speaker0
    style s0 fill:#...,stroke:#...
    linkStyle 0 stroke:#...
"""

from __future__ import annotations

from typing import Final

from argmap.draw.acts import tags
from argmap.draw.arrange import ABSENT, drawn_speakers
from argmap.draw.dotsyntax import isolate
from argmap.draw.theme import DEFAULT_THEME, THEMES, EdgeStyle, Theme, checked_rankdir
from argmap.model import ArgumentMap, Claim

__all__ = ["escape", "mermaid_flowchart"]

#: ASCII punctuation that stays as it is in a quoted label; any other ASCII character that is
#: not a letter or digit, and any character that does not print, becomes an entity code.
#: (``:`` and ``;`` too: Mermaid rewrites lines that look like ``style ...:#...;``; and ``$``:
#: Mermaid 10.9+ draws text between ``$$`` as KaTeX mathematics, but not its entity code.)
_PLAIN: Final = frozenset(" .,!?'()-_/+*=@~^")
_HEADS: Final = {"normal": ">", "onormal": ">", "empty": ">", "tee": "x", "odot": "o", "dot": "o"}
_BODIES: Final = {"solid": ("--", "-"), "bold": ("==", "=")}  # else dotted: "-.-"


def escape(text: str) -> str:
    """``text`` for inside a quoted Mermaid label (``id["..."]``).

    ``"`` becomes ``#quot;``; other ASCII punctuation that Mermaid, Markdown or HTML could
    read (``# < > & [ ] { } | ` : ; % \\ $``), control characters, line breaks and other
    characters that do not print become decimal codes (``#35;``). Decoding the codes gives
    ``text`` back.

    >>> escape('a "b" <c> [d] #1 | `e`')
    'a #quot;b#quot; #60;c#62; #91;d#93; #35;1 #124; #96;e#96;'
    >>> escape("$$x^2$$")  # not mathematics
    '#36;#36;x^2#36;#36;'
    """
    out: list[str] = []
    for char in text:
        if char == '"':
            out.append("#quot;")
        elif char in _PLAIN or (char.isalnum() if char.isascii() else char.isprintable()):
            out.append(char)
        else:
            out.append(f"#{ord(char)};")
    return "".join(out)


def mermaid_flowchart(
    argument_map: ArgumentMap, *, theme: Theme | str = DEFAULT_THEME, rankdir: str = "TB"
) -> str:
    """The claims view of a map as Mermaid ``flowchart`` text (direction ``rankdir``).

    Relations between speakers link their subgraphs. A relation that is undercut runs through
    a small junction node (``j0``, ...) that the undercut links to. A speaker with no claims
    and no relations gets no empty subgraph: a comment names them (Mermaid has no line under
    a title).
    """
    look = THEMES[theme] if isinstance(theme, str) else theme
    m = argument_map
    names = {c.id: f"n{i}" for i, c in enumerate(m.claims)}
    names |= {s.id: f"s{i}" for i, s in enumerate(m.speakers)}
    keys = dict(m.relation_keys())
    undercut = [r.to_id for r in m.relations if r.type == "undercuts"]
    junctions = {key: f"j{i}" for i, key in enumerate(dict.fromkeys(undercut))}

    lines = [f"flowchart {checked_rankdir(rankdir)}"]
    drawn = drawn_speakers(m)
    absent = [s for s in m.speakers if s not in drawn]
    if absent:
        names_absent = "; ".join(escape(s.name) for s in absent)
        lines.append(f"    %% {ABSENT}{names_absent}")
    for speaker in drawn:
        lines.append(f'    subgraph {names[speaker.id]}["{escape(speaker.name)}"]')
        lines += [f'        {names[c.id]}["{escape(_label(c))}"]' for c in m.claims_by(speaker.id)]
        lines.append("    end")
    lines += [f'    {junction}((" "))' for junction in junctions.values()]

    link_colors: list[str] = []  # the colour of each link, in the order Mermaid numbers them
    for key, relation in keys.items():
        style = look.edge[relation.type]
        start = names[relation.from_id]
        end = junctions[relation.to_id] if relation.type == "undercuts" else names[relation.to_id]
        if key in junctions:
            lines.append(f"    {start} {_arrow(style, head=False)} {junctions[key]}")
            link_colors.append(style.color)
            start = junctions[key]
        lines.append(f'    {start} {_arrow(style)}|"{escape(style.label)}"| {end}')
        link_colors.append(style.color)

    for index, speaker in enumerate(m.speakers):
        if speaker in absent:  # styling a subgraph that is not there would make a node
            continue
        colors = look.speaker_colors(index)
        lines.append(
            f"    classDef speaker{index} fill:{colors.fill},stroke:{colors.line},color:{look.text}"
        )
        claims = [names[c.id] for c in m.claims_by(speaker.id)]
        if claims:
            lines.append(f"    class {','.join(claims)} speaker{index}")
        lines.append(f"    style {names[speaker.id]} fill:{look.cluster_fill},stroke:{colors.line}")
    by_color: dict[str, list[str]] = {}
    for number, color in enumerate(link_colors):
        by_color.setdefault(color, []).append(str(number))
    lines += [f"    linkStyle {','.join(n)} stroke:{color}" for color, n in by_color.items()]
    return "\n".join(lines) + "\n"


def _label(claim: Claim) -> str:
    """A claim's text, after the marks of its speech act in brackets when it has any.

    >>> _label(Claim("q", "ann", "Tax sugar?", data={"speech_act": "Rhetorical Questioning"}))
    '[? QUESTION · RHETORICAL QUESTIONING] Tax sugar?'
    """
    marks = tags(claim)
    return f"[{' - '.join(marks)}] {isolate(claim.text)}" if marks else claim.text


def _arrow(style: EdgeStyle, head: bool = True) -> str:
    """A Mermaid link in the theme's line style, with a head like the theme's arrowhead.

    >>> from argmap.draw.theme import THEMES
    >>> [_arrow(s) for s in THEMES["light"].edge.values()]
    ['-->', '--x', '-.-x', '-.->', '-.-o', '-.-']
    """
    tip = _HEADS.get(style.arrowhead, "") if head else ""
    body, plain_end = _BODIES.get(style.style, ("-.-", ""))
    return body + (tip or plain_end)
