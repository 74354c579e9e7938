"""Kader -> compiled evaluation :class:`Plan` (generated Python, compiled once per kader).

The plan is Python code generated from a fixed set of templates, one per resolved condition
node type (:mod:`kadermodel.model`), then compiled once per kader. Nothing a user wrote is
ever executed: names become indexes into the facts vector, values become integer constants
that this module computed itself.

Three-valued logic with short-circuits: every condition becomes two plain Python boolean
expressions, "certainly true" (``T``) and "certainly false" (``F``). Kleene's operators are
then ``T(a en b) = T(a) and T(b)``, ``F(a en b) = F(a) or F(b)``, the dual for *of*, and
``niet`` swaps the two, so a conjunction stops at its first onwaar and a disjunction at its
first waar, and ``niet niet x`` costs nothing. A bouwsteen's truth is stored as an int
(``onwaar 0 < onbekend 1 < waar 2``, see :mod:`kadermodel.logic`):
``b = 2 if T else 0 if F else 1``. Constants (ja_nee parameters, comparisons of constants)
are folded and repeated sub-conditions of one *en*/*of* are evaluated once.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import attrs

from kadermodel import model as m
from kadermodel.engine.order import evaluation_order
from kadermodel.gcpause import pause_gc

AssessFunction = Callable[
    [Sequence[int | None], Sequence[int]], tuple[tuple[int, ...], tuple[int, ...]]
]

_OPERATORS = {"=": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "na": ">"}
_OPERATORS["voor"] = "<"
_NEGATED = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}

CHUNK = 1_000
"""Bouwstenen per generated function in large kaders.

Measured on the benchmark's kaders (``benchmarks/bench.py``): one function for a kader of
1,000 bouwstenen runs about 15 % faster than parts of 300 (no list between the parts) and
compiles no slower. Larger parts ran no faster for 10,000 bouwstenen, and compiling a part of
2,000 needs some 70 MB at its peak (40 MB for 1,000)."""

RANGES_CHUNK = 300
"""Thema's per generated function computing the plateau ranges in large kaders (one tuple
expression each: CPython's compiler needs much memory for a very long one)."""

_TRUE, _FALSE = "True", "False"


@attrs.frozen(eq=False)
class Plan:
    """A kader compiled for evaluation."""

    bouwsteen_ids: tuple[str, ...]
    """Bouwsteen ids in declaration order: the order of the truths vector."""
    thema_ids: tuple[str, ...]
    windows: tuple[tuple[int, str], ...]
    """Distinct ``binnen`` windows (amount, unit); their cut-off dates depend on the peildatum."""
    function: AssessFunction = attrs.field(repr=False)
    """``function(encoded facts, cutoffs) -> (truths, ranges)``."""
    source: str = attrs.field(repr=False)
    """The generated code, for the curious and for debugging."""
    _cutoffs: dict[dt.date, tuple[int, ...]] = attrs.field(factory=dict, init=False, repr=False)
    bouwsteen_position: Mapping[str, int] = attrs.field(init=False, repr=False)
    thema_position: Mapping[str, int] = attrs.field(init=False, repr=False)

    @bouwsteen_position.default
    def _bouwsteen_position(self) -> Mapping[str, int]:
        return {qid: i for i, qid in enumerate(self.bouwsteen_ids)}

    @thema_position.default
    def _thema_position(self) -> Mapping[str, int]:
        return {tid: i for i, tid in enumerate(self.thema_ids)}

    def cutoffs(self, peildatum: dt.date) -> tuple[int, ...]:
        """The peildatum and each window's earliest date, as ordinals."""
        found = self._cutoffs.get(peildatum)
        if found is None:
            found = (
                peildatum.toordinal(),
                *(m.subtract(peildatum, a, u).toordinal() for a, u in self.windows),
            )
            if len(self._cutoffs) < 1024:
                self._cutoffs[peildatum] = found
        return found

    def run(
        self, encoded: Sequence[int | None], peildatum: dt.date
    ) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return self.function(encoded, self.cutoffs(peildatum))


