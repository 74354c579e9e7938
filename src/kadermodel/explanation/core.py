"""Assessment -> explanations, next steps, relevant unknowns, the next question and diffs.

Everything here is data (frozen ``attrs`` values); :mod:`kadermodel.report.explanation` renders
it as Dutch text and JSON. The entry points:

- :func:`explain` (``Assessment.explain(id)``): why a bouwsteen is ``waar``, ``onwaar`` or
  ``onbekend``. For a decided bouwsteen a minimal set of sub-conditions (*literals*: leaf
  conditions with their polarity, so ``niet a`` is one literal) whose truth alone fixes the
  bouwsteen's truth; for an open one the literals still open and the unknown facts that
  could decide it.
- :func:`next_steps` (``Assessment.next_steps(thema)``): the smallest change of facts that
  lifts a thema's ``low`` to the next plateau.
- :func:`relevant_unknowns` (``Assessment.relevant_unknowns()``): which unknown facts can
  still move a thema's plateau range, and which cannot.
- :func:`next_question`: the most decisive open question, for an adaptive questionnaire.
- :func:`diff`: which thema's moved between two assessments, and why.

The searches rely on two facts about the semantics. Kleene evaluation is *monotone*:
turning an unknown fact into a value never changes a decided condition, so "set the facts
not yet chosen to unknown and evaluate" is a sound test that no choice for them can make a
bouwsteen true (it prunes the searches). And conditions only compare facts with a few
constants, so :func:`kadermodel.abstraction.boundary_values` gives a handful of values per
fact that stand for all of them; searching those is exhaustive.

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
>>> [(r.condition, str(r.truth)) for r in explain(result, "t.c").reasons]
[('n >= 3', 'onwaar')]
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal

import attrs

from kadermodel import model as m
from kadermodel.engine.abstraction import boundary_values
from kadermodel.engine.evaluate import Assessment, PlateauRange, plan_of
from kadermodel.engine.graph import dependencies
from kadermodel.engine.interpret import Environment, Trace, trace
from kadermodel.engine.interpret import truth as leaf_truth
from kadermodel.engine.order import evaluation_order
from kadermodel.errors import Diagnostic, KaderError, suggest
from kadermodel.facts.core import Facts
from kadermodel.language.ast import Comparator
from kadermodel.logic import Truth, at_least, not_
from kadermodel.model import FactValue, format_value

SEARCH_BUDGET = 50_000
"""Plan evaluations :func:`next_steps` may spend on the exact search before falling back."""

WITNESS_BUDGET = 400
"""Partial assignments :func:`relevant_unknowns` may try per fact and thema."""


# ====================================================================== conditions as text

_INVERSE: dict[str, Comparator] = {
    "=": "!=",
    "!=": "=",
    "<": ">=",
    ">=": "<",
    ">": "<=",
    "<=": ">",
}
_LEVEL_OR, _LEVEL_AND, _LEVEL_ATOM = 0, 1, 2


def _literal_value(value: FactValue) -> str:
    """A constant as kadertaal writes it (booleans are ``waar``/``onwaar``)."""
    if isinstance(value, bool):
        return "waar" if value else "onwaar"
    if isinstance(value, frozenset):
        return "(" + ", ".join(sorted(value)) + ")"
    return format_value(value)


def _operand_text(kader: m.Kader, operand: m.Operand) -> str:
    if isinstance(operand, m.FactOperand):
        return operand.name
    if isinstance(operand, m.ParamOperand):
        return f"{_literal_value(kader.parameters[operand.name].value)} ({operand.name})"
    return _literal_value(operand.value)


def condition_text(
    kader: m.Kader,
    cond: m.Cond,
    *,
    negated: bool = False,
    peildatum: dt.date | None = None,
) -> str:
    """A resolved condition written back in kadertaal style.

    Parameters show their value with the name in brackets (``n >= 2 (min_driehoek)``); a
    ``binnen`` window shows its first day when the peildatum is given. ``negated`` writes
    the negation (comparisons are inverted: ``niet n >= 2`` reads ``n < 2``).
    """
    if negated:
        match cond:
            case m.Not(item):
                return _text(kader, item, _LEVEL_OR, peildatum)
            case m.Compare(op=op) if op in _INVERSE:
                return _text(kader, attrs.evolve(cond, op=_INVERSE[op]), _LEVEL_OR, peildatum)
            case m.FactIs() | m.ParamIs() | m.BouwsteenIs():
                return "niet " + _text(kader, cond, _LEVEL_OR, peildatum)
            case _:
                return f"niet ({_text(kader, cond, _LEVEL_OR, peildatum)})"
    return _text(kader, cond, _LEVEL_OR, peildatum)


def _text(kader: m.Kader, cond: m.Cond, level: int, peildatum: dt.date | None) -> str:
    match cond:
        case m.FactIs(fact):
            return fact
        case m.ParamIs(param):
            return f"{param} ({_literal_value(kader.parameters[param].value)})"
        case m.Compare(left, op, right):
            return f"{_operand_text(kader, left)} {op} {_operand_text(kader, right)}"
        case m.Member(fact, kind, values):
            word = {"in": "in", "alle": "bevat alle", "een": "bevat een van"}[kind]
            return f"{fact} {word} ({', '.join(values)})"
        case m.Within(fact, amount, unit):
            text = f"{fact} binnen {amount} {_unit(unit, amount)}"
            if peildatum is not None:
                from kadermodel.model import subtract

                text += f" (vanaf {subtract(peildatum, amount, unit).isoformat()})"
            return text
        case m.BouwsteenIs(qid):
            return f"bouwsteen {qid}"
        case m.PlateauAtLeast(thema, op, value):
            return f"plateau({thema}) {op} {value}"
        case m.Not(item):
            inner = _text(kader, item, _LEVEL_ATOM, peildatum)
            return f"niet {inner}"
        case m.And(items):
            if not items:
                return "waar"
            text = " en ".join(_text(kader, i, _LEVEL_AND, peildatum) for i in items)
            return f"({text})" if level > _LEVEL_AND and len(items) > 1 else text
        case m.Or(items):
            text = " of ".join(_text(kader, i, _LEVEL_OR + 1, peildatum) for i in items)
            return f"({text})" if level > _LEVEL_OR and len(items) > 1 else text
        case m.AtLeast(count, items):
            inner = ", ".join(_text(kader, i, _LEVEL_OR, peildatum) for i in items)
            return f"minstens {count} van ({inner})"
    raise AssertionError(cond)  # pragma: no cover


def _unit(unit: str, amount: int) -> str:
    plural = {"dag": "dagen", "week": "weken", "maand": "maanden", "jaar": "jaar"}
    singular = {"dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}
    base = singular.get(unit, unit)
    return base if amount == 1 else plural.get(base, unit)


def _facts_read(cond: m.Cond) -> tuple[str, ...]:
    """Facts a leaf condition reads, left to right."""
    if isinstance(cond, m.FactIs | m.Member | m.Within):
        return (cond.fact,)
    if isinstance(cond, m.Compare):
        found = [s.name for s in (cond.left, cond.right) if isinstance(s, m.FactOperand)]
        return tuple(dict.fromkeys(found))
    return ()


def _walk(conditions: Iterable[m.Cond]) -> Iterator[m.Cond]:
    stack = list(conditions)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(m.children(node))


# ====================================================================== why (explanations)


@attrs.frozen
class FactNote:
    """A fact an explanation relies on: its value and where the municipality got it."""

    name: str
    value: FactValue | None
    vraag: str | None
    bron: str | None
    """From the facts file's ``bronnen``, when given."""

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def shown(self) -> str:
        """The value as a user reads it (``ja``, ``3``, ``onbekend``)."""
        return format_value(self.value)


