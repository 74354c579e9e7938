"""Facts inherited from a region (``regio:``) in reports: a Dutch text block and the JSON part.

See :mod:`kadermodel.facts.regio`. Both are empty (``[]`` / ``None``) when the facts name no
region, so reports of municipalities without one do not change.
"""

from __future__ import annotations

from typing import Any

from kadermodel.facts.value import Facts
from kadermodel.model import format_value
from kadermodel.report.textfmt import heading, join_words, wrap


def regio_words(facts: Facts, name: str) -> str | None:
    """``van de regio (bestand)`` for an inherited fact, else None."""
    file = facts.inherited.get(name)
    return None if file is None else f"van de regio ({file})"


def regio_lines(facts: Facts) -> list[str]:
    """The report section on inherited facts; empty without a region."""
    if not facts.regions:
        return []
    lines = heading("Overgenomen van de regio", "-")
    files = join_words([f"'{f}'" for f in facts.regions])
    word = "het regionale feitenbestand" if len(facts.regions) == 1 else "de regionale bestanden"
    lines += wrap(
        f"Deze antwoorden komen uit {word} {files}. Wat de gemeente zelf invult, gaat voor."
    )
    if not facts.inherited:
        lines += wrap("De gemeente vult alle feiten van de regio zelf in.")
    chain = len(facts.regions) > 1  # name the file per fact only when there are several
    for name, file in facts.inherited.items():
        details = [f"uit {file}"] if chain else []
        source = facts.bronnen.get(name)
        if source:
            details.append(f"bron: {source}")
        text = f"{name}: {format_value(facts.values[name])}"
        text += f" ({'; '.join(details)})." if details else "."
        lines += wrap(text, "- ", "  ")
    return lines


def regio_json(facts: Facts) -> dict[str, Any] | None:
    """``{"files": [...], "facts": [{"fact", "value", "file", "source"}]}``, or None without
    a region."""
    if not facts.regions:
        return None
    return {
        "files": list(facts.regions),
        "facts": [
            {
                "fact": name,
                "value": format_value(facts.values[name]),
                "file": file,
                "source": facts.bronnen.get(name),
            }
            for name, file in facts.inherited.items()
        ],
    }
