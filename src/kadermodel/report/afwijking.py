"""Afwijkingen (comply or explain) in reports: Dutch text blocks and the JSON parts.

See :mod:`kadermodel.facts.afwijking`. A bouwsteen met via a valid afwijking is shown as
"voldaan via afwijking" with its reason; an expired afwijking is ignored and named in a
warning. Everything here is empty when the facts record no afwijking, so other reports do not
change.
"""

from __future__ import annotations

from typing import Any

from kadermodel.engine.evaluate import Assessment
from kadermodel.facts.afwijking import Afwijking
from kadermodel.report.textfmt import dutch_date, heading, wrap

VIA_AFWIJKING = "voldaan via afwijking"
"""The state label of a bouwsteen met via an afwijking (beside its colour, never instead)."""


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def afwijking_words(afwijking: Afwijking) -> str:
    """``Reden. Goedgekeurd door ..., geldig tot 31 december 2027.``"""
    return (
        f"{_sentence(afwijking.reden)} Goedgekeurd door {afwijking.goedgekeurd_door}, geldig "
        f"tot en met {dutch_date(afwijking.geldig_tot)}."
    )


def expired_warning(assessment: Assessment, afwijking: Afwijking) -> str:
    """The Dutch warning for an afwijking that no longer holds on the peildatum."""
    bouwsteen = assessment.kader.bouwstenen[afwijking.bouwsteen]
    return (
        f"De afwijking voor '{bouwsteen.name.replace('_', ' ')}' [{bouwsteen.id}] gold tot en "
        f"met {dutch_date(afwijking.geldig_tot)} en is op de peildatum verlopen; zij telt niet "
        "mee. Vernieuw het besluit of vul de feiten in."
    )


def afwijking_lines(assessment: Assessment) -> list[str]:
    """The report sections on afwijkingen (applied, expired); empty without any."""
    applied, gone = assessment.afwijkingen, assessment.expired_afwijkingen
    if not applied and not gone:
        return []
    lines: list[str] = []
    if applied:
        lines += heading("Voldaan via afwijking", "-")
        lines += wrap(
            "Deze bouwstenen tellen als voldaan, omdat de gemeente heeft vastgelegd waarom "
            "zij er op een andere manier aan voldoet (pas toe of leg uit):"
        )
        for qid, afwijking in applied.items():
            text = assessment.kader.bouwstenen[qid].text
            lines += wrap(f"{_sentence(text)} [{qid}]", "- ", "  ")
            lines += wrap(f"Afwijking: {afwijking_words(afwijking)}", "  ", "  ")
    if gone:
        if lines:
            lines.append("")
        lines += heading("Verlopen afwijkingen", "-")
        for afwijking in gone.values():
            lines += wrap(f"Waarschuwing: {expired_warning(assessment, afwijking)}", "- ", "  ")
    return lines


def afwijking_json(afwijking: Afwijking) -> dict[str, Any]:
    """``{"reason", "approved_by", "valid_until"}``."""
    return {
        "reason": afwijking.reden,
        "approved_by": afwijking.goedgekeurd_door,
        "valid_until": afwijking.geldig_tot.isoformat(),
    }


def afwijkingen_json(assessment: Assessment) -> dict[str, Any] | None:
    """``{"applied": [...], "expired": [...]}`` (each with ``bouwsteen`` and, for expired ones,
    the Dutch ``warning``), or None when the facts record no afwijking."""
    applied, gone = assessment.afwijkingen, assessment.expired_afwijkingen
    if not applied and not gone:
        return None
    return {
        "applied": [{"bouwsteen": q, **afwijking_json(a)} for q, a in applied.items()],
        "expired": [
            {"bouwsteen": q, **afwijking_json(a), "warning": expired_warning(assessment, a)}
            for q, a in gone.items()
        ],
    }
