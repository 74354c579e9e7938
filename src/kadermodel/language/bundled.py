"""The kaders shipped with kadermodel (``kadermodel/kaders/*.kader``), by id.

Low in the layers on purpose: an uitbreiding names its base by id, and the extension layer
resolves that id here without going through the public facade. :func:`bundled_ids` are the
base kaders: parsing and checking is all they need. The folder also holds bundled
uitbreidingen (:func:`bundled_extension_ids`, the readings ``lezing_*`` of
:mod:`kadermodel.extend.readings`), which the extension layer applies by id. The checked kader is
kept between processes (:mod:`kadermodel.language.cache`): loading it takes about a
millisecond, parsing and checking it a few hundredths of a second plus importing lark.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from kadermodel.errors import Diagnostic, KaderError, suggest
from kadermodel.gcpause import pause_gc
from kadermodel.language.cache import cache_dir, cache_path, load_value, save_value
from kadermodel.model import Kader

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

BUNDLED_KADER = "vng_mensenhandel_2021"
"""The id of the VNG 2021 Kader mensenhandel, the default kader everywhere."""

_CACHE: dict[str, Kader] = {}


_FOLDER = Path(__file__).resolve().parents[1] / "kaders"


def _folder() -> Path | Traversable:
    """The folder of the bundled kaders: on disk next to this module (importing
    importlib.resources costs more start-up time than all the rest of loading a bundled kader),
    else, in an installation that is not a folder (a zip), found through importlib.resources."""
    if _FOLDER.is_dir():
        return _FOLDER
    from importlib import resources

    return resources.files("kadermodel").joinpath("kaders")


_KINDS: dict[str, bool] = {}
"""Per bundled file id: whether it holds an uitbreiding (rather than a kader)."""
_FIRST_WORD = re.compile(r"\A(?:\s|#[^\n]*\n)*(\w+)")
_HEAD = 8192
"""How much of a file is read to find its first word (all of it if that is only comments)."""


def _kinds() -> dict[str, bool]:
    if not _KINDS:
        for path in _folder().iterdir():
            if path.name.endswith(".kader"):
                with path.open(encoding="utf-8") as file:
                    head = file.read(_HEAD)
                    found = _FIRST_WORD.match(head) or _FIRST_WORD.match(head + file.read())
                word = found.group(1) if found else ""
                _KINDS[path.name.removesuffix(".kader")] = word == "uitbreiding"
    return _KINDS


def bundled_ids() -> tuple[str, ...]:
    """Ids of the (base) kaders shipped with kadermodel."""
    return tuple(sorted(i for i, extension in _kinds().items() if not extension))


def bundled_extension_ids() -> tuple[str, ...]:
    """Ids of the uitbreidingen shipped with kadermodel (applied by id, like a file)."""
    return tuple(sorted(i for i, extension in _kinds().items() if extension))


def bundled_text(kader_id: str) -> str:
    """The kadertaal text of a bundled kader or uitbreiding."""
    return _folder().joinpath(f"{kader_id}.kader").read_text(encoding="utf-8")


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
        text = bundled_text(kader_id)
        path = cache_path(cache_dir(), "kader", kader_id, text)
        with pause_gc():
            kept = load_value(path)
            if isinstance(kept, Kader) and kept.id == kader_id:
                _CACHE[kader_id] = kept
            else:
                _CACHE[kader_id] = kader = _build(kader_id, text)
                save_value(path, kader)
    return _CACHE[kader_id]


def _build(kader_id: str, text: str) -> Kader:
    """Parse and check a bundled kader (lark and the checks are imported only here: most
    processes load the kader kept in the cache, see :mod:`kadermodel.language.cache`)."""
    from kadermodel.language import ast
    from kadermodel.language.checks import check_kader
    from kadermodel.language.syntax import parse_source

    tree = parse_source(text, f"{kader_id}.kader")
    assert isinstance(tree, ast.KaderFile), "bundled kaders are never uitbreidingen"
    return check_kader(tree, text)
