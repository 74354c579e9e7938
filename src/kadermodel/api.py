"""The entry points a user calls: load and parse kaders and facts, assess.

These functions only wire the stages together (syntax -> checks -> [extend] -> model;
facts; evaluate); each stage lives in its own module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kadermodel.engine.batch import assess_many
from kadermodel.engine.evaluate import Assessment, evaluate
from kadermodel.errors import Diagnostic, KaderError, os_error_reason, suggest
from kadermodel.extend.apply import apply_extension_path, apply_file, apply_text
from kadermodel.facts.core import Facts, facts_for
from kadermodel.gcpause import pause_gc
from kadermodel.language import ast
from kadermodel.language.bundled import BUNDLED_KADER, bundled_ids, bundled_kader
from kadermodel.language.checks import check_kader
from kadermodel.language.syntax import parse_source
from kadermodel.model import Kader

__all__ = [
    "BUNDLED_KADER",
    "apply_extension",
    "assess",
    "assess_many",
    "bundled_ids",
    "bundled_kader",
    "load_kader",
    "parse_kader",
]


def parse_kader(
    text: str,
    name: str = "<tekst>",
    *,
    extensions: Iterable[str | Path] = (),
    search_path: Iterable[Path] = (),
) -> Kader:
    """Parse and check kadertaal text.

    A kader file gives its kader; an uitbreiding file (``uitbreiding x op basis``) is applied
    to its base, found among the bundled kaders and the ``.kader`` files in ``search_path``.
    ``extensions`` are then applied in order.

    >>> kader = parse_kader('''
    ... kader voorbeeld { titel "Voorbeeld" }
    ... feit a: ja_nee
    ... thema t "Thema" { plateau 1 { bouwsteen b "Tekst." als a } }
    ... ''')
    >>> kader.id, list(kader.bouwstenen)
    ('voorbeeld', ['t.b'])
    """
    with pause_gc():
        tree = parse_source(text, name)
        if isinstance(tree, ast.UitbreidingFile):
            kader = apply_file(tree, text, search_path=tuple(search_path))
        else:
            kader = check_kader(tree, text)
    for extension in extensions:
        kader = apply_extension_path(kader, Path(extension))
    return kader


def load_kader(path: str | Path, *, extensions: Iterable[str | Path] = ()) -> Kader:
    """Load a ``.kader`` file, or a bundled kader by its id (``vng_mensenhandel_2021``).

    ``extensions`` (paths of uitbreiding files) are applied in order: national, regional,
    municipal.
    """
    text_path = Path(path)
    if not text_path.suffix and str(path) in bundled_ids():
        kader = bundled_kader(str(path))
        for extension in extensions:
            kader = apply_extension_path(kader, Path(extension))
        return kader
    try:
        # utf-8-sig: editors on Windows often start a file with a byte order mark
        text = text_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        detail = (
            os_error_reason(error) if isinstance(error, OSError) else "geen leesbaar UTF-8-bestand"
        )
        raise KaderError(
            [
                Diagnostic(
                    "K500",
                    f"kan kaderbestand '{path}' niet lezen: {detail}",
                    None,
                    hint="geef een pad naar een .kader-bestand of de naam van een "
                    "meegeleverd kader: " + ", ".join(bundled_ids()),
                    suggestion=suggest(str(path), bundled_ids()),
                )
            ]
        ) from None
    return parse_kader(text, str(path), extensions=extensions, search_path=(text_path.parent,))


def apply_extension(
    kader: Kader, text: str, name: str = "<uitbreiding>", *, peildatum: dt.date | None = None
) -> Kader:
    """Apply uitbreiding text (``uitbreiding x op basis { ... }``) to ``kader``, in memory.

    The base is never changed; the result is a new kader with provenance. ``peildatum`` is
    the day the weakening check measures ``binnen`` windows from (default: today).

    >>> regio = apply_extension(bundled_kader(), '''
    ... uitbreiding regio op vng_mensenhandel_2021 {
    ...     parameter min_driehoek = 4
    ... }
    ... ''')
    >>> regio.parameters["min_driehoek"].value, regio.extensions
    (4, ('regio',))
    """
    return apply_text(kader, text, name, peildatum=peildatum)


def assess(
    kader: Kader,
    facts: Facts | Mapping[str, Any],
    peildatum: dt.date | None = None,
) -> Assessment:
    """Assess a municipality's facts against a kader.

    The peildatum (for ``binnen`` conditions) is the argument, else the facts' own, else today.

    >>> kader = parse_kader('''
    ... kader voorbeeld { titel "Voorbeeld" }
    ... feit a: ja_nee
    ... feit b: aantal
    ... thema t "Thema" {
    ...     plateau 1 { bouwsteen x "Tekst." als a }
    ...     plateau 2 { bouwsteen y "Tekst." als b >= 2 }
    ... }
    ... ''')
    >>> assess(kader, {"a": True}).themas["t"].plateau
    PlateauRange(low=1, high=2)
    """
    facts = facts_for(kader, facts)
    day = peildatum or facts.peildatum or dt.date.today()
    return evaluate(kader, facts, day)
