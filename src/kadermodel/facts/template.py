"""Kader (+ facts) -> the text of a facts file, grouped per thema, questions as comments.

One layout serves two uses: the blank template (``kadermodel sjabloon``: every fact
``onbekend``) and the file the questionnaire writes after every answer (``kadermodel
vragenlijst``: the answers so far, ``weet niet`` kept). :func:`facts_file_text` gives text
that :func:`kadermodel.facts.core.parse_facts` reads back to the same values.

Facts are grouped by the first thema (in kader order) with a bouwsteen that reads them;
facts no bouwsteen reads are *informatief* and come last, in a group of their own. Within a
group facts keep the kader's declaration order. Comments, ``toelichting`` and other keys of
an existing file are not kept: the file is written anew.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping

from kadermodel import model as m
from kadermodel.facts import codec
from kadermodel.facts.codec import DONT_KNOW
from kadermodel.facts.value import Facts

WIDTH = 96
"""Comment lines are wrapped to this width."""


def fact_groups(kader: m.Kader) -> list[tuple[str | None, list[str]]]:
    """``(thema id, fact names)`` per thema in kader order, then ``(None, informative)``.

    Thema's without facts of their own are left out.
    """
    owner: dict[str, str] = {}
    for thema in kader.themas.values():
        for plateau in thema.plateaus:
            for qid in plateau.bouwstenen:
                for name in m.facts_of(kader.bouwstenen[qid].full_condition):
                    owner.setdefault(name, thema.id)
    groups: list[tuple[str | None, list[str]]] = []
    for thema_id in kader.themas:
        names = [n for n in kader.feiten if owner.get(n) == thema_id]
        if names:
            groups.append((thema_id, names))
    informative = [n for n in kader.feiten if n not in owner]
    if informative:
        groups.append((None, informative))
    return groups


def scalar(value: m.FactValue) -> str:
    """A value as a facts file writes it (``ja``, ``3``, ``2026-06-30``, ``[a, b]``): the
    codec's writer, so the words it quotes are the reader's."""
    return codec.text_value(value)


def answer_form(type_: m.FactType) -> str:
    """How to fill a fact in, for the comment above it (Dutch)."""
    match type_.kind:
        case "ja_nee":
            return "ja of nee"
        case "aantal":
            return "een geheel getal van 0 of meer"
        case "datum":
            return "een datum als jjjj-mm-dd"
        case "keuze":
            return "een van: " + ", ".join(type_.values)
        case _:
            return "een lijst [..] met waarden uit: " + ", ".join(type_.values)


def _comment(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=indent + "# ",
        subsequent_indent=indent + "#   ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def facts_file_text(
    kader: m.Kader,
    facts: Facts | None = None,
    *,
    gemeente: str | None = None,
    peildatum: dt.date | None = None,
) -> str:
    """A facts file for ``kader``: ``facts``' values (or every fact ``onbekend``).

    ``gemeente`` and ``peildatum`` default to those of ``facts``; ``bronnen`` of ``facts``
    are written too. Facts inherited from a region (``regio:``) are not copied: the file
    keeps ``regio:`` and shows the region's value in a comment.
    """
    values: Mapping[str, m.FactValue | None] = facts.own if facts is not None else {}
    inherited: Mapping[str, str] = facts.inherited if facts is not None else {}
    dont_know = facts.dont_know if facts is not None else frozenset()
    if facts is not None:
        gemeente = gemeente if gemeente is not None else facts.gemeente
        peildatum = peildatum if peildatum is not None else facts.peildatum
    lines = _comment(f"Feiten voor het kader '{kader.id}': {kader.title}.", "")
    if kader.extensions:
        lines += _comment("Met de uitbreidingen: " + ", ".join(kader.extensions) + ".", "")
    lines += _comment(
        "Vul per feit een antwoord in. 'onbekend' betekent: nog niet ingevuld; "
        f"'{DONT_KNOW}' betekent: gevraagd, maar het antwoord is niet bekend. "
        "Beide tellen als onbekend: de uitkomst wordt dan een bereik.",
        "",
    )
    lines.append("gemeente:" + ("" if gemeente is None else " " + codec.yaml_quoted(gemeente)))
    if peildatum is None:
        lines.append("# peildatum: jjjj-mm-dd  (de dag waarop de stand geldt; zonder: vandaag)")
    else:
        lines.append(f"peildatum: {peildatum.isoformat()}")
    if facts is not None and facts.regio is not None:
        lines += _comment("De feiten van de regio gelden, tenzij hieronder anders ingevuld.", "")
        lines.append(f"regio: {codec.yaml_quoted(facts.regio)}")
    elif facts is None:
        lines += _comment(
            "regio: regio/naam.yaml  (zo neemt de gemeente de feiten van een regionaal "
            "feitenbestand over; wat hieronder is ingevuld, gaat voor)",
            "",
        )
    lines.append("feiten:")
    for thema_id, names in fact_groups(kader):
        lines.append("")
        if thema_id is None:
            lines += _comment("== Informatieve feiten: tellen niet mee voor een plateau", "  ")
        else:
            thema = kader.themas[thema_id]
            lines += _comment(
                f"== {thema.title} (thema {thema.id}, hoogste plateau {thema.top})", "  "
            )
        for name in names:
            feit = kader.feiten[name]
            lines.append("")
            if feit.vraag:
                lines += _comment(feit.vraag, "  ")
            form = "Antwoord: " + answer_form(feit.type) + "."
            if thema_id is None:
                form += " Informatief."
            lines += _comment(form, "  ")
            value = values.get(name)
            region_value = facts.values.get(name) if name in inherited and facts else None
            if region_value is not None:
                text = f"Van de regio ({inherited[name]}): {scalar(region_value)}."
                lines += _comment(text, "  ")
            if value is not None:
                shown = scalar(value)
            elif name in dont_know:
                shown = DONT_KNOW
            else:
                shown = "onbekend"
            lines.append(f"  {name}: {shown}")
    bronnen = (
        {k: v for k, v in facts.bronnen.items() if k not in inherited} if facts is not None else {}
    )
    if bronnen:
        lines.append("")
        lines.append("bronnen:")
        for name, bron in bronnen.items():
            lines.append(f"  {name}: {codec.yaml_quoted(bron)}")
    established = (
        {k: v for k, v in facts.established.items() if k not in inherited}
        if facts is not None
        else {}
    )
    if established:
        lines.append("")
        lines += _comment("Per feit de datum waarop het antwoord is vastgesteld.", "")
        lines.append("vastgesteld:")
        for name in kader.feiten:
            if name in established:
                lines.append(f"  {name}: {established[name].isoformat()}")
    afwijkingen = facts.afwijkingen if facts is not None else {}
    allowed = [q for q, b in kader.bouwstenen.items() if b.afwijking_toegestaan]
    if facts is None and allowed:
        example = "signalering.tendensen" if "signalering.tendensen" in allowed else allowed[0]
        lines.append("")
        lines += _comment(
            "Voldoet de gemeente op een andere manier aan een bouwsteen (pas toe of leg uit)? "
            "Leg dat vast als afwijking, met de bouwsteen als thema.bouwsteen:",
            "",
        )
        lines += [
            "# afwijkingen:",
            f"#   {example}:",
            '#     reden: "..."',
            '#     goedgekeurd_door: "..."',
            "#     geldig_tot: jjjj-mm-dd",
        ]
    if afwijkingen:
        lines.append("")
        lines += _comment(
            "Per bouwsteen waarom de gemeente er op een andere manier aan voldoet (pas toe of "
            "leg uit): de reden, wie het goedkeurde en tot wanneer het geldt.",
            "",
        )
        lines.append("afwijkingen:")
        for qid, afwijking in afwijkingen.items():
            lines.append(f"  {qid}:")
            lines.append(f"    reden: {codec.yaml_quoted(afwijking.reden)}")
            lines.append(f"    goedgekeurd_door: {codec.yaml_quoted(afwijking.goedgekeurd_door)}")
            lines.append(f"    geldig_tot: {afwijking.geldig_tot.isoformat()}")
    return "\n".join(lines) + "\n"
