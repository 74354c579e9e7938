"""A reference interpreter for resolved conditions, with a trace of every sub-condition.

The compiled plan (:mod:`kadermodel.engine.evaluate`) is what assessments run; this module walks the
same :mod:`kadermodel.model` conditions directly over decoded fact values. It is slower but
gives the truth of every node, which explanations, claims (stellingen) and the weakening
check need, and it serves as an independent oracle for the compiled plan in tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from kadermodel import model as m
from kadermodel.engine.order import evaluation_order
from kadermodel.logic import Truth, and_, at_least, not_, or_
from kadermodel.model import subtract


@attrs.frozen
class Environment:
    """What a condition can read: fact values, parameters, bouwstenen, plateaus, the date."""

    kader: m.Kader
    values: Mapping[str, m.FactValue | None]
    peildatum: dt.date
    bouwsteen: Callable[[str], Truth]
    """The truth of a bouwsteen by id (usually from an assessment)."""
    plateau: Callable[[str], tuple[int, int]] | None = None
    """(low, high) of a thema, for ``plateau(thema) >= n`` in stellingen."""


@attrs.frozen
class Trace:
    """A condition node with its truth and the traces of its sub-conditions."""

    cond: m.Cond
    truth: Truth
    children: tuple[Trace, ...] = ()


def _operand(env: Environment, operand: m.Operand) -> m.FactValue | None:
    if isinstance(operand, m.FactOperand):
        return env.values.get(operand.name)
    if isinstance(operand, m.ParamOperand):
        return env.kader.parameters[operand.name].value
    if isinstance(operand, m.PeildatumOperand):
        return env.peildatum
    return operand.value


def _ordered(type_: m.FactType, value: m.FactValue) -> object:
    """Keuze values compare by their declared order; everything else by itself."""
    if type_.kind == "keuze":
        return type_.values.index(str(value))
    return value


def _leaf(env: Environment, cond: m.Cond) -> Truth:
    match cond:
        case m.FactIs(fact):
            return Truth.of(env.values.get(fact))  # type: ignore[arg-type]
        case m.ParamIs(param):
            return Truth.of(bool(env.kader.parameters[param].value))
        case m.Compare(left, op, right, type_):
            a, b = _operand(env, left), _operand(env, right)
            if a is None or b is None:
                return Truth.UNKNOWN
            return Truth.of(m.COMPARATORS[op](_ordered(type_, a), _ordered(type_, b)))
        case m.Member(fact, kind, values):
            value = env.values.get(fact)
            if value is None:
                return Truth.UNKNOWN
            if kind == "in":
                return Truth.of(value in values)
            assert isinstance(value, frozenset)
            if kind == "alle":
                return Truth.of(set(values) <= value)
            return Truth.of(bool(value & set(values)))
        case m.Within(fact, amount, unit):
            day = env.values.get(fact)
            if day is None:
                return Truth.UNKNOWN
            assert isinstance(day, dt.date)
            return Truth.of(subtract(env.peildatum, amount, unit) <= day <= env.peildatum)
        case m.BouwsteenIs(qid):
            return env.bouwsteen(qid)
        case m.PlateauAtLeast(thema, op, value):
            if env.plateau is None:
                raise ValueError("plateau(...) needs plateaus in the environment")
            low, high = env.plateau(thema)
            # True if it holds for every plateau in low..high, false if for none.
            results = {m.COMPARATORS[op](p, value) for p in range(low, high + 1)}
            if results == {True}:
                return Truth.TRUE
            if results == {False}:
                return Truth.FALSE
            return Truth.UNKNOWN
    raise AssertionError(cond)  # pragma: no cover


def trace(cond: m.Cond, env: Environment) -> Trace:
    """Evaluate ``cond`` in ``env``, keeping the truth of every sub-condition."""
    if isinstance(cond, m.Not):
        inner = trace(cond.item, env)
        return Trace(cond, not_(inner.truth), (inner,))
    if isinstance(cond, m.And | m.Or | m.AtLeast):
        parts = tuple(trace(item, env) for item in cond.items)
        truths = [p.truth for p in parts]
        if isinstance(cond, m.And):
            truth = and_(*truths)
        elif isinstance(cond, m.Or):
            truth = or_(*truths)
        else:
            truth = at_least(cond.count, truths)
        return Trace(cond, truth, parts)
    return Trace(cond, _leaf(env, cond))


def truth(cond: m.Cond, env: Environment) -> Truth:
    """The truth of ``cond`` in ``env``."""
    return trace(cond, env).truth


def assess_reference(
    kader: m.Kader,
    values: Mapping[str, m.FactValue | None],
    peildatum: dt.date,
    met: frozenset[str] = frozenset(),
) -> tuple[dict[str, Truth], dict[str, tuple[int, int]]]:
    """Bouwsteen truths and (low, high) per thema, by interpretation (the test oracle).

    The bouwstenen in ``met`` (a valid afwijking) are waar whatever their condition says."""
    truths: dict[str, Truth] = {}
    env = Environment(kader, values, peildatum, truths.__getitem__)
    for qid in evaluation_order(kader):
        if qid in met:
            truths[qid] = Truth.TRUE
            continue
        truths[qid] = truth(kader.bouwstenen[qid].full_condition, env)
    ranges = {}
    for thema in kader.themas.values():
        low = high = 0
        for plateau in thema.plateaus:
            level = and_(*(truths[q] for q in plateau.bouwstenen))
            if level is Truth.TRUE and low == plateau.number - 1:
                low = plateau.number
            if level is not Truth.FALSE and high == plateau.number - 1:
                high = plateau.number
        ranges[thema.id] = (low, high)
    return truths, ranges
