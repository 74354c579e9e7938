"""Text -> syntax tree: the cached LALR parser and the translation of lark's errors.

``parse_source(text, name)`` returns a :class:`~kadermodel.ast.KaderFile` or
:class:`~kadermodel.ast.UitbreidingFile`, or raises :class:`KaderSyntaxError` with a Dutch
message, the expected tokens and a "bedoelde je ...?" where a keyword was misspelt. No lark
exception leaves this module.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import re
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import lark
from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from kadermodel import model as m
from kadermodel.errors import Diagnostic, KaderSyntaxError, Span, source_lines, suggest
from kadermodel.language import ast
from kadermodel.language.cache import cache_dir, write_atomically
from kadermodel.language.lexer import Reductions, Stop, literal_types, reductions
from kadermodel.language.lexer import parse as fast_parse
from kadermodel.language.reduce import fused_callbacks

GRAMMAR_FILE = "kadertaal.lark"

KEYWORDS = frozenset(
    (
        "kader",
        "uitbreiding",
        "op",
        "feit",
        "parameter",
        "thema",
        "plateau",
        "bouwsteen",
        "stelling",
        "vraag",
        "bron",
        "toelichting",
        "vereist",
        "geen",
        "afwijking",
        "als",
        "ja_nee",
        "aantal",
        "datum",
        "keuze",
        "verzameling",
        "waar",
        "onwaar",
        "niet",
        "en",
        "of",
        "in",
        "bevat",
        "alle",
        "een",
        "van",
        "minstens",
        "binnen",
        "na",
        "voor",
        "verscherp",
        "vervang",
        "vervalt",
        "bewust",
        "zwakker",
        "dag",
        "dagen",
        "week",
        "weken",
        "maand",
        "maanden",
        "jaar",
        "jaren",
        "dan",
        "voorheen",
        "controle",
        "peildatum",
        "verouderd",
    )
)

MAX_NESTING = 100
"""The deepest a condition may nest (``niet``, ``en``/``of`` in brackets, ``minstens``).

Real rules stay far below; the limit keeps checks and the compiled plan clear of Python's
recursion and nesting limits, so absurd input gets a :class:`KaderSyntaxError` instead."""

_NESTING_RULES = frozenset(
    {"or_expr", "and_expr", "not_expr", "at_least", "implication", "controle_decl"}
)

_UNITS: dict[str, ast.TimeUnit] = {
    "dag": "dag",
    "dagen": "dag",
    "week": "week",
    "weken": "week",
    "maand": "maand",
    "maanden": "maand",
    "jaar": "jaar",
    "jaren": "jaar",
}

_TERMINAL_NAMES = {
    "NAME": "een naam",
    "INT": "een getal",
    "DATE": "een datum (jjjj-mm-dd)",
    "STRING": 'een tekst tussen "aanhalingstekens"',
    "COMPARATOR": "een vergelijking (=, !=, <, <=, >, >=)",
    "UNIT": "een tijdseenheid (dagen, weken, maanden, jaar)",
    "$END": "het einde van het bestand",
}


def grammar_text() -> str:
    """The grammar, from the installed package or, in a source checkout, from ``grammar/``."""
    packaged = resources.files("kadermodel").joinpath("grammar", GRAMMAR_FILE)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[3] / "grammar" / GRAMMAR_FILE
    return checkout.read_text(encoding="utf-8")


class _Node(lark.Tree[Token]):
    """lark's parse tree node (the parser's ``tree_class``), which in a one-pass parse turns
    its complete children into syntax values as it is built.

    lark reduces a rule once all of its children are complete and their positions known; so
    when a node is built, each child node is translated by :class:`_ToAst` and dropped, and
    only the nodes still being built exist at any time instead of the whole parse tree. With
    ``streaming`` off (the diagnosing parse) it is a plain lark tree. The nesting depth is
    counted on the way: :data:`MAX_NESTING` exceeded stops the one-pass parse.
    """

    streaming = False
    depth = 0

    def __init__(self, data: str, children: list[Any], meta: Any = None) -> None:
        # lark's own rules for repetitions (``__name_star_0``, spliced into their parent) stay
        # as they are: their items are translated with the parent (copying their growing
        # list at every item would be quadratic).
        if _Node.streaming and data[0] != "_":
            depth = 0
            values = []
            for child in children:
                if type(child) is _Node:
                    if child.depth > depth:
                        depth = child.depth
                    child = _ToAst.convert(child)
                values.append(child)
            children = values
            if data in _NESTING_RULES:
                depth += 1
                if depth > MAX_NESTING:
                    raise _TooDeep
            self.depth = depth
        self.data = data
        self.children = children
        self._meta = meta


class _TooDeep(Exception):
    """A condition nests deeper than :data:`MAX_NESTING` (diagnosed by the second parse)."""


_PARSER_OPTIONS: dict[str, Any] = {
    "tree_class": _Node,
    "parser": "lalr",
    "lexer": "contextual",
    "propagate_positions": True,
    "maybe_placeholders": True,
    "start": ["start", "claim"],
}


@functools.cache
def _parser() -> lark.Lark:
    return cached_parser(grammar_text(), cache_dir())


def cached_parser(grammar: str, directory: Path | None) -> lark.Lark:
    """The LALR parser of ``grammar``, loaded from ``directory`` when built there before.

    Building the tables takes lark a few tenths of a second in every process; loading them
    takes a few hundredths. The file name holds a hash of the grammar and the options, and the
    lark and Python versions, so a changed grammar or lark never loads stale tables. A cache
    that cannot be read or written (read-only, full, damaged) is simply not used.
    """
    key = hashlib.sha256(
        "\n".join([grammar, repr(sorted(_PARSER_OPTIONS.items())), lark.__version__]).encode()
    ).hexdigest()[:24]
    version = f"{sys.version_info[0]}{sys.version_info[1]}"
    path = None if directory is None else directory / f"kadertaal-{key}-py{version}.lark"
    if path is not None:
        try:
            with path.open("rb") as stream:
                return lark.Lark.load(stream)
        except Exception:  # absent or unusable: build it instead
            pass
    parser = lark.Lark(grammar, **_PARSER_OPTIONS)
    if path is not None:
        write_atomically(path, parser.save)
    return parser


@functools.cache
def _fast_parser() -> tuple[Any, Reductions, dict[str, str]]:
    """For the fast parse: lark's parse table, the rule callbacks (fused where lark's chain
    has the known shape, :mod:`~kadermodel.language.reduce`) and the string terminals."""
    parser = _parser()
    lalr = parser.parser.parser.parser
    callbacks = fused_callbacks(lalr.callbacks) or lalr.callbacks
    return lalr.parse_table, reductions(callbacks), literal_types(parser)


MAX_KADER_CHARS = 10_000_000
"""The largest kader or uitbreiding text read (characters; the VNG kader is about 30,000)."""
MAX_CONDITION_TERMS = 10_000
"""The most parts (joined by ``en``, ``of`` or commas) one declaration's condition may have."""

