"""The error catalogue: what each diagnostic code means, a wrong example and the fix.

The entries are data (``catalogue.yaml`` beside this module, Dutch texts for the user);
this module reads them into frozen :class:`Entry` values. ``kadermodel uitleg CODE`` prints
an entry (rendered by :mod:`kadermodel.report.catalogue`); ``tests/test_catalogue.py``
keeps the catalogue and the codes raised in the source in step and runs every example.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources
from pathlib import PurePosixPath

import attrs
import yaml

CODE = re.compile(r"^[A-Z][0-9]{3}$")
"""The form of a diagnostic code: a capital letter and three digits (K202, F101, E140)."""


@attrs.frozen
class Entry:
    """One code of the catalogue."""

    code: str
    title: str
    meaning: str
    files: Mapping[str, str]
    """The wrong example: file name -> text, written to an empty folder."""
    command: str
    """The command that shows the code on the example (``kadermodel ...``, ``pytest ...``
    or a Python call starting with ``>>> ``)."""
    fix: str
    not_runnable: str | None = None
    """Why the example cannot be run as is (it would need thousands of lines)."""


def _default_command(files: Mapping[str, str]) -> str:
    names = list(files)
    if not names:
        raise ValueError("an entry without files needs an 'opdracht'")
    name = names[-1]
    if name.endswith(".kadertest.yaml"):
        return f"pytest {name}"
    if PurePosixPath(name).suffix in (".yaml", ".yml", ".json"):
        return f"kadermodel assess {name}"
    return f"kadermodel check {name}"


def _text(value: object) -> str:
    return " ".join(str(value).split())


def _entry(code: str, data: Mapping[str, object]) -> Entry:
    files_data = data.get("bestanden") or {}
    assert isinstance(files_data, Mapping), code
    files = {str(name): str(text) for name, text in files_data.items()}
    command = data.get("opdracht")
    not_runnable = data.get("niet_uitvoerbaar")
    return Entry(
        code=code,
        title=_text(data["titel"]),
        meaning=_text(data["betekenis"]),
        files=files,
        command=str(command) if command else _default_command(files),
        fix=_text(data["herstel"]),
        not_runnable=_text(not_runnable) if not_runnable else None,
    )


_ENTRIES: dict[str, Entry] = {}


def entries() -> Mapping[str, Entry]:
    """Every entry of the catalogue by code, in the catalogue's order."""
    if not _ENTRIES:
        text = resources.files("kadermodel.language").joinpath("catalogue.yaml").read_text("utf-8")
        data = yaml.safe_load(text)
        for code, item in data.items():
            _ENTRIES[str(code)] = _entry(str(code), item)
    return _ENTRIES


def entry(code: str) -> Entry | None:
    """The entry of a code (case does not matter), or None when the catalogue lacks it."""
    return entries().get(code.strip().upper())
