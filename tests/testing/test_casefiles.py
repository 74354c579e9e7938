"""Case files: reading, running, and readable messages for mistakes and failures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.logic import Truth
from kadermodel.testing import CaseFileError, load_case_file, run_case

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "cases"
GOLDEN = REPO / "tests" / "golden" / "testing"


def golden(name: str, produced: str) -> None:
    check_golden(GOLDEN / name, produced)


def write(folder: Path, text: str, name: str = "geval.kadertest.yaml") -> Path:
    shutil.copy(REPO / "examples" / "voorbeeldstad.yaml", folder / "voorbeeldstad.yaml")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_project_case_files_load() -> None:
    files = sorted(CASES.glob("*.kadertest.yaml"))
    assert len(files) >= 3
    for path in files:
        case_file = load_case_file(path)
        assert case_file.cases or case_file.claims


def test_inline_facts_override_the_facts_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """peildatum: 2026-06-30
gevallen:
  - naam: met ketenregisseur
    feitenbestand: voorbeeldstad.yaml
    feiten:
      regionale_ketenregisseur: ja
      wegenkaart_ketenpartners: ja
    verwacht:
      plateaus:
        samenwerking: 2
      bouwstenen:
        samenwerking.ketenregisseur: waar
""",
    )
    case_file = load_case_file(path)
    assert case_file.kader is k.bundled_kader()  # the default kader
    (case,) = case_file.cases
    assert case.facts.values["regionale_ketenregisseur"] is True
    assert case.facts.values["training_frequentie"] == "elk_jaar"  # from the facts file
    assert case.plateaus == {"samenwerking": (2, 2)}
    assert case.bouwstenen == {"samenwerking.ketenregisseur": Truth.TRUE}
    assert run_case(case_file.kader, case).passed


def test_failure_shows_expected_got_and_why(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """kader: vng_mensenhandel_2021
gevallen:
  - naam: te optimistisch
    feitenbestand: voorbeeldstad.yaml
    feiten:
      training_frequentie: zonder_vast_schema
    verwacht:
      plateaus:
        signalering: 2
        samenwerking: 1
      bouwstenen:
        opvang.kwaliteit: waar
""",
    )
    case_file = load_case_file(path)
    result = run_case(case_file.kader, case_file.cases[0])
    assert not result.passed
    assert [(x.id, x.expected, x.got) for x in result.mismatches] == [
        ("signalering", "2", "0"),
        ("opvang.kwaliteit", "waar", "onbekend"),
    ]
    # training (plateau 1) is onwaar; tendensen and good_practices (plateau 2) are open.
    assert result.differing_bouwstenen() == (
        "signalering.training",
        "signalering.tendensen",
        "signalering.good_practices",
        "opvang.kwaliteit",
    )
    message = result.message()
    assert message.startswith("geval 'te optimistisch': de uitkomst wijkt af van wat verwacht is")
    assert "plateau signalering         verwacht 2     gekregen 0" in message
    assert "signalering.training: onwaar" in message
    assert "zonder_vast_schema" in message  # the value that makes the difference


MISTAKES = {
    "onbekend_thema": """gevallen:
  - naam: x
    feiten: {regionale_ketenregisseur: ja}
    verwacht:
      plateaus:
        samenwerkng: 2
""",
    "plateau_buiten_bereik": """gevallen:
  - naam: x
    verwacht:
      plateaus:
        beleid: 0..2
        opvang: veel
""",
    "onbekende_sleutel": """gevallen:
  - naam: x
    verwachting:
      plateaus: {beleid: 1}
""",
    "fout_feit": """gevallen:
  - naam: x
    feiten:
      regionale_ketenregisseur: misschien
      training_frequentie: elk_jar
    verwacht:
      plateaus: {beleid: 0}
""",
    "stelling_fout": """stellingen:
  zonder_regisseur: als niet regionale_ketenregiseur dan plateau(samenwerking) < 2
""",
    "geen_yaml": """gevallen:
  - naam: x
    verwacht: [
""",
    "bouwsteen_waarde": """gevallen:
  - naam: x
    verwacht:
      bouwstenen:
        signalering.meldroute: misschien
        signalering.meldroutes: waar
""",
}


def test_mistakes_in_case_files_are_reported_with_positions(tmp_path: Path) -> None:
    rendered = []
    for name, text in MISTAKES.items():
        path = write(tmp_path, text, f"{name}.kadertest.yaml")
        with pytest.raises(CaseFileError if name != "fout_feit" else k.KaderError) as caught:
            load_case_file(path)
        for diagnostic in caught.value.diagnostics:
            assert diagnostic.span is not None, (name, diagnostic)
        rendered.append(f"== {name}\n{caught.value}".replace(str(tmp_path) + os.sep, ""))
    golden("casefile_fouten.txt", "\n".join(rendered) + "\n")
