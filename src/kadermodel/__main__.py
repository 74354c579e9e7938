"""``python -m kadermodel``: the same as the ``kadermodel`` command."""

import sys

from kadermodel.cli import main

if __name__ == "__main__":
    sys.exit(main())
