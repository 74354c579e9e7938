"""``kadermodel uitleg [CODE]``: explain a diagnostic code from the error catalogue."""

from __future__ import annotations

import argparse
from typing import IO, Any

from kadermodel.cli.app import EXIT_OK, UsageError, subparser
from kadermodel.errors import suggest
from kadermodel.language.catalogue import entries, entry
from kadermodel.report.catalogue import entry_text, index_text

_EPILOG = """\
voorbeelden:
  kadermodel uitleg K202
  kadermodel uitleg e140
  kadermodel uitleg          (alle meldingen op een rij)
"""


def register(subparsers: Any) -> None:
    parser, positionals, _ = subparser(
        subparsers,
        "uitleg",
        "leg een foutcode uit (zoals K202)",
        "Leg uit wat een melding van kadermodel betekent, met een fout voorbeeld en hoe je "
        "het oplost. Zonder code: alle meldingen met een korte omschrijving.",
        _EPILOG,
    )
    positionals.add_argument(
        "code", metavar="CODE", nargs="?", help="de code uit de melding, bijvoorbeeld K202"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    if args.code is None:
        out.write(index_text(entries().values()))
        return EXIT_OK
    found = entry(args.code)
    if found is None:
        hint = suggest(args.code.strip().upper(), entries())
        raise UsageError(
            f"onbekende code '{args.code}'; 'kadermodel uitleg' zonder code toont alle codes"
            + (f"\n  bedoelde je '{hint}'?" if hint else "")
        )
    out.write(entry_text(found))
    return EXIT_OK
