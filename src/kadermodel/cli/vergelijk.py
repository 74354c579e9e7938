"""``kadermodel vergelijk OUD NIEUW``: what moved between two facts files or results, and why.

Facts files are assessed against the same kader (with the same extensions). A saved JSON
result (``assess --format json``) is re-run from its receipt: the kader and extensions it
names and the facts it holds, refused when their texts changed since; so two results of
different years can be compared even when the kader changed in between. Per thema that moved:
the bouwstenen and the answers that caused it, as text, JSON (the ``diff`` part of
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
from kadermodel.cli.results import assessment_of_result, is_result
from kadermodel.engine.evaluate import Assessment
from kadermodel.language.bundled import BUNDLED_KADER

_EPILOG = """\
voorbeelden:
  kadermodel vergelijk feiten-2025.yaml feiten-2026.yaml
  kadermodel vergelijk oud.yaml nieuw.yaml --format html -o vergelijking.html
  kadermodel vergelijk oud.yaml nieuw.yaml --format json
  kadermodel vergelijk uitkomst-2025.json uitkomst-2026.json

Laat per thema zien wat er tussen de twee bestanden is veranderd en door welke antwoorden.
Een bewaarde uitkomst (JSON van 'kadermodel assess --format json') wordt opnieuw uitgerekend
met het kader en de feiten uit het bewijs; is de tekst daarvan veranderd, dan zegt
vergelijk dat.
"""


def register(subparsers: Any) -> None:
    parser, positionals, group = subparser(
        subparsers,
        "vergelijk",
        "vergelijk twee feitenbestanden of uitkomsten (bijvoorbeeld vorig jaar en nu)",
        "Vergelijk de uitkomst van twee feitenbestanden of bewaarde uitkomsten: welke thema's "
        "van plateau zijn veranderd, welke bouwstenen en welke antwoorden dat veroorzaakten.",
        _EPILOG,
    )
    positionals.add_argument(
        "oud", metavar="OUD", help="het oude feitenbestand, of een bewaarde uitkomst (JSON)"
    )
    positionals.add_argument(
        "nieuw", metavar="NIEUW", help="het nieuwe feitenbestand, of een bewaarde uitkomst (JSON)"
    )
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


def _assessment(args: argparse.Namespace, path: str) -> Assessment:
    if is_result(path):
        # the receipt names the kader, unless another than the default is asked for
        given = None if args.kader == BUNDLED_KADER else args.kader
        return assessment_of_result(path, given, args.uitbreiding or None)
    kader = load_kader_reporting(args.kader, args.uitbreiding)
    return assess(kader, load_facts_reporting(path, kader), args.peildatum)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    from kadermodel.explanation.diff import diff

    old, new = (_assessment(args, path) for path in (args.oud, args.nieuw))
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
