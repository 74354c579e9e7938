"""Impact preview: what an uitbreiding changes for each municipality.

In: a base kader, the kader with uitbreidingen applied, and facts of one or more
municipalities (:class:`~kadermodel.facts.Facts` loaded against either kader, or mappings).
Out: an :class:`Impact` listing per municipality every thema whose plateau range changes,
and for each the bouwstenen that cause it (new, withdrawn, or with another truth) with the
facts they read and the parameters whose value changed. :mod:`kadermodel.report.impact` renders
it in Dutch and as JSON-ready data. The command ``kadermodel impact`` prints it.

>>> from kadermodel import bundled_kader
>>> from kadermodel.extend.apply import apply_text
>>> base = bundled_kader()
>>> regio = apply_text(
...     base, "uitbreiding r op vng_mensenhandel_2021 { parameter min_driehoek = 4 }"
... )
>>> found = impact(base, regio, [{"gezagsdriehoek_besprekingen_per_jaar": 3}])
>>> [t.id for t in found.gemeenten[0].changed]
['bewustwording']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from kadermodel import model as m
from kadermodel.engine.evaluate import Assessment, PlateauRange, evaluate
from kadermodel.engine.order import evaluation_order
from kadermodel.facts.reader import facts_for
from kadermodel.facts.value import Facts
from kadermodel.logic import Truth

"""Width of the text rendering."""


@attrs.frozen
class ParameterChange:
    name: str
    before: m.FactValue
    after: m.FactValue


@attrs.frozen
class BouwsteenImpact:
    """A bouwsteen whose outcome differs between the two kaders for one municipality."""

    id: str
    before: Truth | None
    """Truth under the base kader; None when the bouwsteen is new."""
    after: Truth | None
    """Truth under the extended kader; None when the bouwsteen is withdrawn."""
    herkomst: tuple[m.Herkomst, ...]
    """What the uitbreidingen did to it (definition if new, changes, withdrawal)."""
    facts: tuple[tuple[str, m.FactValue | None], ...]
    """Facts its old and new rule read directly, with the municipality's values."""
    parameters: tuple[ParameterChange, ...]
    """Parameters its rules read whose value changed."""
    via: tuple[str, ...] = ()
    """Bouwstenen it depends on whose outcome changed too."""

    @property
    def status(self) -> str:
        if self.before is None:
            return "nieuw"
        if self.after is None:
            return "vervallen"
        return "gewijzigd"


@attrs.frozen
class ThemaImpact:
    id: str
    title: str
    before: PlateauRange | None
    """None when the thema is new."""
    after: PlateauRange
    causes: tuple[BouwsteenImpact, ...]

    @property
    def changed(self) -> bool:
        return self.before != self.after


@attrs.frozen
class GemeenteImpact:
    gemeente: str
    peildatum: dt.date
    themas: tuple[ThemaImpact, ...]
    """Every thema of the extended kader, in its order."""

    @property
    def changed(self) -> tuple[ThemaImpact, ...]:
        """Thema's whose plateau range changes."""
        return tuple(t for t in self.themas if t.changed)

    @property
    def quiet(self) -> tuple[BouwsteenImpact, ...]:
        """Bouwstenen whose outcome changes without changing their thema's plateau."""
        return tuple(b for t in self.themas if not t.changed for b in t.causes)


@attrs.frozen
class Impact:
    base: str
    """Id of the base kader with the uitbreidingen it already had (``a + b``)."""
    extensions: tuple[str, ...]
    """The uitbreidingen the comparison is about."""
    parameters: tuple[ParameterChange, ...]
    changes: tuple[tuple[str, m.Herkomst], ...]
    """Every change to bouwstenen, feiten and parameters by those uitbreidingen, in order."""
    gemeenten: tuple[GemeenteImpact, ...]


def stack(kader: m.Kader) -> str:
    """The kader with its uitbreidingen, as ``base + regio + gemeente``."""
    return " + ".join((kader.id, *kader.extensions))


def _rule_facts(bouwsteen: m.Bouwsteen | None) -> set[str]:
    if bouwsteen is None or bouwsteen.condition is None:
        return set()
    return m.facts_of(bouwsteen.condition)


def _rule_params(bouwsteen: m.Bouwsteen | None) -> set[str]:
    if bouwsteen is None or bouwsteen.condition is None:
        return set()
    return m.params_of(bouwsteen.condition)


