"""Claims (stellingen) about a kader: checked exhaustively or by search, with a minimal
counter-example municipality when they are false.

A claim is a condition in kadertaal that may also use ``plateau(thema) >= n`` (any
comparison) and the form ``als X dan Y`` (read as ``niet X of Y``). It is written in a kader or
uitbreiding file (``stelling naam "tekst": ...``) or as a string in a case file.

What "holds" means: the claim is never ``onwaar``. In Kleene logic a condition that is
``onwaar`` for some facts stays ``onwaar`` however the unknown facts are filled in (and plateau
ranges only narrow), so a claim holds exactly when it is ``waar`` for every complete fact set.

How it is checked: only the facts the claim can see matter (those it names, and every fact
behind the bouwstenen and thema's it names). Their boundary values
(:func:`kadermodel.abstraction.boundary_values`) represent every distinct situation; when
there are at most ``max_exhaustive`` combinations, all are tried, which proves the claim.
Otherwise a hypothesis search biased to those boundaries looks for a counter-example.

A counter-example is then made minimal: every fact that can be left unknown is left out
(the claim stays ``onwaar`` for every way to fill those in), and the remaining values are made
as small as possible. :meth:`ClaimResult.counterexample_yaml` gives it as a facts file.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

import attrs
from hypothesis import HealthCheck, find, settings, target
from hypothesis.errors import NoSuchExample

from kadermodel import model as m
from kadermodel.engine.abstraction import boundary_values
from kadermodel.engine.deps import closure
from kadermodel.engine.evaluate import plan_of
from kadermodel.engine.interpret import Environment, Trace, trace, truth
from kadermodel.errors import Diagnostic, KaderCompileError
from kadermodel.facts.dump import dump_facts as facts_yaml
from kadermodel.language.resolve import Resolver, Scope
from kadermodel.language.syntax import parse_claim
from kadermodel.language.unparse import cond_text
from kadermodel.logic import Truth
from kadermodel.testing.strategies import facts

MAX_EXHAUSTIVE = 50_000
"""Claims over at most this many combinations of boundary values are checked exhaustively."""

Values = Mapping[str, m.FactValue | None]


@attrs.frozen
class Claim:
    """A resolved claim about one kader."""

    name: str
    condition: m.Cond
    source: str
    """The claim as written (kadertaal)."""
    text: str | None = None
    """The claim in words (the optional text of a ``stelling``)."""


def claim_from_text(
    kader: m.Kader,
    text: str,
    *,
    name: str = "stelling",
    description: str | None = None,
    file: str | None = None,
) -> Claim:
    """Parse and resolve a claim written as a string (raises :class:`KaderError`)."""
    file = file or f"<stelling {name}>"
    expr = parse_claim(text, file)
    scope = Scope(
        feiten={n: f.type for n, f in kader.feiten.items()},
        parameters=kader.parameters,
        bouwstenen=kader.bouwstenen,
        thema_tops={t: thema.top for t, thema in kader.themas.items()},
    )
    problems: list[Diagnostic] = []
    condition = Resolver(scope, problems.append).resolve(expr, None, in_stelling=True)
    if problems:
        raise KaderCompileError(problems, {file: text})
    return Claim(name, condition, " ".join(text.split()), description)


def claims_of(kader: m.Kader) -> tuple[Claim, ...]:
    """The stellingen declared in the kader and its uitbreidingen."""
    return tuple(
        Claim(s.name, s.condition, cond_text(s.condition, sources=kader.sources), s.text)
        for s in kader.stellingen.values()
    )


# ------------------------------------------------------------------ evaluation


def relevant_bouwstenen(kader: m.Kader, cond: m.Cond) -> tuple[str, ...]:
    """Bouwstenen whose truth the claim can see, directly, through plateaus, or indirectly."""
    direct = set(m.bouwstenen_of(cond))
    for node in m.walk(cond):
        if isinstance(node, m.PlateauAtLeast):
            for plateau in kader.themas[node.thema].plateaus:
                direct.update(plateau.bouwstenen)
    found = closure(kader, direct)
    return tuple(q for q in kader.bouwstenen if q in found)


def involved_facts(kader: m.Kader, cond: m.Cond) -> tuple[str, ...]:
    """The facts that can change the claim's truth, in declaration order."""
    found = set(m.facts_of(cond))
    for qid in relevant_bouwstenen(kader, cond):
        condition = kader.bouwstenen[qid].condition
        if condition is not None:
            found |= m.facts_of(condition)
    return tuple(f for f in kader.feiten if f in found)


