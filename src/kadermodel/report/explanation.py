"""Explanations, next steps, relevant unknowns and diffs -> Dutch text and JSON.

:func:`explanation_text` is what ``kadermodel explain`` and ``kadermodel assess --uitleg``
print: per thema, for every bouwsteen why it is ``waar``, ``onwaar`` or ``onbekend``, then
the next step to the next plateau and the open questions that can still move the thema. The
sentences are short so that a council memo can quote them ("Voor plateau 2 van ... ontbreekt
nog: ..."). :func:`explanation_json` gives the same content with English keys and Dutch
values, described by ``schemas/explanation.schema.json`` (``"schema_version": 3``). The
renderers for the parts (:func:`next_steps_text`, :func:`relevant_unknowns_text`,
:func:`diff_text` and their ``_json`` twins) can be used on their own.

All output is deterministic: kader declaration order, no clock, no host paths.

>>> import datetime as dt
>>> from kadermodel import assess, parse_kader
>>> kader = parse_kader('''
... kader voorbeeld { titel "Voorbeeld" }
... feit a: ja_nee vraag "Is a geregeld?"
... thema t "Thema" { plateau 1 { bouwsteen b "A is geregeld." als a } }
... ''')
>>> result = assess(kader, {"a": False}, peildatum=dt.date(2026, 6, 30))
>>> print(next_steps_text(next_steps(result, "t")))
Voor plateau 1 van Thema ontbreekt nog: t.b.
Daarvoor is 1 wijziging nodig:
- a: nee -> ja
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from kadermodel import model as m
from kadermodel.engine.evaluate import Assessment, PlateauRange
from kadermodel.explanation.diff import Diff
from kadermodel.explanation.next_steps import NextSteps, next_steps
from kadermodel.explanation.relevance import RelevantUnknowns, relevant_unknowns
from kadermodel.explanation.why import Explanation, FactNote, Reason, explain, explain_many
from kadermodel.logic import Truth
from kadermodel.report.afwijking import (
    afwijking_json,
    afwijking_lines,
    afwijking_words,
    afwijkingen_json,
)
from kadermodel.report.controles import controle_lines, controles_json
from kadermodel.report.diagnostics import diagnostics_json
from kadermodel.report.receipt import receipt_json
from kadermodel.report.regio import regio_json, regio_lines
from kadermodel.report.textfmt import (
    count,
    dutch_date,
    heading,
    item,
    join_words,
    plateau_phrase,
    wrap,
)
from kadermodel.report.values import json_value, plateau_json, progress_json, provenance_json
from kadermodel.report.words import (
    DISCLAIMER,
    NO_FURTHER,
    capitalised,
    extension_changes,
    progress_words,
    provenance_words,
)

SCHEMA_VERSION = 3
"""Version of the JSON format (``schema_version``); bump on incompatible changes."""

_VERDICT = {Truth.TRUE: "Voldaan", Truth.FALSE: "Nog te doen", Truth.UNKNOWN: "Onbekend"}
_BECAUSE = {
    Truth.TRUE: "Hieraan is voldaan, want:",
    Truth.FALSE: "Hieraan is nog niet voldaan, onder meer omdat:",
}


def schema() -> dict[str, Any]:
    """The JSON Schema of :func:`explanation_json` (its ``$defs`` describe the parts)."""
    text = resources.files("kadermodel").joinpath("schemas", "explanation.schema.json")
    found: dict[str, Any] = json.loads(text.read_text("utf-8"))
    return found


# ====================================================================== text helpers


# ====================================================================== explanations


def _reason_text(reason: Reason, explanation: Explanation, truths: dict[str, Truth]) -> str:
    notes = {n.name: n for n in explanation.facts}
    if reason.bouwsteen is not None:
        return f"bouwsteen {reason.bouwsteen} is {truths[reason.bouwsteen]}"
    values = []
    for name in reason.facts:
        note = notes[name]
        value = f"{name} is {note.shown}"
        details = [f"van de regio: {note.regio}"] if note.regio else []
        if note.bron:
            details.append(f"bron: {note.bron}")
        if details:
            value += f" ({'; '.join(details)})"
        values.append(value)
    simple = reason.condition in (reason.facts[0], f"niet {reason.facts[0]}") if values else False
    if simple:
        return values[0]
    if not values:
        return f"{reason.condition} is {reason.truth}"
    return f"{reason.condition}: " + "; ".join(values)


def _explanation_lines(
    explanation: Explanation, kader: m.Kader, shown: set[str], indent: str = ""
) -> list[str]:
    """One bouwsteen's explanation; requirements outside ``shown`` are nested."""
    truths = {r.bouwsteen: r.truth for r in explanation.requirements}
    verdict = _VERDICT[explanation.truth]
    if explanation.afwijking is not None:
        verdict = "Voldaan via afwijking"
    lines = item(f"{verdict}: {explanation.text} [{explanation.bouwsteen}]", indent)
    inner = indent + "  "
    if explanation.bron:
        lines += wrap(f"Bron: {explanation.bron}.", inner)
    # Provenance is shown once an uitbreiding has touched the bouwsteen; a bouwsteen that
    # only the base kader defines would repeat the same line everywhere (JSON has it all).
    herkomst = explanation.herkomst
    if len(herkomst) > 1 or any(h.source != kader.id for h in herkomst):
        for entry in herkomst:
            lines += wrap(f"Herkomst: {entry}.", inner)
    if explanation.afwijking is not None:
        lines += wrap(f"Afwijking: {afwijking_words(explanation.afwijking)}", inner)
    elif explanation.truth is Truth.UNKNOWN:
        lines += wrap(f"Nog open: {explanation.open_condition}.", inner)
        open_facts = explanation.open_facts
        if open_facts:
            lines += wrap("Nog uit te zoeken:", inner)
            for name in open_facts:
                feit = kader.feiten[name]
                text = f"{feit.vraag} ({name})" if feit.vraag else name
                lines += item(text, inner)
    else:
        lines += wrap(_BECAUSE[explanation.truth], inner)
        for reason in explanation.reasons:
            lines += item(_reason_text(reason, explanation, truths), inner)
    for requirement in explanation.requirements:
        if requirement.bouwsteen not in shown:
            lines += _explanation_lines(requirement, kader, shown, inner)
    return lines