def _group(expr: str) -> str:
    """``expr`` in parentheses unless it is a name, a constant or already one group."""
    if expr.isidentifier() or expr.isdigit():
        return expr
    return f"({expr})"


def _all(parts: list[str]) -> str:
    """Short-circuit ``and`` of boolean expressions, folding constants."""
    kept = dict.fromkeys(p for p in parts if p != _TRUE)  # each sub-condition once
    if _FALSE in kept:
        return _FALSE
    if not kept:
        return _TRUE
    return next(iter(kept)) if len(kept) == 1 else " and ".join(_group(p) for p in kept)


def _any(parts: list[str]) -> str:
    """Short-circuit ``or`` of boolean expressions, folding constants."""
    kept = dict.fromkeys(p for p in parts if p != _FALSE)  # each sub-condition once
    if _TRUE in kept:
        return _TRUE
    if not kept:
        return _FALSE
    return next(iter(kept)) if len(kept) == 1 else " or ".join(_group(p) for p in kept)


def _count_at_least(count: int, parts: list[str]) -> str:
    """Whether at least ``count`` of the boolean expressions hold."""
    constant = sum(1 for p in parts if p == _TRUE)
    rest = [p for p in parts if p not in (_TRUE, _FALSE)]
    need = count - constant
    if need <= 0:
        return _TRUE
    if need > len(rest):
        return _FALSE
    if need == len(rest):
        return _all(rest)
    if need == 1:
        return _any(rest)
    return f"{' + '.join(_group(p) for p in rest)} >= {need}"


def _finite_domain(type_: m.FactType) -> range | None:
    """The codes of a type with few values (keuze, ja_nee), else None."""
    if type_.kind == "keuze":
        return range(len(type_.values))
    if type_.kind == "ja_nee":
        return range(2)
    return None


def _in(variable: str, codes: set[int]) -> str:
    if not codes:
        return _FALSE
    return f"{variable} in {{{', '.join(str(c) for c in sorted(codes))}}}"


def truth_code(true: str, false: str) -> str:
    """The int truth (0, 1, 2) of a condition from its T and F expressions."""
    if true == _TRUE:
        return "2"
    if false == _TRUE:
        return "0"
    if true == _FALSE:
        return "1" if false == _FALSE else f"0 if {false} else 1"
    if false == _FALSE:
        return f"2 if {true} else 1"
    return f"2 if {true} else 0 if {false} else 1"


