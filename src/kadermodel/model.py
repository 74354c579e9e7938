"""The resolved, typed kader: feiten, parameters, thema's, plateaus, bouwstenen, provenance.

A :class:`Kader` is what :mod:`kadermodel.language.checks` makes of a syntax tree once every name is
resolved and every type checked, and what :mod:`kadermodel.extend.apply` returns after applying an
uitbreiding. Conditions here are resolved (:class:`Cond` nodes): every name is known to be a
fact, a parameter or a bouwsteen. The derived views (graph, compiled plan) are computed
by functions of the engine (:mod:`kadermodel.engine`), cached by identity; the value itself
holds only data.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import operator
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal

import attrs

from kadermodel.errors import Diagnostic, Span

Comparator = Literal["=", "!=", "<", "<=", ">", ">="]
TypeKind = Literal["ja_nee", "aantal", "datum", "keuze", "verzameling"]
TimeUnit = Literal["dag", "week", "maand", "jaar"]

FactValue = bool | int | str | frozenset[str] | dt.date
"""A known value of a fact: ja_nee -> bool, aantal -> int, keuze -> str,
verzameling -> frozenset[str], datum -> datetime.date. Unknown is ``None``."""

AANTAL_MAX = 999_999_999_999_999
"""The largest number kadermodel reads, in facts (an aantal) and in kader text: 15 digits, so
every number is exact in JSON readers that use doubles (JavaScript: up to 2**53)."""

_span = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class FactType:
    """The type of a fact or parameter."""

    kind: TypeKind
    values: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.kind in ("keuze", "verzameling"):
            return f"{self.kind}({', '.join(self.values)})"
        return self.kind

    def expected_form(self) -> str:
        """How a value of this type is written in a facts file (Dutch)."""
        match self.kind:
            case "ja_nee":
                return "ja of nee"
            case "aantal":
                return "een geheel getal van 0 of meer"
            case "datum":
                return "een datum als jjjj-mm-dd"
            case "keuze":
                return "een van: " + ", ".join(self.values)
            case _:
                return "een lijst met waarden uit: " + ", ".join(self.values)

    def encode(self, value: FactValue) -> int:
        """The integer form the compiled evaluator works with."""
        match self.kind:
            case "keuze":
                return self.values.index(str(value))
            case "verzameling":
                assert isinstance(value, frozenset)
                return sum(1 << self.values.index(v) for v in value)
            case "datum":
                assert isinstance(value, dt.date)
                return value.toordinal()
            case _:
                return int(value)  # type: ignore[arg-type]

    def decode(self, code: int) -> FactValue:
        match self.kind:
            case "ja_nee":
                return bool(code)
            case "keuze":
                return self.values[code]
            case "verzameling":
                return frozenset(v for i, v in enumerate(self.values) if code >> i & 1)
            case "datum":
                return dt.date.fromordinal(code)
            case _:
                return code


def format_value(value: FactValue | None) -> str:
    """A value as a municipal user reads it (Dutch)."""
    if value is None:
        return "onbekend"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, frozenset):
        return "[" + ", ".join(sorted(value)) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@attrs.frozen
class Herkomst:
    """Provenance: where something was defined or changed."""

    action: Literal["gedefinieerd", "verscherpt", "vervangen", "vervallen", "gewijzigd"]
    source: str
    """The id of the kader or uitbreiding that did it."""
    file: str
    line: int
    reason: str | None = None

    def __str__(self) -> str:
        reason = f" ({self.reason})" if self.reason else ""
        return f"{self.action} door {self.source}, {self.file} regel {self.line}{reason}"


# ------------------------------------------------------------------ resolved conditions

COMPARATORS: Mapping[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "na": operator.gt,
    "voor": operator.lt,
}
"""What each comparator of a :class:`Compare` (and ``plateau(...)`` claims) means."""


@attrs.frozen
class FactOperand:
    name: str


@attrs.frozen
class ParamOperand:
    name: str


@attrs.frozen
class Const:
    value: FactValue


@attrs.frozen
class PeildatumOperand:
    """The assessment's peildatum (only in controles, which the interpreter evaluates)."""


Operand = FactOperand | ParamOperand | Const | PeildatumOperand


@attrs.frozen
class FactIs:
    """A ja_nee fact used as a condition."""

    fact: str
    span: Span | None = _span


@attrs.frozen
class ParamIs:
    """A ja_nee parameter used as a condition."""

    param: str
    span: Span | None = _span


@attrs.frozen
class Compare:
    """``left op right``; ``na`` and ``voor`` compare dates (after / before)."""

    left: Operand
    op: Comparator | Literal["na", "voor"]
    right: Operand
    type: FactType
    span: Span | None = _span


@attrs.frozen
class Member:
    """``in`` (keuze), ``bevat alle`` / ``bevat een van`` (verzameling)."""

    fact: str
    kind: Literal["in", "alle", "een"]
    values: tuple[str, ...]
    span: Span | None = _span


