"""Nothing of lark, networkx or PyYAML reaches a caller.

* Bad input (the golden cases, a list of hand-made mistakes, random and mutated text) raises
  only :class:`KaderError` subclasses: no foreign class in the MRO, no chained cause, and
  every problem is a :class:`Diagnostic` made of plain values.
* Good input gives results made of plain values: no lark ``Tree``/``Token`` (a ``Token`` is a
  ``str`` subclass, so it would slip through unnoticed) anywhere in the syntax tree, the
  model, the facts, the assessment or the graph's labels.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel
from kadermodel.engine.graph import dependencies, graph_of, impact
from kadermodel.engine.order import evaluation_order
from kadermodel.errors import Diagnostic, KaderError, Span
from kadermodel.language.bundled import bundled_text
from kadermodel.language.syntax import parse_source

FOREIGN = ("lark", "networkx", "yaml")
GOLDEN = Path(__file__).resolve().parent / "golden" / "errors"
SMALL = """kader proef { titel "Proef" }
feit a: ja_nee
feit n: aantal
feit k: keuze(laag, hoog)
feit s: verzameling(x, y)
feit d: datum
parameter drempel: aantal = 2
thema t "T" {
    plateau 1 {
        bouwsteen b "Tekst." bron "Bron" als a en n >= drempel
        bouwsteen c "Tekst." vereist b als k in (hoog) of s bevat een van (x)
    }
    plateau 2 { bouwsteen e "Tekst." als minstens 1 van (d binnen 12 maanden, niet a) }
}
stelling s1 "Claim": plateau(t) >= 1
"""


def foreign(value: object) -> bool:
    return type(value).__module__.split(".")[0] in FOREIGN


def assert_clean_error(error: BaseException) -> None:
    assert isinstance(error, KaderError), f"{type(error).__name__}: {error}"
    leaked = [cls for cls in type(error).__mro__ if cls.__module__.split(".")[0] in FOREIGN]
    assert not leaked, leaked
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__
    assert error.diagnostics
    for diagnostic in error.diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert_plain(diagnostic)
    assert isinstance(str(error), str)


def assert_plain(root: object) -> None:
    """Walk attrs objects, mappings and collections; fail on anything from lark & co."""
    seen: set[int] = set()
    stack: list[tuple[str, object]] = [("", root)]
    while stack:
        path, value = stack.pop()
        assert not foreign(value), f"{type(value).__module__}.{type(value).__name__} at {path}"
        if value is None or isinstance(value, bool | int | float | dt.date | enum.Enum):
            continue
        if isinstance(value, str):
            assert type(value) is str, f"{type(value).__name__} at {path}"
            continue
        if id(value) in seen:
            continue
        seen.add(id(value))
        if attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                if not field.name.startswith("_"):  # derived caches are not results
                    stack.append((f"{path}.{field.name}", getattr(value, field.name)))
        elif isinstance(value, Mapping):
            for key, item in value.items():
                stack.append((f"{path}[{key!r}]", key))
                stack.append((f"{path}[{key!r}]", item))
        elif isinstance(value, tuple | list | set | frozenset):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
        elif not callable(value):
            raise AssertionError(f"unexpected {type(value).__name__} at {path}")


def raises_clean(action: Callable[[], Any]) -> None:
    """Run ``action``; if it raises, the error must be a clean KaderError."""
    try:
        action()
    except BaseException as error:  # every kind, to check it
        assert_clean_error(error)


def fails_clean(action: Callable[[], Any]) -> KaderError:
    try:
        action()
    except BaseException as error:
        assert_clean_error(error)
        assert isinstance(error, KaderError)
        return error
    pytest.fail("no error for bad input")


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    "case",
    sorted(p for p in GOLDEN.glob("*.kader") if not p.name.startswith("_")),
    ids=lambda p: p.name,
)
def test_golden_kaders_fail_cleanly(case: Path) -> None:
    text = case.read_text(encoding="utf-8")
    fails_clean(lambda: kadermodel.parse_kader(text, case.name))
    fails_clean(lambda: kadermodel.load_kader(case))


@pytest.mark.parametrize("case", sorted(GOLDEN.glob("*.yaml")), ids=lambda p: p.name)
def test_golden_facts_fail_cleanly(case: Path) -> None:
    kader = kadermodel.parse_kader((GOLDEN / "_facts.kader").read_text(encoding="utf-8"))
    text = case.read_text(encoding="utf-8")
    fails_clean(lambda: kadermodel.parse_facts(text, kader))
    fails_clean(lambda: kadermodel.load_facts(case, kader))


HEAD = 'kader x { titel "X" } '


def one(type_: str, condition: str) -> str:
    """A kader with one fact ``a`` of ``type_`` and one bouwsteen with ``condition``."""
    return (
        HEAD + f'feit a: {type_} thema t "T" {{ plateau 1 {{ bouwsteen b "." als {condition} }} }}'
    )


BAD_KADERS = [
    "",
    " ",
    "\n\n",
    "{",
    "}",
    "kader",
    "kader {",
    "kader x",
    "kader x {",
    "kader x { titel }",
    'kader x { titel "X" } feit',
    'kader x { titel "X" } feit a',
    'kader x { titel "X" } feit a:',
    'kader x { titel "X" } feit a: keuze()',
    'kader x { titel "X" } feit a: keuze(',
    'kader x { titel "X" } feit a: verzameling(b,)',
    'kader x { titel "X" } feit a: ja_nee thema',
    'kader x { titel "X" } feit a: ja_nee thema t "T" { plateau }',
    'kader x { titel "X" } feit a: ja_nee thema t "T" { plateau x { } }',
    'kader x { titel "X" } feit a: ja_nee thema t "T" { plateau 1 { bouwsteen } }',
    'kader x { titel "X" } feit a: ja_nee thema t "T" { plateau 1 { bouwsteen b als a } }',
    'kader x { titel "X" } feit a: ja_nee thema t "T" { plateau 1 { bouwsteen b "." als } }',
    one("ja_nee", "("),
    one("ja_nee", "a)"),
    one("ja_nee", "a.b.c"),
    one("aantal", "a >="),
    one("aantal", "a => 1"),
    one("aantal", "a == 1"),
    one("datum", "a binnen"),
    one("datum", "a binnen 2"),
    one("datum", "a na 2024-02-30"),
    one("datum", "a na 0000-01-01"),
    one("aantal", "minstens van (a)"),
    one("ja_nee", "minstens 99999999999999999999 van (a)"),
    HEAD + 'feit a: ja_nee thema t "T" { plateau 99999999999999999999 { bouwsteen b "." als a } }',
    'kader x { titel "X" } feit a: ja_nee stelling s: plateau(t) >= 99999999999999999999',
    'kader x { titel "X" } feit a: ja_nee stelling s: a en',
    'kader x { titel "X" } parameter p: keuze(a) = ()',
    'kader x { titel "X" } thema t "T" { plateau 1 { bouwsteen b "." vereist als } }',
    'kader x { titel "X" \\" }',
    'kader x { titel "X\\',
    'kader x { titel "X" }\x00',
    'kader x { titel "X" }\ufeff',
    'kader x { titel "X" }\r\nfeit a:\r\n ja_nee\r\nthema',
    'kader x { titel "X" }\tfeit\ta:\tja_nee\t{',
    "uitbreiding",
    "uitbreiding r op",
    "uitbreiding r op { }",
    'kader x { titel "X" } ' + "(" * 500,
    one("ja_nee", "niet " * 2000),
    one("ja_nee", "(" * 300 + "a" + ")" * 300 + " en b"),
    'kader x { titel "X" } €',
    'kader é { titel "X" }',
]


@pytest.mark.parametrize("text", BAD_KADERS)
def test_bad_kaders_fail_cleanly(text: str) -> None:
    fails_clean(lambda: kadermodel.parse_kader(text, "slecht.kader"))


EDGE_KADERS = [
    '\ufeffkader x { titel "X" }',
    'kader x { titel "X" } parameter p: datum = 9999-12-31',
    'kader x { titel "X" } parameter p: aantal = 99999999999999999999999999999',
    one("datum", "a binnen 99999999999 jaar"),
    one("datum", "a binnen 0 dagen"),
    one("datum", "a na 0001-01-01"),
    one("aantal", "a >= 99999999999999999999999"),
]


@pytest.mark.parametrize("text", EDGE_KADERS)
def test_extreme_but_valid_kaders_assess_or_fail_cleanly(text: str) -> None:
    def parse_and_assess() -> None:
        kader = kadermodel.parse_kader(text, "rand.kader")
        for value in (None, dt.date.min, dt.date(2024, 1, 1), dt.date.max, 0, 10**30):
            kadermodel.assess(kader, {"a": value}, dt.date(2024, 1, 1))

    raises_clean(parse_and_assess)


BAD_FACTS = [
    "feiten: [",
    "feiten: {",
    "feiten:\n  a: [",
    "feiten:\n  a: {b: [}",
    "feiten:\n  a: &x ja\n  n: *y",
    "feiten:\n  a: !!python/object/apply:os.system ['echo']",
    "feiten:\n  a: !!binary aGFsbG8=",
    "feiten:\n  ? [a, b]\n  : ja",
    "feiten:\n  1: ja",
    "feiten:\n  n: 1e3",
    "feiten:\n  n: 0x10",
    "feiten:\n  n: 99999999999999999999999999999999999999",
    "feiten:\n  d: 2024-02-30",
    "feiten:\n  d: 10000-01-01",
    "feiten:\n  s: {x: 1}",
    "feiten:\n  s: [x, [y]]",
    "feiten:\n  k: [laag]",
    "peildatum: [2024-01-01]\nfeiten:",
    "peildatum: 2024-01-01T00:00:00\nfeiten:",
    "gemeente: [a]\nfeiten:",
    "bronnen: 3\nfeiten:",
    "bronnen:\n  a: [x]\nfeiten:",
    "---\na: 1\n---\nb: 2",
    "\x00",
    "'",
    "%YAML 9.9\n---\nfeiten:",
    "feiten: !!set {a: null}",
    "a: " + "[" * 200,
]


@pytest.mark.parametrize("text", BAD_FACTS)
def test_bad_facts_fail_cleanly(text: str) -> None:
    kader = kadermodel.parse_kader(SMALL)
    raises_clean(lambda: kadermodel.parse_facts(text, kader, name="slecht.yaml"))


@pytest.mark.parametrize(
    "action",
    [
        lambda: kadermodel.bundled_kader("bestaat_niet"),
        lambda: kadermodel.load_kader("bestaat_niet"),
        lambda: kadermodel.load_kader("/"),
        lambda: kadermodel.load_facts("/", kadermodel.parse_kader(SMALL)),
        lambda: kadermodel.load_facts("bestaat_niet.yaml", kadermodel.parse_kader(SMALL)),
        lambda: impact(kadermodel.parse_kader(SMALL), "bestaat_niet"),
        lambda: dependencies(kadermodel.parse_kader(SMALL), "t.bestaat_niet"),
        lambda: kadermodel.parse_facts({"feiten": {"a": object()}}, kadermodel.parse_kader(SMALL)),
        lambda: kadermodel.parse_facts({"s": [object()]}, kadermodel.parse_kader(SMALL)),
        lambda: kadermodel.parse_facts({"k": {}}, kadermodel.parse_kader(SMALL)),
        lambda: kadermodel.assess(kadermodel.parse_kader(SMALL), {"a": "misschien"}),
    ],
)
def test_bad_arguments_fail_cleanly(action: Callable[[], Any]) -> None:
    fails_clean(action)


# ------------------------------------------------------------------ random and mutated text

TOKENS = [
    "kader", "uitbreiding", "op", "feit", "parameter", "thema", "plateau", "bouwsteen",
    "stelling", "vraag", "bron", "vereist", "als", "ja_nee", "aantal", "datum", "keuze",
    "verzameling", "waar", "onwaar", "niet", "en", "of", "in", "bevat", "alle", "een", "van",
    "minstens", "binnen", "na", "voor", "dagen", "maand", "jaar", "verscherp", "vervang",
    "vervalt", "bewust", "zwakker", "{", "}", "(", ")", ",", ".", ":", "=", "!=", "<", ">=",
    '"tekst"', '"', "#", "\n", " ", "a", "t.b", "0", "12", "2024-02-29", "2024-02-30", "€",
    "'", "\\", "\t",
]  # fmt: skip


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\d+")


@st.composite
def mutated(
    draw: st.DrawFn,
    base: str,
    operations: tuple[str, ...] = ("delete", "insert", "duplicate", "truncate", "swap", "word"),
) -> str:
    """``base`` after one to four random edits (``word`` edits mostly keep it parseable)."""
    text = base
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        match draw(st.sampled_from(operations)):
            case "delete":
                text = text[:at] + text[at + draw(st.integers(1, 20)) :]
            case "insert":
                text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
            case "duplicate":
                text = text[:at] + text[at : at + draw(st.integers(1, 40))] + text[at:]
            case "truncate":
                text = text[:at]
            case "word":  # replace a word by another word of the text or a keyword
                words = list(_WORD.finditer(text))
                if words:
                    word = words[draw(st.integers(0, len(words) - 1))]
                    other = draw(st.sampled_from([w.group() for w in words] + TOKENS[:40]))
                    text = text[: word.start()] + other + text[word.end() :]
            case "swap":
                lines = text.splitlines(keepends=True)
                if len(lines) > 1:
                    i = draw(st.integers(0, len(lines) - 1))
                    j = draw(st.integers(0, len(lines) - 1))
                    lines[i], lines[j] = lines[j], lines[i]
                    text = "".join(lines)
    return text


@settings(max_examples=200)
@given(
    st.one_of(
        mutated(SMALL),
        mutated(SMALL, ("word",)),
        st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join),
    )
)
def test_random_and_mutated_kader_text_raises_only_kader_errors(text: str) -> None:
    def parse_and_assess() -> None:
        kader = kadermodel.parse_kader(text, "mutant.kader")
        kadermodel.assess(kader, {}, dt.date(2024, 1, 1))

    raises_clean(parse_and_assess)


@settings(max_examples=30)
@given(st.data())
def test_mutated_bundled_kader_raises_only_kader_errors(data: st.DataObject) -> None:
    text = data.draw(mutated(bundled_text(kadermodel.BUNDLED_KADER)))
    raises_clean(lambda: kadermodel.parse_kader(text, "mutant.kader"))


FACTS_BASE = """gemeente: Proefstad
peildatum: 2024-06-30
feiten:
  a: ja
  n: 2
  k: hoog
  s: [x]
  d: 2024-01-01
