"""Facts reader robustness: whatever comes in, a Facts value or a KaderError comes out, in time.

Targets (each a hypothesis search; ``KADERMODEL_FUZZ=long`` gives 10,000 examples each):

* ``test_generated_yaml``: YAML texts from generated documents (top keys, known and unknown
  fact names, values of every kind, nested lists and mappings), written by PyYAML in block
  and flow style;
* ``test_generated_json``: the same documents as JSON text;
* ``test_python_mappings``: the documents as Python mappings (also with ints, floats, dates,
  bytes, sets and None where a fact value belongs);
* ``test_mutated_examples``: the example facts files with characters and lines deleted,
  duplicated, swapped or replaced;
* ``test_pathological_shapes``: deep nesting of every kind, long numbers, many keys, long
  lines, anchors and aliases, non-ASCII digits, control characters, tabs, byte order marks.

Every input must end in success or a KaderError within a time bound that grows with its size
(``BOUND_BASE + BOUND_PER_KB`` per kB of CPU time of this process, so that other work on a
busy machine does not count); a KaderError must render as UTF-8, and every span it has must
lie inside the text.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kadermodel as k

from .conftest import EXAMPLES, LONG, Stats

REPO = Path(__file__).resolve().parents[2]
KADER = k.bundled_kader()
NAMES = sorted(KADER.feiten)
EXAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.yaml"))]
BOUND_BASE = 2.0
"""Seconds any input may take, plus ``BOUND_PER_KB`` per kB of text (generous: busy CI)."""
BOUND_PER_KB = 0.05

FUZZ = settings(
    max_examples=EXAMPLES if LONG else 15,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _inside(text: str, line: int, column: int) -> bool:
    lines = text.split("\n")
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


def check(stats: Stats, target: str, data: str | dict[Any, Any], name: str = "<fuzz>") -> None:
    """Read ``data``; success or a well-formed KaderError, within the bound."""
    size = len(data) if isinstance(data, str) else 100 * len(data)
    start = time.process_time()
    try:
        facts = k.parse_facts(data, KADER, name=name)
    except k.KaderError as error:
        rendered = str(error)
        assert rendered and error.diagnostics
        rendered.encode("utf-8")  # printable: no half characters
        if isinstance(data, str):
            for diagnostic in error.diagnostics:
                span = diagnostic.span
                if span is not None and span.file == name:
                    assert _inside(data, span.line, span.column), (diagnostic, data[:200])
        stats.outcome(target, error.code)
    except Exception as error:
        stats.crash(target, error)
        raise
    else:
        assert set(facts.values) == set(KADER.feiten)
        stats.outcome(target, "accepted")
    elapsed = time.process_time() - start
    assert elapsed < BOUND_BASE + BOUND_PER_KB * size / 1000, (elapsed, size)


# ------------------------------------------------------------------ generated documents

_SCALARS = st.one_of(
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.sampled_from(["ja", "nee", "onbekend", "weet niet", "waar", "~", "", "٣", "2026-13-01"]),
    st.dates(),
    st.text(max_size=20),
    st.floats(allow_nan=False),
)
_VALUES = st.recursive(
    st.none() | _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
_NAMES = st.sampled_from(NAMES) | st.text(max_size=15)
_FEITEN = st.dictionaries(_NAMES, _VALUES, max_size=12)
_DOCUMENTS = st.fixed_dictionaries(
    {"feiten": _FEITEN | _VALUES},
    optional={
        "gemeente": _VALUES,
        "peildatum": st.dates() | _SCALARS,
        "kader": st.sampled_from([KADER.id, "ander_kader"]) | _SCALARS,
        "bronnen": st.dictionaries(_NAMES, _VALUES, max_size=3) | _SCALARS,
        "toelichting": st.text(max_size=30),
        "onbekend": _VALUES,
    },
)


def _plain(value: Any) -> Any:
    """A document as JSON can hold it."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@given(_DOCUMENTS, st.booleans())
@FUZZ
def test_generated_yaml(stats: Stats, document: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    check(stats, "test_generated_yaml", text)


@given(_DOCUMENTS)
@FUZZ
def test_generated_json(stats: Stats, document: dict[str, Any]) -> None:
    check(stats, "test_generated_json", json.dumps(_plain(document), ensure_ascii=False))


_ODD = st.one_of(
    _VALUES,
    st.sets(st.integers(), max_size=3),
    st.frozensets(st.text(max_size=5), max_size=3),
    st.binary(max_size=5),
    st.just(10**5000),
    st.datetimes(),
    st.tuples(st.text(max_size=4)),
)


@given(st.dictionaries(_NAMES, _ODD, max_size=10), st.booleans(), _ODD)
@FUZZ
def test_python_mappings(stats: Stats, feiten: dict[str, Any], wrapped: bool, extra: Any) -> None:
    data: dict[Any, Any] = {"feiten": feiten, "peildatum": extra} if wrapped else feiten
    check(stats, "test_python_mappings", data)


# ------------------------------------------------------------------ mutated example files

_EDITS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "line"]),
        st.integers(min_value=0, max_value=10_000),
        st.integers(min_value=1, max_value=40),
        st.text(max_size=6),
    ),
    min_size=1,
    max_size=6,
)


