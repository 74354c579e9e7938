"""Facts (kadermodel.facts): YAML/JSON text, files and mappings, validated against a kader."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import kadermodel
from kadermodel import Facts, FactsError

# Every test here runs with both YAML loaders (the yaml_loader fixture of tests/conftest.py).
pytestmark = pytest.mark.usefixtures("yaml_loader")

KADER = kadermodel.parse_kader(
    """
kader proef { titel "Proef" }
feit a: ja_nee
feit n: aantal
feit k: keuze(laag, midden, hoog)
feit s: verzameling(x, y, z)
feit d: datum
thema t "T" { plateau 1 { bouwsteen b "." als a en n >= 1 } }
"""
)
ALL_UNKNOWN = {"a": None, "n": None, "k": None, "s": None, "d": None}


def values(text_or_mapping: str | dict[str, object]) -> dict[str, object]:
    return dict(kadermodel.parse_facts(text_or_mapping, KADER).values)


def facts_error(text_or_mapping: str | dict[str, object]) -> FactsError:
    with pytest.raises(FactsError) as caught:
        kadermodel.parse_facts(text_or_mapping, KADER, name="feiten.yaml")
    assert caught.value.__cause__ is None
    return caught.value


def test_a_full_facts_document() -> None:
    facts = kadermodel.parse_facts(
        """
gemeente: Voorbeeldstad
peildatum: 2026-06-30
kader: proef
toelichting: "Zelfevaluatie."
feiten:
  a: ja
  n: 3
  k: midden
  s: [x, z]
  d: 2026-03-01
bronnen:
  a: "Organogram 2025"
