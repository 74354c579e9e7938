"""The one kadertaal printer (kadermodel.language.unparse): round trip, layout, comments.

The law: for every file the parser accepts, ``parse(unparse(tree)) == tree`` (spans are not
part of equality), checked on hypothesis kaders, the bundled kader, the examples and every
uitbreiding among the golden files; and formatting is idempotent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from kadermodel import model as m
from kadermodel.errors import KaderError
from kadermodel.language import ast
from kadermodel.language.bundled import bundled_kader
from kadermodel.language.syntax import comments_of, parse_claim, parse_source
from kadermodel.language.unparse import (
    WIDTH,
    cond_text,
    expr_text,
    format_text,
    literal_text,
    string_literal,
    unparse,
)
from kadermodel.testing.strategies import kaders

REPO = Path(__file__).resolve().parents[2]
FILES = sorted(
    [
        REPO / "src/kadermodel/kaders/vng_mensenhandel_2021.kader",
        *(REPO / "examples").glob("*.kader"),
        *(REPO / "tests/golden/extend").glob("*.kader"),
        *(REPO / "tests/golden/errors").glob("*.kader"),
    ]
)


def _parsed(path: Path) -> tuple[str, ast.SourceFile] | None:
    text = path.read_text(encoding="utf-8")
    try:
        return text, parse_source(text, path.name)
    except KaderError:
        return None  # a golden file that shows a syntax error


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_round_trip_and_idempotence_on_every_file(path: Path) -> None:
    parsed = _parsed(path)
    if parsed is None:
        assert "syntax" in path.name
        return
    text, tree = parsed
    assert parse_source(unparse(tree), path.name) == tree
    formatted = format_text(tree, text)
    again = parse_source(formatted, path.name)
    assert again == tree
    assert format_text(again, formatted) == formatted
    # Every comment survives, in order.
    assert [c.text for c in comments_of(formatted)] == [c.text for c in comments_of(text)]


@settings(max_examples=40)
@given(kaders())
def test_round_trip_on_generated_kaders(text: str) -> None:
    tree = parse_source(text, "k.kader")
    assert parse_source(unparse(tree), "k.kader") == tree
    formatted = format_text(tree, text)
    assert parse_source(formatted, "k.kader") == tree
    assert format_text(parse_source(formatted, "k.kader"), formatted) == formatted


def test_brackets_only_where_the_grammar_needs_them() -> None:
    for written, expected in [
        ("a en (b of c)", "a en (b of c)"),
        ("(a en b) of c", "a en b of c"),
        ("a of (b of c)", "a of (b of c)"),
        ("niet (a en b)", "niet (a en b)"),
        ("niet niet a", "niet niet a"),
        ("minstens 2 van (a of b, c, niet d)", "minstens 2 van (a of b, c, niet d)"),
        ("x binnen 1 maanden", "x binnen 1 maand"),
        ("x binnen 2 jaren en d na 2024-01-31", "x binnen 2 jaar en d na 2024-01-31"),
        ("s bevat een van (a,b)", "s bevat een van (a, b)"),
        ("als a dan plateau(t) >= 1", "als a dan plateau(t) >= 1"),
    ]:
        expr = parse_claim(written)
        assert expr_text(expr) == expected
        assert parse_claim(expr_text(expr)) == expr


def test_the_canonical_layout() -> None:
    text = (
        'kader k {titel "K"}\n'
        'feit a : ja_nee vraag "A?"\nfeit n: aantal\n'
        'parameter p: aantal = 2 bron "B"\n'
        'thema t "T" { plateau 1 { bouwsteen b "Tekst." bron "Bron" vereist c als a en n >= p\n'
        'bouwsteen c "C." als a } }\n'
        'stelling s "S": als t.b dan plateau(t) >= 1\n'
    )
    assert unparse(parse_source(text)) == (
        "kader k {\n"
        '    titel "K"\n'
        "}\n"
        "\n"
        "feit a: ja_nee\n"
        '    vraag "A?"\n'
        "\n"
        "feit n: aantal\n"
        "\n"
        "parameter p: aantal = 2\n"
        '    bron "B"\n'
        "\n"
        'thema t "T" {\n'
        "    plateau 1 {\n"
        "        bouwsteen b\n"
        '            "Tekst."\n'
        '            bron "Bron"\n'
        "            vereist c\n"
        "            als a en n >= p\n"
        "\n"
        "        bouwsteen c\n"
        '            "C."\n'
        "            als a\n"
        "    }\n"
        "}\n"
        "\n"
        'stelling s "S": als t.b dan plateau(t) >= 1\n'
    )


def test_long_texts_and_conditions_break_within_the_width() -> None:
    words = " ".join(["woord"] * 60)
    names = [f"feit_met_een_lange_naam_{i}" for i in range(6)]
    text = (
        "kader k {}\n"
        + "".join(f"feit {n}: ja_nee\n" for n in names)
        + f'thema t "T" {{ plateau 1 {{ bouwsteen b "{words}" als {" en ".join(names)} }} }}\n'
    )
    tree = parse_source(text)
    printed = unparse(tree)
    assert parse_source(printed) == tree
    assert max(len(line) for line in printed.splitlines()) <= WIDTH
    assert "               en feit_met_een_lange_naam_1" in printed


def test_comments_stay_with_their_declaration() -> None:
    text = (
        "# kop van het bestand\n"
        "\n"
        'kader k { titel "K" }  # na de kop\n'
        "# over feit a\n"
        "feit a: ja_nee  # achter a\n"
        "feit b: ja_nee\n"
        '    vraag "B?"  # binnen b\n'
        'thema t "T" {\n'
        "    plateau 1 {\n"
        '        bouwsteen x "X." als a\n'
        "        # voor het einde van het plateau\n"
        "    }\n"
        "}\n"
        "# aan het eind\n"
    )
    formatted = format_text(parse_source(text), text)
    assert formatted == (
        "# kop van het bestand\n"
        "\n"
        "kader k {\n"
        '    titel "K"  # na de kop\n'
        "}\n"
        "# over feit a\n"
        "feit a: ja_nee  # achter a\n"
        "# binnen b\n"
        "feit b: ja_nee\n"
        '    vraag "B?"\n'
        'thema t "T" {\n'
        "    plateau 1 {\n"
        "        bouwsteen x\n"
        '            "X."\n'
        "            als a\n"
        "        # voor het einde van het plateau\n"
        "    }\n"
        "}\n"
        "# aan het eind\n"
    )
    assert format_text(parse_source(formatted), formatted) == formatted


def test_strings_keep_every_character() -> None:
    text = 'a "aanhalingstekens" \\ en # geen commentaar'
    assert string_literal(text) == '"a \\"aanhalingstekens\\" \\\\ en # geen commentaar"'
    source = f"kader k {{ titel {string_literal(text)} }}\n"
    tree = parse_source(source)
    assert isinstance(tree, ast.KaderFile) and tree.meta[0].value == text
    assert comments_of(source) == ()
    assert parse_source(unparse(tree)) == tree


def test_resolved_conditions_print_as_kadertaal() -> None:
    kader = bundled_kader()
    for bouwsteen in kader.bouwstenen.values():
        if bouwsteen.condition is not None:
            printed = cond_text(bouwsteen.condition)
            parse_claim(printed)  # valid kadertaal
            assert cond_text(bouwsteen.condition, sources=kader.sources)
    training = kader.bouwstenen["signalering.training"].condition
    assert training is not None
    assert "training_aantal_medewerkersgroepen >= 2 (min_training_medewerkersgroepen)" in (
        cond_text(training, parameters=kader.parameters)
    )
    assert cond_text(m.Not(m.FactIs("a")), negated=True) == "a"
    assert literal_text(frozenset({"b", "a"})) == "(a, b)"
