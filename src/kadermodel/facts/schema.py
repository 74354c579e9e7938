"""Kader -> a JSON Schema (draft 2020-12) of its facts file, so other tools can build forms.

The schema describes a facts file in its JSON form (a YAML facts file read with the JSON
types: ``ja`` is a string, ``2`` a number, ``2026-06-30`` a string). Titles and descriptions
are Dutch, taken from each fact's ``vraag`` and ``toelichting``; the extra keywords
``x-kadermodel-thema`` (the thema a fact belongs to, see
:func:`kadermodel.facts.template.fact_groups`) and ``x-kadermodel-informatief`` help a form
group its questions.

Within JSON, schema and :func:`kadermodel.facts.core.parse_facts` accept the same documents
(a property test in ``tests/fuzz`` checks it), except where JSON Schema cannot say what
kadermodel checks:

- a date must exist (``2026-02-30`` is refused): the schema has ``"format": "date"``, which a
  validator checks only with format assertion switched on (``jsonschema``: pass
  ``format_checker``); the pattern alone allows ``2026-02-30``;
- around an ``aantal`` or ``datum`` written as a string, kadermodel allows spaces; the schema
  allows spaces around an aantal but none around a date (``format`` would refuse them); both
  read only the digits 0-9, and an aantal up to 999.999.999.999.999;
- a number written with a fraction (``3.0``) is refused by kadermodel, but is the integer 3 to
  JSON Schema;
- duplicate keys and the YAML of a file (indentation, quotes, an empty file) are outside the
  JSON data model; so are YAML 1.1 words like ``yes``, which YAML loaders read as ``true``
  while kadermodel, reading the text, says "bedoelde je 'ja'?";
- ``regio`` names a file: that it exists, is a facts file for the same kader and does not lead
  back to the file itself (a cycle) is checked only when kadermodel reads it.
"""

from __future__ import annotations

from typing import Any

from kadermodel import model as m
from kadermodel.facts.core import FALSE_WORDS, TOP_KEYS, TRUE_WORDS
from kadermodel.facts.template import answer_form, fact_groups

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_SPACE = r"\s*"


def _caseless(word: str) -> str:
    """A regex for ``word`` in any case; spaces inside become ``\\s+``."""
    parts = []
    for char in word:
        if char == " ":
            parts.append(r"\s+")
        elif char.isalpha():
            parts.append(f"[{char.lower()}{char.upper()}]")
        else:
            parts.append(char)
    return "".join(parts)


def _words(words: frozenset[str] | set[str]) -> str:
    return "^" + _SPACE + "(" + "|".join(_caseless(w) for w in sorted(words)) + ")" + _SPACE + "$"


UNKNOWN: dict[str, Any] = {
    "title": "onbekend",
    "description": "Nog niet bekend: null of 'onbekend'. 'weet niet' betekent: gevraagd, maar "
    "het antwoord is niet bekend. Beide tellen als onbekend.",
    "anyOf": [
        {"type": "null"},
        {"type": "string", "pattern": _words({"onbekend", "weet niet"})},
    ],
}

_SCALAR = {"type": ["string", "number", "boolean", "null"]}


