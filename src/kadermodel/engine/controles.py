"""Controles: the kader's consistency checks, evaluated on an assessment's facts.

A controle is a condition consistent facts satisfy (``als beleidsplan_bevat_opvang dan
beleidsplan_vastgesteld``). It is evaluated three-valued by the reference interpreter
(:mod:`kadermodel.engine.interpret`) when a report asks for it, not by the compiled plan: a
controle never changes a bouwsteen or a plateau, and a kader has only a few. ``onwaar`` is a
warning in every report; ``waar`` and ``onbekend`` say nothing (JSON lists the onbekend ones).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import attrs

from kadermodel import model as m
from kadermodel.engine.interpret import Environment, truth
from kadermodel.engine.results import Assessment
from kadermodel.logic import Truth


@attrs.frozen
class ControleResult:
    """One controle on one municipality's facts."""

    controle: m.Controle
    truth: Truth
    facts: tuple[tuple[str, m.FactValue | None], ...]
    """The facts the controle reads, in the order it reads them, with their values."""

    @property
    def failed(self) -> bool:
        return self.truth is Truth.FALSE


def _no_bouwsteen(qid: str) -> Truth:  # pragma: no cover - the resolver refuses them (K312)
    raise ValueError(f"a controle cannot read bouwsteen {qid}")


def involved_facts(controle: m.Controle) -> tuple[str, ...]:
    """The facts a controle reads, left to right, each once."""
    return tuple(
        dict.fromkeys(f for node in m.walk(controle.condition) for f in m.facts_read(node))
    )


_INVOLVED: weakref.WeakKeyDictionary[m.Kader, tuple[tuple[m.Controle, tuple[str, ...]], ...]] = (
    weakref.WeakKeyDictionary()
)


def _controles_of(kader: m.Kader) -> tuple[tuple[m.Controle, tuple[str, ...]], ...]:
    """The kader's controles with the facts each reads (computed once per kader)."""
    found = _INVOLVED.get(kader)
    if found is None:
        found = _INVOLVED[kader] = tuple(
            (controle, involved_facts(controle)) for controle in kader.controles.values()
        )
    return found


def controle_results(assessment: Assessment) -> tuple[ControleResult, ...]:
    """Every controle of the assessment's kader on its facts, in declaration order."""
    kader = assessment.kader
    if not kader.controles:
        return ()
    values = assessment.facts.values
    env = Environment(kader, values, assessment.peildatum, _no_bouwsteen)
    return tuple(
        ControleResult(
            controle,
            truth(controle.condition, env),
            tuple((name, values.get(name)) for name in names),
        )
        for controle, names in _controles_of(kader)
    )


def failed_controles(assessment: Assessment) -> tuple[ControleResult, ...]:
    """The controles the facts do not satisfy (onwaar): the warnings of every report."""
    return tuple(r for r in controle_results(assessment) if r.failed)


def unknown_controles(results: Iterable[ControleResult]) -> tuple[ControleResult, ...]:
    """The controles that cannot be decided yet (onbekend)."""
    return tuple(r for r in results if r.truth is Truth.UNKNOWN)
