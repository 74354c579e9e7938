"""Shared pieces for the tests of kadermodel.explanation: strategies, golden files, brute force.

Random kaders come from the public :mod:`kadermodel.testing.strategies` (kept small here so
that exhaustive cross-checks stay cheap); fact sets are biased to the kader's boundaries.
The brute-force helpers enumerate fact values independently of
:func:`kadermodel.explanation.candidate_values` (every count up to past the highest threshold,
dates around every other date in play), so that they can check the searches' claims.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from hypothesis import strategies as st

import kadermodel as k
from kadermodel import model as m
from kadermodel.engine.abstraction import boundary_values
from kadermodel.engine.graph import dependencies
from kadermodel.testing import strategies as ks

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden" / "explain"
EXAMPLE_NAMES = ("starterdorp", "basisstad", "koploperstad", "voorbeeldstad")
PEILDATUM = dt.date(2026, 6, 30)
SCALE = int(os.environ.get("KADERMODEL_EXPLAIN_SCALE", "1"))
"""Multiplies the number of hypothesis examples (e.g. 20 for a long bug hunt)."""


def examples(count: int) -> int:
    return count * SCALE


Values = dict[str, m.FactValue | None]


# ------------------------------------------------------------------ strategies


def small_kaders() -> st.SearchStrategy[m.Kader]:
    """Small random kaders (parsed), every construct of the language."""
    return ks.kaders(
        max_feiten=6, max_themas=2, max_plateaus=3, max_bouwstenen=2, max_depth=2, stellingen=False
    ).map(lambda text: k.parse_kader(text, "<gegenereerd>"))


def facts_for(kader: m.Kader, unknown: float = 0.4) -> st.SearchStrategy[Values]:
    return ks.facts(kader, unknown, peildatum=PEILDATUM)


@st.composite
def kader_and_facts(draw: st.DrawFn, unknown: float = 0.4) -> tuple[m.Kader, Values]:
    kader = draw(small_kaders())
    return kader, draw(facts_for(kader, unknown))


def any_value(type_: m.FactType) -> st.SearchStrategy[m.FactValue]:
    """Any value of a type (not only boundary values)."""
    match type_.kind:
        case "ja_nee":
            return st.booleans()
        case "aantal":
            return st.integers(0, 10_000)
        case "keuze":
            return st.sampled_from(type_.values)
        case "verzameling":
            return st.frozensets(st.sampled_from(type_.values))
        case _:
            return st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))


# ------------------------------------------------------------------ brute force


def ranges(kader: m.Kader, values: Mapping[str, m.FactValue | None]) -> dict[str, tuple[int, int]]:
    result = k.assess(kader, {n: v for n, v in values.items() if v is not None}, PEILDATUM)
    return {t: (r.plateau.low, r.plateau.high) for t, r in result.themas.items()}


def thema_facts(kader: m.Kader, thema: str) -> list[str]:
    """Facts behind a thema's plateaus, in declaration order."""
    found: set[str] = set()
    for plateau in kader.themas[thema].plateaus:
        for qid in plateau.bouwstenen:
            found |= {d[5:] for d in dependencies(kader, qid) if d.startswith("feit:")}
    return [n for n in kader.feiten if n in found]


def value_pool(
    kader: m.Kader, names: Sequence[str], values: Mapping[str, m.FactValue | None]
) -> dict[str, list[m.FactValue]]:
    """Generous candidate values per fact, for exhaustive checks."""
    base = boundary_values(kader, peildatum=PEILDATUM)
    counts = [v for n, v in values.items() if isinstance(v, int) and not isinstance(v, bool)]
    days = [v for v in values.values() if isinstance(v, dt.date)]
    pool: dict[str, list[m.FactValue]] = {}
    for name in names:
        type_ = kader.feiten[name].type
        found: set[m.FactValue] = set(base[name])
        if type_.kind == "aantal":
            top = max([int(v) for v in found if isinstance(v, int)] + counts + [0])
            found |= set(range(top + 3))
        elif type_.kind == "datum":
            for day in [*days, PEILDATUM]:
                found |= {day + dt.timedelta(days=d) for d in (-1, 0, 1)}
        elif type_.kind == "verzameling":
            found |= {v for v in values.values() if isinstance(v, frozenset)}
            found = {v for v in found if isinstance(v, frozenset) and v <= set(type_.values)}
        pool[name] = sorted(found, key=repr)
    return pool


def assignments(
    names: Sequence[str], pool: Mapping[str, Sequence[m.FactValue]], limit: int
) -> Iterator[dict[str, m.FactValue]] | None:
    """Every assignment of pool values to ``names``, or None when there are over ``limit``."""
    size = 1
    for name in names:
        size *= len(pool[name])
        if size > limit:
            return None
    return (
        dict(zip(names, combo, strict=True))
        for combo in itertools.product(*(pool[n] for n in names))
    )
