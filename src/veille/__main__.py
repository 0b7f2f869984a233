"""`python -m veille` is the `veille` command."""
import sys

from .cli.main import main

sys.exit(main())
