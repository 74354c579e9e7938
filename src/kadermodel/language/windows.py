"""Warnings about ``binnen`` windows too long to be meant (``als d binnen 3000000 dagen``).

Such a window is not an error: date arithmetic is total (:func:`kadermodel.model.subtract`), and
a window that reaches before year 1 simply holds every date up to the peildatum. But a window
longer than :data:`MAX_WINDOW_YEARS` years is almost surely a typing mistake, so ``kadermodel
check`` (and every load) warns about it (K311).
"""

from __future__ import annotations

from collections.abc import Iterator

from kadermodel import model as m
from kadermodel.errors import Diagnostic

MAX_WINDOW_YEARS = 200
_DAYS = {"dag": 1, "week": 7, "maand": 31, "jaar": 366}
_UNIT_WORDS = {"dag": "dagen", "week": "weken", "maand": "maanden", "jaar": "jaar"}


def window_warnings(kader: m.Kader) -> tuple[Diagnostic, ...]:
    """A K311 warning for each ``binnen`` window longer than :data:`MAX_WINDOW_YEARS` years."""
    found: list[Diagnostic] = []
    for within in _windows(kader):
        if within.amount * _DAYS[within.unit] <= MAX_WINDOW_YEARS * 366:
            continue
        found.append(
            Diagnostic(
                "K311",
                f"'binnen {within.amount} {_UNIT_WORDS[within.unit]}' reikt meer dan "
                f"{MAX_WINDOW_YEARS} jaar terug; bedoel je dat?",
                within.span,
                hint="een venster dat verder teruggaat dan het jaar 1 geldt voor elke datum "
                "tot de peildatum; controleer het getal",
                severity="waarschuwing",
            )
        )
    return tuple(found)


def _windows(kader: m.Kader) -> Iterator[m.Within]:
    conditions = [b.condition for b in kader.bouwstenen.values() if b.condition]
    conditions.extend(s.condition for s in kader.stellingen.values())
    conditions.extend(c.condition for c in kader.controles.values())
    for node in m.walk(conditions):
        if isinstance(node, m.Within):
            yield node
