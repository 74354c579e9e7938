"""The weakening check: does an uitbreiding make a bouwsteen of its base kader easier to meet?

In: the base kader, the extended kader and the changes the uitbreiding made that can weaken
(``vervang``, ``vervalt``, a new parameter value). Out: :class:`Finding` values, one per change
(and one per bouwsteen that only the combination of changes weakens), each with the weakened
bouwstenen and a counter-example municipality. :func:`diagnostics` turns findings into the
errors and warnings :mod:`kadermodel.extend.apply` reports.

*Weaker* means: some municipality's facts satisfy the new rule but not the old one. Rules are
compared on complete facts (every fact involved known), so the answer is about the rules
themselves, not about Kleene's handling of unknowns. A bouwsteen's rule is compared with
every referenced bouwsteen *inlined* (replaced by its own rule, recursively; a withdrawn
bouwsteen reads as ``waar``) and parameters replaced by their values, so both rules speak about
facts only and a counter-example is a plain facts mapping that the engine itself can assess.

The search is exact: each fact ranges over :func:`kadermodel.abstraction.boundary_values`
for the two rules (every combination of truths the rules can take over all values is taken
over those values), assigned one fact at a time; a branch is cut as soon as Kleene evaluation
of the partial assignment shows the new rule false or the old rule true, which is sound
because a definite Kleene value holds for every completion. ``binnen`` windows are measured
from one peildatum (the one given to the check).

A change is judged on its own (only it applied to the base): the bouwsteen it touches and every
base bouwsteen that depends on that one. Bouwstenen weakened only by the combination of
changes (e.g. a ``verscherp`` under a ``niet``) get a finding without a change.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import attrs

from kadermodel import model as m
from kadermodel.engine.abstraction import boundary_values
from kadermodel.engine.deps import downstream
from kadermodel.engine.interpret import Environment, truth
from kadermodel.errors import TEXT_WIDTH, Diagnostic, Span
from kadermodel.logic import Truth

HINT_INDENT = " " * len("  tip: ")
"""Continuation lines of a hint line up under its first line."""

TRUE: m.Cond = m.And(())
FALSE: m.Cond = m.Or(())

ChangeKind = Literal["vervang", "vervalt", "parameter"]


@attrs.frozen
class Change:
    """One change of an uitbreiding that can make the base weaker."""

    kind: ChangeKind
    target: str
    """The bouwsteen id (vervang, vervalt) or parameter name."""
    span: Span | None
    bewust: str | None = None
    """The reason given with ``bewust zwakker``, if any."""


@attrs.frozen
class Weakening:
    """A base bouwsteen whose new rule is weaker, with a municipality that shows it."""

    bouwsteen: str
    plateau: int
    counterexample: Mapping[str, m.FactValue]
    """Values of the facts involved: the new rule holds, the old one does not."""


@attrs.frozen
class Finding:
    """The outcome of the check for one change (``change`` None: the combination)."""

    change: Change | None
    weakened: tuple[Weakening, ...]

    @property
    def weaker(self) -> bool:
        return bool(self.weakened)

    @property
    def lowest_plateau(self) -> int:
        return min((w.plateau for w in self.weakened), default=0)


# ------------------------------------------------------------------ inlining


def inline(
    cond: m.Cond,
    rules: Mapping[str, m.Cond | None],
    params: Mapping[str, m.FactValue],
    _memo: dict[str, m.Cond] | None = None,
) -> m.Cond:
    """``cond`` over facts only: bouwstenen replaced by their rules, parameters by values.

    ``rules`` maps a bouwsteen id to its full condition, or None when it is withdrawn (then it
    reads as ``waar``).
    """
    memo: dict[str, m.Cond] = {} if _memo is None else _memo

    def walk(node: m.Cond) -> m.Cond:
        match node:
            case m.BouwsteenIs(qid):
                if qid not in memo:
                    rule = rules[qid]
                    memo[qid] = TRUE if rule is None else walk(rule)
                return memo[qid]
            case m.ParamIs(param):
                return TRUE if params[param] else FALSE
            case m.Compare(left, op, right, type_):
                return m.Compare(operand(left), op, operand(right), type_)
        items = m.children(node)
        return m.with_children(node, tuple(walk(i) for i in items)) if items else node

    def operand(side: m.Operand) -> m.Operand:
        if isinstance(side, m.ParamOperand):
            return m.Const(params[side.name])
        return side

    return walk(cond)


# ------------------------------------------------------------------ the exact search


def _facts_in_order(kader: m.Kader, conds: Iterable[m.Cond]) -> list[str]:
    found: set[str] = set()
    for cond in conds:
        found |= m.facts_of(cond)
    return [name for name in kader.feiten if name in found]


def counterexample(
    old: m.Cond,
    new: m.Cond,
    kader: m.Kader,
    peildatum: dt.date,
) -> dict[str, m.FactValue] | None:
    """Fact values for which ``new`` holds and ``old`` does not, or None if there are none.

    Both conditions must speak about facts only (see :func:`inline`); ``kader`` declares the
    facts. The result is the first such assignment in the order of the kader's facts and of
    their representative values, with the facts it does not need left out: under Kleene
    evaluation, with every other fact unknown, ``new`` is waar and ``old`` onwaar, so every
    municipality with these values is a counter-example.
    """
    facts = _facts_in_order(kader, (old, new))
    domains = boundary_values(kader, [old, new], peildatum=peildatum, facts=facts)
    values: dict[str, m.FactValue | None] = dict.fromkeys(facts)
    env = Environment(kader, values, peildatum, _no_bouwsteen)

    def search(position: int) -> bool:
        new_truth = truth(new, env)
        if new_truth is Truth.FALSE:
            return False
        old_truth = truth(old, env)
        if old_truth is Truth.TRUE:
            return False
        if new_truth is Truth.TRUE and old_truth is Truth.FALSE:
            return True  # every completion of this partial assignment is a counter-example
        if position == len(facts):
            return False  # pragma: no cover - complete facts always give definite truths
        name = facts[position]
        for value in domains[name]:
            values[name] = value
            if search(position + 1):
                return True
        values[name] = None
        return False

    if not search(0):
        return None
    # Leave out what the example does not need: a fact stays unknown if the two rules are
    # still decided (new waar, old onwaar) without it.
    for name in facts:
        kept = values[name]
        values[name] = None
        if truth(new, env) is not Truth.TRUE or truth(old, env) is not Truth.FALSE:
            values[name] = kept
    return {name: value for name, value in values.items() if value is not None}


def _no_bouwsteen(qid: str) -> Truth:
    raise AssertionError(f"bouwsteen {qid} should have been inlined")  # pragma: no cover


def is_weaker(old: m.Cond, new: m.Cond, kader: m.Kader, peildatum: dt.date) -> bool:
    """Whether some facts satisfy ``new`` but not ``old`` (conditions over facts only)."""
    return counterexample(old, new, kader, peildatum) is not None


# ------------------------------------------------------------------ the check of an uitbreiding


def _rules(kader: m.Kader) -> dict[str, m.Cond | None]:
    return {qid: b.full_condition for qid, b in kader.bouwstenen.items()}


def check(
    base: m.Kader,
    extended: m.Kader,
    changes: Sequence[Change],
    *,
    peildatum: dt.date | None = None,
) -> tuple[Finding, ...]:
    """Judge every change, then the combination; see the module docstring."""
    day = peildatum or dt.date.today()
    old_rules = _rules(base)
    new_rules: dict[str, m.Cond | None] = dict.fromkeys(base.bouwstenen)
    new_rules.update(_rules(extended))
    added = {qid: rule for qid, rule in new_rules.items() if qid not in base.bouwstenen}
    old_params = {name: p.value for name, p in base.parameters.items()}
    new_params = {name: p.value for name, p in extended.parameters.items()}
    added_params = {n: v for n, v in new_params.items() if n not in base.parameters}
    old_memo: dict[str, m.Cond] = {}

    def old_rule(qid: str) -> m.Cond:
        return inline(m.BouwsteenIs(qid), old_rules, old_params, old_memo)

    def compare(
        targets: Iterable[str],
        rules: Mapping[str, m.Cond | None],
        params: Mapping[str, m.FactValue],
    ) -> tuple[Weakening, ...]:
        memo: dict[str, m.Cond] = {}
        found = []
        for qid in targets:
            old = old_rule(qid)
            new = inline(m.BouwsteenIs(qid), rules, params, memo)
            if old == new:
                continue
            example = counterexample(old, new, extended, day)
            if example is not None:
                found.append(Weakening(qid, base.bouwstenen[qid].plateau, example))
        return tuple(found)

    findings: list[Finding] = []
    explained: set[str] = set()
    for change in changes:
        rules = {**old_rules, **added}
        params = {**old_params, **added_params}
        if change.kind == "parameter":
            params[change.target] = new_params[change.target]
            users = [
                qid
                for qid, b in base.bouwstenen.items()
                if b.condition is not None and change.target in m.params_of(b.condition)
            ]
        else:
            rules[change.target] = new_rules[change.target]
            users = [change.target]
        targets = _in_order(base, users + [d for u in users for d in downstream(base, u)])
        weakened = compare(targets, rules, params)
        explained.update(w.bouwsteen for w in weakened)
        findings.append(Finding(change, weakened))

    remaining = [q for q in base.bouwstenen if q in extended.bouwstenen and q not in explained]
    together = compare(remaining, new_rules, new_params)
    findings.extend(Finding(None, (w,)) for w in together)
    return tuple(findings)


def _in_order(kader: m.Kader, ids: Iterable[str]) -> list[str]:
    wanted = set(ids)
    return [qid for qid in kader.bouwstenen if qid in wanted]


# ------------------------------------------------------------------ diagnostics (Dutch)


def format_counterexample(example: Mapping[str, m.FactValue]) -> str:
    """``naam = waarde, ...`` as a municipal user reads it."""
    return ", ".join(f"{name} = {m.format_value(value)}" for name, value in example.items())


def _describe(change: Change | None, base: m.Kader, extended: m.Kader) -> str:
    if change is None:
        return "de wijzigingen van deze uitbreiding samen maken"
    if change.kind == "vervang":
        return f"de nieuwe regel voor '{change.target}' maakt"
    if change.kind == "vervalt":
        return f"het laten vervallen van '{change.target}' maakt"
    before = m.format_value(base.parameters[change.target].value)
    after = m.format_value(extended.parameters[change.target].value)
    return f"de nieuwe waarde van parameter '{change.target}' ({before} -> {after}) maakt"


LISTED = 6
"""How many weakened bouwstenen a message names before it counts the rest."""


def _listed(weakened: Sequence[Weakening]) -> str:
    parts = [f"'{w.bouwsteen}' (plateau {w.plateau})" for w in weakened]
    if len(parts) > LISTED:
        rest = len(parts) - LISTED + 1
        parts = [*parts[: LISTED - 1], f"{rest} andere bouwstenen die ervan afhangen"]
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def diagnostics(
    findings: Sequence[Finding],
    base: m.Kader,
    extended: m.Kader,
    header: Span | None,
) -> list[Diagnostic]:
    """Errors and warnings for the findings.

    E140: a plateau-1 bouwsteen of the base becomes weaker without ``bewust zwakker`` (fout).
    E141: only higher plateaus become weaker, without ``bewust zwakker`` (waarschuwing).
    E142: the combination of changes weakens a bouwsteen (fout on plateau 1, else waarschuwing).
    E143: ``bewust zwakker`` is stated but the change weakens nothing (waarschuwing).
    """
    found: list[Diagnostic] = []
    base_name = base.extensions[-1] if base.extensions else base.id
    for finding in findings:
        change = finding.change
        if not finding.weaker:
            if change is not None and change.bewust is not None:
                found.append(
                    Diagnostic(
                        "E143",
                        f"'bewust zwakker' staat bij '{change.target}', maar deze wijziging "
                        "maakt geen bouwsteen van het basiskader zwakker",
                        change.span,
                        hint="haal 'bewust zwakker \"...\"' weg",
                        severity="waarschuwing",
                    )
                )
            continue
        if change is not None and change.bewust is not None:
            continue
        ordered = sorted(finding.weakened, key=lambda w: w.plateau)
        first = ordered[0]
        floor = first.plateau == 1
        message = (
            f"{_describe(change, base, extended)} {_listed(ordered)} van het basiskader "
            f"'{base_name}' zwakker"
        )
        if change is None:
            advice = "pas de wijzigingen aan zodat deze bouwsteen niet zwakker wordt"
        elif floor:
            advice = (
                "plateau 1 van het basiskader is een ondergrens; schrijf "
                "'bewust zwakker \"reden\"' achter de wijziging als dit echt de bedoeling is"
            )
        else:
            advice = (
                "schrijf 'bewust zwakker \"reden\"' achter de wijziging als dit de bedoeling is"
            )
        hint = "\n".join(
            [
                f"tegenvoorbeeld voor '{first.bouwsteen}' (voldoet aan de nieuwe regel, "
                "niet aan de oude):",
                *textwrap.wrap(
                    format_counterexample(first.counterexample),
                    TEXT_WIDTH,
                    initial_indent=HINT_INDENT + "  ",
                    subsequent_indent=HINT_INDENT + "  ",
                    break_long_words=False,
                ),
                *textwrap.wrap(
                    advice,
                    TEXT_WIDTH,
                    initial_indent=HINT_INDENT,
                    subsequent_indent=HINT_INDENT,
                    break_long_words=False,
                ),
            ]
        )
        code = "E142" if change is None else ("E140" if floor else "E141")
        found.append(
            Diagnostic(
                code,
                message,
                header if change is None else change.span,
                hint=hint,
                severity="fout" if floor else "waarschuwing",
            )
        )
    return found
