"""A kader described as JSON for other tools: thema's, bouwstenen, facts, parameters.

``GET /kaders`` lists :func:`kader_summary` of every kader served; ``GET /kaders/{id}`` gives
:func:`kader_json`. Keys are English, texts (titles, questions, bouwsteen texts) are the
kader's own Dutch. (``GET /kaders/{id}/facts-schema`` is
:func:`kadermodel.facts.schema.facts_schema`, the schema of ``kadermodel schema feiten``.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kadermodel import model as m
from kadermodel.extend.readings import readings


def _value_json(value: m.FactValue | None) -> Any:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _type_json(type_: m.FactType) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": type_.kind, "expected": type_.expected_form()}
    if type_.values:
        data["values"] = list(type_.values)
    return data


def kader_summary(kader: m.Kader) -> dict[str, Any]:
    """The short description in ``GET /kaders``."""
    return {
        "id": kader.id,
        "title": kader.title,
        "publisher": kader.meta.get("uitgever"),
        "version": kader.meta.get("versie"),
        "extensions": list(kader.extensions),
    }


def readings_json() -> list[dict[str, Any]]:
    """The bundled readings (lezingen), to start the server with (``--uitbreiding ID``)."""
    return [
        {
            "id": r.id,
            "base": r.base,
            "title": r.title,
            "description": r.description,
            "weaker": bool(r.weaker),
        }
        for r in readings()
    ]


def decisive_facts(kader: m.Kader) -> set[str]:
    """The facts some bouwsteen's condition reads (the others are informative only)."""
    found: set[str] = set()
    for bouwsteen in kader.bouwstenen.values():
        found |= m.facts_of(bouwsteen.full_condition)
    return found


def fact_themas(kader: m.Kader) -> dict[str, list[str]]:
    """Per fact the thema's whose bouwstenen read it, in thema order."""
    found: dict[str, list[str]] = {name: [] for name in kader.feiten}
    for thema in kader.themas.values():
        for plateau in thema.plateaus:
            for qid in plateau.bouwstenen:
                for name in sorted(m.facts_of(kader.bouwstenen[qid].full_condition)):
                    if thema.id not in found[name]:
                        found[name].append(thema.id)
    return found


def kader_json(kader: m.Kader) -> dict[str, Any]:
    """Everything a form builder needs: ``GET /kaders/{id}``."""
    decisive = decisive_facts(kader)
    themas_of = fact_themas(kader)
    return {
        **kader_summary(kader),
        "themas": [
            {
                "id": thema.id,
                "title": thema.title,
                "top": thema.top,
                "plateaus": [
                    {"number": p.number, "title": p.title, "bouwstenen": list(p.bouwstenen)}
                    for p in thema.plateaus
                ],
            }
            for thema in kader.themas.values()
        ],
        "bouwstenen": [
            {
                "id": b.id,
                "thema": b.thema,
                "plateau": b.plateau,
                "text": b.text,
                "reference": b.bron,
                "requires": list(b.depends_on),
                "facts": sorted(m.facts_of(b.full_condition)),
            }
            for b in kader.bouwstenen.values()
        ],
        "facts": [
            {
                "name": f.name,
                "question": f.vraag,
                "type": _type_json(f.type),
                "source": f.bron,
                "explanation": f.toelichting,
                "decisive": f.name in decisive,
                "themas": themas_of[f.name],
            }
            for f in kader.feiten.values()
        ],
        "parameters": [
            {
                "name": p.name,
                "type": _type_json(p.type),
                "value": _value_json(p.value),
                "source": p.bron,
                "explanation": p.toelichting,
            }
            for p in kader.parameters.values()
        ],
    }