@attrs.frozen
class Reason:
    """One literal (a leaf condition, possibly negated) and its truth."""

    condition: str
    """The literal in kadertaal style, e.g. ``n >= 2 (min_driehoek)`` or ``niet a``."""
    truth: Truth
    facts: tuple[str, ...] = ()
    """The facts this literal reads."""
    bouwsteen: str | None = None
    """For a literal that refers to a bouwsteen (``vereist`` or named in the condition)."""


@attrs.frozen
class Explanation:
    """Why a bouwsteen has its truth.

    ``reasons`` is, for ``waar``, a minimal set of true literals that suffices (for an
    ``of`` one true branch, for ``minstens k`` k true items); for ``onwaar`` a minimal set of
    false literals that forces it; for ``onbekend`` every literal still open. Minimal: with
    only these literals known the bouwsteen already has its truth, and dropping any one of
    them leaves it open.
    """

    bouwsteen: str
    thema: str
    plateau: int
    text: str
    bron: str | None
    herkomst: tuple[m.Herkomst, ...]
    truth: Truth
    reasons: tuple[Reason, ...]
    facts: tuple[FactNote, ...]
    """The facts the reasons read, in declaration order, with values and bronnen."""
    requirements: tuple[Explanation, ...]
    """Explanations of the bouwstenen the reasons refer to."""
    open_condition: str | None = None
    """For ``onbekend``: what is still open, the known parts left out."""

    @property
    def open_facts(self) -> tuple[str, ...]:
        """Unknown facts that could decide this bouwsteen (also through requirements)."""
        found: dict[str, None] = {}
        for note in self.facts:
            if not note.known:
                found[note.name] = None
        for requirement in self.requirements:
            if requirement.truth is Truth.UNKNOWN:
                found.update(dict.fromkeys(requirement.open_facts))
        return tuple(found)

    def all_facts(self) -> tuple[FactNote, ...]:
        """The fact notes of this explanation and of every requirement, each fact once."""
        found: dict[str, FactNote] = {n.name: n for n in self.facts}
        for requirement in self.requirements:
            for note in requirement.all_facts():
                found.setdefault(note.name, note)
        return tuple(found.values())


