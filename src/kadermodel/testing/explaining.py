"""Why a bouwsteen came out as it did, as text for test reports.

The explanation of :func:`kadermodel.explanation` is used; :func:`fallback_explanation` (the
bouwsteen's condition traced with the reference interpreter, every part listed with its truth
and the fact values it reads) stays available for callers that want the raw trace.
"""

from __future__ import annotations

from kadermodel import model as m
from kadermodel.engine.evaluate import Assessment
from kadermodel.engine.interpret import Environment, Trace, trace
from kadermodel.explanation.why import explain
from kadermodel.language.unparse import cond_text


def trace_bouwsteen(assessment: Assessment, qid: str) -> Trace:
    """The traced full condition (``vereist`` and ``als``) of a bouwsteen in an assessment."""
    kader = assessment.kader
    env = Environment(kader, assessment.facts.values, assessment.peildatum, assessment.truth)
    return trace(kader.bouwstenen[qid].full_condition, env)


def _reads(kader: m.Kader, cond: m.Cond, values: object) -> str:
    names = sorted(m.facts_of(cond)) if not isinstance(cond, m.BouwsteenIs) else []
    params = sorted(m.params_of(cond))
    shown = [f"{n} = {m.format_value(values.get(n))}" for n in names]  # type: ignore[attr-defined]
    shown += [f"{p} = {m.format_value(kader.parameters[p].value)}" for p in params]
    return f" ({', '.join(shown)})" if shown else ""


def fallback_explanation(assessment: Assessment, qid: str, indent: str = "") -> str:
    """A bouwsteen's truth, text and the truth of every part of its condition."""
    kader = assessment.kader
    bouwsteen = kader.bouwstenen[qid]
    lines = [f"{indent}{qid}: {assessment.truth(qid)}", f'{indent}  "{bouwsteen.text}"']
    root = trace_bouwsteen(assessment, qid)
    values = assessment.facts.values
    stack: list[tuple[Trace, int]] = [(root, 0)]
    # A top-level conjunction (vereist + als, or a en b en c) is listed flat.
    if isinstance(root.cond, m.And):
        stack = [(child, 0) for child in reversed(root.children)]
    while stack:
        node, depth = stack.pop()
        pad = f"{indent}  " + "  " * depth
        if isinstance(node.cond, m.BouwsteenIs):
            word = "vereist" if node.cond.span is None else "bouwsteen"
            lines.append(f"{pad}{word} {node.cond.bouwsteen}: {node.truth}")
        elif node.children:
            label = {m.Not: "niet", m.And: "alle van", m.Or: "een van"}.get(type(node.cond))
            if isinstance(node.cond, m.AtLeast):
                label = f"minstens {node.cond.count} van"
            lines.append(f"{pad}{label}: {node.truth}")
            stack.extend((child, depth + 1) for child in reversed(node.children))
        else:
            text = cond_text(node.cond, sources=kader.sources)
            lines.append(f"{pad}{text}: {node.truth}{_reads(kader, node.cond, values)}")
    return "\n".join(lines)


def _from_explanation(assessment: Assessment, qid: str, indent: str) -> str:
    """Render ``explain(assessment, qid)``."""
    explanation = explain(assessment, qid)
    notes = {note.name: note for note in explanation.all_facts()}
    lines = [
        f"{indent}{qid}: {explanation.truth}",
        f'{indent}  "{explanation.text}"',
    ]
    if explanation.truth.known:
        lines.append(f"{indent}  {explanation.truth}, want:")
        for reason in explanation.reasons:
            if reason.bouwsteen is not None:
                lines.append(f"{indent}    - bouwsteen {reason.bouwsteen} is {reason.truth}")
                continue
            values = ", ".join(f"{n} = {notes[n].shown}" for n in reason.facts if n in notes)
            shown = f" ({values})" if values else ""
            lines.append(f"{indent}    - {reason.condition}: {reason.truth}{shown}")
    else:
        lines.append(f"{indent}  nog open: {explanation.open_condition}")
        if explanation.open_facts:
            lines.append(f"{indent}  nog uit te zoeken: {', '.join(explanation.open_facts)}")
    return "\n".join(lines)


def explain_bouwsteen(assessment: Assessment, qid: str, indent: str = "") -> str:
    """The explanation of one bouwsteen, indented, for a test report."""
    return _from_explanation(assessment, qid, indent)