@attrs.frozen
class Within:
    """The date lies in the ``amount`` ``unit``s up to and including the peildatum."""

    fact: str
    amount: int
    unit: TimeUnit
    span: Span | None = _span


@attrs.frozen
class BouwsteenIs:
    """A bouwsteen used as a condition: it holds."""

    bouwsteen: str
    span: Span | None = _span


@attrs.frozen
class PlateauAtLeast:
    """``plateau(thema) op value``: only in stellingen."""

    thema: str
    op: Comparator
    value: int
    span: Span | None = _span


@attrs.frozen
class Not:
    item: Cond
    span: Span | None = _span


@attrs.frozen
class And:
    items: tuple[Cond, ...]
    span: Span | None = _span


@attrs.frozen
class Or:
    items: tuple[Cond, ...]
    span: Span | None = _span


@attrs.frozen
class AtLeast:
    count: int
    items: tuple[Cond, ...]
    span: Span | None = _span


Cond = (
    FactIs
    | ParamIs
    | Compare
    | Member
    | Within
    | BouwsteenIs
    | PlateauAtLeast
    | Not
    | And
    | Or
    | AtLeast
)
LEAVES = (FactIs, ParamIs, Compare, Member, Within, BouwsteenIs, PlateauAtLeast)
NODES = (*LEAVES, Not, And, Or, AtLeast)


def children(cond: Cond) -> tuple[Cond, ...]:
    """The sub-conditions of a node, left to right (none for a leaf)."""
    if isinstance(cond, Not):
        return (cond.item,)
    if isinstance(cond, And | Or | AtLeast):
        return cond.items
    return ()


def with_children(cond: Cond, items: tuple[Cond, ...]) -> Cond:
    """``cond`` with its sub-conditions replaced (the building block of rebuilding walks)."""
    if isinstance(cond, Not):
        (item,) = items
        return attrs.evolve(cond, item=item)
    if isinstance(cond, And | Or | AtLeast):
        return attrs.evolve(cond, items=items)
    return cond


def walk(conds: Cond | Iterable[Cond]) -> Iterator[Cond]:
    """Every node of one condition (or of several, in turn), pre-order, left to right.

    The one traversal of condition trees: iterative, so deep nesting cannot hit Python's
    recursion limit.
    """
    stack: list[Cond] = [conds] if isinstance(conds, NODES) else list(conds)[::-1]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


def replace_at(cond: Cond, path: tuple[int, ...], new: Cond) -> Cond:
    """``cond`` with the node at ``path`` (as :func:`walk_paths` numbers it) replaced."""
    if not path:
        return new
    items = list(children(cond))
    items[path[0]] = replace_at(items[path[0]], path[1:], new)
    return with_children(cond, tuple(items))


def walk_paths(cond: Cond) -> Iterator[tuple[tuple[int, ...], Cond]]:
    """Like :func:`walk`, with each node's path: the child indexes from the root."""
    stack: list[tuple[tuple[int, ...], Cond]] = [((), cond)]
    while stack:
        path, node = stack.pop()
        yield path, node
        stack.extend(((*path, i), c) for i, c in reversed(list(enumerate(children(node)))))


def facts_read(cond: Cond) -> tuple[str, ...]:
    """The facts one node reads itself, left to right (only leaves read facts)."""
    if isinstance(cond, FactIs | Member | Within):
        return (cond.fact,)
    if isinstance(cond, Compare):
        found = [s.name for s in (cond.left, cond.right) if isinstance(s, FactOperand)]
        return tuple(dict.fromkeys(found))
    return ()


def params_read(cond: Cond) -> tuple[str, ...]:
    """The parameters one node reads itself, left to right."""
    if isinstance(cond, ParamIs):
        return (cond.param,)
    if isinstance(cond, Compare):
        found = [s.name for s in (cond.left, cond.right) if isinstance(s, ParamOperand)]
        return tuple(dict.fromkeys(found))
    return ()


def facts_of(cond: Cond) -> set[str]:
    """The facts a condition reads directly (not through other bouwstenen)."""
    return {fact for node in walk(cond) for fact in facts_read(node)}


def params_of(cond: Cond) -> set[str]:
    """The parameters a condition reads directly."""
    return {param for node in walk(cond) for param in params_read(node)}


def bouwstenen_of(cond: Cond) -> set[str]:
    """The bouwstenen a condition names directly."""
    return {node.bouwsteen for node in walk(cond) if isinstance(node, BouwsteenIs)}


# ------------------------------------------------------------------ declarations


@attrs.frozen
class Feit:
    name: str
    type: FactType
    vraag: str | None
    bron: str | None
    toelichting: str | None
    span: Span | None = _span
    herkomst: tuple[Herkomst, ...] = ()
    voorheen: tuple[str, ...] = ()
    """Former names: a facts file that uses one is read with a warning (F220)."""


@attrs.frozen
class Parameter:
    name: str
    type: FactType
    value: FactValue
    bron: str | None
    toelichting: str | None
    span: Span | None = _span
    herkomst: tuple[Herkomst, ...] = ()