_STRINGS_AND_COMMENTS = re.compile(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*')
_DECLARATION = re.compile(
    r"\b(?:bouwsteen|stelling|controle|verscherp|vervang|feit|parameter|thema|plateau)\b"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_JOINS = re.compile(r"\ben\b|\bof\b|,")
_CONDITION_HOLDERS = frozenset({"bouwsteen", "stelling", "controle", "verscherp", "vervang"})


def _point_at(text: str, name: str, offset: int, width: int = 1) -> Span:
    """The span of ``width`` characters at character ``offset`` of ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Span.point(name, line, column, width)


def _check_size(text: str, name: str) -> None:
    """Refuse, before parsing, a text or a condition too large to handle in reasonable time.

    A linear scan: strings and comments are blanked, the text is cut at every declaration
    keyword, and the joins (``en``, ``of``, commas) of each piece are counted.
    """
    if len(text) > MAX_KADER_CHARS:
        raise KaderSyntaxError(
            [
                Diagnostic(
                    "K107",
                    f"de tekst is te groot: {len(text):_} tekens, hooguit "
                    f"{MAX_KADER_CHARS:_}".replace("_", "."),
                    Span.point(name, 1, 1),
                    hint="splits het kader op in een kader en uitbreidingen",
                )
            ]
        )
    half = _SURROGATE.search(text)
    if half is not None:
        # Only a Python string can hold one (a file is decoded as UTF-8 first): it cannot
        # be printed in a report, so it is refused where the text enters.
        raise KaderSyntaxError(
            [
                Diagnostic(
                    "K101",
                    f"onverwacht teken: U+{ord(half.group()):04X} is een half teken "
                    "(een 'surrogaat'), geen teken",
                    _point_at(text, name, half.start()),
                    hint="haal het halve teken weg",
                )
            ],
            {name: text},
        )
    blank = _STRINGS_AND_COMMENTS.sub(lambda found: " " * len(found.group()), text)
    starts = [0, *(found.start() for found in _DECLARATION.finditer(blank)), len(blank)]
    for start, end in itertools.pairwise(starts):
        if end - start < MAX_CONDITION_TERMS:  # fewer characters than the limit: fine
            continue
        # Every piece but the first starts with its keyword; the first (before any
        # declaration) may start with blanks (a string or comment blanked out) or be empty.
        head = blank[start : start + 10].split(None, 1)
        word = head[0] if head else ""
        if word not in _CONDITION_HOLDERS:
            continue
        terms = len(_JOINS.findall(blank, start, end)) + 1
        if terms > MAX_CONDITION_TERMS:
            raise KaderSyntaxError(
                [
                    Diagnostic(
                        "K108",
                        f"deze voorwaarde is te groot: {terms:_} delen, hooguit "
                        f"{MAX_CONDITION_TERMS:_}".replace("_", "."),
                        _point_at(text, name, start, max(len(word), 1)),
                        hint="splits de voorwaarde op in aparte bouwstenen en verwijs "
                        "ernaar met 'vereist'",
                    )
                ],
                {name: text},
            )


def parse_source(text: str, name: str = "<tekst>") -> ast.SourceFile:
    """Parse kadertaal text into a syntax tree, or raise :class:`KaderSyntaxError`."""
    result = _parse(text, name, "start")
    if isinstance(result, ast.KaderFile | ast.UitbreidingFile):
        return result
    raise AssertionError(f"unexpected parse result {type(result).__name__}")  # pragma: no cover


def parse_claim(text: str, name: str = "<stelling>") -> ast.Expr:
    """Parse a claim on its own (``als x dan y`` or a condition), as in a case file.

    ``als x dan y`` becomes ``niet x of y``. Raises :class:`KaderSyntaxError`.
    """
    result: ast.Expr = _parse(text, name, "claim")
    return result


def _parse(text: str, name: str, start: str) -> Any:
    """Text -> syntax tree in one pass: lark builds each node's :mod:`ast` value as soon as
    the node is complete (:class:`_Node`), so no parse tree of the whole text is kept.

    Any problem (a syntax error, a bad literal, too deep nesting) is diagnosed by parsing
    again the way it was done before there was a one-pass parse: the whole parse tree first,
    then the nesting check, then the translation. The messages are therefore exactly those of
    that order (a syntax error anywhere wins over a bad date earlier in the text), and only a
    text with an error is parsed twice.
    """
    _check_size(text, name)
    _ToAst.current_file = name
    _Node.streaming = True
    try:
        # The fast lexer first; where it stops, lark's own lexer may still read the text
        # (a keyword used as a name, for one).
        try:
            return _ToAst.convert(fast_parse(text, start, *_fast_parser()))
        except Stop:
            pass
        return _ToAst.convert(_parser().parse(text, start=start))
    except (UnexpectedInput, _LiteralError, _TooDeep):
        pass
    finally:
        _Node.streaming = False
    try:
        tree = _parser().parse(text, start=start)
        _check_nesting(tree)
        return _ToAst().transform(tree)
    except UnexpectedInput as error:
        raise KaderSyntaxError([_diagnose(error, text, name)], {name: text}) from None
    except _LiteralError as error:
        raise KaderSyntaxError([error.diagnostic], {name: text}) from None


def _check_nesting(tree: lark.Tree[Token]) -> None:
    """Raise a K105 diagnostic (as :class:`_LiteralError`) where a condition nests too deep."""
    stack: list[tuple[lark.Tree[Token], int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if node.data in _NESTING_RULES:
            depth += 1
            if depth > MAX_NESTING:
                raise _LiteralError(
                    Diagnostic(
                        "K105",
                        f"deze voorwaarde is te diep genest (meer dan {MAX_NESTING} niveaus)",
                        _meta_span(node.meta),
                        hint="splits de voorwaarde op in aparte bouwstenen",
                    )
                )
        stack.extend((c, depth) for c in node.children if isinstance(c, lark.Tree))


def comments_of(text: str) -> tuple[ast.Comment, ...]:
    """The comments of a kadertaal text, in order.

    The grammar ignores comments; they run from a ``#`` outside a string to the end of the
    line, and strings never span lines, so a scan per line finds them exactly.
    """
    lines = source_lines(text)
    found = []
    for number, line in enumerate(lines, start=1):
        in_string = False
        escaped = False
        for index, char in enumerate(line):
            if escaped:
                escaped = False
            elif in_string and char == "\\":
                escaped = True
            elif char == '"':
                in_string = not in_string
            elif char == "#" and not in_string:
                following = lines[number] if number < len(lines) else "x"
                found.append(
                    ast.Comment(
                        number,
                        index + 1,
                        line[index:].rstrip(),
                        bool(line[:index].strip()),
                        not following.strip(),
                    )
                )
                break
    return tuple(found)


# ------------------------------------------------------------------ error translation


def _describe_terminal(name: str) -> str:
    if name in _TERMINAL_NAMES:
        return _TERMINAL_NAMES[name]
    for terminal in _parser().terminals:
        if terminal.name == name:
            pattern = terminal.pattern
            if isinstance(pattern, lark.lexer.PatternStr):
                return f"'{pattern.value}'"
    return name.lower()


def _expected_text(expected: set[str]) -> str:
    described = sorted({_describe_terminal(name) for name in expected})
    quoted = [d for d in described if d.startswith("'")]
    others = [d for d in described if not d.startswith("'")]
    items = others + quoted
    if len(items) > 8:
        items = [*items[:8], "..."]
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " of " + items[-1]


def _keyword_candidates(expected: set[str]) -> list[str]:
    words = list(_UNITS) if "UNIT" in expected else []
    for name in expected:
        description = _describe_terminal(name)
        if description.startswith("'") and description[1:-1].replace("_", "").isalpha():
            words.append(description[1:-1])
    return words


def _accepted(error: UnexpectedInput, fallback: set[str]) -> set[str]:
    """The terminals the parser would accept where it stopped.

    lark's own ``expected``/``allowed`` lists come from the lexer: they miss keywords that
    look like names (``niet``, ``minstens``) and, after LALR state merging, list tokens that
    cannot follow here. Asking the parser state is exact.
    """
    parser = getattr(error, "interactive_parser", None)
    if parser is None:
        return fallback
    return set(parser.accepts()) or fallback


_OPERATOR_WORDS = {"&": "en", "|": "of", "!": "niet"}


def _follow_hint(text: str, position: int) -> str | None:
    """A hint when the previous word needs something after it (``en``, ``of``, ``niet``)."""
    words = text[:position].split()
    previous = words[-1] if words else ""
    if previous in ("en", "of", "niet"):
        return f"na '{previous}' hoort nog een voorwaarde"
    return None


def _diagnose(error: UnexpectedInput, text: str, name: str) -> Diagnostic:
    if isinstance(error, UnexpectedCharacters):
        position = error.pos_in_stream or 0
        char = text[position] if position < len(text) else ""
        span = Span.point(name, error.line, error.column)
        hint = None
        expected = _accepted(error, set(error.allowed))
        message = f"onverwacht teken {char!r}; verwacht: {_expected_text(expected)}"
        if char in "'‘’“”":
            hint = 'teksten staan tussen rechte dubbele aanhalingstekens: "..."'
        elif char == '"':
            message = 'deze tekst wordt niet afgesloten met "'
            hint = 'een tekst sluit op dezelfde regel; een lange tekst mag in delen: "..." "..."'
        elif char in _OPERATOR_WORDS:
            hint = f"schrijf '{_OPERATOR_WORDS[char]}' in plaats van '{char}'"
        elif char.isdigit():
            hint = "schrijf getallen met de cijfers 0 tot en met 9"
        return Diagnostic("K101", message, span, hint=hint)
    if isinstance(error, UnexpectedEOF):
        return _eof_diagnostic(text, name, _accepted(error, set(error.expected)))
    if isinstance(error, UnexpectedToken):
        token: Token = error.token
        expected = _accepted(error, set(error.expected))
        if token.type == "$END":
            return _eof_diagnostic(text, name, expected)
        value = str(token)
        span = Span(
            name,
            token.line or 1,
            token.column or 1,
            token.end_line or token.line or 1,
            token.end_column or (token.column or 1) + len(value),
        )
        suggestion = None
        hint = None
        keywords = _keyword_candidates(expected)
        if token.type == "NAME" and keywords:
            suggestion = suggest(value, keywords)
        if "RBRACE" in expected and value in _BLOCK_STARTERS:
            hint = "sluit het vorige blok eerst af met '}'"
        elif value in KEYWORDS and "NAME" in expected:
            hint = f"'{value}' is een sleutelwoord van de kadertaal en kan hier geen naam zijn"
        elif token.type == "STRING" and "NAME" in expected:
            hint = "namen staan zonder aanhalingstekens, bijvoorbeeld: aandachtsfunctionaris"
        elif "KADER" in expected:
            hint = 'een kaderbestand begint met: kader naam { titel "..." }'
        else:
            hint = _follow_hint(text, token.start_pos or 0)
        missing = _missing_reason(text, name, token, expected)
        if missing is not None:
            return missing
        return Diagnostic(
            "K102",
            f"{_token_text(token)}; verwacht: {_expected_text(expected)}",
            span,
            hint=hint,
            suggestion=suggestion,
        )
    raise error  # pragma: no cover - lark has no other UnexpectedInput kinds


_REASON_KEYWORD = re.compile(r"\b(vervalt|zwakker)\b")


def _missing_reason(text: str, name: str, token: Token, expected: set[str]) -> Diagnostic | None:
    """K102 at ``vervalt`` (or ``bewust zwakker``) when its reason is missing: the parser only
    notices on the next line, but the construct that lacks the reason is this one."""
    if "STRING" not in expected or not token.line:
        return None
    start = token.start_pos or 0
    line_start = text.rfind("\n", 0, start) + 1
    previous = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    before = text[line_start:start].strip()
    if before:
        found = list(_REASON_KEYWORD.finditer(text, line_start, start))
    else:
        found = list(_REASON_KEYWORD.finditer(text, previous, line_start))
    if not found:
        return None
    keyword = found[-1]
    line = text.count("\n", 0, keyword.start()) + 1
    column = keyword.start() - (text.rfind("\n", 0, keyword.start()) + 1) + 1
    what = "'vervalt'" if keyword.group(1) == "vervalt" else "'bewust zwakker'"
    return Diagnostic(
        "K102",
        f"na {what} ontbreekt de reden",
        Span.point(name, line, column, len(keyword.group(1))),
        hint=f'schrijf de reden tussen aanhalingstekens achter {what}: ... "reden"',
    )


def _token_text(token: Token) -> str:
    if token.type == "NAME":
        return f"onverwachte naam '{token}'"
    if token.type == "STRING":
        return "onverwachte tekst " + str(token)
    return f"onverwacht '{token}'"


_BLOCK_STARTERS = frozenset(
    {
        "feit",
        "parameter",
        "thema",
        "plateau",
        "bouwsteen",
        "stelling",
        "controle",
        "verscherp",
        "vervang",
    }
)


def _eof_diagnostic(text: str, name: str, expected: set[str]) -> Diagnostic:
    lines = source_lines(text)
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # the end of a text that ends with a newline is the end of its last line
    line = len(lines)
    column = len(lines[-1]) + 1
    hint = None
    if "RBRACE" in expected:
        opened = _unclosed_brace(text)
        where = f" (geopend op regel {opened})" if opened else ""
        hint = f"een blok is nog open{where}; sluit het af met '}}'"
    else:
        hint = _follow_hint(text, len(text))
    return Diagnostic(
        "K103",
        f"onverwacht einde van het bestand; verwacht: {_expected_text(expected)}",
        Span.point(name, line, column),
        hint=hint,
    )


def _unclosed_brace(text: str) -> int | None:
    stack: list[int] = []
    for line_number, line in enumerate(source_lines(text), start=1):
        in_string = False
        for index, char in enumerate(line):
            if char == '"' and (index == 0 or line[index - 1] != "\\"):
                in_string = not in_string
            elif char == "#" and not in_string:
                break
            elif not in_string and char == "{":
                stack.append(line_number)
            elif not in_string and char == "}" and stack:
                stack.pop()
    return stack[-1] if stack else None


# ------------------------------------------------------------------ tree -> AST


class _LiteralError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


_ESCAPE = re.compile(r"\\(.)")


def _unquote(token: Token) -> str:
    return _ESCAPE.sub(lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), token[1:-1])


def _token_span(token: Token) -> Span:
    return Span(
        _ToAst.current_file,
        token.line or 1,
        token.column or 1,
        token.end_line or token.line or 1,
        token.end_column or (token.column or 1) + len(token),
    )


def _meta_span(meta: Any) -> Span:
    if getattr(meta, "empty", True):
        return Span.point(_ToAst.current_file, 1, 1)
    return Span(_ToAst.current_file, meta.line, meta.column, meta.end_line, meta.end_column)


def _name(token: Token) -> ast.Name:
    return ast.Name(str(token), _token_span(token))


def _date(token: Token) -> dt.date:
    try:
        return dt.date.fromisoformat(str(token))
    except ValueError:
        raise _LiteralError(
            Diagnostic(
                "K104",
                f"'{token}' is geen bestaande datum",
                _token_span(token),
                hint="schrijf een datum als jjjj-mm-dd, bijvoorbeeld 2024-03-31",
            )
        ) from None


def _number(token: Token) -> int:
    """A number in kader text (ASCII digits, the grammar's INT), at most ``m.AANTAL_MAX``."""
    digits = str(token).lstrip("0")
    if len(digits) <= len(str(m.AANTAL_MAX)) and int(token) <= m.AANTAL_MAX:
        return int(token)
    shown = str(token) if len(token) <= 30 else f"{token[:20]}... ({len(token)} cijfers)"
    raise _LiteralError(
        Diagnostic(
            "K106",
            f"het getal {shown} is te groot",
            _token_span(token),
            hint=f"getallen lopen van 0 tot en met {m.AANTAL_MAX:_}".replace("_", "."),
        )
    )


def _split(children: list[Any], kind: type) -> Iterator[Any]:
    return (child for child in children if isinstance(child, kind))


class _ToAst:
    """Builds :mod:`kadermodel.language.ast` nodes from lark's parse tree, bottom up.

    One method per grammar rule (or alias), called as ``method(meta, children)``: node by node
    while lark parses (:meth:`convert`, from :class:`_Node`), or over a whole tree
    (:meth:`transform`, when an error is diagnosed). The walk is written out instead of using
    ``lark.Transformer`` because it is about twice as fast, which matters for kaders with
    thousands of bouwstenen.
    """

    current_file = "<tekst>"

    @staticmethod
    def convert(node: lark.Tree[Token]) -> Any:
        """The syntax value of one node whose children are syntax values already."""
        method = _METHODS.get(node.data)
        if method is None:
            method = _METHODS[node.data] = getattr(_TO_AST, str(node.data))
        return method(node.meta, node.children)

    def transform(self, tree: lark.Tree[Token]) -> Any:
        methods: dict[str, Callable[[Any, list[Any]], Any]] = {}
        # Iterative post-order walk: deep nesting in a kader must not hit Python's
        # recursion limit here.
        results: list[Any] = []
        stack: list[tuple[Any, bool]] = [(tree, False)]
        while stack:
            item, expanded = stack.pop()
            if not isinstance(item, lark.Tree):
                results.append(item)
                continue
            if not expanded:
                stack.append((item, True))
                stack.extend((child, False) for child in reversed(item.children))
                continue
            count = len(item.children)
            children = results[len(results) - count :] if count else []
            if count:
                del results[len(results) - count :]
            method = methods.get(item.data)
            if method is None:
                method = methods[item.data] = getattr(self, str(item.data))
            results.append(method(item.meta, children))
        return results[0]

    def start(self, meta: Any, children: list[Any]) -> Any:
        return children[0]

    def kader_file(self, meta: Any, children: list[Any]) -> ast.KaderFile:
        identifier, *rest = children
        metas = tuple(c for c in rest if isinstance(c, ast.MetaEntry))
        stale = tuple(c for c in rest if isinstance(c, ast.StaleAfter))
        declarations = tuple(c for c in rest if not isinstance(c, ast.MetaEntry | ast.StaleAfter))
        return ast.KaderFile(
            _name(identifier),
            metas,
            declarations,
            self.current_file,
            _meta_span(meta),
            stale,
        )

    def meta_entry(self, meta: Any, children: list[Any]) -> ast.MetaEntry:
        key, value = children
        return ast.MetaEntry(_name(key), value, _meta_span(meta))

    def stale_entry(self, meta: Any, children: list[Any]) -> ast.StaleAfter:
        amount, unit = children
        return ast.StaleAfter(_number(amount), _UNITS[str(unit)], _meta_span(meta))

    def uitbreiding_file(self, meta: Any, children: list[Any]) -> ast.UitbreidingFile:
        identifier, base, *items = children
        return ast.UitbreidingFile(
            _name(identifier), _name(base), tuple(items), self.current_file, _meta_span(meta)
        )

    # facts and parameters
    def feit_decl(self, meta: Any, children: list[Any]) -> ast.FeitDecl:
        name, type_expr, *clauses = children
        found = dict(clauses)
        return ast.FeitDecl(
            _name(name),
            type_expr,
            found.get("vraag"),
            found.get("bron"),
            found.get("toelichting"),
            _meta_span(meta),
            tuple(n for key, names in clauses if key == "voorheen" for n in names),
        )

    def vraag(self, meta: Any, children: list[Any]) -> tuple[str, str]:
        return ("vraag", children[0])

    def bron(self, meta: Any, children: list[Any]) -> tuple[str, str]:
        return ("bron", children[0])

    def toelichting(self, meta: Any, children: list[Any]) -> tuple[str, str]:
        return ("toelichting", children[0])

    def voorheen(self, meta: Any, children: list[Any]) -> tuple[str, tuple[ast.Name, ...]]:
        return ("voorheen", children[0])

    def vereist(self, meta: Any, children: list[Any]) -> tuple[str, tuple[ast.Ref, ...]]:
        return ("vereist", children[0])

    def geen_afwijking(self, meta: Any, children: list[Any]) -> tuple[str, bool]:
        return ("geen_afwijking", True)

    def _type(self, meta: Any, kind: ast.TypeKind, values: tuple[ast.Name, ...] = ()) -> Any:
        return ast.TypeExpr(kind, values, _meta_span(meta))

    def type_ja_nee(self, meta: Any, children: list[Any]) -> ast.TypeExpr:
        return self._type(meta, "ja_nee")  # type: ignore[no-any-return]

    def type_aantal(self, meta: Any, children: list[Any]) -> ast.TypeExpr:
        return self._type(meta, "aantal")  # type: ignore[no-any-return]

    def type_datum(self, meta: Any, children: list[Any]) -> ast.TypeExpr:
        return self._type(meta, "datum")  # type: ignore[no-any-return]

    def type_keuze(self, meta: Any, children: list[Any]) -> ast.TypeExpr:
        return self._type(meta, "keuze", children[0])  # type: ignore[no-any-return]

    def type_verzameling(self, meta: Any, children: list[Any]) -> ast.TypeExpr:
        return self._type(meta, "verzameling", children[0])  # type: ignore[no-any-return]

    def parameter_decl(self, meta: Any, children: list[Any]) -> ast.ParameterDecl:
        name, type_expr, value, *clauses = children
        found = dict(clauses)
        return ast.ParameterDecl(
            _name(name),
            type_expr,
            value,
            found.get("bron"),
            found.get("toelichting"),
            _meta_span(meta),
        )

    def parameter_override(self, meta: Any, children: list[Any]) -> ast.ParameterOverride:
        name, value, *rest = children
        bewust = next(_split(rest, ast.Bewust), None)
        found: dict[str, str] = dict(c for c in rest if isinstance(c, tuple))
        return ast.ParameterOverride(
            _name(name),
            value,
            found.get("bron"),
            found.get("toelichting"),
            bewust,
            _meta_span(meta),
        )

    def int_literal(self, meta: Any, children: list[Any]) -> ast.IntValue:
        return ast.IntValue(_number(children[0]), _meta_span(meta))

    def date_literal(self, meta: Any, children: list[Any]) -> ast.DateValue:
        return ast.DateValue(_date(children[0]), _meta_span(meta))

    def name_literal(self, meta: Any, children: list[Any]) -> ast.NameValue:
        return ast.NameValue(str(children[0]), _meta_span(meta))

    def true_literal(self, meta: Any, children: list[Any]) -> ast.BoolValue:
        return ast.BoolValue(True, _meta_span(meta))

    def false_literal(self, meta: Any, children: list[Any]) -> ast.BoolValue:
        return ast.BoolValue(False, _meta_span(meta))

    def set_literal(self, meta: Any, children: list[Any]) -> ast.SetValue:
        names = children[0] if children and children[0] is not None else ()
        return ast.SetValue(names, _meta_span(meta))

    # thema's
    def thema_decl(self, meta: Any, children: list[Any]) -> ast.ThemaDecl:
        name, title, *plateaus = children
        return ast.ThemaDecl(_name(name), title, tuple(plateaus), _meta_span(meta))

    def plateau_decl(self, meta: Any, children: list[Any]) -> ast.PlateauDecl:
        number, title, *bouwstenen = children
        return ast.PlateauDecl(_number(number), title, tuple(bouwstenen), _meta_span(meta))

    def bouwsteen_decl(self, meta: Any, children: list[Any]) -> ast.BouwsteenDecl:
        name, text, *clauses, condition = children
        bron = None
        requires: tuple[ast.Ref, ...] = ()
        fixed = False
        for key, value in clauses:
            if key == "bron":
                bron = value
            elif key == "geen_afwijking":
                fixed = True
            else:
                requires = requires + value
        return ast.BouwsteenDecl(
            _name(name), text, bron, requires, condition, _meta_span(meta), fixed
        )

    def stelling_decl(self, meta: Any, children: list[Any]) -> ast.StellingDecl:
        name, text, condition = children
        return ast.StellingDecl(_name(name), text, condition, _meta_span(meta))

    def controle_decl(self, meta: Any, children: list[Any]) -> ast.ControleDecl:
        name, text, bron, premise, conclusion = children
        condition = premise
        if conclusion is not None:
            condition = ast.Or(
                (ast.Not(premise, premise.span), conclusion),
                Span(
                    premise.span.file,
                    premise.span.line,
                    premise.span.column,
                    conclusion.span.end_line,
                    conclusion.span.end_column,
                ),
                implication=True,
            )
        return ast.ControleDecl(_name(name), text, bron, condition, _meta_span(meta))

    def implication(self, meta: Any, children: list[Any]) -> ast.Or:
        # "als x dan y" is "niet x of y" (Kleene), so no new node type is needed downstream.
        premise, conclusion = children
        return ast.Or(
            (ast.Not(premise, premise.span), conclusion), _meta_span(meta), implication=True
        )

    def claim(self, meta: Any, children: list[Any]) -> Any:
        return children[0]

    # extension operations
    def verscherp(self, meta: Any, children: list[Any]) -> ast.Verscherp:
        target, condition = children
        return ast.Verscherp(target, condition, _meta_span(meta))

    def vervang(self, meta: Any, children: list[Any]) -> ast.Vervang:
        target, condition, *rest = children
        return ast.Vervang(target, condition, rest[0] if rest else None, _meta_span(meta))

    def vervalt(self, meta: Any, children: list[Any]) -> ast.Vervalt:
        target, reason, *rest = children
        return ast.Vervalt(target, reason, rest[0] if rest else None, _meta_span(meta))

    def bewust(self, meta: Any, children: list[Any]) -> ast.Bewust:
        return ast.Bewust(children[0], _meta_span(meta))

    # conditions
    def or_expr(self, meta: Any, children: list[Any]) -> ast.Or:
        return ast.Or(tuple(children), _meta_span(meta))

    def and_expr(self, meta: Any, children: list[Any]) -> ast.And:
        return ast.And(tuple(children), _meta_span(meta))

    def not_expr(self, meta: Any, children: list[Any]) -> ast.Not:
        return ast.Not(children[0], _meta_span(meta))

    def flag(self, meta: Any, children: list[Any]) -> ast.Flag:
        return ast.Flag(children[0], _meta_span(meta))

    def compare(self, meta: Any, children: list[Any]) -> ast.Compare:
        ref, op, operand = children
        return ast.Compare(ref, str(op), operand, _meta_span(meta))  # type: ignore[arg-type]

    def member(self, meta: Any, children: list[Any]) -> ast.Member:
        return ast.Member(children[0], "in", children[1], _meta_span(meta))

    def contains_all(self, meta: Any, children: list[Any]) -> ast.Member:
        return ast.Member(children[0], "alle", children[1], _meta_span(meta))

    def contains_any(self, meta: Any, children: list[Any]) -> ast.Member:
        return ast.Member(children[0], "een", children[1], _meta_span(meta))

    def within(self, meta: Any, children: list[Any]) -> ast.Within:
        ref, amount, unit = children
        return ast.Within(ref, _number(amount), _UNITS[str(unit)], _meta_span(meta))

    def after(self, meta: Any, children: list[Any]) -> ast.DateOrder:
        return ast.DateOrder(children[0], "na", children[1], _meta_span(meta))

    def before(self, meta: Any, children: list[Any]) -> ast.DateOrder:
        return ast.DateOrder(children[0], "voor", children[1], _meta_span(meta))

    def at_least(self, meta: Any, children: list[Any]) -> ast.AtLeast:
        count, *items = children
        return ast.AtLeast(_number(count), tuple(items), _meta_span(meta))

    def plateau_compare(self, meta: Any, children: list[Any]) -> ast.PlateauCompare:
        thema, op, value = children
        return ast.PlateauCompare(_name(thema), str(op), _number(value), _meta_span(meta))  # type: ignore[arg-type]

    def int_operand(self, meta: Any, children: list[Any]) -> ast.IntValue:
        return ast.IntValue(_number(children[0]), _meta_span(meta))

    def date_operand(self, meta: Any, children: list[Any]) -> ast.DateValue:
        return ast.DateValue(_date(children[0]), _meta_span(meta))

    def ref_operand(self, meta: Any, children: list[Any]) -> ast.Ref:
        ref: ast.Ref = children[0]
        return ref

    def true_operand(self, meta: Any, children: list[Any]) -> ast.BoolValue:
        return ast.BoolValue(True, _meta_span(meta))

    def false_operand(self, meta: Any, children: list[Any]) -> ast.BoolValue:
        return ast.BoolValue(False, _meta_span(meta))

    def peildatum_operand(self, meta: Any, children: list[Any]) -> ast.Peildatum:
        return ast.Peildatum(_meta_span(meta))

    # lists and names
    def ref(self, meta: Any, children: list[Any]) -> ast.Ref:
        return ast.Ref(tuple(str(c) for c in children if c is not None), _meta_span(meta))

    def ref_list(self, meta: Any, children: list[Any]) -> tuple[ast.Ref, ...]:
        return tuple(children)

    def name_list(self, meta: Any, children: list[Any]) -> tuple[ast.Name, ...]:
        return tuple(_name(c) for c in children)

    def tekst(self, meta: Any, children: list[Any]) -> str:
        return "".join(_unquote(c) for c in children)


_TO_AST = _ToAst()
_METHODS: dict[str, Callable[[Any, list[Any]], Any]] = {}
