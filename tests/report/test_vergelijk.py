"""``kadermodel vergelijk OUD NIEUW``: every thema that moved, with the answers behind it."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main
from kadermodel.language.bundled import bundled_text

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "vergelijk"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@pytest.mark.usefixtures("in_repo")
def test_starterdorp_to_basisstad_shows_every_thema_that_moved_and_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old, new = "examples/starterdorp.yaml", "examples/basisstad.yaml"
    code, text, err = run(capsys, "vergelijk", old, new)
    assert (code, err) == (0, "")
    check_golden(GOLDEN / "starterdorp_basisstad.txt", text)
    kader = k.bundled_kader()
    before = k.assess(kader, k.load_facts(old, kader))
    after = k.assess(kader, k.load_facts(new, kader))
    moved = [t for t in kader.themas if before.themas[t].plateau != after.themas[t].plateau]
    assert moved, "the examples should differ"
    code, out, _ = run(capsys, "vergelijk", old, new, "--format", "json")
    data = json.loads(out)
    assert [t["id"] for t in data["themas"]] == moved
    for thema in data["themas"]:
        assert thema["bouwstenen"] and thema["facts"], thema["id"]
        assert f"{kader.themas[thema['id']].title}: plateau was" in text
        for fact in thema["facts"]:
            assert fact in text
    target = tmp_path / "vergelijking.html"
    code, out, _ = run(capsys, "vergelijk", old, new, "--format", "html", "-o", str(target))
    assert (code, out) == (0, "")
    page = target.read_text(encoding="utf-8")
    check_golden(GOLDEN / "starterdorp_basisstad.html", page)
    for thema in moved:
        assert f'data-thema="{thema}"' in page
    for fact in (f for t in data["themas"] for f in t["facts"]):
        assert html.escape(str(kader.feiten[fact].vraag)) in page


@pytest.mark.usefixtures("in_repo")
def test_vergelijk_names_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "vergelijk", "examples/starterdorp.yaml", "bestaat-niet.yaml")
    assert (code, out) == (2, "")
    assert "bestaat-niet.yaml" in err and "Traceback" not in err


@pytest.mark.usefixtures("in_repo")
def test_two_saved_results_compare_like_their_facts_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Results are re-run from their receipts: the same text, JSON and HTML as the files."""
    old, new = tmp_path / "starterdorp.json", tmp_path / "basisstad.json"
    for facts, target in (("examples/starterdorp.yaml", old), ("examples/basisstad.yaml", new)):
        code, _, _ = run(capsys, "assess", facts, "--format", "json", "-o", str(target))
        assert code == 0
    for fmt in ("text", "json"):
        code, from_files, _ = run(
            capsys,
            "vergelijk",
            "examples/starterdorp.yaml",
            "examples/basisstad.yaml",
            "--format",
            fmt,
        )
        code, from_results, err = run(capsys, "vergelijk", str(old), str(new), "--format", fmt)
        assert (code, err) == (0, "")
        assert from_results == from_files
    # A result and a facts file mix too.
    code, mixed, _ = run(capsys, "vergelijk", str(old), "examples/basisstad.yaml")
    assert code == 0 and "Beleidsmatige basis: plateau was 0, is nu 1" in mixed
    # A result whose facts inherit from a region re-runs to the same receipt.
    regio = tmp_path / "regiodorp.json"
    facts = "examples/regio/regiodorp.yaml"
    assert run(capsys, "assess", facts, "--format", "json", "-o", str(regio))[0] == 0
    code, same, err = run(capsys, "vergelijk", str(regio), facts)
    assert (code, err) == (0, "") and "Geen thema is van plateau veranderd." in same


@pytest.mark.usefixtures("in_repo")
def test_a_result_whose_kader_or_facts_changed_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kader = tmp_path / "eigen.kader"
    kader.write_text(bundled_text(k.BUNDLED_KADER), encoding="utf-8")
    saved = tmp_path / "uitkomst.json"
    code, _, _ = run(
        capsys,
        "assess",
        "examples/starterdorp.yaml",
        "--kader",
        str(kader),
        "--format",
        "json",
        "-o",
        str(saved),
    )
    assert code == 0
    kader.write_text(bundled_text(k.BUNDLED_KADER) + "\n# later gewijzigd\n", encoding="utf-8")
    code, out, err = run(capsys, "vergelijk", str(saved), "examples/basisstad.yaml")
    assert (code, out) == (2, "")
    check_golden(GOLDEN / "kader_gewijzigd.txt", err.replace(str(tmp_path), "MAP"))

    data = json.loads(saved.read_text(encoding="utf-8"))
    data["receipt"]["facts"]["facts"]["aandachtsfunctionaris_aangesteld"] = True
    saved.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(capsys, "vergelijk", str(saved), "examples/basisstad.yaml")
    assert (code, out) == (2, "")
    check_golden(GOLDEN / "feiten_gewijzigd.txt", err.replace(str(tmp_path), "MAP"))
