"""Fact values -> the text of a facts file (YAML), as :func:`~kadermodel.facts.reader.parse_facts`
reads it back.

Values are written in the forms a municipal user writes them (``ja``/``nee``, ``[a, b]``,
``2026-06-30``; see :func:`kadermodel.facts.codec.text_value`), in the given order, so the text
is deterministic. ``parse_facts(dump_facts(values, ...), kader)`` gives the same values,
gemeente, peildatum and bronnen (property-tested).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from kadermodel import model as m
from kadermodel.facts.codec import text_value, yaml_quoted


def dump_facts(
    values: Mapping[str, m.FactValue | None],
    *,
    gemeente: str | None = None,
    peildatum: dt.date | None = None,
    bronnen: Mapping[str, str] | None = None,
    comment: Iterable[str] = (),
) -> str:
    """A facts file with ``values`` under ``feiten:`` (unknown facts are left out)."""
    lines = [f"# {line}".rstrip() for line in comment]
    if gemeente is not None:
        lines.append(f"gemeente: {yaml_quoted(gemeente)}")
    if peildatum is not None:
        lines.append(f"peildatum: {peildatum.isoformat()}")
    known = {name: value for name, value in values.items() if value is not None}
    if known:
        lines.append("feiten:")
        lines.extend(f"  {name}: {text_value(value)}" for name, value in known.items())
    else:
        lines.append("feiten: {}")
    if bronnen:
        lines.append("bronnen:")
        lines.extend(f"  {name}: {yaml_quoted(text)}" for name, text in bronnen.items())
    return "\n".join(lines) + "\n"