def _bouwsteen_impacts(
    base: m.Kader,
    extended: m.Kader,
    before: Assessment,
    after: Assessment,
    changed_params: Mapping[str, ParameterChange],
    new_herkomst: Mapping[str, tuple[m.Herkomst, ...]],
) -> dict[str, BouwsteenImpact]:
    found: dict[str, BouwsteenImpact] = {}
    withdrawn = [q for q in base.bouwstenen if q not in extended.bouwstenen]
    ids = [*withdrawn, *evaluation_order(extended)]
    values = after.facts.values
    for qid in ids:
        old = base.bouwstenen.get(qid)
        new = extended.bouwstenen.get(qid)
        truth_before = before.truth(qid) if old is not None else None
        truth_after = after.truth(qid) if new is not None else None
        if old is not None and new is not None and truth_before == truth_after:
            continue
        facts = [f for f in extended.feiten if f in _rule_facts(old) | _rule_facts(new)]
        params = sorted(_rule_params(old) | _rule_params(new))
        deps = {*(old.depends_on if old else ()), *(new.depends_on if new else ())}
        found[qid] = BouwsteenImpact(
            qid,
            truth_before,
            truth_after,
            new_herkomst.get(qid, ()),
            tuple((f, values.get(f)) for f in facts),
            tuple(changed_params[p] for p in params if p in changed_params),
        )
        # Bouwstenen come in dependency order of the extended kader, so a dependency's
        # impact (if any) is known already, except for withdrawn ones (listed last).
        found[qid] = attrs.evolve(found[qid], via=tuple(d for d in sorted(deps) if d in found))
    shown = [*extended.bouwstenen, *withdrawn]
    return {qid: found[qid] for qid in shown if qid in found}


def _new_herkomst(base: m.Kader, extended: m.Kader) -> dict[str, tuple[m.Herkomst, ...]]:
    """Per bouwsteen (also withdrawn ones), the herkomst entries the uitbreidingen added."""
    found: dict[str, tuple[m.Herkomst, ...]] = {}
    every = {**extended.withdrawn, **extended.bouwstenen}
    for qid, bouwsteen in every.items():
        known = base.bouwstenen.get(qid) or base.withdrawn.get(qid)
        skip = len(known.herkomst) if known is not None else 0
        if len(bouwsteen.herkomst) > skip:
            found[qid] = bouwsteen.herkomst[skip:]
    return found


def impact(base: m.Kader, extended: m.Kader, facts: Sequence[Facts | Mapping[str, Any]]) -> Impact:
    """Compare ``extended`` with ``base`` for each municipality in ``facts``.

    The peildatum of each municipality is its own (from its facts), else today.
    """
    extensions = extended.extensions[len(base.extensions) :]
    changed_params = {
        name: ParameterChange(name, base.parameters[name].value, p.value)
        for name, p in extended.parameters.items()
        if name in base.parameters and base.parameters[name].value != p.value
    }
    new_herkomst = _new_herkomst(base, extended)
    changes: list[tuple[str, m.Herkomst]] = []
    for kind, items in (
        ("feit", extended.feiten),
        ("parameter", extended.parameters),
    ):
        for name, item in items.items():
            known = base.feiten.get(name) if kind == "feit" else base.parameters.get(name)
            skip = len(known.herkomst) if known is not None else 0
            changes.extend((f"{kind} {name}", h) for h in item.herkomst[skip:])
    for qid, entries in new_herkomst.items():
        changes.extend((qid, h) for h in entries)
    order = {name: i for i, name in enumerate(extensions)}
    changes.sort(key=lambda c: (order.get(c[1].source, len(order)), c[1].line))

    gemeenten = []
    for number, given in enumerate(facts, start=1):
        after_facts = facts_for(extended, given, only_known=True)
        before_facts = facts_for(base, after_facts, only_known=True)
        day = after_facts.peildatum or dt.date.today()
        before = evaluate(base, before_facts, day)
        after = evaluate(extended, after_facts, day)
        bouwstenen = _bouwsteen_impacts(base, extended, before, after, changed_params, new_herkomst)
        themas = []
        for thema in extended.themas.values():
            causes = tuple(b for q, b in bouwstenen.items() if q.split(".", 1)[0] == thema.id)
            themas.append(
                ThemaImpact(
                    thema.id,
                    thema.title,
                    before.plateau(thema.id) if thema.id in base.themas else None,
                    after.plateau(thema.id),
                    causes,
                )
            )
        name = after_facts.gemeente or f"gemeente {number} ({after_facts.source})"
        gemeenten.append(GemeenteImpact(name, day, tuple(themas)))
    return Impact(
        stack(base),
        extensions,
        tuple(changed_params.values()),
        tuple(changes),
        tuple(gemeenten),
    )


# ------------------------------------------------------------------ rendering