@attrs.frozen
class _Literal:
    path: tuple[int, ...]
    """Child indexes from the root of the condition to this leaf."""
    cond: m.Cond
    negated: bool
    truth: Truth
    """The literal's truth (the leaf's truth, inverted when negated)."""


def support(tr: Trace) -> tuple[_Literal, ...]:
    """The literals that fix the truth of a traced condition (see :class:`Explanation`).

    Among equivalent choices (which true branch of an ``of``) the one with the fewest
    literals wins, then the first in the text.
    """
    return tuple(_support(tr, False, ()))


def _support(tr: Trace, negated: bool, path: tuple[int, ...]) -> list[_Literal]:
    cond = tr.cond
    if isinstance(cond, m.Not):
        return _support(tr.children[0], not negated, (*path, 0))
    if not isinstance(cond, m.And | m.Or | m.AtLeast):
        return [_Literal(path, cond, negated, not_(tr.truth) if negated else tr.truth)]
    parts = [
        (_support(child, negated, (*path, i)), child.truth) for i, child in enumerate(tr.children)
    ]
    if tr.truth is Truth.UNKNOWN:
        return [lit for found, truth in parts if truth is Truth.UNKNOWN for lit in found]
    same = [(len(found), i) for i, (found, truth) in enumerate(parts) if truth is tr.truth]
    size = len(tr.children)
    if isinstance(cond, m.And):
        needed = size if tr.truth is Truth.TRUE else 1
    elif isinstance(cond, m.Or):
        needed = 1 if tr.truth is Truth.TRUE else size
    else:
        needed = cond.count if tr.truth is Truth.TRUE else size - cond.count + 1
    chosen = sorted(i for _, i in sorted(same)[:needed])
    return [lit for i in chosen for lit in parts[i][0]]


def _residual(tr: Trace) -> m.Cond | None:
    """The part of an open condition that is still open (decided parts removed)."""
    if tr.truth is not Truth.UNKNOWN:
        return None
    cond = tr.cond
    if isinstance(cond, m.Not):
        inner = _residual(tr.children[0])
        return None if inner is None else m.Not(inner)
    if not isinstance(cond, m.And | m.Or | m.AtLeast):
        return cond
    items = tuple(r for c in tr.children if (r := _residual(c)) is not None)
    if isinstance(cond, m.AtLeast):
        count = cond.count - sum(1 for c in tr.children if c.truth is Truth.TRUE)
        if count == len(items):
            return items[0] if len(items) == 1 else m.And(items)
        if count == 1:
            return m.Or(items)
        return m.AtLeast(count, items)
    if len(items) == 1:
        return items[0]
    return m.And(items) if isinstance(cond, m.And) else m.Or(items)


