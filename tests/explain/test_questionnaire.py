"""An intake in next_question order decides every thema after fewer questions, on average,
than one in declaration order (benchmarks/questionnaire.py prints the figures)."""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable, Mapping

from explain_support import PEILDATUM, examples, facts_for, small_kaders
from hypothesis import event, given, settings
from hypothesis import strategies as st

import kadermodel as k
from kadermodel.explanation.search import candidate_values
from kadermodel.model import FactValue

BUNDLED = k.bundled_kader()
Picker = Callable[[k.Kader, Mapping[str, FactValue]], str]


def by_next_question(kader: k.Kader, known: Mapping[str, FactValue]) -> str:
    question = k.next_question(k.assess(kader, known, PEILDATUM))
    assert question is not None
    return question.fact


def by_declaration(kader: k.Kader, known: Mapping[str, FactValue]) -> str:
    return next(name for name in kader.feiten if name not in known)


def questions_needed(kader: k.Kader, answers: Mapping[str, FactValue], pick: Picker) -> int:
    known: dict[str, FactValue] = {}
    while True:
        result = k.assess(kader, known, PEILDATUM)
        if all(t.plateau.decided for t in result.themas.values()):
            assert k.next_question(k.assess(kader, known, PEILDATUM)) is None
            return len(known)
        name = pick(kader, known)
        assert name not in known
        known[name] = answers[name]


def test_bundled_kader_needs_fewer_questions() -> None:
    rng = random.Random(2021)
    choices = candidate_values(BUNDLED, {}, PEILDATUM)
    adaptive, declared = [], []
    for _ in range(25):
        answers = {name: rng.choice(values) for name, values in choices.items()}
        adaptive.append(questions_needed(BUNDLED, answers, by_next_question))
        declared.append(questions_needed(BUNDLED, answers, by_declaration))
    assert statistics.mean(adaptive) < statistics.mean(declared)


@st.composite
def kaders_with_answers(draw: st.DrawFn) -> tuple[k.Kader, list[dict[str, FactValue]]]:
    kader = draw(small_kaders())
    answers = [draw(facts_for(kader, unknown=0.0)) for _ in range(3)]
    return kader, answers  # type: ignore[return-value]


@settings(max_examples=examples(6), derandomize=True)
@given(st.lists(kaders_with_answers(), min_size=10, max_size=10))
def test_random_kaders_need_no_more_questions(
    cases: list[tuple[k.Kader, list[dict[str, FactValue]]]],
) -> None:
    adaptive, declared = [], []
    for kader, answers in cases:
        for one in answers:
            adaptive.append(questions_needed(kader, one, by_next_question))
            declared.append(questions_needed(kader, one, by_declaration))
    event("fewer" if statistics.mean(adaptive) < statistics.mean(declared) else "as many")
    assert statistics.mean(adaptive) <= statistics.mean(declared)
