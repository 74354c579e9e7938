"""Evaluation: truth tables of every operator, plateau ranges, dates and the result objects.

Every truth table is checked twice: on :mod:`kadermodel.logic` and on small kaders compiled
by the engine, and the compiled result must agree with :mod:`kadermodel.logic` applied to the
truths of the parts.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator

import pytest

import kadermodel
from kadermodel import PlateauRange, Truth
from kadermodel.logic import and_, at_least, not_, or_

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
THREE = (T, F, U)
FACT_VALUES = {T: True, F: False, U: None}

# The Kleene tables of kadertaal.md, written out: row = left operand, column = right operand.
NIET = {T: F, F: T, U: U}
EN = {
    T: {T: T, F: F, U: U},
    F: {T: F, F: F, U: F},
    U: {T: U, F: F, U: U},
}
OF = {
    T: {T: T, F: T, U: T},
    F: {T: T, F: F, U: U},
    U: {T: T, F: U, U: U},
}


def kader(declarations: str, bouwstenen: str, name: str = "<tekst>") -> kadermodel.Kader:
    """A one-thema, one-plateau kader around some bouwsteen lines."""
    return kadermodel.parse_kader(
        'kader proef { titel "Proef" }\n'
        + declarations
        + '\nthema t "T" {\n    plateau 1 {\n'
        + bouwstenen
        + "\n    }\n}\n",
        name,
    )


def truths_of(result: kadermodel.Assessment) -> dict[str, Truth]:
    return {qid.split(".", 1)[1]: r.truth for qid, r in result.bouwstenen.items()}


def completions(values: tuple[Truth, ...]) -> list[tuple[bool, ...]]:
    """Every two-valued reading of three-valued inputs (onbekend = could be either)."""
    options = [(True, False) if v is U else (v is T,) for v in values]
    return list(itertools.product(*options))


def supervaluation(outcomes: set[bool]) -> Truth:
    """waar/onwaar when every completion agrees, else onbekend."""
    if outcomes == {True}:
        return T
    if outcomes == {False}:
        return F
    return U


# ------------------------------------------------------------------ kadermodel.logic


def test_truth_is_shown_in_dutch() -> None:
    assert [str(t) for t in (T, F, U)] == ["waar", "onwaar", "onbekend"]
    assert [t.dutch for t in (T, F, U)] == ["waar", "onwaar", "onbekend"]
    assert (T.known, F.known, U.known) == (True, True, False)
    assert (Truth.of(True), Truth.of(False), Truth.of(None)) == (T, F, U)


@pytest.mark.parametrize("a", THREE)
def test_niet_table(a: Truth) -> None:
    assert not_(a) is NIET[a]
    assert ~a is NIET[a]


@pytest.mark.parametrize(("a", "b"), list(itertools.product(THREE, THREE)))
def test_en_and_of_tables(a: Truth, b: Truth) -> None:
    assert and_(a, b) is EN[a][b]
    assert or_(a, b) is OF[a][b]
    assert a & b is EN[a][b]
    assert a | b is OF[a][b]
    # Kleene's strong logic is the supervaluation over the unknowns, for single occurrences
    assert EN[a][b] is supervaluation({x and y for x, y in completions((a, b))})
    assert OF[a][b] is supervaluation({x or y for x, y in completions((a, b))})


def test_empty_en_is_waar_and_empty_of_is_onwaar() -> None:
    assert and_() is T
    assert or_() is F


@pytest.mark.parametrize("values", list(itertools.product(THREE, repeat=3)))
@pytest.mark.parametrize("k", [0, 1, 2, 3, 4])
def test_minstens_table(k: int, values: tuple[Truth, ...]) -> None:
    expected = supervaluation({sum(c) >= k for c in completions(values)})
    assert at_least(k, values) is expected


# ------------------------------------------------------------ compiled: niet, en, of, minstens

LOGIC = kader(
    "feit a: ja_nee\nfeit b: ja_nee\nfeit c: ja_nee\n",
    """
        bouwsteen pa "." als a
        bouwsteen niet_a "." als niet a
        bouwsteen niet_niet_a "." als niet niet a
        bouwsteen a_en_b "." als a en b
        bouwsteen a_of_b "." als a of b
        bouwsteen a_en_b_en_c "." als a en b en c
        bouwsteen a_of_b_of_c "." als a of b of c
        bouwsteen voorrang "." als niet a of b en c
        bouwsteen minstens_1 "." als minstens 1 van (a, b, c)
        bouwsteen minstens_2 "." als minstens 2 van (a, b, c)
        bouwsteen minstens_3 "." als minstens 3 van (a, b, c)
        bouwsteen a_is_waar "." als a = waar
        bouwsteen a_is_onwaar "." als a = onwaar
        bouwsteen a_niet_waar "." als a != waar
        bouwsteen a_is_b "." als a = b
        bouwsteen a_niet_b "." als a != b
    """,
)


@pytest.mark.parametrize("abc", list(itertools.product(THREE, repeat=3)), ids=str)
def test_compiled_logic_agrees_with_kadermodel_logic(abc: tuple[Truth, Truth, Truth]) -> None:
    a, b, c = abc
    facts = {"a": FACT_VALUES[a], "b": FACT_VALUES[b], "c": FACT_VALUES[c]}
    t = truths_of(kadermodel.assess(LOGIC, facts, dt.date(2024, 1, 1)))
    assert t["pa"] is a
    assert t["niet_a"] is not_(a) is NIET[a]
    assert t["niet_niet_a"] is a
    assert t["a_en_b"] is and_(a, b) is EN[a][b]
    assert t["a_of_b"] is or_(a, b) is OF[a][b]
    assert t["a_en_b_en_c"] is and_(a, b, c)
    assert t["a_of_b_of_c"] is or_(a, b, c)
    # niet binds tighter than en, en tighter than of
    assert t["voorrang"] is or_(not_(a), and_(b, c))
    for k in (1, 2, 3):
        assert t[f"minstens_{k}"] is at_least(k, (a, b, c))
    # comparing a ja_nee fact: unknown stays unknown
    known = a is not U
    assert t["a_is_waar"] is (Truth.of(a is T) if known else U)
    assert t["a_is_onwaar"] is (Truth.of(a is F) if known else U)
    assert t["a_niet_waar"] is (Truth.of(a is not T) if known else U)
    both = known and b is not U
    assert t["a_is_b"] is (Truth.of(a is b) if both else U)
    assert t["a_niet_b"] is (Truth.of(a is not b) if both else U)


# ------------------------------------------------------------------ compiled: comparisons

OPS = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
SCAN = ("geen", "sectoren", "breed")
PEIL = dt.date(2024, 6, 30)

COMPARE = kader(
    f"""feit n: aantal
feit m: aantal
feit kz: keuze({", ".join(SCAN)})
feit kz2: keuze({", ".join(SCAN)})
feit d: datum
feit e: datum
parameter p: aantal = 2
parameter ps: keuze({", ".join(SCAN)}) = sectoren
parameter pd: datum = 2024-06-01
""",
    "\n".join(
        line
        for i, op in enumerate(OPS)
        for line in (
            f'        bouwsteen n_c{i} "." als n {op} 2',
            f'        bouwsteen n_m{i} "." als n {op} m',
            f'        bouwsteen n_p{i} "." als n {op} p',
            f'        bouwsteen kz_c{i} "." als kz {op} sectoren',
            f'        bouwsteen kz_k{i} "." als kz {op} kz2',
            f'        bouwsteen kz_p{i} "." als kz {op} ps',
            f'        bouwsteen d_c{i} "." als d {op} 2024-06-01',
            f'        bouwsteen d_e{i} "." als d {op} e',
            f'        bouwsteen d_p{i} "." als d {op} pd',
        )
    ),
)
NUMBERS = (None, 1, 2, 3)
KEUZES = (None, *SCAN)
DATES = (None, dt.date(2024, 5, 31), dt.date(2024, 6, 1), dt.date(2024, 6, 2))


def expected_compare(op: str, left: object, right: object) -> Truth:
    if left is None or right is None:
        return U
    if isinstance(left, str):
        left, right = SCAN.index(left), SCAN.index(str(right))
    return Truth.of(OPS[op](left, right))


@pytest.mark.parametrize(("x", "y"), list(itertools.product(NUMBERS, NUMBERS)))
def test_aantal_comparisons_with_unknowns(x: int | None, y: int | None) -> None:
    t = truths_of(kadermodel.assess(COMPARE, {"n": x, "m": y}, PEIL))
    for i, op in enumerate(OPS):
        assert t[f"n_c{i}"] is expected_compare(op, x, 2), op
        assert t[f"n_m{i}"] is expected_compare(op, x, y), op
        assert t[f"n_p{i}"] is expected_compare(op, x, 2), op


@pytest.mark.parametrize(("x", "y"), list(itertools.product(KEUZES, KEUZES)))
def test_keuze_comparisons_follow_declaration_order(x: str | None, y: str | None) -> None:
    t = truths_of(kadermodel.assess(COMPARE, {"kz": x, "kz2": y}, PEIL))
    for i, op in enumerate(OPS):
        assert t[f"kz_c{i}"] is expected_compare(op, x, "sectoren"), op
        assert t[f"kz_k{i}"] is expected_compare(op, x, y), op
        assert t[f"kz_p{i}"] is expected_compare(op, x, "sectoren"), op


def test_keuze_order_is_declaration_order_not_alphabetical() -> None:
    # "breed" < "geen" alphabetically, but breed is declared last
    t = truths_of(kadermodel.assess(COMPARE, {"kz": "breed", "kz2": "geen"}, PEIL))
    assert t["kz_k5"] is T  # breed >= geen


@pytest.mark.parametrize(("x", "y"), list(itertools.product(DATES, DATES)))
def test_date_comparisons_with_unknowns(x: dt.date | None, y: dt.date | None) -> None:
    t = truths_of(kadermodel.assess(COMPARE, {"d": x, "e": y}, PEIL))
    day = dt.date(2024, 6, 1)
    for i, op in enumerate(OPS):
        assert t[f"d_c{i}"] is expected_compare(op, x, day), op
        assert t[f"d_e{i}"] is expected_compare(op, x, y), op
        assert t[f"d_p{i}"] is expected_compare(op, x, day), op


# ------------------------------------------------------- compiled: in, bevat, binnen, na, voor

MEMBERS = kader(
    f"""feit kz: keuze({", ".join(SCAN)})