class _Evaluator:
    """The truth of one claim for many fact sets: compiled plan plus the interpreter."""

    def __init__(self, kader: m.Kader, cond: m.Cond, peildatum: dt.date):
        self.kader = kader
        self.cond = cond
        self.peildatum = peildatum
        self.index = kader.fact_index()
        self.bouwsteen_index = {q: i for i, q in enumerate(plan_of(kader).bouwsteen_ids)}
        self.thema_index = {t: i for i, t in enumerate(plan_of(kader).thema_ids)}
        self.calls = 0

    def run(self, values: Values) -> tuple[tuple[int, ...], tuple[int, ...]]:
        encoded: list[int | None] = [None] * len(self.index)
        for name, value in values.items():
            if value is not None:
                encoded[self.index[name]] = self.kader.feiten[name].type.encode(value)
        return plan_of(self.kader).run(encoded, self.peildatum)

    def environment(self, values: Values) -> tuple[Environment, tuple[int, ...], tuple[int, ...]]:
        """Assess ``values``; the environment a claim reads, with the raw truths and ranges."""
        truths, ranges = self.run(values)

        def plateau(thema: str) -> tuple[int, int]:
            i = self.thema_index[thema]
            return ranges[2 * i], ranges[2 * i + 1]

        env = Environment(
            self.kader,
            values,
            self.peildatum,
            lambda q: Truth(truths[self.bouwsteen_index[q]]),
            plateau=plateau,
        )
        return env, truths, ranges

    def trace(self, values: Values) -> tuple[Trace, tuple[int, ...], tuple[int, ...]]:
        self.calls += 1
        env, truths, ranges = self.environment(values)
        return trace(self.cond, env), truths, ranges

    def truth(self, values: Values) -> Truth:
        return self.trace(values)[0].truth

    def closeness(self, values: Values) -> float:
        """How near ``values`` come to violating the claim (1.0: violated), for targeting."""
        env, _, _ = self.environment(values)
        return _toward(self.kader, env, self.cond, False, 3)

    def violated(self, values: Values) -> bool:
        return self.truth(values) is Truth.FALSE


def _toward(kader: m.Kader, env: Environment, cond: m.Cond, goal: bool, depth: int) -> float:
    """A score in 0..1 of how near ``cond`` is to being ``goal`` (1.0: it is)."""
    current = truth(cond, env)
    if current is Truth.of(goal):
        return 1.0
    match cond:
        case m.Not(item):
            return _toward(kader, env, item, not goal, depth)
        case m.And(items) | m.Or(items):
            scores = [_toward(kader, env, i, goal, depth) for i in items]
            all_needed = goal == isinstance(cond, m.And)
            return sum(scores) / len(scores) if all_needed else max(scores)
        case m.AtLeast(count, items):
            scores = sorted((_toward(kader, env, i, goal, depth) for i in items), reverse=True)
            needed = scores[:count] if goal else scores[: len(scores) - count + 1]
            return sum(needed) / len(needed)
        case m.BouwsteenIs(qid) if depth > 0:
            condition = kader.bouwstenen[qid].full_condition
            return 0.9 * _toward(kader, env, condition, goal, depth - 1)
        case m.PlateauAtLeast(thema, op, value) if depth > 0:
            plateaus = kader.themas[thema].plateaus
            tests = {p: m.COMPARATORS[op](p, value) == goal for p in range(len(plateaus) + 1)}
            options = [0.0]
            targets = [p for p, ok in tests.items() if ok]
            if targets:
                # Reach some wanted level from below: all bouwstenen up to it must hold ...
                up = [q for pl in plateaus[: min(targets)] for q in pl.bouwstenen]
                bouwsteen_scores = [
                    _toward(kader, env, m.BouwsteenIs(q), True, depth - 1) for q in up
                ]
                options.append(sum(bouwsteen_scores) / max(len(bouwsteen_scores), 1))
                # ... or stay at a wanted level: one bouwsteen just above it fails.
                below = max(targets)
                if below < len(plateaus):
                    down = [q for pl in plateaus[: below + 1] for q in pl.bouwstenen]
                    options.append(
                        max(_toward(kader, env, m.BouwsteenIs(q), False, depth - 1) for q in down)
                    )
            return 0.9 * max(options)
    return 0.5 if current is Truth.UNKNOWN else 0.0


def claim_truth(
    kader: m.Kader, claim: Claim | m.Cond, values: Values, peildatum: dt.date | None = None
) -> Truth:
    """The truth of a claim for one fact set (``onwaar`` means the claim is violated)."""
    cond = claim.condition if isinstance(claim, Claim) else claim
    return _Evaluator(kader, cond, peildatum or dt.date.today()).truth(values)


