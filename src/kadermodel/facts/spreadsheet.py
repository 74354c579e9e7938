"""A table of municipalities as an Excel workbook (``.xlsx``, extra ``spreadsheets``).

The first worksheet is read like a CSV table (:mod:`kadermodel.facts.table`): a header row with
``gemeente``, ``peildatum`` and the names of feiten, then one row per municipality. Cells are
turned into the texts a CSV cell would hold (a date as ``jjjj-mm-dd``, a whole number without
``.0``, TRUE/FALSE as ``ja``/``nee``), so both kinds of table mean the same. Formulas are not
evaluated: a cell counts with the value the spreadsheet program last saved for it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kadermodel import model as m
from kadermodel.errors import Diagnostic, FactsError, KaderError, os_error_reason
from kadermodel.facts.core import Facts
from kadermodel.facts.table import Row, read_rows

MAX_XLSX_BYTES = 50_000_000
"""The largest workbook read (bytes); a region's table of a few hundred rows is far smaller."""
MISSING_EXTRA = (
    "een Excel-tabel (.xlsx) lezen of schrijven vraagt het pakket openpyxl; installeer het "
    "met: pip install 'kadermodel[spreadsheets]'"
)


def _refused(path: str | Path, reason: str) -> list[Facts | KaderError]:
    message = f"kan tabel '{path}' niet lezen: {reason}"
    return [FactsError([Diagnostic("F300", message, None)])]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: str | Path, kader: m.Kader) -> list[Facts | KaderError]:
    """Every row of the workbook's first sheet as Facts (or the error of that row)."""
    try:
        import openpyxl
    except ImportError:
        return _refused(path, MISSING_EXTRA)
    try:
        size = Path(path).stat().st_size
    except OSError as error:
        return _refused(path, os_error_reason(error))
    if size > MAX_XLSX_BYTES:
        return _refused(path, f"het bestand is groter dan {MAX_XLSX_BYTES // 1_000_000} MB")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        return _refused(path, os_error_reason(error))
    except Exception:  # openpyxl raises many kinds of error on a broken file
        return _refused(path, "het is geen geldig Excel-bestand (.xlsx)")
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            return _refused(path, "de werkmap heeft geen werkblad")
        rows = [
            Row(number, [_cell_text(value) for value in row])
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except Exception:  # cells are read lazily, so a broken sheet fails only here
        return _refused(path, "het is geen geldig Excel-bestand (.xlsx)")
    finally:
        workbook.close()
    return read_rows(rows, kader, str(path), "rij")
