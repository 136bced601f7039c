"""`python -m meanstest`: the same command line as the `meanstest` script."""

from meanstest.cli import main

main()
