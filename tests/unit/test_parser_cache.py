"""The LALR parser is built once per grammar and lark version and kept in a user cache
directory (kadermodel.language.syntax.cached_parser); a cache that cannot be used is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from kadermodel.language import syntax

TEXT = """kader a { titel "A" }
feit x: ja_nee
thema t "T" { plateau 1 { bouwsteen b "." als x } }
"""


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if not p.name.startswith("."))


def test_the_parser_is_saved_once_and_loaded_after(tmp_path: Path) -> None:
    grammar = syntax.grammar_text()
    built = syntax.cached_parser(grammar, tmp_path)
    (saved,) = _files(tmp_path)
    stamp = saved.stat().st_mtime_ns
    loaded = syntax.cached_parser(grammar, tmp_path)
    assert saved.stat().st_mtime_ns == stamp  # read, not written again
    assert loaded is not built
    assert loaded.parse(TEXT, start="start") == built.parse(TEXT, start="start")
    assert {t.name for t in loaded.terminals} == {t.name for t in built.terminals}


def test_another_grammar_gets_another_file(tmp_path: Path) -> None:
    grammar = syntax.grammar_text()
    syntax.cached_parser(grammar, tmp_path)
    syntax.cached_parser(grammar + "\n// changed\n", tmp_path)
    assert len(_files(tmp_path)) == 2


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    grammar = syntax.grammar_text()
    syntax.cached_parser(grammar, tmp_path)
    (saved,) = _files(tmp_path)
    saved.write_bytes(b"not a parser")
    parser = syntax.cached_parser(grammar, tmp_path)
    assert parser.parse(TEXT, start="start").data == "start"
    assert saved.read_bytes() != b"not a parser"


def test_an_unwritable_cache_directory_is_not_used(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    parser = syntax.cached_parser(syntax.grammar_text(), blocked / "kadermodel")
    assert parser.parse(TEXT, start="start").data == "start"
    assert list(tmp_path.iterdir()) == [blocked]


def test_the_cache_directory_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert syntax.cache_dir() == tmp_path / "kadermodel"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert syntax.cache_dir() == Path.home() / ".cache" / "kadermodel"
