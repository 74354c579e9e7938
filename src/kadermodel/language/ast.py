"""Syntax tree of kadertaal: frozen, slotted attrs nodes, as written, before any checking.

Names are plain strings here; :mod:`kadermodel.language.checks` resolves them. Every node carries a
:class:`~kadermodel.errors.Span`, excluded from equality so that two texts that differ only in
layout give equal trees.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal as TypingLiteral

import attrs

from kadermodel.errors import Span

# Re-exported: the syntax tree uses the same literal kinds as the model.
from kadermodel.model import Comparator as Comparator
from kadermodel.model import TimeUnit as TimeUnit
from kadermodel.model import TypeKind as TypeKind

_span = attrs.field(eq=False, repr=False)


@attrs.frozen
class Name:
    """A name as written, with its place."""

    text: str
    span: Span = _span


@attrs.frozen
class Ref:
    """A reference: ``naam`` or ``thema.naam``."""

    parts: tuple[str, ...]
    span: Span = _span

    @property
    def dotted(self) -> str:
        return ".".join(self.parts)


# ------------------------------------------------------------------ operands and literals


@attrs.frozen
class IntValue:
    value: int
    span: Span = _span


@attrs.frozen
class DateValue:
    value: dt.date
    span: Span = _span


@attrs.frozen
class BoolValue:
    value: bool
    span: Span = _span


@attrs.frozen
class NameValue:
    """A bare name as a value: a keuze value, or (in operands) a fact or parameter."""

    name: str
    span: Span = _span


@attrs.frozen
class SetValue:
    names: tuple[Name, ...]
    span: Span = _span


@attrs.frozen
class Peildatum:
    """``peildatum`` as a value: the assessment's reference date (only in controles)."""

    span: Span = _span


Literal = IntValue | DateValue | BoolValue | NameValue | SetValue
Operand = IntValue | DateValue | BoolValue | Ref | Peildatum


# ------------------------------------------------------------------ conditions


@attrs.frozen
class Flag:
    """A name used as a condition: a ja_nee fact or parameter, or a bouwsteen."""

    ref: Ref
    span: Span = _span


@attrs.frozen
class Compare:
    ref: Ref
    op: Comparator
    operand: Operand
    span: Span = _span


@attrs.frozen
class Member:
    """``x in (a, b)``, ``s bevat alle (a, b)`` or ``s bevat een van (a, b)``."""

    ref: Ref
    kind: TypingLiteral["in", "alle", "een"]
    names: tuple[Name, ...]
    span: Span = _span


@attrs.frozen
class Within:
    ref: Ref
    amount: int
    unit: TimeUnit
    span: Span = _span


@attrs.frozen
class DateOrder:
    """``d na x`` or ``d voor x``."""

    ref: Ref
    kind: TypingLiteral["na", "voor"]
    operand: Operand
    span: Span = _span


@attrs.frozen
class AtLeast:
    count: int
    items: tuple[Expr, ...]
    span: Span = _span


@attrs.frozen
class Not:
    item: Expr
    span: Span = _span


@attrs.frozen
class And:
    items: tuple[Expr, ...]
    span: Span = _span


@attrs.frozen
class Or:
    items: tuple[Expr, ...]
    span: Span = _span
    implication: bool = attrs.field(default=False, eq=False, repr=False)
    """Written ``als x dan y`` (a claim); it means ``niet x of y``, and compares equal to it."""


@attrs.frozen
class PlateauCompare:
    """``plateau(thema) >= n``: only in stellingen (claims)."""

    thema: Name
    op: Comparator
    value: int
    span: Span = _span


Expr = Flag | Compare | Member | Within | DateOrder | AtLeast | Not | And | Or | PlateauCompare


# ------------------------------------------------------------------ declarations


@attrs.frozen
class TypeExpr:
    kind: TypeKind
    values: tuple[Name, ...]
    span: Span = _span


@attrs.frozen
class FeitDecl:
    name: Name
    type: TypeExpr
    vraag: str | None
    bron: str | None
    toelichting: str | None
    span: Span = _span
    voorheen: tuple[Name, ...] = ()
    """Former names of the fact (``voorheen a, b``): facts files that use one still work."""


@attrs.frozen
class ParameterDecl:
    name: Name
    type: TypeExpr
    value: Literal
    bron: str | None
    toelichting: str | None
    span: Span = _span


@attrs.frozen
class BouwsteenDecl:
    name: Name
    text: str
    bron: str | None
    requires: tuple[Ref, ...]
    condition: Expr | None
    span: Span = _span
    geen_afwijking: bool = False
    """``geen afwijking``: a facts file may not record an afwijking for this bouwsteen."""


@attrs.frozen
class PlateauDecl:
    number: int
    title: str | None
    bouwstenen: tuple[BouwsteenDecl, ...]
    span: Span = _span


@attrs.frozen
class ThemaDecl:
    name: Name
    title: str | None
    plateaus: tuple[PlateauDecl, ...]
    span: Span = _span


@attrs.frozen
class StellingDecl:
    name: Name
    text: str | None
    condition: Expr
    span: Span = _span


@attrs.frozen
class ControleDecl:
    """A consistency check: consistent facts satisfy ``condition``; ``text`` says what is
    wrong when they do not. ``als x dan y`` is an :class:`Or` with ``implication`` set."""

    name: Name
    text: str
    bron: str | None
    condition: Expr
    span: Span = _span


@attrs.frozen
class MetaEntry:
    key: Name
    value: str
    span: Span = _span


@attrs.frozen
class StaleAfter:
    """``verouderd na 24 maanden`` in the header: how old an answer may be."""

    amount: int
    unit: TimeUnit
    span: Span = _span


Declaration = FeitDecl | ParameterDecl | ThemaDecl | StellingDecl | ControleDecl


@attrs.frozen
class KaderFile:
    id: Name
    meta: tuple[MetaEntry, ...]
    declarations: tuple[Declaration, ...]
    source_name: str
    span: Span = _span
    stale_after: tuple[StaleAfter, ...] = ()
    """The header's ``verouderd na ...`` (at most one is allowed; K201 otherwise)."""


# ------------------------------------------------------------------ extensions


@attrs.frozen
class Bewust:
    """``bewust zwakker "reden"``: the author knows the change weakens the base."""

    reason: str
    span: Span = _span


@attrs.frozen
class ParameterOverride:
    name: Name
    value: Literal
    bron: str | None
    toelichting: str | None
    bewust: Bewust | None
    span: Span = _span


@attrs.frozen
class Verscherp:
    target: Ref
    condition: Expr
    span: Span = _span


@attrs.frozen
class Vervang:
    target: Ref
    condition: Expr
    bewust: Bewust | None
    span: Span = _span


@attrs.frozen
class Vervalt:
    target: Ref
    reason: str
    bewust: Bewust | None
    span: Span = _span


ExtensionItem = Declaration | ParameterOverride | Verscherp | Vervang | Vervalt


@attrs.frozen
class UitbreidingFile:
    id: Name
    base: Name
    items: tuple[ExtensionItem, ...]
    source_name: str
    span: Span = _span


SourceFile = KaderFile | UitbreidingFile


@attrs.frozen
class Comment:
    """A ``# ...`` comment: not part of the tree, kept beside it by the formatter."""

    line: int
    column: int
    text: str
    """The comment from its ``#``, trailing whitespace removed."""
    trailing: bool
    """Code stands before it on its line."""
    blank_after: bool
    """The line after it is blank."""
