"""Kadertaal text -> lark tokens -> a parse, the fast way: one regular expression and a
tight LALR loop over lark's own parse table.

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

:func:`parse` runs lark's LALR tables and rule callbacks over these tokens in one loop: what
lark's parser does for a text without errors, without its per-token method calls and error
bookkeeping. Any refusal raises :class:`Stop`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from lark import Lark, Token
from lark.lexer import PatternStr
from lark.parsers.lalr_analysis import Shift

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
_NEW_TOKEN: Callable[..., Token] = getattr(Token, "_future_new", Token)
"""lark's token constructor, without the shim for a deprecated keyword argument (where the
installed lark has it)."""


class Stop(Exception):
    """The fast way cannot read the text: a character no token starts with, or a token the
    parser does not take where it stands."""


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
        """The tokens, typed for the state lark's parser is in when it takes each."""
        return self.tokens(parser_state.parse_conf.states, parser_state.state_stack)

    def tokens(self, states: Mapping[int, Mapping[str, Any]], stack: list[int]) -> Iterator[Token]:
        """The tokens, typed for the state on top of ``stack`` (a parser's state stack) when
        each is taken."""
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


Reductions = Mapping[Any, tuple[int, str, Callable[[list[Any]], Any]]]
"""Per grammar rule: how many values it takes, the rule it makes and its callback."""


def reductions(callbacks: Mapping[Any, Callable[[list[Any]], Any]]) -> Reductions:
    """The :data:`Reductions` of a parser's rule callbacks."""
    return {
        rule: (len(rule.expansion), rule.origin.name, callback)
        for rule, callback in callbacks.items()
    }


_END = Token("$END", "")


def parse(
    text: str, start: str, table: Any, reduced: Reductions, literals: Mapping[str, str]
) -> Any:
    """Parse ``text`` from rule ``start`` with lark's LALR parse ``table``, the rules'
    ``reduced`` callbacks and this module's tokens; the value of the start rule, or
    :class:`Stop` (also for a ``KeyError`` in a callback: lark's parse then shows it)."""
    states = table.states
    end_state = table.end_states[start]
    stack = [table.start_states[start]]
    values: list[Any] = []
    token = _END
    try:
        for token in itertools.chain(KadertaalLexer(text, literals).tokens(states, stack), (_END,)):
            kind = token.type
            while True:
                action, target = states[stack[-1]][kind]
                if action is Shift:
                    if token is _END:
                        break  # the parser wants more: the text ended too soon
                    stack.append(target)
                    values.append(token)
                    break
                size, origin, callback = reduced[target]
                if size:
                    children = values[-size:]
                    del stack[-size:]
                    del values[-size:]
                else:
                    children = []
                values.append(callback(children))
                stack.append(states[stack[-1]][origin][1])
                if token is _END and stack[-1] == end_state:
                    return values[-1]
    except KeyError:
        pass
    raise Stop(len(text) if token is _END else token.start_pos)
