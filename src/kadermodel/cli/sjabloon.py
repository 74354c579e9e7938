"""``kadermodel sjabloon``: a blank facts file for a kader, grouped per thema.

Every fact with its question and its allowed values as comments, informative facts marked,
every value ``onbekend``: loading it gives every thema ``minimaal 0, mogelijk <top>``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, Any

from kadermodel.cli.app import EXIT_OK, UsageError, kader_options, load_kader_reporting, subparser
from kadermodel.facts.atomic import write_text_atomically
from kadermodel.facts.template import facts_file_text

_EPILOG = """\
voorbeelden:
  kadermodel sjabloon > feiten.yaml
  kadermodel sjabloon -o feiten.yaml --uitbreiding regio.kader

Vul het bestand in met een teksteditor, of laat de vragen stellen met
  kadermodel vragenlijst feiten.yaml
"""


def register(subparsers: Any) -> None:
    parser, _, group = subparser(
        subparsers,
        "sjabloon",
        "maak een leeg feitenbestand om in te vullen",
        "Maak een leeg feitenbestand voor het kader: per thema elk feit met de vraag en de "
        "mogelijke antwoorden als commentaar, en overal 'onbekend'.",
        _EPILOG,
    )
    kader_options(group)
    group.add_argument(
        "-o",
        "--uitvoer",
        metavar="BESTAND",
        help="schrijf naar dit bestand (dat nog niet mag bestaan) in plaats van naar het scherm",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    kader = load_kader_reporting(args.kader, args.uitbreiding)
    text = facts_file_text(kader)
    if args.uitvoer is None:
        out.write(text)
        return EXIT_OK
    path = Path(args.uitvoer)
    if path.exists():
        raise UsageError(
            f"het bestand '{path}' bestaat al; kies een andere naam, of vul het bestaande "
            f"bestand aan met: kadermodel vragenlijst {path}"
        )
    write_text_atomically(path, text)
    return EXIT_OK