class _CodeGen:
    """Generates the assessment function's source from resolved conditions."""

    def __init__(self, kader: m.Kader, overrides: bool = False):
        self.kader = kader
        self.overrides = overrides
        """Generate ``_assess(v, c, a)``: a bouwsteen whose index is in the set ``a`` is
        waar (an afwijking) whatever its condition says."""
        self.fact_index = kader.fact_index()
        self.bouwsteen_index = {qid: i for i, qid in enumerate(kader.bouwstenen)}
        self.windows: dict[tuple[int, str], int] = {}
        self.used_facts: set[int] = set()

    def fact(self, name: str) -> str:
        index = self.fact_index[name]
        self.used_facts.add(index)
        return f"f{index}"

    def param(self, name: str) -> tuple[m.FactType, m.FactValue]:
        parameter = self.kader.parameters[name]
        return parameter.type, parameter.value

    def operand(self, operand: m.Operand, type_: m.FactType) -> str | int:
        """A fact variable's name, or the encoded constant for one side of a comparison."""
        if isinstance(operand, m.FactOperand):
            return self.fact(operand.name)
        if isinstance(operand, m.ParamOperand):
            p_type, value = self.param(operand.name)
            return p_type.encode(value)
        if isinstance(operand, m.PeildatumOperand):
            raise ValueError("peildatum is only allowed in controles")
        return type_.encode(operand.value)

    def pair(self, cond: m.Cond) -> tuple[str, str]:
        """The "certainly true" and "certainly false" expressions of a condition."""
        match cond:
            case m.FactIs(fact):
                f = self.fact(fact)
                return f"{f} == 1", f"{f} == 0"
            case m.ParamIs(param):
                return (_TRUE, _FALSE) if self.param(param)[1] else (_FALSE, _TRUE)
            case m.Compare(left, op, right, type_):
                return self.compare(left, op, right, type_)
            case m.Member(fact, kind, values):
                return self.member(fact, kind, values)
            case m.Within(fact, amount, unit):
                f = self.fact(fact)
                window = self.windows.setdefault((amount, unit), len(self.windows) + 1)
                test = f"w{window} <= {f} <= peil"
                return f"{f} is not None and {test}", f"{f} is not None and not {test}"
            case m.BouwsteenIs(qid):
                b = f"b{self.bouwsteen_index[qid]}"
                return f"{b} == 2", f"not {b}"
            case m.Not(item):
                true, false = self.pair(item)
                return false, true
            case m.And(items):
                pairs = [self.pair(i) for i in self.flat(m.And, items)]
                return _all([t for t, _ in pairs]), _any([f for _, f in pairs])
            case m.Or(items):
                pairs = [self.pair(i) for i in self.flat(m.Or, items)]
                return _any([t for t, _ in pairs]), _all([f for _, f in pairs])
            case m.AtLeast(count, items):
                pairs = [self.pair(i) for i in items]
                # onwaar when fewer than ``count`` can still hold: more than n - count are onwaar
                return (
                    _count_at_least(count, [t for t, _ in pairs]),
                    _count_at_least(len(pairs) - count + 1, [f for _, f in pairs]),
                )
            case m.PlateauAtLeast():
                raise ValueError("plateau(...) is only allowed in stellingen")
        raise AssertionError(cond)  # pragma: no cover

    @staticmethod
    def flat(kind: type[m.And] | type[m.Or], items: tuple[m.Cond, ...]) -> list[m.Cond]:
        """Nested conjunctions (or disjunctions) as one list (repeats are dropped later, by
        their generated code)."""
        flat: list[m.Cond] = []
        stack = list(reversed(items))
        while stack:
            item = stack.pop()
            if isinstance(item, kind):
                stack.extend(reversed(item.items))
            else:
                flat.append(item)
        return flat

    def compare(
        self, left: m.Operand, op: str, right: m.Operand, type_: m.FactType
    ) -> tuple[str, str]:
        a, b = self.operand(left, type_), self.operand(right, type_)
        if isinstance(a, int) and isinstance(b, int):
            return (_TRUE, _FALSE) if m.COMPARATORS[op](a, b) else (_FALSE, _TRUE)
        domain = _finite_domain(type_)
        if domain is not None and (isinstance(a, int) or isinstance(b, int)):
            # a keuze or ja_nee fact against a constant: the codes that make it hold
            compare = m.COMPARATORS[op]
            if isinstance(a, int):
                assert isinstance(b, str)
                codes, variable = {c for c in domain if compare(a, c)}, b
            else:
                codes, variable = {c for c in domain if compare(c, b)}, a
            return _in(variable, codes), _in(variable, set(domain) - codes)
        python_op = _OPERATORS[op]
        test = f"{a} {python_op} {b}"
        negated = f"{a} {_NEGATED[python_op]} {b}"
        variables = [v for v in (a, b) if isinstance(v, str)]
        guard = " and ".join(f"{v} is not None" for v in variables)
        # ``None == 3`` is simply False: an equality with a constant needs no guard
        bare = len(variables) == 1
        true = test if bare and python_op == "==" else f"{guard} and {test}"
        false = negated if bare and python_op == "!=" else f"{guard} and {negated}"
        return true, false

    def member(self, fact: str, kind: str, values: tuple[str, ...]) -> tuple[str, str]:
        type_ = self.kader.feiten[fact].type
        f = self.fact(fact)
        if kind == "in":
            codes = {type_.values.index(v) for v in values}
            others = set(range(len(type_.values))) - codes
            # None is in neither set: both are False for an unknown value
            return _in(f, codes), _in(f, others)
        mask = sum(1 << type_.values.index(v) for v in values)
        known = f"{f} is not None"
        if kind == "alle":
            if not mask:
                return known, _FALSE
            return f"{known} and {f} & {mask} == {mask}", f"{known} and {f} & {mask} != {mask}"
        if not mask:
            return _FALSE, known
        return f"{known} and {f} & {mask} != 0", f"{known} and {f} & {mask} == 0"

    def statement(self, qid: str) -> tuple[str, set[int], set[int]]:
        """The line computing one bouwsteen, the facts it reads and the bouwstenen it uses."""
        self.used_facts = set()
        bouwsteen = self.kader.bouwstenen[qid]
        true, false = self.pair(bouwsteen.full_condition)
        index = self.bouwsteen_index[qid]
        truth = truth_code(true, false)
        if self.overrides:
            truth = f"2 if {index} in a else {truth}"
        code = f"b{index} = {truth}"
        used = {self.bouwsteen_index[d] for d in bouwsteen.depends_on}
        return code, self.used_facts, used

    def thema_range(self, thema: m.Thema) -> tuple[str, str, set[int]]:
        """A thema's low and high plateau expressions and the bouwstenen they read.

        ``low`` is the first plateau not certainly reached, ``high`` the first certainly not.
        """
        used: set[int] = set()
        low = high = str(len(thema.plateaus))
        for top in range(len(thema.plateaus), 0, -1):
            members = [self.bouwsteen_index[q] for q in thema.plateaus[top - 1].bouwstenen]
            used.update(members)
            reached = _all([f"b{i} == 2" for i in members])
            missed = _any([f"not b{i}" for i in members])
            low = f"({top - 1} if not ({reached}) else {low})"
            high = f"({top - 1} if {missed} else {high})"
        return low, high, used

    def one_function(
        self,
        statements: list[tuple[str, set[int], set[int]]] | None = None,
        themas: list[tuple[str, str, set[int]]] | None = None,
    ) -> tuple[list[str], list[str], str]:
        """For a kader of at most :data:`CHUNK` bouwstenen: the lines reading the facts
        (``f3 = v[3]``), the lines computing the bouwstenen, and the ``(truths), (ranges)``
        expression; indented for a function body."""
        if statements is None:
            statements = [self.statement(qid) for qid in evaluation_order(self.kader)]
        if themas is None:
            themas = [self.thema_range(thema) for thema in self.kader.themas.values()]
        facts: set[int] = set().union(*(used for _, used, _ in statements))
        reads = [f"    f{i} = v[{i}]" for i in sorted(facts)]
        body = [f"    {code}" for code, _, _ in statements]
        truths = "".join(f"b{i}, " for i in range(len(statements)))
        ranges = "".join(f"{low}, {high}, " for low, high, _ in themas)
        return reads, body, f"({truths}), ({ranges})"

    def windows_line(self) -> str:
        names = ", ".join(["peil", *(f"w{i}" for i in range(1, len(self.windows) + 1))])
        return f"    {names}, = c"

    def generate(self) -> list[str]:
        """Function sources, the last one ``_assess(v, c) -> (truths, ranges)``.

        Kaders of up to :data:`CHUNK` bouwstenen get one function with every value in a
        local variable (fastest). Larger ones are split into parts of :data:`CHUNK`
        bouwstenen sharing a list, because CPython compiles one huge function more slowly
        than several smaller ones.
        """
        statements = [self.statement(qid) for qid in evaluation_order(self.kader)]
        themas = [self.thema_range(thema) for thema in self.kader.themas.values()]
        count = len(self.bouwsteen_index)
        a = ", a" if self.overrides else ""
        if count <= CHUNK:
            reads, body, result = self.one_function(statements, themas)
            lines = [f"def _assess(v, c{a}):", self.windows_line(), *reads, *body]
            lines.append(f"    return {result}")
            return ["\n".join(lines) + "\n"]
        functions: list[list[str]] = []
        calls: list[str] = []
        for start in range(0, len(statements), CHUNK):
            chunk = statements[start : start + CHUNK]
            defined = {int(code.split(" ", 1)[0][1:]) for code, _, _ in chunk}
            facts = set().union(*(f for _, f, _ in chunk))
            needed = set().union(*(u for _, _, u in chunk)) - defined
            name = f"_part_{len(calls)}"
            parts = [f"def {name}(v, c, b{a}):"]
            functions.append(parts)
            parts.append(self.windows_line())
            parts.extend(f"    f{i} = v[{i}]" for i in sorted(facts))
            parts.extend(f"    b{i} = b[{i}]" for i in sorted(needed))
            parts.extend(f"    {code}" for code, _, _ in chunk)
            parts.extend(f"    b[{i}] = b{i}" for i in sorted(defined))
            calls.append(f"    {name}(v, c, b{a})")
        range_calls: list[str] = []
        for start in range(0, len(themas), RANGES_CHUNK):
            group = themas[start : start + RANGES_CHUNK]
            name = f"_ranges_{len(range_calls)}"
            used = set().union(*(u for _, _, u in group))
            parts = [f"def {name}(b):"]
            functions.append(parts)
            parts.extend(f"    b{i} = b[{i}]" for i in sorted(used))
            ranges = []
            for low, high, _ in group:
                ranges.extend([low, high])
            parts.append(f"    return ({', '.join(ranges)},)")
            range_calls.append(f"{name}(b)")
        main = [f"def _assess(v, c{a}):", f"    b = [0] * {count}", *calls]
        main.append(f"    return tuple(b), {' + '.join(range_calls) or '()'}")
        functions.append(main)
        return ["\n".join(lines) + "\n" for lines in functions]