def _environment(assessment: Assessment) -> Environment:
    return Environment(
        assessment.kader, assessment.facts.values, assessment.peildatum, assessment.truth
    )


def _unknown_name(kind: str, name: str, candidates: Iterable[str]) -> KaderError:
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


def explain(assessment: Assessment, bouwsteen: str) -> Explanation:
    """Why ``bouwsteen`` (a qualified id, ``thema.naam``) has its truth in ``assessment``."""
    kader = assessment.kader
    if bouwsteen not in kader.bouwstenen:
        raise _unknown_name("bouwsteen", bouwsteen, kader.bouwstenen)
    return explain_many(assessment, [bouwsteen])[bouwsteen]


def explain_many(assessment: Assessment, bouwstenen: Iterable[str]) -> dict[str, Explanation]:
    """Explanations of several bouwstenen, sharing the work on common requirements."""
    kader = assessment.kader
    wanted = list(bouwstenen)
    for qid in wanted:
        if qid not in kader.bouwstenen:
            raise _unknown_name("bouwsteen", qid, kader.bouwstenen)
    env = _environment(assessment)
    memo: dict[str, Explanation] = {}
    # Explain dependencies first (evaluation order), so that the recursion in _explain
    # always finds its requirements in the memo: a long chain of `vereist` cannot exhaust
    # Python's recursion limit.
    needed = set(wanted)
    for qid in wanted:
        needed.update(
            node.split(":", 1)[1]
            for node in dependencies(kader, qid)
            if node.startswith("bouwsteen:")
        )
    for qid in evaluation_order(kader):
        if qid in needed:
            _explain(assessment, env, qid, memo)
    return {qid: memo[qid] for qid in wanted}


def _explain(
    assessment: Assessment, env: Environment, qid: str, memo: dict[str, Explanation]
) -> Explanation:
    if qid in memo:
        return memo[qid]
    kader = assessment.kader
    block = kader.bouwstenen[qid]
    traced = trace(block.full_condition, env)
    literals = support(traced)
    reasons = []
    names: dict[str, None] = {}
    requirements = []
    for lit in literals:
        refers = lit.cond.bouwsteen if isinstance(lit.cond, m.BouwsteenIs) else None
        facts = _facts_read(lit.cond)
        names.update(dict.fromkeys(facts))
        text = condition_text(kader, lit.cond, negated=lit.negated, peildatum=assessment.peildatum)
        reasons.append(Reason(text, lit.truth, facts, refers))
        if refers is not None:
            requirements.append(_explain(assessment, env, refers, memo))
    order = kader.fact_index()
    notes = tuple(
        _note(assessment.facts, kader, name) for name in sorted(names, key=order.__getitem__)
    )
    residual = _residual(traced)
    found = Explanation(
        bouwsteen=qid,
        thema=block.thema,
        plateau=block.plateau,
        text=block.text,
        bron=block.bron,
        herkomst=block.herkomst,
        truth=traced.truth,
        reasons=tuple(reasons),
        facts=notes,
        requirements=tuple(requirements),
        open_condition=None
        if residual is None
        else condition_text(kader, residual, peildatum=assessment.peildatum),
    )
    memo[qid] = found
    return found


def _note(facts: Facts, kader: m.Kader, name: str) -> FactNote:
    return FactNote(name, facts.values.get(name), kader.feiten[name].vraag, facts.bronnen.get(name))


# ====================================================================== shared search helpers


