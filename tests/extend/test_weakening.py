"""The weakening check agrees with brute force, in both directions, and its counter-examples
really satisfy the new rule and not the old one.

Brute force (see ``extend_support``) enumerates every value in a wide range and evaluates with
the compiled plan; it never uses :mod:`kadermodel.engine.abstraction`.
"""

from __future__ import annotations

import pytest
from extend_support import (
    HEADER,
    KEUZE,
    PEILDATUM,
    SET,
    assignments,
    brute_weaker,
    conditions,
    fact_subsets,
    truths,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel as k
from kadermodel import model as m
from kadermodel.extend.apply import apply_text, build
from kadermodel.extend.weakening import Change, check, counterexample, inline
from kadermodel.language import ast
from kadermodel.language.syntax import parse_source


def _kader(bouwstenen: dict[str, str]) -> k.Kader:
    body = "\n".join(
        f'        bouwsteen {name} "{name}." als {cond}' for name, cond in bouwstenen.items()
    )
    return k.parse_kader(HEADER + f'thema t "T" {{\n    plateau 1 {{\n{body}\n    }}\n}}\n')


def _rule(kader: k.Kader, qid: str) -> m.Cond:
    rules = {q: b.full_condition for q, b in kader.bouwstenen.items()}
    params = {n: p.value for n, p in kader.parameters.items()}
    return inline(m.BouwsteenIs(qid), rules, params)


def _holds(kader: k.Kader, example: dict[str, object], qid: str) -> k.Truth:
    return truths(kader, example)[qid]


# ------------------------------------------------------------------ the core search


@settings(max_examples=120)
@given(st.data())
def test_counterexample_agrees_with_brute_force(data: st.DataObject) -> None:
    names = data.draw(fact_subsets(), label="facts")
    aux = data.draw(conditions(names), label="hulp")
    old_text = data.draw(conditions(names, ["hulp"]), label="oud")
    new_text = data.draw(conditions(names, ["hulp"]), label="nieuw")
    kader = _kader({"hulp": aux, "oud": old_text, "nieuw": new_text})
    old, new = _rule(kader, "t.oud"), _rule(kader, "t.nieuw")
    for a, b, qa, qb in ((old, new, "t.oud", "t.nieuw"), (new, old, "t.nieuw", "t.oud")):
        found = counterexample(a, b, kader, PEILDATUM)
        brute = None
        for values in assignments(names):
            result = truths(kader, values)
            if result[qb] is k.Truth.TRUE and result[qa] is k.Truth.FALSE:
                brute = values
                break
        assert (found is None) == (brute is None), (found, brute)
        if found is not None:
            assert _holds(kader, found, qb) is k.Truth.TRUE
            assert _holds(kader, found, qa) is k.Truth.FALSE


def test_same_rule_is_never_weaker(bundled: k.Kader) -> None:
    for qid in bundled.bouwstenen:
        rule = _rule(bundled, qid)
        assert counterexample(rule, rule, bundled, PEILDATUM) is None


def test_chains_of_compared_facts_are_exact() -> None:
    """a > b > c >= 10 needs a >= 12: every fact of the chain shares the thresholds."""
    kader = k.parse_kader(
        'kader c { titel "C" }\nfeit j: ja_nee\nfeit a: aantal\nfeit b: aantal\nfeit c: aantal\n'
        'thema t "T" { plateau 1 {\n'
        '  bouwsteen oud "O." als j\n'
        '  bouwsteen nieuw "N." als j of (a > b en b > c en c >= 10)\n'
        "} }\n"
    )
    found = counterexample(_rule(kader, "t.oud"), _rule(kader, "t.nieuw"), kader, PEILDATUM)
    assert found is not None
    a, b, c = found["a"], found["b"], found["c"]
    assert isinstance(a, int) and isinstance(b, int) and isinstance(c, int)
    assert a > b > c >= 10
    assert k.assess(kader, found, PEILDATUM).truth("t.nieuw") is k.Truth.TRUE
    assert k.assess(kader, found, PEILDATUM).truth("t.oud") is k.Truth.FALSE


@pytest.mark.parametrize(
    ("old", "new", "weaker"),
    [
        ("s = vp", "s bevat alle (v1, v2)", True),
        ("s bevat alle (v1, v2)", "s = vp", False),
        ("s = t", "s bevat alle (v1) en t bevat alle (v1)", True),
        ("s bevat alle (v1) en t bevat alle (v1)", "s = t en s bevat alle (v1)", False),
        ("s != t", "s bevat een van (v5) en niet t bevat een van (v5)", False),
        ("s bevat een van (v1, v2) en s != vp", "s bevat een van (v1, v2)", True),
        ("s bevat alle (v7, v8) en niet s bevat een van (v1)", "s bevat alle (v7)", True),
    ],
)
def test_large_verzameling_types_are_exact(old: str, new: str, weaker: bool) -> None:
    values = ", ".join(f"v{i}" for i in range(1, 9))
    kader = k.parse_kader(
        f'kader v {{ titel "V" }}\nfeit s: verzameling({values})\nfeit t: verzameling({values})\n'
        f"parameter vp: verzameling({values}) = (v1, v2, v3)\n"
        f'thema x "X" {{ plateau 1 {{\n  bouwsteen oud "O." als {old}\n'
        f'  bouwsteen nieuw "N." als {new}\n}} }}\n'
    )
    found = counterexample(_rule(kader, "x.oud"), _rule(kader, "x.nieuw"), kader, PEILDATUM)
    assert (found is not None) == weaker
    if found is not None:
        result = k.assess(kader, found, PEILDATUM)
        assert result.truth("x.nieuw") is k.Truth.TRUE
        assert result.truth("x.oud") is k.Truth.FALSE


# ------------------------------------------------------------------ through an uitbreiding


def _base(aux: str, old: str) -> k.Kader:
    return _kader({"hulp": aux, "b": old})


def _check_extension(base: k.Kader, text: str, names: list[str]) -> None:
    """The findings, the error and the counter-examples against brute force."""
    tree = parse_source(text, "regio.kader")
    assert isinstance(tree, ast.UitbreidingFile)
    applied = build(base, tree, text)
    findings = check(base, applied.kader, applied.changes, peildatum=PEILDATUM)
    weakened = {w.bouwsteen: w for f in findings for w in f.weakened}
    for qid in base.bouwstenen:
        brute = brute_weaker(base, applied.kader, qid, names)
        assert (qid in weakened) == (brute is not None), (qid, brute)
        if qid in weakened:
            example = dict(weakened[qid].counterexample)
            assert _holds(applied.kader, example, qid) is k.Truth.TRUE
            assert _holds(base, example, qid) is k.Truth.FALSE
    if weakened:
        with pytest.raises(k.ExtensionError) as caught:
            apply_text(base, text, "regio.kader", peildatum=PEILDATUM)
        assert {d.code for d in caught.value.diagnostics} == {"E140"}
    else:
        extended = apply_text(base, text, "regio.kader", peildatum=PEILDATUM)
        assert extended.warnings == ()


@settings(max_examples=40)
@given(st.data())
def test_vervang_error_iff_brute_force_finds_weaker(data: st.DataObject) -> None:
    names = data.draw(fact_subsets(), label="facts")
    aux = data.draw(conditions(names), label="hulp")
    old = data.draw(conditions(names, ["hulp"]), label="oud")
    new = data.draw(conditions(names, ["hulp"]), label="nieuw")
    text = f"uitbreiding regio op klein {{\n    vervang t.b als {new}\n}}\n"
    _check_extension(_base(aux, old), text, names)


PARAMETER_VALUES = {
    "p": st.integers(0, 6).map(str),
    "q": st.sampled_from(KEUZE),
    "vp": st.lists(st.sampled_from(SET), unique=True).map(lambda v: f"({', '.join(v)})"),
    "dp": st.dates(PEILDATUM.replace(month=2, day=12), PEILDATUM).map(lambda d: d.isoformat()),
    "jp": st.sampled_from(["waar", "onwaar"]),
}
PARAMETER_ATOMS = {
    "p": ["n1 >= p", "n1 < p", "n2 = p"],
    "q": ["k1 >= q", "k1 != q"],
    "vp": ["s1 = vp", "s2 != vp"],
    "dp": ["d1 na dp", "d2 voor dp"],
    "jp": ["j1 = jp", "j2 != jp"],
}
PARAMETER_FACTS = {"p": ["n1", "n2"], "q": ["k1"], "vp": ["s1", "s2"], "dp": ["d1", "d2"]}


@settings(max_examples=40)
@given(st.data())
def test_parameter_change_error_iff_brute_force_finds_weaker(data: st.DataObject) -> None:
    param = data.draw(st.sampled_from(sorted(PARAMETER_VALUES)), label="parameter")
    facts = PARAMETER_FACTS.get(param, ["j1", "j2"])
    names = sorted(set(facts) | set(data.draw(fact_subsets(), label="facts")[:1]))
    atoms = PARAMETER_ATOMS[param]
    aux = data.draw(conditions(names, atoms), label="hulp")
    old = data.draw(conditions(names, [*atoms, "hulp"]), label="oud")
    value = data.draw(PARAMETER_VALUES[param], label="waarde")
    text = f"uitbreiding regio op klein {{\n    parameter {param} = {value}\n}}\n"
    _check_extension(_base(aux, old), text, names)


def test_check_reports_each_change_on_its_own() -> None:
    base = _base("j1", "hulp en n1 >= p")
    text = "uitbreiding r op klein {\n vervang t.hulp als j1 of j2\n parameter p = 5\n}\n"
    tree = parse_source(text, "r.kader")
    assert isinstance(tree, ast.UitbreidingFile)
    applied = build(base, tree, text)
    findings = check(base, applied.kader, applied.changes, peildatum=PEILDATUM)
    assert [f.change.kind if f.change else None for f in findings] == ["vervang", "parameter"]
    assert [w.bouwsteen for w in findings[0].weakened] == ["t.hulp", "t.b"]
    assert findings[1].weakened == ()
    assert isinstance(findings[0].change, Change)
