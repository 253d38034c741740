"""`python -m etl ...` is `cfwatch ...`: what the tests and the scheduler start as a child."""

import sys

from etl.commands.cli import main

sys.exit(main())
