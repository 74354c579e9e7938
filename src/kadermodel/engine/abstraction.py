"""The finite abstraction of fact values that a set of conditions can tell apart.

Conditions only compare facts with constants, parameters and each other, so an ``aantal``
matters only relative to the thresholds it meets, a ``datum`` relative to its dates and the
``binnen`` windows around the peildatum, and a keuze or verzameling through its listed values.
:func:`boundary_values` returns, per fact, a small set of representative values such that
every combination of truths the conditions can take over all values is also taken over the
representatives. The weakening check enumerates these; the testing strategies bias towards
them; next steps pick candidate values from them.

Facts compared with each other (``a < b``, ``s = t``) form groups (the transitive closure of
"compared with"): a group of k facts shares all its thresholds and gets k values on each side
of every threshold, so every ordering of the k facts among the thresholds stays possible.
Large verzameling types are abstracted by classes of interchangeable elements (same
membership in every listed value set and every constant set), which is exact as well.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping

from kadermodel import model as m
from kadermodel.model import subtract

MAX_FULL_SUBSETS = 6
"""Verzameling types with at most this many values are enumerated completely."""


def _constant(kader: m.Kader, operand: m.Operand) -> m.FactValue | None:
    if isinstance(operand, m.Const):
        return operand.value
    if isinstance(operand, m.ParamOperand):
        return kader.parameters[operand.name].value
    return None


def _thresholds(
    kader: m.Kader, conditions: Iterable[m.Cond], peildatum: dt.date | None
) -> tuple[dict[str, set[m.FactValue]], dict[str, set[str]], dict[str, set[frozenset[str]]]]:
    """Constants each fact meets, facts each fact is compared with, and listed value sets."""
    constants: dict[str, set[m.FactValue]] = {}
    linked: dict[str, set[str]] = {}
    listed: dict[str, set[frozenset[str]]] = {}
    for node in m.walk(conditions):
        if isinstance(node, m.Compare):
            sides = (node.left, node.right)
            facts = [s.name for s in sides if isinstance(s, m.FactOperand)]
            values = [v for s in sides if (v := _constant(kader, s)) is not None]
            for fact in facts:
                constants.setdefault(fact, set()).update(values)
                linked.setdefault(fact, set()).update(f for f in facts if f != fact)
        elif isinstance(node, m.Within):
            day = peildatum or dt.date.today()
            constants.setdefault(node.fact, set()).update(
                {day, subtract(day, node.amount, node.unit)}
            )
        elif isinstance(node, m.Member):
            listed.setdefault(node.fact, set()).add(frozenset(node.values))
    return constants, linked, listed


def _around(values: Iterable[m.FactValue], kind: str, spread: int) -> set[m.FactValue]:
    """Each threshold with ``spread`` neighbours on either side (counts stay >= 0)."""
    found: set[m.FactValue] = set()
    for value in values:
        for offset in range(-spread, spread + 1):
            if kind == "aantal":
                assert isinstance(value, int)
                if 0 <= value + offset <= m.AANTAL_MAX:
                    found.add(value + offset)
            elif kind == "datum":
                assert isinstance(value, dt.date)
                try:
                    found.add(value + dt.timedelta(days=offset))
                except OverflowError:
                    continue
    return found


def boundary_values(
    kader: m.Kader,
    conditions: Iterable[m.Cond] | None = None,
    *,
    peildatum: dt.date | None = None,
    facts: Iterable[str] | None = None,
) -> dict[str, tuple[m.FactValue, ...]]:
    """Representative values per fact for ``conditions`` (default: every bouwsteen).

    The result is sorted per fact (for verzamelingen by size, then elements) so that it is
    deterministic. ``facts`` limits which facts are returned.
    """
    if conditions is None:
        conditions = [b.full_condition for b in kader.bouwstenen.values()]
    conditions = list(conditions)
    constants, linked, listed = _thresholds(kader, conditions, peildatum)
    linked = _groups(linked)
    wanted = list(facts) if facts is not None else list(kader.feiten)
    result: dict[str, tuple[m.FactValue, ...]] = {}
    for name in wanted:
        type_ = kader.feiten[name].type
        result[name] = _values_for(name, type_, constants, linked, listed)
    return result


def _groups(linked: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """Close "compared with" transitively: each fact maps to the other facts of its group."""
    groups: dict[str, set[str]] = {}
    for start in linked:
        if start in groups:
            continue
        group = {start}
        stack = [start]
        while stack:
            for other in linked.get(stack.pop(), set()):
                if other not in group:
                    group.add(other)
                    stack.append(other)
        for fact in group:
            groups[fact] = group - {fact}
    return groups


def _values_for(
    name: str,
    type_: m.FactType,
    constants: Mapping[str, set[m.FactValue]],
    linked: Mapping[str, set[str]],
    listed: Mapping[str, set[frozenset[str]]],
) -> tuple[m.FactValue, ...]:
    match type_.kind:
        case "ja_nee":
            return (False, True)
        case "keuze":
            return type_.values
        case kind:
            # Facts compared with each other share their thresholds, and need room
            # between thresholds to be ordered either way.
            group = {name} | linked.get(name, set())
            pooled: set[m.FactValue] = set()
            for fact in group:
                pooled |= constants.get(fact, set())
            spread = max(1, len(group))
            if kind == "verzameling":
                groups: set[frozenset[str]] = set()
                for fact in group:
                    groups |= listed.get(fact, set())
                groups |= {v for v in pooled if isinstance(v, frozenset)}
                return _subsets(type_.values, groups, spread)
            values = _around(pooled, kind, spread)
            if kind == "aantal":
                values.add(0)
                if not pooled:
                    values.update(range(spread + 1))
            elif not values:
                values = {dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(spread)}
            return tuple(sorted(values))


def _subsets(
    values: tuple[str, ...], listed: set[frozenset[str]], spread: int = 1
) -> tuple[frozenset[str], ...]:
    if len(values) <= MAX_FULL_SUBSETS:
        chosen = {
            frozenset(c)
            for size in range(len(values) + 1)
            for c in itertools.combinations(values, size)
        }
    else:
        full = frozenset(values)
        chosen = {frozenset(), full}
        for group in listed:
            chosen |= {group, full - group}
            chosen |= {group - {v} for v in group}
            chosen |= {full - {v} for v in group}
            chosen |= {frozenset({v}) for v in group}
        chosen |= _class_subsets(values, listed, spread)
    return tuple(sorted(chosen, key=lambda s: (len(s), sorted(s))))


def _class_subsets(
    values: tuple[str, ...], listed: set[frozenset[str]], spread: int
) -> set[frozenset[str]]:
    """Exact representatives for a large verzameling type.

    Elements with the same membership in every listed set are interchangeable: ``bevat alle``
    and ``bevat een van`` only see whether a class is empty, partly or fully in the value, and
    a constant set (itself listed) is a union of classes. So each class is empty, full or
    partial; ``spread`` distinct partial choices keep equalities between facts of one group
    free.
    """
    groups = sorted(listed, key=sorted)
    classes: dict[tuple[bool, ...], list[str]] = {}
    for value in values:
        classes.setdefault(tuple(value in g for g in groups), []).append(value)
    options: list[list[frozenset[str]]] = []
    for members in classes.values():
        choices = [frozenset(), frozenset(members)]
        partial = (
            frozenset(c)
            for size in range(1, len(members))
            for c in itertools.combinations(members, size)
        )
        choices.extend(itertools.islice(partial, spread))
        options.append(choices)
    return {frozenset().union(*combo) for combo in itertools.product(*options)}
