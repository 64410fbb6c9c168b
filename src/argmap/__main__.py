"""``python -m argmap``: the command line, as the ``argmap`` command."""

from argmap.cli import run

run()
