"""Parser robustness: whatever text comes in, only a KaderError with a position comes out.

Targets (each a hypothesis search; ``KADERMODEL_FUZZ=long`` gives 10,000 examples each):

* ``test_grammar_sentences``: sentences of the grammar itself (``hypothesis.extra.lark``),
  with names from a small pool so that references often resolve and the checks get work;
* ``test_claim_sentences``: claims from the grammar's ``claim`` start, against the bundled
  kader;
* ``test_mutated_files``: valid files (the bundled kader, the example uitbreidingen, random
  valid kaders) with tokens deleted, duplicated, swapped or replaced, characters inserted;
* ``test_random_text``: arbitrary unicode and arbitrary bytes;
* ``test_deep_nesting``: ``niet``, brackets, ``minstens``, ``en``/``of`` nested very deep,
  closed or not, also in stellingen and repeated ``verscherp``;
* ``test_long_lines``: very long names, texts, conditions and files on one line.

An input the engine accepts is also assessed (all facts unknown), so a problem that only
shows up when compiling the plan is found too. A KaderError must carry, for every
diagnostic, a span whose line and column lie inside the text (the end of the text counts).
"""

from __future__ import annotations

import re
from pathlib import Path

import lark
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import kadermodel as k
from kadermodel.language.bundled import bundled_text as _bundled_text
from kadermodel.language.syntax import KEYWORDS, grammar_text
from kadermodel.testing import claim_from_text, kaders

from .conftest import EXAMPLES, LONG, Stats

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_DIR = REPO / "examples"
NAME = "<fuzz>"

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# ------------------------------------------------------------------ the oracle


def _inside(text: str, line: int, column: int) -> bool:
    lines = text.split("\n")
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


def check_error(error: k.KaderError, text: str, name: str = NAME) -> None:
    """Every diagnostic has a span; those in the fuzzed text lie inside it; it renders."""
    assert error.diagnostics, "a KaderError without diagnostics"
    for diagnostic in error.diagnostics:
        span = diagnostic.span
        assert span is not None, f"no position: {diagnostic}"
        if span.file != name:
            continue  # e.g. a base kader named by an uitbreiding
        assert _inside(text, span.line, span.column), f"outside the text: {span}"
        assert (span.end_line, span.end_column) >= (span.line, span.column), span
        assert span.end_line <= text.count("\n") + 1, span
    assert str(error)


def run(stats: Stats, target: str, text: str, claim: bool = False) -> None:
    """Feed ``text`` to the engine; count the outcome; let anything but KaderError through."""
    try:
        if claim:
            claim_from_text(k.bundled_kader(), text, file=NAME)
        else:
            kader = k.parse_kader(text, NAME, search_path=(EXAMPLE_DIR,))
            k.assess(kader, {})
    except k.KaderError as error:
        check_error(error, text)
        stats.outcome(target, error.code)
        return
    except BaseException as error:
        stats.crash(target, error)
        raise
    stats.outcome(target, "accepted")


# ------------------------------------------------------------------ inputs

_NAMES = st.sampled_from(
    ["a", "b", "c", "t", "x", "n", "d", "s", "ja_nee_feit", "regionale_ketenregisseur"]
)
_GRAMMAR = lark.Lark(grammar_text(), parser="lalr", lexer="contextual", start=["start", "claim"])
_EXPLICIT = {"NAME": _NAMES, "COMMENT": st.just("# opmerking\n")}

SEEDS = {
    "bundled": _bundled_text("vng_mensenhandel_2021"),
    **{p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLE_DIR.glob("*.kader"))},
    "klein": """kader klein { titel "Klein" versie "1" }
feit a: ja_nee vraag "A?"
feit n: aantal
feit k: keuze(geen, wat, veel)
feit s: verzameling(x, y, z)
feit d: datum
parameter drempel: aantal = 2 bron "bron"
thema t "T" {
    plateau 1 { bouwsteen b "B." bron "b" als a en (n >= drempel of k in (wat, veel)) }
    plateau 2 "Twee" {
        bouwsteen c "C." vereist b
            als minstens 2 van (s bevat alle (x, y), d binnen 12 maanden, niet a)
        bouwsteen e "E." als d na 2020-01-01 en d voor d en k >= wat en s bevat een van (z)
    }
}
stelling st "S": als a dan plateau(t) >= 1
""",
}

