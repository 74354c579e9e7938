"""A Pygments lexer for kadertaal (``.kader`` files), registered as the ``kadertaal`` lexer.

Needs the extra ``kadermodel[highlight]`` (Pygments). The entry point
``pygments.lexers: kadertaal`` in pyproject.toml makes ``pygmentize -l kadertaal`` and
``pygmentize file.kader`` work, and Sphinx or MkDocs colour ```` ```kadertaal ```` blocks.
The tokens follow ``grammar/kadertaal.lark``; anything the grammar does not know becomes an
``Error`` token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, cast

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Whitespace,
)

from kadermodel.editor import words as w

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# The stubs leave bygroups untyped; it returns the callback RegexLexer expects.
_groups = cast(Callable[..., Any], bygroups)


class KadertaalLexer(RegexLexer):
    """Kadertaal, the rules language of kadermodel."""

    name = "Kadertaal"
    aliases: ClassVar[list[str]] = ["kadertaal", "kader"]
    filenames: ClassVar[list[str]] = ["*.kader"]
    mimetypes: ClassVar[list[str]] = ["text/x-kadertaal"]
    url = "https://github.com/kadermodel/kadermodel"

    tokens = {  # noqa: RUF012 - the attribute RegexLexer reads, as Pygments documents it
        "root": [
            (r"\s+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"(?:[^"\\\n]|\\.)*"', String.Double),
            # the name after a declaration word is what is declared (or changed)
            (
                rf"\b(thema|bouwsteen|stelling|controle)(\s+)({_NAME})",
                _groups(Keyword.Declaration, Whitespace, Name.Function),
            ),
            (
                rf"\b(feit|parameter)(\s+)({_NAME})",
                _groups(Keyword.Declaration, Whitespace, Name.Variable),
            ),
            (
                rf"\b(kader|uitbreiding)(\s+)({_NAME})",
                _groups(Keyword.Declaration, Whitespace, Name.Namespace),
            ),
            (words(w.DECLARATIONS, prefix=r"\b", suffix=r"\b"), Keyword.Declaration),
            (words(w.CLAUSES, prefix=r"\b", suffix=r"\b"), Keyword),
            (words(w.OPERATORS, prefix=r"\b", suffix=r"\b"), Operator.Word),
            (words(w.TYPES, prefix=r"\b", suffix=r"\b"), Keyword.Type),
            (words(w.CONSTANTS, prefix=r"\b", suffix=r"\b"), Keyword.Constant),
            (words(w.UNITS, prefix=r"\b", suffix=r"\b"), Name.Builtin),
            (r"\d{4}-\d{2}-\d{2}\b", Literal.Date),
            (r"\d+\b", Number.Integer),
            (r"!=|<=|>=|=|<|>", Operator),
            (r"[{}(),:.]", Punctuation),
            (_NAME, Name),
            (r".", Error),
        ],
    }
