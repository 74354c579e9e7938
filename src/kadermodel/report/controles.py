"""Controles in reports: the warnings of a kader's consistency checks, as text and JSON.

A controle the facts do not satisfy (``onwaar``) is a warning: its Dutch message and the
facts it reads, with their values. It never changes a plateau, and the reports say so.
``waar`` and ``onbekend`` say nothing in text; the JSON lists the ``onbekend`` ones too.
"""

from __future__ import annotations

from typing import Any

from kadermodel import model as m
from kadermodel.engine.controles import (
    ControleResult,
    controle_results,
    failed_controles,
    unknown_controles,
)
from kadermodel.engine.evaluate import Assessment
from kadermodel.model import format_value
from kadermodel.report.textfmt import heading, item, wrap
from kadermodel.report.values import json_value

HEADING = "Tegenstrijdige antwoorden"

INTRO = (
    "Deze antwoorden spreken elkaar tegen. Het plateau verandert er niet door, maar kijk "
    "de antwoorden na:"
)


def condition_text(controle: m.Controle) -> str:
    """The controle's condition as kadertaal: ``als x dan y`` where it was written so."""
    # imported here: the printer and the syntax classes cost `kadermodel assess` a tenth of
    # its start-up, and its text report never prints a condition
    from kadermodel.language.unparse import cond_text

    cond = controle.condition
    if isinstance(cond, m.Or) and len(cond.items) == 2 and isinstance(cond.items[0], m.Not):
        return f"als {cond_text(cond.items[0].item)} dan {cond_text(cond.items[1])}"
    return f"als {cond_text(cond)}"


def facts_words(result: ControleResult) -> str:
    """``a = ja, b = nee``: the facts a controle reads, with their values (Dutch)."""
    return ", ".join(f"{name} = {format_value(value)}" for name, value in result.facts)


def controle_lines(assessment: Assessment) -> list[str]:
    """The report section on controles that do not hold; empty when there are none."""
    failed = failed_controles(assessment)
    if not failed:
        return []
    lines = heading(HEADING, "-")
    first = "Eén controle klopt" if len(failed) == 1 else f"{len(failed)} controles kloppen"
    lines += wrap(f"{first} niet. {INTRO}")
    for result in failed:
        lines += item(result.controle.text)
        lines += wrap(f"Controle {result.controle.name}; antwoorden: {facts_words(result)}.", "  ")
    return lines


def _result_json(result: ControleResult) -> dict[str, Any]:
    return {
        "id": result.controle.name,
        "truth": str(result.truth),
        "message": result.controle.text,
        "reference": result.controle.bron,
        "facts": [{"name": name, "value": json_value(value)} for name, value in result.facts],
    }


def controles_json(assessment: Assessment) -> dict[str, Any]:
    """``{"count", "failed": [...], "unknown": [...]}``: every controle that is onwaar (a
    warning) or onbekend, each with its message and the facts it reads."""
    results = controle_results(assessment)
    return {
        "count": len(results),
        "failed": [_result_json(r) for r in results if r.failed],
        "unknown": [_result_json(r) for r in unknown_controles(results)],
    }
