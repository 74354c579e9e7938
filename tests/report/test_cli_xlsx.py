"""Excel tables (extra ``spreadsheets``): ``assess tabel.xlsx`` reads them like a CSV table and
``--format xlsx -o FILE`` writes the table of plateau ranges, the same bytes every time."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import kadermodel as k
from golden_files import check_golden
from kadermodel.cli.app import main

from .municipalities import write_municipalities

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden" / "tables"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _typed(cell: str) -> Any:
    """A CSV cell as a spreadsheet program would store it: booleans, numbers and dates typed."""
    if cell in ("ja", "nee"):
        return cell == "ja"
    if cell.isdigit():
        return int(cell)
    try:
        return dt.datetime.combine(dt.date.fromisoformat(cell), dt.time())
    except ValueError:
        return cell or None


def _csv_as_xlsx(source: Path, target: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"))))
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([_typed(cell) for cell in row])
    workbook.save(target)


def _ranges(text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text)))
    keep = [i for i, name in enumerate(rows[0]) if name != "bestand"]
    return [[row[i] for i in keep] for row in rows]


def test_an_xlsx_table_means_what_the_csv_table_means(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kader = k.bundled_kader()
    table, _ = write_municipalities(kader, tmp_path, 40)
    workbook = tmp_path / "regio.xlsx"
    _csv_as_xlsx(table, workbook)
    code, from_csv, err = run(capsys, "assess", str(table), "--format", "csv")
    assert (code, err) == (0, "")
    code, from_xlsx, err = run(capsys, "assess", str(workbook), "--format", "csv")
    assert (code, err) == (0, "")
    assert len(_ranges(from_xlsx)) == 41
    assert _ranges(from_xlsx) == _ranges(from_csv)


def test_format_xlsx_writes_the_table_and_the_same_bytes_twice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    examples = str(REPO / "examples")
    code, as_csv, _ = run(capsys, "assess", examples, "--format", "csv")
    assert code == 0
    first, second = tmp_path / "een.xlsx", tmp_path / "twee.xlsx"
    for target in (first, second):
        code, out, err = run(capsys, "assess", examples, "--format", "xlsx", "-o", str(target))
        assert (code, out, err) == (0, "", "")
    assert first.read_bytes() == second.read_bytes()
    written = openpyxl.load_workbook(first, read_only=True)
    sheet = written.worksheets[0]
    assert sheet.title == "Plateaus"
    got = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    written.close()
    expected = list(csv.reader(io.StringIO(as_csv)))
    assert [row[3:] for row in got] == [row[3:] for row in expected]  # the ranges
    assert [row[0] for row in got] == [row[0] for row in expected]  # the municipalities
    assert len(got) == 5 and got[0][:3] == ["gemeente", "bestand", "peildatum"]


def test_xlsx_needs_a_file_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "assess", str(REPO / "examples"), "--format", "xlsx")
    assert code == 2 and out == ""
    check_golden(GOLDEN / "xlsx_zonder_bestand.txt", err)


def test_a_broken_workbook_and_a_bad_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"PK\x03\x04 geen werkmap")
    code, _, err = run(capsys, "assess", str(broken))
    assert code == 2 and "Traceback" not in err
    check_golden(GOLDEN / "xlsx_kapot.txt", err.replace(str(tmp_path), "MAP"))

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["gemeente", "peildatum", "aandachtsfunctionaris_aangesteld"])
    sheet.append(["Goeddorp", dt.datetime(2026, 6, 30), True])
    sheet.append(["Foutdorp", "30 juni", False])
    rows = tmp_path / "rijen.xlsx"
    workbook.save(rows)
    code, out, err = run(capsys, "assess", str(rows), "--format", "csv")
    assert code == 2
    assert "Goeddorp" in out and "Foutdorp" not in out  # one bad row, the others assessed
    check_golden(GOLDEN / "xlsx_foute_rij.txt", err.replace(str(tmp_path), "MAP"))


def test_csv_errors_point_at_the_cell(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "regio.csv"
    table.write_text(
        "gemeente,peildatum,training_frequentie,aandachtsfunctionaris_aangesteld\n"
        "Goeddorp,2026-06-30,elk_jaar,ja\n"
        '"Dorp, Oost",30-6,vaak,misschien\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "assess", str(table), "--format", "csv")
    assert code == 2 and "Goeddorp" in out
    check_golden(GOLDEN / "csv_foute_cellen.txt", err.replace(str(tmp_path), "MAP"))
    table.write_text("gemeente,training_frequntie\nA,elk_jaar\n", encoding="utf-8")
    code, out, err = run(capsys, "assess", str(table))
    assert code == 2
    check_golden(GOLDEN / "csv_onbekende_kolom.txt", err.replace(str(tmp_path), "MAP"))
