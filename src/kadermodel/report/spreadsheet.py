"""Tables as Excel workbooks (``.xlsx``, extra ``spreadsheets``): ``assess --format xlsx``."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def workbook_bytes(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """One worksheet with a bold, frozen header row, as the bytes of an ``.xlsx`` file.

    The same rows give the same bytes: the document's dates and every zip entry's time are
    fixed, so a table can be compared and kept under version control.
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(list(row))
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            10, min(len(str(name)) + 2, 40)
        )
    fixed = dt.datetime(2021, 2, 1)  # the Kader's date: no clock time in the file
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    workbook.properties.creator = "kadermodel"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _with_fixed_times(buffer.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _with_fixed_times(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving as "modified", whatever was set
                content = _MODIFIED.sub(rb"\g<1>2021-02-01T00:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return target_buffer.getvalue()
