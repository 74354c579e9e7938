"""Kleene laws, twice: on :mod:`kadermodel.logic` and on conditions the engine compiles.

De Morgan, commutativity of ``en``/``of``, ``onwaar en x = onwaar`` and ``waar of x = waar``,
double negation, and ``minstens`` as the bridge between ``en`` (all) and ``of`` (one). The
compiled half writes random conditions ``X`` and ``Y`` (from ``strategies.conditions``) into
bouwstenen of one kader and checks the laws on the truths the compiled plan produces.
"""

from __future__ import annotations

import strategies as gen
from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel
from kadermodel.logic import Truth, and_, at_least, not_, or_

truths = st.sampled_from(list(Truth))


# ------------------------------------------------------------------ kadermodel.logic


@given(truths, truths)
def test_de_morgan(a: Truth, b: Truth) -> None:
    assert not_(and_(a, b)) is or_(not_(a), not_(b))
    assert not_(or_(a, b)) is and_(not_(a), not_(b))
    assert ~(a & b) is (~a | ~b)


@given(truths, truths)
def test_commutativity(a: Truth, b: Truth) -> None:
    assert and_(a, b) is and_(b, a)
    assert or_(a, b) is or_(b, a)


@given(truths, truths, truths)
def test_associativity(a: Truth, b: Truth, c: Truth) -> None:
    assert and_(a, and_(b, c)) is and_(and_(a, b), c) is and_(a, b, c)
    assert or_(a, or_(b, c)) is or_(or_(a, b), c) is or_(a, b, c)


@given(truths)
def test_absorbing_and_neutral_elements(x: Truth) -> None:
    assert and_(Truth.FALSE, x) is Truth.FALSE
    assert or_(Truth.TRUE, x) is Truth.TRUE
    assert and_(Truth.TRUE, x) is x
    assert or_(Truth.FALSE, x) is x
    assert not_(not_(x)) is x


@given(st.lists(truths, max_size=6))
def test_minstens_generalises_en_and_of(items: list[Truth]) -> None:
    assert at_least(len(items), items) is and_(*items)
    if items:
        assert at_least(1, items) is or_(*items)
    assert at_least(0, items) is Truth.TRUE


# ------------------------------------------------------------------ compiled conditions

LAWS = """
thema wetten "Wetten" {
    plateau 1 {
        bouwsteen x "X." als X
        bouwsteen y "Y." als Y
        bouwsteen niet_x_en_y "." als niet ((X) en (Y))
        bouwsteen niet_x_of_niet_y "." als (niet (X)) of (niet (Y))
        bouwsteen niet_x_of_y "." als niet ((X) of (Y))
        bouwsteen niet_x_en_niet_y "." als (niet (X)) en (niet (Y))
        bouwsteen x_en_y "." als (X) en (Y)
        bouwsteen y_en_x "." als (Y) en (X)
        bouwsteen x_of_y "." als (X) of (Y)
        bouwsteen y_of_x "." als (Y) of (X)
        bouwsteen onwaar_en_x "." als p_onwaar en (X)
        bouwsteen x_en_onwaar "." als (X) en nul
        bouwsteen waar_of_x "." als p_waar of (X)
        bouwsteen x_of_waar "." als (X) of een
        bouwsteen niet_niet_x "." als niet (niet (X))
        bouwsteen minstens_twee "." als minstens 2 van ((X), (Y))
        bouwsteen minstens_een "." als minstens 1 van ((X), (Y))
    }
}
"""


@st.composite
def law_kaders(draw: st.DrawFn) -> tuple:
    """A kader with the LAWS bouwstenen for random X and Y, plus random facts for it."""
    facts = draw(gen.fact_specs())
    x = draw(gen.conditions(facts, max_leaves=4))
    y = draw(gen.conditions(facts, max_leaves=4))
    text = (
        gen.declarations(facts)
        + "feit nul: ja_nee\nfeit een: ja_nee\n"
        + LAWS.replace("X", x).replace("Y", y)
    )
    generated = gen.GeneratedKader(text, facts, {"wetten": 1}, ())
    peildatum = draw(gen.peildata())
    values = draw(gen.fact_values(generated, peildatum=peildatum))
    return text, {**values, "nul": False, "een": True}, peildatum


@settings(max_examples=100)
@given(law_kaders())
def test_laws_hold_for_compiled_conditions(case: tuple) -> None:
    text, values, peildatum = case
    kader = kadermodel.parse_kader(text)
    result = kadermodel.assess(kader, values, peildatum)
    t = {qid.removeprefix("wetten."): r.truth for qid, r in result.bouwstenen.items()}
    x, y = t["x"], t["y"]
    # De Morgan
    assert t["niet_x_en_y"] is t["niet_x_of_niet_y"] is not_(and_(x, y))
    assert t["niet_x_of_y"] is t["niet_x_en_niet_y"] is not_(or_(x, y))
    # commutativity, and agreement with kadermodel.logic
    assert t["x_en_y"] is t["y_en_x"] is and_(x, y)
    assert t["x_of_y"] is t["y_of_x"] is or_(x, y)
    # absorbing elements, as a parameter (a constant) and as a known fact
    assert t["onwaar_en_x"] is Truth.FALSE
    assert t["x_en_onwaar"] is Truth.FALSE
    assert t["waar_of_x"] is Truth.TRUE
    assert t["x_of_waar"] is Truth.TRUE
    assert t["niet_niet_x"] is x
    assert t["minstens_twee"] is and_(x, y)
    assert t["minstens_een"] is or_(x, y)