class _Runner:
    """Fast evaluation of encoded fact vectors for one assessment's kader and peildatum."""

    def __init__(self, kader: m.Kader, peildatum: dt.date):
        self.kader = kader
        self.plan = plan_of(kader)
        self.cutoffs = self.plan.cutoffs(peildatum)
        self.peildatum = peildatum
        self.fact_index = kader.fact_index()
        self.bouwsteen_index = {q: i for i, q in enumerate(self.plan.bouwsteen_ids)}
        self.thema_index = {t: i for i, t in enumerate(self.plan.thema_ids)}
        self.names = list(kader.feiten)
        self.runs = 0

    def run(self, encoded: Sequence[int | None]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        self.runs += 1
        return self.plan.function(encoded, self.cutoffs)

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
        for node in _walk([block.full_condition]):
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


def _closure(kader: m.Kader, roots: Iterable[str]) -> list[str]:
    """``roots`` and every bouwsteen they depend on, in evaluation order."""
    wanted: set[str] = set()
    stack = list(roots)
    while stack:
        qid = stack.pop()
        if qid not in wanted:
            wanted.add(qid)
            stack.extend(kader.bouwstenen[qid].depends_on)
    return [q for q in evaluation_order(kader) if q in wanted]


def _thema_closure(kader: m.Kader, thema: str, upto: int | None = None) -> list[str]:
    plateaus = kader.themas[thema].plateaus[: upto if upto is not None else None]
    return _closure(kader, [q for p in plateaus for q in p.bouwstenen])


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


class _OutOfBudget(Exception):
    pass


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
            if any(f in free for f in _facts_read(cond)):
                return Truth.TRUE
            found = leaf_truth(cond, env)
            return not_(found) if negated else found

        return all(value(m.BouwsteenIs(q), False) is Truth.TRUE for q in self.targets)


@attrs.define
class _ChangeSearch:
    """Searches the facts that can help for a change set giving ``low >= target``.

    Changes are ``{fact index: (code, rank)}``; see :class:`NextSteps` for the order.
    """

    runner: _Runner
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
            raise _OutOfBudget
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
            raise _OutOfBudget
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
        except _OutOfBudget:
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
        for lit in _literals(trace(kader.bouwstenen[qid].full_condition, env), negated):
            if isinstance(lit.cond, m.BouwsteenIs):
                visit(lit.cond.bouwsteen, lit.negated)
                continue
            facts = _facts_read(lit.cond)
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


def _literals(tr: Trace, negated: bool) -> Iterator[_Literal]:
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
            yield _Literal((), node.cond, neg, truth)


def next_steps(assessment: Assessment, thema: str, *, budget: int = SEARCH_BUDGET) -> NextSteps:
    """The smallest change of facts that lifts ``thema`` to the plateau above its ``low``."""
    kader = assessment.kader
    if thema not in kader.themas:
        raise _unknown_name("thema", thema, kader.themas)
    result = assessment.themas[thema]
    info = kader.themas[thema]
    low = result.plateau.low
    if low >= info.top:
        return NextSteps(thema, info.title, result.plateau, info.top, None, (), (), True, True)
    target = low + 1
    roots = [q for p in info.plateaus[:target] for q in p.bouwstenen]
    not_true = [q for q in roots if assessment.truth(q) is not Truth.TRUE]
    closure = _closure(kader, roots)
    env = _environment(assessment)
    candidates = _open_literal_facts(kader, env, roots, closure)

    runner = _Runner(kader, assessment.peildatum)
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


# ====================================================================== relevant unknowns


@attrs.frozen
class RelevantFact:
    """An unknown fact whose answer can still move some thema's plateau range."""

    name: str
    vraag: str | None
    themas: tuple[str, ...]
    """The thema's whose range it can move, in declaration order."""
    alone: bool
    """Answering this question alone (the other unknowns left open) can move a range."""
    proven: bool = True
    """False when the search for an example ran out of budget: reported as relevant to be
    safe (a fact is only called not relevant when that is proven)."""


@attrs.frozen
class RelevantUnknowns:
    """The unknown facts, split into those that can still matter and those that cannot.

    ``relevant`` is ranked: first the facts whose answer alone can move a range, then by
    the number of thema's they can move, then in declaration order. ``not_relevant`` holds
    the unknown facts whose value, however the other unknown facts are filled in (or left
    open), changes no thema's range; an intake form can skip their questions.
    """

    relevant: tuple[RelevantFact, ...]
    not_relevant: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.relevant)


