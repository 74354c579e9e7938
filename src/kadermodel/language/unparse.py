"""The one printer of kadertaal: syntax trees and resolved conditions -> text.

- :func:`unparse` prints a whole file (kader or uitbreiding) in the canonical layout;
  ``kadermodel fmt`` is this function with the file's comments and blank lines
  (:func:`format_text`). The law: ``parse_source(unparse(tree)) == tree``.
- :func:`expr_text` prints one condition of a syntax tree on one line;
  :func:`cond_text` one resolved condition (:mod:`kadermodel.model`), optionally with the
  values of parameters or in the words the author wrote (for reports and test output).

The layout: four spaces per level; a bouwsteen's text, ``bron``, ``vereist`` and ``als`` on
lines of their own; a condition that does not fit on one line breaks before each ``en`` (or
``of``) at the top; texts longer than the line are split into pieces at spaces (pieces are
joined again when the file is read, so the text does not change); one blank line where the
author left one or more, none after ``{`` or before ``}``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from kadermodel import model as m
from kadermodel.errors import Span, source_lines
from kadermodel.language import ast

WIDTH = 92
"""The line width the layout aims at (a single word longer than that stays whole)."""
INDENT = "    "

_OR, _AND, _NOT, _ATOM = 0, 1, 2, 3
_MEMBER_WORDS = {"in": "in", "alle": "bevat alle", "een": "bevat een van"}
_PLURAL = {"dag": "dagen", "week": "weken", "maand": "maanden", "jaar": "jaar"}
_SINGULAR = {"dagen": "dag", "weken": "week", "maanden": "maand", "jaren": "jaar"}
_INVERSE: dict[str, ast.Comparator] = {
    "=": "!=",
    "!=": "=",
    "<": ">=",
    ">=": "<",
    ">": "<=",
    "<=": ">",
}


# ====================================================================== values


def string_literal(text: str) -> str:
    """``text`` as a kadertaal string, quotes and escapes included."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'


def literal_text(value: m.FactValue) -> str:
    """A value as kadertaal writes it: ``waar``/``onwaar``, ``2024-03-31``, ``(a, b)``."""
    if isinstance(value, bool):
        return "waar" if value else "onwaar"
    if isinstance(value, frozenset):
        return "(" + ", ".join(sorted(value)) + ")"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def unit_text(unit: str, amount: int) -> str:
    """The time unit after ``binnen``: singular for one, plural otherwise (``2 jaar``)."""
    base = _SINGULAR.get(unit, unit)
    return base if amount == 1 else _PLURAL.get(base, unit)


# ====================================================================== conditions


@attrs.frozen
class _Node:
    """A condition, as the combinators see it (the same for syntax and model trees)."""

    level: int
    text: str


def _combine(
    node: object,
    recurse: Callable[[object], _Node],
    leaf: Callable[[object], str],
) -> _Node:
    """Print the combinators (niet, en, of, minstens) of either tree with minimal brackets."""

    def at_least(child: object, level: int) -> str:
        printed = recurse(child)
        return f"({printed.text})" if printed.level < level else printed.text

    match node:
        case ast.Not(item) | m.Not(item):
            return _Node(_NOT, "niet " + at_least(item, _NOT))
        case ast.And(items) | m.And(items):
            if not items:
                return _Node(_ATOM, "waar")
            if len(items) == 1:
                return recurse(items[0])
            return _Node(_AND, " en ".join(at_least(i, _NOT) for i in items))
        case ast.Or(items) | m.Or(items):
            if not items:
                return _Node(_ATOM, "onwaar")
            if len(items) == 1:
                return recurse(items[0])
            if isinstance(node, ast.Or) and node.implication and len(items) == 2:
                premise = items[0].item if isinstance(items[0], ast.Not) else items[0]
                return _Node(_OR - 1, f"als {at_least(premise, _OR)} dan {at_least(items[1], _OR)}")
            return _Node(_OR, " of ".join(at_least(i, _AND) for i in items))
        case ast.AtLeast(count, items) | m.AtLeast(count, items):
            inner = ", ".join(recurse(i).text for i in items)
            return _Node(_ATOM, f"minstens {count} van ({inner})")
    return _Node(_ATOM, leaf(node))


