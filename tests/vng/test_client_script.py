"""examples/samenvatting.py: another tool importing kadermodel writes a CSV summary."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import kadermodel as k

from .conftest import EXAMPLES

SCRIPT = EXAMPLES / "samenvatting.py"


def _expected_rows() -> list[list[str]]:
    kader = k.bundled_kader()
    rows = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        result = k.assess(kader, k.load_facts(path, kader))
        row = [result.facts.gemeente or path.stem]
        for thema in result.themas.values():
            row += [str(thema.plateau.low), str(thema.plateau.high)]
        rows.append(row)
    return rows


def test_summary_csv_file(tmp_path: Path) -> None:
    out = tmp_path / "samenvatting.csv"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(out)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = ["gemeente"]
    for thema in k.bundled_kader().themas:
        header += [f"{thema}_laag", f"{thema}_hoog"]
    assert rows[0] == header
    assert rows[1:] == _expected_rows()
    gemeenten = [row[0] for row in rows[1:]]
    assert gemeenten == ["Basisstad", "Koploperstad", "Starterdorp", "Voorbeeldstad"]
    # Voorbeeldstad is the one with ranges: signalering 1..2
    assert rows[4][3:5] == ["1", "2"]


def test_summary_csv_to_stdout() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    rows = list(csv.reader(done.stdout.splitlines()))
    assert rows[1:] == _expected_rows()


def test_summary_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "a.csv", "b.csv"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and "gebruik:" in done.stderr
