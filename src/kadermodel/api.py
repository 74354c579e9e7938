"""The entry points a user calls: load and parse kaders and facts, assess.

These functions only wire the stages together (syntax -> checks -> [extend] -> model, found by
:mod:`kadermodel.extend.load`; facts; evaluate); each stage lives in its own module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kadermodel.engine.batch import assess_many
from kadermodel.engine.evaluate import Assessment, evaluate
from kadermodel.extend import load
from kadermodel.facts.reader import facts_for
from kadermodel.facts.value import Facts
from kadermodel.language.bundled import BUNDLED_KADER, bundled_ids, bundled_kader
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
    return load.parse(text, name, extensions=extensions, search_path=search_path).kader


def load_kader(path: str | Path, *, extensions: Iterable[str | Path] = ()) -> Kader:
    """Load a ``.kader`` file, or a bundled kader by its id (``vng_mensenhandel_2021``).

    ``extensions`` (paths of uitbreiding files) are applied in order: national, regional,
    municipal. The rules for finding a kader and the base of an uitbreiding are those of
    :func:`kadermodel.extend.load.load`.
    """
    return load.load(path, extensions=extensions).kader


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
    from kadermodel.extend.apply import apply_text  # the extension machinery, only when used

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