def next_steps_text(steps: NextSteps) -> str:
    """The next step of one thema, in short Dutch sentences."""
    if steps.target is None:
        if steps.top == 1:
            return "\n".join(
                wrap(
                    f"{steps.title} heeft het basisniveau (plateau 1) zeker bereikt; {NO_FURTHER}."
                )
            )
        return "\n".join(
            wrap(f"{steps.title} staat zeker op het hoogste plateau ({steps.top}) van het Kader.")
        )
    missing = join_words(list(steps.blocking))
    if not steps.reachable:
        lines = wrap(
            f"Plateau {steps.target} van {steps.title} is met deze regels niet te bereiken: "
            f"geen verandering van feiten maakt {missing} waar."
        )
        if not steps.optimal:
            lines += wrap("(De zoektocht is afgebroken; dit is niet zeker.)")
        return "\n".join(lines)
    goal = f"plateau {steps.target}" + (" (aanbevolen)" if steps.target > 1 else "")
    lines = wrap(f"Voor {goal} van {steps.title} ontbreekt nog: {missing}.")
    changes = count(len(steps.steps), "wijziging", "wijzigingen")
    verb = "is" if len(steps.steps) == 1 else "zijn"
    lines += wrap(f"Daarvoor {verb} {changes} nodig:")
    for change in steps.steps:
        lines += item(str(change))
    if not steps.optimal:
        lines += wrap(
            "(Gevonden met een beperkte zoektocht: geen wijziging kan eruit, maar misschien "
            "kan het met minder.)"
        )
    return "\n".join(lines)


