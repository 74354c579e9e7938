"""``kadermodel docs``: write a Markdown site for a kader (a page per bouwsteen and thema)."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import IO, Any

from kadermodel.cli.app import EXIT_OK, kader_options, load_kader_reporting, subparser
from kadermodel.report.docs import site_pages
from kadermodel.report.textfmt import count

_EPILOG = """\
voorbeelden:
  kadermodel docs -o site
  kadermodel docs --kader eigen.kader -o site
  kadermodel docs --uitbreiding regio.kader -o site_regio

Schrijft index.md, feiten.md, parameters.md, een pagina per thema (themas/) en een pagina
per bouwsteen (bouwstenen/). Bestaande pagina's met dezelfde naam worden overschreven.
"""


def register(subparsers: Any) -> None:
    parser, _, group = subparser(
        subparsers,
        "docs",
        "maak leesbare pagina's (Markdown) van de regels",
        "Maak een pagina per bouwsteen (tekst, bron, voorwaarde, feiten met hun vraag, wat hij "
        "vereist en waarvoor hij nodig is) en een overzicht per thema.",
        _EPILOG,
    )
    kader_options(group)
    group.add_argument(
        "-o",
        "--uitvoer",
        metavar="MAP",
        required=True,
        help="de map waarin de pagina's komen (wordt gemaakt als hij nog niet bestaat)",
    )
    parser.set_defaults(run=run)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so no reader sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace, out: IO[str]) -> int:
    kader = load_kader_reporting(args.kader, args.uitbreiding)
    folder = Path(args.uitvoer)
    pages = site_pages(kader)
    for relative, text in pages.items():
        write_atomically(folder / relative, text)
    written = count(len(pages), "pagina", "pagina's")
    out.write(f"{written} geschreven in {folder}; begin bij {folder / 'index.md'}\n")
    return EXIT_OK