def _level(node: object) -> int:
    """How loosely ``node`` binds (as :func:`_combine` prints it)."""
    match node:
        case ast.Not() | m.Not():
            return _NOT
        case ast.And(items) | m.And(items) if len(items) == 1:
            return _level(items[0])
        case ast.Or(items) | m.Or(items) if len(items) == 1:
            return _level(items[0])
        case ast.And(items) | m.And(items) if items:
            return _AND
        case ast.Or(items) | m.Or(items) if items:
            return _OR
    return _ATOM


# ---------------------------------------------------------------- syntax trees


def _operand_text(operand: ast.Operand) -> str:
    match operand:
        case ast.Ref():
            return operand.dotted
        case ast.BoolValue(value) | ast.IntValue(value) | ast.DateValue(value):
            return literal_text(value)
        case ast.Peildatum():
            return "peildatum"
    raise AssertionError(operand)  # pragma: no cover


def _ast_leaf(node: object) -> str:
    match node:
        case ast.Flag(ref):
            return ref.dotted
        case ast.Compare(ref, op, operand):
            return f"{ref.dotted} {op} {_operand_text(operand)}"
        case ast.Member(ref, kind, names):
            return f"{ref.dotted} {_MEMBER_WORDS[kind]} ({', '.join(n.text for n in names)})"
        case ast.Within(ref, amount, unit):
            return f"{ref.dotted} binnen {amount} {unit_text(unit, amount)}"
        case ast.DateOrder(ref, kind, operand):
            return f"{ref.dotted} {kind} {_operand_text(operand)}"
        case ast.PlateauCompare(thema, op, value):
            return f"plateau({thema.text}) {op} {value}"
    raise AssertionError(node)  # pragma: no cover


def _ast_node(expr: object) -> _Node:
    return _combine(expr, _ast_node, _ast_leaf)


def expr_text(expr: ast.Expr) -> str:
    """A condition of a syntax tree as kadertaal, on one line."""
    return _ast_node(expr).text


# ---------------------------------------------------------------- resolved conditions


def cond_text(
    cond: m.Cond,
    *,
    sources: Mapping[str, str] | None = None,
    parameters: Mapping[str, m.Parameter] | None = None,
    peildatum: dt.date | None = None,
    label_bouwstenen: bool = False,
    negated: bool = False,
) -> str:
    """A resolved condition as kadertaal, on one line.

    ``sources``: print each node as its author wrote it where its span is in ``sources``
    (whitespace collapsed). ``parameters``: show each parameter with its value
    (``n >= 2 (min_driehoek)``). ``peildatum``: a ``binnen`` window shows its first day.
    ``label_bouwstenen``: a bouwsteen reads ``bouwsteen thema.naam``. ``negated``: write
    the negation (comparisons inverted: ``niet n >= 2`` reads ``n < 2``).
    """

    def leaf(node: object) -> str:
        return _model_leaf(node, parameters, peildatum, label_bouwstenen)

    def recurse(node: object) -> _Node:
        written = span_text(sources, getattr(node, "span", None)) if sources else None
        if written is not None:
            return _Node(_level(node), written)
        return _combine(node, recurse, leaf)

    if negated:
        match cond:
            case m.Not(item):
                return recurse(item).text
            case m.Compare(op=op) if op in _INVERSE:
                return recurse(attrs.evolve(cond, op=_INVERSE[op])).text
            case m.FactIs() | m.ParamIs() | m.BouwsteenIs():
                return "niet " + recurse(cond).text
            case _:
                return f"niet ({recurse(cond).text})"
    return recurse(cond).text


