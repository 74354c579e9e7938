"""The entry points a user calls: load and parse kaders and facts, assess.

These functions only wire the stages together (syntax -> checks -> [extend] -> model;
facts; evaluate); each stage lives in its own module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from kadermodel import ast
from kadermodel.checks import check_kader
from kadermodel.errors import Diagnostic, KaderError, os_error_reason, suggest
from kadermodel.evaluate import Assessment, evaluate
from kadermodel.facts import Facts, build_facts, parse_facts
from kadermodel.gcpause import pause_gc
from kadermodel.model import Kader
from kadermodel.syntax import parse_source

BUNDLED_KADER = "vng_mensenhandel_2021"


def bundled_ids() -> tuple[str, ...]:
    """Ids of the kaders shipped with kadermodel."""
    folder = resources.files("kadermodel").joinpath("kaders")
    return tuple(
        sorted(p.name.removesuffix(".kader") for p in folder.iterdir() if p.name.endswith(".kader"))
    )


def _bundled_text(kader_id: str) -> str:
    return resources.files("kadermodel").joinpath("kaders", f"{kader_id}.kader").read_text("utf-8")


_BUNDLED_CACHE: dict[str, Kader] = {}


def bundled_kader(kader_id: str = BUNDLED_KADER) -> Kader:
    """A kader shipped with kadermodel; by default the VNG 2021 Kader mensenhandel."""
    if kader_id not in _BUNDLED_CACHE:
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
        _BUNDLED_CACHE[kader_id] = parse_kader(_bundled_text(kader_id), f"{kader_id}.kader")
    return _BUNDLED_CACHE[kader_id]


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
            from kadermodel.extend import apply_file

            kader = apply_file(tree, text, search_path=tuple(search_path))
        else:
            kader = check_kader(tree, text)
    for extension in extensions:
        from kadermodel.extend import apply_extension_path

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
            from kadermodel.extend import apply_extension_path

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
    return parse_kader(
        text, str(path), extensions=extensions, search_path=(text_path.resolve().parent,)
    )


def to_facts(kader: Kader, facts: Facts | Mapping[str, Any]) -> Facts:
    """``facts`` encoded for ``kader`` (re-validated when they were made for another kader)."""
    if isinstance(facts, Facts):
        if facts.layout is kader.feiten:
            return facts
        return build_facts(
            kader,
            facts.known,
            gemeente=facts.gemeente,
            peildatum=facts.peildatum,
            bronnen={k: v for k, v in facts.bronnen.items() if k in kader.feiten},
            source=facts.source,
        )
    return parse_facts(facts, kader)


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
    facts = to_facts(kader, facts)
    day = peildatum or facts.peildatum or dt.date.today()
    return evaluate(kader, facts, day)
