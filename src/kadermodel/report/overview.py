"""A kader -> the overview ``kadermodel toon`` prints: every name an extension author needs.

Thema's with their plateaus and bouwstenen, facts with their types, parameters with their
values, and for each where it comes from (the kader or the uitbreiding that defined or last
changed it). File names are shown without their folder, so the output does not depend on
where the files are.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kadermodel import model as m
from kadermodel.report.controles import condition_text
from kadermodel.report.textfmt import count, wrap


def _origin(herkomst: Sequence[m.Herkomst]) -> str:
    parts = []
    for step in herkomst:
        reason = f" ({step.reason})" if step.reason else ""
        parts.append(
            f"{step.action} door {step.source}, {Path(step.file).name} regel {step.line}{reason}"
        )
    return "; ".join(parts)


def _origin_json(herkomst: Sequence[m.Herkomst]) -> list[dict[str, Any]]:
    return [
        {
            "action": step.action,
            "source": step.source,
            "file": Path(step.file).name,
            "line": step.line,
            "reason": step.reason,
        }
        for step in herkomst
    ]


def _changed(herkomst: Sequence[m.Herkomst], kader: m.Kader) -> bool:
    """Whether an uitbreiding defined or changed it (else it is the kader's own, unchanged)."""
    return any(step.source in kader.extensions for step in herkomst)


def overview_text(kader: m.Kader) -> str:
    """The names of a kader, in Dutch, for someone writing an uitbreiding on it."""
    lines = [f"Kader {kader.id}: {kader.title}"]
    if kader.extensions:
        lines.append("Uitbreidingen toegepast: " + ", ".join(kader.extensions) + ".")
    lines.append(
        ", ".join(
            [
                count(len(kader.themas), "thema", "thema's"),
                count(len(kader.bouwstenen), "bouwsteen", "bouwstenen"),
                count(len(kader.feiten), "feit", "feiten"),
                count(len(kader.parameters), "parameter", "parameters"),
            ]
        )
        + "."
    )
    lines.extend(
        wrap(
            "Bij bouwstenen en feiten staat waar ze vandaan komen alleen als een uitbreiding "
            "ze heeft toegevoegd of gewijzigd; bij parameters altijd."
        )
    )
    lines += ["", "Thema's en bouwstenen", "====================="]
    for thema in kader.themas.values():
        lines.append("")
        lines.extend(wrap(f"thema {thema.id}: {thema.title}"))
        for plateau in thema.plateaus:
            title = f": {plateau.title}" if plateau.title else ""
            lines.append(f"  plateau {plateau.number}{title}")
            for qid in plateau.bouwstenen:
                bouwsteen = kader.bouwstenen[qid]
                lines.extend(wrap(f"- {qid}: {bouwsteen.text}", "    ", "      "))
                if bouwsteen.requires:
                    lines.extend(wrap("vereist " + ", ".join(bouwsteen.requires), "      "))
                if _changed(bouwsteen.herkomst, kader):
                    lines.extend(wrap(_origin(bouwsteen.herkomst), "      "))
    if kader.withdrawn:
        lines += ["", "Vervallen bouwstenen"]
        for qid, bouwsteen in kader.withdrawn.items():
            lines.extend(wrap(f"- {qid}: {_origin(bouwsteen.herkomst)}", "  ", "    "))
    lines += ["", "Feiten", "======"]
    for feit in kader.feiten.values():
        lines.extend(wrap(f"- {feit.name}: {feit.type}", "  ", "    "))
        if _changed(feit.herkomst, kader):
            lines.extend(wrap(_origin(feit.herkomst), "    "))
    lines += ["", "Parameters", "=========="]
    for parameter in kader.parameters.values():
        value = m.format_value(parameter.value)
        lines.extend(wrap(f"- {parameter.name}: {parameter.type} = {value}", "  ", "    "))
        lines.extend(wrap(_origin(parameter.herkomst), "    "))
    if kader.stellingen:
        lines += ["", "Stellingen", "=========="]
        for stelling in kader.stellingen.values():
            text = f": {stelling.text}" if stelling.text else ""
            lines.extend(wrap(f"- {stelling.name}{text}", "  ", "    "))
    if kader.controles:
        lines += ["", "Controles", "========="]
        for controle in kader.controles.values():
            lines.extend(wrap(f"- {controle.name}: {controle.text}", "  ", "    "))
            lines.extend(wrap(condition_text(controle), "    ", "      "))
    return "\n".join(lines) + "\n"


def _value_json(value: m.FactValue) -> Any:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, bool | int | str):
        return value
    return value.isoformat()


def overview_json(kader: m.Kader) -> dict[str, Any]:
    """The same overview as data (English keys)."""
    return {
        "kader": {"id": kader.id, "title": kader.title, "extensions": list(kader.extensions)},
        "themas": [
            {
                "id": thema.id,
                "title": thema.title,
                "plateaus": [
                    {
                        "number": plateau.number,
                        "title": plateau.title,
                        "bouwstenen": [
                            {
                                "id": qid,
                                "text": kader.bouwstenen[qid].text,
                                "requires": list(kader.bouwstenen[qid].requires),
                                "origin": _origin_json(kader.bouwstenen[qid].herkomst),
                            }
                            for qid in plateau.bouwstenen
                        ],
                    }
                    for plateau in thema.plateaus
                ],
            }
            for thema in kader.themas.values()
        ],
        "withdrawn": [
            {"id": qid, "origin": _origin_json(b.herkomst)} for qid, b in kader.withdrawn.items()
        ],
        "feiten": [
            {
                "name": feit.name,
                "type": feit.type.kind,
                "values": list(feit.type.values),
                "origin": _origin_json(feit.herkomst),
            }
            for feit in kader.feiten.values()
        ],
        "parameters": [
            {
                "name": parameter.name,
                "type": parameter.type.kind,
                "values": list(parameter.type.values),
                "value": _value_json(parameter.value),
                "origin": _origin_json(parameter.herkomst),
            }
            for parameter in kader.parameters.values()
        ],
        "stellingen": [
            {"name": stelling.name, "text": stelling.text} for stelling in kader.stellingen.values()
        ],
        "controles": [
            {
                "name": controle.name,
                "text": controle.text,
                "reference": controle.bron,
                "condition": condition_text(controle),
                "origin": _origin_json(controle.herkomst),
            }
            for controle in kader.controles.values()
        ],
    }
