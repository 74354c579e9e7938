"""Syntax tree -> checked Kader (kadermodel.language.checks): resolution, types, collected problems.

The exact wording of every message is pinned by the golden files (test_golden_errors.py);
here we check what the checks *decide*: what a name resolves to, which problems are found,
in which order, and with which error class.
"""

from __future__ import annotations

import datetime as dt

import pytest

import kadermodel
from kadermodel import model as m
from kadermodel.errors import KaderCompileError, KaderCycleError, KaderError, suggest

DECLARATIONS = """
kader proef { titel "Proef" uitgever "Wij" versie "1" omschrijving "Een proef." }
feit a: ja_nee vraag "A?" bron "bron A" toelichting "uitleg A"
feit b: ja_nee
feit n: aantal
feit k: keuze(laag, midden, hoog)
feit s: verzameling(x, y, z)
feit d: datum
parameter drempel: aantal = 2 bron "Kader, punt 1"
parameter stand: keuze(laag, midden, hoog) = midden
parameter soorten: verzameling(x, y, z) = (x, z)
parameter dag: datum = 2024-01-31
parameter aan: ja_nee = waar
"""


def compile_(body: str, declarations: str = DECLARATIONS) -> kadermodel.Kader:
    return kadermodel.parse_kader(declarations + body, "proef.kader")


def one_condition(text: str) -> m.Cond | None:
    kader = compile_(f'thema t "T" {{ plateau 1 {{ bouwsteen b "." als {text} }} }}')
    return kader.bouwstenen["t.b"].condition


def problems(body: str, declarations: str = DECLARATIONS) -> KaderError:
    with pytest.raises(KaderError) as caught:
        compile_(body, declarations)
    return caught.value


def codes(error: KaderError) -> list[str]:
    return [d.code for d in error.diagnostics]


# ------------------------------------------------------------------ the model


def test_declarations_become_the_model() -> None:
    kader = compile_('thema t "T" { plateau 1 { bouwsteen b "Tekst." bron "B" als a } }')
    assert kader.id == "proef"
    assert kader.title == "Proef"
    assert dict(kader.meta) == {
        "titel": "Proef",
        "uitgever": "Wij",
        "versie": "1",
        "omschrijving": "Een proef.",
    }
    assert list(kader.feiten) == ["a", "b", "n", "k", "s", "d"]
    a = kader.feiten["a"]
    assert (a.vraag, a.bron, a.toelichting) == ("A?", "bron A", "uitleg A")
    assert kader.feiten["k"].type == m.FactType("keuze", ("laag", "midden", "hoog"))
    assert str(kader.feiten["s"].type) == "verzameling(x, y, z)"
    values = {name: p.value for name, p in kader.parameters.items()}
    assert values == {
        "drempel": 2,
        "stand": "midden",
        "soorten": frozenset({"x", "z"}),
        "dag": dt.date(2024, 1, 31),
        "aan": True,
    }
    assert kader.parameters["drempel"].bron == "Kader, punt 1"
    b = kader.bouwstenen["t.b"]
    assert (b.id, b.thema, b.name, b.plateau, b.text, b.bron) == ("t.b", "t", "b", 1, "Tekst.", "B")
    assert b.herkomst[0].action == "gedefinieerd"
    assert b.herkomst[0].source == "proef"
    assert kader.sources["proef.kader"].startswith("\nkader proef")


def test_thema_plateaus_and_ids() -> None:
    kader = compile_(
        """
thema t "Een thema" {
    plateau 1 { bouwsteen b "." als a  bouwsteen c "." als b }
    plateau 2 "Verder" { bouwsteen e "." als a }
}
thema u "Ander thema" { plateau 1 { bouwsteen b "." als a } }
"""
    )
    assert list(kader.themas) == ["t", "u"]
    t = kader.themas["t"]
    assert (t.title, t.top) == ("Een thema", 2)
    assert [(p.number, p.title, p.bouwstenen) for p in t.plateaus] == [
        (1, None, ("t.b", "t.c")),
        (2, "Verder", ("t.e",)),
    ]
    # the same bouwsteen name may be used in two thema's
    assert list(kader.bouwstenen) == ["t.b", "t.c", "t.e", "u.b"]
    assert kader.bouwstenen["t.e"].plateau == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", m.FactIs("a")),
        ("aan", m.ParamIs("aan")),
        ("niet a", m.Not(m.FactIs("a"))),
        ("a en b", m.And((m.FactIs("a"), m.FactIs("b")))),
        ("a of b", m.Or((m.FactIs("a"), m.FactIs("b")))),
        ("minstens 1 van (a, b)", m.AtLeast(1, (m.FactIs("a"), m.FactIs("b")))),
        (
            "n >= drempel",
            m.Compare(m.FactOperand("n"), ">=", m.ParamOperand("drempel"), m.FactType("aantal")),
        ),
        ("n < 3", m.Compare(m.FactOperand("n"), "<", m.Const(3), m.FactType("aantal"))),
        (
            "a = waar",
            m.Compare(m.FactOperand("a"), "=", m.Const(True), m.FactType("ja_nee")),
        ),
        (
            "a != b",
            m.Compare(m.FactOperand("a"), "!=", m.FactOperand("b"), m.FactType("ja_nee")),
        ),
        (
            "k >= midden",
            m.Compare(
                m.FactOperand("k"),
                ">=",
                m.Const("midden"),
                m.FactType("keuze", ("laag", "midden", "hoog")),
            ),
        ),
        (
            "d na 2024-02-29",
            m.Compare(m.FactOperand("d"), "na", m.Const(dt.date(2024, 2, 29)), m.FactType("datum")),
        ),
        (
            "d voor dag",
            m.Compare(m.FactOperand("d"), "voor", m.ParamOperand("dag"), m.FactType("datum")),
        ),
        (
            "s = soorten",
            m.Compare(
                m.FactOperand("s"),
                "=",
                m.ParamOperand("soorten"),
                m.FactType("verzameling", ("x", "y", "z")),
            ),
        ),
        ("k in (laag, hoog)", m.Member("k", "in", ("laag", "hoog"))),
        ("s bevat alle (x, y)", m.Member("s", "alle", ("x", "y"))),
        ("s bevat een van (z)", m.Member("s", "een", ("z",))),
        ("d binnen 12 maanden", m.Within("d", 12, "maand")),
    ],
)
def test_conditions_resolve(text: str, expected: m.Cond) -> None:
    assert one_condition(text) == expected


def test_bouwsteen_references_resolve_locally_and_across_thema_s() -> None:
    kader = compile_(
        """
thema t "T" {
    plateau 1 {
        bouwsteen basis "." als a
        bouwsteen verder "." vereist basis als u.elders en basis
        bouwsteen later "." vereist t.verder, u.elders
    }
}
thema u "U" { plateau 1 { bouwsteen elders "." als b } }
"""
    )
    verder = kader.bouwstenen["t.verder"]
    assert verder.requires == ("t.basis",)
    assert verder.condition == m.And((m.BouwsteenIs("u.elders"), m.BouwsteenIs("t.basis")))
    assert verder.depends_on == ("t.basis", "u.elders")
    assert verder.full_condition == m.And(
        (m.BouwsteenIs("t.basis"), m.And((m.BouwsteenIs("u.elders"), m.BouwsteenIs("t.basis"))))
    )
    later = kader.bouwstenen["t.later"]
    assert later.requires == ("t.verder", "u.elders")
    assert later.condition is None
    assert later.full_condition == m.And((m.BouwsteenIs("t.verder"), m.BouwsteenIs("u.elders")))


def test_vereist_prefers_the_bouwsteen_when_a_fact_has_the_same_name() -> None:
    kader = compile_(
        'thema t "T" { plateau 1 { bouwsteen a "." als a  bouwsteen c "." vereist a als b } }'
    )
    assert kader.bouwstenen["t.a"].condition == m.FactIs("a")  # in a condition: the fact
    assert kader.bouwstenen["t.c"].requires == ("t.a",)  # after vereist: the bouwsteen


def test_a_stelling_may_use_plateau() -> None:
    kader = compile_(
        'thema t "T" { plateau 1 { bouwsteen b "." als a } }\n'
        'stelling basis "Basis": plateau(t) >= 1 en a\n'
    )
    stelling = kader.stellingen["basis"]
    assert stelling.text == "Basis"
    assert stelling.condition == m.And((m.PlateauAtLeast("t", ">=", 1), m.FactIs("a")))


