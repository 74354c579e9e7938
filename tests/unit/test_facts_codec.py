"""The fact value codec and the facts writer: every reader has its writer, and they agree."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

import kadermodel
from kadermodel import model as m
from kadermodel.facts import codec
from kadermodel.facts.dump import dump_facts

# Keuze and verzameling values that a plain YAML scalar would read as something else.
WORDS = ("ja", "nee", "waar", "Onwaar", "true", "FALSE", "null", "Null", "x_1", "gewoon")
KADER = kadermodel.parse_kader(
    f"""
kader proef {{ titel "Proef" }}
feit a: ja_nee
feit n: aantal
feit k: keuze({", ".join(WORDS)})
feit s: verzameling({", ".join(WORDS)})
feit d: datum
thema t "T" {{ plateau 1 {{ bouwsteen b "." als a en n >= 1 }} }}
"""
)
TYPES = {name: feit.type for name, feit in KADER.feiten.items()}


def _values_of(type_: m.FactType) -> st.SearchStrategy[m.FactValue]:
    match type_.kind:
        case "ja_nee":
            return st.booleans()
        case "aantal":
            return st.integers(0, codec.AANTAL_MAX)
        case "datum":
            return st.dates(codec.DATE_MIN, codec.DATE_MAX)
        case "keuze":
            return st.sampled_from(type_.values)
        case _:
            return st.frozensets(st.sampled_from(type_.values))


FACT_SETS = st.fixed_dictionaries(
    {name: st.none() | _values_of(type_) for name, type_ in TYPES.items()}
)
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


def test_the_words_the_writer_quotes_are_the_words_the_reader_reads() -> None:
    assert codec.TRUE_WORDS | codec.FALSE_WORDS | codec.UNKNOWN_WORDS <= codec.PLAIN_UNSAFE


@given(
    st.sampled_from(sorted(TYPES)).flatmap(lambda n: st.tuples(st.just(n), _values_of(TYPES[n])))
)
def test_json_values_read_back(pair: tuple[str, m.FactValue]) -> None:
    name, value = pair
    assert codec.read_value(TYPES[name], codec.json_value(value)) == value
    encoded = json.loads(json.dumps(codec.json_value(value)))
    assert codec.read_value(TYPES[name], encoded) == value


@given(
    FACT_SETS,
    st.none() | TEXT,
    st.none() | st.dates(),
    st.dictionaries(st.sampled_from(sorted(TYPES)), TEXT, max_size=3),
)
def test_dump_facts_round_trips(
    values: dict[str, m.FactValue | None],
    gemeente: str | None,
    peildatum: dt.date | None,
    bronnen: dict[str, str],
) -> None:
    text = dump_facts(values, gemeente=gemeente, peildatum=peildatum, bronnen=bronnen)
    facts = kadermodel.parse_facts(text, KADER)
    assert dict(facts.values) == values
    assert facts.gemeente == gemeente
    assert facts.peildatum == peildatum
    assert dict(facts.bronnen) == bronnen


def test_dump_facts_writes_what_a_user_writes() -> None:
    text = dump_facts(
        {"a": True, "n": 3, "k": "ja", "s": frozenset({"x_1", "null"}), "d": dt.date(2026, 6, 30)},
        gemeente="Voorbeeldstad",
        peildatum=dt.date(2026, 6, 30),
        comment=["tegenvoorbeeld"],
    )
    assert text == (
        "# tegenvoorbeeld\n"
        'gemeente: "Voorbeeldstad"\n'
        "peildatum: 2026-06-30\n"
        "feiten:\n"
        "  a: ja\n"
        "  n: 3\n"
        '  k: "ja"\n'
        '  s: ["null", x_1]\n'
        "  d: 2026-06-30\n"
    )


def test_yaml_quoted_texts_read_back() -> None:
    for text in ["", "a: b", '"', "\\", "\t\n\r", "\x85\u2028\u2029", "\x00\x7f\x9f", "é😀"]:
        assert (
            kadermodel.parse_facts(
                f"gemeente: {codec.yaml_quoted(text)}\nfeiten: {{}}\n", KADER
            ).gemeente
            == text
        )
