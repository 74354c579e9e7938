"""Assessment -> report: Dutch plain text and a versioned JSON document.

:func:`assessment_text` renders an :class:`~kadermodel.evaluate.Assessment` as short Dutch
sentences a council memo can quote: a header (gemeente, kader, peildatum), the plateau per
thema, then per thema every bouwsteen that is not met (``onwaar``) or still open
(``onbekend``) with its text and its ``bron``, and for open ones the questions (``vraag``) of
the unknown facts it reads. :func:`assessment_json` gives the same content as a mapping with
English keys and Dutch values, described by ``schemas/assessment.schema.json``
(``"schema_version": 3``). Besides the cumulative plateau, every thema says per plateau how
many bouwstenen are met, not met and unknown ("basisniveau bereikt; 2 van de 3 aanvullende
bouwstenen gerealiseerd").

Both are deterministic: kader declaration order throughout, no clock, no host paths.

>>> import datetime as dt
>>> from kadermodel import assess, parse_kader
>>> kader = parse_kader('''
... kader voorbeeld { titel "Voorbeeld" }
... feit a: ja_nee vraag "Is a geregeld?"
... thema t "Thema" { plateau 1 { bouwsteen b "A is geregeld." bron "Bron 1" als a } }
... ''')
>>> result = assess(kader, {}, peildatum=dt.date(2026, 6, 30))
>>> assessment_json(result)["themas"][0]["plateau"]
{'low': 0, 'high': 1, 'decided': False, 'text': 'minimaal 0, mogelijk 1'}
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from kadermodel import model as m
from kadermodel.engine.evaluate import Assessment
from kadermodel.logic import Truth
from kadermodel.report.afwijking import afwijking_json, afwijking_lines, afwijkingen_json
from kadermodel.report.controles import controle_lines, controles_json
from kadermodel.report.diagnostics import diagnostics_json
from kadermodel.report.receipt import receipt_json
from kadermodel.report.regio import regio_json, regio_lines
from kadermodel.report.stale import stale_json, stale_lines
from kadermodel.report.textfmt import dutch_date, heading, item, plateau_phrase, wrap
from kadermodel.report.values import plateau_json, progress_json, provenance_json
from kadermodel.report.words import (
    DISCLAIMER,
    capitalised,
    extension_changes,
    progress_words,
    provenance_words,
)

SCHEMA_VERSION = 3
"""Version of the JSON report format (``schema_version``); bump on incompatible changes."""

_LABEL = {Truth.FALSE: "Nog te doen", Truth.UNKNOWN: "Onbekend"}


def unknown_facts(assessment: Assessment, bouwsteen: str) -> tuple[str, ...]:
    """Unknown facts a bouwsteen reads, in declaration order.

    Follows required bouwstenen (``vereist`` and bouwstenen named in the condition) that are
    themselves ``onbekend``; a required bouwsteen that is decided cannot be what keeps this one
    open. This is the plain "which questions are still open" view; which of those facts can
    still change the outcome is the business of :mod:`kadermodel.explanation.relevance`.
    """
    kader = assessment.kader
    found: set[str] = set()
    seen: set[str] = set()
    stack = [bouwsteen]
    while stack:
        qid = stack.pop()
        if qid in seen:
            continue
        seen.add(qid)
        item = kader.bouwstenen[qid]
        found |= m.facts_of(item.full_condition)
        stack.extend(dep for dep in item.depends_on if assessment.truth(dep) is Truth.UNKNOWN)
    values = assessment.facts.values
    return tuple(name for name in kader.feiten if name in found and values.get(name) is None)


def _open_bouwstenen(assessment: Assessment, thema: str) -> Iterator[m.Bouwsteen]:
    """Bouwstenen of ``thema`` that are not ``waar``, in plateau and declaration order."""
    kader = assessment.kader
    for plateau in kader.themas[thema].plateaus:
        for qid in plateau.bouwstenen:
            if assessment.truth(qid) is not Truth.TRUE:
                yield kader.bouwstenen[qid]


# ------------------------------------------------------------------ text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _kader_line(assessment: Assessment) -> str:
    kader = assessment.kader
    details = [d for d in (kader.meta.get("uitgever"), kader.meta.get("versie")) if d]
    if kader.meta.get("versie"):
        details[-1] = f"versie {details[-1]}"
    suffix = f" ({', '.join(details)})" if details else ""
    return f"Kader: {kader.title}{suffix}"


def _header(assessment: Assessment) -> list[str]:
    gemeente = assessment.facts.gemeente or "(niet opgegeven)"
    lines = heading(f"Stand van zaken: {gemeente}", "=")
    lines.extend(wrap(_kader_line(assessment), rest="  "))
    if assessment.kader.extensions:
        lines.append("Uitbreidingen: " + ", ".join(assessment.kader.extensions))
    lines.append(f"Peildatum: {dutch_date(assessment.peildatum)}")
    return lines


def _overview(assessment: Assessment) -> list[str]:
    lines = heading("Plateau per thema", "-")
    results = list(assessment.themas.values())
    progress = assessment.progress
    for thema_id, result in assessment.themas.items():
        line = (
            f"- {result.title}: {plateau_phrase(result.plateau, result.top)}. "
            f"{capitalised(progress_words(progress[thema_id]))}."
        )
        lines.extend(wrap(line, rest="  "))
    notes = []
    if any(r.plateau.low == 0 for r in results):
        notes.append(
            "Basisniveau (nog) niet bereikt: nog niet aan alle bouwstenen van plateau 1 is voldaan."
        )
    if any(not r.plateau.decided for r in results):
        notes.append(
            "Bij 'minimaal ..., mogelijk ...' zijn nog niet alle feiten bekend: het plateau "
            "ligt ergens tussen die twee."
        )
    if notes:
        lines.append("")
        lines.extend(wrap(" ".join(notes)))
    return lines


def _bouwsteen_lines(assessment: Assessment, bouwsteen: m.Bouwsteen) -> list[str]:
    truth = assessment.truth(bouwsteen.id)
    label = _LABEL[truth] + (" (aanbevolen)" if bouwsteen.plateau > 1 else "")
    lines = wrap(f"{label}: {_sentence(bouwsteen.text)}", "- ", "  ")
    bron = bouwsteen.bron or "niet opgegeven"
    lines.extend(wrap(f"Bron: {bron} [{bouwsteen.id}].", "  ", "  "))
    for dep in bouwsteen.depends_on:
        dep_truth = assessment.truth(dep)
        if dep_truth is not Truth.TRUE:
            state = (
                "daaraan is nog niet voldaan" if dep_truth is Truth.FALSE else "die is nog onbekend"
            )
            lines.extend(wrap(f"Bouwt voort op bouwsteen [{dep}]; {state}.", "  ", "  "))
    if truth is Truth.UNKNOWN:
        names = unknown_facts(assessment, bouwsteen.id)
        if names:
            lines.append("  Nog uit te zoeken:")
            for name in names:
                vraag = assessment.kader.feiten[name].vraag or f"Wat is de waarde van {name}?"
                lines.extend(wrap(f"{vraag} ({name})", "  * ", "    "))
    return lines


def _thema_section(assessment: Assessment, thema: str) -> list[str]:
    result = assessment.themas[thema]
    lines = heading(result.title, "-")
    phrase = plateau_phrase(result.plateau, result.top)
    lines.append(f"{capitalised(phrase)}.")
    lines.extend(wrap(f"{capitalised(progress_words(assessment.progress[thema]))}."))
    open_items = list(_open_bouwstenen(assessment, thema))
    if not open_items:
        lines.append("Aan alle bouwstenen is voldaan.")
        return lines
    lines.append("Nog te doen of nog onbekend:")
    for bouwsteen in open_items:
        lines.extend(_bouwsteen_lines(assessment, bouwsteen))
    return lines


def assessment_text(assessment: Assessment, *, max_age_months: int | None = None) -> str:
    """The assessment as a Dutch plain-text report (ends with a newline).

    Answers established more than ``max_age_months`` before the peildatum are listed as
    *verouderd* (see :mod:`kadermodel.facts.stale`); None: the kader's ``verouderd na``, else 24.
    """
    blocks = [_header(assessment), _overview(assessment)]
    stale = stale_lines(assessment, max_age_months)
    if stale:
        blocks.append(stale)
    regional = regio_lines(assessment.facts)
    if regional:
        blocks.append(regional)
    deviations = afwijking_lines(assessment)
    if deviations:
        blocks.append(deviations)
    controles = controle_lines(assessment)
    if controles:
        blocks.append(controles)
    if all(t == Truth.TRUE for t in assessment.truths):
        blocks.append(["Aan alle bouwstenen van alle thema's is voldaan."])
    else:
        blocks.extend(_thema_section(assessment, thema) for thema in assessment.kader.themas)
    changes = extension_changes(assessment.kader)
    if changes:
        block = heading("Wijzigingen door uitbreidingen", "-")
        for what, entry in changes:
            block.extend(item(f"{what}: {provenance_words(entry)}."))
        blocks.append(block)
    blocks.append(wrap(DISCLAIMER))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


# ------------------------------------------------------------------ JSON


def _bouwsteen_json(assessment: Assessment, bouwsteen: m.Bouwsteen) -> dict[str, Any]:
    truth = assessment.truth(bouwsteen.id)
    names = unknown_facts(assessment, bouwsteen.id) if truth is Truth.UNKNOWN else ()
    found: dict[str, Any] = {
        "id": bouwsteen.id,
        "name": bouwsteen.name,
        "plateau": bouwsteen.plateau,
        "text": bouwsteen.text,
        "reference": bouwsteen.bron,
        "truth": str(truth),
        "requires": list(bouwsteen.depends_on),
        "unknown_facts": [
            {"name": name, "question": assessment.kader.feiten[name].vraag} for name in names
        ],
    }
    afwijking = assessment.afwijkingen.get(bouwsteen.id)
    if afwijking is not None:
        found["via_afwijking"] = afwijking_json(afwijking)
    return found


def assessment_json(assessment: Assessment, *, max_age_months: int | None = None) -> dict[str, Any]:
    """The assessment as a JSON-ready mapping (English keys, Dutch texts), ``schema_version`` 3."""
    kader = assessment.kader
    counts = {t.name.lower(): 0 for t in (Truth.TRUE, Truth.FALSE, Truth.UNKNOWN)}
    for value in assessment.truths:
        counts[Truth(value).name.lower()] += 1
    themas = []
    progress = assessment.progress
    for thema_id, thema in kader.themas.items():
        result = assessment.themas[thema_id]
        bouwstenen = [
            _bouwsteen_json(assessment, kader.bouwstenen[qid])
            for plateau in thema.plateaus
            for qid in plateau.bouwstenen
        ]
        themas.append(
            {
                "id": thema_id,
                "title": thema.title,
                "top": result.top,
                "plateau": plateau_json(result.plateau),
                "progress": progress_json(progress[thema_id]),
                "progress_text": progress_words(progress[thema_id]),
                "bouwstenen": bouwstenen,
            }
        )
    found: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "municipality": assessment.facts.gemeente,
        "reference_date": assessment.peildatum.isoformat(),
        "kader": {
            "id": kader.id,
            "title": kader.title,
            "publisher": kader.meta.get("uitgever"),
            "version": kader.meta.get("versie"),
            "extensions": list(kader.extensions),
        },
        "summary": {
            "decided": all(r.plateau.decided for r in assessment.themas.values()),
            "bouwstenen": counts,
        },
        "themas": themas,
        "stale_facts": stale_json(assessment, max_age_months),
        "controles": controles_json(assessment),
        "warnings": diagnostics_json(assessment.facts.warnings),
        "receipt": receipt_json(assessment),
        "provenance": [
            {"target": what, **provenance_json(entry)} for what, entry in extension_changes(kader)
        ],
    }
    regional = regio_json(assessment.facts)
    if regional is not None:
        found["regional_facts"] = regional
    deviations = afwijkingen_json(assessment)
    if deviations is not None:
        found["afwijkingen"] = deviations
    return found


def assessment_schema() -> dict[str, Any]:
    """The JSON Schema of :func:`assessment_json` (``schemas/assessment.schema.json``)."""
    from importlib import resources  # here: importing it costs every report start-up time

    text = resources.files("kadermodel").joinpath("schemas", "assessment.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema
