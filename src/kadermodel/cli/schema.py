"""``kadermodel schema feiten``: the JSON Schema (2020-12) of a kader's facts file."""

from __future__ import annotations

import argparse
from typing import IO, Any

from kadermodel.cli.app import EXIT_OK, kader_options, load_kader_reporting, subparser, write_json
from kadermodel.facts.schema import facts_schema

_EPILOG = """\
voorbeelden:
  kadermodel schema feiten > feiten.schema.json
  kadermodel schema feiten --uitbreiding regio.kader

Het schema (JSON Schema 2020-12) beschrijft een feitenbestand in JSON-vorm, zodat andere
programma's er een formulier van kunnen maken; titels en beschrijvingen komen uit de vragen.
"""


def register(subparsers: Any) -> None:
    parser, positionals, group = subparser(
        subparsers,
        "schema",
        "toon het JSON-schema van een feitenbestand",
        "Toon het JSON-schema (JSON Schema 2020-12) van het feitenbestand voor het kader, "
        "met de uitbreidingen.",
        _EPILOG,
    )
    positionals.add_argument(
        "soort", metavar="feiten", choices=("feiten",), help="welk schema: feiten"
    )
    kader_options(group)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    kader = load_kader_reporting(args.kader, args.uitbreiding)
    write_json(out, facts_schema(kader))
    return EXIT_OK
