"""The receipt on every JSON result, and `kadermodel controleer-bewijs`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.language.bundled import bundled_kader
from kadermodel.report.assessment import assessment_json
from kadermodel.report.receipt import canonical_facts, canonical_text, sha256

# Every test here runs with both YAML loaders (the yaml_loader fixture of tests/conftest.py).
pytestmark = pytest.mark.usefixtures("yaml_loader")

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden" / "intake"
KADER_FILE = REPO / "src" / "kadermodel" / "kaders" / "vng_mensenhandel_2021.kader"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("voorbeeldstad.yaml", "regio_voorbeeld.kader"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    shutil.copy(KADER_FILE, tmp_path / "kader.kader")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_receipt_names_the_rules_and_the_facts(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "assess", "voorbeeldstad.yaml", "--uitbreiding", "regio_voorbeeld.kader",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    receipt = json.loads(out)["receipt"]
    kader = k.load_kader("vng_mensenhandel_2021", extensions=["regio_voorbeeld.kader"])
    facts = k.load_facts("voorbeeldstad.yaml", kader)
    assert receipt == {
        "kadermodel_version": receipt["kadermodel_version"],
        "kader": {
            "id": "vng_mensenhandel_2021",
            "version": "2021-02",
            "file": "vng_mensenhandel_2021.kader",
            "sha256": sha256(KADER_FILE.read_text(encoding="utf-8")),
        },
        "extensions": [
            {
                "id": "regio_voorbeeld",
                "file": "regio_voorbeeld.kader",
                "sha256": sha256((workdir / "regio_voorbeeld.kader").read_text(encoding="utf-8")),
            }
        ],
        "facts_sha256": sha256(canonical_facts(facts)),
        "facts": json.loads(canonical_facts(facts)),
        "reference_date": "2026-06-30",
    }
    # The facts travel with the result, in the form that was hashed.
    assert sha256(canonical_text(receipt["facts"])) == receipt["facts_sha256"]


def test_no_clock_time_unless_asked(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "assess", "voorbeeldstad.yaml", "--format", "json")[1]
    second = run(capsys, "assess", "voorbeeldstad.yaml", "--format", "json")[1]
    assert first == second
    assert "timestamp" not in json.loads(first)["receipt"]
    for command in ("assess", "explain"):
        out = run(capsys, command, "voorbeeldstad.yaml", "--format", "json", "--tijdstip")[1]
        stamped = json.loads(out)
        assert stamped["receipt"]["timestamp"].endswith("+00:00")
        schema = "assessment" if command == "assess" else "explanation"
        path = REPO / "src" / "kadermodel" / "schemas" / f"{schema}.schema.json"
        jsonschema.validate(stamped, json.loads(path.read_text(encoding="utf-8")))


def test_canonical_facts_ignore_order_comments_and_written_out_unknowns() -> None:
    kader = bundled_kader()
    one = k.parse_facts(
        "gemeente: X\npeildatum: 2026-06-30\nfeiten:\n  training_nieuwe_medewerkers: ja\n"
        "  aandachtsfunctionaris_aangesteld: nee\n  training_frequentie: onbekend\n",
        kader,
    )
    two = k.parse_facts(
        "# commentaar\ngemeente: X\npeildatum: 2026-06-30\nfeiten:\n"
        "  aandachtsfunctionaris_aangesteld: onwaar\n  training_nieuwe_medewerkers: waar\n",
        kader,
    )
    three = k.parse_facts(
        "gemeente: X\npeildatum: 2026-06-30\nfeiten:\n  aandachtsfunctionaris_aangesteld: ja\n"
        "  training_nieuwe_medewerkers: ja\n",
        kader,
    )
    assert canonical_facts(one) == canonical_facts(two) != canonical_facts(three)
    dont_know = k.parse_facts({"feiten": {"training_frequentie": "weet niet"}}, kader)
    assert canonical_facts(dont_know) != canonical_facts(k.parse_facts({"feiten": {}}, kader))


def test_the_receipt_is_in_the_library_json() -> None:
    kader = bundled_kader()
    result = k.assess(kader, k.load_facts(EXAMPLES / "voorbeeldstad.yaml", kader))
    assert assessment_json(result)["receipt"]["reference_date"] == "2026-06-30"


def test_unchanged_result_follows(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command, extra in (("assess", ["--uitleg"]), ("explain", ["--thema", "opvang"])):
        out = run(capsys, command, "voorbeeldstad.yaml", "--format", "json", *extra)[1]
        (workdir / "uitkomst.json").write_text(out, encoding="utf-8")
        code, text, _ = run(capsys, "controleer-bewijs", "uitkomst.json", "voorbeeldstad.yaml")
        assert code == 0, text
        assert text.startswith("Het bewijs klopt: ")


def test_a_result_with_a_bundled_reading_follows(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ("voorbeeldstad.yaml", "--uitbreiding", "lezing_meerdere_keren_twee")
    out = run(capsys, "assess", *argv, "--format", "json")[1]
    receipt = json.loads(out)["receipt"]
    assert [e["id"] for e in receipt["extensions"]] == ["lezing_meerdere_keren_twee"]
    (workdir / "uitkomst.json").write_text(out, encoding="utf-8")
    code, text, _ = run(capsys, "controleer-bewijs", "uitkomst.json", "voorbeeldstad.yaml")
    assert code == 0, text
    assert text.startswith("Het bewijs klopt: ")


def test_changed_kader_extension_and_fact_are_found(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "voorbeeldstad.yaml",
        "--kader",
        "kader.kader",
        "--uitbreiding",
        "regio_voorbeeld.kader",
    ]
    out = run(capsys, "assess", *argv, "--format", "json")[1]
    (workdir / "uitkomst.json").write_text(out, encoding="utf-8")
    check = ("controleer-bewijs", "uitkomst.json", "voorbeeldstad.yaml")
    assert run(capsys, *check)[0] == 0

    def edit(name: str, old: str, new: str) -> None:
        path = workdir / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("kader.kader", "# VNG-Kader", "# Het VNG-Kader")
    code, text, _ = run(capsys, *check)
    assert code == 1
    assert "- de tekst van het kader 'vng_mensenhandel_2021' is veranderd\n" in text
    assert "de uitkomst zelf is anders" not in text

    edit(
        "regio_voorbeeld.kader",
        "uitbreiding regio_voorbeeld op",
        "# gewijzigd\nuitbreiding regio_voorbeeld op",
    )
    edit(
        "voorbeeldstad.yaml",
        "aandachtsfunctionaris_aangesteld: ja",
        "aandachtsfunctionaris_aangesteld: nee",
    )
    code, text, _ = run(capsys, *check)
    assert code == 1
    # the hashes depend on the bundled kader's text; the golden file shows the rest
    check_golden(
        GOLDEN / "controleer_bewijs_veranderd.txt", re.sub("[0-9a-f]{64}", "<sha256>", text)
    )
    assert "- de tekst van de uitbreiding 'regio_voorbeeld' is veranderd\n" in text
    assert "- de feiten zijn veranderd\n" in text
    assert "- de uitkomst zelf is anders\n" in text


def test_a_result_without_receipt_is_a_usage_error(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "oud.json").write_text('{"themas": []}', encoding="utf-8")
    code, _, err = run(capsys, "controleer-bewijs", "oud.json", "voorbeeldstad.yaml")
    assert code == 2 and "geen bewijs ('receipt')" in err
    (workdir / "kapot.json").write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "controleer-bewijs", "kapot.json", "voorbeeldstad.yaml")
    assert code == 2 and "is geen JSON (regel 1" in err
