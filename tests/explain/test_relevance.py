"""relevant_unknowns and next_question: a fact called not relevant can never matter."""

from __future__ import annotations

from explain_support import (
    EXAMPLES,
    PEILDATUM,
    any_value,
    examples,
    facts_for,
    kader_and_facts,
    ranges,
)
from hypothesis import event, given, settings
from hypothesis import strategies as st

import kadermodel as k
from kadermodel.explanation.question import next_question
from kadermodel.explanation.relevance import RelevantUnknowns, relevant_unknowns
from kadermodel.explanation.search import candidate_values
from kadermodel.testing.strategies import facts

BUNDLED = k.bundled_kader()
COMPLETIONS = facts(BUNDLED, 0.0, peildatum=PEILDATUM)


def assess(kader: k.Kader, values: dict[str, object]) -> k.Assessment:
    return k.assess(kader, {n: v for n, v in values.items() if v is not None}, PEILDATUM)


def check_split(result: k.Assessment, found: RelevantUnknowns) -> None:
    """Every unknown fact is in exactly one list; the ranking is as documented."""
    relevant = [f.name for f in found.relevant]
    assert sorted(relevant + list(found.not_relevant)) == sorted(result.facts.unknown)
    order = result.kader.fact_index()
    keys = [(not f.alone, -len(f.themas), order[f.name]) for f in found.relevant]
    assert keys == sorted(keys)
    decided = {t for t, r in result.themas.items() if r.plateau.decided}
    for fact in found.relevant:
        assert fact.themas and not decided & set(fact.themas)


def check_alone(result: k.Assessment, found: RelevantUnknowns) -> None:
    """A fact said to move a range alone does so for one of its representative values."""
    kader = result.kader
    before = ranges(kader, result.facts.values)
    choices = candidate_values(kader, result.facts.values, PEILDATUM)
    for fact in found.relevant:
        if fact.alone:
            moved = [
                v
                for v in choices[fact.name]
                if ranges(kader, {**result.facts.values, fact.name: v}) != before
            ]
            assert moved, fact.name


@settings(max_examples=examples(60))
@given(kader_and_facts(), st.data())
def test_random_kaders(case: tuple[k.Kader, dict[str, object]], data: st.DataObject) -> None:
    kader, values = case
    result = assess(kader, values)
    found = relevant_unknowns(result)
    check_split(result, found)
    check_alone(result, found)
    event(f"not relevant: {min(len(found.not_relevant), 3)}")
    before = ranges(kader, values)
    completions = facts_for(kader, unknown=0.0)
    for name in found.not_relevant:
        # Set to any value of its type, the others left unknown: no range changes.
        value = data.draw(any_value(kader.feiten[name].type), label=name)
        assert ranges(kader, {**values, name: value}) == before, name
        # Random completions of the other unknowns: the same plateaus whatever its value.
        completion = data.draw(completions, label="completion")
        filled = {n: completion[n] if v is None else v for n, v in values.items()}
        filled[name] = None
        expected = ranges(kader, filled)
        for other in candidate_values(kader, filled, PEILDATUM)[name]:
            assert ranges(kader, {**filled, name: other}) == expected, (name, other)
        assert ranges(kader, {**filled, name: value}) == expected, (name, value)


@settings(max_examples=examples(40))
@given(facts(BUNDLED, 0.5, peildatum=PEILDATUM), st.data())
def test_bundled_kader(values: dict[str, object], data: st.DataObject) -> None:
    result = assess(BUNDLED, values)
    found = relevant_unknowns(result)
    check_split(result, found)
    assert all(f.proven for f in found.relevant)
    before = ranges(BUNDLED, values)
    for name in found.not_relevant:
        value = data.draw(any_value(BUNDLED.feiten[name].type), label=name)
        assert ranges(BUNDLED, {**values, name: value}) == before, name
        completion = data.draw(COMPLETIONS, label="completion")
        filled = {n: completion[n] if v is None else v for n, v in values.items()}
        filled[name] = None
        expected = ranges(BUNDLED, filled)
        assert ranges(BUNDLED, {**filled, name: value}) == expected, (name, value)


