"""Renamed facts keep working: a facts file that uses a former name (``voorheen``) is read
with a warning (F220) naming the new one, and assesses exactly like the file with the new
names; old and new name together are an error (F221)."""

from __future__ import annotations

from pathlib import Path

import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main

# Every test here runs with both YAML loaders (the yaml_loader fixture of tests/conftest.py).
pytestmark = pytest.mark.usefixtures("yaml_loader")

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "renamed"
OLD = GOLDEN / "oude_namen.yaml"
NEW = REPO / "examples" / "voorbeeldstad.yaml"
BUNDLED = k.bundled_kader()
RENAMED = {
    "aandachtsfunctionaris_taken_belegd": "aandachtsfunctionaris_vervult_taken",
    "mensenhandel_op_regionale_overlegtafels": "mensenhandel_in_bestaande_overleggen",
    "zorgcoordinatie_voorlichting_preventie": "werkt_aan_voorlichting_en_preventie",
}


def test_the_bundled_kader_knows_the_former_names() -> None:
    former = {old: f.name for f in BUNDLED.feiten.values() for old in f.voorheen}
    assert former == RENAMED


def test_an_old_facts_file_still_assesses_with_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["assess", str(OLD.relative_to(REPO))]) == 0
    old = capsys.readouterr()
    assert main(["assess", str(NEW.relative_to(REPO))]) == 0
    new = capsys.readouterr()
    assert new.err == ""
    assert old.out == new.out
    check_golden(GOLDEN / "oude_namen.txt", old.err + "----\n" + old.out)


def test_old_names_read_as_the_new_ones() -> None:
    old = k.load_facts(OLD, BUNDLED)
    new = k.load_facts(NEW, BUNDLED)
    assert old.values == new.values
    assert old.bronnen == new.bronnen
    assert [w.code for w in old.warnings] == ["F220"] * 6
    assert {w.severity for w in old.warnings} == {"waarschuwing"}
    assert not new.warnings
    first = old.warnings[0]
    assert first.span is not None and first.span.line == 30
    assert "aandachtsfunctionaris_vervult_taken" in first.message


def test_old_names_in_a_mapping() -> None:
    facts = k.parse_facts({"aandachtsfunctionaris_taken_belegd": True}, BUNDLED)
    assert facts.values["aandachtsfunctionaris_vervult_taken"] is True
    assert [w.code for w in facts.warnings] == ["F220"]
    nested = k.parse_facts(
        {"feiten": {"zorgcoordinatie_voorlichting_preventie": "ja"}, "gemeente": "X"}, BUNDLED
    )
    assert nested.values["werkt_aan_voorlichting_en_preventie"] is True
    assert [w.code for w in nested.warnings] == ["F220"]


def test_old_and_new_name_together_are_an_error() -> None:
    text = (
        "feiten:\n  aandachtsfunctionaris_taken_belegd: ja\n"
        "  aandachtsfunctionaris_vervult_taken: nee\n"
    )
    with pytest.raises(k.FactsError) as error:
        k.parse_facts(text, BUNDLED, name="dubbel.yaml")
    assert [d.code for d in error.value.diagnostics] == ["F221"]
    assert error.value.diagnostics[0].span is not None
    assert error.value.diagnostics[0].span.line == 2
    with pytest.raises(k.FactsError):
        k.parse_facts(
            {
                "aandachtsfunctionaris_taken_belegd": True,
                "aandachtsfunctionaris_vervult_taken": True,
            },
            BUNDLED,
        )


def test_a_former_name_cannot_be_a_name_in_use() -> None:
    base = 'kader t { titel "T" }\nfeit a: ja_nee\n    voorheen b\n'
    with pytest.raises(k.KaderCompileError) as error:
        k.parse_kader(base + "feit b: ja_nee\n")
    assert [d.code for d in error.value.diagnostics] == ["K210"]
    with pytest.raises(k.KaderCompileError) as error:
        k.parse_kader(base + "feit c: ja_nee\n    voorheen b\n")
    assert [d.code for d in error.value.diagnostics] == ["K210"]
    with pytest.raises(k.KaderCompileError) as error:
        k.parse_kader('kader t { titel "T" }\nfeit a: ja_nee\nfeit c: ja_nee\n    voorheen a\n')
    assert [d.code for d in error.value.diagnostics] == ["K210"]


def test_a_resumed_questionnaire_file_is_rewritten_with_the_new_names() -> None:
    from kadermodel.facts.template import facts_file_text

    facts = k.load_facts(OLD, BUNDLED)
    text = facts_file_text(BUNDLED, facts)  # what the questionnaire writes after an answer
    assert "aandachtsfunctionaris_taken_belegd" not in text
    assert "aandachtsfunctionaris_vervult_taken" in text
