"""The intake session: question order, the three answer states, back and skip, the end."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from intake_support import BUNDLED, PEILDATUM, best_value

import kadermodel as k
from kadermodel.explanation.intake import DONT_KNOW, Intake, parse_answer
from kadermodel.explanation.search import candidate_values
from kadermodel.facts.core import build_facts, parse_facts
from kadermodel.testing import strategies as ks

SMALL = k.parse_kader(
    """
kader klein { titel "Klein" }
feit a: ja_nee
    vraag "Is a zo?"
feit b: ja_nee
feit n: aantal
feit f: keuze(geen, soms, vaak)
feit s: verzameling(x, y, z)
feit d: datum
thema t "Thema" {
    plateau 1 { bouwsteen p "P." als a en b }
    plateau 2 { bouwsteen q "Q." als n >= 3 en f >= soms }
}
thema u "Ander" {
    plateau 1 { bouwsteen r "R." als s bevat alle (x, y) }
}
""",
    "<klein>",
)


def start(kader: k.Kader = SMALL) -> Intake:
    return Intake.start(kader, peildatum=PEILDATUM)


def run_to_end(intake: Intake, choose: object) -> tuple[Intake, list[str]]:
    asked = []
    while (question := intake.question) is not None:
        asked.append(question.fact)
        intake = intake.answer(choose(question))  # type: ignore[operator]
    return intake, asked


def test_first_question_is_next_question() -> None:
    intake = start(BUNDLED)
    expected = k.next_question(k.assess(BUNDLED, {}, PEILDATUM))
    assert expected is not None
    question = intake.question
    assert question is not None
    assert (question.fact, question.number) == (expected.fact, 1)
    assert question.themas == expected.themas
    assert question.options == BUNDLED.feiten[question.fact].type.values
    assert question.why.startswith("Uw antwoord kan de stand nog veranderen bij ")
    assert question.bouwstenen
    for qid in question.bouwstenen:
        assert BUNDLED.bouwstenen[qid].thema in question.themas


def test_best_answers_reach_every_top_plateau() -> None:
    intake, asked = run_to_end(start(BUNDLED), lambda q: best_value(BUNDLED.feiten[q.fact]))
    assert intake.finished == "decided"
    assert len(asked) == len(set(asked))
    for result in intake.assessment.themas.values():
        assert (result.plateau.low, result.plateau.high) == (result.top, result.top)


def test_dont_know_everywhere_asks_each_question_once_and_ends_with_ranges() -> None:
    intake, asked = run_to_end(start(BUNDLED), lambda q: DONT_KNOW)
    assert intake.finished == "no_questions"
    assert len(asked) == len(set(asked))
    assert set(asked) == set(intake.facts.dont_know)
    assert all(not r.plateau.decided for r in intake.assessment.themas.values())
    # only facts that can matter were asked; a fact left out cannot move any range now
    relevant = k.relevant_unknowns(k.assess(BUNDLED, {}, PEILDATUM)).names
    assert set(asked) <= set(relevant)
    ranges = intake.assessment.ranges
    choices = candidate_values(BUNDLED, {}, PEILDATUM)
    for name in set(BUNDLED.feiten) - set(asked):
        for value in choices[name]:
            assert k.assess(BUNDLED, {name: value}, PEILDATUM).ranges == ranges, (name, value)


def test_dont_know_counts_as_unknown_and_is_never_asked_again() -> None:
    intake = start()
    assert intake.question is not None and intake.question.fact in ("a", "b")
    first = intake.question.fact
    intake = intake.answer(DONT_KNOW)
    assert intake.assessment.facts.values[first] is None
    assert first in intake.facts.dont_know
    _, asked = run_to_end(intake, lambda q: DONT_KNOW)
    assert first not in asked


def test_back_keeps_answers_and_goes_forward_again() -> None:
    intake = start()
    facts = []
    for _ in range(3):
        assert intake.question is not None
        facts.append(intake.question.fact)
        fact = intake.question.fact
        kind = SMALL.feiten[fact].type.kind
        intake = intake.answer(parse_answer(SMALL, fact, "ja" if kind == "ja_nee" else "1"))
    values = dict(intake.facts.known)
    back = intake.back().back()
    assert back.question is not None
    assert back.question.fact == facts[1]
    assert back.question.number == 2
    assert back.question.previous == values[facts[1]]
    assert back.facts.known == values  # nothing lost by going back
    forward = back.skip()  # keep the answer
    assert forward.question is not None and forward.question.fact == facts[2]
    # back at the first answer stays there
    assert intake.back().back().back().back().question.fact == facts[0]  # type: ignore[union-attr]
    fresh = start()
    assert not fresh.can_go_back
    assert fresh.back() is fresh


def test_changing_an_answer_after_back() -> None:
    intake = start()
    assert intake.question is not None
    fact = intake.question.fact
    intake = intake.answer(True)
    again = intake.back()
    assert again.question is not None and again.question.previous is True
    changed = again.answer(False)
    assert changed.facts.values[fact] is False
    assert changed.cursor is None
    assert [a.fact for a in changed.answers] == [fact]


def test_skip_sets_a_question_aside_for_the_session() -> None:
    intake = start()
    assert intake.question is not None
    first = intake.question.fact
    skipped = intake.skip()
    assert skipped.question is not None and skipped.question.fact != first
    assert first not in skipped.asked
    _, asked = run_to_end(skipped, lambda q: DONT_KNOW)
    assert first not in asked


def test_resume_from_facts_with_dont_know() -> None:
    facts = parse_facts({"feiten": {"a": "ja", "b": "weet niet"}}, SMALL)
    assert facts.dont_know == frozenset({"b"})
    intake = Intake.start(SMALL, facts, peildatum=PEILDATUM)
    assert [(a.fact, a.value) for a in intake.answers] == [("a", True), ("b", DONT_KNOW)]
    assert intake.question is not None and intake.question.fact not in ("a", "b")
    assert intake.question.number == 3


def test_wrong_values_are_facts_errors() -> None:
    intake = start()
    with pytest.raises(k.FactsError) as caught:
        intake.answer(5)
    assert "geen geldige waarde" in str(caught.value)


def test_done_session_refuses_answers() -> None:
    intake, _ = run_to_end(start(), lambda q: DONT_KNOW)
    with pytest.raises(ValueError):
        intake.answer(True)
    with pytest.raises(ValueError):
        intake.skip()


@pytest.mark.parametrize(
    ("fact", "text", "value"),
    [
        ("a", "Ja", True),
        ("a", "nee", False),
        ("a", "  weet   NIET ", DONT_KNOW),
        ("n", "4", 4),
        ("f", "2", "soms"),
        ("f", "vaak", "vaak"),
        ("s", "1, 3", frozenset({"x", "z"})),
        ("s", "1 2", frozenset({"x", "y"})),
        ("s", "geen", frozenset()),
        ("s", "y", frozenset({"y"})),
        ("d", "2026-01-31", dt.date(2026, 1, 31)),
    ],
)
def test_parse_answer(fact: str, text: str, value: object) -> None:
    assert parse_answer(SMALL, fact, text) == value


@pytest.mark.parametrize(
    ("fact", "text", "message"),
    [
        ("a", "misschien", "'misschien' is geen geldige waarde voor feit 'a' van type ja_nee"),
        ("n", "-1", "'-1' is geen geldige waarde voor feit 'n'"),
        ("f", "7", "er is geen keuze 7; kies een nummer van 1 tot en met 3"),
        ("f", "vaker", "'vaker' is geen geldige waarde voor feit 'f'"),
        ("d", "31-01-2026", "'31-01-2026' is geen geldige waarde voor feit 'd'"),
        ("a", "", "geen antwoord gegeven"),
    ],
)
def test_parse_answer_errors(fact: str, text: str, message: str) -> None:
    with pytest.raises(k.FactsError) as caught:
        parse_answer(SMALL, fact, text)
    assert message in str(caught.value)


def test_suggestion_for_a_misspelt_keuze() -> None:
    with pytest.raises(k.FactsError) as caught:
        parse_answer(SMALL, "f", "vak")
    assert caught.value.diagnostics[0].suggestion == "vaak"


@settings(max_examples=30, derandomize=True)
@given(st.data())
def test_any_answers_end_the_session_without_repeating(data: st.DataObject) -> None:
    values = data.draw(ks.facts(SMALL, 0.3, peildatum=PEILDATUM))
    intake, asked = run_to_end(
        start(), lambda q: DONT_KNOW if values[q.fact] is None else values[q.fact]
    )
    assert len(asked) == len(set(asked))
    assert intake.finished is not None
    result = intake.assessment
    if intake.finished == "no_questions":
        assert any(not r.plateau.decided for r in result.themas.values())
    else:
        assert all(r.plateau.decided for r in result.themas.values())
    # the session's facts are exactly the answers given
    assert build_facts(SMALL, intake.facts.known).values == intake.facts.values


def test_the_session_asks_as_many_questions_as_next_question() -> None:
    """The benchmark's figure for next_question is the session's figure (same questions)."""
    rng = random.Random(13)
    choices = candidate_values(BUNDLED, {}, PEILDATUM)
    for _ in range(4):
        answers = {name: rng.choice(values) for name, values in choices.items()}
        intake, asked = run_to_end(start(BUNDLED), lambda q, a=answers: a[q.fact])
        assert intake.finished == "decided"
        known: dict[str, object] = {}
        expected = []
        while (question := k.next_question(k.assess(BUNDLED, known, PEILDATUM))) is not None:
            expected.append(question.fact)
            known[question.fact] = answers[question.fact]
        assert asked == expected
