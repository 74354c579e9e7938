"""Why a bouwsteen is ``waar``, ``onwaar`` or ``onbekend``: :func:`explain`.

For a decided bouwsteen a minimal set of sub-conditions (*literals*: leaf conditions with
their polarity, so ``niet a`` is one literal) whose truth alone fixes the bouwsteen's truth;
for an open one the literals still open and the unknown facts that could decide it. Also
:func:`condition_text`, a resolved condition written back in kadertaal style.

>>> from kadermodel import assess, parse_kader
>>> kader = parse_kader('''
... kader voorbeeld { titel "Voorbeeld" }
... feit n: aantal
... thema t "Thema" { plateau 1 { bouwsteen c "Vaak." als n >= 3 } }
... ''')
>>> result = assess(kader, {"n": 1}, peildatum=dt.date(2026, 6, 30))
>>> [(r.condition, str(r.truth)) for r in explain(result, "t.c").reasons]
[('n >= 3', 'onwaar')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from kadermodel import model as m
from kadermodel.engine.deps import upstream
from kadermodel.engine.evaluate import Assessment
from kadermodel.engine.interpret import Environment, Trace, trace
from kadermodel.engine.order import evaluation_order
from kadermodel.explanation.search import environment, facts_read, unknown_name
from kadermodel.facts.afwijking import Afwijking
from kadermodel.facts.value import Facts
from kadermodel.language.unparse import cond_text
from kadermodel.logic import Truth, not_
from kadermodel.model import FactValue, format_value

# ====================================================================== conditions as text


def condition_text(
    kader: m.Kader,
    cond: m.Cond,
    *,
    negated: bool = False,
    peildatum: dt.date | None = None,
) -> str:
    """A resolved condition written back in kadertaal style (the one printer, with values).

    Parameters show their value with the name in brackets (``n >= 2 (min_driehoek)``); a
    ``binnen`` window shows its first day when the peildatum is given. ``negated`` writes
    the negation (comparisons are inverted: ``niet n >= 2`` reads ``n < 2``).
    """
    return cond_text(
        cond,
        parameters=kader.parameters,
        peildatum=peildatum,
        label_bouwstenen=True,
        negated=negated,
    )


# ====================================================================== why (explanations)


@attrs.frozen
class FactNote:
    """A fact an explanation relies on: its value and where the municipality got it."""

    name: str
    value: FactValue | None
    vraag: str | None
    bron: str | None
    """From the facts file's ``bronnen``, when given."""
    regio: str | None = None
    """The regional facts file the value came from (``regio:``), when it is inherited."""

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def shown(self) -> str:
        """The value as a user reads it (``ja``, ``3``, ``onbekend``)."""
        return format_value(self.value)


@attrs.frozen
class Reason:
    """One literal (a leaf condition, possibly negated) and its truth."""

    condition: str
    """The literal in kadertaal style, e.g. ``n >= 2 (min_driehoek)`` or ``niet a``."""
    truth: Truth
    facts: tuple[str, ...] = ()
    """The facts this literal reads."""
    bouwsteen: str | None = None
    """For a literal that refers to a bouwsteen (``vereist`` or named in the condition)."""


@attrs.frozen
class Explanation:
    """Why a bouwsteen has its truth.

    ``reasons`` is, for ``waar``, a minimal set of true literals that suffices (for an
    ``of`` one true branch, for ``minstens k`` k true items); for ``onwaar`` a minimal set of
    false literals that forces it; for ``onbekend`` every literal still open. Minimal: with
    only these literals known the bouwsteen already has its truth, and dropping any one of
    them leaves it open.
    """

    bouwsteen: str
    thema: str
    plateau: int
    text: str
    bron: str | None
    herkomst: tuple[m.Herkomst, ...]
    truth: Truth
    reasons: tuple[Reason, ...]
    facts: tuple[FactNote, ...]
    """The facts the reasons read, in declaration order, with values and bronnen."""
    requirements: tuple[Explanation, ...]
    """Explanations of the bouwstenen the reasons refer to."""
    open_condition: str | None = None
    """For ``onbekend``: what is still open, the known parts left out."""
    afwijking: Afwijking | None = None
    """The valid afwijking the bouwsteen is met through ("voldaan via afwijking"): then
    ``truth`` is waar and there are no reasons; the condition does not count."""

    @property
    def open_facts(self) -> tuple[str, ...]:
        """Unknown facts that could decide this bouwsteen (also through requirements)."""
        found: dict[str, None] = {}
        for note in self.facts:
            if not note.known:
                found[note.name] = None
        for requirement in self.requirements:
            if requirement.truth is Truth.UNKNOWN:
                found.update(dict.fromkeys(requirement.open_facts))
        return tuple(found)

    def all_facts(self) -> tuple[FactNote, ...]:
        """The fact notes of this explanation and of every requirement, each fact once."""
        found: dict[str, FactNote] = {n.name: n for n in self.facts}
        for requirement in self.requirements:
            for note in requirement.all_facts():
                found.setdefault(note.name, note)
        return tuple(found.values())


@attrs.frozen
class SupportLiteral:
    path: tuple[int, ...]
    """Child indexes from the root of the condition to this leaf."""
    cond: m.Cond
    negated: bool
    truth: Truth
    """The literal's truth (the leaf's truth, inverted when negated)."""


def support(tr: Trace) -> tuple[SupportLiteral, ...]:
    """The literals that fix the truth of a traced condition (see :class:`Explanation`).

    Among equivalent choices (which true branch of an ``of``) the one with the fewest
    literals wins, then the first in the text.
    """
    return tuple(_support(tr, False, ()))