def relevant_unknowns_text(found: RelevantUnknowns, kader: m.Kader) -> str:
    """The open questions that still matter (most decisive first) and those that do not."""
    lines: list[str] = []
    if found.relevant:
        lines += wrap("Deze antwoorden kunnen de uitkomst nog veranderen, belangrijkste eerst:")
        for fact in found.relevant:
            titles = join_words([kader.themas[t].title for t in fact.themas])
            alone = "" if fact.alone else "; alleen samen met andere antwoorden"
            vraag = f"{fact.vraag} " if fact.vraag else ""
            lines += item(f"{vraag}({fact.name}; raakt {titles}{alone})")
    else:
        lines += wrap("Geen open vraag kan de uitkomst nog veranderen.")
    if found.not_relevant:
        skip = ", ".join(found.not_relevant)
        lines += [
            "",
            *wrap(
                "Deze open vragen horen bij het Kader, maar hun antwoord verandert het plateau "
                f"nu niet: {skip}."
            ),
        ]
    return "\n".join(lines)


def explanation_text(
    assessment: Assessment, thema: str | None = None, *, standalone: bool = True
) -> str:
    """The full explanation of an assessment (or of one thema) as Dutch text.

    ``standalone`` adds what the uitbreidingen changed and the disclaimer at the end; the
    assessment report that appends an explanation (``assess --uitleg``) has them already.
    """
    kader = assessment.kader
    themas = [thema] if thema is not None else list(kader.themas)
    for name in themas:
        if name not in kader.themas:
            next_steps(assessment, name)  # raises the KaderError for an unknown thema
    gemeente = assessment.facts.gemeente or "(gemeente onbekend)"
    lines = heading(f"Uitleg: {gemeente}", "=")
    lines += wrap(f"Kader: {kader.title} ({kader.id})", "", "  ")
    lines += [f"Peildatum: {dutch_date(assessment.peildatum)}"]
    found = relevant_unknowns(assessment)
    shown = {q for t in themas for p in kader.themas[t].plateaus for q in p.bouwstenen}
    explained = explain_many(assessment, [q for q in kader.bouwstenen if q in shown])
    for name in themas:
        info = kader.themas[name]
        result = assessment.themas[name]
        lines += ["", *heading(info.title, "-")]
        lines += wrap(f"Uitkomst: {plateau_phrase(result.plateau, info.top)}.")
        lines += wrap(f"{capitalised(progress_words(assessment.progress[name]))}.")
        for plateau in info.plateaus:
            lines += ["", f"Bouwstenen van plateau {plateau.number}:"]
            for qid in plateau.bouwstenen:
                lines += _explanation_lines(explained[qid], kader, shown)
        lines += ["", "Volgende stap:", next_steps_text(next_steps(assessment, name))]
        here = [f for f in found.relevant if name in f.themas]
        if here and thema is not None:
            lines += ["", *wrap("Open vragen die dit thema nog kunnen veranderen:")]
            for fact in here:
                vraag = f"{fact.vraag} " if fact.vraag else ""
                lines += item(f"{vraag}({fact.name})")
    if thema is None:
        lines += ["", *heading("Open vragen", "-"), relevant_unknowns_text(found, kader)]
    regional = regio_lines(assessment.facts)
    if regional:
        lines += ["", *regional]
    deviations = afwijking_lines(assessment)
    if deviations:
        lines += ["", *deviations]
    controles = controle_lines(assessment)
    if controles and standalone:
        lines += ["", *controles]
    if standalone:
        changes = extension_changes(kader)
        if changes:
            lines += ["", *heading("Wijzigingen door uitbreidingen", "-")]
            for what, entry in changes:
                lines += item(f"{what}: {provenance_words(entry)}.")
        lines += ["", *wrap(DISCLAIMER)]
    return "\n".join(lines) + "\n"


# ====================================================================== JSON


def explanation_item_json(explanation: Explanation) -> dict[str, Any]:
    """One bouwsteen's explanation; requirements as references (id and truth)."""
    return {
        "id": explanation.bouwsteen,
        "thema": explanation.thema,
        "plateau": explanation.plateau,
        "text": explanation.text,
        "reference": explanation.bron,
        "provenance": [provenance_json(h) for h in explanation.herkomst],
        "truth": str(explanation.truth),
        "reasons": [
            {
                "condition": r.condition,
                "truth": str(r.truth),
                "facts": list(r.facts),
                "bouwsteen": r.bouwsteen,
            }
            for r in explanation.reasons
        ],
        "facts": [_fact_note_json(n) for n in explanation.facts],
        "requires": [{"id": r.bouwsteen, "truth": str(r.truth)} for r in explanation.requirements],
        "open_condition": explanation.open_condition,
        "open_facts": list(explanation.open_facts),
        **(
            {"via_afwijking": afwijking_json(explanation.afwijking)}
            if explanation.afwijking is not None
            else {}
        ),
    }


