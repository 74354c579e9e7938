"""Fact values -> the text of a facts file (YAML), as ``kadermodel.load_facts`` reads it.

Used for counter-examples of claims and by the determinism law. Values are written in the
forms a municipal user writes them (``ja``/``nee``, ``[a, b]``, ``2026-06-30``), in the given
order, so the text is deterministic.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping

from kadermodel import model as m

_PLAIN_UNSAFE = frozenset({"", "~", "null", "onbekend", "ja", "nee", "true", "false"})


def _scalar(value: m.FactValue) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return "[" + ", ".join(sorted(value)) + "]"
    if value.lower() in _PLAIN_UNSAFE or not value.replace("_", "").isalnum():
        return json.dumps(value, ensure_ascii=False)
    return value


def facts_yaml(
    values: Mapping[str, m.FactValue],
    *,
    gemeente: str | None = None,
    peildatum: dt.date | None = None,
    comment: Iterable[str] = (),
) -> str:
    """A facts file with ``values`` under ``feiten:`` (unknown facts are left out)."""
    lines = [f"# {line}".rstrip() for line in comment]
    if gemeente is not None:
        lines.append(f"gemeente: {json.dumps(gemeente, ensure_ascii=False)}")
    if peildatum is not None:
        lines.append(f"peildatum: {peildatum.isoformat()}")
    if values:
        lines.append("feiten:")
        lines.extend(f"  {name}: {_scalar(value)}" for name, value in values.items())
    else:
        lines.append("feiten: {}")
    return "\n".join(lines) + "\n"
