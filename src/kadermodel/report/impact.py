"""Impact previews (:class:`kadermodel.extend.impact.Impact`) as Dutch text and as JSON data.

:func:`impact_text` is what ``kadermodel impact`` prints; :func:`impact_json` its JSON form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kadermodel import model as m
from kadermodel.engine.evaluate import PlateauRange
from kadermodel.extend.impact import BouwsteenImpact, Impact, ParameterChange
from kadermodel.facts.codec import json_value
from kadermodel.logic import Truth

WIDTH = 100  # TODO(report layer): one text width for every renderer


def _range(plateau: PlateauRange | None) -> str:
    if plateau is None:
        return "-"
    if plateau.decided:
        return str(plateau.low)
    return f"{plateau.low}..{plateau.high}"


def _truth(value: Truth | None) -> str:
    return "-" if value is None else str(value)


def _herkomst(entry: m.Herkomst) -> str:
    reason = f" ({entry.reason})" if entry.reason else ""
    return f"{entry.action} door {entry.source}, regel {entry.line}{reason}"


def _bouwsteen_lines(b: BouwsteenImpact, indent: str) -> list[str]:
    if b.before is None:
        head = f"{b.id} (nieuw): {_truth(b.after)}"
    elif b.after is None:
        head = f"{b.id} (vervallen): was {_truth(b.before)}"
    else:
        head = f"{b.id}: {_truth(b.before)} -> {_truth(b.after)}"
    lines = [indent + head]
    inner = indent + "    "
    for entry in b.herkomst:
        lines.append(inner + _herkomst(entry))
    if b.via:
        lines.append(inner + "via " + ", ".join(b.via))
    for p in b.parameters:
        lines.append(
            f"{inner}parameter {p.name}: {m.format_value(p.before)} -> {m.format_value(p.after)}"
        )
    if b.facts:
        items = [f"{name} = {m.format_value(value)}" for name, value in b.facts]
        lines.extend(_wrap_items(items, inner + "feiten: ", inner + "    "))
    return lines


def _wrap_items(items: Sequence[str], first: str, indent: str) -> list[str]:
    """``items`` joined with commas, wrapped at WIDTH without breaking an item."""
    texts = [item + "," for item in items[:-1]] + list(items[-1:])
    lines: list[str] = []
    prefix, current = first, list[str]()
    for text in texts:
        if current and len(prefix + " ".join([*current, text])) > WIDTH:
            lines.append(prefix + " ".join(current))
            prefix, current = indent, []
        current.append(text)
    lines.append(prefix + " ".join(current))
    return lines


def impact_text(found: Impact) -> str:
    """The impact preview as Dutch text (deterministic)."""
    lines = [
        f"Impact van {', '.join(found.extensions) or '(geen uitbreidingen)'} op {found.base}",
        "Plateaus als laag..hoog; '-' betekent: bestaat niet in dat kader.",
        "",
        "Wijzigingen",
    ]
    if not found.changes:
        lines.append("  geen")
    for what, entry in found.changes:
        lines.append(f"  {what}: {_herkomst(entry)}")
    for gemeente in found.gemeenten:
        lines.extend(["", f"{gemeente.gemeente} (peildatum {gemeente.peildatum.isoformat()})"])
        changed = gemeente.changed
        if not changed:
            lines.append("  geen thema verandert van plateau")
        for thema in changed:
            lines.append(f"  {thema.id}: {_range(thema.before)} -> {_range(thema.after)}")
            for b in thema.causes:
                lines.extend(_bouwsteen_lines(b, "    "))
        quiet = gemeente.quiet
        if quiet:
            lines.append("  zonder gevolg voor het plateau:")
            for b in quiet:
                lines.extend(_bouwsteen_lines(b, "    "))
        unchanged = [t for t in gemeente.themas if not t.changed]
        if unchanged:
            lines.append(
                "  ongewijzigd: " + ", ".join(f"{t.id} {_range(t.after)}" for t in unchanged)
            )
    return "\n".join(lines) + "\n"


def _json_range(plateau: PlateauRange | None) -> dict[str, int] | None:
    return None if plateau is None else {"low": plateau.low, "high": plateau.high}


def _json_herkomst(entry: m.Herkomst) -> dict[str, Any]:
    return {
        "action": entry.action,
        "source": entry.source,
        "file": entry.file,
        "line": entry.line,
        "reason": entry.reason,
    }


def _json_parameter(p: ParameterChange) -> dict[str, Any]:
    return {"name": p.name, "before": json_value(p.before), "after": json_value(p.after)}


def _json_bouwsteen(b: BouwsteenImpact) -> dict[str, Any]:
    return {
        "id": b.id,
        "status": b.status,
        "before": None if b.before is None else str(b.before),
        "after": None if b.after is None else str(b.after),
        "herkomst": [_json_herkomst(h) for h in b.herkomst],
        "facts": {name: json_value(value) for name, value in b.facts},
        "parameters": [_json_parameter(p) for p in b.parameters],
        "via": list(b.via),
    }


def impact_json(found: Impact) -> dict[str, Any]:
    """The impact preview as JSON-ready data (truths as waar/onwaar/onbekend)."""
    return {
        "base": found.base,
        "extensions": list(found.extensions),
        "parameters": [_json_parameter(p) for p in found.parameters],
        "changes": [{"target": what, **_json_herkomst(h)} for what, h in found.changes],
        "municipalities": [
            {
                "gemeente": g.gemeente,
                "peildatum": g.peildatum.isoformat(),
                "themas": [
                    {
                        "id": t.id,
                        "title": t.title,
                        "changed": t.changed,
                        "before": _json_range(t.before),
                        "after": _json_range(t.after),
                        "causes": [_json_bouwsteen(b) for b in t.causes],
                    }
                    for t in g.themas
                ],
            }
            for g in found.gemeenten
        ],
    }
