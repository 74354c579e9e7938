"""The JSON values every report shares: fact values, plateau ranges and provenance.

One encoder each, so the assessment, explanation and impact JSON spell them the same way;
fact values come from the one fact value codec (:func:`kadermodel.facts.codec.json_value`).

>>> import datetime as dt
>>> json_value(frozenset({"b", "a"})), json_value(dt.date(2026, 6, 30)), json_value(None)
(['a', 'b'], '2026-06-30', None)
"""

from __future__ import annotations

from typing import Any

from kadermodel import model as m
from kadermodel.engine.evaluate import PlateauRange, ThemaProgress
from kadermodel.facts.codec import json_value

__all__ = ["json_value", "plateau_json", "provenance_json"]


def plateau_json(plateau: PlateauRange) -> dict[str, Any]:
    """A plateau range: ``low``, ``high``, ``decided`` and the Dutch ``text``."""
    return {
        "low": plateau.low,
        "high": plateau.high,
        "decided": plateau.decided,
        "text": str(plateau),
    }


def progress_json(progress: ThemaProgress) -> list[dict[str, Any]]:
    """Per plateau of a thema: how many bouwstenen are met, not met and unknown."""
    return [
        {
            "plateau": p.number,
            "met": p.met,
            "not_met": p.not_met,
            "unknown": p.unknown,
            "total": p.total,
        }
        for p in progress.plateaus
    ]


def provenance_json(entry: m.Herkomst) -> dict[str, Any]:
    """Where an extension (or the kader itself) defined or changed something.

    ``file`` is the file name as the user gave it (never made absolute); ``text`` the Dutch
    sentence the text reports print.
    """
    return {
        "action": entry.action,
        "source": entry.source,
        "file": entry.file,
        "line": entry.line,
        "reason": entry.reason,
        "text": str(entry),
    }