def _model_operand(operand: m.Operand, parameters: Mapping[str, m.Parameter] | None) -> str:
    if isinstance(operand, m.FactOperand):
        return operand.name
    if isinstance(operand, m.ParamOperand):
        if parameters is not None and operand.name in parameters:
            return f"{literal_text(parameters[operand.name].value)} ({operand.name})"
        return operand.name
    if isinstance(operand, m.PeildatumOperand):
        return "peildatum"
    return literal_text(operand.value)


def _model_leaf(
    node: object,
    parameters: Mapping[str, m.Parameter] | None,
    peildatum: dt.date | None,
    label_bouwstenen: bool,
) -> str:
    match node:
        case m.FactIs(fact):
            return fact
        case m.ParamIs(param):
            if parameters is not None and param in parameters:
                return f"{param} ({literal_text(parameters[param].value)})"
            return param
        case m.Compare(left, op, right):
            return f"{_model_operand(left, parameters)} {op} {_model_operand(right, parameters)}"
        case m.Member(fact, kind, values):
            return f"{fact} {_MEMBER_WORDS[kind]} ({', '.join(values)})"
        case m.Within(fact, amount, unit):
            text = f"{fact} binnen {amount} {unit_text(unit, amount)}"
            if peildatum is not None:
                text += f" (vanaf {m.subtract(peildatum, amount, unit).isoformat()})"
            return text
        case m.BouwsteenIs(qid):
            return f"bouwsteen {qid}" if label_bouwstenen else qid
        case m.PlateauAtLeast(thema, op, value):
            return f"plateau({thema}) {op} {value}"
    raise AssertionError(node)  # pragma: no cover


def span_text(sources: Mapping[str, str] | None, span: Span | None) -> str | None:
    """The source text a span covers, on one line, or None when the source is unknown."""
    if sources is None or span is None or span.file not in sources:
        return None
    lines = sources[span.file].split("\n")
    if not 1 <= span.line <= span.end_line <= len(lines):
        return None
    if span.line == span.end_line:
        text = lines[span.line - 1][span.column - 1 : span.end_column - 1]
    else:
        parts = [lines[span.line - 1][span.column - 1 :]]
        parts.extend(lines[span.line : span.end_line - 1])
        parts.append(lines[span.end_line - 1][: span.end_column - 1])
        # Conditions hold no string literals, so a '#' can only start a comment.
        text = "\n".join(part.split("#", 1)[0] for part in parts)
    return " ".join(text.split()) or None


# ====================================================================== whole files


def unparse(tree: ast.SourceFile) -> str:
    """A kader or uitbreiding file in the canonical layout (without comments)."""
    return _Printer((), None).file(tree)


def format_text(tree: ast.SourceFile, text: str) -> str:
    """``tree``, parsed from ``text``, in the canonical layout with the comments of ``text``.

    A comment on a line of its own stays above the declaration that follows it; a comment
    after code stays on the line of a declaration's first line (or of a block's ``{`` or
    ``}``); a comment inside a declaration moves to just above it.
    """
    from kadermodel.language.syntax import comments_of

    return _Printer(comments_of(text), source_lines(text)).file(tree)


_TOKEN = re.compile(r"[^ ]* *")


def _pieces(text: str, column: int) -> list[str]:
    """``text`` as string literals, split at spaces so that each line fits from ``column``."""
    escaped = string_literal(text)[1:-1]
    tokens = [t for t in _TOKEN.findall(escaped) if t]
    room = max(WIDTH - column - 2, 1)
    pieces: list[str] = []
    current = ""
    for token in tokens:
        if current and len(current) + len(token) > room:
            pieces.append(current)
            current = ""
        current += token
    pieces.append(current)
    return [f'"{p}"' for p in pieces]