_PLANS: weakref.WeakKeyDictionary[m.Kader, Plan] = weakref.WeakKeyDictionary()


def plan_of(kader: m.Kader) -> Plan:
    """The compiled plan of ``kader``, compiled once per kader (cached by identity)."""
    plan = _PLANS.get(kader)
    if plan is None:
        plan = _PLANS[kader] = compile_plan(kader)
    return plan


OverrideFunction = Callable[
    [Sequence[int | None], Sequence[int], frozenset[int]],
    tuple[tuple[int, ...], tuple[int, ...]],
]
"""``function(encoded facts, cutoffs, met) -> (truths, ranges)``: ``met`` holds the indexes
of the bouwstenen that count as waar (a valid afwijking)."""

_OVERRIDES: weakref.WeakKeyDictionary[m.Kader, OverrideFunction] = weakref.WeakKeyDictionary()


def override_function(kader: m.Kader) -> OverrideFunction:
    """The assessment function of ``kader`` that takes bouwstenen met via an afwijking
    (compiled on first use, once per kader: most assessments have no afwijking)."""
    found = _OVERRIDES.get(kader)
    if found is None:
        function = compile_plan(kader, overrides=True).function
        found = _OVERRIDES[kader] = cast(OverrideFunction, function)
    return found


def run_with_afwijkingen(
    kader: m.Kader, encoded: Sequence[int | None], peildatum: dt.date, met: frozenset[int]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The plan's result with the bouwstenen at the indexes ``met`` counted as waar."""
    plan = plan_of(kader)
    if not met:
        return plan.run(encoded, peildatum)
    return override_function(kader)(encoded, plan.cutoffs(peildatum), met)


def compile_plan(kader: m.Kader, *, overrides: bool = False) -> Plan:
    """Generate and compile the assessment function for ``kader`` (with ``overrides``: the
    variant that takes a set of bouwstenen met via an afwijking, see
    :func:`override_function`)."""
    generator = _CodeGen(kader, overrides)
    with pause_gc():
        functions = generator.generate()
    namespace: dict[str, Any] = {"__builtins__": {"tuple": tuple}}
    # One compile per function: CPython compiles many small units faster than one big one.
    with pause_gc():
        for function in functions:
            exec(compile(function, f"<kadermodel plan {kader.id}>", "exec"), namespace)
    source = "".join(functions)
    windows = tuple(sorted(generator.windows, key=generator.windows.__getitem__))
    return Plan(
        tuple(kader.bouwstenen),
        tuple(kader.themas),
        windows,
        namespace["_assess"],
        source,
    )
