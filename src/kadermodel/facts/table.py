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

import attrs

from kadermodel import model as m
from kadermodel.errors import Diagnostic, FactsError, KaderError, Span, os_error_reason, suggest
from kadermodel.facts import codec
from kadermodel.facts.validate import FactReader
from kadermodel.facts.value import Facts, make_facts

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
    lines = text.split("\n")
    delimiter, quote = dialect.delimiter, dialect.quotechar or '"'

    def numbered() -> Iterator[Row]:
        try:
            for cells in reader:
                line = reader.line_num
                raw = lines[line - 1].removesuffix("\r") if line <= len(lines) else ""
                starts = _cell_starts(raw, delimiter, quote)
                yield Row(line, cells, starts if len(starts) == len(cells) else None)
        except csv.Error:  # e.g. a NUL character; the rows before it are read
            return

    return read_rows(numbered(), kader, source, "regel", text)


@attrs.frozen
class Row:
    """One row of a table: its number in the file, its cells and where each cell starts."""

    number: int
    cells: Sequence[str]
    columns: Sequence[int] | None = None
    """1-based start column of each cell (None: not known, e.g. a cell over several lines)."""

    def span(self, source: str, index: int) -> Span:
        column = self.columns[index] if self.columns is not None else index + 1
        return Span.point(source, self.number, column)


def _cell_starts(line: str, delimiter: str, quote: str) -> list[int]:
    """The 1-based column where each cell of one CSV line starts (quotes understood)."""
    starts = [1]
    quoted = False
    for position, character in enumerate(line):
        if character == quote:
            quoted = not quoted  # a doubled quote toggles twice: still inside
        elif character == delimiter and not quoted:
            starts.append(position + 2)
    return starts


def read_rows(
    rows: Iterable[Row], kader: m.Kader, source: str, unit: str, text: str | None = None
) -> list[Facts | KaderError]:
    """Rows of cells (the first is the header), each with its number in the file.

    ``unit`` is how the file counts them in a message: ``regel`` (CSV) or ``rij`` (XLSX);
    ``text`` is the file's text when it has one (then messages show the line and a caret).
    """
    numbered = iter(rows)
    first = next(numbered, None)
    header = [cell.strip() for cell in first.cells] if first is not None else []
    reader = FactReader(kader, source, text)
    names: list[str | None] = []
    for index, column in enumerate(header):
        assert first is not None
        if column in META_COLUMNS:
            names.append(column)
            continue
        current = reader.current_name(column, first.span(source, index), header)
        if current in kader.feiten:
            names.append(current)
            continue
        names.append(None)
        reader.error(
            "F300",
            f"tabel '{source}': onbekende kolom '{codec.shorten(column)}'",
            first.span(source, index),
            hint="de kolommen zijn 'gemeente', 'peildatum' en de namen van de feiten",
            suggestion=suggest(column[:200], [*META_COLUMNS, *kader.feiten]),
        )
    if not header:
        reader.error(
            "F300",
            f"tabel '{source}' is leeg",
            None,
            hint="de eerste regel noemt de kolommen: 'gemeente', 'peildatum' en de namen "
            "van de feiten",
        )
    if reader.errors:
        return [reader.failure()]
    found: list[Facts | KaderError] = []
    for row in numbered:
        if not any(cell.strip() for cell in row.cells):
            continue
        try:
            found.append(_row_facts(kader, names, row, source, unit, text))
        except KaderError as error:
            found.append(error)
    return found


def _row_facts(
    kader: m.Kader,
    names: Sequence[str | None],
    row: Row,
    source: str,
    unit: str,
    text: str | None,
) -> Facts:
    reader = FactReader(kader, source, text)
    parsed: dict[str, m.FactValue | None] = {}
    gemeente: str | None = None
    peildatum: dt.date | None = None
    for index, (name, raw) in enumerate(zip(names, row.cells, strict=False)):
        cell = raw.strip()
        if name is None or cell == "" or cell.lower() == "onbekend":
            continue
        span = row.span(source, index)
        if name == "gemeente":
            gemeente = cell
            continue
        if name == "peildatum":
            day = codec.read_date(cell)
            if day is None:
                reader.error(
                    "F206",
                    f"peildatum {codec.shown(cell)} is geen datum",
                    span,
                    hint="schrijf jjjj-mm-dd, bijvoorbeeld 2026-06-30",
                )
            peildatum = day
            continue
        if codec.is_dont_know(cell):
            reader.dont_know.add(name)
            parsed[name] = None
            continue
        feit = kader.feiten[name]
        value: object = cell
        if feit.type.kind == "verzameling":
            value = [v.strip() for v in cell.split(";") if v.strip()]
        parsed[name] = reader.convert(name, feit.type, value, span)
    reader.raise_if_errors()
    return make_facts(
        kader,
        parsed,
        gemeente=gemeente,
        peildatum=peildatum,
        bronnen={},
        source=f"{source}, {unit} {row.number}",
        dont_know=reader.dont_know,
    )