def _fact_note_json(note: FactNote) -> dict[str, Any]:
    found = {
        "name": note.name,
        "value": json_value(note.value),
        "text": note.shown,
        "question": note.vraag,
        "source": note.bron,
    }
    if note.regio is not None:
        found["region"] = note.regio
    return found


def next_steps_json(steps: NextSteps) -> dict[str, Any]:
    return {
        "thema": steps.thema,
        "plateau": plateau_json(steps.plateau),
        "top": steps.top,
        "target": steps.target,
        "reachable": steps.reachable,
        "optimal": steps.optimal,
        "blocking": list(steps.blocking),
        "changes": [
            {
                "fact": c.fact,
                "old": json_value(c.old),
                "new": json_value(c.new),
                "text": str(c),
                "question": c.vraag,
            }
            for c in steps.steps
        ],
        "text": next_steps_text(steps),
    }


def relevant_unknowns_json(found: RelevantUnknowns) -> dict[str, Any]:
    return {
        "relevant": [
            {
                "fact": f.name,
                "question": f.vraag,
                "themas": list(f.themas),
                "alone": f.alone,
                "proven": f.proven,
            }
            for f in found.relevant
        ],
        "not_relevant": list(found.not_relevant),
    }


def explanation_json(assessment: Assessment, thema: str | None = None) -> dict[str, Any]:
    """The explanation of an assessment (or of one thema) as a JSON-ready mapping."""
    kader = assessment.kader
    themas = [thema] if thema is not None else list(kader.themas)
    for name in themas:
        if name not in kader.themas:
            next_steps(assessment, name)  # raises the KaderError for an unknown thema
    found = relevant_unknowns(assessment)
    explained = explain_many(
        assessment, [q for t in themas for p in kader.themas[t].plateaus for q in p.bouwstenen]
    )
    items = []
    progress = assessment.progress
    for name in themas:
        info = kader.themas[name]
        result = assessment.themas[name]
        items.append(
            {
                "id": name,
                "title": info.title,
                "top": info.top,
                "plateau": plateau_json(result.plateau),
                "progress": progress_json(progress[name]),
                "progress_text": progress_words(progress[name]),
                "bouwstenen": [
                    explanation_item_json(explained[q]) for p in info.plateaus for q in p.bouwstenen
                ],
                "next_steps": next_steps_json(next_steps(assessment, name)),
                "open_questions": [f.name for f in found.relevant if name in f.themas],
            }
        )
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "municipality": assessment.facts.gemeente,
        "reference_date": assessment.peildatum.isoformat(),
        "kader": kader.id,
        "thema": thema,
        "themas": items,
        "relevant_unknowns": relevant_unknowns_json(found),
        "controles": controles_json(assessment),
        "warnings": diagnostics_json(assessment.facts.warnings),
        "receipt": receipt_json(assessment),
        "provenance": [
            {"target": what, **provenance_json(entry)} for what, entry in extension_changes(kader)
        ],
    }
    regional = regio_json(assessment.facts)
    if regional is not None:
        document["regional_facts"] = regional
    deviations = afwijkingen_json(assessment)
    if deviations is not None:
        document["afwijkingen"] = deviations
    return document


# ====================================================================== diff


def _range_text(plateau: PlateauRange | None) -> str:
    return "-" if plateau is None else str(plateau)


_DIRECTION = {
    "hoger": "omhoog",
    "lager": "omlaag",
    "preciezer": "preciezer bepaald",
    "ruimer": "minder zeker",
    "nieuw": "nieuw",
    "vervallen": "vervallen",
}


