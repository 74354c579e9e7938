"""Facts as the web questionnaire keeps them <-> the YAML facts file a person downloads.

The file is :func:`kadermodel.facts.template.facts_file_text` (the one the terminal
questionnaire writes): every fact of the kader grouped per thema under its question, the
answers filled in, ``weet niet`` kept, the rest ``onbekend`` (not asked yet), so the file can
be uploaded again to resume. :func:`facts_state` is an uploaded file read back for the page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import kadermodel as km
from kadermodel import model as m
from kadermodel.facts.template import facts_file_text
from kadermodel.report.diagnostics import diagnostics_json

__all__ = ["facts_file_text", "facts_state", "value_json"]


def value_json(value: m.FactValue) -> Any:
    """A known fact value in the JSON the questionnaire sends back."""
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def facts_state(facts: km.Facts) -> dict[str, Any]:
    """An uploaded facts file as questionnaire state: ``POST /kaders/{id}/facts``."""
    return {
        "gemeente": facts.gemeente,
        "peildatum": None if facts.peildatum is None else facts.peildatum.isoformat(),
        "feiten": {name: value_json(value) for name, value in facts.known.items()},
        "dont_know": [name for name in facts.values if name in facts.dont_know],
        "warnings": diagnostics_json(facts.warnings),
    }
