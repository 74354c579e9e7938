"""Two-valued baselines for the benchmark: what the same rules cost without kadermodel.

Both take the same resolved rules (a :class:`kadermodel.Kader`) and the same plain dict of
Python values per municipality, and give the plateau per thema. They are *two-valued*: a fact
that is missing counts as false (so ``niet x`` of a missing ``x`` holds), they check nothing
and explain nothing. That is the least any engine has to do:

- :func:`closures`: one hand-written Python closure per condition node, composed;
- :func:`generated`: one generated Python function for the whole kader (about the limit of
  what CPython can do).

Both are cross-checked against kadermodel on fully known facts (where two- and three-valued
logic agree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from kadermodel import Kader
from kadermodel import model as m

Row = Mapping[str, Any]
Baseline = Callable[[Row], tuple[int, ...]]


def _value(kader: Kader, operand: m.Operand) -> Any:
    if isinstance(operand, m.ParamOperand):
        return kader.parameters[operand.name].value
    assert isinstance(operand, m.Const)
    return operand.value


def _key(type_: m.FactType) -> Callable[[Any], Any]:
    if type_.kind == "keuze":
        index = {v: i for i, v in enumerate(type_.values)}
        return index.__getitem__
    return lambda v: v


def closures(kader: Kader, peildatum: dt.date) -> Baseline:
    """Closures over the condition nodes; the plateau of every thema from a dict."""
    cutoffs: dict[tuple[int, str], dt.date] = {}

    def build(cond: m.Cond) -> Callable[[Row, dict[str, bool]], bool]:
        match cond:
            case m.FactIs(fact):
                return lambda row, done: row.get(fact) is True
            case m.ParamIs(param):
                value = bool(kader.parameters[param].value)
                return lambda row, done: value
            case m.Compare(left, op, right, type_):
                compare = m.COMPARATORS[op]
                key = _key(type_)
                assert isinstance(left, m.FactOperand)
                name = left.name
                if isinstance(right, m.FactOperand):
                    other = right.name

                    def both(row: Row, done: dict[str, bool]) -> bool:
                        a, b = row.get(name), row.get(other)
                        return a is not None and b is not None and compare(key(a), key(b))

                    return both
                constant = key(_value(kader, right))

                def one(row: Row, done: dict[str, bool]) -> bool:
                    a = row.get(name)
                    return a is not None and compare(key(a), constant)

                return one
            case m.Member(fact, "in", values):
                allowed = frozenset(values)
                return lambda row, done: row.get(fact) in allowed
            case m.Member(fact, "alle", values):
                needed = frozenset(values)
                return lambda row, done: needed.issubset(row.get(fact) or ())
            case m.Member(fact, _, values):
                wanted = frozenset(values)
                return lambda row, done: not wanted.isdisjoint(row.get(fact) or ())
            case m.Within(fact, amount, unit):
                start = cutoffs.setdefault((amount, unit), m.subtract(peildatum, amount, unit))

                def within(row: Row, done: dict[str, bool]) -> bool:
                    day = row.get(fact)
                    return day is not None and start <= day <= peildatum

                return within
            case m.BouwsteenIs(qid):
                return lambda row, done: done[qid]
            case m.Not(item):
                inner = build(item)
                return lambda row, done: not inner(row, done)
            case m.And(items):
                first, *rest = [build(i) for i in items]
                for part in rest:  # a chain of binary closures: no generator per call
                    first = _both(first, part)
                return first
            case m.Or(items):
                first, *rest = [build(i) for i in items]
                for part in rest:
                    first = _either(first, part)
                return first
            case m.AtLeast(count, items):
                parts = [build(i) for i in items]
                return lambda row, done: sum(p(row, done) for p in parts) >= count
        raise AssertionError(cond)

    from kadermodel.engine.order import evaluation_order

    steps = [(qid, build(kader.bouwstenen[qid].full_condition)) for qid in evaluation_order(kader)]
    themas = [[tuple(p.bouwstenen) for p in t.plateaus] for t in kader.themas.values()]

    def run(row: Row) -> tuple[int, ...]:
        done: dict[str, bool] = {}
        for qid, step in steps:
            done[qid] = step(row, done)
        levels = []
        for plateaus in themas:
            level = 0
            for members in plateaus:
                if not all(done[q] for q in members):
                    break
                level += 1
            levels.append(level)
        return tuple(levels)

    return run


Test = Callable[[Row, dict[str, bool]], bool]


def _both(a: Test, b: Test) -> Test:
    return lambda row, done: a(row, done) and b(row, done)


def _either(a: Test, b: Test) -> Test:
    return lambda row, done: a(row, done) or b(row, done)


class _Gen:
    def __init__(self, kader: Kader, peildatum: dt.date):
        self.kader = kader
        self.peildatum = peildatum
        self.constants: dict[str, Any] = {"peil": peildatum}
        self.facts: dict[str, str] = {}
        self.index = {qid: i for i, qid in enumerate(kader.bouwstenen)}
        self.used: set[str] = set()

    def fact(self, name: str) -> str:
        var = self.facts.setdefault(name, f"f{len(self.facts)}")
        self.used.add(var)
        return var

    def statement(self, qid: str) -> tuple[int, str, set[str], set[int]]:
        """Index, expression, fact variables read, bouwstenen read."""
        self.used = set()
        bouwsteen = self.kader.bouwstenen[qid]
        expr = self.expr(bouwsteen.full_condition)
        return self.index[qid], expr, self.used, {self.index[d] for d in bouwsteen.depends_on}

    def constant(self, value: Any) -> str:
        name = f"c{len(self.constants)}"
        self.constants[name] = value
        return name

    def expr(self, cond: m.Cond) -> str:
        match cond:
            case m.FactIs(fact):
                return f"{self.fact(fact)} is True"
            case m.ParamIs(param):
                return repr(bool(self.kader.parameters[param].value))
            case m.Compare(left, op, right, type_):
                python = {"=": "==", "na": ">", "voor": "<"}.get(op, op)
                assert isinstance(left, m.FactOperand)
                a = self.fact(left.name)
                if type_.kind == "keuze":
                    order = self.constant({v: i for i, v in enumerate(type_.values)})
                    a_key = f"{order}[{a}]"
                else:
                    order, a_key = "", a
                if isinstance(right, m.FactOperand):
                    b = self.fact(right.name)
                    b_key = f"{order}[{b}]" if order else b
                    return f"({a} is not None and {b} is not None and {a_key} {python} {b_key})"
                value = _value(self.kader, right)
                if type_.kind == "keuze":
                    value = type_.values.index(value)
                return f"({a} is not None and {a_key} {python} {self.constant(value)})"
            case m.Member(fact, "in", values):
                return f"{self.fact(fact)} in {self.constant(frozenset(values))}"
            case m.Member(fact, kind, values):
                f = self.fact(fact)
                wanted = self.constant(frozenset(values))
                if kind == "alle":
                    return f"({f} is not None and {wanted}.issubset({f}))"
                return f"({f} is not None and not {wanted}.isdisjoint({f}))"
            case m.Within(fact, amount, unit):
                f = self.fact(fact)
                start = self.constant(m.subtract(self.peildatum, amount, unit))
                return f"({f} is not None and {start} <= {f} <= peil)"
            case m.BouwsteenIs(qid):
                return f"b{self.index[qid]}"
            case m.Not(item):
                return f"(not {self.expr(item)})"
            case m.And(items):
                return "(" + " and ".join(self.expr(i) for i in items) + ")"
            case m.Or(items):
                return "(" + " or ".join(self.expr(i) for i in items) + ")"
            case m.AtLeast(count, items):
                return "((" + ") + (".join(self.expr(i) for i in items) + f")) >= {count}"
        raise AssertionError(cond)


def generated(kader: Kader, peildatum: dt.date) -> Baseline:
    """One generated function (parts of 300 bouwstenen for big kaders, as kadermodel does,
    so that CPython compiles it quickly) computing every plateau from a dict."""
    from kadermodel.engine.order import evaluation_order

    gen = _Gen(kader, peildatum)
    statements = [gen.statement(q) for q in evaluation_order(kader)]
    names_of = {var: name for name, var in gen.facts.items()}
    chunk = 300
    if len(statements) <= chunk:
        reads = [f"    {var} = g({name!r})" for var, name in names_of.items()]
        body = [f"    b{i} = {e}" for i, e, _, _ in statements]
        levels = _levels(kader, gen.index, lambda i: f"b{i}")
        lines = ["def _run(d):", "    g = d.get", *reads, *body, f"    return {levels}"]
        sources = ["\n".join(lines)]
    else:
        sources, names = [], []
        for start in range(0, len(statements), chunk):
            part = statements[start : start + chunk]
            defined = {i for i, _, _, _ in part}
            used = set().union(*(u for _, _, _, u in part)) - defined
            facts = sorted(set().union(*(f for _, _, f, _ in part)))
            name = f"_part{len(names)}"
            names.append(name)
            lines = [
                f"def {name}(d, b):",
                "    g = d.get",
                *(f"    {var} = g({names_of[var]!r})" for var in facts),
                *(f"    b{i} = b[{i}]" for i in sorted(used)),
                *(f"    b{i} = {e}" for i, e, _, _ in part),
                *(f"    b[{i}] = b{i}" for i in sorted(defined)),
            ]
            sources.append("\n".join(lines))
        levels = _levels(kader, gen.index, lambda i: f"b[{i}]")
        main = [
            "def _run(d):",
            f"    b = [False] * {len(statements)}",
            *(f"    {n}(d, b)" for n in names),
            f"    return {levels}",
        ]
        sources.append("\n".join(main))
    namespace: dict[str, Any] = dict(gen.constants)
    for source in sources:
        exec(compile(source, "<baseline>", "exec"), namespace)
    run: Baseline = namespace["_run"]
    return run


def _levels(kader: Kader, index: Mapping[str, int], ref: Callable[[int], str]) -> str:
    levels = []
    for thema in kader.themas.values():
        level = str(len(thema.plateaus))
        for top in range(len(thema.plateaus), 0, -1):
            members = " and ".join(ref(index[q]) for q in thema.plateaus[top - 1].bouwstenen)
            level = f"({level} if {members} else {top - 1})"
        levels.append(level)
    return f"({', '.join(levels)},)"
