"""Shared pieces for the tests of uitbreidingen: paths, golden files, random conditions and a
brute-force oracle for the weakening check.

The brute force is independent of :mod:`kadermodel.engine.abstraction`: it enumerates every value in
a wide range around all constants in play (counts 0..MAX_COUNT, every day from FIRST_DAY to
LAST_DAY, every keuze value, every subset) and evaluates with the compiled plan of a kader.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from hypothesis import strategies as st

import kadermodel as k
from kadermodel.engine.evaluate import plan_of

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden" / "extend"
EXAMPLE_NAMES = ("basisstad", "koploperstad", "starterdorp", "voorbeeldstad")


def render_warnings(kader: k.Kader, since: int = 0) -> str:
    warnings = kader.warnings[since:]
    if not warnings:
        return "(geen fouten of waarschuwingen)\n"
    parts = [d.render(kader.sources.get(d.span.file) if d.span else None) for d in warnings]
    return "\n".join(parts) + "\n"


# ------------------------------------------------------------------ a small vocabulary

PEILDATUM = dt.date(2024, 3, 15)
FIRST_DAY = dt.date(2024, 2, 10)
LAST_DAY = dt.date(2024, 3, 20)
MAX_COUNT = 8
KEUZE = ("laag", "midden", "hoog")
SET = ("x", "y", "z")

FACTS: dict[str, str] = {
    "j1": "ja_nee",
    "j2": "ja_nee",
    "n1": "aantal",
    "n2": "aantal",
    "k1": "keuze",
    "s1": "verzameling",
    "s2": "verzameling",
    "d1": "datum",
    "d2": "datum",
}

HEADER = f"""kader klein {{ titel "Klein" }}
feit j1: ja_nee
feit j2: ja_nee
feit n1: aantal
feit n2: aantal
feit k1: keuze({", ".join(KEUZE)})
feit s1: verzameling({", ".join(SET)})
feit s2: verzameling({", ".join(SET)})
feit d1: datum
feit d2: datum
parameter p: aantal = 2
parameter q: keuze({", ".join(KEUZE)}) = midden
parameter vp: verzameling({", ".join(SET)}) = (x)
parameter dp: datum = 2024-03-05
parameter jp: ja_nee = waar
"""


def domain(kind: str) -> tuple[object, ...]:
    """Every value the brute force tries for a fact of this kind."""
    if kind == "ja_nee":
        return (False, True)
    if kind == "aantal":
        return tuple(range(MAX_COUNT + 1))
    if kind == "keuze":
        return KEUZE
    if kind == "verzameling":
        return tuple(
            frozenset(c) for size in range(len(SET) + 1) for c in itertools.combinations(SET, size)
        )
    days = (LAST_DAY - FIRST_DAY).days
    return tuple(FIRST_DAY + dt.timedelta(days=i) for i in range(days + 1))


def assignments(names: Sequence[str]) -> Iterator[dict[str, object]]:
    for combo in itertools.product(*(domain(FACTS[n]) for n in names)):
        yield dict(zip(names, combo, strict=True))


def truths(kader: k.Kader, values: Mapping[str, object]) -> dict[str, k.Truth]:
    """Bouwsteen truths by the compiled plan (unknown facts stay unknown)."""
    index = kader.fact_index()
    encoded: list[int | None] = [None] * len(index)
    for name, value in values.items():
        encoded[index[name]] = kader.feiten[name].type.encode(value)  # type: ignore[arg-type]
    result, _ = plan_of(kader).run(encoded, PEILDATUM)
    return {qid: k.Truth(t) for qid, t in zip(plan_of(kader).bouwsteen_ids, result, strict=True)}


def brute_weaker(
    old_kader: k.Kader, new_kader: k.Kader, bouwsteen: str, names: Sequence[str]
) -> dict[str, object] | None:
    """Complete facts (over ``names``) where ``bouwsteen`` holds in new_kader but not old."""
    for values in assignments(names):
        if (
            truths(new_kader, values)[bouwsteen] is k.Truth.TRUE
            and truths(old_kader, values)[bouwsteen] is k.Truth.FALSE
        ):
            return values
    return None


# ------------------------------------------------------------------ random condition text

COMPARATORS = ("=", "!=", "<", "<=", ">", ">=")


@st.composite
def atoms(draw: st.DrawFn, names: Sequence[str]) -> str:
    name = draw(st.sampled_from(names))
    kind = FACTS[name]
    partners = [n for n in names if n != name and FACTS[n] == kind]
    op = draw(st.sampled_from(COMPARATORS))
    if kind == "ja_nee":
        return draw(st.sampled_from([name, f"niet {name}", f"{name} = jp", f"{name} != onwaar"]))
    if kind == "aantal":
        right = draw(st.sampled_from([str(draw(st.integers(0, 4))), "p", *partners]))
        return f"{name} {op} {right}"
    if kind == "keuze":
        value = draw(st.sampled_from(KEUZE))
        listed = draw(st.lists(st.sampled_from(KEUZE), min_size=1, max_size=2, unique=True))
        return draw(
            st.sampled_from(
                [f"{name} {op} {value}", f"{name} {op} q", f"{name} in ({', '.join(listed)})"]
            )
        )
    if kind == "verzameling":
        listed = draw(st.lists(st.sampled_from(SET), min_size=1, max_size=3, unique=True))
        eq = draw(st.sampled_from(["=", "!="]))
        forms = [
            f"{name} bevat alle ({', '.join(listed)})",
            f"{name} bevat een van ({', '.join(listed)})",
            f"{name} {eq} vp",
            *(f"{name} {eq} {p}" for p in partners),
        ]
        return draw(st.sampled_from(forms))
    day = draw(st.sampled_from(["2024-03-01", "2024-03-10", "dp", *partners]))
    return draw(
        st.sampled_from(
            [
                f"{name} na {day}",
                f"{name} voor {day}",
                f"{name} binnen 1 week",
                f"{name} binnen 10 dagen",
                f"{name} binnen 1 maand",
                f"{name} {op} {day}",
            ]
        )
    )


def conditions(names: Sequence[str], extra_atoms: Sequence[str] = ()) -> st.SearchStrategy[str]:
    """Random condition text over the facts ``names`` (and optional extra atoms)."""
    base = atoms(names)
    if extra_atoms:
        base = st.one_of(base, st.sampled_from(list(extra_atoms)))

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        items = st.lists(inner, min_size=2, max_size=3)
        return st.one_of(
            inner.map(lambda c: f"niet ({c})"),
            items.map(lambda cs: "(" + " en ".join(cs) + ")"),
            items.map(lambda cs: "(" + " of ".join(cs) + ")"),
            items.flatmap(
                lambda cs: st.integers(1, len(cs)).map(
                    lambda n: f"minstens {n} van ({', '.join(cs)})"
                )
            ),
        )

    return st.recursive(base, extend, max_leaves=4)


def fact_subsets() -> st.SearchStrategy[list[str]]:
    """One to three facts; at most two dates, so the brute force stays small."""
    return (
        st.lists(st.sampled_from(sorted(FACTS)), min_size=1, max_size=3, unique=True)
        .filter(lambda ns: sum(FACTS[n] == "datum" for n in ns) <= 2)
        .map(sorted)
    )
