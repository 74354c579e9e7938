"""A table of municipalities (CSV, or XLSX through :mod:`kadermodel.facts.spreadsheet`): one
row per municipality, one column per feit.

The columns ``gemeente`` and ``peildatum`` are the municipality and its peildatum; every other
column is named after a feit of the kader. An empty cell (or ``onbekend``) is unknown; a
``verzameling`` cell lists its values separated by ``;``. Each row becomes a :class:`Facts`, or
the :class:`~kadermodel.errors.FactsError` that names the file and the row, so that one bad
row does not stop the others.

>>> import kadermodel as k
>>> kader = k.parse_kader('''
... kader voorbeeld { titel "Voorbeeld" }
... feit a: ja_nee
... thema t "Thema" { plateau 1 { bouwsteen b "A." als a } }
... ''')
>>> rows = read_table_text("gemeente,a\\nEen,ja\\nTwee,\\n", kader, "tabel.csv")
>>> [(f.gemeente, f.values["a"]) for f in rows]
[('Een', True), ('Twee', None)]
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kadermodel import model as m
from kadermodel.errors import Diagnostic, FactsError, KaderError, os_error_reason, suggest
from kadermodel.facts.core import Facts, build_facts

META_COLUMNS = ("gemeente", "peildatum")


def _problem(source: str, message: str, hint: str | None = None) -> FactsError:
    return FactsError([Diagnostic("F300", message, None, hint=hint)])


def read_table(path: str | Path, kader: m.Kader) -> list[Facts | KaderError]:
    """Every row of a CSV file as Facts (or the error of that row)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = os_error_reason(error) if isinstance(error, OSError) else "geen UTF-8-tekst"
        return [_problem(str(path), f"kan tabel '{path}' niet lezen: {reason}")]
    return read_table_text(text, kader, str(path))


def read_table_text(text: str, kader: m.Kader, source: str) -> list[Facts | KaderError]:
    """Every row of CSV text as Facts (or the error of that row); ``source`` names the file."""
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    with contextlib.suppress(csv.Error):
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    reader = csv.reader(io.StringIO(text), dialect)

    def numbered() -> Iterator[tuple[int, list[str]]]:
        for row in reader:
            yield reader.line_num, row

    return read_rows(numbered(), kader, source, "regel")


def read_rows(
    rows: Iterable[tuple[int, Sequence[str]]], kader: m.Kader, source: str, unit: str
) -> list[Facts | KaderError]:
    """Rows of cells (the first is the header), each with its number in the file.

    ``unit`` is how the file counts them in a message: ``regel`` (CSV) or ``rij`` (XLSX).
    """
    numbered = iter(rows)
    header = [cell.strip() for cell in next(numbered, (0, []))[1]]
    unknown = [c for c in header if c not in META_COLUMNS and c not in kader.feiten]
    if not header or unknown:
        names = [*META_COLUMNS, *kader.feiten]
        first = unknown[0] if unknown else ""
        hint = suggest(first, names) if first else None
        return [
            _problem(
                source,
                f"tabel '{source}': onbekende kolom(men) {', '.join(unknown)}"
                if unknown
                else f"tabel '{source}' is leeg",
                f"bedoelde je '{hint}'? De kolommen zijn 'gemeente', 'peildatum' en de namen "
                "van de feiten."
                if hint
                else "de kolommen zijn 'gemeente', 'peildatum' en de namen van de feiten",
            )
        ]
    found: list[Facts | KaderError] = []
    for number, row in numbered:
        if not any(cell.strip() for cell in row):
            continue
        where = f"{source}, {unit} {number}"
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        try:
            found.append(_row_facts(kader, cells, where))
        except KaderError as error:
            found.append(error)
    return found


def _row_facts(kader: m.Kader, cells: dict[str, str], where: str) -> Facts:
    peildatum = None
    if cells.get("peildatum"):
        try:
            peildatum = dt.date.fromisoformat(cells["peildatum"])
        except ValueError:
            raise _problem(
                where,
                f"{where}: peildatum '{cells['peildatum']}' is geen datum",
                "schrijf JJJJ-MM-DD, bijvoorbeeld 2026-06-30",
            ) from None
    values: dict[str, object] = {}
    for name, cell in cells.items():
        if name in META_COLUMNS or cell == "" or cell.lower() == "onbekend":
            continue
        if kader.feiten[name].type.kind == "verzameling":
            values[name] = [v.strip() for v in cell.split(";") if v.strip()]
        else:
            values[name] = cell
    return build_facts(
        kader, values, gemeente=cells.get("gemeente") or None, peildatum=peildatum, source=where
    )