def value_schema(type_: m.FactType) -> dict[str, Any]:
    """The schema of a known value of this type (in JSON)."""
    match type_.kind:
        case "ja_nee":
            return {
                "anyOf": [
                    {"type": "boolean"},
                    {"type": "string", "pattern": _words(TRUE_WORDS | FALSE_WORDS)},
                ]
            }
        case "aantal":
            return {
                "anyOf": [
                    {"type": "integer", "minimum": 0, "maximum": m.AANTAL_MAX},
                    {
                        "type": "string",
                        "pattern": "^" + _SPACE + f"0*[0-9]{{1,{_DIGITS}}}" + _SPACE + "$",
                    },
                ]
            }
        case "datum":
            return {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
        case "keuze":
            return {"type": "string", "enum": list(type_.values)}
        case _:
            return {"type": "array", "items": {"type": "string", "enum": list(type_.values)}}


_DIGITS = len(str(m.AANTAL_MAX))


def _alternatives(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return list(schema["anyOf"]) if set(schema) == {"anyOf"} else [schema]


def fact_schema(kader: m.Kader, name: str, thema: str | None) -> dict[str, Any]:
    """The schema of one fact under ``feiten``: a value of its type, or unknown."""
    feit = kader.feiten[name]
    description = "Antwoord: " + answer_form(feit.type) + ", of onbekend."
    if thema is None:
        description += " Informatief: telt niet mee voor een plateau."
    if feit.toelichting:
        description += " " + feit.toelichting
    found: dict[str, Any] = {
        "title": feit.vraag or name,
        "description": description,
        "anyOf": [*_alternatives(value_schema(feit.type)), {"$ref": "#/$defs/onbekend"}],
        "x-kadermodel-type": str(feit.type),
        "x-kadermodel-informatief": thema is None,
    }
    if thema is not None:
        found["x-kadermodel-thema"] = thema
    return found


def facts_schema(kader: m.Kader) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a facts file for ``kader`` (with its extensions)."""
    properties: dict[str, Any] = {}
    for thema, names in fact_groups(kader):
        for name in names:
            properties[name] = fact_schema(kader, name, thema)
    ordered = {name: properties[name] for name in kader.feiten}
    extensions = f" met de uitbreidingen {', '.join(kader.extensions)}" if kader.extensions else ""
    known_facts = {"type": "string", "enum": list(kader.feiten)}
    top: dict[str, Any] = {
        "gemeente": {"title": "Gemeente", "description": "De naam van de gemeente.", **_SCALAR},
        "peildatum": {
            "title": "Peildatum",
            "description": "De dag waarop de stand geldt, als jjjj-mm-dd.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        },
        "feiten": {
            "title": "Feiten",
            "description": "Per feit het antwoord van de gemeente.",
            "type": ["object", "null"],
            "properties": ordered,
            "additionalProperties": False,
        },
        "bronnen": {
            "title": "Bronnen",
            "description": "Per feit waar het antwoord vandaan komt (een document, een persoon).",
            "type": ["object", "null"],
            "propertyNames": known_facts,
            "additionalProperties": _SCALAR,
        },
        "vastgesteld": {
            "title": "Vastgesteld",
            "description": "Per feit de datum (jjjj-mm-dd) waarop het antwoord is vastgesteld; "
            "een antwoord van meer dan 24 maanden voor de peildatum heet verouderd.",
            "type": ["object", "null"],
            "propertyNames": known_facts,
            "additionalProperties": {
                "type": "string",
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            },
        },
        "kader": {
            "title": "Kader",
            "description": "Het kader (of een uitbreiding) waarvoor de feiten zijn; kadermodel "
            "controleert het.",
            "enum": [kader.id, *kader.extensions, None],
        },
        "toelichting": {
            "title": "Toelichting",
            "description": "Voor de lezer; kadermodel leest het niet.",
        },
        "afwijkingen": {
            "title": "Afwijkingen",
            "description": "Per bouwsteen (thema.bouwsteen) waarom de gemeente er op een andere "
            "manier aan voldoet (pas toe of leg uit): reden, goedgekeurd_door en geldig_tot "
            "(jjjj-mm-dd). Een geldige afwijking telt als voldaan; een verlopen afwijking telt "
            "niet mee.",
            "type": ["object", "null"],
            "propertyNames": {
                "type": "string",
                "enum": [q for q, b in kader.bouwstenen.items() if b.afwijking_toegestaan],
            },
            "additionalProperties": {
                "type": "object",
                "required": ["reden", "goedgekeurd_door", "geldig_tot"],
                "additionalProperties": False,
                "properties": {
                    "reden": {"title": "Reden", "type": "string", "pattern": r"\S"},
                    "goedgekeurd_door": {
                        "title": "Goedgekeurd door",
                        "type": "string",
                        "pattern": r"\S",
                    },
                    "geldig_tot": {
                        "title": "Geldig tot en met",
                        "type": "string",
                        "format": "date",
                        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                    },
                },
            },
        },
        "regio": {
            "title": "Regio",
            "description": "Het pad (vanaf de map van dit bestand) van een regionaal "
            "feitenbestand: de gemeente neemt de feiten van de regio over; wat de gemeente zelf "
            "invult, gaat voor.",
            "type": ["string", "null"],
            "pattern": r"\S",
        },
    }
    assert set(top) == set(TOP_KEYS), "the schema must know every top-level key"
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:kadermodel:feiten:{kader.id}",
        "title": f"Feitenbestand voor {kader.title}{extensions}",
        "description": f"De feiten van een gemeente voor het kader '{kader.id}'. Een feit dat "
        "ontbreekt, is onbekend.",
        "type": "object",
        "properties": {key: top[key] for key in TOP_KEYS},
        "required": ["feiten"],
        "additionalProperties": False,
        "$defs": {"onbekend": UNKNOWN},
    }
