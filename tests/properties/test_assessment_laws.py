"""Laws of assessment on random generated kaders and random facts with unknowns.

* ``0 <= low <= high <= number of plateaus`` for every thema;
* ``low == high`` when every fact is known;
* making an unknown fact known never lowers ``low`` and never raises ``high`` (and never
  changes a bouwsteen that was already waar or onwaar);
* the range contains the plateau of every completion of the unknown facts;
* the result is deterministic (same input twice; a re-parsed kader);
* the compiled evaluator agrees with the straightforward reference interpreter below, which
  walks the resolved :mod:`kadermodel.model` conditions with :mod:`kadermodel.logic`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import operator
from collections.abc import Callable, Mapping
from unittest import mock

import strategies as gen
from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel
from kadermodel import model as m
from kadermodel.engine import plan
from kadermodel.engine.order import evaluation_order
from kadermodel.logic import Truth, and_, at_least, not_, or_

EXAMPLES = settings(max_examples=40)

_TESTS: dict[str, Callable[[object, object], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "na": operator.gt,
    "voor": operator.lt,
}


# ------------------------------------------------------------------ the reference interpreter


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier, clamped to the end of that month."""
    year, month = day.year, day.month - months
    while month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_start(peildatum: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "dag":
        return peildatum - dt.timedelta(days=amount)
    if unit == "week":
        return peildatum - dt.timedelta(days=7 * amount)
    return months_before(peildatum, amount * (12 if unit == "jaar" else 1))


class Reference:
    """Evaluates a kader by walking its conditions: no compilation, no encoding."""

    def __init__(
        self, kader: kadermodel.Kader, values: Mapping[str, object], peildatum: dt.date
    ) -> None:
        self.kader = kader
        self.values = values
        self.peildatum = peildatum
        self.truths: dict[str, Truth] = {}

    def bouwsteen(self, qid: str) -> Truth:
        if qid not in self.truths:
            self.truths[qid] = self.cond(self.kader.bouwstenen[qid].full_condition)
        return self.truths[qid]

    def operand(self, operand: m.Operand) -> object:
        if isinstance(operand, m.FactOperand):
            return self.values.get(operand.name)
        if isinstance(operand, m.ParamOperand):
            return self.kader.parameters[operand.name].value
        return operand.value

    def cond(self, cond: m.Cond) -> Truth:
        if isinstance(cond, m.FactIs):
            value = self.values.get(cond.fact)
            return Truth.UNKNOWN if value is None else Truth.of(bool(value))
        if isinstance(cond, m.ParamIs):
            return Truth.of(bool(self.kader.parameters[cond.param].value))
        if isinstance(cond, m.Compare):
            left, right = self.operand(cond.left), self.operand(cond.right)
            if left is None or right is None:
                return Truth.UNKNOWN
            if cond.type.kind == "keuze":
                left = cond.type.values.index(str(left))
                right = cond.type.values.index(str(right))
            return Truth.of(_TESTS[cond.op](left, right))
        if isinstance(cond, m.Member):
            value = self.values.get(cond.fact)
            if value is None:
                return Truth.UNKNOWN
            if cond.kind == "in":
                return Truth.of(value in cond.values)
            assert isinstance(value, frozenset)
            if cond.kind == "alle":
                return Truth.of(set(cond.values) <= value)
            return Truth.of(bool(set(cond.values) & value))
        if isinstance(cond, m.Within):
            value = self.values.get(cond.fact)
            if value is None:
                return Truth.UNKNOWN
            assert isinstance(value, dt.date)
            start = window_start(self.peildatum, cond.amount, cond.unit)
            return Truth.of(start <= value <= self.peildatum)
        if isinstance(cond, m.BouwsteenIs):
            return self.bouwsteen(cond.bouwsteen)
        if isinstance(cond, m.Not):
            return not_(self.cond(cond.item))
        if isinstance(cond, m.And):
            return and_(*(self.cond(c) for c in cond.items))
        if isinstance(cond, m.Or):
            return or_(*(self.cond(c) for c in cond.items))
        if isinstance(cond, m.AtLeast):
            return at_least(cond.count, [self.cond(c) for c in cond.items])
        raise AssertionError(f"no reference semantics for {cond!r}")

    def plateau(self, thema: m.Thema) -> tuple[int, int]:
        low = high = 0
        certain = possible = True
        for plateau in thema.plateaus:
            truths = [self.bouwsteen(q) for q in plateau.bouwstenen]
            certain = certain and all(t is Truth.TRUE for t in truths)
            possible = possible and all(t is not Truth.FALSE for t in truths)
            low += certain
            high += possible
        return low, high


# ------------------------------------------------------------------ helpers


def ranges(assessment: kadermodel.Assessment) -> dict[str, tuple[int, int]]:
    return {t: (r.plateau.low, r.plateau.high) for t, r in assessment.themas.items()}


def truths(assessment: kadermodel.Assessment) -> dict[str, kadermodel.Truth]:
    return {q: r.truth for q, r in assessment.bouwstenen.items()}


def assess(
    generated: gen.GeneratedKader, values: Mapping[str, object], peildatum: dt.date
) -> kadermodel.Assessment:
    return kadermodel.assess(kadermodel.parse_kader(generated.text), values, peildatum)


# ------------------------------------------------------------------ laws


@EXAMPLES
@given(gen.kaders_with_facts())
def test_plateau_ranges_are_ordered_and_bounded(case: tuple) -> None:
    generated, values, peildatum = case
    result = assess(generated, values, peildatum)
    assert list(result.themas) == list(generated.plateau_counts)
    for thema, plateau_range in ranges(result).items():
        low, high = plateau_range
        assert 0 <= low <= high <= generated.plateau_counts[thema]
        assert result.themas[thema].top == generated.plateau_counts[thema]


@EXAMPLES
@given(gen.kaders_with_facts(unknowns=False))
def test_everything_known_decides_every_thema_and_bouwsteen(case: tuple) -> None:
    generated, values, peildatum = case
    result = assess(generated, values, peildatum)
    assert all(r.plateau.decided for r in result.themas.values())
    assert all(r.truth is not Truth.UNKNOWN for r in result.bouwstenen.values())


@st.composite
def kader_facts_and_one_more(draw: st.DrawFn) -> tuple:
    generated, values, peildatum = draw(gen.kaders_with_facts())
    unknown = [name for name, value in values.items() if value is None]
    if not unknown:
        name = draw(st.sampled_from(sorted(values)))
        values = {**values, name: None}
        unknown = [name]
    name = draw(st.sampled_from(sorted(unknown)))
    value = draw(gen.values_for(generated.fact(name), peildatum, generated.text))
    return generated, values, peildatum, name, value


@EXAMPLES
@given(kader_facts_and_one_more())
def test_learning_a_fact_never_lowers_low_nor_raises_high(case: tuple) -> None:
    generated, values, peildatum, name, value = case
    kader = kadermodel.parse_kader(generated.text)
    before = kadermodel.assess(kader, values, peildatum)
    after = kadermodel.assess(kader, {**values, name: value}, peildatum)
    for thema, (low, high) in ranges(before).items():
        new_low, new_high = ranges(after)[thema]
        assert low <= new_low <= new_high <= high, (thema, name, value)
    for qid, truth in truths(before).items():
        if truth is not Truth.UNKNOWN:
            assert truths(after)[qid] is truth, (qid, name, value)


@st.composite
def kader_facts_and_completion(draw: st.DrawFn) -> tuple:
    generated, values, peildatum = draw(gen.kaders_with_facts())
    complete = dict(values)
    for name, value in values.items():
        if value is None:
            complete[name] = draw(gen.values_for(generated.fact(name), peildatum, generated.text))
    return generated, values, complete, peildatum


@EXAMPLES
@given(kader_facts_and_completion())
def test_range_contains_the_plateau_of_every_completion(case: tuple) -> None:
    generated, partial, complete, peildatum = case
    kader = kadermodel.parse_kader(generated.text)
    uncertain = ranges(kadermodel.assess(kader, partial, peildatum))
    exact = ranges(kadermodel.assess(kader, complete, peildatum))
    for thema, (low, high) in uncertain.items():
        reached, reached_too = exact[thema]
        assert reached == reached_too
        assert low <= reached <= high


@EXAMPLES
@given(gen.kaders_with_facts())
def test_assessment_is_deterministic(case: tuple) -> None:
    generated, values, peildatum = case
    kader = kadermodel.parse_kader(generated.text)
    facts = kadermodel.parse_facts(values, kader)
    first = kadermodel.assess(kader, facts, peildatum)
    again = kadermodel.assess(kader, facts, peildatum)
    reparsed = kadermodel.assess(kadermodel.parse_kader(generated.text), values, peildatum)
    assert first.truths == again.truths == reparsed.truths
    assert first.ranges == again.ranges == reparsed.ranges
    assert ranges(first) == ranges(reparsed)
    assert truths(first) == truths(reparsed)


@settings(max_examples=80)
@given(gen.kaders_with_facts())
def test_compiled_evaluator_agrees_with_reference_interpreter(case: tuple) -> None:
    generated, values, peildatum = case
    kader = kadermodel.parse_kader(generated.text)
    result = kadermodel.assess(kader, values, peildatum)
    reference = Reference(kader, values, peildatum)
    assert list(kader.bouwstenen) == list(generated.bouwstenen)
    for qid, outcome in result.bouwstenen.items():
        assert outcome.truth is reference.bouwsteen(qid), qid
    for thema_id, thema in kader.themas.items():
        plateau = result.themas[thema_id].plateau
        assert (plateau.low, plateau.high) == reference.plateau(thema), thema_id


@settings(max_examples=60)
@given(gen.kaders_with_facts())
def test_a_plan_in_parts_agrees_with_reference_interpreter(case: tuple) -> None:
    """Kaders of more than ``plan.CHUNK`` bouwstenen get a plan in parts sharing a list; the
    parts here hold two bouwstenen each, so every generated kader is split."""
    generated, values, peildatum = case
    kader = kadermodel.parse_kader(generated.text)
    with mock.patch.object(plan, "CHUNK", 2):
        parts = plan.compile_plan(kader)
    assert len(kader.bouwstenen) <= 2 or "_part_1" in parts.source
    truths, ranges = parts.run(kadermodel.parse_facts(values, kader).encoded, peildatum)
    reference = Reference(kader, values, peildatum)
    by_int = (Truth.FALSE, Truth.UNKNOWN, Truth.TRUE)
    assert [by_int[t] for t in truths] == [reference.bouwsteen(q) for q in kader.bouwstenen]
    expected = [reference.plateau(thema) for thema in kader.themas.values()]
    assert list(zip(ranges[::2], ranges[1::2], strict=True)) == expected


@EXAMPLES
@given(gen.kaders())
def test_evaluation_order_puts_dependencies_first(generated: gen.GeneratedKader) -> None:
    kader = kadermodel.parse_kader(generated.text)
    order = evaluation_order(kader)
    assert sorted(order) == sorted(kader.bouwstenen)
    position = {qid: i for i, qid in enumerate(order)}
    for qid, bouwsteen in kader.bouwstenen.items():
        for dependency in bouwsteen.depends_on:
            assert position[dependency] < position[qid]
