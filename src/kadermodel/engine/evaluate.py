"""Kader -> compiled evaluation plan; (plan, facts, peildatum) -> :class:`Assessment`.

The plan is Python code generated from a fixed set of templates, one per resolved condition
node type (:mod:`kadermodel.model`), then compiled once per kader. Nothing a user wrote is
ever executed: names become indexes into the facts vector, values become integer constants
that this module computed itself. An assessment runs one function over the encoded facts:
no parsing, no graph search, no dictionary lookups.

Truths are small ints (``onwaar 0 < onbekend 1 < waar 2``, see :mod:`kadermodel.logic`), so
Kleene *and* / *or* / *niet* are ``min`` / ``max`` / ``2 - x``.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from kadermodel import model as m
from kadermodel.engine.order import evaluation_order
from kadermodel.gcpause import pause_gc
from kadermodel.logic import Truth

if TYPE_CHECKING:
    from kadermodel.facts.core import Facts

AssessFunction = Callable[
    [Sequence[int | None], Sequence[int]], tuple[tuple[int, ...], tuple[int, ...]]
]

_OPERATORS = {"=": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=", "na": ">"}
_OPERATORS["voor"] = "<"


def _at_least(count: int, *values: int) -> int:
    true = values.count(2)
    if true >= count:
        return 2
    return 0 if true + values.count(1) < count else 1


CHUNK = 300
"""Bouwstenen per generated function in large kaders."""


@attrs.frozen(eq=False)
class Plan:
    """A kader compiled for evaluation."""

    bouwsteen_ids: tuple[str, ...]
    """Bouwsteen ids in declaration order: the order of the truths vector."""
    thema_ids: tuple[str, ...]
    windows: tuple[tuple[int, str], ...]
    """Distinct ``binnen`` windows (amount, unit); their cut-off dates depend on the peildatum."""
    function: AssessFunction = attrs.field(repr=False)
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


class _CodeGen:
    """Generates the assessment function's source from resolved conditions."""

    def __init__(self, kader: m.Kader):
        self.kader = kader
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
        return type_.encode(operand.value)

    def expr(self, cond: m.Cond) -> str:
        match cond:
            case m.FactIs(fact):
                f = self.fact(fact)
                return f"(1 if {f} is None else {f} + {f})"
            case m.ParamIs(param):
                return "2" if self.param(param)[1] else "0"
            case m.Compare(left, op, right, type_):
                a, b = self.operand(left, type_), self.operand(right, type_)
                if isinstance(a, int) and isinstance(b, int):
                    return "2" if m.COMPARATORS[op](a, b) else "0"
                test = f"{a} {_OPERATORS[op]} {b}"
                unknowns = [v for v in (a, b) if isinstance(v, str)]
                guard = " or ".join(f"{v} is None" for v in unknowns)
                return f"(1 if {guard} else (2 if {test} else 0))"
            case m.Member(fact, kind, values):
                type_ = self.kader.feiten[fact].type
                f = self.fact(fact)
                if kind == "in":
                    codes = sorted(type_.values.index(v) for v in values)
                    test = f"{f} in {set(codes)!r}" if codes else "False"
                else:
                    mask = sum(1 << type_.values.index(v) for v in values)
                    test = f"{f} & {mask} == {mask}" if kind == "alle" else f"{f} & {mask}"
                return f"(1 if {f} is None else (2 if {test} else 0))"
            case m.Within(fact, amount, unit):
                f = self.fact(fact)
                window = self.windows.setdefault((amount, unit), len(self.windows) + 1)
                return f"(1 if {f} is None else (2 if w{window} <= {f} <= peil else 0))"
            case m.BouwsteenIs(qid):
                return f"b{self.bouwsteen_index[qid]}"
            case m.Not(item):
                return f"(2 - {self.expr(item)})"
            case m.And(items):
                return self.nary("min", items)
            case m.Or(items):
                return self.nary("max", items)
            case m.AtLeast(count, items):
                return f"_at_least({count}, {', '.join(self.expr(i) for i in items)})"
            case m.PlateauAtLeast():
                raise ValueError("plateau(...) is only allowed in stellingen")
        raise AssertionError(cond)  # pragma: no cover

    def nary(self, function: str, items: tuple[m.Cond, ...]) -> str:
        kind = m.And if function == "min" else m.Or
        flat: list[m.Cond] = []
        for item in items:  # min(a, min(b, c)) == min(a, b, c): one call instead of two
            flat.extend(item.items if isinstance(item, kind) else (item,))
        parts = [self.expr(i) for i in flat]
        if len(parts) == 1:
            return parts[0]
        return f"{function}({', '.join(parts)})"

    def statement(self, qid: str) -> tuple[str, set[int], set[int]]:
        """The line computing one bouwsteen, the facts it reads and the bouwstenen it uses."""
        self.used_facts = set()
        bouwsteen = self.kader.bouwstenen[qid]
        code = f"b{self.bouwsteen_index[qid]} = {self.expr(bouwsteen.full_condition)}"
        used = {self.bouwsteen_index[d] for d in bouwsteen.depends_on}
        return code, self.used_facts, used

    def thema_range(self, thema: m.Thema, number: int) -> tuple[list[str], str, str, set[int]]:
        """Lines for a thema's plateau levels, its low and high expressions, bouwstenen read."""
        lines: list[str] = []
        names: list[str] = []
        used: set[int] = set()
        for plateau in thema.plateaus:
            members = [self.bouwsteen_index[q] for q in plateau.bouwstenen]
            used.update(members)
            level = ", ".join(f"b{i}" for i in members)
            name = f"p_{number}_{plateau.number}"
            lines.append(f"{name} = {level if len(members) == 1 else f'min({level})'}")
            names.append(name)
        low = high = str(len(names))
        for top in range(len(names), 0, -1):
            low = f"({top - 1} if {names[top - 1]} != 2 else {low})"
            high = f"({top - 1} if {names[top - 1]} == 0 else {high})"
        return lines, low, high, used

    def windows_line(self) -> str:
        names = ", ".join(["peil", *(f"w{i}" for i in range(1, len(self.windows) + 1))])
        return f"    {names}, = c"

    def generate(self) -> list[str]:
        """Function sources, the last one ``_assess(v, c) -> (truths, ranges)``.

        Small kaders get one function with every value in a local variable (fastest). Large
        ones are split into parts of :data:`CHUNK` bouwstenen sharing a list, because
        CPython compiles one huge function much more slowly than several small ones.
        """
        statements = [self.statement(qid) for qid in evaluation_order(self.kader)]
        themas = [
            self.thema_range(thema, number)
            for number, thema in enumerate(self.kader.themas.values())
        ]
        count = len(self.bouwsteen_index)
        if count <= CHUNK:
            lines = ["def _assess(v, c):", ""]
            facts: set[int] = set()
            for code, used_facts, _ in statements:
                lines.append(f"    {code}")
                facts |= used_facts
            ranges = []
            for range_lines, low, high, _ in themas:
                lines.extend(f"    {line}" for line in range_lines)
                ranges.extend([low, high])
            lines[1] = "\n".join(
                [self.windows_line(), *(f"    f{i} = v[{i}]" for i in sorted(facts))]
            )
            truths = "".join(f"b{i}, " for i in range(count))
            lines.append(f"    return ({truths}), ({''.join(f'{r}, ' for r in ranges)})")
            return ["\n".join(lines) + "\n"]
        functions: list[list[str]] = []
        calls: list[str] = []
        for start in range(0, len(statements), CHUNK):
            chunk = statements[start : start + CHUNK]
            defined = {int(code.split(" ", 1)[0][1:]) for code, _, _ in chunk}
            facts = set().union(*(f for _, f, _ in chunk))
            needed = set().union(*(u for _, _, u in chunk)) - defined
            name = f"_part_{len(calls)}"
            parts = [f"def {name}(v, c, b):"]
            functions.append(parts)
            parts.append(self.windows_line())
            parts.extend(f"    f{i} = v[{i}]" for i in sorted(facts))
            parts.extend(f"    b{i} = b[{i}]" for i in sorted(needed))
            parts.extend(f"    {code}" for code, _, _ in chunk)
            parts.extend(f"    b[{i}] = b{i}" for i in sorted(defined))
            calls.append(f"    {name}(v, c, b)")
        range_calls: list[str] = []
        for start in range(0, len(themas), CHUNK):
            group = themas[start : start + CHUNK]
            name = f"_ranges_{len(range_calls)}"
            used = set().union(*(u for _, _, _, u in group))
            parts = [f"def {name}(b):"]
            functions.append(parts)
            parts.extend(f"    b{i} = b[{i}]" for i in sorted(used))
            ranges = []
            for range_lines, low, high, _ in group:
                parts.extend(f"    {line}" for line in range_lines)
                ranges.extend([low, high])
            parts.append(f"    return ({', '.join(ranges)},)")
            range_calls.append(f"{name}(b)")
        main = ["def _assess(v, c):", f"    b = [0] * {count}", *calls]
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


