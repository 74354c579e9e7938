"""The next question of the web questionnaire: the intake session, as JSON.

The server keeps no session: each request carries the answers so far as a facts document
(a value, ``weet niet`` for a question asked whose answer is not known, no key or
``onbekend`` for a question not asked yet), and :class:`kadermodel.explanation.intake.Intake`
is rebuilt from it to pick the next question and say "waarom vragen we dit?".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import kadermodel as km
from kadermodel import model as m
from kadermodel.explanation.intake import Intake, IntakeQuestion
from kadermodel.report.values import progress_json as plateau_counts_json
from kadermodel.report.words import progress_words


def value_label(value: str) -> str:
    """A keuze value in words: ``om_de_twee_jaar`` -> ``om de twee jaar``."""
    words: list[str] = []
    for part in value.split("_"):
        if words and len(words[-1]) == 1:
            words[-1] += "-" + part  # e_learning -> e-learning
        else:
            words.append(part)
    return " ".join(words)


def options(type_: m.FactType) -> list[dict[str, Any]]:
    """The answers a person can pick (ja/nee, keuze values); empty for numbers and dates."""
    if type_.kind == "ja_nee":
        return [{"value": True, "label": "ja"}, {"value": False, "label": "nee"}]
    return [{"value": v, "label": value_label(v)} for v in type_.values]


def question_json(kader: m.Kader, question: IntakeQuestion) -> dict[str, Any]:
    feit = kader.feiten[question.fact]
    return {
        "fact": question.fact,
        "number": question.number,
        "question": question.vraag,
        "explanation": feit.toelichting,
        "type": {"kind": question.type.kind, "values": list(question.type.values)},
        "expected": question.expected,
        "options": options(question.type),
        "themas": list(question.themas),
        "bouwstenen": list(question.bouwstenen),
        "why": question.why,
    }


def progress_json(assessment: km.Assessment) -> list[dict[str, Any]]:
    """Per thema the plateau range so far (the questionnaire's progress bars), and per plateau
    how many bouwstenen are met, not met and unknown."""
    kader = assessment.kader
    progress = assessment.progress
    return [
        {
            "id": thema_id,
            "title": kader.themas[thema_id].title,
            "top": result.top,
            "plateau": {
                "low": result.plateau.low,
                "high": result.plateau.high,
                "decided": result.plateau.decided,
                "text": str(result.plateau),
            },
            "progress": plateau_counts_json(progress[thema_id]),
            "progress_text": progress_words(progress[thema_id]),
        }
        for thema_id, result in assessment.themas.items()
    ]


def next_question_json(
    kader: m.Kader, facts: km.Facts, peildatum: dt.date | None = None
) -> dict[str, Any]:
    """The body of ``POST /kaders/{id}/next-question``."""
    intake = Intake.start(kader, facts, peildatum=peildatum)
    question = intake.question
    return {
        "question": None if question is None else question_json(kader, question),
        "done": question is None,
        "finished": intake.finished,
        "decided": all(r.plateau.decided for r in intake.assessment.themas.values()),
        "asked": len(intake.answers),
        "themas": progress_json(intake.assessment),
    }