# ------------------------------------------------------------------ results


@attrs.frozen
class ClaimResult:
    """The verdict on one claim."""

    kader_id: str
    claim: Claim
    holds: bool
    method: Literal["exhaustief", "zoektocht"]
    checked: int
    """Fact sets tried (combinations of boundary values, or search examples)."""
    combinations: int
    """How many combinations of boundary values the involved facts have."""
    involved: tuple[str, ...]
    peildatum: dt.date
    counterexample: Mapping[str, m.FactValue] | None = None
    """A minimal counter-example: only these facts known, all others unknown."""
    outcome: tuple[str, ...] = ()
    """What the claim's parts come to for the counter-example (Dutch lines)."""

    def counterexample_yaml(self) -> str | None:
        """The counter-example as a facts file, or None when the claim holds."""
        if self.counterexample is None:
            return None
        comment = [
            f"Tegenvoorbeeld voor stelling '{self.claim.name}' over kader {self.kader_id}:",
            f"  {self.claim.source}",
        ]
        if self.claim.text:
            comment.append(f'  "{self.claim.text}"')
        comment += [
            "Voor deze gemeente is de stelling onwaar. Alleen de feiten die ertoe doen staan",
            "erin; alle andere zijn onbekend, en hoe je die ook invult, de stelling blijft",
            "onwaar.",
        ]
        return facts_yaml(
            self.counterexample,
            gemeente=f"Tegenvoorbeeld {self.claim.name}",
            peildatum=self.peildatum,
            comment=comment,
        )

    def write_counterexample(self, path: str | Path) -> Path | None:
        """Write the counter-example facts file (creating folders); None when the claim holds."""
        text = self.counterexample_yaml()
        if text is None:
            return None
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def message(self, written: Path | None = None) -> str:
        """The verdict in Dutch, with the counter-example when the claim is false."""
        how = (
            f"alle {self.checked} combinaties van grenswaarden gecontroleerd"
            if self.method == "exhaustief"
            else f"zoektocht met {self.checked} voorbeelden, "
            f"{self.combinations} combinaties van grenswaarden is te veel om alle te proberen"
        )
        lines = [f"stelling '{self.claim.name}' over kader {self.kader_id}"]
        if self.claim.text:
            lines.append(f'  "{self.claim.text}"')
        lines.append(f"  {self.claim.source}")
        if self.holds:
            verdict = "klopt" if self.method == "exhaustief" else "niet weerlegd"
            lines.append(f"{verdict} ({how}; {len(self.involved)} feiten doen ertoe)")
            return "\n".join(lines)
        assert self.counterexample is not None
        lines.append(f"is ONWAAR ({how})")
        lines.append(
            f"kleinste tegenvoorbeeld ({len(self.counterexample)} feiten bekend, alle andere "
            f"onbekend; peildatum {self.peildatum.isoformat()}):"
        )
        lines.extend(
            f"    {name}: {m.format_value(value)}" for name, value in self.counterexample.items()
        )
        if self.outcome:
            lines.append("uitkomst voor dit tegenvoorbeeld:")
            lines.extend(f"    {line}" for line in self.outcome)
        if written is not None:
            lines.append(f"tegenvoorbeeld geschreven naar: {written}")
        return "\n".join(lines)


# ------------------------------------------------------------------ checking