def compile_plan(kader: m.Kader) -> Plan:
    """Generate and compile the assessment function for ``kader``."""
    generator = _CodeGen(kader)
    with pause_gc():
        functions = generator.generate()
    namespace: dict[str, Any] = {
        "_at_least": _at_least,
        "__builtins__": {"min": min, "max": max, "tuple": tuple},
    }
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


# ------------------------------------------------------------------ results


@attrs.frozen
class PlateauRange:
    """The plateau of a thema: ``low`` is certainly reached, ``high`` is still reachable.

    ``low == high`` means decided. 0 means plateau 1 is not reached.
    """

    low: int
    high: int

    @property
    def decided(self) -> bool:
        return self.low == self.high

    def __str__(self) -> str:
        if self.decided:
            return str(self.low)
        return f"minimaal {self.low}, mogelijk {self.high}"


@attrs.frozen
class ThemaResult:
    id: str
    title: str
    plateau: PlateauRange
    top: int
    """The highest plateau this thema has."""


@attrs.frozen
class BouwsteenResult:
    id: str
    truth: Truth
    bouwsteen: m.Bouwsteen = attrs.field(repr=False)


class _LazyMapping(Mapping[str, Any]):
    """A read-only mapping over precomputed keys whose values are built on first access."""

    __slots__ = ("_build", "_keys", "_positions", "_values")

    def __init__(
        self, keys: tuple[str, ...], positions: Mapping[str, int], build: Callable[[int], Any]
    ):
        self._keys = keys
        self._positions = positions
        self._build = build
        self._values: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        value = self._values.get(key)
        if value is None:
            value = self._values[key] = self._build(self._positions[key])
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


