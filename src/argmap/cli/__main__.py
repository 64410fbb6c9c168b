"""``python -m argmap.cli``: the command line."""

from argmap.cli import main

main()
