"""Lint rules for kaders and uitbreidingen: mistakes that still give a valid kader.

In: a checked kader (with its uitbreidingen applied). Out: :class:`~kadermodel.errors.Diagnostic`
warnings (``waarschuwing``), in source order. The rules (codes L1xx, Dutch messages, each with
a hint how to fix it):

- L101 a bouwsteen whose own condition can never hold;
- L102 a bouwsteen that can never hold together with what it builds on (``vereist`` or a
  bouwsteen in its condition);
- L103 a bouwsteen whose condition always holds (it asks nothing);
- L104 a fact that no bouwsteen, stelling or controle reads; L105 the same for a parameter;
- L106 a bouwsteen without ``bron``; L107 a fact without ``vraag``;
- L108 a part of a condition that never matters: the bouwsteen holds for exactly the same
  facts whether that part is true or false;
- L109 a value of a keuze fact that no condition names, while the fact is only compared
  with ``=``, ``!=`` and ``in`` (not ordered): every answer with that value counts the same
  as any other unnamed value.

A plateau that can never be reached is one with an L101 or L102 bouwsteen; their message
says so (one finding per mistake, not one per consequence).

"Never" and "always" are decided exactly, as the weakening check does
(:mod:`kadermodel.extend.weakening`): every bouwsteen it depends on is inlined, parameters are
replaced by their values, and each fact ranges over the finite set of representative values
of :func:`kadermodel.engine.abstraction.boundary_values`, which takes every combination of
truths the conditions can take.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from kadermodel import model as m
from kadermodel.errors import Diagnostic, Span
from kadermodel.extend.weakening import FALSE, TRUE, counterexample, inline
from kadermodel.language.unparse import cond_text

CODES = ("L101", "L102", "L103", "L104", "L105", "L106", "L107", "L108", "L109")


def _warning(code: str, message: str, span: Span | None, hint: str) -> Diagnostic:
    return Diagnostic(code, message, span, hint=hint, severity="waarschuwing")


def _place(kader: m.Kader, bouwsteen: m.Bouwsteen) -> Span | None:
    """Where to point for a bouwsteen: its last change by an uitbreiding, else its declaration.

    A bouwsteen that an uitbreiding tightened or replaced is that uitbreiding's doing, so the
    finding points into the uitbreiding (at the line of the change).
    """
    changes = [h for h in bouwsteen.herkomst if h.action in ("verscherpt", "vervangen")]
    if not changes:
        return bouwsteen.span
    last = changes[-1]
    lines = kader.sources.get(last.file, "").split("\n")
    text = lines[last.line - 1] if 0 < last.line <= len(lines) else ""
    column = len(text) - len(text.lstrip()) + 1
    return Span(last.file, last.line, column, last.line, max(len(text) + 1, column + 1))


def _equivalent(a: m.Cond, b: m.Cond, kader: m.Kader, day: dt.date) -> bool:
    return counterexample(a, b, kader, day) is None and counterexample(b, a, kader, day) is None


def _full(bouwsteen: m.Bouwsteen, condition: m.Cond) -> m.Cond:
    """The bouwsteen's full condition with ``condition`` as its own."""
    return m.And((*(m.BouwsteenIs(r) for r in bouwsteen.requires), condition))


def _idle_parts(
    kader: m.Kader,
    bouwsteen: m.Bouwsteen,
    rules: Mapping[str, m.Cond | None],
    params: Mapping[str, m.FactValue],
    memo: dict[str, m.Cond],
    day: dt.date,
) -> list[Diagnostic]:
    """L108 for each outermost part of the bouwsteen's condition that never matters."""
    assert bouwsteen.condition is not None
    own = bouwsteen.condition
    found: list[Diagnostic] = []
    skip: list[tuple[int, ...]] = []
    for path, node in m.walk_paths(own):
        if not path or any(path[: len(p)] == p for p in skip):
            continue
        as_true = inline(_full(bouwsteen, m.replace_at(own, path, TRUE)), rules, params, memo)
        as_false = inline(_full(bouwsteen, m.replace_at(own, path, FALSE)), rules, params, memo)
        if _equivalent(as_true, as_false, kader, day):
            skip.append(path)
            text = cond_text(node, sources=kader.sources)
            found.append(
                _warning(
                    "L108",
                    f"in bouwsteen '{bouwsteen.thema}.{bouwsteen.name}' doet '{text}' er nooit "
                    "toe: de bouwsteen geldt met en zonder dit deel voor precies dezelfde feiten",
                    node.span or _place(kader, bouwsteen),
                    "haal dit deel weg, of kijk of er 'en' moet staan waar 'of' staat",
                )
            )
    return found


