"""``python -m govinfo_report``: the same as the ``govinfo-report`` command."""

import sys

from .cli import main

sys.exit(main())
