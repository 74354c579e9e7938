"""``kadermodel lint [--strict] [--format text|json|sarif] BESTAND ...``: the lint rules.

Each file (a kader or an uitbreiding, whose base is found as ``kadermodel check`` finds it)
is loaded and checked with :func:`kadermodel.extend.lint.lint`; only findings in the file
itself are shown (an uitbreiding is not blamed for its base). Findings are warnings; with
``--strict`` they count as errors and the exit code is 1 when there is one. A file that does
not load gives its errors (exit 2), in the chosen format.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO, Any

from kadermodel.cli.app import (
    EXIT_ERROR,
    EXIT_OK,
    load_kader_reporting,
    subparser,
    version,
    write_json,
)
from kadermodel.errors import Diagnostic, KaderError
from kadermodel.report.textfmt import count

EXIT_FINDINGS = 1

_EPILOG = """\
voorbeelden:
  kadermodel lint mijn_kader.kader
  kadermodel lint --strict regio.kader
  kadermodel lint --format sarif mijn_kader.kader > lint.sarif
"""


def register(subparsers: Any) -> None:
    parser, positionals, options = subparser(
        subparsers,
        "lint",
        "zoek fouten die het kader nog wel geldig laten",
        "Zoek in kaderbestanden en uitbreidingen naar regels die nooit of altijd gelden, "
        "feiten en parameters die niets doen, bouwstenen zonder bron en feiten zonder vraag.",
        _EPILOG,
    )
    positionals.add_argument(
        "bestanden", metavar="BESTAND", nargs="+", help="een .kader-bestand (kader of uitbreiding)"
    )
    options.add_argument(
        "--strict",
        action="store_true",
        help="tel waarschuwingen als fouten (afsluitcode 1 als er een is)",
    )
    diagnostics_format_option(options)
    parser.set_defaults(run=run)


def diagnostics_format_option(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="uitvoer als tekst (standaard), als JSON-lijst of als SARIF (voor editors en CI)",
    )


def run(args: argparse.Namespace, out: IO[str]) -> int:
    from kadermodel.extend.lint import lint

    found: list[Diagnostic] = []
    sources: dict[str, str] = {}
    failed = False
    for name in args.bestanden:
        try:
            kader = load_kader_reporting(name, [])
        except KaderError as error:
            if args.format == "text":
                raise
            found.extend(error.diagnostics)
            failed = True
            continue
        sources.update(kader.sources)
        for diagnostic in lint(kader):
            if diagnostic.span is not None and diagnostic.span.file == name:
                if args.strict:
                    diagnostic = Diagnostic(
                        diagnostic.code,
                        diagnostic.message,
                        diagnostic.span,
                        diagnostic.hint,
                        diagnostic.suggestion,
                        "fout",
                    )
                found.append(diagnostic)
    if args.format != "text":
        from kadermodel.report.diagnostics import diagnostics_document

        write_json(out, diagnostics_document(args.format, found, version()))
    else:
        # As `check` does with its diagnostics: findings go to stderr.
        for diagnostic in found:
            source = sources.get(diagnostic.span.file) if diagnostic.span else None
            print(diagnostic.render(source), file=sys.stderr)
        names = ", ".join(args.bestanden)
        summary = count(len(found), "bevinding", "bevindingen") if found else "geen bevindingen"
        out.write(f"{names}: {summary}\n")
    if failed:
        return EXIT_ERROR
    if args.strict and found:
        return EXIT_FINDINGS
    return EXIT_OK
