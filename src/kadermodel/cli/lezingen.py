"""``kadermodel lezingen [FEITEN...]``: the bundled readings of the Kader, and what each
changes for the given municipalities (the impact preview of every reading)."""

from __future__ import annotations

import argparse
from typing import IO, Any

from kadermodel.cli.app import (
    EXIT_OK,
    format_option,
    load_facts_reporting,
    subparser,
    write_json,
)

_EPILOG = """\
voorbeelden:
  kadermodel lezingen
  kadermodel lezingen examples/*.yaml
  kadermodel lezingen feiten.yaml --format json
  kadermodel assess feiten.yaml --uitbreiding lezing_meerdere_keren_twee

Toont de andere lezingen van omstreden zinnen van het Kader. Met feitenbestanden ziet u per
lezing wat die verandert voor elke gemeente.
"""


def register(subparsers: Any) -> None:
    parser, positionals, group = subparser(
        subparsers,
        "lezingen",
        "toon de andere lezingen van het Kader en wat ze veranderen",
        "Toon de meegeleverde lezingen: zinnen van het Kader die ook anders te lezen zijn, elk "
        "als uitbreiding te kiezen. Met feitenbestanden: wat elke lezing verandert per gemeente.",
        _EPILOG,
    )
    positionals.add_argument(
        "feiten", metavar="FEITEN.yaml", nargs="*", help="nul of meer feitenbestanden"
    )
    format_option(group)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    from kadermodel.extend.impact import Impact, impact
    from kadermodel.extend.readings import readings
    from kadermodel.facts.reader import load_facts
    from kadermodel.language.bundled import bundled_kader
    from kadermodel.report.readings import readings_json, readings_text

    found = readings()
    impacts: dict[str, Impact] | None = None
    if args.feiten:
        impacts = {}
        for index, reading in enumerate(found):
            extended = reading.kader()
            # Each reading is its own kader (some add a fact): the files are read against
            # each; their warnings are shown once.
            load = load_facts_reporting if index == 0 else load_facts
            facts = [load(path, extended) for path in args.feiten]
            impacts[reading.id] = impact(bundled_kader(reading.base), extended, facts)
    if args.format == "json":
        write_json(out, readings_json(found, impacts))
    else:
        out.write(readings_text(found, impacts))
    return EXIT_OK
