"""The toolkit the change searches share (next steps, relevance, next question).

The searches rely on two facts about the semantics. Kleene evaluation is *monotone*:
turning an unknown fact into a value never changes a decided condition, so "set the facts
not yet chosen to unknown and evaluate" is a sound test that no choice for them can make a
bouwsteen true (it prunes the searches). And conditions only compare facts with a few
constants, so :func:`kadermodel.engine.abstraction.boundary_values` gives a handful of
values per fact that stand for all of them; searching those is exhaustive.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Mapping, Sequence

from kadermodel import model as m
from kadermodel.engine.abstraction import boundary_values
from kadermodel.engine.deps import closure
from kadermodel.engine.evaluate import Assessment, plan_of
from kadermodel.engine.interpret import Environment
from kadermodel.engine.order import evaluation_order
from kadermodel.engine.plan import AssessFunction, override_function
from kadermodel.engine.results import met_indexes
from kadermodel.errors import Diagnostic, KaderError, suggest
from kadermodel.facts.afwijking import Afwijking
from kadermodel.model import FactValue, format_value
from kadermodel.model import facts_read as facts_read
from kadermodel.model import walk as walk


def environment(assessment: Assessment) -> Environment:
    return Environment(
        assessment.kader, assessment.facts.values, assessment.peildatum, assessment.truth
    )


def unknown_name(kind: str, name: str, candidates: Iterable[str]) -> KaderError:
    return KaderError(
        [
            Diagnostic(
                "K202",
                f"onbekend{'e' if kind == 'bouwsteen' else ''} {kind} '{name}'",
                None,
                suggestion=suggest(name, list(candidates)),
            )
        ]
    )


# ====================================================================== shared search helpers


class Runner:
    """Fast evaluation of encoded fact vectors for one assessment's kader and peildatum."""

    def __init__(
        self, kader: m.Kader, peildatum: dt.date, afwijkingen: Mapping[str, Afwijking] = {}
    ):
        self.kader = kader
        self.plan = plan_of(kader)
        self.cutoffs = self.plan.cutoffs(peildatum)
        met = met_indexes(kader, afwijkingen)
        self.function: AssessFunction = self.plan.function
        """The plan's function; with afwijkingen, the variant that counts them as met."""
        if met:
            override = override_function(kader)

            def with_afwijkingen(
                encoded: Sequence[int | None], cutoffs: Sequence[int]
            ) -> tuple[tuple[int, ...], tuple[int, ...]]:
                return override(encoded, cutoffs, met)

            self.function = with_afwijkingen
        self.peildatum = peildatum
        self.fact_index = kader.fact_index()
        self.bouwsteen_index = {q: i for i, q in enumerate(self.plan.bouwsteen_ids)}
        self.thema_index = {t: i for i, t in enumerate(self.plan.thema_ids)}
        self.names = list(kader.feiten)
        self.runs = 0

    def run(self, encoded: Sequence[int | None]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        self.runs += 1
        return self.function(encoded, self.cutoffs)

    def ranges(self, encoded: Sequence[int | None]) -> tuple[int, ...]:
        return self.run(encoded)[1]

    def encode(self, name: str, value: FactValue | None) -> int | None:
        return None if value is None else self.kader.feiten[name].type.encode(value)


_BOUNDARY_CACHE: weakref.WeakKeyDictionary[
    m.Kader, dict[dt.date, dict[str, tuple[FactValue, ...]]]
] = weakref.WeakKeyDictionary()


def candidate_values(
    kader: m.Kader,
    values: Mapping[str, FactValue | None],
    peildatum: dt.date,
) -> dict[str, tuple[FactValue, ...]]:
    """Representative values per fact, given the current (known) values.

    :func:`~kadermodel.abstraction.boundary_values` over every bouwsteen, plus, for facts
    compared with another fact, the values around that other fact's current value (a fact
    that keeps its value acts as a constant).
    """
    per_kader = _BOUNDARY_CACHE.setdefault(kader, {})
    if peildatum not in per_kader:
        per_kader[peildatum] = boundary_values(kader, peildatum=peildatum)
    base = per_kader[peildatum]
    extra: list[m.Cond] = []
    sets: dict[str, set[FactValue]] = {}
    for block in kader.bouwstenen.values():
        for node in walk([block.full_condition]):
            if not isinstance(node, m.Compare):
                continue
            left, right = node.left, node.right
            if not (isinstance(left, m.FactOperand) and isinstance(right, m.FactOperand)):
                continue
            for side, other in ((left, right), (right, left)):
                value = values.get(other.name)
                if value is None:
                    continue
                if node.type.kind == "verzameling":
                    sets.setdefault(side.name, set()).add(value)
                else:
                    extra.append(m.Compare(side, "=", m.Const(value), node.type))
    if not extra and not sets:
        return dict(base)
    conditions = [b.full_condition for b in kader.bouwstenen.values()] + extra
    found = boundary_values(kader, conditions, peildatum=peildatum)
    for name, added in sets.items():
        found[name] = tuple(dict.fromkeys([*found[name], *sorted(added, key=format_value)]))
    return found


def dependency_closure(kader: m.Kader, roots: Iterable[str]) -> list[str]:
    """``roots`` and every bouwsteen they depend on, in evaluation order."""
    wanted = closure(kader, roots)
    return [q for q in evaluation_order(kader) if q in wanted]


def thema_closure(kader: m.Kader, thema: str, upto: int | None = None) -> list[str]:
    plateaus = kader.themas[thema].plateaus[: upto if upto is not None else None]
    return dependency_closure(kader, [q for p in plateaus for q in p.bouwstenen])


class OutOfBudget(Exception):
    pass
