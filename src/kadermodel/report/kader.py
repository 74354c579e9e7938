"""A checked kader as a short Dutch summary: what ``kadermodel check`` prints."""

from __future__ import annotations

from kadermodel import model as m
from kadermodel.report.textfmt import count, wrap


def kader_summary(kader: m.Kader, source: str) -> str:
    """A short Dutch summary of a checked kader (the output of ``kadermodel check``)."""
    decisive: set[str] = set()
    for bouwsteen in kader.bouwstenen.values():
        decisive |= m.facts_of(bouwsteen.full_condition)
    warned = len(kader.warnings)
    verdict = (
        f"geen fouten gevonden, wel {warned} "
        f"{'waarschuwing' if warned == 1 else 'waarschuwingen'} (zie hierboven)"
        if warned
        else "in orde, geen fouten gevonden"
    )
    lines = wrap(f"{source}: {verdict}.")
    lines.append(f"Kader {kader.id}: {kader.title}")
    details = []
    if kader.meta.get("uitgever"):
        details.append(f"Uitgever: {kader.meta['uitgever']}.")
    if kader.meta.get("versie"):
        details.append(f"Versie: {kader.meta['versie']}.")
    if details:
        lines.append(" ".join(details))
    if kader.extensions:
        lines.append("Uitbreidingen toegepast: " + ", ".join(kader.extensions) + ".")
    informative = len(kader.feiten) - len(decisive)
    counts = [
        count(len(kader.themas), "thema", "thema's"),
        count(len(kader.bouwstenen), "bouwsteen", "bouwstenen"),
        count(len(kader.feiten), "feit", "feiten")
        + f" ({len(decisive)} beslissend, {informative} informatief)",
        count(len(kader.parameters), "parameter", "parameters"),
    ]
    lines.append(", ".join(counts) + ".")
    if kader.stellingen:
        lines.append(count(len(kader.stellingen), "stelling", "stellingen") + ".")
    if kader.stale_after_months is not None:
        lines.append(f"Een antwoord is verouderd na {kader.stale_after_months} maanden.")
    if kader.controles:
        lines.extend(
            wrap(
                count(len(kader.controles), "controle", "controles")
                + " op tegenstrijdige antwoorden: "
                + ", ".join(kader.controles)
                + ".",
                "",
                "  ",
            )
        )
    lines.append("")
    lines.append("Thema's:")
    for thema in kader.themas.values():
        lines.extend(wrap(f"- {thema.id}: {thema.title}", "", "  "))
        plateaus = "; ".join(
            f"plateau {p.number}: {count(len(p.bouwstenen), 'bouwsteen', 'bouwstenen')}"
            for p in thema.plateaus
        )
        lines.append(f"  {plateaus}")
    return "\n".join(lines) + "\n"
