"""Which thema's moved between two assessments, and why: :func:`diff`."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from kadermodel.engine.deps import upstream
from kadermodel.engine.evaluate import Assessment, PlateauRange, plan_of
from kadermodel.engine.order import evaluation_order
from kadermodel.explanation.search import thema_closure
from kadermodel.logic import Truth
from kadermodel.model import FactValue, format_value

# ====================================================================== diff

Direction = Literal["hoger", "lager", "preciezer", "ruimer", "nieuw", "vervallen"]


@attrs.frozen
class FactChange:
    name: str
    old: FactValue | None
    new: FactValue | None

    def __str__(self) -> str:
        return f"{self.name}: {format_value(self.old)} -> {format_value(self.new)}"


@attrs.frozen
class BouwsteenChange:
    """A bouwsteen whose truth (or rule) differs between two assessments."""

    bouwsteen: str
    old: Truth | None
    """``None`` when the old kader did not have this bouwsteen."""
    new: Truth | None
    facts: tuple[str, ...]
    """Changed facts this bouwsteen depends on (directly or through other bouwstenen)."""
    rule_changed: bool = False
    """Its condition differs between the two kaders."""
    old_afwijking: bool = False
    """It was met via an afwijking in the old assessment."""
    new_afwijking: bool = False
    """It is met via an afwijking in the new assessment."""

    @property
    def old_state(self) -> str:
        """The old state in words (``waar``, ``voldaan via afwijking``, ``-`` when absent)."""
        return _state(self.old, self.old_afwijking)

    @property
    def new_state(self) -> str:
        return _state(self.new, self.new_afwijking)


def _state(truth: Truth | None, via_afwijking: bool) -> str:
    if truth is None:
        return "-"
    return "voldaan via afwijking" if via_afwijking else str(truth)


@attrs.frozen
class ThemaChange:
    """A thema whose plateau range moved, with the bouwstenen and facts behind it."""

    thema: str
    title: str
    old: PlateauRange | None
    new: PlateauRange | None
    direction: Direction
    bouwstenen: tuple[str, ...]
    """Changed bouwstenen of this thema or that it depends on, dependencies first."""
    facts: tuple[str, ...]
    """Changed facts behind those bouwstenen, in declaration order."""


@attrs.frozen
class Diff:
    """What changed between two assessments (e.g. last year's and this year's)."""

    old_gemeente: str | None
    new_gemeente: str | None
    old_peildatum: dt.date
    new_peildatum: dt.date
    themas: tuple[ThemaChange, ...]
    """Only the thema's that moved, in the new kader's order."""
    unchanged: tuple[str, ...]
    """Thema's whose range stayed the same."""
    bouwstenen: tuple[BouwsteenChange, ...]
    facts: tuple[FactChange, ...]
    kader_changed: bool
    """The two assessments used different kaders (ids, extensions or rules)."""


def _direction(old: PlateauRange | None, new: PlateauRange | None) -> Direction:
    if old is None:
        return "nieuw"
    if new is None:
        return "vervallen"
    if new.low >= old.low and new.high >= old.high:
        return "hoger"
    if new.low <= old.low and new.high <= old.high:
        return "lager"
    if new.low >= old.low and new.high <= old.high:
        return "preciezer"
    return "ruimer"


def _truths(assessment: Assessment) -> dict[str, Truth]:
    ids = plan_of(assessment.kader).bouwsteen_ids
    return {q: Truth(t) for q, t in zip(ids, assessment.truths, strict=True)}


def diff(old: Assessment, new: Assessment) -> Diff:
    """Which thema's moved from ``old`` to ``new``, and the bouwstenen and facts behind it.

    The two may use different kaders (a new version, other extensions): bouwstenen, facts
    and thema's are matched by id; a bouwsteen whose condition differs is marked
    ``rule_changed``.
    """
    old_k, new_k = old.kader, new.kader
    names = list(dict.fromkeys([*new_k.feiten, *old_k.feiten]))
    fact_changes = tuple(
        FactChange(n, old.facts.values.get(n), new.facts.values.get(n))
        for n in names
        if old.facts.values.get(n) != new.facts.values.get(n)
    )
    changed_facts = {c.name for c in fact_changes}
    old_truths, new_truths = _truths(old), _truths(new)
    old_afw, new_afw = old.afwijkingen, new.afwijkingen
    ids = list(dict.fromkeys([*evaluation_order(new_k), *evaluation_order(old_k)]))
    block_changes: dict[str, BouwsteenChange] = {}
    for qid in ids:
        before, after = old_truths.get(qid), new_truths.get(qid)
        via = (qid in old_afw, qid in new_afw)
        rule = (
            qid in old_k.bouwstenen
            and qid in new_k.bouwstenen
            and old_k.bouwstenen[qid].full_condition != new_k.bouwstenen[qid].full_condition
        )
        if before == after and not rule and via[0] == via[1]:
            continue
        deps: set[str] = set()
        for kader in (old_k, new_k):
            if qid in kader.bouwstenen:
                deps |= upstream(kader, qid).feiten
        facts = tuple(n for n in names if n in deps and n in changed_facts)
        block_changes[qid] = BouwsteenChange(qid, before, after, facts, rule, *via)
    thema_changes = []
    unchanged = []
    for thema in dict.fromkeys([*new_k.themas, *old_k.themas]):
        before_r = old.plateau(thema) if thema in old_k.themas else None
        after_r = new.plateau(thema) if thema in new_k.themas else None
        if before_r == after_r:
            unchanged.append(thema)
            continue
        related: set[str] = set()
        for kader in (old_k, new_k):
            if thema in kader.themas:
                related |= set(thema_closure(kader, thema))
        blocks = tuple(q for q in ids if q in related and q in block_changes)
        facts_set = {f for q in blocks for f in block_changes[q].facts}
        title = (new_k.themas.get(thema) or old_k.themas[thema]).title
        thema_changes.append(
            ThemaChange(
                thema,
                title,
                before_r,
                after_r,
                _direction(before_r, after_r),
                blocks,
                tuple(n for n in names if n in facts_set),
            )
        )
    kader_changed = old_k is not new_k and (
        old_k.id != new_k.id
        or old_k.extensions != new_k.extensions
        or any(c.rule_changed for c in block_changes.values())
        or set(old_k.bouwstenen) != set(new_k.bouwstenen)
    )
    return Diff(
        old.facts.gemeente,
        new.facts.gemeente,
        old.peildatum,
        new.peildatum,
        tuple(thema_changes),
        tuple(unchanged),
        tuple(block_changes.values()),
        fact_changes,
        kader_changed,
    )