def _support(tr: Trace, negated: bool, path: tuple[int, ...]) -> list[SupportLiteral]:
    cond = tr.cond
    if isinstance(cond, m.Not):
        return _support(tr.children[0], not negated, (*path, 0))
    if not isinstance(cond, m.And | m.Or | m.AtLeast):
        return [SupportLiteral(path, cond, negated, not_(tr.truth) if negated else tr.truth)]
    parts = [
        (_support(child, negated, (*path, i)), child.truth) for i, child in enumerate(tr.children)
    ]
    if tr.truth is Truth.UNKNOWN:
        return [lit for found, truth in parts if truth is Truth.UNKNOWN for lit in found]
    same = [(len(found), i) for i, (found, truth) in enumerate(parts) if truth is tr.truth]
    size = len(tr.children)
    if isinstance(cond, m.And):
        needed = size if tr.truth is Truth.TRUE else 1
    elif isinstance(cond, m.Or):
        needed = 1 if tr.truth is Truth.TRUE else size
    else:
        needed = cond.count if tr.truth is Truth.TRUE else size - cond.count + 1
    chosen = sorted(i for _, i in sorted(same)[:needed])
    return [lit for i in chosen for lit in parts[i][0]]


def _residual(tr: Trace) -> m.Cond | None:
    """The part of an open condition that is still open (decided parts removed)."""
    if tr.truth is not Truth.UNKNOWN:
        return None
    cond = tr.cond
    if isinstance(cond, m.Not):
        inner = _residual(tr.children[0])
        return None if inner is None else m.Not(inner)
    if not isinstance(cond, m.And | m.Or | m.AtLeast):
        return cond
    items = tuple(r for c in tr.children if (r := _residual(c)) is not None)
    if isinstance(cond, m.AtLeast):
        count = cond.count - sum(1 for c in tr.children if c.truth is Truth.TRUE)
        if count == len(items):
            return items[0] if len(items) == 1 else m.And(items)
        if count == 1:
            return m.Or(items)
        return m.AtLeast(count, items)
    if len(items) == 1:
        return items[0]
    return m.And(items) if isinstance(cond, m.And) else m.Or(items)


def explain(assessment: Assessment, bouwsteen: str) -> Explanation:
    """Why ``bouwsteen`` (a qualified id, ``thema.naam``) has its truth in ``assessment``."""
    kader = assessment.kader
    if bouwsteen not in kader.bouwstenen:
        raise unknown_name("bouwsteen", bouwsteen, kader.bouwstenen)
    return explain_many(assessment, [bouwsteen])[bouwsteen]


def explain_many(assessment: Assessment, bouwstenen: Iterable[str]) -> dict[str, Explanation]:
    """Explanations of several bouwstenen, sharing the work on common requirements."""
    kader = assessment.kader
    wanted = list(bouwstenen)
    for qid in wanted:
        if qid not in kader.bouwstenen:
            raise unknown_name("bouwsteen", qid, kader.bouwstenen)
    env = environment(assessment)
    memo: dict[str, Explanation] = {}
    # Explain dependencies first (evaluation order), so that the recursion in _explain
    # always finds its requirements in the memo: a long chain of `vereist` cannot exhaust
    # Python's recursion limit.
    needed = set(wanted)
    for qid in wanted:
        needed |= upstream(kader, qid).bouwstenen
    for qid in evaluation_order(kader):
        if qid in needed:
            _explain(assessment, env, qid, memo)
    return {qid: memo[qid] for qid in wanted}


def _explain(
    assessment: Assessment, env: Environment, qid: str, memo: dict[str, Explanation]
) -> Explanation:
    if qid in memo:
        return memo[qid]
    kader = assessment.kader
    block = kader.bouwstenen[qid]
    afwijking = assessment.afwijkingen.get(qid)
    if afwijking is not None:
        memo[qid] = Explanation(
            bouwsteen=qid,
            thema=block.thema,
            plateau=block.plateau,
            text=block.text,
            bron=block.bron,
            herkomst=block.herkomst,
            truth=Truth.TRUE,
            reasons=(),
            facts=(),
            requirements=(),
            afwijking=afwijking,
        )
        return memo[qid]
    traced = trace(block.full_condition, env)
    literals = support(traced)
    reasons = []
    names: dict[str, None] = {}
    requirements = []
    for lit in literals:
        refers = lit.cond.bouwsteen if isinstance(lit.cond, m.BouwsteenIs) else None
        facts = facts_read(lit.cond)
        names.update(dict.fromkeys(facts))
        text = condition_text(kader, lit.cond, negated=lit.negated, peildatum=assessment.peildatum)
        reasons.append(Reason(text, lit.truth, facts, refers))
        if refers is not None:
            requirements.append(_explain(assessment, env, refers, memo))
    order = kader.fact_index()
    notes = tuple(
        _note(assessment.facts, kader, name) for name in sorted(names, key=order.__getitem__)
    )
    residual = _residual(traced)
    found = Explanation(
        bouwsteen=qid,
        thema=block.thema,
        plateau=block.plateau,
        text=block.text,
        bron=block.bron,
        herkomst=block.herkomst,
        truth=traced.truth,
        reasons=tuple(reasons),
        facts=notes,
        requirements=tuple(requirements),
        open_condition=None
        if residual is None
        else condition_text(kader, residual, peildatum=assessment.peildatum),
    )
    memo[qid] = found
    return found


def _note(facts: Facts, kader: m.Kader, name: str) -> FactNote:
    return FactNote(
        name,
        facts.values.get(name),
        kader.feiten[name].vraag,
        facts.bronnen.get(name),
        facts.inherited.get(name),
    )
