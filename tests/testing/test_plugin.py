"""The pytest plugin, run as a user runs it: pytest in a project folder of its own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import kadermodel as k
from kadermodel.logic import Truth
from kadermodel.testing import claim_from_text, claim_truth

from .conftest import REPO, RunPytest

WRONG_CASE = """kader: vng_mensenhandel_2021
peildatum: 2026-06-30
gevallen:
  - naam: voorbeeldstad te optimistisch
    feitenbestand: voorbeeldstad.yaml
    verwacht:
      plateaus:
        signalering: 2
        beleid: 1
  - naam: voorbeeldstad zoals hij is
    feitenbestand: voorbeeldstad.yaml
    verwacht:
      plateaus:
        signalering: 1..2
stellingen:
  wegenkaart_voor_plateau_1:
    stelling: als plateau(samenwerking) >= 1 dan samenwerking.wegenkaart
    tekst: Wie plateau 1 voor samenwerking haalt, heeft ook een wegenkaart
  zonder_regisseur_geen_plateau_2: als niet regionale_ketenregisseur dan plateau(samenwerking) < 2
"""

FALSE_CLAIM = "als plateau(samenwerking) >= 1 dan samenwerking.wegenkaart"


def _project(folder: Path, case_file: str) -> Path:
    shutil.copy(REPO / "examples" / "voorbeeldstad.yaml", folder / "voorbeeldstad.yaml")
    (folder / "gemeente.kadertest.yaml").write_text(case_file, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_failures_are_readable_and_the_counterexample_violates(
    tmp_path: Path, run_pytest: RunPytest
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    _project(project, WRONG_CASE)
    out = tmp_path / "tegenvoorbeelden"
    done = run_pytest(project, "--kader-coverage", f"--kader-tegenvoorbeelden={out}")
    text = done.stdout
    assert done.returncode == 1, text + done.stderr
    assert "2 failed, 2 passed" in text
    # The wrong expectation: expected versus got, and why.
    assert "geval 'voorbeeldstad te optimistisch': de uitkomst wijkt af" in text
    assert "plateau signalering  verwacht 2  gekregen 1..2" in text
    assert "waarom (de bouwstenen die het verschil maken):" in text
    assert "signalering.tendensen: onbekend" in text
    # The false claim: its minimal counter-example, written as a facts file.
    assert "stelling 'wegenkaart_voor_plateau_1' over kader vng_mensenhandel_2021" in text
    assert "is ONWAAR (alle" in text
    assert "wegenkaart_ketenpartners: nee" in text
    written = out / "gemeente-wegenkaart_voor_plateau_1.yaml"
    assert f"tegenvoorbeeld geschreven naar: {written}" in text
    # No traceback of the engine or the plugin in the report.
    assert "Traceback" not in text and "kadermodel/testing" not in text
    # Assessed on its own, the counter-example really violates the claim.
    kader = k.bundled_kader()
    facts = k.load_facts(written, kader)
    assessment = k.assess(kader, facts)
    assert assessment.plateau("samenwerking").low >= 1
    assert assessment.truth("samenwerking.wegenkaart") is Truth.FALSE
    claim = claim_from_text(kader, FALSE_CLAIM)
    assert claim_truth(kader, claim, facts.values, facts.peildatum) is Truth.FALSE
    # Coverage: per bouwsteen and part, and the bouwstenen no case decided.
    assert "kadermodel: regeldekking van de testbestanden" in text
    assert "kader vng_mensenhandel_2021: 2 gevallen" in text
    assert "nooit geraakt (geen geval maakte ze waar of onwaar): signalering.tendensen" in text


@pytest.mark.slow
def test_kader_option_runs_the_laws(tmp_path: Path, run_pytest: RunPytest) -> None:
    regio = REPO / "examples" / "regio_voorbeeld.kader"
    done = run_pytest(
        tmp_path,
        "--kader=vng_mensenhandel_2021",
        f"--kader-uitbreiding={regio}",
        "--kader-voorbeelden=10",
        "-vv",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for law in ("bereik", "kennis", "cumulatief", "determinisme", "referentie", "verscherping"):
        assert f"wet {law} PASSED" in done.stdout
    assert "6 passed" in done.stdout
    # An uitbreiding file on its own: its base (regio_voorbeeld, found beside it) is what
    # the tightening law compares with.
    gemeente = REPO / "examples" / "gemeente_voorbeeld.kader"
    done = run_pytest(tmp_path, f"--kader={gemeente}", "--kader-voorbeelden=10", "-vv")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "wet verscherping PASSED" in done.stdout


def test_kader_option_with_a_bad_kader(tmp_path: Path, run_pytest: RunPytest) -> None:
    bad = tmp_path / "fout.kader"
    bad.write_text('kader fout { titel "Fout" }\nfeit a: ja_ne\n', encoding="utf-8")
    done = run_pytest(tmp_path, f"--kader={bad}")
    assert done.returncode != 0
    assert "fout.kader:2:9: fout" in done.stderr
    assert "bedoelde je 'ja_nee'?" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_plugin_in_a_fresh_project(
    tmp_path: Path, run_pytest: RunPytest, installed_wheel_venv: Path
) -> None:
    """A project that only pip-installed kadermodel[testing] (from the built wheel)."""
    project = tmp_path / "project"
    project.mkdir()
    _project(project, WRONG_CASE.replace("signalering: 2\n", "signalering: 1..2\n"))
    (project / "verkeerd.kadertest.yaml").write_text(
        """gevallen:
  - naam: niets bekend maar toch plateau 1
    feiten: {}
    verwacht:
      plateaus:
        opvang: 1