def test_voorbeeldstad() -> None:
    result = k.assess(BUNDLED, k.load_facts(EXAMPLES / "voorbeeldstad.yaml", BUNDLED))
    found = relevant_unknowns(result)
    # The training already counts for kennis_medewerkers; ketenregisseur is nee, so the
    # wegenkaart cannot lift samenwerking.
    assert found.not_relevant == (
        "bewustwording_medewerkers_frequentie",
        "wegenkaart_ketenpartners",
    )
    assert found.names == (
        "tendensen_eigen_informatie_gemonitord",
        "good_practices_gedeeld_met_ketenpartners",
        "ambtelijk_besprekingen_per_jaar",
        "risicogroepen_in_beeld",
        "lokaal_cijfermateriaal",
        "brede_omgevingsscan_uitgevoerd",
        "opvang_kwaliteitscriteria",
        "opvang_kwaliteit_nagegaan",
    )
    assert all(f.alone and f.proven for f in found.relevant)


def kader(body: str) -> k.Kader:
    return k.parse_kader(
        'kader x { titel "X" }\nfeit a: ja_nee\nfeit b: ja_nee\nfeit c: ja_nee\n' + body
    )


def test_a_fact_that_matters_only_together_with_another() -> None:
    # Alone, no answer changes anything: (a of b) stays open when a is nee, (niet a of c)
    # when a is ja, and b or c alone leave the other part open. With b nee filled in, a
    # decides; with a ja, c decides.
    rules = kader('thema t "T" { plateau 1 { bouwsteen x "X." als (a of b) en (niet a of c) } }')
    found = relevant_unknowns(k.assess(rules, {}, PEILDATUM))
    assert found.names == ("a", "b", "c") and not found.not_relevant
    assert all(not f.alone and f.proven for f in found.relevant)


def test_a_fact_behind_a_decided_condition_is_not_relevant() -> None:
    rules = kader(
        'thema t "T" { plateau 1 { bouwsteen x "X." als a of b }\n'
        '              plateau 2 { bouwsteen y "Y." als c } }'
    )
    found = relevant_unknowns(k.assess(rules, {"a": True}, PEILDATUM))
    assert found.names == ("c",) and found.not_relevant == ("b",)


def test_next_question_is_none_when_everything_is_decided() -> None:
    for name in ("basisstad", "koploperstad", "starterdorp"):
        assert (
            next_question(k.assess(BUNDLED, k.load_facts(EXAMPLES / f"{name}.yaml", BUNDLED)))
            is None
        )


def test_next_question_for_voorbeeldstad() -> None:
    facts_ = k.load_facts(EXAMPLES / "voorbeeldstad.yaml", BUNDLED)
    question = next_question(k.assess(BUNDLED, facts_))
    assert question is not None
    result = k.assess(BUNDLED, facts_)
    assert question.fact in relevant_unknowns(result).names
    assert question.vraag == BUNDLED.feiten[question.fact].vraag
    assert question.themas == ("bewustwording",)


def test_next_question_asks_a_fact_that_only_matters_together() -> None:
    rules = kader('thema t "T" { plateau 1 { bouwsteen x "X." als (a of b) en (niet a of c) } }')
    # No single answer narrows the range: the first of relevant_unknowns is asked.
    question = next_question(k.assess(rules, {}, PEILDATUM))
    assert question is not None and question.fact == "a"
    question = next_question(k.assess(rules, {"b": False}, PEILDATUM))
    assert question is not None and question.fact == "a"
    assert next_question(k.assess(rules, {"b": True, "c": True}, PEILDATUM)) is None


@settings(max_examples=examples(40))
@given(kader_and_facts())
def test_next_question_is_relevant_until_decided(case: tuple[k.Kader, dict[str, object]]) -> None:
    kader_, values = case
    result = assess(kader_, values)
    question = next_question(
        k.assess(kader_, {n: v for n, v in values.items() if v is not None}, PEILDATUM)
    )
    undecided = [t for t, r in result.themas.items() if not r.plateau.decided]
    if not undecided:
        assert question is None
        return
    assert question is not None
    assert question.fact in relevant_unknowns(result).names