# ------------------------------------------------------------------ problems


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ('thema t "T" { plateau 1 { bouwsteen b "." als onbekend_feit } }', "K202"),
        ('thema t "T" { plateau 1 { bouwsteen b "." vereist nergens als a } }', "K202"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als u.nergens } }', "K202"),
        ('thema t "T" { plateau 1 { bouwsteen b "." vereist a als a } }', "K309"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als n } }', "K301"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als s } }', "K301"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als n = waar } }', "K302"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als n = d } }', "K302"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als n = laag } }', "K302"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als d = 3 } }', "K302"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als k = groot } }', "K303"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als k in (laag, groot) } }', "K303"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als s bevat alle (x, w) } }', "K303"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als k bevat alle (laag) } }', "K305"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als s in (x) } }', "K305"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als n binnen 2 jaar } }', "K305"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als drempel binnen 2 jaar } }', "K305"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als n na 2024-01-01 } }', "K305"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als minstens 0 van (a, b) } }', "K307"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als minstens 3 van (a, b) } }', "K307"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als plateau(t) >= 1 } }', "K308"),
        (
            'thema t "T" { plateau 1 { bouwsteen b "." als a } }\nstelling x: plateau(v) >= 1',
            "K202",
        ),
        (
            'thema t "T" { plateau 1 { bouwsteen b "." als a } }\nstelling x: plateau(t) >= 2',
            "K308",
        ),
        (
            'thema t "T" { plateau 1 { bouwsteen bb "." als a  bouwsteen c "." als n = bb } }',
            "K309",
        ),
        (
            'thema t "T" { plateau 1 { bouwsteen bb "." als a  bouwsteen c "." als bb = 1 } }',
            "K309",
        ),
        ('thema t "T" { plateau 1 { bouwsteen b "." als a >= b } }', "K310"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als s < soorten } }', "K310"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als k in (laag, laag) } }', "K201"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als a  bouwsteen b "." als a } }', "K201"),
        ('thema t "T" { plateau 1 { bouwsteen b "." als a } }\nthema t "U" { }', "K201"),
        ("feit a: aantal", "K201"),
        ("parameter a: aantal = 1", "K201"),
        ('thema t "T" { plateau 2 { bouwsteen b "." als a } }', "K204"),
        ('thema t "T" { }', "K205"),
        ('thema t "T" { plateau 1 { } }', "K206"),
        ('thema t { plateau 1 { bouwsteen b "." als a } }', "K207"),
        ('thema t "T" { plateau 1 { bouwsteen b "." } }', "K208"),
        ("feit e: keuze(x, x)", "K209"),
        ("parameter p: aantal = laag", "K306"),
        ("parameter p: ja_nee = 1", "K306"),
        ("parameter p: datum = 3", "K306"),
        ("parameter p: keuze(x, y) = z", "K306"),
        ("parameter p: verzameling(x, y) = (x, w)", "K306"),
        ("parameter p: verzameling(x, y) = x", "K306"),
    ],
)
def test_problem_codes(body: str, code: str) -> None:
    error = problems(body)
    assert isinstance(error, KaderCompileError)
    assert code in codes(error), str(error)
    assert all(d.span is not None and d.span.file == "proef.kader" for d in error.diagnostics)
    assert error.__cause__ is None


def test_unknown_kopveld() -> None:
    error = problems("", 'kader x { titel "X" uitgevr "Y" }\n')
    assert codes(error) == ["K203"]
    assert error.first.suggestion == "uitgever"


def test_duplicate_kopveld() -> None:
    assert codes(problems("", 'kader x { titel "X" titel "Y" }\n')) == ["K201"]


def test_unknown_names_get_suggestions_from_the_right_candidates() -> None:
    error = problems(
        'thema t "T" { plateau 1 { bouwsteen basis "." als a  bouwsteen c "." als bassis } }'
    )
    assert error.first.suggestion == "basis"
    error = problems('thema t "T" { plateau 1 { bouwsteen b "." als k = hoogg } }')
    assert error.first.suggestion == "hoog"
    error = problems('thema t "T" { plateau 1 { bouwsteen b "." vereist t.bb als a } }')
    assert error.first.suggestion == "t.b"


def test_every_problem_is_reported_in_source_order() -> None:
    error = problems(
        """
feit n: ja_nee
thema t "T" {
    plateau 1 {
        bouwsteen b "." als onbekend
        bouwsteen c "." als a >= waar
    }
    plateau 3 { bouwsteen e "." als a }
}
"""
    )
    assert isinstance(error, KaderCompileError)
    assert codes(error) == ["K201", "K202", "K310", "K204"]
    lines = [d.span.line for d in error.diagnostics if d.span]
    assert lines == sorted(lines)


def test_cycles_are_reported_with_the_other_problems_in_one_run() -> None:
    cycle = (
        'thema t "T" { plateau 1 {'
        ' bouwsteen b "." vereist c als a  bouwsteen c "." vereist b als a } }'
    )
    error = problems(cycle)
    assert type(error) is KaderCycleError
    assert codes(error) == ["K401"]
    assert "t.b -> t.c -> t.b" in error.first.message
    mixed = problems(cycle + '\nthema u "U" { plateau 1 { bouwsteen x "." als onbekend } }')
    assert type(mixed) is KaderCompileError
    assert codes(mixed) == ["K401", "K202"]


def test_every_cycle_is_named_once_in_order() -> None:
    error = problems(
        """
thema t "T" {
    plateau 1 {
        bouwsteen a1 "." als t.a2
        bouwsteen a2 "." als a1 en a
        bouwsteen los "." als a
        bouwsteen c1 "." vereist c2
        bouwsteen c2 "." vereist u.c3
        bouwsteen zelf "." als zelf
    }
}
thema u "U" { plateau 1 { bouwsteen c3 "." als t.c1 of b } }
"""
    )
    assert type(error) is KaderCycleError
    messages = [d.message.split(": ", 1)[1] for d in error.diagnostics]
    assert messages == [
        "t.a1 -> t.a2 -> t.a1",
        "t.c1 -> t.c2 -> u.c3 -> t.c1",
        "t.zelf -> t.zelf",
    ]


def test_suggest() -> None:
    assert suggest("meldrute", ["meldroute", "training"]) == "meldroute"
    assert suggest("xyz", ["meldroute", "training"]) is None
    assert suggest("a", []) is None