class _Relevance:
    """The shared state of the relevance searches for one assessment."""

    def __init__(self, assessment: Assessment):
        self.assessment = assessment
        self.kader = assessment.kader
        self.runner = _Runner(self.kader, assessment.peildatum)
        self.values = dict(assessment.facts.values)
        self.base = list(assessment.facts.encoded)
        self.choices = candidate_values(self.kader, self.values, assessment.peildatum)
        self.codes = {
            name: [self.kader.feiten[name].type.encode(v) for v in vs]
            for name, vs in self.choices.items()
        }
        self.names = list(self.kader.feiten)

    def evaluate(
        self, assigned: Mapping[str, FactValue]
    ) -> tuple[dict[str, FactValue | None], list[int | None], tuple[int, ...], tuple[int, ...]]:
        values = dict(self.values)
        encoded = list(self.base)
        for name, value in assigned.items():
            values[name] = value
            encoded[self.runner.fact_index[name]] = self.runner.encode(name, value)
        truths, ranges = self.runner.run(encoded)
        return values, encoded, truths, ranges

    def open_facts(self, thema: str, assigned: Mapping[str, FactValue]) -> set[str]:
        """Unknown facts that can still move ``thema``'s range given ``assigned``.

        Walks the open (``onbekend``) bouwstenen of the plateaus between low and high and,
        inside their conditions, only the open sub-conditions: a decided sub-condition stays
        decided whatever the unknown facts become, so facts read only there cannot matter.
        """
        values, _, truths, ranges = self.evaluate(assigned)
        slot = self.runner.thema_index[thema]
        low, high = ranges[2 * slot], ranges[2 * slot + 1]
        if low == high:
            return set()
        index = self.runner.bouwsteen_index

        def truth_of(qid: str) -> Truth:
            return Truth(truths[index[qid]])

        env = Environment(self.kader, values, self.assessment.peildatum, truth_of)
        plateaus = self.kader.themas[thema].plateaus[low:high]
        stack = [q for p in plateaus for q in p.bouwstenen if truth_of(q) is Truth.UNKNOWN]
        seen: set[str] = set()
        found: set[str] = set()
        while stack:
            qid = stack.pop()
            if qid in seen:
                continue
            seen.add(qid)
            nodes = [trace(self.kader.bouwstenen[qid].full_condition, env)]
            while nodes:
                node = nodes.pop()
                if node.truth is not Truth.UNKNOWN:
                    continue
                if node.children:
                    nodes.extend(node.children)
                elif isinstance(node.cond, m.BouwsteenIs):
                    stack.append(node.cond.bouwsteen)
                else:
                    found.update(f for f in _facts_read(node.cond) if values[f] is None)
        return found

    def moves(self, fact: str, thema: str, assigned: Mapping[str, FactValue]) -> bool:
        """Does some value of ``fact`` change ``thema``'s range, given ``assigned``?"""
        slot = self.runner.thema_index[thema]
        _, encoded, _, ranges = self.evaluate(assigned)
        before = ranges[2 * slot : 2 * slot + 2]
        index = self.runner.fact_index[fact]
        for code in self.codes[fact]:
            encoded[index] = code
            after = self.runner.ranges(encoded)
            if after[2 * slot : 2 * slot + 2] != before:
                return True
        return False

    def witness(self, fact: str, thema: str, others: Sequence[str]) -> bool | None:
        """Search partial assignments of ``others`` under which ``fact`` moves the range.

        True: found one; False: proven that none exists; None: out of budget.
        """
        budget = [WITNESS_BUDGET]

        def search(start: int, assigned: dict[str, FactValue]) -> bool:
            if budget[0] <= 0:
                raise _OutOfBudget
            budget[0] -= 1
            open_now = self.open_facts(thema, assigned)
            if fact not in open_now:
                return False
            if self.moves(fact, thema, assigned):
                return True
            for position in range(start, len(others)):
                other = others[position]
                if other not in open_now:
                    continue
                for value in self.choices[other]:
                    assigned[other] = value
                    if search(position + 1, assigned):
                        return True
                    del assigned[other]
            return False

        try:
            return search(0, {})
        except _OutOfBudget:
            return None


def relevant_unknowns(assessment: Assessment) -> RelevantUnknowns:
    """Which unknown facts can still move a thema's plateau range (see the class)."""
    state = _Relevance(assessment)
    kader = assessment.kader
    order = kader.fact_index()
    undecided = [t for t, r in assessment.themas.items() if not r.plateau.decided]
    open_by_thema = {t: state.open_facts(t, {}) for t in undecided}
    relevant = []
    not_relevant = []
    for name in assessment.facts.unknown:
        themas = []
        alone = False
        proven = True
        for thema in undecided:
            candidates = open_by_thema[thema]
            if name not in candidates:
                continue
            if state.moves(name, thema, {}):
                themas.append(thema)
                alone = True
                continue
            others = sorted(candidates - {name}, key=order.__getitem__)
            found = state.witness(name, thema, others)
            if found is None:
                proven = False
            if found is not False:
                themas.append(thema)
        if themas:
            vraag = kader.feiten[name].vraag
            relevant.append(RelevantFact(name, vraag, tuple(themas), alone, proven))
        else:
            not_relevant.append(name)
    relevant.sort(key=lambda f: (not f.alone, -len(f.themas), order[f.name]))
    return RelevantUnknowns(tuple(relevant), tuple(not_relevant))


