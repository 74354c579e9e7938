"""Kadertaal text -> lark tokens, for the LALR parser's fast path (one regular expression).

lark's contextual lexer tries the terminals one by one in Python for every token; this lexer
finds each token with one compiled pattern and gives it the type the parser can take in its
current state, read from the parse table:

- a word is its keyword (``bouwsteen``, ``en``) where the parser takes that keyword, else a
  ``NAME`` where it takes a name, else a ``UNIT`` (``maanden``) where it takes a unit;
- ``=`` is the ``=`` of a parameter where the parser takes that, else a ``COMPARATOR``.

That is the choice lark's contextual lexer makes. This lexer is stricter: a word is one token
(lark may split ``ofx`` into ``of`` and ``x`` where no name fits) and a character no token
starts with stops it. Wherever it stops or the parser refuses its tokens, the caller parses
again with lark's own lexer, so the result and every error message stay lark's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from lark import Lark, Token
from lark.lexer import PatternStr

_TOKEN = re.compile(
    r"""
    (?P<WS>[ \t\f\r\n]+)
  | (?P<COMMENT>\#[^\n]*)
  | (?P<STRING>"(?:[^"\\\n]|\\.)*")
  | (?P<DATE>[0-9]{4}-[0-9]{2}-[0-9]{2})
  | (?P<INT>[0-9]+)
  | (?P<WORD>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<COMPARATOR>!=|<=|>=|=|<|>)
  | (?P<PUNCTUATION>[{}():,.])
    """,
    re.VERBOSE,
)
_UNITS = frozenset(("dagen", "dag", "weken", "week", "maanden", "maand", "jaren", "jaar"))
_NEW_TOKEN: Callable[..., Token] = Token._future_new
"""lark's token constructor, without the shim for a deprecated keyword argument."""


class Stop(Exception):
    """The text has a character no kadertaal token starts with."""


class KadertaalLexer:
    """Tokens of one text for lark's LALR parser (the ``lexer`` argument of its ``parse``).

    Built from a parser's terminals: string terminals (keywords, punctuation) are looked up
    by their text; the parse table says which types the parser takes in each state.
    """

    __slots__ = ("_literals", "_text")

    def __init__(self, text: str, literals: Mapping[str, str]):
        self._text = text
        self._literals = literals

    def lex(self, parser_state: Any) -> Iterator[Token]:
        states = parser_state.parse_conf.states
        stack = parser_state.state_stack
        literals = self._literals
        text = self._text
        line, line_start, position = 1, 0, 0
        for found in _TOKEN.finditer(text):
            start = found.start()
            if start != position:
                raise Stop(start)
            position = found.end()
            kind = found.lastgroup
            value = found.group()
            if kind == "WS":
                newlines = value.count("\n")
                if newlines:
                    line += newlines
                    line_start = start + value.rindex("\n") + 1
                continue
            if kind == "COMMENT":
                continue
            accepts = states[stack[-1]]
            if kind == "WORD":
                keyword = literals.get(value)
                if keyword is not None and keyword in accepts:
                    kind = keyword
                elif "NAME" in accepts or value not in _UNITS:
                    kind = "NAME"
                else:
                    kind = "UNIT"
            elif kind == "PUNCTUATION" or (value == "=" and "EQUAL" in accepts):
                kind = literals[value]
            column = start - line_start + 1
            yield _NEW_TOKEN(kind, value, start, line, column, line, column + len(value), position)
        if position != len(text):
            raise Stop(position)


def literal_types(parser: Lark) -> dict[str, str]:
    """The type of each string terminal of ``parser`` by its text (``"en"`` -> ``"EN"``)."""
    return {
        terminal.pattern.value: terminal.name
        for terminal in parser.terminals
        if isinstance(terminal.pattern, PatternStr)
    }
