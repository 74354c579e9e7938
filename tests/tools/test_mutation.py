"""``kadermodel mutatie``: mutants, which cases kill them, and equivalents proven exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tools_support import REPO, check_golden

import kadermodel as k
from kadermodel.cli import main
from kadermodel.testing.casefiles import load_case_file
from kadermodel.testing.mutation import failing_cases, mutants, run

KADER = """\
kader klein { titel "Klein" }

feit a: ja_nee
feit b: ja_nee
feit n: aantal

parameter drempel: aantal = 2

thema t "Thema" {
    plateau 1 {
        bouwsteen x "X." als a en (a of b)
    }
    plateau 2 {
        bouwsteen y "Y." vereist x als n >= drempel
    }
}
"""

FIRST = """\
  - naam: a en n op de drempel
    feiten: {a: ja, b: nee, n: 2}
    verwacht:
      plateaus: {t: 2}
      bouwstenen: {t.x: waar, t.y: waar}
"""

SECOND = """\
  - naam: b maar niet a
    feiten: {a: nee, b: ja, n: 2}
    verwacht:
      plateaus: {t: 0}
      bouwstenen: {t.x: onwaar, t.y: onwaar}
  - naam: n onder de drempel
    feiten: {a: ja, b: nee, n: 1}
    verwacht:
      plateaus: {t: 1}
      bouwstenen: {t.x: waar, t.y: onwaar}
"""


def _write(folder: Path, *cases: str) -> tuple[str, str]:
    (folder / "klein.kader").write_text(KADER, encoding="utf-8")
    path = folder / "klein.kadertest.yaml"
    path.write_text("kader: klein.kader\npeildatum: 2026-06-30\ngevallen:\n" + "".join(cases))
    return str(folder / "klein.kader"), str(path)


def test_every_kind_of_mutant_is_made() -> None:
    kader = k.parse_kader(KADER)
    found = {(mutant.target, mutant.description) for mutant in mutants(kader)}
    assert found == {
        ("t.x", "'en' wordt 'of'"),
        ("t.x", "'a' weggelaten uit een 'en'"),
        ("t.x", "'a of b' weggelaten uit een 'en'"),
        ("t.x", "'of' wordt 'en'"),
        ("t.y", "'n >= drempel' wordt 'n <= drempel'"),
        ("t.y", "'vereist t.x' weggelaten"),
        ("parameter drempel", "drempel = 2 wordt 1"),
        ("parameter drempel", "drempel = 2 wordt 3"),
    }


def test_survivors_and_equivalents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kader, cases = _write(tmp_path, FIRST)
    assert main(["mutatie", kader, cases]) == 1
    out = capsys.readouterr().out
    check_golden("mutatie_klein.txt", out)
    assert "8 mutanten: 2 gedood, 1 gelijkwaardig (bewezen), 5 overleefd." in out
    assert "Score: 2 van 7 (28%)" in out


def test_two_cases_kill_every_mutant_that_matters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kader, cases = _write(tmp_path, FIRST, SECOND)
    assert main(["mutatie", kader, cases]) == 0
    out = capsys.readouterr().out
    assert "8 mutanten: 7 gedood, 1 gelijkwaardig (bewezen), 0 overleefd." in out
    assert "Elke mutant die de uitkomst kan veranderen, valt op in een geval." in out
    # the one equivalent: a en (a of b) is a, also when a or b is unknown
    assert "'a of b' weggelaten uit een 'en'" in out


def test_case_file_of_another_kader(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, cases = _write(tmp_path, FIRST)
    assert main(["mutatie", "vng_mensenhandel_2021", cases]) == 2
    assert "hoort bij kader klein, niet bij vng_mensenhandel_2021" in capsys.readouterr().err


def test_cases_must_pass_on_the_kader_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kader, cases = _write(tmp_path, FIRST.replace("t.y: waar", "t.y: onwaar"))
    assert main(["mutatie", kader, cases]) == 2
    err = capsys.readouterr().err
    assert "kloppen al niet met het kader zelf" in err
    assert "klein.kadertest.yaml: a en n op de drempel" in err


@pytest.mark.slow
def test_bundled_case_files_kill_every_mutant(bundled: k.Kader) -> None:
    """The case files of the bundled kader notice every small wrong version of its rules."""
    cases = REPO / "tests" / "cases"
    files = [
        load_case_file(cases / name)
        for name in (
            "vng_grenzen.kadertest.yaml",
            "voorbeelden.kadertest.yaml",
            "vng_elke_voorwaarde.kadertest.yaml",
            "vng_lezingen.kadertest.yaml",
        )
    ]
    assert failing_cases(bundled, files) == []
    report = run(bundled, files)
    survivors = [f"{o.mutant.target}: {o.mutant.description}" for o in report.survivors]
    assert survivors == []
    assert report.score == (len(report.outcomes) - len(report.equivalents),) * 2
    assert len(report.outcomes) >= 80


@pytest.mark.slow
def test_command_line_works_without_the_testing_extra(tmp_path: Path) -> None:
    """Without hypothesis the CLI still starts; mutatie says what to install (exit 2)."""
    kader, cases = _write(tmp_path, FIRST, SECOND)
    script = (
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "from kadermodel.cli import main\n"
        "assert main(['uitleg', 'K202']) == 0\n"
        f"sys.exit(main(['mutatie', {kader!r}, {cases!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "pip install 'kadermodel[testing]'" in done.stderr
    assert "Traceback" not in done.stderr
