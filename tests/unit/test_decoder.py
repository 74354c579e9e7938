"""The compiled facts decoder (kadermodel.facts.decoder) agrees with the facts reader.

For every mapping: the public path (decoder first) and the reader alone give the same values
and encoding, or the same errors (code, message, position). The suite-wide check in
``tests/conftest.py`` does the same for every mapping any test decodes.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kadermodel
from conftest import same_decoding
from kadermodel import FactsError
from kadermodel.engine.results import Assessment
from kadermodel.facts.core import read_values
from kadermodel.facts.decoder import GENERATED_UP_TO, Decoder, decoder_of

KADER = kadermodel.parse_kader(
    """
kader proef { titel "Proef" }
feit a: ja_nee
feit n: aantal
feit k: keuze(laag, midden, hoog)
feit s: verzameling(x, y, z)
feit d: datum
feit groot: verzameling(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9)
thema t "T" { plateau 1 { bouwsteen b "." als a en n >= 1 } }
"""
)


class Level(enum.IntEnum):
    ONE = 1


class Text(str):
    pass


def _outcome(read: Any) -> object:
    try:
        facts = read()
    except FactsError as error:
        return [(d.code, d.message, d.span, d.hint, d.suggestion) for d in error.diagnostics]
    return dict(facts.values), facts.encoded


ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=10**16),
    st.sampled_from([Level.ONE, 2.0, float("nan"), b"ja", Text("laag")]),
    st.text(max_size=8),
    st.sampled_from(
        ["ja", "nee", "onbekend", " ONBEKEND ", "3", "laag", "hoog", "x", "2024-02-29"]
    ),
    st.dates(),
    st.datetimes(max_value=dt.datetime(2100, 1, 1)),
    st.lists(st.sampled_from(["x", "y", "z", "w", "v3", 1]), max_size=4),
    st.frozensets(st.sampled_from(["x", "y", "v0", "v9"]), max_size=3),
    st.tuples(st.sampled_from(["x", "z"])),
    st.just([["x"]]),
    st.just({"x": 1}),
)
NAMES = st.sampled_from([*KADER.feiten, "onbekend_feit", "A", 1])


@settings(max_examples=300)
@given(st.dictionaries(NAMES, ODD, max_size=8))
def test_the_decoder_and_the_reader_agree_on_any_mapping(data: dict[Any, Any]) -> None:
    fast = _outcome(lambda: kadermodel.parse_facts(data, KADER))
    slow = _outcome(lambda: read_values(KADER, data))
    assert same_decoding(fast, slow) if isinstance(slow, tuple) else fast == slow


@settings(max_examples=200)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "a": st.one_of(st.none(), st.booleans()),
            "n": st.one_of(st.none(), st.integers(min_value=0, max_value=10**9)),
            "k": st.sampled_from([None, "laag", "midden", "hoog"]),
            "s": st.lists(st.sampled_from(["x", "y", "z"])),
            "d": st.one_of(st.none(), st.dates()),
            "groot": st.sets(st.sampled_from([f"v{i}" for i in range(10)])),
        },
    )
)
def test_values_of_the_right_type_take_the_fast_path(data: dict[str, Any]) -> None:
    decoded = decoder_of(KADER).decode(data)
    assert decoded is not None
    expected = read_values(KADER, data)
    assert same_decoding(decoded, (dict(expected.values), expected.encoded))


LOOPING = Decoder(KADER, generated=False)


@settings(max_examples=300)
@given(st.dictionaries(NAMES, ODD, max_size=8))
def test_the_looping_decoder_of_large_kaders_decodes_as_the_generated_one(
    data: dict[Any, Any],
) -> None:
    assert LOOPING.source == ""
    generated = decoder_of(KADER).decode(data)
    looping = LOOPING.decode(data)
    assert generated is looping is None or same_decoding(looping, generated)


def test_a_large_kader_gets_the_looping_decoder() -> None:
    names = [f"f{i}" for i in range(GENERATED_UP_TO + 1)]
    kader = kadermodel.parse_kader(
        'kader groot { titel "Groot" }\n'
        + "".join(f"feit {n}: ja_nee\n" for n in names)
        + 'thema t "T" { plateau 1 { bouwsteen b "." als f0 } }\n'
    )
    decoder = decoder_of(kader)
    assert decoder.source == ""
    assert decoder.decode({"f0": True, "f7": False}) == (
        {n: {"f0": True, "f7": False}.get(n) for n in names},
        (1, *[None] * 6, 0, *[None] * (len(names) - 8)),
    )
    assert decoder.decode({"f0": "ja"}) is None


def test_the_decoder_leaves_everything_else_to_the_reader() -> None:
    for decode in (decoder_of(KADER).decode, LOOPING.decode):
        for data in (
            {"a": "ja"},
            {"a": 1},
            {"n": True},
            {"n": -1},
            {"n": "3"},
            {"k": "onbekend"},
            {"k": Text("laag")},
            {"s": "x"},
            {"s": ["x", 1]},
            {"s": [["x"]]},
            {"d": dt.datetime(2024, 1, 1)},
            {"d": "2024-01-01"},
            {"onbekend_feit": True},
            {1: True},
        ):
            assert decode(data) is None, data


def test_the_structured_form_uses_the_decoder_for_its_facts() -> None:
    data = {"gemeente": "Proefstad", "peildatum": "2026-06-30", "feiten": {"a": True, "n": 2}}
    facts = kadermodel.parse_facts(data, KADER)
    assert facts.gemeente == "Proefstad"
    assert facts.peildatum == dt.date(2026, 6, 30)
    assert facts.values["a"] is True and facts.encoded[:2] == (1, 2)


def test_assess_many_streams_the_same_assessments_as_assess() -> None:
    rows = [
        {"a": True, "n": 2},
        {"a": "ja", "n": "1", "k": "hoog"},
        kadermodel.parse_facts({"a": False}, KADER),
        {"feiten": {"a": True, "n": 0}, "peildatum": "2026-06-30"},
        {},
    ]
    day = dt.date(2026, 6, 30)
    stream = kadermodel.assess_many(KADER, iter(rows), day)
    assert iter(stream) is stream  # an iterator, consumed lazily
    for row, many in zip(rows, stream, strict=True):
        one = kadermodel.assess(KADER, row, day)
        assert (many.truths, many.ranges, many.peildatum) == (one.truths, one.ranges, day)
        assert dict(many.themas) == dict(one.themas)
        assert dict(many.facts.values) == dict(one.facts.values)
        assert many.facts.encoded == one.facts.encoded


def test_the_row_loop_makes_the_assessment_attrs_would_make() -> None:
    """The batch's row loop fills each Assessment's slots itself (engine/batch.py)."""
    day = dt.date(2026, 6, 30)
    (made,) = kadermodel.assess_many(KADER, [{"a": True, "s": ["x"], "groot": ["v1"]}], day)
    values = {field.name: getattr(made, field.name) for field in attrs.fields(Assessment)}
    again = Assessment(**{name.lstrip("_"): value for name, value in values.items()})
    assert attrs.asdict(made, recurse=False) == attrs.asdict(again, recurse=False)
    assert repr(made) == repr(again)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.truths = ()  # type: ignore[misc]


def test_assess_many_raises_a_bad_rows_error_when_it_reaches_it() -> None:
    stream = kadermodel.assess_many(KADER, [{"a": True}, {"a": "misschien"}])
    assert next(stream).themas["t"].plateau.high == 1
    try:
        next(stream)
    except FactsError as error:
        assert error.diagnostics[0].code == "F202"
    else:  # pragma: no cover
        raise AssertionError("no error")


@settings(max_examples=150)
@given(st.lists(st.dictionaries(NAMES, ODD, max_size=6), max_size=4))
def test_assess_many_agrees_with_assess_on_any_rows(rows: list[dict[Any, Any]]) -> None:
    day = dt.date(2026, 6, 30)
    stream = kadermodel.assess_many(KADER, rows, day)
    for row in rows:
        expected = _outcome(lambda r=row: kadermodel.parse_facts(r, KADER))
        if not isinstance(expected, tuple):
            assert _outcome(lambda: next(stream)) == expected
            return  # the stream ends with the error
        many, one = next(stream), kadermodel.assess(KADER, row, day)
        assert (many.truths, many.ranges) == (one.truths, one.ranges)
        assert same_decoding((dict(many.facts.values), many.facts.encoded), expected)