@attrs.frozen(eq=False)
class Assessment:
    """The result of assessing one municipality's facts against a kader."""

    kader: m.Kader = attrs.field(repr=False)
    facts: Facts = attrs.field(repr=False)
    peildatum: dt.date
    truths: tuple[int, ...] = attrs.field(repr=False)
    """Bouwsteen truths as ints, in the kader's declaration order."""
    ranges: tuple[int, ...] = attrs.field(repr=False)
    """(low, high) per thema, flattened, in declaration order."""

    @property
    def themas(self) -> Mapping[str, ThemaResult]:
        """Per thema id: title, :class:`PlateauRange` and top plateau."""
        plan = plan_of(self.kader)
        return _LazyMapping(plan.thema_ids, plan.thema_position, self._thema_result)

    def _thema_result(self, index: int) -> ThemaResult:
        thema = self.kader.themas[plan_of(self.kader).thema_ids[index]]
        plateau = PlateauRange(self.ranges[2 * index], self.ranges[2 * index + 1])
        return ThemaResult(thema.id, thema.title, plateau, thema.top)

    @property
    def bouwstenen(self) -> Mapping[str, BouwsteenResult]:
        """Per bouwsteen id (``thema.bouwsteen``): its :class:`Truth`."""
        plan = plan_of(self.kader)
        return _LazyMapping(plan.bouwsteen_ids, plan.bouwsteen_position, self._bouwsteen_result)

    def _bouwsteen_result(self, index: int) -> BouwsteenResult:
        qid = plan_of(self.kader).bouwsteen_ids[index]
        return BouwsteenResult(qid, Truth(self.truths[index]), self.kader.bouwstenen[qid])

    def truth(self, bouwsteen: str) -> Truth:
        return Truth(self.truths[plan_of(self.kader).bouwsteen_position[bouwsteen]])

    def plateau(self, thema: str) -> PlateauRange:
        index = plan_of(self.kader).thema_position[thema]
        return PlateauRange(self.ranges[2 * index], self.ranges[2 * index + 1])


def evaluate(kader: m.Kader, facts: Facts, peildatum: dt.date) -> Assessment:
    """Run the compiled plan of ``kader`` over ``facts`` (already encoded for this kader)."""
    truths, ranges = plan_of(kader).run(facts.encoded, peildatum)
    return Assessment(kader, facts, peildatum, truths, ranges)
