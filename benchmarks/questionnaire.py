"""Benchmark: how many questions an intake needs before every thema is decided.

Simulates an adaptive intake on the bundled VNG kader: a random municipality (its true
answers drawn per fact, seeded) starts with every fact unknown and answers one question at a
time until every thema's plateau is decided. Two ways to pick the next question:

- ``next_question``: :func:`kadermodel.next_question` (most decisive open question first);
- ``declaration order``: the next unanswered fact in the kader's declaration order;
- ``declaration order, relevant only``: the same, skipping facts that
  :func:`kadermodel.explanation.relevant_unknowns` calls not relevant (a stronger baseline);
- ``intake session``: the questionnaire's own session
  (:class:`kadermodel.explanation.intake.Intake`, as ``kadermodel vragenlijst`` runs it),
  answered until it ends.

Two populations of municipalities:

- ``uniform``: every fact's answer uniform over its representative values
  (:func:`kadermodel.explanation.candidate_values`);
- ``meestal ja``: ja/nee facts ``ja`` with probability 0.8, the others uniform as above
  (municipalities that do most things, so thema's stay open longer).

And, with ``--random-kaders N``, N random small kaders (from
:mod:`kadermodel.testing.strategies`, derandomized) with three municipalities each, every
fact's answer drawn from the kader's boundary values.

Prints the average number of questions per strategy and population. Run with
``python benchmarks/questionnaire.py [--municipalities N] [--seed S] [--random-kaders N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable, Mapping

import kadermodel
from kadermodel import Kader
from kadermodel.explanation.intake import Intake
from kadermodel.explanation.search import candidate_values
from kadermodel.model import FactValue

PEILDATUM = dt.date(2026, 6, 30)

Picker = Callable[[Kader, Mapping[str, FactValue]], str]


def by_next_question(kader: Kader, known: Mapping[str, FactValue]) -> str:
    question = kadermodel.next_question(kadermodel.assess(kader, known, PEILDATUM))
    assert question is not None
    return question.fact


def by_declaration(kader: Kader, known: Mapping[str, FactValue]) -> str:
    return next(name for name in kader.feiten if name not in known)


def by_declaration_relevant(kader: Kader, known: Mapping[str, FactValue]) -> str:
    relevant = set(kadermodel.relevant_unknowns(kadermodel.assess(kader, known, PEILDATUM)).names)
    return next(name for name in kader.feiten if name in relevant)


def questions_needed(kader: Kader, answers: Mapping[str, FactValue], pick: Picker) -> int:
    """Questions asked until every thema is decided."""
    known: dict[str, FactValue] = {}
    while True:
        result = kadermodel.assess(kader, known, PEILDATUM)
        if all(t.plateau.decided for t in result.themas.values()):
            return len(known)
        name = pick(kader, known)
        known[name] = answers[name]


def questions_by_intake(kader: Kader, answers: Mapping[str, FactValue]) -> int:
    """Questions the intake session asks before it ends (every thema decided)."""
    intake = Intake.start(kader, peildatum=PEILDATUM)
    while (question := intake.question) is not None:
        intake = intake.answer(answers[question.fact])
    assert intake.finished == "decided"
    return len(intake.answers)


def municipality(kader: Kader, rng: random.Random, p_ja: float | None) -> dict[str, FactValue]:
    choices = candidate_values(kader, {}, PEILDATUM)
    answers: dict[str, FactValue] = {}
    for name, feit in kader.feiten.items():
        if p_ja is not None and feit.type.kind == "ja_nee":
            answers[name] = rng.random() < p_ja
        else:
            answers[name] = rng.choice(choices[name])
    return answers


INTAKE = "intake session"

STRATEGIES: dict[str, Picker] = {
    "next_question": by_next_question,
    "declaration order": by_declaration,
    "declaration order, relevant only": by_declaration_relevant,
}


def averages(kader: Kader, count: int, seed: int, p_ja: float | None) -> dict[str, float]:
    """Average questions per strategy over ``count`` seeded random municipalities."""
    rng = random.Random(seed)
    asked: dict[str, list[int]] = {name: [] for name in [*STRATEGIES, INTAKE]}
    for _ in range(count):
        answers = municipality(kader, rng, p_ja)
        for name, pick in STRATEGIES.items():
            asked[name].append(questions_needed(kader, answers, pick))
        asked[INTAKE].append(questions_by_intake(kader, answers))
    return {name: statistics.mean(counts) for name, counts in asked.items()}


def random_kader_averages(count: int) -> dict[str, float]:
    """Average questions per strategy over ``count`` random small kaders (needs hypothesis)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from kadermodel.testing import strategies as ks

    asked: dict[str, list[int]] = {name: [] for name in STRATEGIES}
    small = ks.kaders(
        max_feiten=6, max_themas=2, max_plateaus=3, max_bouwstenen=2, max_depth=2, stellingen=False
    )

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(small, st.data())
    def run(text: str, data: st.DataObject) -> None:
        kader = kadermodel.parse_kader(text, "<willekeurig>")
        for _ in range(3):
            answers = data.draw(ks.facts(kader, 0.0, peildatum=PEILDATUM))
            for name, pick in STRATEGIES.items():
                asked[name].append(questions_needed(kader, answers, pick))  # type: ignore[arg-type]

    run()
    return {name: statistics.mean(counts) for name, counts in asked.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--municipalities", type=int, default=200, help="municipalities per population"
    )
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument(
        "--random-kaders", type=int, default=0, help="also this many random small kaders"
    )
    args = parser.parse_args()
    kader = kadermodel.bundled_kader()
    print(f"kader {kader.id}: {len(kader.feiten)} facts, {len(kader.themas)} themas")
    print(f"{args.municipalities} municipalities per population, seed {args.seed}")
    for label, p_ja in (("uniform answers", None), ("mostly ja (80%)", 0.8)):
        start = time.perf_counter()
        found = averages(kader, args.municipalities, args.seed, p_ja)
        seconds = time.perf_counter() - start
        print(f"{label} ({seconds:.1f} s):")
        for name, average in found.items():
            print(f"  {name:<30} {average:5.2f} questions on average")
    if args.random_kaders:
        start = time.perf_counter()
        found = random_kader_averages(args.random_kaders)
        seconds = time.perf_counter() - start
        print(f"{args.random_kaders} random small kaders x 3 municipalities ({seconds:.1f} s):")
        for name, average in found.items():
            print(f"  {name:<30} {average:5.2f} questions on average")


if __name__ == "__main__":
    main()
