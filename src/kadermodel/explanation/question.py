"""The most decisive open question, for an adaptive questionnaire: :func:`next_question`."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import attrs

from kadermodel.engine.evaluate import Assessment
from kadermodel.explanation.relevance import Relevance, relevant_unknowns

# ====================================================================== next question


@attrs.frozen
class Question:
    """An open question for an intake form: the fact, its ``vraag`` and the answer form."""

    fact: str
    vraag: str | None
    expected: str
    """How to answer, in Dutch (``ja of nee``, ``een geheel getal van 0 of meer``)."""
    themas: tuple[str, ...]
    """The undecided thema's whose range the answer can move."""


def next_question(assessment: Assessment, *, exclude: Collection[str] = ()) -> Question | None:
    """The most decisive open question, or ``None`` when every thema is decided.

    Among the unknown facts that can still move an undecided thema's range, the one whose
    answer narrows the ranges most on average (the summed width ``high - low`` of all
    thema's, averaged over the fact's representative values, see
    :func:`candidate_values`); ties go to the fact open in more thema's, then to the fact
    declared first. When no single answer narrows any range, the first fact of
    :func:`relevant_unknowns` is asked.

    ``exclude`` names facts not to ask (answered *weet niet*, skipped); they stay unknown.
    With exclusions, ``None`` also means that no question left can move a range.
    """
    kader = assessment.kader
    undecided = [t for t, r in assessment.themas.items() if not r.plateau.decided]
    if not undecided:
        return None
    held = frozenset(exclude)
    state = Relevance(assessment)
    open_in: dict[str, list[str]] = {}
    for thema in undecided:
        for name in state.open_facts(thema, {}):
            if name not in held:
                open_in.setdefault(name, []).append(thema)
    if not open_in:
        return None
    order = kader.fact_index()
    width = _width(assessment.ranges)
    best: tuple[Any, ...] | None = None
    for name in sorted(open_in, key=order.__getitem__):
        index = order[name]
        encoded = list(state.base)
        total = 0
        for code in state.codes[name]:
            encoded[index] = code
            total += width - _width(state.runner.ranges(encoded))
        score = (total / len(state.codes[name]), len(open_in[name]), -index)
        if best is None or score > best:
            best = score
    assert best is not None
    chosen = list(kader.feiten)[-int(best[2])]
    if best[0] == 0:
        ranked = relevant_unknowns(assessment, exclude=held).relevant
        if ranked:
            chosen = ranked[0].name
        elif held:
            return None
    feit = kader.feiten[chosen]
    themas = tuple(t for t in undecided if t in open_in.get(chosen, ()))
    return Question(chosen, feit.vraag, feit.type.expected_form(), themas)


def _width(ranges: Sequence[int]) -> int:
    return sum(ranges[i + 1] - ranges[i] for i in range(0, len(ranges), 2))