def _mutate(text: str, edits: list[tuple[str, int, int, str]]) -> str:
    for kind, at, length, chars in edits:
        at %= max(len(text), 1)
        if kind == "delete":
            text = text[:at] + text[at + length :]
        elif kind == "duplicate":
            text = text[:at] + text[at : at + length] * 2 + text[at + length :]
        elif kind == "swap":
            other = (at * 7 + length) % max(len(text), 1)
            a, b = sorted((at, other))
            text = text[:a] + text[b : b + length] + text[a + length : b] + text[a : a + length]
        elif kind == "replace":
            text = text[:at] + chars + text[at + len(chars) :]
        elif kind == "insert":
            text = text[:at] + chars + text[at:]
        else:
            lines = text.split("\n")
            index = at % len(lines)
            lines.insert((index * 3) % len(lines), lines[index])
            text = "\n".join(lines)
    return text


@given(st.sampled_from(EXAMPLE_TEXTS), _EDITS)
@FUZZ
def test_mutated_examples(stats: Stats, text: str, edits: list[tuple[str, int, int, str]]) -> None:
    check(stats, "test_mutated_examples", _mutate(text, edits))


# ------------------------------------------------------------------ pathological shapes

_FACT = "training_aantal_medewerkersgroepen"


def _shape(kind: str, n: int) -> str:
    match kind:
        case "flow_lists":
            return "feiten:\n  x: " + "[" * n + "]" * n
        case "flow_maps":
            return "feiten:\n  x: " + "{a: " * n + "}" * n
        case "unclosed":
            return "feiten:\n  x: " + "[" * n
        case "block":
            return "feiten:\n" + "".join(" " * i + f"n{i}:\n" for i in range(1, n))
        case "block_lists":
            return "feiten:\n  x:\n" + "".join(" " * (i + 2) + "-\n" for i in range(n))
        case "digits":
            return f"feiten:\n  {_FACT}: " + "9" * n
        case "many_keys":
            return "feiten:\n" + "".join(f"  onbekend_{i}: ja\n" for i in range(n))
        case "many_values":
            return "feiten:\n" + "".join(f"  {_FACT}: x{i}\n" for i in range(n))
        case "long_line":
            return "feiten:\n  " + "a" * n + ": ja\n"
        case "aliases":
            return (
                "a: &a [x]\n"
                + "".join(f"b{i}: &b{i} [*a, *a]\n" for i in range(n))
                + "feiten: {}\n"
            )
        case "self_aliases":
            return "feiten:\n" + "".join(
                f"  {_FACT}{i}: &s{i} [*s{i}, [*s{i}]]\n" for i in range(n)
            )
        case "surrogates":
            return 'gemeente: "' + "\\ud800" * (n % 20 + 1) + '"\nfeiten: {}\n'
        case "non_ascii_digits":
            return f"feiten:\n  {_FACT}: " + "٣" * (n % 50 + 1) + "\npeildatum: ٢٠٢٦-٠١-٠١\n"
        case "controls":
            return "feiten:\n  x: " + "".join(chr(i % 32) for i in range(n % 64 + 1))
        case "bom_and_tabs":
            return "\ufefffeiten:\n\t" + _FACT + ": 3\n" * (n % 5 + 1)
        case _:
            return 'feiten:\n  x: "' + "\\" * n
    raise AssertionError(kind)  # pragma: no cover


SHAPES = [
    "flow_lists",
    "flow_maps",
    "unclosed",
    "block",
    "block_lists",
    "digits",
    "many_keys",
    "many_values",
    "long_line",
    "aliases",
    "self_aliases",
    "surrogates",
    "non_ascii_digits",
    "controls",
    "bom_and_tabs",
    "escapes",
]


@given(st.sampled_from(SHAPES), st.integers(min_value=1, max_value=6000))
@FUZZ
def test_pathological_shapes(stats: Stats, kind: str, n: int) -> None:
    check(stats, "test_pathological_shapes", _shape(kind, n))


@pytest.mark.parametrize("kind", SHAPES)
def test_each_shape_at_its_worst(stats: Stats, kind: str) -> None:
    """Every shape once, big (in ``make fuzz``: 100,000 keys for many_keys)."""
    n = 100_000 if kind == "many_keys" and LONG else 20_000
    check(stats, "test_each_shape_at_its_worst", _shape(kind, n))