feit vz: verzameling(x, y, z)
feit vz2: verzameling(x, y, z)
feit d: datum
feit e: datum
""",
    """
        bouwsteen in_twee "." als kz in (geen, breed)
        bouwsteen in_een "." als kz in (sectoren)
        bouwsteen alle_xy "." als vz bevat alle (x, y)
        bouwsteen een_van_xy "." als vz bevat een van (x, y)
        bouwsteen gelijk "." als vz = vz2
        bouwsteen ongelijk "." als vz != vz2
        bouwsteen na_dag "." als d na 2024-06-01
        bouwsteen voor_dag "." als d voor 2024-06-01
        bouwsteen na_e "." als d na e
        bouwsteen voor_e "." als d voor e
        bouwsteen binnen_30 "." als d binnen 30 dagen
    """,
)
SETS = (None, frozenset(), frozenset("x"), frozenset("xy"), frozenset("yz"), frozenset("xyz"))


@pytest.mark.parametrize("x", KEUZES)
def test_in_with_unknown(x: str | None) -> None:
    t = truths_of(kadermodel.assess(MEMBERS, {"kz": x}, PEIL))
    assert t["in_twee"] is (U if x is None else Truth.of(x in ("geen", "breed")))
    assert t["in_een"] is (U if x is None else Truth.of(x == "sectoren"))


@pytest.mark.parametrize(("s", "s2"), list(itertools.product(SETS, SETS)))
def test_bevat_with_unknown(s: frozenset[str] | None, s2: frozenset[str] | None) -> None:
    t = truths_of(kadermodel.assess(MEMBERS, {"vz": s, "vz2": s2}, PEIL))
    assert t["alle_xy"] is (U if s is None else Truth.of({"x", "y"} <= s))
    assert t["een_van_xy"] is (U if s is None else Truth.of(bool({"x", "y"} & s)))
    assert t["gelijk"] is (U if s is None or s2 is None else Truth.of(s == s2))
    assert t["ongelijk"] is (U if s is None or s2 is None else Truth.of(s != s2))


@pytest.mark.parametrize(("d", "e"), list(itertools.product(DATES, DATES)))
def test_na_voor_binnen_with_unknown(d: dt.date | None, e: dt.date | None) -> None:
    peil = dt.date(2024, 7, 1)
    t = truths_of(kadermodel.assess(MEMBERS, {"d": d, "e": e}, peil))
    day = dt.date(2024, 6, 1)
    assert t["na_dag"] is (U if d is None else Truth.of(d > day))
    assert t["voor_dag"] is (U if d is None else Truth.of(d < day))
    assert t["na_e"] is (U if d is None or e is None else Truth.of(d > e))
    assert t["voor_e"] is (U if d is None or e is None else Truth.of(d < e))
    assert t["binnen_30"] is (U if d is None else Truth.of(peil - dt.timedelta(30) <= d <= peil))


# ------------------------------------------------------------------ dates: binnen and the peildatum

WINDOWS = kader(
    "feit d: datum\n",
    """
        bouwsteen dag0 "." als d binnen 0 dagen
        bouwsteen dag1 "." als d binnen 1 dag
        bouwsteen week2 "." als d binnen 2 weken
        bouwsteen maand1 "." als d binnen 1 maand
        bouwsteen maand12 "." als d binnen 12 maanden
        bouwsteen jaar1 "." als d binnen 1 jaar
        bouwsteen jaren2 "." als d binnen 2 jaren
    """,
)


@pytest.mark.parametrize(
    ("peildatum", "bouwsteen", "first_day"),
    [
        (dt.date(2024, 6, 30), "dag0", dt.date(2024, 6, 30)),
        (dt.date(2024, 6, 30), "dag1", dt.date(2024, 6, 29)),
        (dt.date(2024, 6, 30), "week2", dt.date(2024, 6, 16)),
        (dt.date(2024, 6, 30), "maand1", dt.date(2024, 5, 30)),
        # a month back from the 31st of March is the last day of February (leap year)
        (dt.date(2024, 3, 31), "maand1", dt.date(2024, 2, 29)),
        (dt.date(2023, 3, 31), "maand1", dt.date(2023, 2, 28)),
        (dt.date(2024, 1, 15), "maand1", dt.date(2023, 12, 15)),
        (dt.date(2024, 6, 30), "maand12", dt.date(2023, 6, 30)),
        (dt.date(2024, 6, 30), "jaar1", dt.date(2023, 6, 30)),
        (dt.date(2024, 2, 29), "jaar1", dt.date(2023, 2, 28)),
        (dt.date(2024, 2, 29), "jaren2", dt.date(2022, 2, 28)),
    ],
)
def test_binnen_counts_back_from_the_peildatum_inclusive(
    peildatum: dt.date, bouwsteen: str, first_day: dt.date
) -> None:
    one = dt.timedelta(days=1)
    cases = {
        first_day - one: F,  # just outside the window
        first_day: T,  # the first day of the window counts
        peildatum: T,  # so does the peildatum itself
        peildatum + one: F,  # a date after the peildatum is not "within"
    }
    for day, expected in cases.items():
        result = kadermodel.assess(WINDOWS, {"d": day}, peildatum)
        assert truths_of(result)[bouwsteen] is expected, (day, expected)


def test_month_arithmetic_matches_maanden_and_jaar() -> None:
    for peildatum in (dt.date(2024, 2, 29), dt.date(2025, 12, 31), dt.date(2024, 8, 31)):
        for day in (peildatum - dt.timedelta(days=n) for n in range(360, 372)):
            t = truths_of(kadermodel.assess(WINDOWS, {"d": day}, peildatum))
            assert t["maand12"] is t["jaar1"], (peildatum, day)


# ------------------------------------------------------------------ plateaus and ranges

PLATEAUS = kadermodel.parse_kader(
    """
