"""Names and types: syntax conditions and literals -> resolved :mod:`kadermodel.model` values.

:class:`Resolver` resolves a condition against a :class:`Scope` (the names it can see) and
reports every problem through a callback; :func:`check_type` and :func:`check_literal` do the
same for declared types and parameter values. The one kader builder
(:mod:`kadermodel.language.build`) uses them for kaders and uitbreidingen alike, and
:mod:`kadermodel.testing.claims` resolves the claims of case files with them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Literal

import attrs

from kadermodel import model as m
from kadermodel.errors import Diagnostic, Span, suggest
from kadermodel.language import ast

_ORDERED_KINDS = ("aantal", "datum", "keuze")


@attrs.frozen
class Scope:
    """The names a condition can see."""

    feiten: Mapping[str, m.FactType]
    parameters: Mapping[str, m.Parameter]
    bouwstenen: Mapping[str, object]
    """Qualified bouwsteen ids (the values are not used here)."""
    thema_tops: Mapping[str, int]


class Resolver:
    """Turns syntax conditions into resolved :mod:`model` conditions, reporting problems."""

    def __init__(self, scope: Scope, report: Callable[[Diagnostic], None]):
        self.scope = scope
        self.report = report
        self._thema: str | None = None
        self._in_stelling = False
        self._in_controle = False

    def resolve(
        self,
        expr: ast.Expr,
        thema: str | None,
        *,
        in_stelling: bool = False,
        in_controle: bool = False,
    ) -> m.Cond:
        """Resolve ``expr`` as written in ``thema`` (None outside any thema).

        A controle (``in_controle``) reads facts and parameters only, and may name the
        peildatum; a bouwsteen in it is K312, ``peildatum`` anywhere else K313.
        """
        self._thema = thema
        self._in_stelling = in_stelling
        self._in_controle = in_controle
        return self._expr(expr)

    def resolve_ref(self, ref: ast.Ref, thema: str) -> tuple[str, str]:
        """Resolve a ``vereist`` reference: it must name a bouwsteen."""
        self._thema = thema
        local = f"{thema}.{ref.dotted}"
        if len(ref.parts) == 1 and local in self.scope.bouwstenen:
            return "bouwsteen", local
        kind, name = self._lookup(ref)
        if kind == "bouwsteen":
            return kind, name
        if kind == "onbekend":
            self._error(
                "K202",
                f"onbekende bouwsteen '{ref.dotted}'",
                ref.span,
                hint="'vereist' noemt bouwstenen: naam in hetzelfde thema, anders thema.naam",
                suggestion=suggest(
                    ref.dotted,
                    [
                        *self.scope.bouwstenen,
                        *(q.split(".", 1)[1] for q in self.scope.bouwstenen if q.startswith(thema)),
                    ],
                ),
            )
        else:
            self._error(
                "K309",
                f"'{name}' is een {kind}, geen bouwsteen; 'vereist' noemt alleen bouwstenen",
                ref.span,
                hint=f"zet een {kind} in de voorwaarde: als {name} ...",
            )
        return kind, name

    # -------------------------------------------------------------- dispatch
    def _expr(self, expr: ast.Expr) -> m.Cond:
        match expr:
            case ast.And(items, span):
                return m.And(tuple(self._expr(i) for i in items), span)
            case ast.Or(items, span):
                return m.Or(tuple(self._expr(i) for i in items), span)
            case ast.Not(item, span):
                return m.Not(self._expr(item), span)
            case ast.AtLeast(count, items, span):
                if not 1 <= count <= len(items):
                    never = "is altijd waar" if count < 1 else "kan nooit waar zijn"
                    self._error(
                        "K307",
                        f"minstens {count} van {len(items)} voorwaarden {never}",
                        span,
                        hint=f"kies een aantal van 1 tot en met {len(items)}",
                    )
                return m.AtLeast(count, tuple(self._expr(i) for i in items), span)
            case ast.Flag(ref, span):
                return self._flag(ref, span)
            case ast.Compare(ref, op, operand, span):
                return self._compare(ref, op, operand, span)
            case ast.Member(ref, kind, names, span):
                return self._member(ref, kind, names, span)
            case ast.Within(ref, amount, unit, span):
                fact = self._fact_of_kind(ref, "datum", "binnen")
                return m.Within(fact, amount, unit, span)
            case ast.DateOrder(ref, kind, operand, span):
                return self._compare(ref, kind, operand, span)
            case ast.PlateauCompare(thema, op, value, span):
                return self._plateau_compare(thema, op, value, span)
        raise AssertionError(f"unknown condition node {expr!r}")  # pragma: no cover

    # -------------------------------------------------------------- names
    def _lookup(
        self, ref: ast.Ref
    ) -> tuple[Literal["feit", "parameter", "bouwsteen", "onbekend"], str]:
        if len(ref.parts) == 2:
            qid = ref.dotted
            if qid in self.scope.bouwstenen:
                return "bouwsteen", qid
            return "onbekend", qid
        name = ref.parts[0]
        if name in self.scope.feiten:
            return "feit", name
        if name in self.scope.parameters:
            return "parameter", name
        if self._thema is not None and f"{self._thema}.{name}" in self.scope.bouwstenen:
            return "bouwsteen", f"{self._thema}.{name}"
        return "onbekend", name

    def _unknown(self, ref: ast.Ref, wanted: str = "naam") -> None:
        name = ref.dotted
        if len(ref.parts) == 2:
            candidates: Iterable[str] = self.scope.bouwstenen
        else:
            local = [
                q.split(".", 1)[1]
                for q in self.scope.bouwstenen
                if self._thema is not None and q.startswith(self._thema + ".")
            ]
            candidates = [*self.scope.feiten, *self.scope.parameters, *local]
            candidates = [*candidates, *self.scope.bouwstenen]
        self._error(
            "K202",
            f"onbekende {wanted} '{name}'",
            ref.span,
            hint="declareer het feit met 'feit', of verwijs naar een bestaande bouwsteen "
            "(in een ander thema als thema.bouwsteen)",
            suggestion=suggest(name, candidates),
        )

    def _type_of(self, kind: str, name: str) -> m.FactType:
        if kind == "feit":
            return self.scope.feiten[name]
        return self.scope.parameters[name].type

    def _fact_of_kind(self, ref: ast.Ref, wanted: str, keyword: str) -> str:
        kind, name = self._lookup(ref)
        if kind == "onbekend":
            self._unknown(ref, "naam")
        elif kind != "feit":
            self._error(
                "K305",
                f"'{keyword}' werkt op een feit van type {wanted}, maar '{name}' is een {kind}",
                ref.span,
                hint=_KEYWORD_HINTS[wanted],
            )
        elif (actual := self.scope.feiten[name]).kind != wanted:
            self._error(
                "K305",
                f"'{keyword}' werkt op een feit van type {wanted}, "
                f"maar '{name}' is van type {actual}",
                ref.span,
                hint=_usage_hint(name, actual),
            )
        return name

    # -------------------------------------------------------------- leaves
    def _no_bouwsteen(self, name: str, span: Span) -> None:
        """K312: a controle checks facts; what bouwstenen make of them is the assessment's."""
        self._error(
            "K312",
            f"een controle noemt alleen feiten en parameters, geen bouwsteen ('{name}')",
            span,
            hint="schrijf de feiten van die bouwsteen in de controle",
        )

    def _flag(self, ref: ast.Ref, span: Span) -> m.Cond:
        kind, name = self._lookup(ref)
        if kind == "bouwsteen":
            if self._in_controle:
                self._no_bouwsteen(name, ref.span)
            return m.BouwsteenIs(name, span)
        if kind == "onbekend":
            self._unknown(ref)
            return m.FactIs(name, span)
        type_ = self._type_of(kind, name)
        if type_.kind != "ja_nee":
            example = {
                "aantal": f"{name} >= 1",
                "datum": f"{name} binnen 12 maanden",
                "keuze": f"{name} = {type_.values[0] if type_.values else 'waarde'}",
                "verzameling": f"{name} bevat een van ({', '.join(type_.values[:2])})",
            }[type_.kind]
            self._error(
                "K301",
                f"'{name}' is van type {type_} en kan niet op zichzelf als voorwaarde staan",
                span,
                hint=f"schrijf een vergelijking, bijvoorbeeld: {example}",
            )
        return m.FactIs(name, span) if kind == "feit" else m.ParamIs(name, span)

    def _operand(self, operand: ast.Operand, left: m.FactType) -> m.Operand | None:
        match operand:
            case ast.IntValue(value):
                if left.kind != "aantal":
                    self._mismatch(left, "een getal", operand.span)
                    return None
                return m.Const(value)
            case ast.DateValue(value):
                if left.kind != "datum":
                    self._mismatch(left, "een datum", operand.span)
                    return None
                return m.Const(value)
            case ast.BoolValue(value):
                if left.kind != "ja_nee":
                    self._mismatch(left, "waar of onwaar", operand.span)
                    return None
                return m.Const(value)
            case ast.Peildatum():
                if not self._in_controle:
                    self._error(
                        "K313",
                        "'peildatum' kan alleen in een controle staan",
                        operand.span,
                        hint="een bouwsteen rekent vanaf de peildatum met 'binnen', "
                        "bijvoorbeeld: laatste_training binnen 12 maanden",
                    )
                    return None
                if left.kind != "datum":
                    self._mismatch(left, "de peildatum", operand.span)
                    return None
                return m.PeildatumOperand()
            case ast.Ref():
                kind, name = self._lookup(operand)
                if kind in ("feit", "parameter"):
                    right = self._type_of(kind, name)
                    if right != left:
                        self._mismatch(left, f"'{name}' van type {right}", operand.span)
                        return None
                    if kind == "feit":
                        return m.FactOperand(name)
                    return m.ParamOperand(name)
                if left.kind == "keuze" and len(operand.parts) == 1:
                    return self._keuze_value(name, left, operand.span)
                if len(operand.parts) == 1 and any(
                    name in t.values for t in self.scope.feiten.values() if t.kind == "keuze"
                ):
                    self._mismatch(left, f"de keuzewaarde '{name}'", operand.span)
                    return None
                if kind == "bouwsteen":
                    self._error(
                        "K309",
                        f"bouwsteen '{name}' is geen waarde om mee te vergelijken",
                        operand.span,
                        hint="gebruik een bouwsteen zelf als voorwaarde, bijvoorbeeld: "
                        f"als {operand.parts[-1]} en ...",
                    )
                    return None
                self._unknown(operand)
                return None
        raise AssertionError(operand)  # pragma: no cover

    def _keuze_value(self, value: str, type_: m.FactType, span: Span) -> m.Const | None:
        if value in type_.values:
            return m.Const(value)
        self._error(
            "K303",
            f"'{value}' is geen waarde van {type_}",
            span,
            suggestion=suggest(value, type_.values),
        )
        return None

    def _mismatch(self, left: m.FactType, got: str, span: Span) -> None:
        self._error(
            "K302",
            f"een {left} kan niet vergeleken worden met {got}",
            span,
            hint=f"verwacht: {_comparable(left)}",
        )

    def _compare(
        self,
        ref: ast.Ref,
        op: ast.Comparator | Literal["na", "voor"],
        operand: ast.Operand,
        span: Span,
    ) -> m.Cond:
        kind, name = self._lookup(ref)
        placeholder = m.FactIs(name, span)
        if kind == "onbekend":
            self._unknown(ref)
            return placeholder
        if kind == "bouwsteen" and self._in_controle:
            self._no_bouwsteen(name, ref.span)
            return placeholder
        if kind == "bouwsteen":
            self._error(
                "K309",
                f"bouwsteen '{name}' kan niet vergeleken worden",
                ref.span,
                hint="een bouwsteen is waar of onwaar; gebruik hem als voorwaarde",
            )
            return placeholder
        left = self._type_of(kind, name)
        if op in ("na", "voor") and left.kind != "datum":
            self._error(
                "K305",
                f"'{op}' werkt op een datum, maar '{name}' is van type {left}",
                ref.span,
                hint=_usage_hint(name, left),
            )
            return placeholder
        if op not in ("=", "!=") and left.kind not in _ORDERED_KINDS:
            self._error(
                "K310",
                f"'{op}' werkt niet op een {left}; alleen = en != zijn mogelijk",
                span,
                hint=_usage_hint(name, left),
            )
            return placeholder
        right = self._operand(operand, left)
        if right is None:
            return placeholder
        left_operand: m.Operand = m.FactOperand(name) if kind == "feit" else m.ParamOperand(name)
        return m.Compare(left_operand, op, right, left, span)

    def _member(
        self,
        ref: ast.Ref,
        kind: Literal["in", "alle", "een"],
        names: tuple[ast.Name, ...],
        span: Span,
    ) -> m.Cond:
        wanted = "keuze" if kind == "in" else "verzameling"
        keyword = "in" if kind == "in" else f"bevat {'alle' if kind == 'alle' else 'een van'}"
        fact = self._fact_of_kind(ref, wanted, keyword)
        type_ = self.scope.feiten.get(fact)
        values: list[str] = []
        for name in names:
            if type_ is not None and type_.kind == wanted and name.text not in type_.values:
                self._keuze_value(name.text, type_, name.span)
            if name.text in values:
                self._error("K201", f"waarde '{name.text}' staat twee keer in de lijst", name.span)
            values.append(name.text)
        return m.Member(fact, kind, tuple(values), span)

    def _plateau_compare(
        self, thema: ast.Name, op: ast.Comparator, value: int, span: Span
    ) -> m.Cond:
        if self._in_controle:
            self._error(
                "K308",
                "plateau(...) kan niet in een controle staan; een controle gaat over feiten",
                span,
            )
        elif not self._in_stelling:
            self._error(
                "K308",
                "plateau(...) kan alleen in een stelling staan, niet in een bouwsteen",
                span,
                hint="een bouwsteen noemt andere bouwstenen met 'vereist' of bij naam "
                "in zijn voorwaarde",
            )
        elif thema.text not in self.scope.thema_tops:
            self._error(
                "K202",
                f"onbekend thema '{thema.text}'",
                thema.span,
                suggestion=suggest(thema.text, self.scope.thema_tops),
            )
        elif value > self.scope.thema_tops[thema.text]:
            top = self.scope.thema_tops[thema.text]
            self._error(
                "K308",
                f"thema '{thema.text}' heeft geen plateau {value} (hoogste: {top})",
                span,
            )
        return m.PlateauAtLeast(thema.text, op, value, span)

    def _error(
        self,
        code: str,
        message: str,
        span: Span,
        hint: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        self.report(Diagnostic(code, message, span, hint, suggestion))


_KEYWORD_HINTS = {
    "datum": "'binnen', 'na' en 'voor' horen bij een datum-feit, "
    "bijvoorbeeld: laatste_training binnen 12 maanden",
    "keuze": "'in (...)' hoort bij een keuze-feit, "
    "bijvoorbeeld: omgevingsscan in (sectoren, breed)",
    "verzameling": "'bevat alle (...)' en 'bevat een van (...)' horen bij een verzameling-feit",
}


def _usage_hint(name: str, type_: m.FactType) -> str:
    """How a fact of ``type_`` is used in a condition (Dutch, with an example)."""
    first = type_.values[0] if type_.values else "waarde"
    # Examples are quoted: a bare "of" between them would read as the keyword.
    example = {
        "ja_nee": f"'{name}', 'niet {name}' of '{name} = waar'",
        "aantal": f"'{name} >= 2'",
        "datum": f"'{name} binnen 12 maanden' of '{name} na 2024-01-01'",
        "keuze": f"'{name} = {first}' of '{name} in ({', '.join(type_.values[:2])})'",
        "verzameling": f"'{name} bevat alle ({first})' of '{name} bevat een van ({first})'",
    }[type_.kind]
    return f"voor een {type_.kind}-feit schrijf je bijvoorbeeld: {example}"


def _comparable(type_: m.FactType) -> str:
    return {
        "ja_nee": "waar, onwaar of een ander ja_nee-feit",
        "aantal": "een getal of een ander aantal",
        "datum": "een datum (jjjj-mm-dd) of een ander datum-feit",
        "keuze": "een van: " + ", ".join(type_.values),
        "verzameling": "een verzameling van hetzelfde type",
    }[type_.kind]


# ------------------------------------------------------------------ declarations


def check_type(type_expr: ast.TypeExpr, report: Callable[[Diagnostic], None]) -> m.FactType:
    """A syntax type as a model type; duplicate values are reported."""
    values: list[str] = []
    for name in type_expr.values:
        if name.text in values:
            report(
                Diagnostic(
                    "K209",
                    f"waarde '{name.text}' staat twee keer in het type",
                    name.span,
                    hint="noem elke waarde één keer",
                )
            )
        else:
            values.append(name.text)
    return m.FactType(type_expr.kind, tuple(values))


def check_literal(
    literal: ast.Literal,
    type_: m.FactType,
    report: Callable[[Diagnostic], None],
    name: str | None = None,
) -> m.FactValue | None:
    """A parameter's literal as a value of ``type_``; None (and a diagnostic) if it does not fit."""
    subject = f"de waarde van parameter '{name}'" if name else "deze waarde"

    def wrong(hint: str | None = None, suggestion: str | None = None) -> None:
        report(
            Diagnostic(
                "K306",
                f"{subject} past niet bij het type {type_}",
                literal.span,
                hint=hint or f"verwacht: {type_.expected_form()}",
                suggestion=suggestion,
            )
        )

    match (type_.kind, literal):
        case ("ja_nee", ast.BoolValue(value)):
            return value
        case ("ja_nee", _):
            wrong("verwacht: waar of onwaar")
        case ("aantal", ast.IntValue(value)):
            return value
        case ("datum", ast.DateValue(value)):
            return value
        case ("keuze", ast.NameValue(value)):
            if value in type_.values:
                return value
            wrong(suggestion=suggest(value, type_.values))
        case ("verzameling", ast.SetValue(names)):
            unknown = [n.text for n in names if n.text not in type_.values]
            if not unknown:
                return frozenset(n.text for n in names)
            wrong(suggestion=suggest(unknown[0], type_.values))
        case _:
            wrong()
    return None