def diff_text(found: Diff) -> str:
    """What changed between two assessments, per thema that moved."""
    old = found.old_gemeente or "(gemeente onbekend)"
    new = found.new_gemeente or "(gemeente onbekend)"
    who = old if old == new else f"{old} -> {new}"
    days = f"{dutch_date(found.old_peildatum)} -> {dutch_date(found.new_peildatum)}"
    lines = wrap(f"Verschil: {who}, peildatum {days}")
    if found.kader_changed:
        lines += wrap("Let op: de twee uitkomsten gebruiken niet hetzelfde kader.")
    if not found.themas:
        lines += wrap("Geen thema is van plateau veranderd.")
    blocks = {c.bouwsteen: c for c in found.bouwstenen}
    facts = {c.name: c for c in found.facts}
    for change in found.themas:
        lines += [""]
        lines += wrap(
            f"{change.title}: plateau was {_range_text(change.old)}, is nu "
            f"{_range_text(change.new)} ({_DIRECTION[change.direction]})."
        )
        for qid in change.bouwstenen:
            block = blocks[qid]
            text = f"bouwsteen {qid}: {block.old_state} -> {block.new_state}"
            if block.rule_changed:
                text += " (regel gewijzigd)"
            if block.facts:
                text += ", door " + "; ".join(str(facts[f]) for f in block.facts)
            elif block.old_afwijking != block.new_afwijking:
                text += ", door een afwijking"
            elif not block.rule_changed:
                text += ", door de andere peildatum"
            lines += item(text)
    unchanged = [c for c in found.facts if not any(c.name in t.facts for t in found.themas)]
    if unchanged:
        lines += ["", *wrap("Gewijzigde feiten zonder gevolg voor een plateau:")]
        for fact in unchanged:
            lines += item(str(fact))
    return "\n".join(lines) + "\n"


def diff_json(found: Diff) -> dict[str, Any]:
    def truth(value: Truth | None) -> str | None:
        return None if value is None else str(value)

    return {
        "schema_version": SCHEMA_VERSION,
        "old": {
            "municipality": found.old_gemeente,
            "reference_date": found.old_peildatum.isoformat(),
        },
        "new": {
            "municipality": found.new_gemeente,
            "reference_date": found.new_peildatum.isoformat(),
        },
        "kader_changed": found.kader_changed,
        "themas": [
            {
                "id": c.thema,
                "title": c.title,
                "old": None if c.old is None else plateau_json(c.old),
                "new": None if c.new is None else plateau_json(c.new),
                "direction": c.direction,
                "bouwstenen": list(c.bouwstenen),
                "facts": list(c.facts),
            }
            for c in found.themas
        ],
        "unchanged": list(found.unchanged),
        "bouwstenen": [
            {
                "id": c.bouwsteen,
                "old": truth(c.old),
                "new": truth(c.new),
                "facts": list(c.facts),
                "rule_changed": c.rule_changed,
                **(
                    {"old_via_afwijking": c.old_afwijking, "new_via_afwijking": c.new_afwijking}
                    if c.old_afwijking or c.new_afwijking
                    else {}
                ),
            }
            for c in found.bouwstenen
        ],
        "facts": [
            {"name": c.name, "old": json_value(c.old), "new": json_value(c.new)}
            for c in found.facts
        ],
    }


# ============================================================ one bouwsteen, for test reports


def bouwsteen_explanation_text(assessment: Assessment, qid: str, indent: str = "") -> str:
    """Why one bouwsteen came out as it did, with fact ids and values, for test reports
    (a case file's mismatch shows it under the expected and the actual plateau)."""
    explanation = explain(assessment, qid)
    notes = {note.name: note for note in explanation.all_facts()}
    lines = [
        f"{indent}{qid}: {explanation.truth}",
        f'{indent}  "{explanation.text}"',
    ]
    if explanation.truth.known:
        lines.append(f"{indent}  {explanation.truth}, want:")
        for reason in explanation.reasons:
            if reason.bouwsteen is not None:
                lines.append(f"{indent}    - bouwsteen {reason.bouwsteen} is {reason.truth}")
                continue
            values = ", ".join(f"{n} = {notes[n].shown}" for n in reason.facts if n in notes)
            shown = f" ({values})" if values else ""
            lines.append(f"{indent}    - {reason.condition}: {reason.truth}{shown}")
    else:
        lines.append(f"{indent}  nog open: {explanation.open_condition}")
        if explanation.open_facts:
            lines.append(f"{indent}  nog uit te zoeken: {', '.join(explanation.open_facts)}")
    return "\n".join(lines)
