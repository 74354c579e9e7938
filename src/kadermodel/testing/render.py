"""Conditions as text a coordinator recognises: the words they wrote, else a canonical form.

A resolved condition keeps the span of the text it came from, so :func:`cond_text` prefers
that text (whitespace collapsed). Conditions without a span (``vereist`` requirements, nodes
built by an extension) are printed from their structure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from kadermodel import model as m
from kadermodel.errors import Span

_UNITS = {"dag": "dagen", "week": "weken", "maand": "maanden", "jaar": "jaar"}


def span_text(sources: Mapping[str, str], span: Span | None) -> str | None:
    """The source text a span covers, on one line, or None when the source is unknown."""
    if span is None or span.file not in sources:
        return None
    lines = sources[span.file].split("\n")
    if not 1 <= span.line <= span.end_line <= len(lines):
        return None
    if span.line == span.end_line:
        text = lines[span.line - 1][span.column - 1 : span.end_column - 1]
    else:
        parts = [lines[span.line - 1][span.column - 1 :]]
        parts.extend(lines[span.line : span.end_line - 1])
        parts.append(lines[span.end_line - 1][: span.end_column - 1])
        # Conditions hold no string literals, so a '#' can only start a comment.
        text = "\n".join(part.split("#", 1)[0] for part in parts)
    return " ".join(text.split()) or None


def _operand(operand: m.Operand) -> str:
    if isinstance(operand, m.FactOperand | m.ParamOperand):
        return operand.name
    value = operand.value
    if isinstance(value, bool):
        return "waar" if value else "onwaar"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _wrapped(cond: m.Cond, sources: Mapping[str, str]) -> str:
    text = cond_text(cond, sources)
    if isinstance(cond, m.And | m.Or) and len(cond.items) > 1 and not text.startswith("("):
        return f"({text})"
    return text


def cond_text(cond: m.Cond, sources: Mapping[str, str] | None = None) -> str:
    """``cond`` as kadertaal text."""
    sources = sources or {}
    written = span_text(sources, getattr(cond, "span", None))
    if written is not None:
        return written
    match cond:
        case m.FactIs(fact):
            return fact
        case m.ParamIs(param):
            return param
        case m.Compare(left, op, right):
            return f"{_operand(left)} {op} {_operand(right)}"
        case m.Member(fact, kind, values):
            word = {"in": "in", "alle": "bevat alle", "een": "bevat een van"}[kind]
            return f"{fact} {word} ({', '.join(values)})"
        case m.Within(fact, amount, unit):
            return f"{fact} binnen {amount} {_UNITS.get(unit, unit)}"
        case m.BouwsteenIs(qid):
            return qid
        case m.PlateauAtLeast(thema, op, value):
            return f"plateau({thema}) {op} {value}"
        case m.Not(item):
            return f"niet {_wrapped(item, sources)}"
        case m.And(items):
            return " en ".join(_wrapped(i, sources) for i in items)
        case m.Or(items):
            return " of ".join(_wrapped(i, sources) for i in items)
        case m.AtLeast(count, items):
            return f"minstens {count} van ({', '.join(cond_text(i, sources) for i in items)})"
    raise AssertionError(cond)  # pragma: no cover
