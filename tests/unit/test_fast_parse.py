"""The fast parse (kadermodel.language.lexer and .reduce) reads what lark reads, the same way.

Two oracles, both lark's own:
- the tokens: wherever the fast lexer's tokens are parsed, they are exactly those of lark's
  contextual lexer run by the same LALR parser (type, text and every position); where it
  stops or its tokens are refused, the parse falls back to lark's lexer;
- the syntax tree: ``parse_source`` (fast lexer, own LALR loop, fused callbacks) gives the
  tree of the diagnosing parse (lark's lexer, parser, parse tree and the translation),
  spans included (they are left out of ``==``, so the trees are compared field by field).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import lark
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark.lexer import LexerThread

from kadermodel.language import syntax
from kadermodel.language.lexer import KadertaalLexer, Stop

REPO = Path(__file__).resolve().parents[2]
KADER_FILES = sorted(
    [
        *(REPO / "src" / "kadermodel" / "kaders").glob("*.kader"),
        *(REPO / "examples").rglob("*.kader"),
        *(REPO / "tests").rglob("*.kader"),
    ]
)
Seen = tuple[str, str, int, int, int, int, int, int]


class _Recording:
    """A lexer for lark's LALR parser that notes every token it hands out."""

    def __init__(self, lexer: Any):
        self.lexer = lexer
        self.seen: list[Seen] = []

    def lex(self, parser_state: Any) -> Iterator[lark.Token]:
        for token in self.lexer.lex(parser_state):
            self.seen.append(
                (
                    token.type,
                    str(token),
                    token.start_pos,
                    token.line,
                    token.column,
                    token.end_line,
                    token.end_column,
                    token.end_pos,
                )
            )
            yield token


def _tokens(text: str, start: str, fast: bool) -> list[Seen] | None:
    """The tokens the parser read from ``text`` (None: the lexer stopped or the parse failed)."""
    lalr = syntax._parser().parser.parser.parser
    literals = syntax._fast_parser()[2]
    inner = (
        KadertaalLexer(text, literals)
        if fast
        else LexerThread.from_text(syntax._parser().parser.lexer, text)
    )
    recording = _Recording(inner)
    try:
        lalr.parse(recording, start)
    except (lark.exceptions.UnexpectedInput, Stop):
        return None
    return recording.seen


def _agree(text: str, start: str = "start") -> list[Seen] | None:
    fast = _tokens(text, start, fast=True)
    if fast is not None:
        assert fast == _tokens(text, start, fast=False)
    return fast


@pytest.mark.parametrize("path", KADER_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_kader_text_of_the_project_gets_lark_tokens_the_fast_way(path: Path) -> None:
    """The bundled kaders, the examples and the golden files (those with syntax errors too):
    the fast lexer reads each text that lark reads, with the same tokens."""
    text = path.read_text(encoding="utf-8")
    assert _agree(text) == _tokens(text, "start", fast=False)


def _slow_tree(text: str, start: str = "start") -> Any:
    """The syntax tree the way the diagnosing parse builds it (None: lark refuses the text)."""
    try:
        return syntax._ToAst().transform(syntax._parser().parse(text, start=start))
    except (lark.exceptions.UnexpectedInput, syntax._LiteralError):
        return None


def _same_trees(text: str) -> None:
    """The fast parse and the diagnosing parse give the same tree, spans included."""
    try:
        fast = syntax.parse_source(text, "proef.kader")
    except syntax.KaderSyntaxError:
        assert _slow_tree(text) is None
        return
    slow = _slow_tree(text)  # the translation names the file parse_source was given
    assert attrs.asdict(fast) == attrs.asdict(slow)


@pytest.mark.parametrize("path", KADER_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_kader_text_of_the_project_gets_the_tree_of_the_diagnosing_parse(
    path: Path,
) -> None:
    _same_trees(path.read_text(encoding="utf-8"))


def test_spans_of_bracketed_conditions_grow_to_the_brackets() -> None:
    text = (
        'kader p { titel "P" }\nfeit a: ja_nee\nfeit b: ja_nee\n'
        'thema t "T" { plateau 1 { bouwsteen x "X." als niet (a en (b)) } }\n'
    )
    _same_trees(text)
    condition = syntax.parse_source(text).declarations[2].plateaus[0].bouwstenen[0].condition
    assert (condition.span.column, condition.span.end_column) == (48, 63)


def test_positions_count_lines_columns_and_windows_line_ends() -> None:
    text = 'kader p {\r\n  titel "P" # opmerking\n\n\tversie "1" }\nfeit a: ja_nee\n'
    tokens = _agree(text)
    assert tokens is not None
    assert ("STRING", '"1"', 44, 4, 9, 4, 12, 47) in tokens


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("als a ofb", "lark splits 'ofb' into 'of' and 'b' where no name fits"),
        ("als a €", "a character no token starts with"),
        ("als (a", "an unclosed bracket: the syntax error is lark's"),
    ],
)
def test_where_the_fast_lexer_stops_the_parse_is_lark_s(text: str, reason: str) -> None:
    source = (
        'kader p { titel "P" }\nfeit a: ja_nee\nfeit b: ja_nee\n'
        f'thema t "T" {{ plateau 1 {{ bouwsteen x "X." {text} }} }}\n'
    )
    assert _tokens(source, "start", fast=True) is None, reason
    try:
        tree = syntax._parser().parse(source, start="start")
    except lark.exceptions.UnexpectedInput:
        with pytest.raises(syntax.KaderSyntaxError):
            syntax.parse_source(source)
        return
    parsed = syntax.parse_source(source)  # names the file of the translation below
    assert parsed == syntax._ToAst().transform(tree)


