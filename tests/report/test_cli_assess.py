"""``kadermodel assess`` for people and for many municipalities: HTML, the letter, CSV/JSONL,
stdin, ``-o``, the ``--minimaal`` gate, a bare ``kadermodel``, and one bad file among many."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import kadermodel as k
from kadermodel.cli.app import main

from .municipalities import write_municipalities

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
VOORBEELDSTAD = str(EXAMPLES / "voorbeeldstad.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_bare_command_prints_help_and_succeeds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 0
    assert out.startswith("gebruik: kadermodel")
    assert "assess" in out and err == ""


def test_html_to_a_file_keeps_paths_as_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    target = tmp_path / "rapport.html"
    code, out, err = run(
        capsys, "assess", "examples/voorbeeldstad.yaml", "--format", "html", "-o", str(target)
    )
    assert (code, out, err) == (0, "", "")
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "examples/voorbeeldstad.yaml" in page
    assert str(REPO) not in page
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file of the atomic write is left"


def test_stdin_is_read_for_a_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = Path(VOORBEELDSTAD).read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    code, out, _ = run(capsys, "assess", "-", "--format", "json")
    assert code == 0
    assert json.loads(out)["municipality"] == "Voorbeeldstad"


def test_brief_is_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", VOORBEELDSTAD, "--format", "brief")
    assert code == 0
    assert out.startswith("# Aanpak van mensenhandel in Voorbeeldstad")


@pytest.mark.parametrize(
    ("gate", "code"),
    [("beleid=1", 0), ("signalering=1", 0), ("signalering=2", 1), ("opvang=1", 1)],
)
def test_minimaal_gate(capsys: pytest.CaptureFixture[str], gate: str, code: int) -> None:
    got, out, err = run(capsys, "assess", VOORBEELDSTAD, "--minimaal", gate)
    assert got == code
    assert out.startswith("Stand van zaken")
    if code:
        assert "gevraagd is minimaal plateau" in err


def test_minimaal_gate_names_an_unknown_thema(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "assess", VOORBEELDSTAD, "--minimaal", "signaal=2")
    assert code == 2
    assert "onbekend thema 'signaal'" in err
    code, _, err = run(capsys, "assess", VOORBEELDSTAD, "--minimaal", "signalering")
    assert code == 2 and "THEMA=PLATEAU" in err


def test_a_folder_gives_one_row_per_municipality_and_one_bad_file_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for path in EXAMPLES.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "kapot.yaml").write_text("gemeente: Kapot\nfeiten:\n  bestaat_niet: ja\n")
    code, out, err = run(capsys, "assess", str(tmp_path), "--format", "jsonl")
    assert code == 2
    assert "bestaat_niet" in err and "1 van 5 invoer(en) niet beoordeeld" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(r["municipality"] for r in rows) == [
        "Basisstad",
        "Koploperstad",
        "Starterdorp",
        "Voorbeeldstad",
    ]
    kader = k.bundled_kader()
    for row in rows:
        result = k.assess(kader, k.load_facts(row["source"], kader))
        for thema, got in row["themas"].items():
            plateau = result.themas[thema].plateau
            assert (got["low"], got["high"]) == (plateau.low, plateau.high)


@pytest.mark.slow
def test_342_municipalities_from_a_table_match_assessing_each_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kader = k.bundled_kader()
    path, folder = write_municipalities(kader, tmp_path, 342)

    code, from_table, err = run(capsys, "assess", str(path), "--format", "csv")
    assert (code, err) == (0, "")
    code, from_files, err = run(capsys, "assess", str(folder), "--format", "csv")
    assert (code, err) == (0, "")
    table_rows = list(csv.DictReader(io.StringIO(from_table)))
    file_rows = list(csv.DictReader(io.StringIO(from_files)))
    assert len(table_rows) == len(file_rows) == 342
    ranges = [c for c in table_rows[0] if c.endswith(("_laag", "_hoog"))]
    assert len(ranges) == 2 * len(kader.themas)
    for by_table, by_file in zip(table_rows, file_rows, strict=True):
        assert by_table["gemeente"] == by_file["gemeente"]
        assert [by_table[c] for c in ranges] == [by_file[c] for c in ranges]
    assert len({tuple(r[c] for c in ranges) for r in table_rows}) > 10, "too little variety"