# ====================================================================== next question


@attrs.frozen
class Question:
    """An open question for an intake form: the fact, its ``vraag`` and the answer form."""

    fact: str
    vraag: str | None
    expected: str
    """How to answer, in Dutch (``ja of nee``, ``een geheel getal van 0 of meer``)."""
    themas: tuple[str, ...]
    """The undecided thema's whose range the answer can move."""


def next_question(assessment: Assessment) -> Question | None:
    """The most decisive open question, or ``None`` when every thema is decided.

    Among the unknown facts that can still move an undecided thema's range, the one whose
    answer narrows the ranges most on average (the summed width ``high - low`` of all
    thema's, averaged over the fact's representative values, see
    :func:`candidate_values`); ties go to the fact open in more thema's, then to the fact
    declared first. When no single answer narrows any range, the first fact of
    :func:`relevant_unknowns` is asked.
    """
    kader = assessment.kader
    undecided = [t for t, r in assessment.themas.items() if not r.plateau.decided]
    if not undecided:
        return None
    state = _Relevance(assessment)
    open_in: dict[str, list[str]] = {}
    for thema in undecided:
        for name in state.open_facts(thema, {}):
            open_in.setdefault(name, []).append(thema)
    order = kader.fact_index()
    width = _width(assessment.ranges)
    best: tuple[Any, ...] | None = None
    for name in sorted(open_in, key=order.__getitem__):
        index = order[name]
        encoded = list(state.base)
        total = 0
        for code in state.codes[name]:
            encoded[index] = code
            total += width - _width(state.runner.ranges(encoded))
        score = (total / len(state.codes[name]), len(open_in[name]), -index)
        if best is None or score > best:
            best = score
    assert best is not None
    chosen = list(kader.feiten)[-int(best[2])]
    if best[0] == 0:
        ranked = relevant_unknowns(assessment).relevant
        if ranked:
            chosen = ranked[0].name
    feit = kader.feiten[chosen]
    themas = tuple(t for t in undecided if t in open_in.get(chosen, ()))
    return Question(chosen, feit.vraag, feit.type.expected_form(), themas)


def _width(ranges: Sequence[int]) -> int:
    return sum(ranges[i + 1] - ranges[i] for i in range(0, len(ranges), 2))


# ====================================================================== diff

Direction = Literal["hoger", "lager", "preciezer", "ruimer", "nieuw", "vervallen"]


@attrs.frozen
class FactChange:
    name: str
    old: FactValue | None
    new: FactValue | None

    def __str__(self) -> str:
        return f"{self.name}: {format_value(self.old)} -> {format_value(self.new)}"


@attrs.frozen
class BouwsteenChange:
    """A bouwsteen whose truth (or rule) differs between two assessments."""

    bouwsteen: str
    old: Truth | None
    """``None`` when the old kader did not have this bouwsteen."""
    new: Truth | None
    facts: tuple[str, ...]
    """Changed facts this bouwsteen depends on (directly or through other bouwstenen)."""
    rule_changed: bool = False
    """Its condition differs between the two kaders."""


@attrs.frozen
class ThemaChange:
    """A thema whose plateau range moved, with the bouwstenen and facts behind it."""

    thema: str
    title: str
    old: PlateauRange | None
    new: PlateauRange | None
    direction: Direction
    bouwstenen: tuple[str, ...]
    """Changed bouwstenen of this thema or that it depends on, dependencies first."""
    facts: tuple[str, ...]
    """Changed facts behind those bouwstenen, in declaration order."""


