"""``kadermodel lsp``: the kadertaal language server over stdio (extra ``kadermodel[lsp]``)."""

from __future__ import annotations

import argparse
from importlib import metadata
from typing import IO, Any

from kadermodel.cli.app import EXIT_OK, UsageError, subparser

_EPILOG = """\
voorbeelden:
  kadermodel lsp        (een editor start dit; het praat LSP over stdin en stdout)

Voor VS Code en andere editors: stel 'kadermodel lsp' in als taalserver voor .kader-bestanden.
Nodig: pip install 'kadermodel[lsp]'.
"""


def register(subparsers: Any) -> None:
    parser, _, _ = subparser(
        subparsers,
        "lsp",
        "start de taalserver voor editors (LSP over stdio)",
        "Start de taalserver voor kadertaal: fouten terwijl je typt, uitleg bij een naam, "
        "naar de definitie springen en namen aanvullen. Een editor start deze opdracht zelf.",
        _EPILOG,
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    try:
        from kadermodel.editor.lsp import serve
    except ImportError:
        raise UsageError(
            "de taalserver heeft pygls nodig; installeer het met: pip install 'kadermodel[lsp]'"
        ) from None
    try:
        version = metadata.version("kadermodel")
    except metadata.PackageNotFoundError:
        version = "onbekend"
    serve(version)
    return EXIT_OK
