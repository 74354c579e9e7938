"""Saved JSON results (of ``assess`` and ``explain``) read back through their receipts.

A result names the kader and extensions it came from and holds its facts in canonical form
(:mod:`kadermodel.report.receipt`). ``controleer-bewijs`` re-runs one against a facts file;
``vergelijk`` turns two of them back into assessments. Both read them here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs

from kadermodel import model as m
from kadermodel.api import assess
from kadermodel.cli.app import UsageError, load_kader_reporting
from kadermodel.engine.evaluate import Assessment
from kadermodel.facts.afwijking import Afwijking
from kadermodel.facts.value import build_facts
from kadermodel.language.bundled import bundled_extension_ids, bundled_ids
from kadermodel.report.receipt import canonical_text, receipt_json, sha256


def read_result(path: Path) -> dict[str, Any]:
    """A saved result with a receipt, or a Dutch :class:`UsageError`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"kan '{path}' niet lezen: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise UsageError(f"'{path}' is geen UTF-8-tekst") from None
    except json.JSONDecodeError as error:
        raise UsageError(
            f"'{path}' is geen JSON (regel {error.lineno}, kolom {error.colno}); geef de "
            "uitvoer van 'kadermodel assess ... --format json'"
        ) from None
    receipt = data.get("receipt") if isinstance(data, dict) else None
    if not isinstance(receipt, dict) or not isinstance(receipt.get("kader"), dict):
        raise UsageError(
            f"'{path}' heeft geen bewijs ('receipt'); maak de uitkomst opnieuw met "
            "'kadermodel assess ... --format json'"
        )
    found: dict[str, Any] = data
    return found


def is_result(path: str) -> bool:
    """Whether ``path`` is a saved JSON result (not a facts file, which has no receipt)."""
    if not path.lower().endswith(".json"):
        return False
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False  # the facts reader gives the clear error
    return isinstance(data, dict) and "receipt" in data and "schema_version" in data


def kader_of_receipt(
    receipt: dict[str, Any], kader: str | None, extensions: list[str] | None
) -> m.Kader:
    """The kader a receipt names (a bundled id, or its file), unless others are given."""
    reference = kader
    if reference is None:
        kader_id = str(receipt["kader"].get("id", ""))
        kader_file = str(receipt["kader"].get("file", ""))
        bundled = kader_id in bundled_ids() and not Path(kader_file).is_file()
        reference = kader_id if bundled else kader_file
    if extensions is None:
        extensions = [_extension_reference(e) for e in receipt.get("extensions", [])]
    return load_kader_reporting(reference, extensions)


def _extension_reference(entry: dict[str, Any]) -> str:
    """An extension of a receipt as ``--uitbreiding`` takes it: a bundled reading by its id
    (unless a file of that name is there), else its file."""
    extension_id, file = str(entry.get("id", "")), str(entry.get("file", ""))
    if extension_id in bundled_extension_ids() and not Path(file).is_file():
        return extension_id
    return file


def reference_date(receipt: dict[str, Any], path: str | Path) -> dt.date:
    try:
        return dt.date.fromisoformat(str(receipt.get("reference_date")))
    except ValueError:
        raise UsageError(f"het bewijs in '{path}' heeft geen geldige peildatum") from None


def assessment_of_result(
    path: str, kader: str | None = None, extensions: list[str] | None = None
) -> Assessment:
    """The assessment a saved result describes, re-run from the facts in its receipt.

    Refused (with what differs) when the kader's text, an extension's text or the facts are
    no longer those the receipt names: then the result cannot be trusted to compare.
    """
    data = read_result(Path(path))
    receipt = data["receipt"]
    facts = receipt.get("facts")
    if not isinstance(facts, dict) or not isinstance(facts.get("facts"), dict):
        raise UsageError(
            f"het bewijs in '{path}' bevat de feiten niet (een uitkomst van een oudere "
            "versie); vergelijk de feitenbestanden zelf, of maak de uitkomst opnieuw"
        )
    if sha256(canonical_text(facts)) != receipt.get("facts_sha256"):
        raise UsageError(f"de feiten in het bewijs van '{path}' passen niet bij de hash ervan")
    loaded = kader_of_receipt(receipt, kader, extensions)
    day = reference_date(receipt, path)
    peildatum = facts.get("peildatum")
    try:
        rebuilt = build_facts(
            loaded,
            facts["facts"],
            gemeente=facts.get("gemeente"),
            peildatum=None if peildatum is None else dt.date.fromisoformat(str(peildatum)),
            bronnen=facts.get("sources") or {},
            source=path,
            dont_know=facts.get("dont_know") or (),
        )
    except ValueError:
        raise UsageError(f"het bewijs in '{path}' heeft een ongeldige peildatum") from None
    regional = [r for r in receipt.get("regional_files", []) if isinstance(r, dict)]
    if regional:
        # which facts came from the region, and from which files: part of the hashed form
        rebuilt = attrs.evolve(
            rebuilt,
            inherited={str(k): str(v) for k, v in (facts.get("inherited") or {}).items()},
            regions=tuple(str(r.get("file", "")) for r in regional),
            region_hashes=tuple(str(r.get("sha256", "")) for r in regional),
        )
    waivers = facts.get("afwijkingen")
    if isinstance(waivers, dict) and waivers:
        # the afwijkingen change the result: part of the hashed form too
        try:
            rebuilt = attrs.evolve(
                rebuilt,
                afwijkingen={
                    str(qid): Afwijking(
                        str(qid),
                        str(entry["reden"]),
                        str(entry["goedgekeurd_door"]),
                        dt.date.fromisoformat(str(entry["geldig_tot"])),
                    )
                    for qid, entry in waivers.items()
                },
            )
        except (KeyError, TypeError, ValueError):
            raise UsageError(f"het bewijs in '{path}' heeft een ongeldige afwijking") from None
    result = assess(loaded, rebuilt, day)
    from kadermodel.report.receipt import compare

    differences = compare(receipt, receipt_json(result))
    if differences:
        raise UsageError(
            f"'{path}' volgt niet meer uit de regels en feiten van zijn bewijs: "
            + "; ".join(differences)
            + "; controleer het met 'kadermodel controleer-bewijs'"
        )
    return result
