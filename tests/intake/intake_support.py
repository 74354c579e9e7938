"""Shared helpers for the intake tests: the bundled kader and the best answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import kadermodel as k
from kadermodel import model as m

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "intake"
PEILDATUM = dt.date(2026, 6, 30)
BUNDLED = k.bundled_kader()


def best_value(feit: m.Feit) -> m.FactValue:
    """The answer a municipality that does everything gives (keuze values run worst to best)."""
    match feit.type.kind:
        case "ja_nee":
            return True
        case "aantal":
            return 12
        case "keuze":
            return feit.type.values[-1]
        case "verzameling":
            return frozenset(feit.type.values)
        case _:
            return PEILDATUM


def best_text(feit: m.Feit) -> str:
    """:func:`best_value` as a person types it in the questionnaire."""
    match feit.type.kind:
        case "ja_nee":
            return "ja"
        case "aantal":
            return "12"
        case "keuze":
            return str(len(feit.type.values))
        case "verzameling":
            return ", ".join(str(i) for i in range(1, len(feit.type.values) + 1))
        case _:
            return PEILDATUM.isoformat()
