"""Catalogue entries -> the Dutch text ``kadermodel uitleg`` prints."""

from __future__ import annotations

from collections.abc import Iterable

from kadermodel.errors import source_lines
from kadermodel.language.catalogue import Entry
from kadermodel.report.textfmt import wrap


def entry_text(entry: Entry) -> str:
    """One entry: what the code means, a wrong example with its command, the fix."""
    lines = [f"{entry.code}: {entry.title}", ""]
    lines.append("Wat het betekent:")
    lines.extend(wrap(entry.meaning, "  "))
    lines.append("")
    lines.append("Voorbeeld dat deze melding geeft:")
    for name, text in entry.files.items():
        lines.append(f"  bestand {name}:")
        body = source_lines(text.rstrip("\n"))
        width = len(str(len(body)))
        lines.extend(f"  {n:>{width}} | {line}".rstrip() for n, line in enumerate(body, 1))
        lines.append("")
    command = entry.command.removeprefix(">>> ")
    lines.append(("  in Python: " if entry.command.startswith(">>> ") else "  $ ") + command)
    if entry.not_runnable:
        lines.extend(wrap(f"(Het bestand staat hier niet: {entry.not_runnable}.)", "  "))
    lines.append("")
    lines.append("Zo los je het op:")
    lines.extend(wrap(entry.fix, "  "))
    return "\n".join(lines) + "\n"


def index_text(entries: Iterable[Entry]) -> str:
    """Every code with its title, one a line."""
    lines = ["Meldingen van kadermodel (uitleg per melding: kadermodel uitleg CODE):", ""]
    lines.extend(f"  {entry.code}  {entry.title}" for entry in entries)
    return "\n".join(lines) + "\n"
