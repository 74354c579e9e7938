"""(kader, facts, peildatum) -> :class:`Assessment`: run the compiled plan.

The plan compiler lives in :mod:`kadermodel.engine.plan`, the result values in
:mod:`kadermodel.engine.results`; both are re-exported here, where the rest of kadermodel
imports them from.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kadermodel import model as m
from kadermodel.engine.plan import CHUNK, AssessFunction, Plan, compile_plan, plan_of
from kadermodel.engine.results import (
    Assessment,
    BouwsteenResult,
    KaderResults,
    PlateauRange,
    ThemaResult,
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
    "PlateauRange",
    "ThemaResult",
    "compile_plan",
    "evaluate",
    "plan_of",
    "results_of",
]


def evaluate(kader: m.Kader, facts: Facts, peildatum: dt.date) -> Assessment:
    """Run the compiled plan of ``kader`` over ``facts`` (already encoded for this kader)."""
    truths, ranges = plan_of(kader).run(facts.encoded, peildatum)
    return Assessment(kader, facts, peildatum, truths, ranges)
