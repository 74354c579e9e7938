"""Where Debian's chromium is and how every browser test starts it.

Playwright drives this browser through ``executable_path``; it never downloads one. The flags
keep Chromium off the network (this machine's network is closed: without them it retries
Google's hosts at every start). ``make test`` installs the package when it is missing.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("KADERMODEL_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
