"""Text -> syntax tree (kadermodel.language.syntax and .ast), and syntax errors as data."""

from __future__ import annotations

import datetime as dt

import pytest

from kadermodel.errors import KaderSyntaxError, Span
from kadermodel.language import ast
from kadermodel.language.syntax import grammar_text, parse_source

HEADER = 'kader proef { titel "Proef" versie "1" }\n'


def condition(text: str) -> ast.Expr:
    """The syntax tree of one condition, written in a bouwsteen."""
    tree = parse_source(HEADER + f'thema t "T" {{ plateau 1 {{ bouwsteen b "." als {text} }} }}')
    assert isinstance(tree, ast.KaderFile)
    thema = tree.declarations[0]
    assert isinstance(thema, ast.ThemaDecl)
    expr = thema.plateaus[0].bouwstenen[0].condition
    assert expr is not None
    return expr


# Spans are left out of equality, so expected trees can be built with any span.
S = Span.point("x", 1, 1)


def ref(*parts: str) -> ast.Ref:
    return ast.Ref(parts, S)


def name(text: str) -> ast.Name:
    return ast.Name(text, S)


def flag(*parts: str) -> ast.Flag:
    return ast.Flag(ref(*parts), S)


def niet(item: ast.Expr) -> ast.Not:
    return ast.Not(item, S)


def en(*items: ast.Expr) -> ast.And:
    return ast.And(items, S)


def of(*items: ast.Expr) -> ast.Or:
    return ast.Or(items, S)


def num(value: int) -> ast.IntValue:
    return ast.IntValue(value, S)


def day(year: int, month: int, date: int) -> ast.DateValue:
    return ast.DateValue(dt.date(year, month, date), S)


def boolean(value: bool) -> ast.BoolValue:
    return ast.BoolValue(value, S)


def syntax_error(text: str) -> KaderSyntaxError:
    with pytest.raises(KaderSyntaxError) as caught:
        parse_source(text, "fout.kader")
    return caught.value


def test_the_grammar_is_the_file_in_grammar_folder(repo_root) -> None:
    assert grammar_text() == (repo_root / "grammar" / "kadertaal.lark").read_text("utf-8")


def test_kader_file_structure() -> None:
    text = (
        HEADER
        + """
# commentaar
feit a: ja_nee
    vraag "Is het zo?"
    bron "Kader 2021" "  en verder"   # teksten mogen in delen
    toelichting "Uitleg."
feit s: verzameling(x, y)
feit k: keuze(laag, hoog)
feit d: datum
feit n: aantal
parameter drempel: aantal = 2
    bron "Kader 2021, plateau 1"
parameter soorten: verzameling(x, y) = (x)
parameter leeg: verzameling(x, y) = ()
parameter dag: datum = 2024-01-31
parameter aan: ja_nee = onwaar
parameter stand: keuze(laag, hoog) = hoog
thema t "Een thema" {
    plateau 1 "Begin" {
        bouwsteen b "Tekst met \\"aanhalingstekens\\"." bron "Kader, punt 1" als a
        bouwsteen c "Tekst." vereist b, t.b
    }
    plateau 2 { bouwsteen e "Tekst." als n >= drempel }
}
stelling bereikbaar "Plateau 2 is haalbaar": plateau(t) >= 2
"""
    )
    tree = parse_source(text, "proef.kader")
    assert isinstance(tree, ast.KaderFile)
    assert tree.id.text == "proef"
    assert tree.source_name == "proef.kader"
    assert [(m.key.text, m.value) for m in tree.meta] == [("titel", "Proef"), ("versie", "1")]
    feit = tree.declarations[0]
    assert feit == ast.FeitDecl(
        name("a"),
        ast.TypeExpr("ja_nee", (), S),
        "Is het zo?",
        "Kader 2021  en verder",
        "Uitleg.",
        S,
    )
    kinds = [d.type for d in tree.declarations[1:5]]  # type: ignore[union-attr]
    assert [t.kind for t in kinds] == ["verzameling", "keuze", "datum", "aantal"]
    assert [n.text for n in kinds[0].values] == ["x", "y"]
    params = {d.name.text: d for d in tree.declarations if isinstance(d, ast.ParameterDecl)}
    assert params["drempel"].value == num(2)
    assert params["drempel"].bron == "Kader 2021, plateau 1"
    assert params["soorten"].value == ast.SetValue((name("x"),), S)
    assert params["leeg"].value == ast.SetValue((), S)
    assert params["dag"].value == day(2024, 1, 31)
    assert params["aan"].value == boolean(False)
    assert params["stand"].value == ast.NameValue("hoog", S)
    thema = next(d for d in tree.declarations if isinstance(d, ast.ThemaDecl))
    assert (thema.name.text, thema.title) == ("t", "Een thema")
    assert [(p.number, p.title) for p in thema.plateaus] == [(1, "Begin"), (2, None)]
    b, c = thema.plateaus[0].bouwstenen
    assert b.text == 'Tekst met "aanhalingstekens".'
    assert b.bron == "Kader, punt 1"
    assert b.requires == ()
    assert c.requires == (ref("b"), ref("t", "b"))
    assert c.condition is None
    stelling = tree.declarations[-1]
    assert isinstance(stelling, ast.StellingDecl)
    assert stelling.condition == ast.PlateauCompare(name("t"), ">=", 2, S)


