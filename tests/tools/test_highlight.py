"""Syntax highlighting: the Pygments lexer (entry point ``kadertaal``) and the TextMate grammar.

Both must know every word of the grammar and give no error token on the bundled kader and
the example extensions. The TextMate grammar is checked without Node: it must be valid JSON,
its regexes must compile with Python's ``re`` (the grammar sticks to the syntax both engines
share), and a small tokenizer that applies its ``match`` rules the way TextMate does (the
earliest match wins, ties go to the first rule) must cover every character of the files
without an ``invalid`` scope.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Error, Keyword, Name, Operator
from tools_support import REPO

from kadermodel.editor import words
from kadermodel.language.bundled import bundled_text
from kadermodel.language.syntax import grammar_text

VSCODE = REPO / "editors" / "vscode"
TM_GRAMMAR = VSCODE / "syntaxes" / "kadertaal.tmLanguage.json"


def _sources() -> dict[str, str]:
    found = {"vng_mensenhandel_2021.kader": bundled_text("vng_mensenhandel_2021")}
    for path in sorted((REPO / "examples").glob("*.kader")):
        found[path.name] = path.read_text(encoding="utf-8")
    return found


SOURCES = _sources()
BROKEN = 'feit a: ja_nee\nthema t "T" { plateau 1 { bouwsteen b "B." als a & a } }\n'


def test_every_word_of_the_grammar_has_one_role() -> None:
    in_grammar = set(re.findall(r'"([a-z_]+)"', grammar_text()))
    assert set(words.ALL) == in_grammar, (
        f"add to / remove from kadermodel/editor/words.py: {sorted(in_grammar ^ set(words.ALL))}"
    )
    assert len(words.ALL) == len(set(words.ALL))


# ------------------------------------------------------------------ Pygments


def test_lexer_is_registered_by_name_and_file_name() -> None:
    assert get_lexer_by_name("kadertaal").name == "Kadertaal"
    assert get_lexer_for_filename("regio.kader").name == "Kadertaal"


@pytest.mark.parametrize("name", list(SOURCES))
def test_pygments_no_error_tokens(name: str) -> None:
    text = SOURCES[name]
    tokens = list(get_lexer_by_name("kadertaal").get_tokens(text))
    errors = [value for kind, value in tokens if kind in Error]
    assert errors == []
    assert "".join(value for _, value in tokens) == text.rstrip("\n") + "\n"


def test_pygments_roles() -> None:
    tokens = [
        (kind, value)
        for kind, value in get_lexer_by_name("kadertaal").get_tokens(BROKEN)
        if value.strip()
    ]
    assert (Keyword.Declaration, "bouwsteen") in tokens
    assert (Name.Function, "b") in tokens
    assert (Operator.Word, "als") not in tokens and (Keyword, "als") in tokens
    assert (Keyword.Type, "ja_nee") in tokens
    assert (Error, "&") in tokens


# ------------------------------------------------------------------ TextMate


def _grammar() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(TM_GRAMMAR.read_text(encoding="utf-8"))
    return data


def _rules(grammar: dict[str, Any]) -> list[dict[str, Any]]:
    """The grammar's match rules in order, includes resolved."""
    found: list[dict[str, Any]] = []

    def walk(patterns: list[dict[str, Any]]) -> None:
        for pattern in patterns:
            if "include" in pattern:
                target = grammar["repository"][pattern["include"].removeprefix("#")]
                walk(target.get("patterns", [target]))
            else:
                assert set(pattern) <= {"match", "name", "captures"}, pattern
                found.append(pattern)

    walk(grammar["patterns"])
    return found


def _tokenize(rules: list[dict[str, Any]], line: str) -> list[tuple[str, str]]:
    """(text, scope) pieces of one line; text no rule matches gets the scope ''."""
    compiled = [(re.compile(rule["match"]), rule) for rule in rules]
    pieces: list[tuple[str, str]] = []
    pos = 0
    while pos < len(line):
        best = None
        for pattern, rule in compiled:
            match = pattern.search(line, pos)
            if (
                match
                and match.end() > match.start()
                and (best is None or match.start() < best[0].start())
            ):
                best = (match, rule)
        if best is None:
            pieces.append((line[pos:], ""))
            break
        match, rule = best
        if match.start() > pos:
            pieces.append((line[pos : match.start()], ""))
        if "captures" in rule:
            for group, capture in rule["captures"].items():
                pieces.append((match.group(int(group)), capture["name"]))
        else:
            pieces.append((match.group(0), rule["name"]))
        pos = match.end()
    return pieces


def test_textmate_grammar_is_valid() -> None:
    grammar = _grammar()
    assert grammar["scopeName"] == "source.kadertaal"
    for rule in _rules(grammar):
        re.compile(rule["match"])
    package = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    contributed = package["contributes"]["grammars"][0]
    assert contributed["scopeName"] == grammar["scopeName"]
    assert (VSCODE / contributed["path"]).resolve() == TM_GRAMMAR
    language = package["contributes"]["languages"][0]
    assert language["extensions"] == [".kader"]
    json.loads((VSCODE / language["configuration"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(SOURCES))
def test_textmate_no_invalid_scopes(name: str) -> None:
    rules = _rules(_grammar())
    for number, line in enumerate(SOURCES[name].splitlines(), 1):
        for text, scope in _tokenize(rules, line):
            assert scope or not text.strip(), f"{name}:{number}: {text!r} has no scope"
            assert not scope.startswith("invalid"), f"{name}:{number}: {text!r} is invalid"


def test_textmate_roles() -> None:
    rules = _rules(_grammar())
    pieces = [p for line in BROKEN.splitlines() for p in _tokenize(rules, line)]
    assert ("bouwsteen", "keyword.other.declaration.kadertaal") in pieces
    assert ("b", "entity.name.function.kadertaal") in pieces
    assert ('"B."', "string.quoted.double.kadertaal") in pieces
    assert ("&", "invalid.illegal.kadertaal") in pieces
    for word in words.ALL:
        [(_, scope)] = _tokenize(rules, word)
        assert scope.startswith(("keyword", "storage", "constant", "support")), word


def test_editors_readme_exists() -> None:
    assert Path(REPO / "editors" / "README.md").is_file()