@attrs.frozen
class Diff:
    """What changed between two assessments (e.g. last year's and this year's)."""

    old_gemeente: str | None
    new_gemeente: str | None
    old_peildatum: dt.date
    new_peildatum: dt.date
    themas: tuple[ThemaChange, ...]
    """Only the thema's that moved, in the new kader's order."""
    unchanged: tuple[str, ...]
    """Thema's whose range stayed the same."""
    bouwstenen: tuple[BouwsteenChange, ...]
    facts: tuple[FactChange, ...]
    kader_changed: bool
    """The two assessments used different kaders (ids, extensions or rules)."""


def _direction(old: PlateauRange | None, new: PlateauRange | None) -> Direction:
    if old is None:
        return "nieuw"
    if new is None:
        return "vervallen"
    if new.low >= old.low and new.high >= old.high:
        return "hoger"
    if new.low <= old.low and new.high <= old.high:
        return "lager"
    if new.low >= old.low and new.high <= old.high:
        return "preciezer"
    return "ruimer"


def _truths(assessment: Assessment) -> dict[str, Truth]:
    ids = plan_of(assessment.kader).bouwsteen_ids
    return {q: Truth(t) for q, t in zip(ids, assessment.truths, strict=True)}


def _fact_deps(kader: m.Kader, qid: str) -> set[str]:
    prefix = "feit:"
    return {d[len(prefix) :] for d in dependencies(kader, qid) if d.startswith(prefix)}


def diff(old: Assessment, new: Assessment) -> Diff:
    """Which thema's moved from ``old`` to ``new``, and the bouwstenen and facts behind it.

    The two may use different kaders (a new version, other extensions): bouwstenen, facts
    and thema's are matched by id; a bouwsteen whose condition differs is marked
    ``rule_changed``.
    """
    old_k, new_k = old.kader, new.kader
    names = list(dict.fromkeys([*new_k.feiten, *old_k.feiten]))
    fact_changes = tuple(
        FactChange(n, old.facts.values.get(n), new.facts.values.get(n))
        for n in names
        if old.facts.values.get(n) != new.facts.values.get(n)
    )
    changed_facts = {c.name for c in fact_changes}
    old_truths, new_truths = _truths(old), _truths(new)
    ids = list(dict.fromkeys([*evaluation_order(new_k), *evaluation_order(old_k)]))
    block_changes: dict[str, BouwsteenChange] = {}
    for qid in ids:
        before, after = old_truths.get(qid), new_truths.get(qid)
        rule = (
            qid in old_k.bouwstenen
            and qid in new_k.bouwstenen
            and old_k.bouwstenen[qid].full_condition != new_k.bouwstenen[qid].full_condition
        )
        if before == after and not rule:
            continue
        deps: set[str] = set()
        for kader in (old_k, new_k):
            if qid in kader.bouwstenen:
                deps |= _fact_deps(kader, qid)
        facts = tuple(n for n in names if n in deps and n in changed_facts)
        block_changes[qid] = BouwsteenChange(qid, before, after, facts, rule)
    thema_changes = []
    unchanged = []
    for thema in dict.fromkeys([*new_k.themas, *old_k.themas]):
        before_r = old.plateau(thema) if thema in old_k.themas else None
        after_r = new.plateau(thema) if thema in new_k.themas else None
        if before_r == after_r:
            unchanged.append(thema)
            continue
        related: set[str] = set()
        for kader in (old_k, new_k):
            if thema in kader.themas:
                related |= set(_thema_closure(kader, thema))
        blocks = tuple(q for q in ids if q in related and q in block_changes)
        facts_set = {f for q in blocks for f in block_changes[q].facts}
        title = (new_k.themas.get(thema) or old_k.themas[thema]).title
        thema_changes.append(
            ThemaChange(
                thema,
                title,
                before_r,
                after_r,
                _direction(before_r, after_r),
                blocks,
                tuple(n for n in names if n in facts_set),
            )
        )
    kader_changed = old_k is not new_k and (
        old_k.id != new_k.id
        or old_k.extensions != new_k.extensions
        or any(c.rule_changed for c in block_changes.values())
        or set(old_k.bouwstenen) != set(new_k.bouwstenen)
    )
    return Diff(
        old.facts.gemeente,
        new.facts.gemeente,
        old.peildatum,
        new.peildatum,
        tuple(thema_changes),
        tuple(unchanged),
        tuple(block_changes.values()),
        fact_changes,
        kader_changed,
    )