@attrs.frozen
class Bouwsteen:
    """A building block: holds when every required bouwsteen holds and its condition holds."""

    thema: str
    name: str
    plateau: int
    text: str
    bron: str | None
    requires: tuple[str, ...]
    condition: Cond | None
    span: Span | None = _span
    herkomst: tuple[Herkomst, ...] = ()
    afwijking_toegestaan: bool = True
    """False with ``geen afwijking``: a facts file may not record an afwijking (comply or
    explain, :mod:`kadermodel.facts.afwijking`) for this bouwsteen."""

    @property
    def id(self) -> str:
        return f"{self.thema}.{self.name}"

    @functools.cached_property
    def full_condition(self) -> Cond:
        """Requirements and condition as one conjunction (what is evaluated)."""
        items: list[Cond] = [BouwsteenIs(r) for r in self.requires]
        if self.condition is not None:
            items.append(self.condition)
        if len(items) == 1:
            return items[0]
        return And(tuple(items))

    @functools.cached_property
    def depends_on(self) -> tuple[str, ...]:
        """Bouwstenen this one needs, from ``vereist`` and from its condition, sorted."""
        found = set(self.requires)
        if self.condition is not None:
            found |= bouwstenen_of(self.condition)
        return tuple(sorted(found))


@attrs.frozen
class Plateau:
    number: int
    title: str | None
    bouwstenen: tuple[str, ...]
    """Qualified ids (``thema.bouwsteen``) in declaration order."""


@attrs.frozen
class Thema:
    id: str
    title: str
    plateaus: tuple[Plateau, ...]
    span: Span | None = _span

    @property
    def top(self) -> int:
        """The highest plateau of this thema."""
        return len(self.plateaus)


@attrs.frozen
class Stelling:
    """A claim a user makes about their rules (checked by kadermodel.testing)."""

    name: str
    text: str | None
    condition: Cond
    span: Span | None = _span


@attrs.frozen
class Controle:
    """A consistency check on the facts: onwaar is a warning in reports, never a plateau."""

    name: str
    text: str
    """What is wrong when the facts do not satisfy the check (Dutch, for the user)."""
    bron: str | None
    condition: Cond
    span: Span | None = _span
    herkomst: tuple[Herkomst, ...] = ()


@attrs.frozen(eq=False)
class Kader:
    """A complete, checked rule set. Build it with ``parse_kader`` / ``load_kader``."""

    id: str
    meta: Mapping[str, str]
    feiten: Mapping[str, Feit]
    parameters: Mapping[str, Parameter]
    themas: Mapping[str, Thema]
    bouwstenen: Mapping[str, Bouwsteen]
    stellingen: Mapping[str, Stelling] = attrs.field(factory=dict)
    extensions: tuple[str, ...] = ()
    """Ids of the uitbreidingen applied, in order."""
    sources: Mapping[str, str] = attrs.field(factory=dict, repr=False)
    """Source texts by file name, so errors found later can still show the line."""
    warnings: tuple[Diagnostic, ...] = ()
    """Warnings (severity ``waarschuwing``) found while applying uitbreidingen."""
    withdrawn: Mapping[str, Bouwsteen] = attrs.field(factory=dict, repr=False)
    """Bouwstenen withdrawn by an uitbreiding (``vervalt``), with their provenance."""
    controles: Mapping[str, Controle] = attrs.field(factory=dict)
    """Consistency checks on the facts, in declaration order."""
    stale_after_months: int | None = None
    """How old an answer may be before it is *verouderd* (``verouderd na`` in the header);
    None: the default of :mod:`kadermodel.facts.stale`."""

    @property
    def title(self) -> str:
        """The kader's title (its ``titel``), or its id when it has none."""
        return self.meta.get("titel", self.id)

    def fact_index(self) -> Mapping[str, int]:
        """Position of every fact in declaration order (the layout of encoded facts)."""
        index = _FACT_INDEX.get(self)
        if index is None:
            index = _FACT_INDEX[self] = {name: i for i, name in enumerate(self.feiten)}
        return index


# Derived data is cached by identity outside the frozen value, so the value stays plain data.
_FACT_INDEX: weakref.WeakKeyDictionary[Kader, Mapping[str, int]] = weakref.WeakKeyDictionary()


def subtract(day: dt.date, amount: int, unit: str) -> dt.date:
    """``day`` minus ``amount`` units; months and years clamp to the month's last day.

    This is the calendar rule behind ``binnen N dagen|weken|maanden|jaar``; the compiled plan,
    the reference interpreter and the abstraction all use it. It is total: a window that
    reaches before year 1 gives ``date.min``, so it holds every date up to ``day``.
    """
    if unit in ("dag", "week"):
        # Total: a window that reaches before 1 January of year 1 takes in every date.
        ordinal = day.toordinal() - amount * (7 if unit == "week" else 1)
        return dt.date.fromordinal(ordinal) if ordinal >= 1 else dt.date.min
    months = amount * (12 if unit == "jaar" else 1)
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
