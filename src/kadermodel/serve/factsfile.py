"""Facts as the web questionnaire keeps them <-> the YAML facts file a person downloads.

Three answer states live in one facts document: a value; ``onbekend`` (or ``null``) for a
question answered with *weet niet*; and no key at all for a question not asked yet. The
facts reader treats the last two alike (unknown); :func:`explicit_unknowns` tells them apart
so that the questionnaire never asks a *weet niet* question twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from typing import Any

import yaml

import kadermodel as km
from kadermodel import model as m
from kadermodel.report.textfmt import wrap
from kadermodel.serve.catalog import fact_themas

_PLAIN_UNSAFE = frozenset({"~", "null", "onbekend", "ja", "nee", "true", "false", "waar", "onwaar"})


def explicit_unknowns(text: str, facts: km.Facts) -> frozenset[str]:
    """The facts a document names under ``feiten`` whose value is unknown (*weet niet*).

    ``text`` is a facts document (YAML or JSON) that the facts reader has already accepted
    as ``facts``; a fact it leaves out is not asked yet, one it sets to ``onbekend`` (or
    ``null``) was asked and answered with *weet niet*.
    """
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict):
            feiten = data.get("feiten")
            names = feiten if isinstance(feiten, dict) else {}
            return frozenset(n for n in names if n in facts.values and facts.values[n] is None)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):  # pragma: no cover - the reader accepted it
        return frozenset()
    if not isinstance(root, yaml.MappingNode):
        return frozenset()
    found: set[str] = set()
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "feiten"
            and isinstance(value, yaml.MappingNode)
        ):
            found.update(
                str(name.value) for name, _ in value.value if isinstance(name, yaml.ScalarNode)
            )
    return frozenset(n for n in found if n in facts.values and facts.values[n] is None)


def value_json(value: m.FactValue) -> Any:
    """A known fact value in the JSON the questionnaire sends back."""
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def facts_state(facts: km.Facts, dont_know: Collection[str]) -> dict[str, Any]:
    """An uploaded facts file as questionnaire state: ``POST /kaders/{id}/facts``."""
    return {
        "gemeente": facts.gemeente,
        "peildatum": None if facts.peildatum is None else facts.peildatum.isoformat(),
        "feiten": {name: value_json(value) for name, value in facts.known.items()},
        "dont_know": [name for name in facts.values if name in dont_know],
    }


def _scalar(value: m.FactValue) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return "[" + ", ".join(sorted(value)) + "]"
    if value.lower() in _PLAIN_UNSAFE or not value.replace("_", "").isalnum():
        return json.dumps(value, ensure_ascii=False)
    return value


def facts_file_text(kader: m.Kader, facts: km.Facts, dont_know: Collection[str]) -> str:
    """The facts file (YAML) of a questionnaire: answers per thema, each under its question.

    Facts answered with *weet niet* are written as ``onbekend``; facts not asked are left
    out, so the file can be uploaded again to resume where the person stopped.
    """
    lines = ["# Feitenbestand gemaakt met de vragenlijst van kadermodel."]
    lines.append(f"# Kader: {kader.title} ({kader.id})")
    if facts.gemeente is not None:
        lines.append(f"gemeente: {json.dumps(facts.gemeente, ensure_ascii=False)}")
    if facts.peildatum is not None:
        lines.append(f"peildatum: {facts.peildatum.isoformat()}")
    lines.append("feiten:")
    written: set[str] = set()
    themas_of = fact_themas(kader)
    groups: list[tuple[str, list[str]]] = [
        (thema.title, [n for n in kader.feiten if themas_of[n][:1] == [thema.id]])
        for thema in kader.themas.values()
    ]
    groups.append(("Overige feiten", [n for n in kader.feiten if not themas_of[n]]))
    for title, names in groups:
        chosen = [n for n in names if facts.values.get(n) is not None or n in dont_know]
        if not chosen:
            continue
        lines.append(f"  # --- {title}")
        for name in chosen:
            feit = kader.feiten[name]
            if feit.vraag:
                lines.extend(wrap(feit.vraag, "  # ", "  # "))
            value = facts.values.get(name)
            lines.append(f"  {name}: {'onbekend' if value is None else _scalar(value)}")
            written.add(name)
    if not written:
        lines[-1] = "feiten: {}"
    return "\n".join(lines) + "\n"
