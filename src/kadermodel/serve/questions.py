"""The next question of the web questionnaire, with its answer options and "waarom vragen we dit?".

A fact the person answered with *weet niet* stays unknown in the assessment but is never
asked again: the facts document records it as ``onbekend`` (see
:func:`kadermodel.serve.factsfile.explicit_unknowns`), and :func:`next_open_question` passes
over it. The choice of question itself is :func:`kadermodel.next_question`'s.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import kadermodel as km
from kadermodel import model as m
from kadermodel.engine.graph import impact
from kadermodel.logic import Truth
from kadermodel.report.textfmt import join_words

_SHOWN_BOUWSTENEN = 3


def value_label(value: str) -> str:
    """A keuze value in words: ``periodiek_meerjarig`` -> ``periodiek meerjarig``."""
    parts = value.split("_")
    words: list[str] = []
    for part in parts:
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


def next_open_question(
    assessment: km.Assessment, dont_know: Collection[str] = ()
) -> km.Question | None:
    """The most decisive open question not answered with *weet niet*, or ``None``.

    ``None`` when every thema is decided or every fact that can still move one was answered
    with *weet niet*.
    """
    question = km.next_question(assessment)
    if question is None or question.fact not in dont_know:
        return question
    kader = assessment.kader
    for found in km.relevant_unknowns(assessment).relevant:
        if found.name not in dont_know:
            feit = kader.feiten[found.name]
            return km.Question(feit.name, feit.vraag, feit.type.expected_form(), found.themas)
    return None


def why_text(assessment: km.Assessment, question: km.Question) -> str:
    """ "Waarom vragen we dit?": the thema's and bouwstenen the answer can still move."""
    kader = assessment.kader
    titles = [kader.themas[t].title for t in question.themas]
    open_bouwstenen = [
        kader.bouwstenen[q]
        for q in impact(kader, question.fact)
        if q in kader.bouwstenen and assessment.truth(q) is Truth.UNKNOWN
    ]
    if len(titles) == 1:
        lines = [f"Uw antwoord kan het plateau van het thema {titles[0]} nog veranderen."]
    elif titles:
        lines = [f"Uw antwoord kan het plateau van de thema's {join_words(titles)} nog veranderen."]
    else:
        lines = ["Uw antwoord maakt de uitkomst preciezer."]
    if open_bouwstenen:
        shown = open_bouwstenen[:_SHOWN_BOUWSTENEN]
        lines.append(
            "Het gaat om "
            + ("deze bouwsteen" if len(open_bouwstenen) == 1 else "deze bouwstenen")
            + " van het Kader:"
        )
        for bouwsteen in shown:
            bron = f" ({bouwsteen.bron})" if bouwsteen.bron else ""
            lines.append(f"- {bouwsteen.text}{bron}")
        rest = len(open_bouwstenen) - len(shown)
        if rest:
            lines.append(
                f"- en nog {rest} " + ("andere bouwsteen" if rest == 1 else "andere bouwstenen")
            )
    return "\n".join(lines)


def question_json(assessment: km.Assessment, question: km.Question) -> dict[str, Any]:
    feit = assessment.kader.feiten[question.fact]
    return {
        "fact": feit.name,
        "question": feit.vraag or value_label(feit.name) + "?",
        "toelichting": feit.toelichting,
        "bron": feit.bron,
        "type": {"kind": feit.type.kind, "values": list(feit.type.values)},
        "expected": question.expected,
        "options": options(feit.type),
        "themas": list(question.themas),
        "why": why_text(assessment, question),
    }


def progress_json(assessment: km.Assessment) -> list[dict[str, Any]]:
    """Per thema the plateau range so far (the questionnaire's progress bars)."""
    kader = assessment.kader
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
        }
        for thema_id, result in assessment.themas.items()
    ]


def next_question_json(
    assessment: km.Assessment, dont_know: Collection[str] = ()
) -> dict[str, Any]:
    """The body of ``POST /kaders/{id}/next-question``."""
    question = next_open_question(assessment, dont_know)
    return {
        "question": None if question is None else question_json(assessment, question),
        "done": question is None,
        "decided": all(r.plateau.decided for r in assessment.themas.values()),
        "themas": progress_json(assessment),
    }