class _Printer:
    def __init__(self, comments: Sequence[ast.Comment], source: list[str] | None):
        self.comments = sorted(comments, key=lambda c: (c.line, c.column))
        self.used: set[int] = set()
        self.source = source
        self.lines: list[str] = []
        self.last_end = 0
        """The source line where the last declaration printed ends."""

    # -------------------------------------------------------------- comments and spacing
    def _emit_comments(self, before_line: int, indent: str, *, inclusive: bool = False) -> None:
        """Own-line copies of the comments not printed yet that come before ``before_line``."""
        for index, comment in enumerate(self.comments):
            if index in self.used:
                continue
            if comment.line > before_line or (comment.line == before_line and not inclusive):
                break
            self.used.add(index)
            self.lines.append(indent + comment.text)
            if comment.blank_after:
                self.lines.append("")

    def _trailing(self, line: int) -> str:
        """The comment after the code on ``line``, if any, as a suffix."""
        for index, comment in enumerate(self.comments):
            if index not in self.used and comment.line == line and comment.trailing:
                self.used.add(index)
                return "  " + comment.text
        return ""

    def _blank_before(self, span: Span, default: bool) -> bool:
        """Whether the author left a blank line before ``span`` (or its leading comments)."""
        if self.source is None:
            return default
        line = span.line
        for index, comment in enumerate(self.comments):
            if index not in self.used and comment.line < line and not comment.trailing:
                line = comment.line
                break
        return any(not self.source[i].strip() for i in range(self.last_end, line - 1))

    def _separate(self, span: Span, default: bool) -> None:
        if not self.lines or self.lines[-1] == "" or self.lines[-1].endswith("{"):
            return
        if self._blank_before(span, default):
            self.lines.append("")

    def _start(self, span: Span, indent: str, *, default_blank: bool) -> None:
        """Spacing and leading comments before a declaration; inner comments move above it."""
        self._separate(span, default_blank)
        self._emit_comments(span.line, indent)
        header_comment = self._trailing(span.line)
        self._emit_comments(span.end_line, indent, inclusive=True)
        self._pending_header = header_comment
        self.last_end = span.end_line

    def _put(self, first: str, rest: Iterable[str] = ()) -> None:
        """Lines of one declaration; the first one gets the header comment."""
        self.lines.append(first + self._pending_header)
        self._pending_header = ""
        self.lines.extend(rest)

    _pending_header = ""

    # -------------------------------------------------------------- files
    def file(self, tree: ast.SourceFile) -> str:
        if isinstance(tree, ast.KaderFile):
            self._kader(tree)
        else:
            self._uitbreiding(tree)
        rest = [c for i, c in enumerate(self.comments) if i not in self.used]
        if rest and self._blank_before(Span.point("", rest[0].line, 1), False):
            self.lines.append("")
        self._emit_comments(10**9, "")
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

    def _block_open(
        self, span: Span, indent: str, header: str, *, blank: bool = True, end_line: int = 0
    ) -> None:
        self._separate(span, blank)
        self._emit_comments(span.line, indent)
        # A block that closes on its first line keeps a comment there for its '}'.
        comment = self._trailing(span.line) if end_line != span.line else ""
        self.lines.append(indent + header + " {" + comment)
        self.last_end = span.line

    def _block_close(self, end_line: int, indent: str, inner: str) -> None:
        """The ``}`` on source line ``end_line``; comments before it stay inside the block."""
        self._emit_comments(end_line, inner)
        if self.lines[-1] == "":
            self.lines.pop()
        last = self.lines[-1]
        if last.endswith(" {") and not last.lstrip().startswith("#"):
            self.lines[-1] = last + "}"
        else:
            self.lines.append(indent + "}")
        self.lines[-1] += self._trailing(end_line)
        self.last_end = end_line

    def _kader(self, tree: ast.KaderFile) -> None:
        end = self._header_end(tree)
        self._block_open(tree.span, "", f"kader {tree.id.text}", end_line=end)
        entries: list[ast.MetaEntry | ast.StaleAfter] = [*tree.meta, *tree.stale_after]
        for entry in sorted(entries, key=lambda e: (e.span.line, e.span.column)):
            self._start(entry.span, INDENT, default_blank=False)
            if isinstance(entry, ast.StaleAfter):
                unit = unit_text(entry.unit, entry.amount)
                self._put(f"{INDENT}verouderd na {entry.amount} {unit}")
            else:
                self._texts(INDENT + entry.key.text + " ", entry.value)
        self._block_close(end, "", INDENT)
        for decl in tree.declarations:
            self._declaration(decl, "")

    def _header_end(self, tree: ast.KaderFile) -> int:
        """The source line of the ``}`` that closes the kader's header block."""
        spans: list[Span] = [e.span for e in tree.meta] + [e.span for e in tree.stale_after]
        last = max(spans, key=lambda s: (s.end_line, s.end_column)) if spans else tree.id.span
        if self.source is None:
            return last.end_line
        for index in range(last.end_line - 1, len(self.source)):
            code = _code_of(self.source[index])
            start = last.end_column - 1 if index == last.end_line - 1 else 0
            if "}" in code[start:]:
                return index + 1
        return last.end_line  # pragma: no cover - the parser saw the brace

    def _uitbreiding(self, tree: ast.UitbreidingFile) -> None:
        header = f"uitbreiding {tree.id.text} op {tree.base.text}"
        self._block_open(tree.span, "", header, end_line=tree.span.end_line)
        for item in tree.items:
            self._declaration(item, INDENT)
        self._block_close(tree.span.end_line, "", INDENT)

    # -------------------------------------------------------------- declarations
    def _declaration(self, decl: ast.ExtensionItem, indent: str) -> None:
        match decl:
            case ast.FeitDecl():
                self._feit(decl, indent)
            case ast.ParameterDecl():
                self._parameter(decl, indent)
            case ast.ParameterOverride():
                self._override(decl, indent)
            case ast.ThemaDecl():
                self._thema(decl, indent)
            case ast.StellingDecl():
                self._stelling(decl, indent)
            case ast.ControleDecl():
                self._controle(decl, indent)
            case ast.Verscherp() | ast.Vervang():
                self._change(decl, indent)
            case ast.Vervalt():
                self._vervalt(decl, indent)

    def _texts(self, prefix: str, text: str) -> None:
        """``prefix`` and a string, the string split over lines under its first quote."""
        pieces = _pieces(text, len(prefix))
        pad = " " * len(prefix)
        self._put(prefix + pieces[0], (pad + p for p in pieces[1:]))

    def _clauses(self, indent: str, clauses: Iterable[tuple[str, str | None]]) -> None:
        for keyword, value in clauses:
            if value is not None:
                self._texts(f"{indent}{keyword} ", value)

    def _type_lines(self, head: str, type_: ast.TypeExpr, tail: str, indent: str) -> list[str]:
        """``head TYPE tail`` on one line, or broken after ``head`` with the type below."""
        written = _type_text(type_)
        if len(head) + 1 + len(written) + len(tail) <= WIDTH:
            return [f"{head} {written}{tail}"]
        deeper = indent + INDENT * 2
        if tail and len(head) + 1 + len(written) <= WIDTH:
            return [f"{head} {written}", deeper + tail.lstrip()]
        lines = [head, *_wrapped_type(type_, deeper)]
        if tail:
            lines.append(deeper + tail.lstrip())
        return lines

    def _feit(self, decl: ast.FeitDecl, indent: str) -> None:
        self._start(decl.span, indent, default_blank=True)
        first, *rest = self._type_lines(f"{indent}feit {decl.name.text}:", decl.type, "", indent)
        self._put(first, rest)
        self._clauses(
            indent + INDENT,
            (("vraag", decl.vraag), ("bron", decl.bron), ("toelichting", decl.toelichting)),
        )
        if decl.voorheen:
            names = ", ".join(n.text for n in decl.voorheen)
            self.lines.append(f"{indent}{INDENT}voorheen {names}")

    def _parameter(self, decl: ast.ParameterDecl, indent: str) -> None:
        self._start(decl.span, indent, default_blank=True)
        value = f" = {_value_text(decl.value)}"
        head = f"{indent}parameter {decl.name.text}:"
        first, *rest = self._type_lines(head, decl.type, value, indent)
        self._put(first, rest)
        self._clauses(indent + INDENT, (("bron", decl.bron), ("toelichting", decl.toelichting)))

    def _override(self, decl: ast.ParameterOverride, indent: str) -> None:
        self._start(decl.span, indent, default_blank=True)
        self._put(f"{indent}parameter {decl.name.text} = {_value_text(decl.value)}")
        self._clauses(indent + INDENT, (("bron", decl.bron), ("toelichting", decl.toelichting)))
        self._bewust(decl.bewust, indent + INDENT)

    def _bewust(self, bewust: ast.Bewust | None, indent: str) -> None:
        if bewust is not None:
            self._texts(f"{indent}bewust zwakker ", bewust.reason)

    def _titled(self, head: str, title: str | None) -> str:
        return head if title is None else f"{head} {string_literal(title)}"

    def _thema(self, decl: ast.ThemaDecl, indent: str) -> None:
        header = self._titled(f"thema {decl.name.text}", decl.title)
        self._block_open(decl.span, indent, header, end_line=decl.span.end_line)
        inner = indent + INDENT
        for plateau in decl.plateaus:
            header = self._titled(f"plateau {plateau.number}", plateau.title)
            self._block_open(
                plateau.span, inner, header, blank=False, end_line=plateau.span.end_line
            )
            for bouwsteen in plateau.bouwstenen:
                self._bouwsteen(bouwsteen, inner + INDENT)
            self._block_close(plateau.span.end_line, inner, inner + INDENT)
        self._block_close(decl.span.end_line, indent, inner)

    def _bouwsteen(self, decl: ast.BouwsteenDecl, indent: str) -> None:
        self._start(decl.span, indent, default_blank=True)
        self._put(f"{indent}bouwsteen {decl.name.text}")
        inner = indent + INDENT
        pieces = _pieces(decl.text, len(inner))
        self.lines.extend(inner + p for p in pieces)
        self._clauses(inner, (("bron", decl.bron),))
        if decl.requires:
            self.lines.append(f"{inner}vereist " + ", ".join(r.dotted for r in decl.requires))
        if decl.geen_afwijking:
            self.lines.append(f"{inner}geen afwijking")
        if decl.condition is not None:
            self.lines.extend(_condition_lines(decl.condition, f"{inner}als ", inner + "   "))

    def _stelling(self, decl: ast.StellingDecl, indent: str) -> None:
        self._start(decl.span, indent, default_blank=True)
        head = self._titled(f"{indent}stelling {decl.name.text}", decl.text) + ":"
        one_line = f"{head} {expr_text(decl.condition)}"
        if len(one_line) <= WIDTH:
            self._put(one_line)
            return
        inner = indent + INDENT
        self._put(head, _condition_lines(decl.condition, inner, inner))

    def _controle(self, decl: ast.ControleDecl, indent: str) -> None:
        self._start(decl.span, indent, default_blank=True)
        self._put(f"{indent}controle {decl.name.text}")
        inner = indent + INDENT
        self.lines.extend(inner + p for p in _pieces(decl.text, len(inner)))
        self._clauses(inner, (("bron", decl.bron),))
        condition = decl.condition
        if isinstance(condition, ast.Or) and condition.implication and len(condition.items) == 2:
            premise, conclusion = condition.items
            assert isinstance(premise, ast.Not)
            self.lines.extend(_condition_lines(premise.item, f"{inner}als ", inner + "   "))
            self.lines.extend(_condition_lines(conclusion, f"{inner}dan ", inner + "    "))
        else:
            self.lines.extend(_condition_lines(condition, f"{inner}als ", inner + "   "))

    def _change(self, decl: ast.Verscherp | ast.Vervang, indent: str) -> None:
        self._start(decl.span, indent, default_blank=True)
        keyword = "verscherp" if isinstance(decl, ast.Verscherp) else "vervang"
        self._put(f"{indent}{keyword} {decl.target.dotted}")
        inner = indent + INDENT
        self.lines.extend(_condition_lines(decl.condition, f"{inner}als ", inner + "   "))
        if isinstance(decl, ast.Vervang):
            self._bewust(decl.bewust, inner)

    def _vervalt(self, decl: ast.Vervalt, indent: str) -> None:
        self._start(decl.span, indent, default_blank=True)
        self._texts(f"{indent}vervalt {decl.target.dotted} ", decl.reason)
        self._bewust(decl.bewust, indent + INDENT)


