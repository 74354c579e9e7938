"""``kadermodel fmt``: in place, --check, stdin; idempotent and meaning-preserving.

Meaning-preserving is checked where it matters: every fact set hypothesis draws gets the
same assessment from the formatted text as from the original, on the bundled kader, the
examples and generated kaders. The bundled kader and the examples are kept formatted.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kadermodel as k
from kadermodel.cli.app import main
from kadermodel.cli.fmt import formatted
from kadermodel.testing.strategies import facts, kaders

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "src/kadermodel/kaders/vng_mensenhandel_2021.kader"
KEPT_FORMATTED = [BUNDLED, *sorted((REPO / "examples").glob("*.kader"))]

MESSY = (
    'kader k {titel "K"}\n# over a\nfeit a : ja_nee\n'
    'thema t "T" { plateau 1 {\n bouwsteen b "B." als a } }\n'
)
TIDY = (
    "kader k {\n"
    '    titel "K"\n'
    "}\n"
    "# over a\n"
    "feit a: ja_nee\n"
    'thema t "T" {\n'
    "    plateau 1 {\n"
    "        bouwsteen b\n"
    '            "B."\n'
    "            als a\n"
    "    }\n"
    "}\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", KEPT_FORMATTED, ids=lambda p: p.name)
def test_the_bundled_kader_and_the_examples_are_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert formatted(text, path.name) == text, f"run: kadermodel fmt {path.relative_to(REPO)}"


def test_fmt_rewrites_in_place_and_check_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    messy = tmp_path / "messy.kader"
    messy.write_text(MESSY, encoding="utf-8")
    tidy = tmp_path / "tidy.kader"
    tidy.write_text(TIDY, encoding="utf-8")
    assert run(capsys, "fmt", "--check", str(messy), str(tidy)) == (
        1,
        f"{messy}: zou veranderen\n",
        "",
    )
    assert messy.read_text(encoding="utf-8") == MESSY
    code, out, err = run(capsys, "fmt", str(messy), str(tidy))
    assert (code, out, err) == (0, "", f"opgemaakt: {messy}\n")
    assert messy.read_text(encoding="utf-8") == TIDY
    assert run(capsys, "fmt", "--check", str(messy), str(tidy)) == (0, "", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["messy.kader", "tidy.kader"]


def test_fmt_reads_stdin_and_writes_stdout(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(MESSY))
    assert run(capsys, "fmt", "-") == (0, TIDY, "")
    monkeypatch.setattr(sys, "stdin", io.StringIO(MESSY))
    assert run(capsys, "fmt", "--check", "-") == (1, "standaardinvoer: zou veranderen\n", "")


def test_fmt_of_a_broken_file_shows_the_error_and_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "kapot.kader"
    broken.write_text("kader k {\nfeit a ja_nee\n", encoding="utf-8")
    code, out, err = run(capsys, "fmt", str(broken))
    assert code == 2 and out == ""
    assert "kapot.kader:" in err and "fout K10" in err and "Traceback" not in err
    assert broken.read_text(encoding="utf-8") == "kader k {\nfeit a ja_nee\n"


def _same_assessments(original: str, data: st.DataObject) -> None:
    before = k.parse_kader(original, "voor.kader")
    after = k.parse_kader(formatted(original, "na.kader"), "na.kader")
    for _ in range(5):
        values = data.draw(facts(before))
        old, new = k.assess(before, values), k.assess(after, values)
        assert [old.truth(q) for q in before.bouwstenen] == [new.truth(q) for q in after.bouwstenen]
        assert {t: r.plateau for t, r in old.themas.items()} == {
            t: r.plateau for t, r in new.themas.items()
        }


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_formatting_the_bundled_kader_keeps_every_assessment(data: st.DataObject) -> None:
    _same_assessments(BUNDLED.read_text(encoding="utf-8"), data)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(kaders(), st.data())
def test_formatting_generated_kaders_keeps_every_assessment(text: str, data: st.DataObject) -> None:
    _same_assessments(text, data)


def test_formatting_the_examples_keeps_the_example_assessments() -> None:
    regio = REPO / "examples/regio_voorbeeld.kader"
    text = regio.read_text(encoding="utf-8")
    base = k.bundled_kader()
    from kadermodel.extend.apply import apply_text

    before = apply_text(base, text, "regio_voorbeeld.kader")
    after = apply_text(base, formatted(text, "regio_voorbeeld.kader"), "regio_voorbeeld.kader")
    for yaml in sorted((REPO / "examples").glob("*.yaml")):
        old = k.assess(before, k.load_facts(yaml, before))
        new = k.assess(after, k.load_facts(yaml, after))
        assert [old.truth(q) for q in before.bouwstenen] == [new.truth(q) for q in after.bouwstenen]
