"""A mutation report -> the Dutch text ``kadermodel mutatie`` prints."""

from __future__ import annotations

from collections.abc import Iterable

from kadermodel.report.textfmt import count, wrap
from kadermodel.testing.mutation import Outcome, Report


def _grouped(outcomes: Iterable[Outcome]) -> dict[str, list[Outcome]]:
    found: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        found.setdefault(outcome.mutant.target, []).append(outcome)
    return found


def _section(title: str, outcomes: tuple[Outcome, ...]) -> list[str]:
    if not outcomes:
        return []
    lines = ["", *wrap(title)]
    for target, items in _grouped(outcomes).items():
        lines.append(f"  {target}")
        for outcome in items:
            lines.extend(
                wrap(f"- {outcome.mutant.kind}: {outcome.mutant.description}", "    ", "      ")
            )
    return lines


def mutation_text(report: Report) -> str:
    """Score, then the survivors per bouwsteen, then the equivalent mutants."""
    cases = report.case_count
    lines = wrap(
        f"Mutatietoets van kader {report.kader.id} met "
        f"{count(len(report.files), 'testbestand', 'testbestanden')} "
        f"({count(cases, 'geval', 'gevallen')}): " + ", ".join(report.files)
    )
    killed, total = report.score
    undecided = tuple(o for o in report.survivors if o.equivalent is None)
    lines.append(
        f"{count(len(report.outcomes), 'mutant', 'mutanten')}: {killed} gedood, "
        f"{len(report.equivalents)} gelijkwaardig (bewezen), {len(report.survivors)} overleefd."
    )
    percentage = f" ({100 * killed // total}%)" if total else ""
    lines.append(f"Score: {killed} van {total}{percentage} niet-gelijkwaardige mutanten gedood.")
    if not report.survivors:
        lines.append("Elke mutant die de uitkomst kan veranderen, valt op in een geval.")
    lines += _section(
        "Overleefd, per bouwsteen (geen geval merkt deze fout op; voeg een geval toe dat het "
        "verschil laat zien):",
        tuple(o for o in report.survivors if o.equivalent is not None),
    )
    lines += _section(
        "Overleefd en niet beslist (te veel combinaties om gelijkwaardigheid na te gaan):",
        undecided,
    )
    lines += _section(
        "Gelijkwaardig (bewezen: geeft voor geen enkele combinatie van feiten, ook onbekende, "
        "een andere uitkomst):",
        report.equivalents,
    )
    return "\n".join(lines) + "\n"
