"""Regional facts (``regio:``): inheritance, chains, cycles, missing files, provenance, receipts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.explanation.intake import Intake
from kadermodel.facts.template import facts_file_text
from kadermodel.language.bundled import bundled_kader
from kadermodel.report.assessment import assessment_json, assessment_schema, assessment_text
from kadermodel.report.explanation import explanation_json
from kadermodel.report.receipt import canonical_facts, sha256

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
GOLDEN = REPO / "tests" / "golden" / "regio"
KADER = bundled_kader()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def error_of(path: str) -> k.KaderError:
    with pytest.raises(k.KaderError) as caught:
        k.load_facts(path, KADER)
    return caught.value


def test_the_municipality_overrides_and_unknown_inherits(here: Path) -> None:
    write(
        here,
        "regio/noord.yaml",
        "gemeente: Noord\nfeiten:\n  regionale_ketenregisseur: ja\n  zorgcoordinatie_geregeld: ja\n"
        "  wegenkaart_ketenpartners: ja\n"
        'bronnen:\n  regionale_ketenregisseur: "Actieplan Noord"\n',
    )
    write(
        here,
        "dorp.yaml",
        "gemeente: Dorp\nregio: regio/noord.yaml\nfeiten:\n  regionale_ketenregisseur: nee\n"
        "  zorgcoordinatie_geregeld: onbekend\n  aandachtsfunctionaris_aangesteld: ja\n",
    )
    facts = k.load_facts("dorp.yaml", KADER)
    assert facts.gemeente == "Dorp"
    assert facts.values["regionale_ketenregisseur"] is False  # own value wins
    assert facts.values["zorgcoordinatie_geregeld"] is True  # onbekend: the region's
    assert facts.values["wegenkaart_ketenpartners"] is True  # left out: the region's
    assert facts.inherited == {
        "zorgcoordinatie_geregeld": "regio/noord.yaml",
        "wegenkaart_ketenpartners": "regio/noord.yaml",
    }
    assert "regionale_ketenregisseur" not in facts.bronnen  # the region's bron is not the own
    assert facts.regio == "regio/noord.yaml"
    assert facts.regions == ("regio/noord.yaml",)
    assert facts.own["zorgcoordinatie_geregeld"] is None
    assert k.assess(KADER, facts).truth("opvang.zorgcoordinatie") is not k.Truth.FALSE


def test_a_chain_names_the_file_each_value_came_from(here: Path) -> None:
    write(
        here,
        "land/zuid.yaml",
        "feiten:\n  netwerk_regionaal_landelijk: ja\n  wegenkaart_ketenpartners: nee\n",
    )
    write(
        here,
        "regio/noord.yaml",
        "regio: ../land/zuid.yaml\nfeiten:\n  wegenkaart_ketenpartners: ja\n",
    )
    write(here, "gemeente/dorp.yaml", "regio: ../regio/noord.yaml\nfeiten: {}\n")
    facts = k.load_facts("gemeente/dorp.yaml", KADER)
    assert facts.inherited == {
        "wegenkaart_ketenpartners": "regio/noord.yaml",  # the nearer region wins
        "netwerk_regionaal_landelijk": "land/zuid.yaml",
    }
    assert facts.regions == ("regio/noord.yaml", "land/zuid.yaml")
    assert facts.values["wegenkaart_ketenpartners"] is True


def test_a_cycle_is_an_error_at_the_regio_value(here: Path) -> None:
    write(here, "a.yaml", "gemeente: A\nregio: b.yaml\nfeiten: {}\n")
    write(here, "b.yaml", "gemeente: B\nregio: ./a.yaml\nfeiten: {}\n")
    error = error_of("a.yaml")
    assert error.code == "F211"
    check_golden(GOLDEN / "cycle.txt", str(error) + "\n")
    write(here, "zelf.yaml", "regio: zelf.yaml\nfeiten: {}\n")
    assert error_of("zelf.yaml").code == "F211"


def test_a_missing_regional_file_is_an_error_at_the_regio_value(here: Path) -> None:
    write(here, "dorp.yaml", "gemeente: Dorp\nregio: regio/noordrnd.yaml\nfeiten: {}\n")
    error = error_of("dorp.yaml")
    assert error.code == "F210"
    check_golden(GOLDEN / "missing.txt", str(error) + "\n")
    write(here, "leeg.yaml", "regio: ''\nfeiten: {}\n")
    assert error_of("leeg.yaml").code == "F210"


def test_an_error_in_the_regional_file_names_that_file(here: Path) -> None:
    write(here, "regio.yaml", "feiten:\n  regionale_ketenregisseur: misschien\n")
    write(here, "dorp.yaml", "regio: regio.yaml\nfeiten: {}\n")
    error = error_of("dorp.yaml")
    assert error.code == "F202"
    assert str(error).startswith("regio.yaml:2:29: fout F202")


def test_a_server_reads_no_other_file(here: Path) -> None:
    write(here, "regio.yaml", "feiten:\n  regionale_ketenregisseur: ja\n")
    for given in ("regio: regio.yaml\nfeiten: {}\n", {"regio": "regio.yaml", "feiten": {}}):
        with pytest.raises(k.KaderError) as caught:
            k.parse_facts(given, KADER, follow_regio=False)
        assert caught.value.code == "F212"
    mapping = k.parse_facts({"regio": "regio.yaml", "feiten": {}}, KADER)
    assert mapping.values["regionale_ketenregisseur"] is True


@pytest.fixture
def regiodorp(here: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(EXAMPLES / "regio", here / "regio")
    monkeypatch.chdir(here / "regio")
    return here / "regio"


def test_reports_say_which_facts_came_from_the_region(regiodorp: Path) -> None:
    facts = k.load_facts("regiodorp.yaml", KADER)
    result = k.assess(KADER, facts)
    data = assessment_json(result)
    regional = data["regional_facts"]
    assert regional["files"] == ["noordrand.yaml"]
    assert {f["fact"] for f in regional["facts"]} == set(facts.inherited)
    assert "wegenkaart_ketenpartners" not in facts.inherited  # Regiodorp's own answer
    import jsonschema

    jsonschema.validate(data, assessment_schema())
    explained = explanation_json(result, "opvang")
    notes = [n for b in explained["themas"][0]["bouwstenen"] for n in b["facts"]]
    regions = {n["name"]: n.get("region") for n in notes}
    assert regions["zorgcoordinatie_geregeld"] == "noordrand.yaml"
    assert regions["financiering_opvang_geregeld"] is None
    assert "Overgenomen van de regio" in assessment_text(result)


def test_the_receipt_covers_the_regional_facts(
    regiodorp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = k.load_facts("regiodorp.yaml", KADER)
    receipt = assessment_json(k.assess(KADER, facts))["receipt"]
    text = (regiodorp / "noordrand.yaml").read_text(encoding="utf-8")
    assert receipt["regional_files"] == [{"file": "noordrand.yaml", "sha256": sha256(text)}]
    assert receipt["facts_sha256"] == sha256(canonical_facts(facts))
    assert "zorgcoordinatie_geregeld" in json.loads(canonical_facts(facts))["facts"]

    assert main(["assess", "regiodorp.yaml", "--format", "json"]) == 0
    (regiodorp / "uitkomst.json").write_text(capsys.readouterr().out, encoding="utf-8")
    check = ["controleer-bewijs", "uitkomst.json", "regiodorp.yaml"]
    assert main(check) == 0
    capsys.readouterr()
    path = regiodorp / "noordrand.yaml"
    path.write_text(text.replace("casemanagement_geregeld: ja", "casemanagement_geregeld: nee"))
    assert main(check) == 1
    out = capsys.readouterr().out
    assert "- het regionale feitenbestand 'noordrand.yaml' is veranderd\n" in out
    assert "- de feiten zijn veranderd\n" in out


def test_the_intake_knows_inherited_facts_but_does_not_copy_them(regiodorp: Path) -> None:
    # without its afwijkingen Regiodorp still has a question open
    text = (regiodorp / "regiodorp.yaml").read_text(encoding="utf-8").split("afwijkingen:")[0]
    (regiodorp / "regiodorp.yaml").write_text(text, encoding="utf-8")
    facts = k.load_facts("regiodorp.yaml", KADER)
    intake = Intake.start(KADER, facts)
    assert intake.question is not None
    assert intake.question.fact not in facts.inherited  # known: never asked
    text = facts_file_text(KADER, intake.answer(True).facts)
    assert 'regio: "noordrand.yaml"\n' in text
    for name in facts.inherited:
        assert f"  {name}: onbekend\n" in text
        assert f"  {name}: ja\n" not in text
    assert "Noordrand" not in text.split("bronnen:")[-1]  # nor the region's bronnen
    again = k.parse_facts(text, KADER, name="regiodorp.yaml")
    assert again.inherited == facts.inherited
    assert dict(again.values) == dict(intake.answer(True).facts.values)


def test_the_regional_example_is_golden(
    regiodorp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt, name in (("text", "regiodorp.txt"), ("json", "regiodorp.json")):
        assert main(["assess", "regiodorp.yaml", "--format", fmt]) == 0
        out = capsys.readouterr().out
        # the bundled kader's hash changes with its text; the test above checks the receipt
        kader_hash = sha256(next(iter(KADER.sources.values())))
        check_golden(GOLDEN / name, out.replace(kader_hash, "<sha256 van het kader>"))
    assert main(["explain", "regiodorp.yaml", "--thema", "opvang"]) == 0
    check_golden(GOLDEN / "regiodorp_uitleg_opvang.txt", capsys.readouterr().out)
    assert main(["assess", "regiodorp.yaml", "--format", "html", "-o", "rapport.html"]) == 0
    html = (regiodorp / "rapport.html").read_text(encoding="utf-8")
    version = re.escape(k.__version__)
    check_golden(
        GOLDEN / "regiodorp.html", re.sub(f"kadermodel {version}", "kadermodel <versie>", html)
    )


@pytest.mark.parametrize("name", ["noordrand.yaml", "regiodorp.yaml"])
def test_the_regional_examples_fit_the_facts_schema(name: str) -> None:
    import jsonschema
    import yaml

    from kadermodel.facts.schema import facts_schema

    data = yaml.load((EXAMPLES / "regio" / name).read_text(encoding="utf-8"), yaml.BaseLoader)
    jsonschema.validate(data, facts_schema(KADER))
