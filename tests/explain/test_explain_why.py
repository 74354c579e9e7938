"""explain: the reasons fix the truth, are minimal, and name only the facts they should."""

from __future__ import annotations

import datetime as dt

import pytest
from explain_support import EXAMPLES, PEILDATUM, examples, kader_and_facts
from hypothesis import given, settings

import kadermodel as k
from kadermodel import model as m
from kadermodel.engine.interpret import Environment, Trace, trace
from kadermodel.explanation.why import Explanation, condition_text, explain, support
from kadermodel.logic import Truth, and_, at_least, not_, or_
from kadermodel.report.explanation import explanation_text
from kadermodel.testing.strategies import facts

BUNDLED = k.bundled_kader()


def masked(tr: Trace, keep: set[tuple[int, ...]], path: tuple[int, ...] = ()) -> Truth:
    """The truth of a traced condition when only the leaves at ``keep`` are known."""
    cond = tr.cond
    if isinstance(cond, m.Not):
        return not_(masked(tr.children[0], keep, (*path, 0)))
    if isinstance(cond, m.And | m.Or | m.AtLeast):
        parts = [masked(c, keep, (*path, i)) for i, c in enumerate(tr.children)]
        if isinstance(cond, m.And):
            return and_(*parts)
        if isinstance(cond, m.Or):
            return or_(*parts)
        return at_least(cond.count, parts)
    return tr.truth if path in keep else Truth.UNKNOWN


def check_support(tr: Trace) -> None:
    literals = support(tr)
    paths = {lit.path for lit in literals}
    assert len(paths) == len(literals)
    if tr.truth is Truth.UNKNOWN:
        assert literals and all(lit.truth is Truth.UNKNOWN for lit in literals)
        return
    # Sufficient: with only these literals known, the condition has its truth.
    assert masked(tr, paths) is tr.truth
    # Minimal: without any one of them it is open.
    for path in paths:
        assert masked(tr, paths - {path}) is Truth.UNKNOWN, path
    for lit in literals:
        assert lit.truth is tr.truth


def check_explanation(result: k.Assessment, found: Explanation) -> None:
    kader = result.kader
    assert found.truth is result.truth(found.bouwsteen)
    block = kader.bouwstenen[found.bouwsteen]
    assert (found.text, found.bron, found.herkomst) == (block.text, block.bron, block.herkomst)
    for requirement in found.requirements:
        assert requirement.truth is result.truth(requirement.bouwsteen)
        check_explanation(result, requirement)
    notes = found.all_facts()
    for note in notes:
        assert note.value == result.facts.values[note.name]
    if found.truth is Truth.FALSE:
        # The must-show: an onwaar explanation names only facts that are known.
        assert all(note.known for note in notes), [n.name for n in notes if not n.known]
        assert found.open_condition is None and not found.open_facts
    elif found.truth is Truth.TRUE:
        assert all(note.known for note in notes)
        assert found.open_condition is None
    else:
        assert found.open_condition
        assert found.open_facts
        assert all(result.facts.values[f] is None for f in found.open_facts)
    for reason in found.reasons:
        assert reason.truth is found.truth or (
            reason.bouwsteen is not None and found.truth is Truth.UNKNOWN
        )


def check_all(result: k.Assessment) -> None:
    env = Environment(result.kader, result.facts.values, result.peildatum, result.truth)
    for qid, block in result.kader.bouwstenen.items():
        check_support(trace(block.full_condition, env))
        check_explanation(result, explain(result, qid))


@settings(max_examples=examples(60))
@given(kader_and_facts())
def test_random_kaders(case: tuple[k.Kader, dict[str, object]]) -> None:
    kader, values = case
    check_all(k.assess(kader, {n: v for n, v in values.items() if v is not None}, PEILDATUM))


@settings(max_examples=examples(30))
@given(facts(BUNDLED, 0.3, peildatum=PEILDATUM))
def test_bundled_kader(values: dict[str, object]) -> None:
    check_all(k.assess(BUNDLED, {n: v for n, v in values.items() if v is not None}, PEILDATUM))


# ------------------------------------------------------------------ the examples


def example(name: str) -> k.Assessment:
    return k.assess(BUNDLED, k.load_facts(EXAMPLES / f"{name}.yaml", BUNDLED))


def test_onwaar_and_needs_one_false_part() -> None:
    found = explain(example("starterdorp"), "beleid.beleid_ingebed")
    assert found.truth is Truth.FALSE
    assert [(r.condition, r.truth) for r in found.reasons] == [
        ("beleid_verbindt_zorg_en_veiligheid", Truth.FALSE)
    ]
    assert [(n.name, n.shown) for n in found.facts] == [
        ("beleid_verbindt_zorg_en_veiligheid", "nee")
    ]


