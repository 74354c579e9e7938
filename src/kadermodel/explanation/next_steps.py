"""The smallest change of facts that lifts a thema to its next plateau: :func:`next_steps`.

>>> from kadermodel import assess, parse_kader
>>> kader = parse_kader('''
... kader voorbeeld { titel "Voorbeeld" }
... feit a: ja_nee
... feit n: aantal
... thema t "Thema" {
...     plateau 1 { bouwsteen b "A." als a }
...     plateau 2 { bouwsteen c "Vaak." als n >= 3 }
... }
... ''')
>>> result = assess(kader, {"a": True, "n": 1}, peildatum=dt.date(2026, 6, 30))
>>> steps = next_steps(result, "t")
>>> steps.target, dict(steps.changes)
(2, {'n': 3})
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from kadermodel import model as m
from kadermodel.engine.evaluate import Assessment, PlateauRange
from kadermodel.engine.interpret import Environment, Trace, trace
from kadermodel.engine.interpret import truth as leaf_truth
from kadermodel.explanation.search import (
    OutOfBudget,
    Runner,
    candidate_values,
    dependency_closure,
    environment,
    facts_read,
    unknown_name,
)
from kadermodel.explanation.why import SupportLiteral
from kadermodel.logic import Truth, at_least, not_
from kadermodel.model import FactValue, format_value

SEARCH_BUDGET = 50_000


# ====================================================================== next steps


@attrs.frozen
class Change:
    """One fact to change: ``gezagsdriehoek_besprekingen_per_jaar: 1 -> 2``."""

    fact: str
    old: FactValue | None
    new: FactValue
    vraag: str | None = None

    def __str__(self) -> str:
        return f"{self.fact}: {format_value(self.old)} -> {format_value(self.new)}"


@attrs.frozen
class NextSteps:
    """What it takes to lift a thema to its next plateau.

    ``target`` is ``low + 1``, or ``None`` when the thema is certainly at its top plateau.
    ``changes`` (fact -> new value) reaches ``target``: applying them gives ``low >=
    target``. It is minimal (no proper subset reaches it) and, when ``optimal``, as small as
    possible: fewest facts changed; among equally small sets, fewest known facts changed
    (answering an open question beats overturning an answer), then values closest to the
    current ones (summed rank of each value among that fact's candidates ordered by distance
    to its current value; for an unknown fact: smallest number, earliest keuze value,
    smallest set, date closest to the peildatum, ``ja`` before ``nee``), then the facts
    earliest in the kader's declaration order.
    """

    thema: str
    title: str
    plateau: PlateauRange
    top: int
    target: int | None
    blocking: tuple[str, ...]
    """Bouwstenen that must become ``waar``, every dependency before its dependants: those of
    plateaus 1..target that are not ``waar``, and the bouwstenen they depend on that the
    changes turn ``waar`` (when unreachable: every dependency that is not ``waar``)."""
    steps: tuple[Change, ...]
    """The changes, in fact declaration order."""
    reachable: bool
    """False when no change of facts reaches the target (e.g. a condition that can never
    hold); ``steps`` is then empty."""
    optimal: bool
    """True when the search was exhaustive; False when it ran out of budget and fell back
    to a greedy search (the change set is then minimal but maybe not the smallest)."""

    @property
    def changes(self) -> Mapping[str, FactValue]:
        return MappingProxyType({c.fact: c.new for c in self.steps})

    @property
    def at_top(self) -> bool:
        return self.target is None


class _Optimist:
    """Can the target bouwstenen still all become ``waar``, reading every literal that
    touches a free fact as ``waar``?

    A sound test (a literal's real truth is never above ``waar`` and, with negations pushed
    to the literals, conditions only grow with their literals) that also sees what Kleene
    evaluation cannot: a fact that stays unknown for good (``onbekend`` is also what an
    undecided fact looks like to the compiled plan).
    """

    def __init__(self, kader: m.Kader, peildatum: dt.date, targets: Sequence[str]):
        self.kader = kader
        self.peildatum = peildatum
        self.targets = targets

    def possible(self, values: Mapping[str, FactValue | None], free: set[str]) -> bool:
        memo: dict[tuple[str, bool], Truth] = {}

        def fail(_: str) -> Truth:  # bouwstenen are handled in ``value``
            raise AssertionError

        env = Environment(self.kader, values, self.peildatum, fail)

        def value(cond: m.Cond, negated: bool) -> Truth:
            match cond:
                case m.Not(item):
                    return value(item, not negated)
                case m.BouwsteenIs(qid):
                    key = (qid, negated)
                    if key not in memo:
                        full = self.kader.bouwstenen[qid].full_condition
                        memo[key] = value(full, negated)
                    return memo[key]
                case m.And(items) | m.Or(items):
                    parts = [value(i, negated) for i in items]
                    conjunction = isinstance(cond, m.And) != negated
                    return Truth(min(parts, default=2) if conjunction else max(parts, default=0))
                case m.AtLeast(count, items):
                    parts = [value(i, negated) for i in items]
                    needed = len(items) - count + 1 if negated else count
                    return at_least(needed, parts)
            if any(f in free for f in facts_read(cond)):
                return Truth.TRUE
            found = leaf_truth(cond, env)
            return not_(found) if negated else found

        return all(value(m.BouwsteenIs(q), False) is Truth.TRUE for q in self.targets)


@attrs.define
class _ChangeSearch:
    """Searches the facts that can help for a change set giving ``low >= target``.

    Changes are ``{fact index: (code, rank)}``; see :class:`NextSteps` for the order.
    """

    runner: Runner
    thema_slot: int
    target: int
    base: list[int | None]
    order: list[int]
    """Fact indexes to decide, in search order."""
    options: dict[int, list[tuple[int, int]]]
    """Per fact index: alternative (code, rank) pairs, best rank first."""
    budget: int
    optimist: _Optimist
    values: Mapping[str, FactValue | None]
    """The current (decoded) fact values."""
    best_key: tuple[Any, ...] | None = None
    best: dict[int, tuple[int, int]] | None = None

    def low_high(self, encoded: Sequence[int | None]) -> tuple[int, int]:
        if self.budget <= 0:
            raise OutOfBudget
        self.budget -= 1
        ranges = self.runner.ranges(encoded)
        return ranges[2 * self.thema_slot], ranges[2 * self.thema_slot + 1]

    def key(self, chosen: Mapping[int, tuple[int, int]]) -> tuple[Any, ...]:
        indexes = sorted(chosen)
        known = sum(1 for i in indexes if self.base[i] is not None)
        ranks = tuple(chosen[i][1] for i in indexes)
        return (len(indexes), known, sum(ranks), tuple(indexes), ranks)

    def record(self, chosen: Mapping[int, tuple[int, int]]) -> None:
        key = self.key(chosen)
        if self.best_key is None or key < self.best_key:
            self.best_key = key
            self.best = dict(chosen)

    def undecided(self, position: int) -> list[int | None]:
        """The base facts, with the facts from ``position`` on in search order unknown."""
        work = list(self.base)
        for index in self.order[position:]:
            work[index] = None
        return work

    def search(
        self, position: int, work: list[int | None], chosen: dict[int, tuple[int, int]]
    ) -> None:
        """Branch and bound: every change set that could beat the best one so far."""
        rest = list(work)
        for i in self.order[position:]:
            rest[i] = self.base[i]
        if self.low_high(rest)[0] >= self.target:
            self.record(chosen)
            return
        if position == len(self.order):
            return
        if self.best_key is not None:
            # At least one more change is needed; counts, known facts and ranks only grow.
            ranks = sum(r for _, r in chosen.values())
            known = sum(1 for i in chosen if self.base[i] is not None)
            if (len(chosen) + 1, known, ranks) > self.best_key[:3]:
                return
        # The facts not decided yet are unknown in ``work``: if the thema cannot reach the
        # target even so, no choice for them can (monotonicity).
        if self.low_high(work)[1] < self.target:
            return
        index = self.order[position]
        work[index] = self.base[index]
        if self.base[index] is not None or self.still_possible(position + 1, chosen):
            self.search(position + 1, work, chosen)
        for code, rank in self.options[index]:
            work[index] = code
            chosen[index] = (code, rank)
            self.search(position + 1, work, chosen)
            del chosen[index]
        work[index] = None

    def still_possible(self, position: int, chosen: Mapping[int, tuple[int, int]]) -> bool:
        """The optimistic test, once an unknown fact has been kept unknown."""
        if self.budget <= 0:
            raise OutOfBudget
        self.budget -= 1
        names = self.runner.names
        values = dict(self.values)
        for index, (code, _) in chosen.items():
            values[names[index]] = self.runner.kader.feiten[names[index]].type.decode(code)
        free = {names[i] for i in self.order[position:]}
        return self.optimist.possible(values, free)

    def first(
        self, position: int, work: list[int | None], chosen: dict[int, tuple[int, int]]
    ) -> dict[int, tuple[int, int]] | None:
        """Some change set, trying changes before keeping a value (a quick upper bound)."""
        if self.low_high(work)[1] < self.target:
            return None
        if position == len(self.order):
            return dict(chosen) if self.low_high(work)[0] >= self.target else None
        index = self.order[position]
        for code, rank in self.options[index]:
            work[index] = code
            chosen[index] = (code, rank)
            found = self.first(position + 1, work, chosen)
            del chosen[index]
            if found is not None:
                return found
        work[index] = self.base[index]
        found = self.first(position + 1, work, chosen)
        work[index] = None
        return found

    def reaches(self, chosen: Mapping[int, tuple[int, int]]) -> bool:
        encoded = list(self.base)
        for i, (code, _) in chosen.items():
            encoded[i] = code
        return self.low_high(encoded)[0] >= self.target

    def prune(self, chosen: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
        """Drop changes one by one (latest declared first) while the target is still met."""
        for index in sorted(chosen, reverse=True):
            trial = {i: c for i, c in chosen.items() if i != index}
            if self.reaches(trial):
                chosen = trial
        return chosen

    def run(self) -> bool:
        """Search; True when the result is proven best (the search was exhaustive)."""
        try:
            found = self.first(0, self.undecided(0), {})
            if found is None:
                return True
            self.record(self.prune(found))
            self.search(0, self.undecided(0), {})
        except OutOfBudget:
            if self.best is not None:
                # The best set so far may still hold a change it does not need.
                self.budget = len(self.best) + 1
                self.best = self.prune(self.best)
            return False
        return True


def _distance(type_: m.FactType, old: FactValue | None, new: FactValue, day: dt.date) -> Any:
    """How far ``new`` is from ``old`` (see :class:`NextSteps` for unknown ``old``)."""
    match type_.kind:
        case "ja_nee":
            return 0 if new == (True if old is None else not old) else 1
        case "aantal":
            assert isinstance(new, int)
            return new if old is None else abs(new - int(old))  # type: ignore[arg-type]
        case "keuze":
            position = type_.values.index(str(new))
            return position if old is None else abs(position - type_.values.index(str(old)))
        case "verzameling":
            assert isinstance(new, frozenset)
            return len(new) if old is None else len(new ^ old)  # type: ignore[operator]
        case _:
            assert isinstance(new, dt.date)
            reference = day if old is None else old
            assert isinstance(reference, dt.date)
            return abs((new - reference).days)


def _open_literal_facts(
    kader: m.Kader, env: Environment, roots: Iterable[str], order: Sequence[str]
) -> list[str]:
    """The facts that can be part of a minimal change set for ``roots``.

    Walks the formulas of ``roots`` with every referenced bouwsteen's condition inlined
    (keeping polarity): the facts of every literal that is not ``waar``, and, since a literal
    comparing two facts can break when one of them changes, every fact compared with such a
    fact (to a fixpoint). A fact outside this set can keep its value: its literals stay
    ``waar``, and with negations pushed to the literals, conditions only grow with them.
    Returned in the order of first appearance, walking ``order``.
    """
    found: dict[str, None] = {}
    groups: list[tuple[str, ...]] = []
    seen: set[tuple[str, bool]] = set()

    def visit(qid: str, negated: bool) -> None:
        if (qid, negated) in seen:
            return
        seen.add((qid, negated))
        for lit in literals(trace(kader.bouwstenen[qid].full_condition, env), negated):
            if isinstance(lit.cond, m.BouwsteenIs):
                visit(lit.cond.bouwsteen, lit.negated)
                continue
            facts = facts_read(lit.cond)
            if lit.truth is not Truth.TRUE:
                found.update(dict.fromkeys(facts))
            if len(facts) > 1:
                groups.append(facts)

    wanted = set(roots)
    for qid in order:
        if qid in wanted:
            visit(qid, False)
    grown = True
    while grown:
        grown = False
        for facts in groups:
            if any(f in found for f in facts) and not all(f in found for f in facts):
                found.update(dict.fromkeys(facts))
                grown = True
    return list(found)


def literals(tr: Trace, negated: bool) -> Iterator[SupportLiteral]:
    """Every literal of a traced condition."""
    stack: list[tuple[Trace, bool]] = [(tr, negated)]
    while stack:
        node, neg = stack.pop()
        if isinstance(node.cond, m.Not):
            stack.append((node.children[0], not neg))
        elif isinstance(node.cond, m.And | m.Or | m.AtLeast):
            stack.extend((child, neg) for child in reversed(node.children))
        else:
            truth = not_(node.truth) if neg else node.truth
            yield SupportLiteral((), node.cond, neg, truth)


def next_steps(assessment: Assessment, thema: str, *, budget: int = SEARCH_BUDGET) -> NextSteps:
    """The smallest change of facts that lifts ``thema`` to the plateau above its ``low``."""
    kader = assessment.kader
    if thema not in kader.themas:
        raise unknown_name("thema", thema, kader.themas)
    result = assessment.themas[thema]
    info = kader.themas[thema]
    low = result.plateau.low
    if low >= info.top:
        return NextSteps(thema, info.title, result.plateau, info.top, None, (), (), True, True)
    target = low + 1
    roots = [q for p in info.plateaus[:target] for q in p.bouwstenen]
    not_true = [q for q in roots if assessment.truth(q) is not Truth.TRUE]
    closure = dependency_closure(kader, roots)
    env = environment(assessment)
    candidates = _open_literal_facts(kader, env, roots, closure)

    runner = Runner(kader, assessment.peildatum, assessment.afwijkingen)
    values = assessment.facts.values
    base = list(assessment.facts.encoded)
    choices = candidate_values(kader, values, assessment.peildatum)
    options: dict[int, list[tuple[int, int]]] = {}
    order: list[int] = []
    for name in candidates:
        index = runner.fact_index[name]
        type_ = kader.feiten[name].type
        old = values[name]
        alternatives = [v for v in choices[name] if v != old]
        alternatives.sort(key=lambda v: _distance(type_, old, v, assessment.peildatum))
        options[index] = [(type_.encode(v), rank) for rank, v in enumerate(alternatives)]
        order.append(index)
    optimist = _Optimist(kader, assessment.peildatum, roots)
    search = _ChangeSearch(
        runner, runner.thema_index[thema], target, base, order, options, budget, optimist, values
    )
    optimal = search.run()
    chosen = None if search.best is None else {i: c for i, (c, _) in search.best.items()}
    names = list(kader.feiten)
    if chosen is None:
        blocking = tuple(q for q in closure if assessment.truth(q) is not Truth.TRUE)
        return NextSteps(
            thema, info.title, result.plateau, info.top, target, blocking, (), False, optimal
        )
    steps = []
    for index in sorted(chosen):
        name = names[index]
        new = kader.feiten[name].type.decode(chosen[index])
        steps.append(Change(name, values[name], new, kader.feiten[name].vraag))
    after = list(base)
    for index, code in chosen.items():
        after[index] = code
    truths_after = runner.run(after)[0]
    must = set(not_true)
    blocking = tuple(
        q
        for q in closure
        if q in must
        or (
            assessment.truth(q) is not Truth.TRUE
            and truths_after[runner.bouwsteen_index[q]] == Truth.TRUE
        )
    )
    return NextSteps(
        thema, info.title, result.plateau, info.top, target, blocking, tuple(steps), True, optimal
    )