_TOKEN = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|#[^\n]*|\d{4}-\d{2}-\d{2}|[A-Za-z_][A-Za-z0-9_]*|\d+|[<>!]=|\s+|.',
    re.DOTALL,
)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    source = draw(st.one_of(st.sampled_from(sorted(SEEDS)).map(SEEDS.__getitem__), kaders()))
    parts = tokens(source)
    for _ in range(draw(st.integers(1, 4))):
        if not parts:
            break
        i = draw(st.integers(0, len(parts) - 1))
        j = draw(st.integers(0, len(parts) - 1))
        action = draw(
            st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "delete_run"])
        )
        if action == "delete":
            del parts[i]
        elif action == "duplicate":
            parts.insert(i, parts[i])
        elif action == "swap":
            parts[i], parts[j] = parts[j], parts[i]
        elif action == "replace":
            parts[i] = parts[j]
        elif action == "insert":
            parts.insert(i, draw(st.text(min_size=1, max_size=5)))
        else:
            del parts[min(i, j) : max(i, j) + 1][:50]
    return "".join(parts)


HEAD = 'kader diep { titel "Diep" }\nfeit a: ja_nee\nfeit n: aantal\n'


def log_sized(draw: st.DrawFn, top: int) -> int:
    """A size between 1 and ``top``, spread evenly over the orders of magnitude."""
    exponent = draw(st.integers(0, max(len(str(top)) - 1, 0)))
    return draw(st.integers(10**exponent, min(top, 10 ** (exponent + 1) - 1)))


@st.composite
def deep(draw: st.DrawFn) -> str:
    depth = log_sized(draw, 2_000 if LONG else 400)
    shape = draw(st.sampled_from(["niet", "haakjes", "minstens", "en", "of", "mix", "open"]))
    leaf = draw(st.sampled_from(["a", "n >= 2", "plateau(t) >= 1"]))
    if shape == "niet":
        condition = "niet " * depth + leaf
    elif shape == "haakjes":
        condition = "(" * depth + leaf + ")" * depth
    elif shape == "minstens":
        condition = "minstens 1 van (" * depth + leaf + ")" * depth
    elif shape in ("en", "of"):
        condition = f"(a {shape} " * depth + leaf + ")" * depth
    elif shape == "mix":
        words = draw(st.lists(st.sampled_from(["niet ", "(", "minstens 1 van ("]), min_size=depth))
        closing = "".join(")" for w in words if w != "niet ")
        condition = "".join(words) + leaf + closing
    else:
        condition = draw(st.sampled_from(["(", "niet (", "minstens 1 van ("])) * depth + leaf
    where = draw(st.sampled_from(["bouwsteen", "stelling", "verscherp"]))
    if where == "bouwsteen":
        return HEAD + f'thema t "T" {{ plateau 1 {{ bouwsteen b "B." als {condition} }} }}\n'
    if where == "stelling":
        return (
            HEAD
            + 'thema t "T" { plateau 1 { bouwsteen b "B." als a } }\n'
            + f"stelling s: als a dan {condition}\n"
        )
    repeat = log_sized(draw, 500 if LONG else 200)
    operation = "verscherp signalering.aandachtsfunctionaris als regionale_ketenregisseur\n"
    return "uitbreiding diep op vng_mensenhandel_2021 {\n" + operation * repeat + "}\n"