""",
        encoding="utf-8",
    )
    done = run_pytest(project, "-k", "not wegenkaart", python=installed_wheel_venv)
    text = done.stdout
    assert done.returncode == 1, text + done.stderr
    assert "1 failed, 3 passed, 1 deselected" in text
    assert "plateau opvang  verwacht 1  gekregen 0..1" in text
    assert str(REPO) not in text
    # The plugin and kadermodel came from the venv, not from this checkout.
    where = subprocess.run(
        [
            str(installed_wheel_venv),
            "-c",
            "import kadermodel.testing.plugin as p; print(p.__file__)",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "site-packages" in where and str(REPO) not in where


MUTATION_KADER = """\
kader klein { titel "Klein" }

feit a: ja_nee
feit n: aantal

thema t "Thema" {
    plateau 1 {
        bouwsteen x "X." als a en n >= 2
    }
}
"""

MUTATION_CASES = """\
kader: klein.kader
peildatum: 2026-06-30
gevallen:
  - naam: allebei
    feiten: {a: ja, n: 2}
    verwacht:
      bouwstenen: {t.x: waar}
"""

MUTATION_MORE_CASES = """\
  - naam: zonder a
    feiten: {a: nee, n: 2}
    verwacht:
      bouwstenen: {t.x: onwaar}
  - naam: onder de drempel
    feiten: {a: ja, n: 1}
    verwacht:
      bouwstenen: {t.x: onwaar}
"""


def test_mutation_option(tmp_path: Path, run_pytest: RunPytest) -> None:
    """--kader-mutatie: one test per kader of the case files; it fails on a survivor."""
    (tmp_path / "klein.kader").write_text(MUTATION_KADER, encoding="utf-8")
    cases = tmp_path / "klein.kadertest.yaml"
    cases.write_text(MUTATION_CASES, encoding="utf-8")
    done = run_pytest(tmp_path, "--kader-mutatie", "-rA")
    text = done.stdout
    assert done.returncode == 1, text + done.stderr
    assert "1 failed, 1 passed" in text
    assert "mutatietoets van kader klein" in text
    assert "'n >= 2' wordt" in text  # a survivor is named, per bouwsteen
    assert "Traceback" not in text
    # Without the option the same project has no mutation test.
    assert "1 passed" in run_pytest(tmp_path).stdout
    # Cases that notice every mutant: the mutation test passes and the summary has the score.
    cases.write_text(MUTATION_CASES + MUTATION_MORE_CASES, encoding="utf-8")
    done = run_pytest(tmp_path, "--kader-mutatie")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout
    assert "kadermodel: mutatietoets" in done.stdout
    assert "kader klein: 6 van 6 niet-gelijkwaardige mutanten gedood" in done.stdout
