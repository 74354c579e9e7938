"""Source and date per fact: answers older than the maximum age are *verouderd*."""

from __future__ import annotations

import datetime as dt
import json
from html import escape
from pathlib import Path

import jsonschema
import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.explanation.intake import Intake
from kadermodel.facts.stale import cutoff, stale_facts
from kadermodel.facts.template import facts_file_text

# Every test here runs with both YAML loaders (the yaml_loader fixture of tests/conftest.py).
pytestmark = pytest.mark.usefixtures("yaml_loader")

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "intake"
FILE = GOLDEN / "verouderd.yaml"
BUNDLED = k.bundled_kader()
PEILDATUM = dt.date(2026, 6, 30)


def test_stale_facts_are_those_before_the_cutoff() -> None:
    facts = k.load_facts(FILE, BUNDLED)
    assert cutoff(PEILDATUM) == dt.date(2024, 6, 30)
    assert [s.name for s in stale_facts(facts, PEILDATUM)] == [
        "aandachtsfunctionaris_aangesteld",
        "aandachtsfunctionaris_vervult_taken",
    ]
    assert stale_facts(facts, PEILDATUM)[0].source == "Organogram 2023"
    assert [s.name for s in stale_facts(facts, PEILDATUM, 48)] == []
    # stale facts still count
    result = k.assess(BUNDLED, facts)
    assert str(result.truth("signalering.aandachtsfunctionaris")) == "waar"


def test_reports_list_stale_facts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(FILE)]) == 0
    text = capsys.readouterr().out.replace(str(FILE), "verouderd.yaml")
    check_golden(GOLDEN / "verouderd.txt", text)
    assert "Verouderde antwoorden" in text
    assert main(["assess", str(FILE), "--format", "json", "--verouderd-na", "4"]) == 0
    data = json.loads(capsys.readouterr().out)
    schema = json.loads(
        (REPO / "src" / "kadermodel" / "schemas" / "assessment.schema.json").read_text("utf-8")
    )
    jsonschema.validate(data, schema)
    assert data["stale_facts"]["max_age_months"] == 4
    assert [f["fact"] for f in data["stale_facts"]["facts"]] == [
        "aandachtsfunctionaris_aangesteld",
        "aandachtsfunctionaris_vervult_taken",
        "training_nieuwe_medewerkers",
    ]


def test_the_html_report_and_the_letter_list_stale_facts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Every report lists them: in words (the question), with the date, not fact ids."""
    kader = k.bundled_kader()
    question = kader.feiten["aandachtsfunctionaris_aangesteld"].vraag
    assert question
    page = tmp_path / "rapport.html"
    assert main(["assess", str(FILE), "--format", "html", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    section = html[html.index('<section aria-labelledby="verouderd">') :]
    section = section[: section.index("</section>")]
    check_golden(GOLDEN / "verouderd_html_sectie.html", section + "\n")
    assert escape(question) in section and "aandachtsfunctionaris_aangesteld" not in section
    assert main(["assess", str(FILE), "--format", "brief"]) == 0
    letter = capsys.readouterr().out
    part = letter[letter.index("## Welke antwoorden zijn oud?") :]
    part = part[: part.index("\n## ", 3)]
    check_golden(GOLDEN / "verouderd_brief_sectie.md", part + "\n")
    assert question in part
    # --verouderd-na reaches both: with a long maximum age nothing is stale.
    assert main(["assess", str(FILE), "--format", "brief", "--verouderd-na", "600"]) == 0
    assert "Welke antwoorden zijn oud?" not in capsys.readouterr().out


def test_bad_dates_under_vastgesteld_are_errors() -> None:
    with pytest.raises(k.FactsError) as caught:
        k.parse_facts(
            "feiten: {}\nvastgesteld:\n  onbekend_feit: 2026-01-01\n"
            "  training_nieuwe_medewerkers: 15-01-2026\n",
            BUNDLED,
        )
    text = str(caught.value)
    assert "onbekend feit 'onbekend_feit' onder 'vastgesteld'" in text
    assert "geen geldige datum voor feit 'training_nieuwe_medewerkers' onder 'vastgesteld'" in text


def test_the_intake_asks_stale_answers_first_and_dates_new_answers() -> None:
    facts = k.load_facts(FILE, BUNDLED)
    today = dt.date(2026, 7, 1)
    intake = Intake.start(BUNDLED, facts, today=today)
    assert intake.recheck == (
        "aandachtsfunctionaris_aangesteld",
        "aandachtsfunctionaris_vervult_taken",
    )
    first = intake.question
    assert first is not None and first.fact == "aandachtsfunctionaris_aangesteld"
    assert first.previous is True and first.number == 1
    intake = intake.answer(True)  # confirmed: dated today
    second = intake.question
    assert second is not None and second.fact == "aandachtsfunctionaris_vervult_taken"
    intake = intake.skip()  # kept as it was, with its old date
    assert not intake.recheck
    after = intake.question
    assert after is not None and after.fact not in facts.known
    intake = intake.answer(after.options[0] if after.options else 1)
    written = k.parse_facts(facts_file_text(BUNDLED, intake.facts), BUNDLED)
    assert written.established == {
        "aandachtsfunctionaris_aangesteld": today,
        "aandachtsfunctionaris_vervult_taken": dt.date(2024, 6, 29),
        "training_nieuwe_medewerkers": dt.date(2026, 1, 15),
        after.fact: today,
    }
    assert written.bronnen == facts.bronnen


# ------------------------------------------------------------------ the kader sets the age


def _kader_with(header_line: str) -> k.Kader:
    from kadermodel.language.bundled import bundled_text

    text = bundled_text("vng_mensenhandel_2021")
    assert "    verouderd na 24 maanden\n" in text
    return k.parse_kader(text.replace("    verouderd na 24 maanden\n", header_line), "eigen.kader")


def test_the_kader_sets_the_maximum_age_and_the_command_line_overrides_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kadermodel.report.assessment import assessment_json

    assert BUNDLED.stale_after_months == 24
    kader = _kader_with("    verouderd na 4 jaar\n")
    assert kader.stale_after_months == 48
    result = k.assess(kader, k.load_facts(FILE, kader))
    assert assessment_json(result)["stale_facts"]["max_age_months"] == 48
    assert assessment_json(result)["stale_facts"]["facts"] == []
    assert len(assessment_json(result, max_age_months=24)["stale_facts"]["facts"]) == 2
    assert Intake.start(kader, k.load_facts(FILE, kader)).recheck == ()
    assert len(Intake.start(BUNDLED, k.load_facts(FILE, BUNDLED)).recheck) == 2
    path = tmp_path / "eigen.kader"
    path.write_text(
        _kader_with("    verouderd na 48 maanden\n").sources["eigen.kader"], encoding="utf-8"
    )
    assert main(["assess", str(FILE), "--kader", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["stale_facts"]["max_age_months"] == 48
    command = ["assess", str(FILE), "--kader", str(path), "--format", "json"]
    assert main([*command, "--verouderd-na", "12"]) == 0
    assert json.loads(capsys.readouterr().out)["stale_facts"]["max_age_months"] == 12


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("    verouderd na 3 weken\n", "K211"),
        ("    verouderd na 0 maanden\n", "K211"),
        ("    verouderd na 2 jaar\n    verouderd na 3 jaar\n", "K201"),
    ],
)
def test_a_wrong_maximum_age_in_the_kader(line: str, code: str) -> None:
    with pytest.raises(k.KaderCompileError) as error:
        _kader_with(line)
    assert [d.code for d in error.value.diagnostics] == [code]
