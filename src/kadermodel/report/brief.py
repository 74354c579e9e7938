"""An assessment as a plain-language letter (B1 Dutch, Markdown): :func:`report_brief`.

For a policy officer to put before the raad: one to two pages, short sentences, no ids, no
operators, every claim with its Kader reference. What is in place, what is next, what is
still unknown, and the reminder that the Kader is a yardstick, not an obligation.
Deterministic: the same assessment gives the same text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from kadermodel.engine.controles import failed_controles
from kadermodel.engine.evaluate import Assessment, PlateauProgress, PlateauRange, ThemaProgress
from kadermodel.explanation.next_steps import next_steps
from kadermodel.explanation.relevance import relevant_unknowns
from kadermodel.logic import Truth
from kadermodel.report.stale import stale_answers
from kadermodel.report.textfmt import dutch_date
from kadermodel.report.words import NO_FURTHER, capitalised, question_of

_MAX_QUESTIONS = 8


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _where(plateau: PlateauRange, top: int) -> str:
    if plateau.decided:
        if plateau.low == 0:
            return "Het basisniveau is nog niet bereikt."
        if plateau.low == top == 1:
            return "We hebben het basisniveau bereikt."
        if plateau.low == top:
            return f"We hebben het hoogste plateau bereikt: plateau {top}."
        return f"We zitten op plateau {plateau.low}. Het hoogste plateau is {top}."
    if plateau.low == 0:
        return (
            f"Het basisniveau is nog niet zeker bereikt. Misschien zitten we al op plateau "
            f"{plateau.high}. Dat hangt af van vragen die nog open zijn."
        )
    return (
        f"We zitten minstens op plateau {plateau.low}. Misschien al op plateau "
        f"{plateau.high}. Dat hangt af van vragen die nog open zijn."
    )


def _further(plateau: PlateauRange, progress: ThemaProgress) -> str:
    """The aanvullende bouwstenen of a thema, in short sentences: only once the basisniveau
    is reached (below it the letter lists what is done per plateau anyway); what is still
    unknown only when the plateau is decided (else the letter says it depends on open
    questions already)."""
    if plateau.low == 0:
        return ""
    if progress.top == 1:
        return f" {capitalised(NO_FURTHER)}."
    return "".join(_extra(p, plateau.decided) for p in progress.plateaus[1:] if not p.complete)


def _extra(progress: PlateauProgress, say_unknown: bool) -> str:
    total, met, unknown = progress.total, progress.met, progress.unknown
    what = "aanvullende bouwsteen" if total == 1 else f"{total} aanvullende bouwstenen"
    if progress.number > 2:
        what += f" van plateau {progress.number}"
    if met == 0 and unknown == 0:
        verb = "is" if total == 1 else "zijn"
        return f" De {what} {verb} nog niet gerealiseerd."
    if met == 0 and unknown == total:
        verb = "is" if total == 1 else "zijn"
        return f" Of de {what} gerealiseerd {verb}, weten we nog niet."
    verb = "is" if met == 1 else "zijn"
    done = f"er {met}" if met else "er nog geen"
    text = f" Van de {what} {'is' if not met else verb} {done} gerealiseerd."
    if unknown and say_unknown:
        text += f" Van {unknown} weten we het nog niet."
    return text


def _common_bron(bronnen: Sequence[str | None]) -> str | None:
    """The reference that the bouwstenen of one plateau share (``Kader 2021, Thema, plateau
    1``), without the number of the point."""
    known = [b for b in bronnen if b]
    if not known:
        return None
    # A text prefix, not a path: the references differ only in their last words.
    common = os.path.commonprefix(known) if len(known) > 1 else known[0]  # noqa: RUF071
    common = re.sub(r",?\s*punt\s*\d*\s*$", "", common).rstrip(" ,;:")
    return common or "; ".join(known)


def _item(text: str, bron: str | None) -> str:
    reference = f" (Kader: {bron})" if bron else ""
    return f"- {_sentence(text)}{reference}"


def _afwijkingen(assessment: Assessment) -> list[str]:
    """ "Voldaan via afwijking" in plain words: what we do another way, and expired ones."""
    kader = assessment.kader
    applied, gone = assessment.afwijkingen, assessment.expired_afwijkingen
    lines: list[str] = []
    if applied:
        lines.extend(
            [
                "## Wat doen we op een andere manier?",
                "",
                "Deze onderdelen regelen we op een andere manier. Dat heet voldaan via "
                "afwijking. De reden is vastgelegd en goedgekeurd.",
                "",
            ]
        )
        for qid, afwijking in applied.items():
            bouwsteen = kader.bouwstenen[qid]
            text = (
                f"{_sentence(bouwsteen.text)} Wij doen dat op een andere manier. "
                f"{_sentence(afwijking.reden)} Goedgekeurd door {afwijking.goedgekeurd_door}. "
                "Dit geldt tot en met "
                f"{dutch_date(afwijking.geldig_tot)}"
            )
            lines.append(_item(text, bouwsteen.bron))
        lines.append("")
    if gone:
        lines.extend(["Deze afwijkingen zijn verlopen. Ze tellen niet meer mee:", ""])
        for qid, afwijking in gone.items():
            text = (
                f"{_sentence(kader.bouwstenen[qid].text)} De afwijking gold tot en met "
                f"{dutch_date(afwijking.geldig_tot)}"
            )
            lines.append(_item(text, kader.bouwstenen[qid].bron))
        lines.append("")
    return lines


def _stale(assessment: Assessment, max_age_months: int | None) -> list[str]:
    """Answers older than the kader allows, in plain words: they count, we check them."""
    months, found = stale_answers(assessment, max_age_months)
    if not found:
        return []
    lines = [
        "## Welke antwoorden zijn oud?",
        "",
        f"Deze antwoorden zijn meer dan {months} maanden oud. Ze tellen mee. "
        "Wij kijken ze opnieuw na:",
        "",
    ]
    for stale in found:
        lines.append(
            f"- {question_of(assessment.kader, stale.name)} Vastgesteld op "
            f"{dutch_date(stale.established)}."
        )
    lines.append("")
    return lines


def report_brief(assessment: Assessment, *, max_age_months: int | None = None) -> str:
    """The letter in Markdown (ends with a newline).

    ``max_age_months``: how old an answer may be before it is *verouderd* (None: the kader's
    ``verouderd na``, else 24).
    """
    kader = assessment.kader
    gemeente = assessment.facts.gemeente or "onze gemeente"
    lines = [
        f"# Aanpak van mensenhandel in {gemeente}: waar staan we?",
        "",
        f"Stand op {dutch_date(assessment.peildatum)}.",
        "",
        "## Waarom deze brief",
        "",
        "De VNG heeft een kader gemaakt voor de aanpak van mensenhandel door gemeenten. "
        "Het kader heeft vijf thema's. Per thema zijn er stappen, die heten plateaus. "
        "In deze brief leest u hoe ver wij zijn. Het kader is een meetlat. "
        "Het is geen verplichting.",
        "",
        "## Waar staan we?",
        "",
    ]
    progress = assessment.progress
    for thema_id, result in assessment.themas.items():
        where = _where(result.plateau, result.top)
        lines.append(f"**{result.title}.** {where}{_further(result.plateau, progress[thema_id])}")
        lines.append("")
    lines.extend(["## Wat hebben we geregeld?", ""])
    any_done = False
    for thema_id, thema in kader.themas.items():
        items = []
        for plateau, counts in zip(thema.plateaus, progress[thema_id].plateaus, strict=True):
            if not counts.met:
                continue
            total = counts.total
            what = (
                f"alle {total} onderdelen zijn geregeld"
                if counts.complete and total > 1
                else "het onderdeel is geregeld"
                if total == 1
                else f"{counts.met} van de {total} onderdelen "
                f"{'is' if counts.met == 1 else 'zijn'} geregeld"
            )
            bronnen = [kader.bouwstenen[q].bron for q in plateau.bouwstenen]
            items.append(_item(f"Plateau {plateau.number}: {what}", _common_bron(bronnen)))
        if items:
            any_done = True
            lines.extend([f"### {thema.title}", "", *items, ""])
    if not any_done:
        lines.extend(["Van de onderdelen van het kader is nog niets aangetoond.", ""])
    lines.extend(_afwijkingen(assessment))
    lines.extend(["## Wat is de volgende stap?", ""])
    any_next = False
    for thema_id, thema in kader.themas.items():
        steps = next_steps(assessment, thema_id)
        if steps.at_top or steps.target is None:
            continue
        todo = [
            kader.bouwstenen[q]
            for q in steps.blocking
            if assessment.truth(q) is not Truth.TRUE and kader.bouwstenen[q].thema == thema_id
        ]
        if not todo:
            continue
        any_next = True
        goal = (
            "het basisniveau (plateau 1)"
            if steps.target == 1
            else f"plateau {steps.target}. Dat plateau is aanbevolen"
        )
        lines.extend([f"### {thema.title}", "", f"Dit is nodig voor {goal}:", ""])
        lines.extend(_item(b.text, b.bron) for b in todo)
        lines.append("")
    if not any_next:
        lines.extend(["Bij alle thema's is het hoogste plateau bereikt.", ""])
    failed = failed_controles(assessment)
    if failed:
        lines.extend(
            [
                "## Wat klopt er nog niet?",
                "",
                "Een paar antwoorden kloppen niet met elkaar. Dat verandert niets aan de "
                "plateaus. Wij kijken deze antwoorden na:"
                if len(failed) > 1
                else "Er klopt iets niet in de antwoorden. Dat verandert niets aan de "
                "plateaus. Wij kijken dit na:",
                "",
                *(f"- {r.controle.text}" for r in failed),
                "",
            ]
        )
    lines.extend(_stale(assessment, max_age_months))
    lines.extend(["## Wat weten we nog niet?", ""])
    found = relevant_unknowns(assessment)
    if not found.relevant:
        lines.extend(["Er zijn geen open vragen die het plateau nog kunnen veranderen.", ""])
    else:
        lines.extend(["Deze vragen zijn nog niet beantwoord. Het antwoord telt mee:", ""])
        for fact in found.relevant[:_MAX_QUESTIONS]:
            lines.append(f"- {question_of(kader, fact.name)}")
        rest = len(found.relevant) - _MAX_QUESTIONS
        if rest > 0:
            lines.append(f"- En nog {rest} andere vragen.")
        lines.append("")
    lines.extend(
        [
            "## Tot slot",
            "",
            "Het kader bevat geen resultaatsverplichting. Het laat zien waar wij staan. "
            "En het helpt om de volgende stap te kiezen. Wat nog niet bekend is, "
            "noemen we ook zo.",
            "",
        ]
    )
    return "\n".join(lines)