def test_spans_point_at_the_source() -> None:
    text = HEADER + "feit aandacht: ja_nee\n"
    tree = parse_source(text, "proef.kader")
    feit = tree.declarations[0]
    assert isinstance(feit, ast.FeitDecl)
    assert feit.name.span == Span("proef.kader", 2, 6, 2, 14)
    assert feit.span.line == 2 and feit.span.column == 1


def test_layout_and_comments_do_not_change_the_tree() -> None:
    compact = (
        HEADER + 'feit a: ja_nee thema t "T" { plateau 1 { bouwsteen b "." als a en niet a } }'
    )
    spacious = (
        HEADER
        + "# een commentaar\n"
        + "feit a :\n   ja_nee   # type\n\n"
        + 'thema t\n"T"\n{\n  plateau 1\n  {\n'
        + '    bouwsteen b "."\n      als a\n      en niet a\n  }\n}\n'
    )
    assert parse_source(compact) == parse_source(spacious)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", flag("a")),
        ("t.b", flag("t", "b")),
        ("niet a", niet(flag("a"))),
        ("niet niet a", niet(niet(flag("a")))),
        ("a en b", en(flag("a"), flag("b"))),
        ("a of b of c", of(flag("a"), flag("b"), flag("c"))),
        # niet binds tighter than en, en tighter than of
        ("niet a en b of c", of(en(niet(flag("a")), flag("b")), flag("c"))),
        ("a en (b of c)", en(flag("a"), of(flag("b"), flag("c")))),
        ("n >= 2", ast.Compare(ref("n"), ">=", num(2), S)),
        ("n != m", ast.Compare(ref("n"), "!=", ref("m"), S)),
        ("k = laag", ast.Compare(ref("k"), "=", ref("laag"), S)),
        ("a = waar", ast.Compare(ref("a"), "=", boolean(True), S)),
        ("a != onwaar", ast.Compare(ref("a"), "!=", boolean(False), S)),
        ("d < 2024-02-29", ast.Compare(ref("d"), "<", day(2024, 2, 29), S)),
        ("k in (laag, hoog)", ast.Member(ref("k"), "in", (name("laag"), name("hoog")), S)),
        ("s bevat alle (x, y)", ast.Member(ref("s"), "alle", (name("x"), name("y")), S)),
        ("s bevat een van (x)", ast.Member(ref("s"), "een", (name("x"),), S)),
        ("d binnen 12 maanden", ast.Within(ref("d"), 12, "maand", S)),
        ("d binnen 1 maand", ast.Within(ref("d"), 1, "maand", S)),
        ("d binnen 3 dagen", ast.Within(ref("d"), 3, "dag", S)),
        ("d binnen 1 dag", ast.Within(ref("d"), 1, "dag", S)),
        ("d binnen 2 weken", ast.Within(ref("d"), 2, "week", S)),
        ("d binnen 1 week", ast.Within(ref("d"), 1, "week", S)),
        ("d binnen 1 jaar", ast.Within(ref("d"), 1, "jaar", S)),
        ("d binnen 2 jaren", ast.Within(ref("d"), 2, "jaar", S)),
        ("d na 2022-01-01", ast.DateOrder(ref("d"), "na", day(2022, 1, 1), S)),
        ("d voor e", ast.DateOrder(ref("d"), "voor", ref("e"), S)),
        (
            "minstens 2 van (a, b en c, niet d)",
            ast.AtLeast(2, (flag("a"), en(flag("b"), flag("c")), niet(flag("d"))), S),
        ),
    ],
)
def test_conditions(text: str, expected: ast.Expr) -> None:
    assert condition(text) == expected


