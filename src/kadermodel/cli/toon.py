"""``kadermodel toon``: the names of a kader (thema's, bouwstenen, facts, parameters)."""

from __future__ import annotations

import argparse
from typing import IO, Any

from kadermodel.cli.app import (
    EXIT_OK,
    format_option,
    kader_options,
    load_kader_reporting,
    subparser,
    write_json,
)
from kadermodel.report.overview import overview_json, overview_text

_EPILOG = """\
voorbeelden:
  kadermodel toon
  kadermodel toon --uitbreiding regio.kader
  kadermodel toon --kader eigen.kader --format json

Handig bij het schrijven van een uitbreiding: hier staan alle namen die je kunt gebruiken,
met typen, waarden en welke uitbreiding iets heeft toegevoegd of gewijzigd.
"""


def register(subparsers: Any) -> None:
    parser, _, group = subparser(
        subparsers,
        "toon",
        "toon de thema's, bouwstenen, feiten en parameters van een kader",
        "Toon de thema's met hun plateaus en bouwstenen, de feiten met hun type en de "
        "parameters met hun waarde, en waar ze vandaan komen.",
        _EPILOG,
    )
    kader_options(group)
    format_option(group)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    kader = load_kader_reporting(args.kader, args.uitbreiding)
    if args.format == "json":
        write_json(out, overview_json(kader))
    else:
        out.write(overview_text(kader))
    return EXIT_OK
