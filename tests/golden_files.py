"""The one golden-file helper: compare what a user would read with its golden file.

``KADERMODEL_UPDATE_GOLDEN=1`` rewrites the golden files from the current output instead;
review the diff (``git diff tests/golden``) before committing it, since the exact message
is part of the product.
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE_GOLDEN = os.environ.get("KADERMODEL_UPDATE_GOLDEN") == "1"


def check_golden(path: Path, produced: str) -> None:
    """Assert ``produced`` equals the golden file at ``path`` (or write it when updating)."""
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produced, encoding="utf-8")
        return
    assert path.exists(), f"{path} missing; run with KADERMODEL_UPDATE_GOLDEN=1"
    assert produced == path.read_text(encoding="utf-8")