bronnen:
  a: "Nota"
"""


@settings(max_examples=100)
@given(
    st.one_of(
        mutated(FACTS_BASE),
        st.text(alphabet=st.sampled_from("ab:-[]{}\n \t'\"!&*#?|>%@`,0129"), max_size=60),
    )
)
def test_random_and_mutated_facts_text_raises_only_facts_errors(text: str) -> None:
    kader = kadermodel.parse_kader(SMALL)
    raises_clean(lambda: kadermodel.parse_facts(text, kader, name="mutant.yaml"))


@settings(max_examples=100)
@given(
    st.dictionaries(
        st.sampled_from(["a", "n", "k", "s", "d", "x", "feiten", "peildatum", "bronnen"]),
        st.recursive(
            st.none()
            | st.booleans()
            | st.integers(-3, 3)
            | st.floats(allow_nan=True)
            | st.text(max_size=5)
            | st.dates(),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
            max_leaves=5,
        ),
    )
)
def test_random_mappings_raise_only_facts_errors(mapping: dict[str, Any]) -> None:
    kader = kadermodel.parse_kader(SMALL)
    raises_clean(lambda: kadermodel.parse_facts(mapping, kader))


# ------------------------------------------------------------------ good input, plain output


def test_syntax_tree_is_plain() -> None:
    assert_plain(parse_source(SMALL, "proef.kader"))
    assert_plain(parse_source(bundled_text(kadermodel.BUNDLED_KADER)))


def test_model_and_queries_are_plain(bundled: kadermodel.Kader) -> None:
    for kader in (kadermodel.parse_kader(SMALL), bundled):
        assert_plain(kader)
        assert_plain(evaluation_order(kader))
        for feit in kader.feiten:
            assert_plain(impact(kader, feit))
        for qid, bouwsteen in kader.bouwstenen.items():
            assert_plain(dependencies(kader, qid))
            assert_plain(bouwsteen.full_condition)
            assert_plain(bouwsteen.depends_on)
        # the graph itself is networkx by contract; its labels are plain
        for node, data in graph_of(kader).nodes(data=True):
            assert_plain((node, data))


def test_facts_and_assessments_are_plain(repo_root: Path, bundled: kadermodel.Kader) -> None:
    for path in sorted((repo_root / "examples").glob("*.yaml")):
        facts = kadermodel.load_facts(path, bundled)
        assert_plain(facts)
        result = kadermodel.assess(bundled, facts)
        assert_plain(
            (
                result.peildatum,
                result.truths,
                result.ranges,
                dict(result.themas),
                {qid: r.truth for qid, r in result.bouwstenen.items()},
            )
        )


def test_errors_for_good_and_bad_input_carry_plain_spans() -> None:
    error = fails_clean(lambda: kadermodel.parse_kader("kader x {", "x.kader"))
    assert isinstance(error.first.span, Span)
    assert_plain(error.first)
    assert_plain(error.sources)