def _unnamed_values(kader: m.Kader, conditions: list[m.Cond]) -> list[Diagnostic]:
    """L109: keuze values no condition names, for facts that are never compared in order."""
    named: dict[str, set[str]] = {}
    ordered: set[str] = set()
    for node in m.walk(conditions):
        if isinstance(node, m.Member):
            named.setdefault(node.fact, set()).update(node.values)
        elif isinstance(node, m.Compare):
            facts = [s.name for s in (node.left, node.right) if isinstance(s, m.FactOperand)]
            if (
                node.op not in ("=", "!=")
                or any(isinstance(s, m.ParamOperand) for s in (node.left, node.right))
                or len(facts) > 1
            ):
                ordered.update(facts)  # every value can matter
            for side in (node.left, node.right):
                if isinstance(side, m.Const) and isinstance(side.value, str):
                    for fact in facts:
                        named.setdefault(fact, set()).add(side.value)
    found = []
    for name, feit in kader.feiten.items():
        if feit.type.kind != "keuze" or name in ordered or name not in named:
            continue
        for value in feit.type.values:
            if value not in named[name]:
                found.append(
                    _warning(
                        "L109",
                        f"keuzewaarde '{value}' van feit '{name}' wordt in geen voorwaarde genoemd",
                        feit.span,
                        "een antwoord met deze waarde telt hetzelfde als elke andere waarde "
                        "die nergens genoemd wordt; gebruik de waarde in een voorwaarde of "
                        "haal hem uit het type",
                    )
                )
    return found


def lint(kader: m.Kader, *, peildatum: dt.date | None = None) -> list[Diagnostic]:
    """Every lint finding for ``kader``, in source order (see the module docstring)."""
    day = peildatum or dt.date.today()
    found: list[Diagnostic] = []
    rules = {qid: b.full_condition for qid, b in kader.bouwstenen.items()}
    params = {name: p.value for name, p in kader.parameters.items()}
    memo: dict[str, m.Cond] = {}
    never: set[str] = set()
    for qid, bouwsteen in kader.bouwstenen.items():
        rule = inline(bouwsteen.full_condition, rules, params, memo)
        if counterexample(FALSE, rule, kader, day) is None:
            never.add(qid)
            plateau = (
                f"; daardoor kan plateau {bouwsteen.plateau} van thema '{bouwsteen.thema}' "
                "nooit bereikt worden"
            )
            own = bouwsteen.condition
            if (
                own is not None
                and counterexample(FALSE, inline(own, rules, params, memo), kader, day) is None
                and not (m.bouwstenen_of(own) & never)
            ):
                found.append(
                    _warning(
                        "L101",
                        f"de voorwaarde van bouwsteen '{qid}' kan nooit waar zijn{plateau}",
                        _place(kader, bouwsteen),
                        "kijk of een vergelijking de verkeerde kant op staat of 'en' 'of' "
                        "moet zijn (bijvoorbeeld: n > 3 en n < 2 kan niet)",
                    )
                )
            else:
                used = sorted(bouwsteen.depends_on)
                named = ", ".join(f"'{d}'" for d in used)
                found.append(
                    _warning(
                        "L102",
                        f"bouwsteen '{qid}' kan nooit gelden samen met wat hij vereist "
                        f"({named}){plateau}",
                        _place(kader, bouwsteen),
                        "de eigen voorwaarde en die van de bouwstenen waar hij op voortbouwt "
                        "sluiten elkaar uit; pas een van beide aan",
                    )
                )
        elif bouwsteen.condition is not None and counterexample(rule, TRUE, kader, day) is None:
            found.append(
                _warning(
                    "L103",
                    f"de voorwaarde van bouwsteen '{qid}' is altijd waar",
                    _place(kader, bouwsteen),
                    "een bouwsteen die altijd geldt vraagt niets van de gemeente; kijk of er "
                    "'en' moet staan waar 'of' staat, of haal de bouwsteen weg",
                )
            )
        elif bouwsteen.condition is not None:
            found.extend(_idle_parts(kader, bouwsteen, rules, params, memo, day))
        if bouwsteen.bron is None:
            found.append(
                _warning(
                    "L106",
                    f"bouwsteen '{qid}' heeft geen bron",
                    _place(kader, bouwsteen),
                    'noem waar de eis vandaan komt: bron "Kader 2021, thema, plateau, punt"',
                )
            )
    conditions = [b.full_condition for b in kader.bouwstenen.values()]
    conditions += [s.condition for s in kader.stellingen.values()]
    conditions += [c.condition for c in kader.controles.values()]
    facts_read = {f for node in m.walk(conditions) for f in m.facts_read(node)}
    params_read = {p for node in m.walk(conditions) for p in m.params_read(node)}
    for name, feit in kader.feiten.items():
        if name not in facts_read:
            found.append(
                _warning(
                    "L104",
                    f"feit '{name}' wordt door geen bouwsteen, stelling of controle gelezen",
                    feit.span,
                    "gebruik het feit in een voorwaarde, of haal het weg; bedoel je het "
                    "alleen ter informatie, zeg dat dan in de toelichting",
                )
            )
        if feit.vraag is None:
            found.append(
                _warning(
                    "L107",
                    f"feit '{name}' heeft geen vraag",
                    feit.span,
                    f'zet de vraag aan de gemeente eronder: vraag "...?" (bij feit {name})',
                )
            )
    found.extend(_unnamed_values(kader, conditions))
    for name, parameter in kader.parameters.items():
        if name not in params_read:
            found.append(
                _warning(
                    "L105",
                    f"parameter '{name}' wordt door geen bouwsteen, stelling of controle gebruikt",
                    parameter.span,
                    "gebruik de parameter in een voorwaarde, of haal hem weg",
                )
            )
    return sorted(
        found,
        key=lambda d: (
            (d.span.file, d.span.line, d.span.column, d.code) if d.span else ("", 0, 0, d.code)
        ),
    )
