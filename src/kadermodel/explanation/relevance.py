"""Which unknown facts can still move a thema's plateau range: :func:`relevant_unknowns`."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import attrs

from kadermodel import model as m
from kadermodel.engine.evaluate import Assessment
from kadermodel.engine.interpret import Environment, trace
from kadermodel.explanation.search import OutOfBudget, Runner, candidate_values, facts_read
from kadermodel.logic import Truth
from kadermodel.model import FactValue

WITNESS_BUDGET = 400


# ====================================================================== relevant unknowns


@attrs.frozen
class RelevantFact:
    """An unknown fact whose answer can still move some thema's plateau range."""

    name: str
    vraag: str | None
    themas: tuple[str, ...]
    """The thema's whose range it can move, in declaration order."""
    alone: bool
    """Answering this question alone (the other unknowns left open) can move a range."""
    proven: bool = True
    """False when the search for an example ran out of budget: reported as relevant to be
    safe (a fact is only called not relevant when that is proven)."""


@attrs.frozen
class RelevantUnknowns:
    """The unknown facts, split into those that can still matter and those that cannot.

    ``relevant`` is ranked: first the facts whose answer alone can move a range, then by
    the number of thema's they can move, then in declaration order. ``not_relevant`` holds
    the unknown facts whose value, however the other unknown facts are filled in (or left
    open), changes no thema's range; an intake form can skip their questions.
    """

    relevant: tuple[RelevantFact, ...]
    not_relevant: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.relevant)


class Relevance:
    """The shared state of the relevance searches for one assessment."""

    def __init__(self, assessment: Assessment):
        self.assessment = assessment
        self.kader = assessment.kader
        self.runner = Runner(self.kader, assessment.peildatum, assessment.afwijkingen)
        self.values = dict(assessment.facts.values)
        self.base = list(assessment.facts.encoded)
        self.choices = candidate_values(self.kader, self.values, assessment.peildatum)
        self.codes = {
            name: [self.kader.feiten[name].type.encode(v) for v in vs]
            for name, vs in self.choices.items()
        }
        self.names = list(self.kader.feiten)

    def evaluate(
        self, assigned: Mapping[str, FactValue]
    ) -> tuple[dict[str, FactValue | None], list[int | None], tuple[int, ...], tuple[int, ...]]:
        values = dict(self.values)
        encoded = list(self.base)
        for name, value in assigned.items():
            values[name] = value
            encoded[self.runner.fact_index[name]] = self.runner.encode(name, value)
        truths, ranges = self.runner.run(encoded)
        return values, encoded, truths, ranges

    def open_facts(self, thema: str, assigned: Mapping[str, FactValue]) -> set[str]:
        """Unknown facts that can still move ``thema``'s range given ``assigned``.

        Walks the open (``onbekend``) bouwstenen of the plateaus between low and high and,
        inside their conditions, only the open sub-conditions: a decided sub-condition stays
        decided whatever the unknown facts become, so facts read only there cannot matter.
        """
        values, _, truths, ranges = self.evaluate(assigned)
        slot = self.runner.thema_index[thema]
        low, high = ranges[2 * slot], ranges[2 * slot + 1]
        if low == high:
            return set()
        index = self.runner.bouwsteen_index

        def truth_of(qid: str) -> Truth:
            return Truth(truths[index[qid]])

        env = Environment(self.kader, values, self.assessment.peildatum, truth_of)
        plateaus = self.kader.themas[thema].plateaus[low:high]
        stack = [q for p in plateaus for q in p.bouwstenen if truth_of(q) is Truth.UNKNOWN]
        seen: set[str] = set()
        found: set[str] = set()
        while stack:
            qid = stack.pop()
            if qid in seen:
                continue
            seen.add(qid)
            nodes = [trace(self.kader.bouwstenen[qid].full_condition, env)]
            while nodes:
                node = nodes.pop()
                if node.truth is not Truth.UNKNOWN:
                    continue
                if node.children:
                    nodes.extend(node.children)
                elif isinstance(node.cond, m.BouwsteenIs):
                    stack.append(node.cond.bouwsteen)
                else:
                    found.update(f for f in facts_read(node.cond) if values[f] is None)
        return found

    def moves(self, fact: str, thema: str, assigned: Mapping[str, FactValue]) -> bool:
        """Does some value of ``fact`` change ``thema``'s range, given ``assigned``?"""
        slot = self.runner.thema_index[thema]
        _, encoded, _, ranges = self.evaluate(assigned)
        before = ranges[2 * slot : 2 * slot + 2]
        index = self.runner.fact_index[fact]
        for code in self.codes[fact]:
            encoded[index] = code
            after = self.runner.ranges(encoded)
            if after[2 * slot : 2 * slot + 2] != before:
                return True
        return False

    def witness(self, fact: str, thema: str, others: Sequence[str]) -> bool | None:
        """Search partial assignments of ``others`` under which ``fact`` moves the range.

        True: found one; False: proven that none exists; None: out of budget.
        """
        budget = [WITNESS_BUDGET]

        def search(start: int, assigned: dict[str, FactValue]) -> bool:
            if budget[0] <= 0:
                raise OutOfBudget
            budget[0] -= 1
            open_now = self.open_facts(thema, assigned)
            if fact not in open_now:
                return False
            if self.moves(fact, thema, assigned):
                return True
            for position in range(start, len(others)):
                other = others[position]
                if other not in open_now:
                    continue
                for value in self.choices[other]:
                    assigned[other] = value
                    if search(position + 1, assigned):
                        return True
                    del assigned[other]
            return False

        try:
            return search(0, {})
        except OutOfBudget:
            return None


def relevant_unknowns(assessment: Assessment, *, exclude: Collection[str] = ()) -> RelevantUnknowns:
    """Which unknown facts can still move a thema's plateau range (see the class).

    ``exclude`` names unknown facts that will stay unknown (an intake's *weet niet* answers
    and skipped questions): they are in neither list, and the search for an assignment under
    which a fact matters leaves them unknown.
    """
    state = Relevance(assessment)
    kader = assessment.kader
    order = kader.fact_index()
    undecided = [t for t, r in assessment.themas.items() if not r.plateau.decided]
    held = frozenset(exclude)
    open_by_thema = {t: state.open_facts(t, {}) - held for t in undecided}
    relevant = []
    not_relevant = []
    for name in assessment.facts.unknown:
        if name in held:
            continue
        themas = []
        alone = False
        proven = True
        for thema in undecided:
            candidates = open_by_thema[thema]
            if name not in candidates:
                continue
            if state.moves(name, thema, {}):
                themas.append(thema)
                alone = True
                continue
            others = sorted(candidates - {name}, key=order.__getitem__)
            found = state.witness(name, thema, others)
            if found is None:
                proven = False
            if found is not False:
                themas.append(thema)
        if themas:
            vraag = kader.feiten[name].vraag
            relevant.append(RelevantFact(name, vraag, tuple(themas), alone, proven))
        else:
            not_relevant.append(name)
    relevant.sort(key=lambda f: (not f.alone, -len(f.themas), order[f.name]))
    return RelevantUnknowns(tuple(relevant), tuple(not_relevant))
