"""Hypothesis strategies for small, valid, generated kaders and facts that fit them.

Self-contained on purpose (a public set of strategies will live in ``kadermodel.testing``):
this module writes kadertaal *text* and knows the types of the facts it declared, so the
tests can parse the text with the engine and compare against their own expectations.

A generated kader has one or two facts of every type, a few parameters, one to three
thema's with one to three plateaus of one to three bouwstenen each, and random conditions
with ``niet``/``en``/``of``/``minstens``, every comparison form, ``vereist`` and references
to bouwstenen, also across thema's. Cycles are impossible by construction: every bouwsteen
gets a random rank and may only refer to bouwstenen of a lower rank (so references point
both forwards and backwards in the text).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hypothesis import strategies as st

KEUZE_VALUES = ("geen", "weinig", "sectoren", "breed")
SET_VALUES = ("seksueel", "arbeid", "crimineel", "orgaan")
COMPARATORS = ("=", "!=", "<", "<=", ">", ">=")
UNITS = ("dag", "dagen", "week", "weken", "maand", "maanden", "jaar", "jaren")
FIRST_DAY = dt.date(2022, 1, 1)
LAST_DAY = dt.date(2027, 12, 31)
AMOUNTS = (0, 1, 2, 12)
# Dates used both as constants in conditions and as fact values, so that ``=``, ``na`` and
# ``voor`` meet equal dates often; peildata at month ends exercise the month clamping.
DATE_POOL = (
    dt.date(2023, 12, 31),
    dt.date(2024, 1, 1),
    dt.date(2024, 2, 29),
    dt.date(2024, 6, 30),
    dt.date(2025, 3, 31),
)
PEILDATA = (dt.date(2024, 2, 29), dt.date(2024, 3, 31), dt.date(2024, 6, 30), dt.date(2025, 3, 1))

FactValue = bool | int | str | frozenset[str] | dt.date


@dataclass(frozen=True)
class FactSpec:
    name: str
    kind: str
    values: tuple[str, ...] = ()

    @property
    def type_text(self) -> str:
        if self.kind in ("keuze", "verzameling"):
            return f"{self.kind}({', '.join(self.values)})"
        return self.kind


@dataclass(frozen=True)
class GeneratedKader:
    """Kadertaal text plus what the generator knows about it."""

    text: str
    facts: tuple[FactSpec, ...]
    plateau_counts: Mapping[str, int]
    """Thema id -> number of plateaus written."""
    bouwstenen: tuple[str, ...]
    """Qualified ids in declaration order."""

    def fact(self, name: str) -> FactSpec:
        return next(f for f in self.facts if f.name == name)


PARAMETERS = (
    "parameter p_waar: ja_nee = waar\n"
    "parameter p_onwaar: ja_nee = onwaar\n"
    "parameter p_aa: aantal = 2\n"
    f"parameter p_kz: keuze({', '.join(KEUZE_VALUES)}) = sectoren\n"
    f"parameter p_vz: verzameling({', '.join(SET_VALUES)}) = (seksueel, arbeid)\n"
    "parameter p_dt: datum = 2024-06-30\n"
)


# ------------------------------------------------------------------ values


def dates() -> st.SearchStrategy[dt.date]:
    return st.one_of(st.sampled_from(DATE_POOL), st.dates(FIRST_DAY, LAST_DAY))


def peildata() -> st.SearchStrategy[dt.date]:
    return st.one_of(st.sampled_from(PEILDATA), st.dates(dt.date(2023, 1, 1), LAST_DAY))


def _months_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


_UNIT_OF = {
    "dag": "dag",
    "dagen": "dag",
    "week": "week",
    "weken": "week",
    "maand": "maand",
    "maanden": "maand",
    "jaar": "jaar",
    "jaren": "jaar",
}
_WITHIN = re.compile(r"\b(\w+) binnen (\d+) (\w+)")


def window_edges(text: str, fact: str, peildatum: dt.date) -> tuple[dt.date, ...]:
    """The first and last days of the ``binnen`` windows on ``fact`` in ``text``."""
    edges = {peildatum}
    for name, amount, unit in _WITHIN.findall(text):
        if name == fact:
            days = {"dag": 1, "week": 7}.get(_UNIT_OF[unit])
            if days:
                edges.add(peildatum - dt.timedelta(days=days * int(amount)))
            else:
                months = int(amount) * (12 if _UNIT_OF[unit] == "jaar" else 1)
                edges.add(_months_back(peildatum, months))
    return tuple(sorted(edges))


def values_for(
    spec: FactSpec, peildatum: dt.date | None = None, text: str = ""
) -> st.SearchStrategy[FactValue]:
    """A known value of the fact's type, as a Python value (what ``parse_facts`` accepts).

    Given the kader ``text`` and a ``peildatum``, a date is often on or next to the edge of
    a ``binnen`` window on that fact.
    """
    if spec.kind == "ja_nee":
        return st.booleans()
    if spec.kind == "aantal":
        return st.integers(0, 5)
    if spec.kind == "keuze":
        return st.sampled_from(spec.values)
    if spec.kind == "verzameling":
        return st.frozensets(st.sampled_from(spec.values))
    if peildatum is None:
        return dates()
    edges = window_edges(text, spec.name, peildatum)
    one = dt.timedelta(days=1)
    return st.one_of(
        st.sampled_from(edges),
        st.sampled_from(edges).map(lambda day: day - one),
        st.sampled_from(edges).map(lambda day: day + one),
        dates(),
    )


def fact_values(
    kader: GeneratedKader, *, unknowns: bool = True, peildatum: dt.date | None = None
) -> st.SearchStrategy[dict[str, FactValue | None]]:
    """A value (or, with ``unknowns``, often None) for every fact of ``kader``."""
    fields: dict[str, st.SearchStrategy[FactValue | None]] = {}
    for spec in kader.facts:
        known = values_for(spec, peildatum, kader.text)
        fields[spec.name] = st.one_of(st.none(), known, known) if unknowns else known
    return st.fixed_dictionaries(fields)


# ------------------------------------------------------------------ conditions


def _names(values: Sequence[str]) -> st.SearchStrategy[str]:
    """A non-empty list of distinct values, written as ``(a, b)``."""
    return st.lists(st.sampled_from(values), min_size=1, max_size=3, unique=True).map(
        lambda items: "(" + ", ".join(items) + ")"
    )


def _date_text() -> st.SearchStrategy[str]:
    return dates().map(dt.date.isoformat)


def _atoms(facts: Sequence[FactSpec]) -> st.SearchStrategy[str]:
    """Leaf conditions over the given facts and the fixed parameters."""
    by_kind: dict[str, list[str]] = {}
    for spec in facts:
        by_kind.setdefault(spec.kind, []).append(spec.name)
    op = st.sampled_from(COMPARATORS)
    eq = st.sampled_from(("=", "!="))
    options: list[st.SearchStrategy[str]] = [st.sampled_from(("p_waar", "p_onwaar"))]
    if names := by_kind.get("ja_nee"):
        f = st.sampled_from(names)
        options += [
            f,
            st.builds(lambda a, o, v: f"{a} {o} {v}", f, eq, st.sampled_from(("waar", "onwaar"))),
            st.builds(lambda a, o, b: f"{a} {o} {b}", f, eq, f),
            st.builds(lambda a, o: f"{a} {o} p_waar", f, eq),
        ]
    if names := by_kind.get("aantal"):
        f = st.sampled_from(names)
        options += [
            st.builds(lambda a, o, n: f"{a} {o} {n}", f, op, st.integers(0, 5)),
            st.builds(lambda a, o: f"{a} {o} p_aa", f, op),
            st.builds(lambda a, o, b: f"{a} {o} {b}", f, op, f),
        ]
    if names := by_kind.get("keuze"):
        f = st.sampled_from(names)
        options += [
            st.builds(lambda a, o, v: f"{a} {o} {v}", f, op, st.sampled_from(KEUZE_VALUES)),
            st.builds(lambda a, vs: f"{a} in {vs}", f, _names(KEUZE_VALUES)),
            st.builds(lambda a, o: f"{a} {o} p_kz", f, op),
            st.builds(lambda a, o, b: f"{a} {o} {b}", f, op, f),
        ]
    if names := by_kind.get("verzameling"):
        f = st.sampled_from(names)
        options += [
            st.builds(lambda a, vs: f"{a} bevat alle {vs}", f, _names(SET_VALUES)),
            st.builds(lambda a, vs: f"{a} bevat een van {vs}", f, _names(SET_VALUES)),
            st.builds(lambda a, o, b: f"{a} {o} {b}", f, eq, f),
            st.builds(lambda a, o: f"{a} {o} p_vz", f, eq),
        ]
    if names := by_kind.get("datum"):
        f = st.sampled_from(names)
        amount = st.sampled_from(AMOUNTS)
        within = st.builds(lambda a, n, u: f"{a} binnen {n} {u}", f, amount, st.sampled_from(UNITS))
        options += [
            within,
            within,  # twice: window edges are where mistakes hide
            st.builds(lambda a, d: f"{a} na {d}", f, _date_text()),
            st.builds(lambda a, d: f"{a} voor {d}", f, _date_text()),
            st.builds(lambda a, o, d: f"{a} {o} {d}", f, op, _date_text()),
            st.builds(lambda a, o: f"{a} {o} p_dt", f, op),
            st.builds(lambda a, b: f"{a} na {b}", f, f),
        ]
    return st.one_of(options)


def _combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    parts = st.lists(inner, min_size=2, max_size=3)
    return st.one_of(
        inner.map(lambda x: f"niet ({x})"),
        parts.map(lambda xs: " en ".join(f"({x})" for x in xs)),
        parts.map(lambda xs: " of ".join(f"({x})" for x in xs)),
        st.lists(inner, min_size=1, max_size=4).flatmap(
            lambda xs: st.integers(1, len(xs)).map(lambda k: f"minstens {k} van ({', '.join(xs)})")
        ),
    )


REF = "@"
"""Placeholder for a bouwsteen reference in condition text (see :func:`conditions`)."""


@functools.cache
def conditions(
    facts: tuple[FactSpec, ...], *, with_refs: bool = False, max_leaves: int = 6
) -> st.SearchStrategy[str]:
    """Condition text over ``facts`` and the parameters.

    With ``with_refs`` some leaves are :data:`REF`, to be replaced by bouwsteen references.
    Cached: hypothesis validates a new recursive strategy at every use, which is slow.
    """
    atoms = _atoms(facts)
    if with_refs:
        atoms = st.one_of(atoms, st.just(REF))
    return st.recursive(atoms, _combine, max_leaves=max_leaves)


# ------------------------------------------------------------------ kaders


@st.composite
def fact_specs(draw: st.DrawFn) -> tuple[FactSpec, ...]:
    """One or two facts of every type; keuze and verzameling facts share their type."""
    specs = []
    for kind, prefix in (
        ("ja_nee", "jn"),
        ("aantal", "aa"),
        ("keuze", "kz"),
        ("verzameling", "vz"),
        ("datum", "dt"),
    ):
        values = {"keuze": KEUZE_VALUES, "verzameling": SET_VALUES}.get(kind, ())
        for i in range(draw(st.integers(1, 2))):
            specs.append(FactSpec(f"{prefix}{i}", kind, values))
    return tuple(specs)


def declarations(facts: Sequence[FactSpec]) -> str:
    lines = ['kader gegenereerd { titel "Gegenereerd kader" }', ""]
    lines += [f"feit {spec.name}: {spec.type_text}" for spec in facts]
    return "\n".join(lines) + "\n" + PARAMETERS


@st.composite
def kaders(draw: st.DrawFn) -> GeneratedKader:
    """A small valid kader (see the module docstring)."""
    facts = draw(fact_specs())
    shape = draw(
        st.lists(
            st.lists(st.integers(1, 3), min_size=1, max_size=3),  # bouwstenen per plateau
            min_size=1,
            max_size=3,
        )
    )
    # (thema, plateau, name) for every bouwsteen, in declaration order.
    slots = []
    for t, plateaus in enumerate(shape):
        for p, count in enumerate(plateaus, start=1):
            for _ in range(count):
                slots.append((f"t{t}", p, f"b{len(slots)}"))
    ranks = draw(st.permutations(range(len(slots))))

    def reference(source_thema: str, lower: list[int]) -> str:
        """A reference to a random lower-ranked bouwsteen, local or qualified."""
        thema, _, name = slots[lower[draw(st.integers(0, len(lower) - 1))]]
        if thema == source_thema and draw(st.booleans()):
            return name
        return f"{thema}.{name}"

    body: dict[tuple[str, int], list[str]] = {}
    for index, (thema, plateau, name) in enumerate(slots):
        lower = [j for j in range(len(slots)) if ranks[j] < ranks[index]]
        count = draw(st.integers(0, 2)) if lower else 0
        requires = sorted({reference(thema, lower) for _ in range(count)})
        has_condition = draw(st.booleans()) or not requires
        line = f'        bouwsteen {name} "Bouwsteen {name}."'
        if requires:
            line += " vereist " + ", ".join(requires)
        if has_condition:
            text = draw(conditions(facts, with_refs=bool(lower)))
            while REF in text:
                text = text.replace(REF, reference(thema, lower), 1)
            line += " als " + text
        body.setdefault((thema, plateau), []).append(line)

    parts = [declarations(facts)]
    for t, plateaus in enumerate(shape):
        parts.append(f'thema t{t} "Thema {t}" {{')
        for p in range(1, len(plateaus) + 1):
            parts.append(f"    plateau {p} {{")
            parts.extend(body[(f"t{t}", p)])
            parts.append("    }")
        parts.append("}")
    return GeneratedKader(
        text="\n".join(parts) + "\n",
        facts=facts,
        plateau_counts={f"t{t}": len(plateaus) for t, plateaus in enumerate(shape)},
        bouwstenen=tuple(f"{thema}.{name}" for thema, _, name in slots),
    )


@st.composite
def kaders_with_facts(
    draw: st.DrawFn, *, unknowns: bool = True
) -> tuple[GeneratedKader, dict[str, FactValue | None], dt.date]:
    """A generated kader, facts for it and a peildatum."""
    kader = draw(kaders())
    peildatum = draw(peildata())
    return kader, draw(fact_values(kader, unknowns=unknowns, peildatum=peildatum)), peildatum
