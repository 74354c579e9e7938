"""Stale (*verouderde*) facts in reports: a Dutch text block and the JSON part."""

from __future__ import annotations

from typing import Any

from kadermodel.engine.evaluate import Assessment
from kadermodel.facts.stale import StaleFact, cutoff, max_age_of, stale_facts
from kadermodel.model import format_value
from kadermodel.report.textfmt import dutch_date, heading, wrap


def stale_answers(
    assessment: Assessment, max_age_months: int | None = None
) -> tuple[int, list[StaleFact]]:
    """The maximum age in months (None: the kader's ``verouderd na``, else 24) and the
    answers established longer ago than that before the peildatum."""
    months = max_age_of(assessment.kader, max_age_months)
    return months, list(stale_facts(assessment.facts, assessment.peildatum, months))


def stale_lines(assessment: Assessment, max_age_months: int | None = None) -> list[str]:
    """The report section on stale answers; empty when there are none.

    ``max_age_months`` None: the kader's ``verouderd na``, else 24 (:func:`max_age_of`).
    """
    max_age_months, found = stale_answers(assessment, max_age_months)
    if not found:
        return []
    first = cutoff(assessment.peildatum, max_age_months)
    lines = heading("Verouderde antwoorden", "-")
    lines += wrap(
        f"Deze antwoorden zijn vastgesteld voor {dutch_date(first)}, meer dan "
        f"{max_age_months} maanden voor de peildatum. Ze tellen mee, maar kijk ze opnieuw na:"
    )
    for stale in found:
        value = format_value(assessment.facts.values[stale.name])
        text = f"{stale.name}: {value}, vastgesteld op {dutch_date(stale.established)}"
        text += f" (bron: {stale.source})." if stale.source else "."
        lines += wrap(text, "- ", "  ")
    return lines


def stale_json(assessment: Assessment, max_age_months: int | None = None) -> dict[str, Any]:
    """``{"max_age_months", "cutoff", "facts": [{"fact", "value", "established", "source"}]}``."""
    max_age_months, found = stale_answers(assessment, max_age_months)
    return {
        "max_age_months": max_age_months,
        "cutoff": cutoff(assessment.peildatum, max_age_months).isoformat(),
        "facts": [
            {
                "fact": stale.name,
                "value": format_value(assessment.facts.values[stale.name]),
                "established": stale.established.isoformat(),
                "source": stale.source,
            }
            for stale in found
        ],
    }
