"""The kaders shipped with kadermodel (``kadermodel/kaders/*.kader``), by id.

Low in the layers on purpose: an uitbreiding names its base by id, and the extension layer
resolves that id here without going through the public facade. Bundled kaders are base
kaders, never uitbreidingen, so parsing and checking is all they need.
"""

from __future__ import annotations

from importlib import resources

from kadermodel.errors import Diagnostic, KaderError, suggest
from kadermodel.gcpause import pause_gc
from kadermodel.language import ast
from kadermodel.language.checks import check_kader
from kadermodel.language.syntax import parse_source
from kadermodel.model import Kader

BUNDLED_KADER = "vng_mensenhandel_2021"
"""The id of the VNG 2021 Kader mensenhandel, the default kader everywhere."""

_CACHE: dict[str, Kader] = {}


def bundled_ids() -> tuple[str, ...]:
    """Ids of the kaders shipped with kadermodel."""
    folder = resources.files("kadermodel").joinpath("kaders")
    return tuple(
        sorted(p.name.removesuffix(".kader") for p in folder.iterdir() if p.name.endswith(".kader"))
    )


def bundled_text(kader_id: str) -> str:
    """The kadertaal text of a bundled kader."""
    return resources.files("kadermodel").joinpath("kaders", f"{kader_id}.kader").read_text("utf-8")


def bundled_kader(kader_id: str = BUNDLED_KADER) -> Kader:
    """A kader shipped with kadermodel; by default the VNG 2021 Kader mensenhandel."""
    if kader_id not in _CACHE:
        if kader_id not in bundled_ids():
            raise KaderError(
                [
                    Diagnostic(
                        "K501",
                        f"er is geen meegeleverd kader '{kader_id}'",
                        None,
                        hint="meegeleverd: " + ", ".join(bundled_ids()),
                        suggestion=suggest(kader_id, bundled_ids()),
                    )
                ]
            )
        name = f"{kader_id}.kader"
        text = bundled_text(kader_id)
        with pause_gc():
            tree = parse_source(text, name)
            assert isinstance(tree, ast.KaderFile), "bundled kaders are never uitbreidingen"
            _CACHE[kader_id] = check_kader(tree, text)
    return _CACHE[kader_id]