def _code_of(line: str) -> str:
    """A source line without its comment (strings may hold a '#')."""
    in_string = False
    escaped = False
    for index, char in enumerate(line):
        if escaped:
            escaped = False
        elif char == "\\" and in_string:
            escaped = True
        elif char == '"':
            in_string = not in_string
        elif char == "#" and not in_string:
            return line[:index]
    return line


def _type_text(type_: ast.TypeExpr) -> str:
    if type_.kind in ("keuze", "verzameling"):
        return f"{type_.kind}({', '.join(v.text for v in type_.values)})"
    return type_.kind


def _wrapped_type(type_: ast.TypeExpr, indent: str) -> list[str]:
    """A keuze or verzameling type over several lines, values aligned after the bracket."""
    if type_.kind not in ("keuze", "verzameling"):
        return [indent + type_.kind]
    opening = f"{indent}{type_.kind}("
    lines: list[str] = []
    current = opening
    values = [v.text for v in type_.values]
    for index, value in enumerate(values):
        piece = value + (", " if index < len(values) - 1 else ")")
        if current.strip() and current != opening and len(current + piece.rstrip()) > WIDTH:
            lines.append(current.rstrip())
            current = " " * len(opening)
        current += piece
    lines.append(current if values else opening + ")")
    return lines


def _value_text(value: ast.Literal) -> str:
    match value:
        case ast.IntValue(v) | ast.DateValue(v) | ast.BoolValue(v):
            return literal_text(v)
        case ast.NameValue(name):
            return name
        case ast.SetValue(names):
            return "(" + ", ".join(n.text for n in names) + ")"
    raise AssertionError(value)  # pragma: no cover