""",
        KADER,
        name="voorbeeldstad.yaml",
    )
    assert facts.gemeente == "Voorbeeldstad"
    assert facts.peildatum == dt.date(2026, 6, 30)
    assert facts.kader_id == "proef"
    assert facts.source == "voorbeeldstad.yaml"
    assert dict(facts.values) == {
        "a": True,
        "n": 3,
        "k": "midden",
        "s": frozenset({"x", "z"}),
        "d": dt.date(2026, 3, 1),
    }
    assert dict(facts.bronnen) == {"a": "Organogram 2025"}
    assert facts.unknown == ()
    assert facts.known == dict(facts.values)


def test_every_declared_fact_is_present_and_absent_ones_are_unknown() -> None:
    assert values("feiten:\n  a: ja\n") == {**ALL_UNKNOWN, "a": True}
    assert values("feiten:\n") == ALL_UNKNOWN
    assert values({}) == ALL_UNKNOWN


@pytest.mark.parametrize("word", ["onbekend", "null", "~", "", "Onbekend", '"onbekend"'])
def test_unknown_words(word: str) -> None:
    assert values(f"feiten:\n  a: {word}\n  k: {word}\n  s: {word}\n") == ALL_UNKNOWN


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("ja", True),
        ("nee", False),
        ("waar", True),
        ("onwaar", False),
        ("true", True),
        ("false", False),
        ("Ja", True),
        ("NEE", False),
        ('"ja"', True),
    ],
)
def test_ja_nee_words(word: str, value: bool) -> None:
    assert values(f"feiten:\n  a: {word}\n")["a"] is value


def test_values_are_read_by_their_declared_type_not_by_yaml() -> None:
    # YAML 1.1 would make these booleans, numbers or dates; the declaration decides
    facts = values('feiten:\n  n: "7"\n  k: laag\n  d: "2024-02-29"\n  s: []\n')
    assert facts["n"] == 7
    assert facts["k"] == "laag"
    assert facts["d"] == dt.date(2024, 2, 29)
    assert facts["s"] == frozenset()


def test_json_text_is_accepted() -> None:
    text = json.dumps({"gemeente": "X", "feiten": {"a": True, "n": 2, "s": ["y"], "k": None}})
    assert values(text) == {**ALL_UNKNOWN, "a": True, "n": 2, "s": frozenset({"y"})}


def test_a_plain_mapping_of_facts() -> None:
    mapping = {"a": False, "n": 0, "k": "hoog", "s": {"x"}, "d": dt.date(2024, 1, 1)}
    assert values(mapping) == {**mapping, "s": frozenset({"x"})}
    assert values({"a": "ja", "n": "4", "d": "2024-01-01", "s": ("x", "y")}) == {
        **ALL_UNKNOWN,
        "a": True,
        "n": 4,
        "d": dt.date(2024, 1, 1),
        "s": frozenset({"x", "y"}),
    }
    assert values({"a": None, "k": "onbekend"}) == ALL_UNKNOWN


def test_a_mapping_shaped_like_a_facts_file() -> None:
    facts = kadermodel.parse_facts(
        {
            "gemeente": "X",
            "peildatum": "2025-01-31",
            "feiten": {"a": True},
            "bronnen": {"a": "Notitie"},
        },
        KADER,
    )
    assert facts.gemeente == "X"
    assert facts.peildatum == dt.date(2025, 1, 31)
    assert facts.values["a"] is True
    assert dict(facts.bronnen) == {"a": "Notitie"}


def test_load_facts_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "gemeente.yaml"
    path.write_text("gemeente: Proefdorp\nfeiten:\n  n: 5\n", encoding="utf-8")
    facts = kadermodel.load_facts(path, KADER)
    assert facts.gemeente == "Proefdorp"
    assert facts.values["n"] == 5
    assert facts.source == str(path)
    assert kadermodel.load_facts(str(path), KADER).values["n"] == 5


def test_load_facts_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "fout.yaml"
    path.write_text("feiten:\n  n: veel\n", encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        kadermodel.load_facts(path, KADER)
    assert caught.value.first.span is not None
    assert caught.value.first.span.file == str(path)
    assert str(caught.value).startswith(f"{path}:2:6: fout F202: ")
    with pytest.raises(FactsError) as missing:
        kadermodel.load_facts(tmp_path / "bestaat_niet.yaml", KADER)
    assert missing.value.code == "F100"
    binary = tmp_path / "binair.yaml"
    binary.write_bytes(b"\xff\xfe\x00feiten")
    with pytest.raises(FactsError):
        kadermodel.load_facts(binary, KADER)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("feiten:\n  nn: 3\n", "F201", 2),
        ("feiten:\n  n: -1\n", "F202", 2),
        ("feiten:\n  n: 2.5\n", "F202", 2),
        ("feiten:\n  n: [1]\n", "F202", 2),
        ("feiten:\n  a: misschien\n", "F202", 2),
        ("feiten:\n  k: groot\n", "F202", 2),
        ("feiten:\n  s: [x, w]\n", "F202", 2),
        ("feiten:\n  s: x\n", "F202", 2),
        ("feiten:\n  s: [[x]]\n", "F202", 2),
        ("feiten:\n  d: 2024-13-01\n", "F202", 2),
        ("feiten:\n  d: gisteren\n", "F202", 2),
        ("feiten:\n  k: {a: 1}\n", "F202", 2),
        ("peildatum: morgen\nfeiten:\n", "F206", 1),
        ("feitten:\n  a: ja\n", "F204", 1),
        ("gemeente: X\n", "F204", 1),
        ("feiten:\n  a: ja\n  a: nee\n", "F208", 3),
        ("feiten:\n  a: ja\nbronnen:\n  aa: x\n", "F201", 4),
        ("feiten: [a, b]\n", "F207", 1),
        ("bronnen: [a]\nfeiten:\n", "F207", 1),
        ("- a\n- b\n", "F207", 1),
        ("feiten:\n  a: ja\n b: nee\n", "F101", 3),
        ('feiten:\n  a: "ja\n', "F101", 3),
        ("feiten:\n\ta: ja\n", "F101", 2),
    ],
)
def test_problems_in_facts_text(text: str, code: str, line: int) -> None:
    error = facts_error(text)
    assert error.code == code, str(error)
    span = error.first.span
    assert span is not None and span.file == "feiten.yaml" and span.line == line
    assert error.sources == {"feiten.yaml": text}


def test_an_empty_document_is_an_error() -> None:
    assert facts_error("").code == "F207"
    assert facts_error("# alleen commentaar\n").code == "F207"


@pytest.mark.parametrize(
    "mapping",
    [
        {"nn": 1},
        {"n": 1.5},
        {"n": True},
        {"n": -3},
        {"a": 1},
        {"a": "misschien"},
        {"k": "groot"},
        {"k": ["laag"]},
        {"s": "x"},
        {"s": ["w"]},
        {"d": dt.datetime(2024, 1, 1, 12, 0)},
        {"d": "1-1-2024"},
        {"feiten": {}, "peildatum": 5},
        {"feiten": {}, "bronnen": ["a"]},
        {"feiten": {}, "bronnen": {"nn": "x"}},
        {"feiten": {}, "extra": 1},
        {"feiten": [1, 2]},
    ],
)
def test_problems_in_a_mapping(mapping: dict[str, object]) -> None:
    error = facts_error(mapping)
    assert error.diagnostics
    assert "fout F" in str(error)


def test_something_that_is_neither_text_nor_mapping() -> None:
    for wrong in ([("a", True)], 3, None):
        with pytest.raises(FactsError):
            kadermodel.parse_facts(wrong, KADER)  # type: ignore[arg-type]


def test_all_problems_are_collected() -> None:
    error = facts_error("feiten:\n  a: yes\n  n: veel\n  kk: laag\n")
    assert [(d.code, d.span.line) for d in error.diagnostics if d.span] == [
        ("F202", 2),
        ("F202", 3),
        ("F201", 4),
    ]
    assert [d.suggestion for d in error.diagnostics] == ["ja", None, "k"]


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        # a typo in a word is fixed
        ("elk_jar", "elk_jaar"),
        ("Elk jaar", "elk_jaar"),
        ("om-de-twee-jaar", "om_de_twee_jaar"),
        # but no frequency is turned into another one
        ("tweejaarlijks", None),
        ("jaarlijks", None),
        ("eens_per_jaar", None),
        ("twee_jaar", None),
        ("om_de_drie_jaar", None),
        ("om_de_tien_jaar", None),
    ],
)
def test_a_keuze_value_is_suggested_only_for_a_typo(typed: str, suggestion: str | None) -> None:
    kader = kadermodel.bundled_kader()
    with pytest.raises(FactsError) as caught:
        kadermodel.parse_facts(f"feiten:\n  training_frequentie: {typed}\n", kader)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.suggestion == suggestion
    assert diagnostic.hint is not None and "om_de_twee_jaar, elk_jaar" in diagnostic.hint


def test_encoded_values_follow_the_declared_types() -> None:
    facts = kadermodel.parse_facts(
        {"a": True, "n": 4, "k": "hoog", "s": ["x", "z"], "d": "2024-01-01"}, KADER
    )
    types = [feit.type for feit in KADER.feiten.values()]
    assert facts.encoded == tuple(
        t.encode(v) for t, v in zip(types, facts.values.values(), strict=True)
    )
    assert [t.decode(c) for t, c in zip(types, facts.encoded, strict=True)] == list(
        facts.values.values()
    )
    assert kadermodel.parse_facts({}, KADER).encoded == (None,) * 5


def test_with_values_returns_a_changed_copy() -> None:
    facts = kadermodel.parse_facts(
        "gemeente: X\npeildatum: 2025-01-01\nfeiten:\n  a: ja\n  n: 1\nbronnen:\n  a: Nota\n",
        KADER,
    )
    changed = facts.with_values(KADER, {"n": 5, "k": "laag", "a": None})
    assert dict(changed.values) == {**ALL_UNKNOWN, "n": 5, "k": "laag"}
    assert (changed.gemeente, changed.peildatum) == ("X", dt.date(2025, 1, 1))
    assert dict(changed.bronnen) == {"a": "Nota"}
    assert facts.values["a"] is True and facts.values["n"] == 1  # the original is unchanged
    with pytest.raises(FactsError):
        facts.with_values(KADER, {"n": "veel"})
    with pytest.raises(FactsError):
        facts.with_values(KADER, {"onbekend_feit": 1})


def test_facts_are_revalidated_for_another_kader() -> None:
    other = kadermodel.parse_kader(
        'kader ander { titel "Ander" }\nfeit n: aantal\nfeit a: ja_nee\n'
        'thema t "T" { plateau 1 { bouwsteen b "." als n >= 2 en a } }\n'
    )
    facts = kadermodel.parse_facts({"a": True, "n": 3}, KADER)
    result = kadermodel.assess(other, facts, dt.date(2024, 1, 1))
    assert result.themas["t"].plateau.low == 1
    assert isinstance(result.facts, Facts)
    assert result.facts.values == {"n": 3, "a": True}
    narrower = kadermodel.parse_kader(
        'kader smal { titel "Smal" }\nfeit a: ja_nee\n'
        'thema t "T" { plateau 1 { bouwsteen b "." als a } }\n'
    )
    with pytest.raises(FactsError):  # fact n is unknown to the narrower kader
        kadermodel.assess(narrower, facts, dt.date(2024, 1, 1))


def test_the_bundled_examples_load(repo_root: Path, bundled: kadermodel.Kader) -> None:
    examples = sorted((repo_root / "examples").glob("*.yaml"))
    assert examples
    for path in examples:
        facts = kadermodel.load_facts(path, bundled)
        assert facts.gemeente
        assert facts.peildatum is not None
        assert set(facts.values) == set(bundled.feiten)


def test_the_loader_under_test_is_the_one_used(
    yaml_loader: type[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kadermodel.facts import yamlsource

    used: list[type[Any]] = []

    def spy(text: str) -> Any:
        used.append(yaml_loader)
        return yaml_loader(text)

    monkeypatch.setattr(yamlsource, "LOADER", spy)
    kadermodel.parse_facts("gemeente: X\nfeiten: {}\n", kadermodel.bundled_kader())
    assert used == [yaml_loader]
