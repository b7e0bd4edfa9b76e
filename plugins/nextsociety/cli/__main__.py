"""`python -m nextsociety.cli`: the same as the `nextsociety` command."""

import sys

from nextsociety.cli.main import main

sys.exit(main())
