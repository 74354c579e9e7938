"""Mutation testing of rules: would the case files notice a wrong rule?

:func:`mutants` makes small wrong versions of a kader, one change each:

* ``vergelijking omgedraaid``: a comparator reversed (``>=`` -> ``<=``, ``<`` -> ``>``,
  ``=`` -> ``!=``, ``na`` -> ``voor``);
* ``deelvoorwaarde weggelaten``: one item of an ``en`` dropped;
* ``drempel verschoven``: a threshold moved by one (a number or date in a comparison, a
  keuze value to its neighbour, a ``binnen`` window, the ``k`` of ``minstens k van``, the
  value of an aantal or keuze parameter);
* ``en/of verwisseld``: ``en`` for ``of`` and back;
* ``vereist weggelaten``: one ``vereist`` removed.

:func:`run` assesses every case of the case files against every mutant with the reference
interpreter (no compilation per mutant) and says which mutants no case kills. A surviving
mutant is *equivalent* when it can never change an outcome: the changed bouwstenen, with
every bouwsteen they depend on inlined, have the same truth as the originals for every
combination of representative values of their facts (the finite abstraction of
:mod:`kadermodel.engine.abstraction`, the one the weakening check uses), unknown included,
on every peildatum of the cases. Equivalent mutants are listed apart and do not count
against the score.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs

from kadermodel import model as m
from kadermodel.engine.abstraction import boundary_values
from kadermodel.engine.interpret import Environment, assess_reference, truth
from kadermodel.explanation.why import condition_text
from kadermodel.extend.weakening import inline
from kadermodel.logic import Truth
from kadermodel.testing.casefiles import Case, CaseFile, format_range

MAX_COMBINATIONS = 200_000
"""Beyond this many value combinations the equivalence of a mutant is not decided."""

_FLIPPED: Mapping[str, str] = {
    ">=": "<=",
    "<=": ">=",
    ">": "<",
    "<": ">",
    "=": "!=",
    "!=": "=",
    "na": "voor",
    "voor": "na",
}


@attrs.frozen
class Mutant:
    """One small wrong version of the kader."""

    kind: str
    """``vergelijking omgedraaid``, ``deelvoorwaarde weggelaten``, ``drempel verschoven``,
    ``en/of verwisseld`` or ``vereist weggelaten``."""
    target: str
    """The bouwsteen id, or ``parameter NAME``."""
    description: str
    """What was changed, in Dutch."""
    kader: m.Kader = attrs.field(eq=False, repr=False)
    changed: tuple[str, ...] = ()
    """The bouwstenen whose rule differs from the original's (directly)."""


# ------------------------------------------------------------------ making mutants


def _operand_text(operand: m.Operand) -> str:
    if isinstance(operand, m.Const):
        return m.format_value(operand.value)
    if isinstance(operand, m.PeildatumOperand):
        return "peildatum"
    return operand.name


def _compare_text(node: m.Compare, op: str | None = None, right: m.Operand | None = None) -> str:
    return f"{_operand_text(node.left)} {op or node.op} {_operand_text(right or node.right)}"