def test_waar_of_needs_one_true_branch() -> None:
    found = explain(example("voorbeeldstad"), "bewustwording.kennis_medewerkers")
    assert found.truth is Truth.TRUE
    assert [r.condition for r in found.reasons] == [
        "training_frequentie >= elk_jaar (min_training_frequentie_bewustwording)"
    ]
    assert found.facts[0].bron == "Opleidingsjaarplan 2026, par. 2.3"


def test_onbekend_names_the_open_part_and_the_facts() -> None:
    found = explain(example("voorbeeldstad"), "bewustwording.brede_omgevingsscan")
    assert found.truth is Truth.UNKNOWN
    assert (
        found.open_condition
        == "bouwsteen bewustwording.risicoanalyse en brede_omgevingsscan_uitgevoerd"
    )
    assert found.open_facts == (
        "brede_omgevingsscan_uitgevoerd",
        "risicogroepen_in_beeld",
        "lokaal_cijfermateriaal",
    )
    assert [r.bouwsteen for r in found.requirements] == ["bewustwording.risicoanalyse"]


def test_requirements_are_explained() -> None:
    found = explain(example("voorbeeldstad"), "signalering.externe_meldstructuur")
    assert [r.condition for r in found.reasons] == [
        "bouwsteen signalering.meldroute",
        "externe_meldstructuur_ingericht",
    ]
    (meldroute,) = found.requirements
    assert meldroute.bouwsteen == "signalering.meldroute"
    # B1.2 reads the appointment of the functionaris itself, not the whole of B1.1.
    assert meldroute.requirements == ()
    assert meldroute.reasons[0].condition == "aandachtsfunctionaris_aangesteld"


def test_unknown_bouwsteen_is_a_kader_error() -> None:
    with pytest.raises(k.KaderError) as error:
        explain(example("voorbeeldstad"), "signalering.meldroutes")
    assert error.value.diagnostics[0].suggestion == "signalering.meldroute"
    assert "onbekende bouwsteen" in str(error.value)


def test_herkomst_of_an_extension_is_shown() -> None:
    kader = k.load_kader(BUNDLED.id, extensions=[EXAMPLES / "regio_voorbeeld.kader"])
    result = k.assess(kader, k.load_facts(EXAMPLES / "voorbeeldstad.yaml", kader))
    found = explain(result, "signalering.aandachtsfunctionaris")
    assert [h.action for h in found.herkomst] == ["gedefinieerd", "verscherpt"]
    assert found.truth is Truth.UNKNOWN
    assert found.open_facts == ("aandachtsfunctionaris_in_regionaal_netwerk",)
    text = explanation_text(result, "signalering")
    assert "Herkomst: verscherpt door regio_voorbeeld," in text
    # Bouwstenen only the base kader defines do not repeat their provenance.
    assert text.count("Herkomst:") == 2


# ------------------------------------------------------------------ conditions as text


def kader(body: str) -> k.Kader:
    return k.parse_kader(
        'kader x { titel "X" }\n'
        "feit a: ja_nee\nfeit n: aantal\nfeit d: datum\n"
        "feit s: verzameling(x, y, z)\nfeit c: keuze(laag, midden, hoog)\n"
        "parameter grens: aantal = 2\n"
        f'thema t "T" {{ plateau 1 {{ bouwsteen b "B." als {body} }} }}\n'
    )


@pytest.mark.parametrize(
    ("body", "plain", "negated"),
    [
        ("a", "a", "niet a"),
        ("n >= grens", "n >= 2 (grens)", "n < 2 (grens)"),
        ("c in (midden, hoog)", "c in (midden, hoog)", "niet (c in (midden, hoog))"),
        ("s bevat alle (x, y)", "s bevat alle (x, y)", "niet (s bevat alle (x, y))"),
        ("s bevat een van (z)", "s bevat een van (z)", "niet (s bevat een van (z))"),
        ("d na 2024-01-01", "d na 2024-01-01", "niet (d na 2024-01-01)"),
        (
            "d binnen 12 maanden",
            "d binnen 12 maanden (vanaf 2025-06-30)",
            "niet (d binnen 12 maanden (vanaf 2025-06-30))",
        ),
        ("niet a en n > 1", "niet a en n > 1", "niet (niet a en n > 1)"),
        ("(a of n = 1) en c = hoog", "(a of n = 1) en c = hoog", "niet ((a of n = 1) en c = hoog)"),
        ("minstens 2 van (a, n > 1, c = laag)", "minstens 2 van (a, n > 1, c = laag)", None),
    ],
)
def test_condition_text(body: str, plain: str, negated: str | None) -> None:
    rules = kader(body)
    cond = rules.bouwstenen["t.b"].full_condition
    day = dt.date(2026, 6, 30)
    assert condition_text(rules, cond, peildatum=day) == plain
    if negated is not None:
        assert condition_text(rules, cond, negated=True, peildatum=day) == negated
