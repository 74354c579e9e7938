"""The bundled readings (lezingen) and what each changes: Dutch text and JSON.

:func:`readings_text` lists every reading (id, title, the Kader's words it reads
differently, whether it is bewust zwakker and why, how to choose it) and, given impact
previews (:mod:`kadermodel.extend.impact`), what it changes for each municipality, in the
words of :func:`kadermodel.report.impact.impact_text`. :func:`readings_json` is the same as
data (``schema_version`` 1, ``schemas/readings.schema.json``). ``kadermodel lezingen``
prints them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from kadermodel.extend.impact import Impact
from kadermodel.extend.readings import Reading
from kadermodel.report.impact import impact_json, impact_text
from kadermodel.report.textfmt import heading, wrap
from kadermodel.report.words import capitalised

SCHEMA_VERSION = 1
"""Version of the JSON form (``schema_version``); bump on incompatible changes."""


def readings_text(readings: Sequence[Reading], impacts: Mapping[str, Impact] | None = None) -> str:
    """The readings as Dutch text (ends with a newline); with ``impacts`` (per reading id)
    also what each changes for the municipalities."""
    lines = heading("Lezingen van het Kader", "=")
    lines += wrap(
        "Elke lezing leest een zin van het Kader anders dan het meegeleverde kader en is een "
        "uitbreiding die u kiest met --uitbreiding ID (bijvoorbeeld bij kadermodel assess)."
    )
    for reading in readings:
        lines += ["", *heading(f"{reading.id}: {reading.title}", "-")]
        lines += wrap(reading.description)
        lines += wrap(f"Woorden van het Kader: {reading.kader_words}", "", "  ")
        lines += wrap(f"Bron: {reading.reference}.", "", "  ")
        lines += [f"Toelichting: ambiguïteit {reading.ambiguity} in docs/vng-kader.md."]
        if reading.weaker:
            reasons = "; ".join(reading.weaker)
            lines += wrap(f"Bewust zwakker: ja. Reden: {capitalised(reasons)}.", "", "  ")
        else:
            lines += ["Bewust zwakker: nee (deze lezing voegt alleen toe of maakt strenger)."]
        lines += [f"Kiezen: --uitbreiding {reading.id}"]
        if impacts is not None:
            lines += ["", "Gevolgen voor de gemeenten:"]
            lines += [
                "  " + line if line else ""
                for line in impact_text(impacts[reading.id]).splitlines()
            ]
    return "\n".join(lines) + "\n"


def readings_json(
    readings: Sequence[Reading], impacts: Mapping[str, Impact] | None = None
) -> dict[str, Any]:
    """The readings as JSON-ready data; ``impact`` per reading is ``impact_json`` or null."""
    return {
        "schema_version": SCHEMA_VERSION,
        "readings": [
            {
                "id": r.id,
                "base": r.base,
                "title": r.title,
                "description": r.description,
                "kader_words": r.kader_words,
                "reference": r.reference,
                "ambiguity": r.ambiguity,
                "weaker": bool(r.weaker),
                "weaker_reasons": list(r.weaker),
                "impact": None if impacts is None else impact_json(impacts[r.id]),
            }
            for r in readings
        ],
    }


def readings_schema() -> dict[str, Any]:
    """The JSON Schema of :func:`readings_json` (``schemas/readings.schema.json``)."""
    text = resources.files("kadermodel").joinpath("schemas", "readings.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema
