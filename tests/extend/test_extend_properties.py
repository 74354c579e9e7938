"""Laws of uitbreidingen on the bundled kader, with random uitbreidingen and random facts.

* ``verscherp`` and tightened parameters never raise any plateau (neither ``laag`` nor
  ``hoog``) nor any bouwsteen's truth, and the weakening check never objects to them;
* adding bouwstenen to existing plateaus never raises a plateau either.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel as k
from kadermodel import model as m
from kadermodel.extend.apply import apply_text
from kadermodel.testing.strategies import facts

BUNDLED = k.bundled_kader()
PEILDATUM = dt.date(2026, 6, 30)


@st.composite
def atom(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(sorted(BUNDLED.feiten)))
    type_ = BUNDLED.feiten[name].type
    if type_.kind == "ja_nee":
        return draw(st.sampled_from([name, f"niet {name}"]))
    if type_.kind == "aantal":
        op = draw(st.sampled_from([">=", "<", "=", "!="]))
        return f"{name} {op} {draw(st.integers(0, 8))}"
    if type_.kind == "keuze":
        value = draw(st.sampled_from(type_.values))
        return draw(st.sampled_from([f"{name} >= {value}", f"{name} in ({value})"]))
    if type_.kind == "verzameling":
        chosen = draw(st.lists(st.sampled_from(type_.values), min_size=1, max_size=2, unique=True))
        kind = draw(st.sampled_from(["bevat alle", "bevat een van"]))
        return f"{name} {kind} ({', '.join(chosen)})"
    day = draw(st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)))
    return draw(st.sampled_from([f"{name} na {day}", f"{name} binnen 24 maanden"]))


def extra_conditions() -> st.SearchStrategy[str]:
    return st.recursive(
        atom(),
        lambda inner: st.one_of(
            inner.map(lambda c: f"niet ({c})"),
            st.lists(inner, min_size=2, max_size=3).map(lambda cs: "(" + " en ".join(cs) + ")"),
            st.lists(inner, min_size=2, max_size=3).map(lambda cs: "(" + " of ".join(cs) + ")"),
        ),
        max_leaves=3,
    )


@st.composite
def tightenings(draw: st.DrawFn) -> str:
    """An uitbreiding with verscherp-operations and tighter parameters (and nothing else)."""
    lines = []
    targets = draw(st.lists(st.sampled_from(sorted(BUNDLED.bouwstenen)), max_size=3, unique=True))
    for target in targets:
        lines.append(f"    verscherp {target} als {draw(extra_conditions())}")
    for name, parameter in BUNDLED.parameters.items():
        if not draw(st.booleans()):
            continue
        if parameter.type.kind == "aantal":
            assert isinstance(parameter.value, int)
            lines.append(f"    parameter {name} = {parameter.value + draw(st.integers(0, 4))}")
        elif parameter.type.kind == "keuze":
            values = parameter.type.values
            higher = values[values.index(str(parameter.value)) :]
            lines.append(f"    parameter {name} = {draw(st.sampled_from(higher))}")
    return "uitbreiding strenger op vng_mensenhandel_2021 {\n" + "\n".join(lines) + "\n}\n"


def _never_higher(base: k.Kader, extended: k.Kader, values: dict[str, m.FactValue | None]) -> None:
    known = {n: v for n, v in values.items() if v is not None}
    before = k.assess(base, {n: v for n, v in known.items() if n in base.feiten}, PEILDATUM)
    after = k.assess(extended, known, PEILDATUM)
    for thema in base.themas:
        old, new = before.plateau(thema), after.plateau(thema)
        assert new.low <= old.low and new.high <= old.high, (thema, old, new)
    for qid in base.bouwstenen:
        assert after.truth(qid) <= before.truth(qid), qid


@settings(max_examples=60)
@given(st.data())
def test_verscherp_and_tighter_parameters_never_raise_a_plateau(data: st.DataObject) -> None:
    text = data.draw(tightenings(), label="uitbreiding")
    extended = apply_text(BUNDLED, text, "strenger.kader", peildatum=PEILDATUM)
    assert extended.warnings == ()
    values = data.draw(facts(extended, unknown=0.3, peildatum=PEILDATUM), label="feiten")
    _never_higher(BUNDLED, extended, values)


@settings(max_examples=30)
@given(st.data())
def test_new_bouwstenen_in_existing_plateaus_never_raise_a_plateau(data: st.DataObject) -> None:
    thema = data.draw(st.sampled_from(sorted(BUNDLED.themas)), label="thema")
    plateau = data.draw(st.integers(1, BUNDLED.themas[thema].top), label="plateau")
    condition = data.draw(extra_conditions(), label="voorwaarde")
    text = (
        "uitbreiding erbij op vng_mensenhandel_2021 {\n"
        "    feit nieuw_feit: ja_nee\n"
        f"    thema {thema} {{ plateau {plateau} {{\n"
        f'        bouwsteen nieuw "Nieuw." als nieuw_feit of {condition}\n'
        "    } }\n}\n"
    )
    extended = apply_text(BUNDLED, text, "erbij.kader", peildatum=PEILDATUM)
    values = data.draw(facts(extended, unknown=0.3, peildatum=PEILDATUM), label="feiten")
    _never_higher(BUNDLED, extended, values)
