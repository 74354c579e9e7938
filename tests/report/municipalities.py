"""Generated municipalities: the same random facts as one JSON file each and as one CSV table."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
from pathlib import Path
from typing import Any

import kadermodel as k


def _random_value(rng: random.Random, feit: k.Feit) -> Any:
    kind = feit.type.kind
    if rng.random() < 0.2:
        return None
    if kind == "ja_nee":
        return rng.random() < 0.7
    if kind == "aantal":
        return rng.randint(0, 6)
    if kind == "keuze":
        return rng.choice(feit.type.values)
    if kind == "datum":
        return (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900))).isoformat()
    return sorted(v for v in feit.type.values if rng.random() < 0.6)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def write_municipalities(kader: k.Kader, folder: Path, count: int) -> tuple[Path, Path]:
    """``count`` municipalities with seeded random facts (a fifth of them unknown): a CSV
    table ``regio.csv`` and a folder ``gemeenten/`` with one JSON facts file each."""
    rng = random.Random(count)
    names = list(kader.feiten)
    files = folder / "gemeenten"
    files.mkdir()
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(["gemeente", "peildatum", *names])
    for number in range(1, count + 1):
        values = {name: _random_value(rng, kader.feiten[name]) for name in names}
        gemeente = f"Gemeente {number:03d}"
        document = {
            "gemeente": gemeente,
            "peildatum": "2026-06-30",
            "feiten": {n: v for n, v in values.items() if v is not None},
        }
        (files / f"g{number:03d}.json").write_text(json.dumps(document), encoding="utf-8")
        writer.writerow([gemeente, "2026-06-30", *(_cell(values[n]) for n in names)])
    path = folder / "regio.csv"
    path.write_text(table.getvalue(), encoding="utf-8")
    return path, files
