"""``python -m cleanup``: the same as the ``cleanup`` command."""

import sys

from .cli import main

sys.exit(main())