def _condition_lines(expr: ast.Expr, first: str, continuation: str) -> list[str]:
    """A condition after ``first``; too long, it breaks before each top-level en/of."""
    one_line = first + expr_text(expr)
    if len(one_line) <= WIDTH:
        return [one_line]
    if isinstance(expr, ast.And | ast.Or) and not (isinstance(expr, ast.Or) and expr.implication):
        word = "en" if isinstance(expr, ast.And) else "of"
        level = _NOT if isinstance(expr, ast.And) else _AND
        parts = []
        for item in expr.items:
            printed = _ast_node(item)
            parts.append(f"({printed.text})" if printed.level < level else printed.text)
        return [first + parts[0], *(f"{continuation}{word} {p}" for p in parts[1:])]
    if isinstance(expr, ast.Member):
        # a long list of values: wrapped after the bracket, aligned under the first value
        opening = f"{first}{expr.ref.dotted} {_MEMBER_WORDS[expr.kind]} ("
        lines: list[str] = []
        current = opening
        names = [n.text for n in expr.names]
        for index, name in enumerate(names):
            piece = name + (", " if index < len(names) - 1 else ")")
            if current != opening and len(current + piece.rstrip()) > WIDTH:
                lines.append(current.rstrip())
                current = " " * len(opening)
            current += piece
        return [*lines, current]
    return [one_line]
