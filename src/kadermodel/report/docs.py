"""A kader -> a small Markdown site: an index, a page per thema, a page per bouwsteen, the facts.

The pages are Dutch (they are for the people who apply the kader). Every link is relative,
so the folder can be opened as is, put in a repository or fed to a static site generator.
``site_pages`` returns the pages as data (relative path -> text); ``kadermodel docs`` writes
them. Layout::

    index.md                 the kader, its thema's, links to everything
    feiten.md                every fact with its type, question and the bouwstenen that read it
    parameters.md            every parameter with its value, bron and provenance
    themas/<thema>.md        per plateau the bouwstenen of a thema
    bouwstenen/<id>.md       one bouwsteen: text, bron, condition, facts, requires, required by
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from kadermodel import model as m
from kadermodel.engine.controles import involved_facts
from kadermodel.explanation.why import condition_text
from kadermodel.report.controles import condition_text as controle_condition_text


def _bouwsteen_link(qid: str, prefix: str) -> str:
    return f"[{qid}]({prefix}bouwstenen/{qid}.md)"


def _origin(herkomst: Sequence[m.Herkomst]) -> list[str]:
    lines = []
    for step in herkomst:
        reason = f" ({step.reason})" if step.reason else ""
        lines.append(
            f"- {step.action} door {step.source}, {Path(step.file).name} regel {step.line}{reason}"
        )
    return lines


def _changed(herkomst: Sequence[m.Herkomst], kader: m.Kader) -> bool:
    return any(step.source in kader.extensions for step in herkomst)


def _required_by(kader: m.Kader) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {qid: [] for qid in kader.bouwstenen}
    for qid, bouwsteen in kader.bouwstenen.items():
        for dependency in bouwsteen.depends_on:
            found.setdefault(dependency, []).append(qid)
    return found


def _readers(kader: m.Kader) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {name: [] for name in kader.feiten}
    for qid, bouwsteen in kader.bouwstenen.items():
        if bouwsteen.condition is not None:
            for name in sorted(m.facts_of(bouwsteen.condition)):
                found[name].append(qid)
    return found


def _index(kader: m.Kader) -> str:
    lines = [f"# {kader.title}", ""]
    details = [f"Kader `{kader.id}`."]
    if kader.meta.get("uitgever"):
        details.append(f"Uitgever: {kader.meta['uitgever']}.")
    if kader.meta.get("versie"):
        details.append(f"Versie: {kader.meta['versie']}.")
    if kader.extensions:
        details.append("Uitbreidingen: " + ", ".join(kader.extensions) + ".")
    lines += [" ".join(details), "", "## Thema's", ""]
    for thema in kader.themas.values():
        count = sum(len(p.bouwstenen) for p in thema.plateaus)
        lines.append(
            f"- [{thema.title}](themas/{thema.id}.md) (`{thema.id}`): {len(thema.plateaus)} "
            f"plateau{'s' if len(thema.plateaus) != 1 else ''}, {count} "
            f"bouwste{'nen' if count != 1 else 'en'}"
        )
    lines += [
        "",
        "## Verder",
        "",
        f"- [Feiten](feiten.md): de {len(kader.feiten)} vragen aan de gemeente",
        f"- [Parameters](parameters.md): de {len(kader.parameters)} drempels en hun bron",
    ]
    if kader.controles:
        lines.append(
            f"- [Controles](controles.md): de {len(kader.controles)} controles op "
            "tegenstrijdige antwoorden"
        )
    return "\n".join(lines) + "\n"


def _thema_page(kader: m.Kader, thema: m.Thema) -> str:
    lines = [f"# {thema.title}", "", f"Thema `{thema.id}`. [Alle thema's](../index.md)", ""]
    lines.append(
        "Een plateau is bereikt als alle bouwstenen van dat plateau en van de plateaus eronder "
        "voldaan zijn."
    )
    for plateau in thema.plateaus:
        title = f": {plateau.title}" if plateau.title else ""
        lines += ["", f"## Plateau {plateau.number}{title}", ""]
        for qid in plateau.bouwstenen:
            lines.append(f"- {_bouwsteen_link(qid, '../')}: {kader.bouwstenen[qid].text}")
    return "\n".join(lines) + "\n"


def _bouwsteen_page(
    kader: m.Kader, bouwsteen: m.Bouwsteen, required_by: Mapping[str, list[str]]
) -> str:
    thema = kader.themas[bouwsteen.thema]
    lines = [
        f"# {bouwsteen.id}",
        "",
        bouwsteen.text,
        "",
        f"Thema [{thema.title}](../themas/{thema.id}.md), plateau {bouwsteen.plateau}.",
    ]
    if bouwsteen.bron:
        lines += ["", f"Bron: {bouwsteen.bron}"]
    lines += ["", "## Wanneer voldaan", ""]
    if bouwsteen.requires:
        required = ", ".join(_bouwsteen_link(r, "../") for r in bouwsteen.requires)
        ending = ", en als:" if bouwsteen.condition is not None else "."
        lines.append(f"Voldaan als deze bouwstenen voldaan zijn: {required}{ending}")
    else:
        lines.append("Voldaan als:")
    if bouwsteen.condition is not None:
        lines += ["", "```kadertaal", condition_text(kader, bouwsteen.condition), "```"]
    facts = sorted(m.facts_of(bouwsteen.condition)) if bouwsteen.condition else []
    if facts:
        lines += ["", "## Feiten", ""]
        for name in facts:
            feit = kader.feiten[name]
            question = f": {feit.vraag}" if feit.vraag else ""
            lines.append(f"- [{name}](../feiten.md#{name}) ({feit.type}){question}")
    params = sorted(m.params_of(bouwsteen.condition)) if bouwsteen.condition else []
    if params:
        lines += ["", "## Parameters", ""]
        for name in params:
            parameter = kader.parameters[name]
            value = m.format_value(parameter.value)
            lines.append(f"- [{name}](../parameters.md#{name}) = {value}")
    used_by = required_by.get(bouwsteen.id, [])
    if used_by:
        lines += ["", "## Nodig voor", ""]
        lines += [f"- {_bouwsteen_link(qid, '../')}" for qid in used_by]
    if _changed(bouwsteen.herkomst, kader):
        lines += ["", "## Herkomst", "", *_origin(bouwsteen.herkomst)]
    return "\n".join(lines) + "\n"


def _facts_page(kader: m.Kader) -> str:
    readers = _readers(kader)
    lines = ["# Feiten", "", "[Terug naar het overzicht](index.md)"]
    for name, feit in kader.feiten.items():
        lines += ["", f'<a id="{name}"></a>', f"## {name}", "", f"Type: {feit.type}."]
        if feit.vraag:
            lines += ["", f"Vraag: {feit.vraag}"]
        if feit.toelichting:
            lines += ["", feit.toelichting]
        if feit.bron:
            lines += ["", f"Bron: {feit.bron}"]
        if readers[name]:
            lines += [
                "",
                "Gebruikt door: " + ", ".join(_bouwsteen_link(q, "") for q in readers[name]),
            ]
        else:
            lines += ["", "Informatief: geen bouwsteen gebruikt dit feit."]
        if _changed(feit.herkomst, kader):
            lines += ["", *_origin(feit.herkomst)]
    return "\n".join(lines) + "\n"


def _parameters_page(kader: m.Kader) -> str:
    lines = ["# Parameters", "", "[Terug naar het overzicht](index.md)"]
    for name, parameter in kader.parameters.items():
        value = m.format_value(parameter.value)
        lines += ["", f'<a id="{name}"></a>', f"## {name}", "", f"{parameter.type} = {value}"]
        if parameter.bron:
            lines += ["", f"Bron: {parameter.bron}"]
        lines += ["", "Herkomst:", "", *_origin(parameter.herkomst)]
    return "\n".join(lines) + "\n"


def _controles_page(kader: m.Kader) -> str:
    lines = ["# Controles", "", "[Terug naar het overzicht](index.md)", ""]
    lines.append(
        "Een controle vangt antwoorden die elkaar tegenspreken. Klopt een controle niet, dan "
        "staat dat als waarschuwing in het rapport. Het plateau verandert er niet door."
    )
    for name, controle in kader.controles.items():
        lines += ["", f'<a id="{name}"></a>', f"## {name}", "", controle.text]
        lines += ["", f"Voorwaarde: `{controle_condition_text(controle)}`"]
        facts = involved_facts(controle)
        lines += ["", "Feiten: " + ", ".join(f"[{f}](feiten.md#{f})" for f in facts)]
        if controle.bron:
            lines += ["", f"Bron: {controle.bron}"]
        if _changed(controle.herkomst, kader):
            lines += ["", *_origin(controle.herkomst)]
    return "\n".join(lines) + "\n"


def site_pages(kader: m.Kader) -> dict[str, str]:
    """Every page of the site: relative path (with ``/``) -> Markdown text."""
    required_by = _required_by(kader)
    pages = {
        "index.md": _index(kader),
        "feiten.md": _facts_page(kader),
        "parameters.md": _parameters_page(kader),
    }
    if kader.controles:
        pages["controles.md"] = _controles_page(kader)
    for thema in kader.themas.values():
        pages[f"themas/{thema.id}.md"] = _thema_page(kader, thema)
    for qid, bouwsteen in kader.bouwstenen.items():
        pages[f"bouwstenen/{qid}.md"] = _bouwsteen_page(kader, bouwsteen, required_by)
    return pages
