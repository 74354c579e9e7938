"""``kadermodel vergelijk OUD NIEUW``: what moved between two facts files, and why.

Both files are assessed against the same kader (with the same extensions); per thema that
moved the bouwstenen and the answers that caused it, as text, JSON (the ``diff`` part of
``schemas/explanation.schema.json``) or a self-contained HTML page.
"""

from __future__ import annotations

import argparse
import json
from typing import IO, Any

from kadermodel.api import assess
from kadermodel.cli.app import (
    EXIT_OK,
    kader_options,
    load_facts_reporting,
    load_kader_reporting,
    output_option,
    peildatum_option,
    subparser,
    write_output,
)

_EPILOG = """\
voorbeelden:
  kadermodel vergelijk feiten-2025.yaml feiten-2026.yaml
  kadermodel vergelijk oud.yaml nieuw.yaml --format html -o vergelijking.html
  kadermodel vergelijk oud.yaml nieuw.yaml --format json

Laat per thema zien wat er tussen de twee bestanden is veranderd en door welke antwoorden.
"""


def register(subparsers: Any) -> None:
    parser, positionals, group = subparser(
        subparsers,
        "vergelijk",
        "vergelijk twee feitenbestanden (bijvoorbeeld vorig jaar en nu)",
        "Vergelijk de uitkomst van twee feitenbestanden: welke thema's van plateau zijn "
        "veranderd, welke bouwstenen en welke antwoorden dat veroorzaakten.",
        _EPILOG,
    )
    positionals.add_argument("oud", metavar="OUD", help="het oude feitenbestand")
    positionals.add_argument("nieuw", metavar="NIEUW", help="het nieuwe feitenbestand")
    kader_options(group)
    peildatum_option(group)
    group.add_argument(
        "--format",
        choices=("text", "json", "html"),
        default="text",
        help="uitvoer als tekst (standaard), JSON of een HTML-pagina",
    )
    output_option(group)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    from kadermodel.explanation.diff import diff

    kader = load_kader_reporting(args.kader, args.uitbreiding)
    old = assess(kader, load_facts_reporting(args.oud, kader), args.peildatum)
    new = assess(kader, load_facts_reporting(args.nieuw, kader), args.peildatum)
    found = diff(old, new)
    if args.format == "json":
        from kadermodel.report.explanation import diff_json

        text = json.dumps(diff_json(found), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        from kadermodel.report.html import diff_html

        text = diff_html(found, old, new)
    else:
        from kadermodel.report.explanation import diff_text

        text = diff_text(found)
    write_output(args.output, text, out)
    return EXIT_OK
