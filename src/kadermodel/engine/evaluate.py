"""(kader, facts, peildatum) -> :class:`Assessment`: run the compiled plan.

The plan compiler lives in :mod:`kadermodel.engine.plan`, the result values in
:mod:`kadermodel.engine.results`; both are re-exported here, where the rest of kadermodel
imports them from.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kadermodel import model as m
from kadermodel.engine.plan import (
    CHUNK,
    AssessFunction,
    Plan,
    compile_plan,
    plan_of,
    run_with_afwijkingen,
)
from kadermodel.engine.results import (
    Assessment,
    BouwsteenResult,
    KaderResults,
    PlateauProgress,
    PlateauRange,
    ThemaProgress,
    ThemaResult,
    applied_afwijkingen,
    met_indexes,
    results_of,
)

if TYPE_CHECKING:
    from kadermodel.facts.value import Facts

__all__ = [
    "CHUNK",
    "AssessFunction",
    "Assessment",
    "BouwsteenResult",
    "KaderResults",
    "Plan",
    "PlateauProgress",
    "PlateauRange",
    "ThemaProgress",
    "ThemaResult",
    "compile_plan",
    "evaluate",
    "plan_of",
    "results_of",
]


def evaluate(kader: m.Kader, facts: Facts, peildatum: dt.date) -> Assessment:
    """Run the compiled plan of ``kader`` over ``facts`` (already encoded for this kader).

    A bouwsteen with an afwijking that holds on ``peildatum`` counts as waar (the plan's
    variant with afwijkingen, :func:`kadermodel.engine.plan.run_with_afwijkingen`)."""
    if facts.afwijkingen:
        applied = applied_afwijkingen(kader, facts.afwijkingen, peildatum)
        if applied:
            met = met_indexes(kader, applied)
            truths, ranges = run_with_afwijkingen(kader, facts.encoded, peildatum, met)
            return Assessment(kader, facts, peildatum, truths, ranges)
    truths, ranges = plan_of(kader).run(facts.encoded, peildatum)
    return Assessment(kader, facts, peildatum, truths, ranges)