def _shifted(value: m.FactValue, type_: m.FactType) -> list[m.FactValue]:
    """The values one step away from ``value``."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [v for v in (value - 1, value + 1) if v >= 0]
    if isinstance(value, dt.date):
        return [value - dt.timedelta(days=1), value + dt.timedelta(days=1)]
    if isinstance(value, str) and type_.kind == "keuze":
        index = type_.values.index(value)
        return [type_.values[i] for i in (index - 1, index + 1) if 0 <= i < len(type_.values)]
    return []


def _variants(kader: m.Kader, node: m.Cond) -> Iterator[tuple[str, str, m.Cond]]:
    """(kind, description, replacement) for every mutation of ``node`` itself."""
    match node:
        case m.Compare(left, op, right, type_):
            flipped = _FLIPPED[op]
            if op in ("=", "!=") or type_.kind in ("aantal", "datum", "keuze"):
                yield (
                    "vergelijking omgedraaid",
                    f"'{_compare_text(node)}' wordt '{_compare_text(node, flipped)}'",
                    attrs.evolve(node, op=flipped),  # type: ignore[arg-type]
                )
            if isinstance(right, m.Const):
                for value in _shifted(right.value, type_):
                    moved = m.Const(value)
                    yield (
                        "drempel verschoven",
                        f"'{_compare_text(node)}' wordt '{_compare_text(node, right=moved)}'",
                        attrs.evolve(node, right=moved),
                    )
            del left
        case m.Within(fact, amount, unit):
            for value in (amount - 1, amount + 1):
                if value >= 1:
                    yield (
                        "drempel verschoven",
                        f"'{fact} binnen {amount} {unit}' wordt '{fact} binnen {value} {unit}'",
                        attrs.evolve(node, amount=value),
                    )
        case m.AtLeast(count, items):
            for value in (count - 1, count + 1):
                if 1 <= value <= len(items):
                    yield (
                        "drempel verschoven",
                        f"'minstens {count} van' wordt 'minstens {value} van'",
                        attrs.evolve(node, count=value),
                    )
        case m.And(items):
            yield ("en/of verwisseld", "'en' wordt 'of'", m.Or(items, node.span))
            for index, item in enumerate(items):
                rest = items[:index] + items[index + 1 :]
                yield (
                    "deelvoorwaarde weggelaten",
                    f"'{condition_text(kader, item)}' weggelaten uit een 'en'",
                    rest[0] if len(rest) == 1 else m.And(rest, node.span),
                )
        case m.Or(items):
            yield ("en/of verwisseld", "'of' wordt 'en'", m.And(items, node.span))


def _rebuilt(node: m.Cond, children: tuple[m.Cond, ...]) -> m.Cond:
    if isinstance(node, m.Not):
        return m.Not(children[0], node.span)
    if isinstance(node, m.And):
        return m.And(children, node.span)
    if isinstance(node, m.Or):
        return m.Or(children, node.span)
    assert isinstance(node, m.AtLeast), node
    return m.AtLeast(node.count, children, node.span)


def _mutations(kader: m.Kader, node: m.Cond) -> Iterator[tuple[str, str, m.Cond]]:
    """Every single mutation anywhere in the tree of ``node``, as the whole new tree."""
    yield from _variants(kader, node)
    items = m.children(node)
    for index, child in enumerate(items):
        for kind, description, replacement in _mutations(kader, child):
            changed = (*items[:index], replacement, *items[index + 1 :])
            yield kind, description, _rebuilt(node, changed)


def _with_bouwsteen(kader: m.Kader, bouwsteen: m.Bouwsteen) -> m.Kader:
    bouwstenen = dict(kader.bouwstenen)
    bouwstenen[bouwsteen.id] = bouwsteen
    return attrs.evolve(kader, bouwstenen=bouwstenen)


def _readers_of(kader: m.Kader, parameter: str) -> tuple[str, ...]:
    return tuple(
        qid
        for qid, b in kader.bouwstenen.items()
        if b.condition is not None and parameter in m.params_of(b.condition)
    )


def mutants(kader: m.Kader) -> list[Mutant]:
    """Every mutant of the kader, bouwsteen by bouwsteen, then the parameters."""
    found: list[Mutant] = []
    for qid, bouwsteen in kader.bouwstenen.items():
        if bouwsteen.condition is not None:
            for kind, description, condition in _mutations(kader, bouwsteen.condition):
                changed = attrs.evolve(bouwsteen, condition=condition)
                found.append(
                    Mutant(kind, qid, description, _with_bouwsteen(kader, changed), (qid,))
                )
        for index, required in enumerate(bouwsteen.requires):
            if len(bouwsteen.requires) == 1 and bouwsteen.condition is None:
                continue  # nothing would be left of the rule
            rest = bouwsteen.requires[:index] + bouwsteen.requires[index + 1 :]
            changed = attrs.evolve(bouwsteen, requires=rest)
            found.append(
                Mutant(
                    "vereist weggelaten",
                    qid,
                    f"'vereist {required}' weggelaten",
                    _with_bouwsteen(kader, changed),
                    (qid,),
                )
            )
    for name, parameter in kader.parameters.items():
        readers = _readers_of(kader, name)
        if not readers:
            continue
        for value in _shifted(parameter.value, parameter.type):
            parameters = dict(kader.parameters)
            parameters[name] = attrs.evolve(parameter, value=value)
            found.append(
                Mutant(
                    "drempel verschoven",
                    f"parameter {name}",
                    f"{name} = {m.format_value(parameter.value)} wordt {m.format_value(value)}",
                    attrs.evolve(kader, parameters=parameters),
                    readers,
                )
            )
    return found


# ------------------------------------------------------------------ running the cases


def _passes(kader: m.Kader, case: Case) -> bool:
    values = {name: case.facts.values.get(name) for name in kader.feiten}
    truths, ranges = assess_reference(kader, values, case.peildatum)
    for thema, expected in case.plateaus.items():
        if ranges[thema] != expected:
            return False
    return all(truths[qid] is expected for qid, expected in case.bouwstenen.items())


def _cases(case_files: Sequence[CaseFile]) -> list[tuple[str, Case]]:
    return [(f"{c.path.name}: {case.name}", case) for c in case_files for case in c.cases]


def failing_cases(kader: m.Kader, case_files: Sequence[CaseFile]) -> list[str]:
    """The cases (``file: name``) that fail on the kader itself; a mutation run needs none."""
    return [where for where, case in _cases(case_files) if not _passes(kader, case)]


def killed_by(mutant: Mutant, cases: Sequence[tuple[str, Case]]) -> str | None:
    """The first case (``file: name``) whose expectation the mutant breaks, or None."""
    for where, case in cases:
        if not _passes(mutant.kader, case):
            return where
    return None


def _rules(kader: m.Kader) -> dict[str, m.Cond | None]:
    return {qid: b.full_condition for qid, b in kader.bouwstenen.items()}


def _params(kader: m.Kader) -> dict[str, m.FactValue]:
    return {name: p.value for name, p in kader.parameters.items()}


def equivalent(original: m.Kader, mutant: Mutant, peildata: Sequence[dt.date]) -> bool | None:
    """Whether the mutant gives every bouwsteen the same truth for all facts (None: too big).

    Only the changed bouwstenen need checking: every other rule is the same, so it can only
    differ through them.
    """
    before_rules, after_rules = _rules(original), _rules(mutant.kader)
    before_params, after_params = _params(original), _params(mutant.kader)
    for qid in mutant.changed:
        before = inline(before_rules[qid] or m.And(()), before_rules, before_params)
        after = inline(after_rules[qid] or m.And(()), after_rules, after_params)
        facts = sorted(m.facts_of(before) | m.facts_of(after))
        for day in peildata:
            domains = boundary_values(original, [before, after], peildatum=day, facts=facts)
            choices: list[list[m.FactValue | None]] = [[*domains[f], None] for f in facts]
            size = 1
            for options in choices:
                size *= len(options)
            if size > MAX_COMBINATIONS:
                return None
            values: dict[str, m.FactValue | None] = dict.fromkeys(facts)
            env = Environment(original, values, day, _no_bouwsteen)
            for combination in itertools.product(*choices):
                values.update(zip(facts, combination, strict=True))
                if truth(before, env) is not truth(after, env):
                    return False
    return True


def _no_bouwsteen(qid: str) -> Truth:
    raise AssertionError(f"bouwsteen {qid} should have been inlined")  # pragma: no cover


@attrs.frozen
class Outcome:
    mutant: Mutant
    killed_by: str | None
    """The case that noticed the mutant, or None when it survived."""
    equivalent: bool | None = None
    """For a survivor: proven equivalent (True), proven different (False), undecided (None)."""


@attrs.frozen
class Report:
    kader: m.Kader
    files: tuple[str, ...]
    case_count: int
    outcomes: tuple[Outcome, ...]

    @property
    def killed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.killed_by is not None)

    @property
    def equivalents(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.killed_by is None and o.equivalent)

    @property
    def survivors(self) -> tuple[Outcome, ...]:
        """Survivors that are not proven equivalent: the gaps in the case files."""
        return tuple(o for o in self.outcomes if o.killed_by is None and not o.equivalent)

    @property
    def score(self) -> tuple[int, int]:
        """(killed, mutants that are not equivalent)."""
        return len(self.killed), len(self.outcomes) - len(self.equivalents)


def run(
    kader: m.Kader,
    case_files: Sequence[CaseFile],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Mutate ``kader`` and run every case of ``case_files`` against every mutant.

    Every case should pass on ``kader`` itself (see :func:`failing_cases`); a failing case
    would kill every mutant.
    """
    cases = _cases(case_files)
    peildata = sorted({case.peildatum for _, case in cases}) or [dt.date.today()]
    outcomes = []
    made = mutants(kader)
    for number, mutant in enumerate(made, 1):
        killer = killed_by(mutant, cases)
        proven = None if killer is not None else equivalent(kader, mutant, peildata)
        outcomes.append(Outcome(mutant, killer, proven))
        if progress is not None:
            progress(number, len(made))
    names = tuple(str(c.path.name) for c in case_files)
    return Report(kader, names, len(cases), tuple(outcomes))


__all__ = [
    "Mutant",
    "Outcome",
    "Report",
    "equivalent",
    "failing_cases",
    "format_range",
    "mutants",
    "run",
]