@pytest.mark.parametrize("op", ["=", "!=", "<", "<=", ">", ">="])
def test_every_comparator(op: str) -> None:
    assert condition(f"n {op} 1") == ast.Compare(ref("n"), op, num(1), S)  # type: ignore[arg-type]


def test_uitbreiding_file() -> None:
    tree = parse_source(
        """
uitbreiding regio op vng_mensenhandel_2021 {
    feit tafel: ja_nee vraag "Doet de gemeente mee?"
    verscherp signalering.meldroute als tafel
    vervang bewustwording.scan als tafel bewust zwakker "Regionale keuze."
    vervalt opvang.iets "Geldt niet in de regio." bewust zwakker "Afgesproken."
    parameter min_driehoek = 4
}
""",
        "regio.kader",
    )
    assert isinstance(tree, ast.UitbreidingFile)
    assert (tree.id.text, tree.base.text) == ("regio", "vng_mensenhandel_2021")
    kinds = [type(item) for item in tree.items]
    assert kinds == [ast.FeitDecl, ast.Verscherp, ast.Vervang, ast.Vervalt, ast.ParameterOverride]
    vervang = tree.items[2]
    assert isinstance(vervang, ast.Vervang)
    assert vervang.bewust is not None and vervang.bewust.reason == "Regionale keuze."


# ------------------------------------------------------------------ errors


def test_unexpected_token_names_what_was_expected() -> None:
    error = syntax_error(HEADER + "feit a ja_nee\n")
    (diagnostic,) = error.diagnostics
    assert diagnostic.code == "K102"
    assert diagnostic.span == Span("fout.kader", 2, 8, 2, 14)
    assert "verwacht: ':'" in diagnostic.message
    assert error.sources == {"fout.kader": HEADER + "feit a ja_nee\n"}


def test_misspelt_keyword_gets_a_suggestion() -> None:
    diagnostic = syntax_error(HEADER + "parameer n: aantal = 1\n").first
    assert diagnostic.code == "K102"
    assert diagnostic.suggestion == "parameter"


def test_keywords_missing_from_lark_expectations_are_listed() -> None:
    # after 'en' the parser accepts a name, '(', 'niet', 'minstens' and 'plateau'
    text = HEADER + 'feit a: ja_nee\nthema t "T" { plateau 1 { bouwsteen b "." als a en } }'
    diagnostic = syntax_error(text).first
    for word in ("'niet'", "'minstens'", "'('", "een naam"):
        assert word in diagnostic.message
    assert diagnostic.hint == "na 'en' hoort nog een voorwaarde"


def test_unexpected_end_of_file_says_which_block_is_open() -> None:
    text = HEADER + 'feit a: ja_nee\nthema t "T" {\n  plateau 1 {\n    bouwsteen b "." als a\n'
    diagnostic = syntax_error(text).first
    assert diagnostic.code == "K103"
    assert diagnostic.span is not None and diagnostic.span.line == 5
    assert diagnostic.hint is not None and "regel 4" in diagnostic.hint


def test_empty_text_is_a_syntax_error() -> None:
    assert syntax_error("").code == "K103"
    assert syntax_error("   \n# alleen commentaar\n").code == "K103"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kader x { titel 'X' }", "K101"),
        ('kader x { titel "X }', "K101"),
        ("kader x { titel “X” }", "K101"),
        ("kader x € { }", "K101"),
        ('kader x { titel "X" }\nfeit a: datum\nparameter p: datum = 2023-13-01', "K104"),
        ('kader x { titel "X" }\nfeit a: datum\nparameter p: datum = 2023-02-29', "K104"),
    ],
)
def test_bad_characters_and_dates(text: str, code: str) -> None:
    error = syntax_error(text)
    assert error.code == code
    assert error.first.span is not None


def test_an_error_renders_file_line_column_and_caret() -> None:
    rendered = str(syntax_error(HEADER + "feit a ja_nee\n"))
    assert rendered.splitlines()[:3] == [
        "fout.kader:2:8: fout K102: onverwacht 'ja_nee'; verwacht: ':'",
        " 2 | feit a ja_nee",
        "   |        ^^^^^^",
    ]