kader proef { titel "Proef" }
feit a: ja_nee
feit b: ja_nee
feit c: ja_nee
feit x: ja_nee
thema drie "Drie plateaus" {
    plateau 1 { bouwsteen p1 "." als a }
    plateau 2 { bouwsteen p2 "." als b  bouwsteen p2b "." als x }
    plateau 3 { bouwsteen p3 "." als c }
}
thema enkel "Een plateau" {
    plateau 1 { bouwsteen q "." als a }
}
thema leent "Leent van een ander thema" {
    plateau 1 { bouwsteen r "." als drie.p2 }
}
"""
)


def plateau(values: dict[str, bool | None], thema: str = "drie") -> tuple[int, int]:
    result = kadermodel.assess(PLATEAUS, values, PEIL).themas[thema].plateau
    return result.low, result.high


@pytest.mark.parametrize(
    ("a", "b", "c", "expected"),
    [
        (True, True, True, (3, 3)),
        (True, True, False, (2, 2)),
        (True, False, True, (1, 1)),  # plateaus are cumulative: 3 needs 2
        (False, True, True, (0, 0)),
        (True, True, None, (2, 3)),
        (True, None, True, (1, 3)),
        (True, None, False, (1, 2)),
        (None, True, True, (0, 3)),
        (None, False, True, (0, 1)),
        (None, None, None, (0, 3)),
        (False, None, None, (0, 0)),
    ],
)
def test_plateau_range(
    a: bool | None, b: bool | None, c: bool | None, expected: tuple[int, int]
) -> None:
    assert plateau({"a": a, "b": b, "c": c, "x": True}) == expected


def test_every_bouwsteen_of_a_plateau_counts() -> None:
    assert plateau({"a": True, "b": True, "c": True, "x": False}) == (1, 1)
    assert plateau({"a": True, "b": True, "c": True, "x": None}) == (1, 3)


def test_single_plateau_thema_tops_out_at_one() -> None:
    assert plateau({"a": True}, "enkel") == (1, 1)
    assert plateau({"a": False}, "enkel") == (0, 0)
    assert plateau({}, "enkel") == (0, 1)


def test_a_bouwsteen_can_use_a_bouwsteen_of_another_thema() -> None:
    assert plateau({"b": True}, "leent") == (1, 1)
    assert plateau({"b": False}, "leent") == (0, 0)
    assert plateau({"b": None}, "leent") == (0, 1)


def test_vereist_means_the_required_bouwsteen_holds_too() -> None:
    k = kader(
        "feit a: ja_nee\nfeit b: ja_nee\n",
        '        bouwsteen basis "." als a\n        bouwsteen verder "." vereist basis als b\n',
    )
    for a, b in itertools.product(THREE, THREE):
        t = truths_of(kadermodel.assess(k, {"a": FACT_VALUES[a], "b": FACT_VALUES[b]}, PEIL))
        assert t["verder"] is and_(a, b)


def test_plateau_range_object() -> None:
    assert PlateauRange(1, 1).decided
    assert not PlateauRange(0, 2).decided
    assert str(PlateauRange(1, 1)) == "1"
    assert str(PlateauRange(0, 2)) == "minimaal 0, mogelijk 2"
    assert PlateauRange(1, 2) == PlateauRange(1, 2)


def test_assessment_results() -> None:
    result = kadermodel.assess(PLATEAUS, {"a": True, "b": None}, PEIL)
    assert result.peildatum == PEIL
    assert list(result.themas) == ["drie", "enkel", "leent"]
    drie = result.themas["drie"]
    assert (drie.id, drie.title, drie.top) == ("drie", "Drie plateaus", 3)
    assert drie.plateau == PlateauRange(1, 3) == result.plateau("drie")
    assert list(result.bouwstenen) == list(PLATEAUS.bouwstenen)
    p1 = result.bouwstenen["drie.p1"]
    assert (p1.id, p1.truth) == ("drie.p1", T)
    assert p1.bouwsteen is PLATEAUS.bouwstenen["drie.p1"]
    assert result.truth("drie.p2") is U
    assert [Truth(t) for t in result.truths] == [r.truth for r in result.bouwstenen.values()]
    assert result.ranges == (1, 3, 1, 1, 0, 1)
    with pytest.raises(KeyError):
        result.themas["geen_thema"]
    with pytest.raises(KeyError):
        result.bouwstenen["drie.geen"]


def test_progress_counts_each_plateau_apart_from_the_cumulative_plateau() -> None:
    from kadermodel import PlateauProgress, ThemaProgress

    # plateau 2 half done (b yes, x no) while plateau 3 holds: the range says 1, the
    # progress shows what is in place on the higher plateaus
    result = kadermodel.assess(PLATEAUS, {"a": True, "b": True, "x": False, "c": True}, PEIL)
    assert result.themas["drie"].plateau == PlateauRange(1, 1)
    drie = result.progress["drie"]
    assert drie == ThemaProgress(
        "drie",
        (PlateauProgress(1, 1, 0, 0), PlateauProgress(2, 1, 1, 0), PlateauProgress(3, 1, 0, 0)),
    )
    assert drie.top == 3
    assert [p.total for p in drie.plateaus] == [1, 2, 1]
    assert [p.complete for p in drie.plateaus] == [True, False, True]
    assert list(result.progress) == ["drie", "enkel", "leent"]
    assert result.progress["enkel"].top == 1
    unknown = kadermodel.assess(PLATEAUS, {"a": True}, PEIL).progress["drie"].plateaus
    assert unknown[1] == PlateauProgress(2, 0, 0, 2)
    assert unknown[1].unknown == 2 and not unknown[1].complete
    with pytest.raises(KeyError):
        result.progress["geen_thema"]


def test_progress_agrees_with_the_truths_for_every_fact_combination() -> None:
    for values in itertools.product((True, False, None), repeat=4):
        facts = dict(zip(("a", "b", "c", "x"), values, strict=True))
        result = kadermodel.assess(PLATEAUS, facts, PEIL)
        for tid, thema in PLATEAUS.themas.items():
            for counts, plateau_ in zip(result.progress[tid].plateaus, thema.plateaus, strict=True):
                truths = [result.truth(q) for q in plateau_.bouwstenen]
                assert counts.number == plateau_.number
                assert (counts.met, counts.not_met, counts.unknown) == (
                    truths.count(T),
                    truths.count(F),
                    truths.count(U),
                )


def test_parameters_are_constants_in_conditions() -> None:
    k = kader(
        "feit n: aantal\nparameter drempel: aantal = 3\nparameter aan: ja_nee = waar\n",
        '        bouwsteen genoeg "." als n >= drempel\n        bouwsteen altijd "." als aan\n',
    )
    for n in (None, 2, 3, 4):
        t = truths_of(kadermodel.assess(k, {"n": n}, PEIL))
        assert t["genoeg"] is (U if n is None else Truth.of(n >= 3))
        assert t["altijd"] is T
