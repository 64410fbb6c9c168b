"""``python -m argmap.cli``: the command line."""

from argmap.cli import run

run()
