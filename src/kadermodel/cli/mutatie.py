"""``kadermodel mutatie KADER CASES...``: would the case files notice a wrong rule?"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, Any

from kadermodel.cli.app import EXIT_OK, UsageError, load_kader_reporting, subparser

EXIT_SURVIVORS = 1

_EPILOG = """\
voorbeelden:
  kadermodel mutatie vng_mensenhandel_2021 tests/cases/vng_grenzen.kadertest.yaml
  kadermodel mutatie eigen.kader gevallen/*.kadertest.yaml

Maakt kleine foute versies van het kader (een vergelijking omgedraaid, een deelvoorwaarde
weggelaten, een drempel een stap verschoven, 'en' voor 'of', een 'vereist' weggelaten) en
kijkt of een van de gevallen in de testbestanden de fout opmerkt. Exitcode 1 als er een
fout is die geen geval opmerkt (en die de uitkomst wel kan veranderen).
"""


def register(subparsers: Any) -> None:
    parser, positionals, group = subparser(
        subparsers,
        "mutatie",
        "test of de testgevallen een foute regel zouden opmerken",
        "Mutatietoets: maak kleine foute versies van het kader en kijk welke geen enkel "
        "testgeval opmerkt, per bouwsteen.",
        _EPILOG,
    )
    positionals.add_argument(
        "kader", metavar="KADER", help="een .kader-bestand of de naam van een meegeleverd kader"
    )
    positionals.add_argument(
        "testbestanden",
        metavar="TESTBESTAND",
        nargs="+",
        help="een of meer testbestanden (.kadertest.yaml) met gevallen voor dit kader",
    )
    group.add_argument(
        "--uitbreiding",
        metavar="BESTAND",
        action="append",
        default=[],
        help="pas eerst deze uitbreiding toe op het kader; herhaal voor meer, in volgorde",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    # Imported here: case files read claims with hypothesis (extra `testing`), and the rest
    # of the command line works without it.
    try:
        from kadermodel.testing.casefiles import load_case_file
        from kadermodel.testing.mutation import failing_cases
        from kadermodel.testing.mutation import run as run_mutants
        from kadermodel.testing.mutation_text import mutation_text
    except ImportError:
        raise UsageError(
            "de mutatietoets leest testbestanden en heeft daarvoor hypothesis nodig; "
            "installeer het met: pip install 'kadermodel[testing]'"
        ) from None
    kader = load_kader_reporting(args.kader, args.uitbreiding)
    files = [load_case_file(Path(path)) for path in args.testbestanden]
    for case_file in files:
        other = case_file.kader
        if (other.id, other.extensions) != (kader.id, kader.extensions):
            wanted = " + ".join((other.id, *other.extensions))
            given = " + ".join((kader.id, *kader.extensions))
            raise UsageError(
                f"testbestand '{case_file.path.name}' hoort bij kader {wanted}, niet bij {given}"
            )
    failing = failing_cases(kader, files)
    if failing:
        raise UsageError(
            "deze gevallen kloppen al niet met het kader zelf; los dat eerst op "
            "(bijvoorbeeld met pytest): " + "; ".join(failing)
        )
    report = run_mutants(kader, files)
    out.write(mutation_text(report))
    return EXIT_SURVIVORS if report.survivors else EXIT_OK