def _simpler(value: m.FactValue, candidates: Iterable[m.FactValue]) -> list[m.FactValue]:
    """Boundary values simpler than ``value``, simplest first (counts and sets only)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return sorted(c for c in candidates if type(c) is int and c < value)
    if isinstance(value, frozenset):
        smaller: list[frozenset[str]] = [
            c for c in candidates if isinstance(c, frozenset) and len(c) < len(value)
        ]
        smaller.sort(key=lambda c: (len(c), sorted(c)))
        return list[m.FactValue](smaller)
    return []


def _simpler_keuze(type_: m.FactType, value: m.FactValue) -> list[m.FactValue]:
    if type_.kind != "keuze" or not isinstance(value, str):
        return []
    return list(type_.values[: type_.values.index(value)])


def minimize(
    evaluator: _Evaluator,
    example: Values,
    boundaries: Mapping[str, tuple[m.FactValue, ...]],
) -> dict[str, m.FactValue]:
    """Leave out every fact that can be left out, then make the other values small."""
    current: dict[str, m.FactValue] = {k: v for k, v in example.items() if v is not None}
    changed = True
    while changed:
        changed = False
        for name in list(current):
            trial = {k: v for k, v in current.items() if k != name}
            if evaluator.violated(trial):
                current = trial
                changed = True
        for name, value in list(current.items()):
            type_ = evaluator.kader.feiten[name].type
            options = _simpler_keuze(type_, value) or _simpler(value, boundaries.get(name, ()))
            for option in options:
                trial = {**current, name: option}
                if evaluator.violated(trial):
                    current = trial
                    changed = True
                    break
    return current


def _outcome(evaluator: _Evaluator, values: Values) -> tuple[str, ...]:
    root, _, ranges = evaluator.trace(values)
    lines: list[str] = []
    seen: set[str] = set()
    stack = [root]
    leaves: list[Trace] = []
    while stack:
        node = stack.pop()
        if not node.children:
            leaves.append(node)
        stack.extend(reversed(node.children))
    for leaf in leaves:
        cond = leaf.cond
        if isinstance(cond, m.PlateauAtLeast):
            i = evaluator.thema_index[cond.thema]
            low, high = ranges[2 * i], ranges[2 * i + 1]
            shown = str(low) if low == high else f"{low}..{high}"
            line = f"plateau({cond.thema}) = {shown}"
        elif isinstance(cond, m.BouwsteenIs):
            line = f"{cond.bouwsteen}: {leaf.truth}"
        else:
            line = f"{cond_text(cond)}: {leaf.truth}"
        if line not in seen:
            seen.add(line)
            lines.append(line)
    lines.append(f"stelling: {root.truth}")
    return tuple(lines)


def check_claim(
    kader: m.Kader,
    claim: Claim | m.Stelling | str,
    *,
    peildatum: dt.date | None = None,
    max_exhaustive: int = MAX_EXHAUSTIVE,
    max_examples: int = 2_000,
) -> ClaimResult:
    """Check one claim; a false one comes with a minimal counter-example."""
    if isinstance(claim, str):
        claim = claim_from_text(kader, claim)
    elif isinstance(claim, m.Stelling):
        claim = Claim(
            claim.name,
            claim.condition,
            cond_text(claim.condition, sources=kader.sources),
            claim.text,
        )
    day = peildatum or dt.date.today()
    evaluator = _Evaluator(kader, claim.condition, day)
    involved = involved_facts(kader, claim.condition)
    conditions = [claim.condition] + [
        kader.bouwstenen[q].full_condition for q in relevant_bouwstenen(kader, claim.condition)
    ]
    boundaries = boundary_values(kader, conditions, peildatum=day, facts=involved)
    combinations = math.prod(len(boundaries[f]) for f in involved)
    found: Values | None = None
    if combinations <= max_exhaustive:
        method: Literal["exhaustief", "zoektocht"] = "exhaustief"
        for combination in itertools.product(*(boundaries[f] for f in involved)):
            values = dict(zip(involved, combination, strict=True))
            if evaluator.violated(values):
                found = values
                break
    else:
        method = "zoektocht"
        strategy = facts(kader, 0.0, peildatum=day, only=involved, conditions=conditions)

        def violated(values: Values) -> bool:
            target(evaluator.closeness(values), label="nabij onwaar")
            return evaluator.violated(values)

        try:
            found = find(
                strategy,
                violated,
                settings=settings(
                    max_examples=max_examples,
                    derandomize=True,
                    database=None,
                    deadline=None,
                    suppress_health_check=list(HealthCheck),
                ),
            )
        except NoSuchExample:
            found = None
    checked = evaluator.calls
    if found is None:
        return ClaimResult(kader.id, claim, True, method, checked, combinations, involved, day)
    minimal = minimize(evaluator, found, boundaries)
    ordered = {f: minimal[f] for f in kader.feiten if f in minimal}
    return ClaimResult(
        kader.id,
        claim,
        False,
        method,
        checked,
        combinations,
        involved,
        day,
        ordered,
        _outcome(evaluator, ordered),
    )


def check_claims(
    kader: m.Kader,
    *,
    peildatum: dt.date | None = None,
    max_exhaustive: int = MAX_EXHAUSTIVE,
    max_examples: int = 2_000,
) -> list[ClaimResult]:
    """Check every stelling declared in the kader (and its uitbreidingen)."""
    return [
        check_claim(
            kader,
            claim,
            peildatum=peildatum,
            max_exhaustive=max_exhaustive,
            max_examples=max_examples,
        )
        for claim in claims_of(kader)
    ]
