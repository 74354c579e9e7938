"""Laws every kader must obey, as reusable checks.

Each ``check_*`` function tests one fact set and raises :class:`LawViolation` (an
``AssertionError`` with a Dutch message naming the law, the thema or bouwsteen and the facts)
when the law does not hold. :data:`LAWS` wraps them in hypothesis searches over
:func:`kadermodel.testing.strategies.facts`; :func:`check_law` and :func:`check_laws` run those
searches for any kader, and ``pytest --kader FILE`` runs them from the command line.

The laws:

* ``bereik``: per thema ``0 <= low <= high <= top``, and with every fact known everything is
  decided.
* ``kennis``: answering an unknown fact never lowers ``low``, never raises ``high``, and never
  changes a bouwsteen that was already waar or onwaar.
* ``cumulatief``: ``low`` is the highest p whose bouwstenen of plateaus 1..p all hold, and
  ``high`` the highest p where none of them is onwaar.
* ``determinisme``: the same facts give the same result, whatever their order and also after
  writing them out as a facts file and reading them back.
* ``referentie``: the compiled plan agrees with the reference interpreter.
* ``verscherping`` (for an extension): the extended kader never reaches a higher plateau than
  its base, for every thema where the extension only tightens (see
  :func:`tightening_themas`).

>>> import kadermodel
>>> check_law("bereik", kadermodel.bundled_kader(), max_examples=20)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

import attrs
from hypothesis import HealthCheck, assume, given, settings, target
from hypothesis import strategies as st

from kadermodel import model as m
from kadermodel.api import assess
from kadermodel.engine.evaluate import Assessment, plan_of
from kadermodel.engine.interpret import assess_reference
from kadermodel.explanation.search import dependency_closure
from kadermodel.facts.dump import dump_facts as facts_yaml
from kadermodel.facts.reader import parse_facts
from kadermodel.logic import Truth
from kadermodel.testing.strategies import FactValues, facts, refinements

Values = Mapping[str, m.FactValue | None]


class LawViolation(AssertionError):
    """A law does not hold; the message (Dutch) says which law, where and for which facts."""

    def __init__(self, law: str, kader: m.Kader, problem: str, values: Values):
        self.law = law
        self.kader_id = kader.id
        self.problem = problem
        self.values = dict(values)
        known = {k: v for k, v in values.items() if v is not None}
        shown = "\n".join(f"    {k}: {m.format_value(v)}" for k, v in known.items())
        super().__init__(
            f"wet '{law}' geldt niet voor kader {kader.id}: {problem}\n"
            f"  bekende feiten ({len(known)}, de rest onbekend):\n{shown or '    (geen)'}"
        )


def _day(peildatum: dt.date | None) -> dt.date:
    return peildatum or dt.date.today()


def _assess(kader: m.Kader, values: Values, peildatum: dt.date | None) -> Assessment:
    return assess(kader, {k: v for k, v in values.items() if k in kader.feiten}, _day(peildatum))


def _pairs(assessment: Assessment) -> dict[str, tuple[int, int]]:
    return {t: (result.plateau.low, result.plateau.high) for t, result in assessment.themas.items()}


# ------------------------------------------------------------------ single checks


def check_ranges(kader: m.Kader, values: Values, peildatum: dt.date | None = None) -> None:
    """``0 <= low <= high <= top`` per thema; complete facts decide every thema and bouwsteen."""
    result = _assess(kader, values, peildatum)
    complete = all(values.get(name) is not None for name in kader.feiten)
    for thema in result.themas.values():
        low, high = thema.plateau.low, thema.plateau.high
        if not 0 <= low <= high <= kader.themas[thema.id].top:
            raise LawViolation(
                "bereik",
                kader,
                f"thema {thema.id} heeft bereik {low}..{high}, buiten 0..{thema.top} of "
                "laag boven hoog",
                values,
            )
        if complete and low != high:
            raise LawViolation(
                "bereik",
                kader,
                f"alle feiten zijn bekend, maar thema {thema.id} is niet beslist ({low}..{high})",
                values,
            )
    if complete:
        for qid, bouwsteen in result.bouwstenen.items():
            if bouwsteen.truth is Truth.UNKNOWN:
                raise LawViolation(
                    "bereik",
                    kader,
                    f"alle feiten zijn bekend, maar bouwsteen {qid} is onbekend",
                    values,
                )


def check_monotone(
    kader: m.Kader,
    values: Values,
    fact: str,
    value: m.FactValue,
    peildatum: dt.date | None = None,
) -> None:
    """Answering the unknown ``fact`` with ``value`` only narrows every result."""
    before = _assess(kader, values, peildatum)
    after_values = {**values, fact: value}
    after = _assess(kader, after_values, peildatum)
    answered = f"na invullen van {fact} = {m.format_value(value)}"
    for thema, (low, high) in _pairs(before).items():
        new_low, new_high = after.plateau(thema).low, after.plateau(thema).high
        if new_low < low:
            raise LawViolation(
                "kennis",
                kader,
                f"{answered} daalt laag van thema {thema} van {low} naar {new_low}",
                values,
            )
        if new_high > high:
            raise LawViolation(
                "kennis",
                kader,
                f"{answered} stijgt hoog van thema {thema} van {high} naar {new_high}",
                values,
            )
    for qid, old in zip(plan_of(before.kader).bouwsteen_ids, before.truths, strict=True):
        new = after.truth(qid)
        if old != Truth.UNKNOWN and new != old:
            raise LawViolation(
                "kennis",
                kader,
                f"{answered} verandert bouwsteen {qid} van {Truth(old)} in {new}",
                values,
            )


def check_cumulative(kader: m.Kader, values: Values, peildatum: dt.date | None = None) -> None:
    """``low``/``high`` are exactly what the bouwstenen of plateaus 1..p allow."""
    result = _assess(kader, values, peildatum)
    for thema in kader.themas.values():
        low = high = 0
        for plateau in thema.plateaus:
            truths = [result.truth(q) for q in plateau.bouwstenen]
            if low == plateau.number - 1 and all(t is Truth.TRUE for t in truths):
                low = plateau.number
            if high == plateau.number - 1 and all(t is not Truth.FALSE for t in truths):
                high = plateau.number
        got = result.plateau(thema.id)
        if (got.low, got.high) != (low, high):
            shown = ", ".join(
                f"{q} {result.truth(q)}" for plateau in thema.plateaus for q in plateau.bouwstenen
            )
            raise LawViolation(
                "cumulatief",
                kader,
                f"thema {thema.id} heeft {got.low}..{got.high}, maar de bouwstenen geven "
                f"{low}..{high} ({shown})",
                values,
            )


def check_deterministic(kader: m.Kader, values: Values, peildatum: dt.date | None = None) -> None:
    """Same facts, same result: again, in reverse order, and through a facts file."""
    day = _day(peildatum)
    first = _assess(kader, values, day)
    again = _assess(kader, values, day)
    reversed_values = dict(reversed(list(values.items())))
    backwards = _assess(kader, reversed_values, day)
    text = facts_yaml({k: v for k, v in values.items() if v is not None}, peildatum=day)
    from_file = assess(kader, parse_facts(text, kader, name="<determinisme>"))
    for label, other in (
        ("nog eens beoordelen", again),
        ("feiten in omgekeerde volgorde", backwards),
        ("via een feitenbestand", from_file),
    ):
        if other.truths != first.truths or other.ranges != first.ranges:
            raise LawViolation("determinisme", kader, f"{label} geeft een andere uitkomst", values)


def check_reference(kader: m.Kader, values: Values, peildatum: dt.date | None = None) -> None:
    """The compiled plan and the reference interpreter agree on every bouwsteen and thema."""
    day = _day(peildatum)
    result = _assess(kader, values, day)
    full = {name: values.get(name) for name in kader.feiten}
    truths, ranges = assess_reference(kader, full, day)
    for qid, truth in truths.items():
        if result.truth(qid) != truth:
            raise LawViolation(
                "referentie",
                kader,
                f"bouwsteen {qid} is {result.truth(qid)} in het plan, maar {truth} volgens de "
                "referentie-interpreter",
                values,
            )
    for thema, pair in ranges.items():
        got = result.plateau(thema)
        if (got.low, got.high) != pair:
            raise LawViolation(
                "referentie",
                kader,
                f"thema {thema} heeft {got.low}..{got.high} in het plan, maar "
                f"{pair[0]}..{pair[1]} volgens de referentie-interpreter",
                values,
            )


_LOOSENING = frozenset({"vervangen", "vervallen"})
_FLIP = {
    "<": ">",
    "<=": ">=",
    ">": "<",
    ">=": "<=",
    "=": "=",
    "!=": "!=",
    "na": "voor",
    "voor": "na",
}


def _rank(type_: m.FactType, value: m.FactValue) -> object:
    return type_.values.index(str(value)) if type_.kind == "keuze" else value


def _param_tightens(base: m.Kader, extended: m.Kader, cond: m.Cond, positive: bool) -> bool:
    """Whether the parameter values of ``extended`` make ``cond`` no easier than ``base``'s.

    A threshold may only move the hard way: up for ``>=``, down for ``<=``, from waar to
    onwaar for a ja_nee parameter, and the other way round under ``niet``.
    """
    match cond:
        case m.Not(item):
            return _param_tightens(base, extended, item, not positive)
        case m.And(items) | m.Or(items) | m.AtLeast(_, items):
            return all(_param_tightens(base, extended, i, positive) for i in items)
        case m.ParamIs(name):
            old, new = base.parameters[name].value, extended.parameters[name].value
            return old == new or (bool(old) if positive else bool(new))
        case m.Compare(left, op, right, type_):
            direction: str = op
            if isinstance(left, m.ParamOperand):
                left, direction, right = right, _FLIP[op], left
            if not isinstance(right, m.ParamOperand) or right.name not in base.parameters:
                return True
            old = base.parameters[right.name].value
            new = extended.parameters[right.name].value
            if old == new:
                return True
            if direction in ("=", "!="):
                return False
            raised = bool(_rank(type_, new) > _rank(type_, old))  # type: ignore[operator]
            harder_when_raised = direction in (">", ">=", "na")
            return raised == harder_when_raised if positive else raised != harder_when_raised
    return True


def _deliberate(herkomst: m.Herkomst) -> bool:
    """A change marked ``bewust zwakker``: the extension says it loosens on purpose."""
    return "bewust zwakker" in (herkomst.reason or "")


def tightening_themas(base: m.Kader, extended: m.Kader) -> tuple[str, ...]:
    """Thema's of ``base`` where ``extended`` only tightens, so the law must hold there.

    A thema counts when every bouwsteen it rests on (its own and all they depend on, in the
    extended kader) was only defined or tightened (``verscherp``), nothing was marked
    ``bewust zwakker``, and every changed parameter they read moved the hard way (see
    :func:`_param_tightens`). Bouwstenen and plateaus the extension adds only make a thema
    harder to reach.
    """
    found = []
    for thema_id in base.themas:
        thema = extended.themas.get(thema_id)
        if thema is None:
            continue
        ids = [q for plateau in thema.plateaus for q in plateau.bouwstenen]
        closure = dependency_closure(extended, ids)
        kept = {q for plateau in base.themas[thema_id].plateaus for q in plateau.bouwstenen}
        loosened = not kept <= set(ids)  # a bouwsteen of the base was withdrawn
        for qid in closure:
            bouwsteen = extended.bouwstenen[qid]
            if any(h.action in _LOOSENING or _deliberate(h) for h in bouwsteen.herkomst):
                loosened = True
            if bouwsteen.condition is None:
                continue
            for name in m.params_of(bouwsteen.condition):
                if any(_deliberate(h) for h in extended.parameters[name].herkomst):
                    loosened = True
            if not _param_tightens(base, extended, bouwsteen.condition, True):
                loosened = True
        if not loosened:
            found.append(thema_id)
    return tuple(found)


def check_tightening(
    base: m.Kader,
    extended: m.Kader,
    values: Values,
    peildatum: dt.date | None = None,
    themas: Iterable[str] | None = None,
) -> None:
    """The extended kader reaches no higher plateau than ``base`` (within base's plateaus)."""
    day = _day(peildatum)
    before = _assess(base, values, day)
    after = _assess(extended, values, day)
    for thema in tightening_themas(base, extended) if themas is None else themas:
        top = base.themas[thema].top
        old, new = before.plateau(thema), after.plateau(thema)
        if min(new.low, top) > old.low or min(new.high, top) > old.high:
            raise LawViolation(
                "verscherping",
                extended,
                f"thema {thema} komt met de uitbreiding op {new.low}..{new.high}, "
                f"zonder op {old.low}..{old.high}: verscherpen mag een plateau nooit verhogen",
                values,
            )


# ------------------------------------------------------------------ hypothesis searches

SearchCheck = Callable[[m.Kader, "m.Kader | None", int, "dt.date | None"], None]


@attrs.frozen
class Law:
    """A named law with the hypothesis search that tries to break it."""

    name: str
    title: str
    """What the law says, in Dutch (shown in test reports)."""
    search: SearchCheck = attrs.field(repr=False)
    needs_base: bool = False


def _settings(max_examples: int) -> settings:
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _single(
    check: Callable[[m.Kader, Values, dt.date | None], None], unknown: float
) -> SearchCheck:
    def search(
        kader: m.Kader, base: m.Kader | None, max_examples: int, peildatum: dt.date | None
    ) -> None:
        @_settings(max_examples)
        @given(facts(kader, unknown, peildatum=peildatum))
        def law(values: FactValues) -> None:
            check(kader, values, peildatum)

        law()

    return search


def _monotone_search(
    kader: m.Kader, base: m.Kader | None, max_examples: int, peildatum: dt.date | None
) -> None:
    @_settings(max_examples)
    @given(facts(kader, 0.5, peildatum=peildatum), st.data())
    def law(values: FactValues, data: st.DataObject) -> None:
        assume(any(v is None for v in values.values()))
        fact, value = data.draw(refinements(kader, values, peildatum=peildatum), label="invullen")
        check_monotone(kader, values, fact, value, peildatum)

    law()


def _tightening_search(
    kader: m.Kader, base: m.Kader | None, max_examples: int, peildatum: dt.date | None
) -> None:
    if base is None:
        raise ValueError("the tightening law needs the base kader")
    themas = tightening_themas(base, kader)

    @_settings(max_examples)
    @given(facts(kader, 0.1, peildatum=peildatum))
    def law(values: FactValues) -> None:
        # Steer the search towards fact sets where the extension comes out higher.
        before, after = _assess(base, values, peildatum), _assess(kader, values, peildatum)
        gap = 0
        for thema in themas:
            top = base.themas[thema].top
            old, new = before.plateau(thema), after.plateau(thema)
            gap += min(new.low, top) - old.low + min(new.high, top) - old.high
        target(float(gap), label="verschil met de basis")
        check_tightening(base, kader, values, peildatum, themas)

    law()


LAWS: tuple[Law, ...] = (
    Law(
        "bereik",
        "per thema 0 <= laag <= hoog <= hoogste plateau; met alle feiten bekend is alles beslist",
        _single(check_ranges, 0.2),
    ),
    Law(
        "kennis",
        "een onbekend feit invullen verlaagt laag nooit en verhoogt hoog nooit",
        _monotone_search,
    ),
    Law(
        "cumulatief",
        "plateau p is bereikt als alle bouwstenen van plateau 1..p gelden",
        _single(check_cumulative, 0.2),
    ),
    Law(
        "determinisme",
        "dezelfde feiten geven altijd dezelfde uitkomst",
        _single(check_deterministic, 0.2),
    ),
    Law(
        "referentie",
        "het gecompileerde plan en de referentie-interpreter zijn het eens",
        _single(check_reference, 0.3),
    ),
    Law(
        "verscherping",
        "verscherpen door een uitbreiding verhoogt nooit een plateau",
        _tightening_search,
        needs_base=True,
    ),
)

LAWS_BY_NAME: Mapping[str, Law] = {law.name: law for law in LAWS}


def check_law(
    name: str,
    kader: m.Kader,
    *,
    base: m.Kader | None = None,
    max_examples: int = 200,
    peildatum: dt.date | None = None,
) -> None:
    """Search for a counter-example to one law; raise :class:`LawViolation` if found."""
    LAWS_BY_NAME[name].search(kader, base, max_examples, peildatum)


def check_laws(
    kader: m.Kader,
    *,
    base: m.Kader | None = None,
    max_examples: int = 200,
    peildatum: dt.date | None = None,
) -> None:
    """Every law (``verscherping`` only when ``base`` is given) against ``kader``."""
    for law in LAWS:
        if law.needs_base and base is None:
            continue
        law.search(kader, base, max_examples, peildatum)