def test_keywords_become_names_and_units_where_the_parser_takes_those() -> None:
    text = (
        'kader p { titel "P" verouderd na 3 maanden }\n'
        "feit maanden: datum\nfeit jaar: aantal\nparameter p: aantal = 2\n"
        'thema t "T" { plateau 1 { bouwsteen x "X." als maanden binnen 12 maanden en jaar = p } }\n'
    )
    tokens = _agree(text)
    assert tokens is not None
    types = {(kind, value) for kind, value, *_ in tokens}
    assert {("NAME", "maanden"), ("UNIT", "maanden"), ("EQUAL", "="), ("COMPARATOR", "=")} <= types


SENTENCES = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
_GRAMMAR = lark.Lark(syntax.grammar_text(), parser="lalr", lexer="contextual", start=["start"])
_NAMES = st.sampled_from(["a", "b", "t", "x", "dag", "maanden", "en_of", "kader2"])


@SENTENCES
@given(text=from_lark(_GRAMMAR, start="start", explicit={"NAME": _NAMES}))
def test_sentences_of_the_grammar_get_lark_tokens_and_tree(text: str) -> None:
    _agree(text)
    _same_trees(text)


_PIECES = st.sampled_from(
    [" ", "\n", "\r\n", "\t", "#x\n", "a", "b", "en", "of", "ofb", "maanden", "dag", "=", "<=",
     "!=", ">", "(", ")", "{", "}", ",", ".", ":", "3", "2024-01-31", '"t"', '"\\"', "€", "-",
     "bouwsteen", "als", "niet", "binnen", "kader", "feit", "ja_nee"]
)  # fmt: skip


@SENTENCES
@given(pieces=st.lists(_PIECES, max_size=40))
def test_token_soup_gets_lark_tokens_or_stops(pieces: list[str]) -> None:
    head = 'kader p { titel "P" }\nfeit a: ja_nee\nthema t "T" { plateau 1 { bouwsteen x "X." als '
    _agree(head + "".join(pieces) + " } }\n")
    _agree("".join(pieces), "claim")
    _same_trees(head + "".join(pieces) + " } }\n")


def test_lark_s_callback_chains_have_the_shape_the_fused_callbacks_know() -> None:
    """Else the fast parse would quietly run lark's own callbacks (slower, still right)."""
    from kadermodel.language.reduce import fused_callbacks

    callbacks = syntax._parser().parser.parser.parser.callbacks
    fused = fused_callbacks(callbacks)
    assert fused is not None and fused.keys() == callbacks.keys()