@st.composite
def long_line(draw: st.DrawFn) -> str:
    size = log_sized(draw, 20_000)
    shape = draw(st.sampled_from(["naam", "tekst", "en", "of", "lijst", "bouwstenen", "rommel"]))
    if shape == "naam":
        name = "a" * size
        return (
            HEAD
            + f'feit {name}: ja_nee\nthema t "T" {{ plateau 1 {{ bouwsteen b "B." als {name} }} }}'
        )
    if shape == "tekst":
        return HEAD + f'thema t "{"x" * size}" {{ plateau 1 {{ bouwsteen b "B." als a }} }}'
    if shape in ("en", "of"):
        terms = max(1, size // 8)
        condition = f" {shape} ".join(["a", "n >= 1"] * terms)
        return HEAD + f'thema t "T" {{ plateau 1 {{ bouwsteen b "B." als {condition} }} }}'
    if shape == "lijst":
        values = ", ".join(f"w{i}" for i in range(max(1, size // 6)))
        return (
            HEAD
            + f"feit k: keuze({values}) "
            + 'thema t "T" { plateau 1 { bouwsteen b "B." als k = w0 } }'
        )
    if shape == "bouwstenen":
        count = max(1, size // 30)
        blocks = " ".join(f'bouwsteen b{i} "B." als a' for i in range(count))
        return HEAD.replace("\n", " ") + f'thema t "T" {{ plateau 1 {{ {blocks} }} }}'
    return draw(st.sampled_from(["(", "{", '"', "#", "niet ", "en "])) * size


# ------------------------------------------------------------------ targets


@FUZZ
@given(text=from_lark(_GRAMMAR, start="start", explicit=_EXPLICIT))
def test_grammar_sentences(stats: Stats, text: str) -> None:
    run(stats, "test_grammar_sentences", text)


_BUNDLED = k.bundled_kader()
_CLAIM_NAMES = st.sampled_from(
    sorted({*_BUNDLED.feiten, *_BUNDLED.parameters, *_BUNDLED.themas, "meldroute", "x"})
)


# Drawing claims from the grammar is slow (deep expression trees): fewer in the quick profile.
@settings(FUZZ, max_examples=EXAMPLES if LONG else 15)
@given(text=from_lark(_GRAMMAR, start="claim", explicit={**_EXPLICIT, "NAME": _CLAIM_NAMES}))
def test_claim_sentences(stats: Stats, text: str) -> None:
    run(stats, "test_claim_sentences", text, claim=True)


@FUZZ
@given(text=mutated())
def test_mutated_files(stats: Stats, text: str) -> None:
    run(stats, "test_mutated_files", text)


@FUZZ
@given(
    text=st.one_of(
        st.text(),
        st.binary().map(lambda b: b.decode("utf-8", errors="replace")),
        st.binary().map(lambda b: b.decode("latin-1")),
        st.lists(st.sampled_from([*sorted(KEYWORDS), *'(){}:,."#=<>!\n ', "a", "1"])).map(" ".join),
    )
)
def test_random_text(stats: Stats, text: str) -> None:
    run(stats, "test_random_text", text)


@FUZZ
@given(text=deep())
def test_deep_nesting(stats: Stats, text: str) -> None:
    run(stats, "test_deep_nesting", text)


@FUZZ
@given(text=long_line())
def test_long_lines(stats: Stats, text: str) -> None:
    run(stats, "test_long_lines", text)


SCALE = 10 if LONG else 1
"""The extremes are ten times larger in the long profile."""


@pytest.mark.parametrize(
    "text",
    [
        HEAD
        + 'thema t "T" { plateau 1 { bouwsteen b "B." als '
        + "niet " * 10_000 * SCALE
        + "a } }",
        HEAD + 'thema t "T" { plateau 1 { bouwsteen b "B." als ' + "(" * 10_000 * SCALE + "a",
        HEAD
        + 'thema t "T" { plateau 1 { bouwsteen b "B." als '
        + "(a en " * 5_000 * SCALE
        + "a"
        + ")" * 5_000 * SCALE
        + " } }",
        "uitbreiding diep op vng_mensenhandel_2021 {\n"
        + "verscherp signalering.aandachtsfunctionaris als regionale_ketenregisseur\n" * 500 * SCALE
        + "}\n",
        "(" * 100_000 * SCALE,
        "x" * 100_000 * SCALE,
    ],
    ids=["niet", "open-haakjes", "en-genest", "verscherp", "haakjes", "naam"],
)
def test_extremes(stats: Stats, text: str) -> None:
    """A handful of inputs far beyond anything the searches reach, run once each."""
    run(stats, "test_extremes", text)
