"""``kadermodel fmt [--check] BESTAND ...``: kadertaal files in the canonical layout.

Each file (a kader or an uitbreiding) is parsed and printed again by the one printer
(:func:`kadermodel.language.unparse.format_text`), comments kept. The printer's round-trip law
(the result parses to the same syntax tree; tests/language) is what makes formatting unable to
change what a file means. Files are rewritten atomically, and only when they change.
``--check`` writes nothing and exits 1 when a file would change; ``-`` reads standard input
and writes the result to standard output.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from kadermodel.cli.app import EXIT_OK, subparser

EXIT_CHANGED = 1

_EPILOG = """\
voorbeelden:
  kadermodel fmt mijn_kader.kader regio.kader
  kadermodel fmt --check kaders/*.kader
  cat mijn_kader.kader | kadermodel fmt - > opgemaakt.kader
"""


def register(subparsers: Any) -> None:
    parser, positionals, options = subparser(
        subparsers,
        "fmt",
        "maak kaderbestanden op in de vaste vorm",
        "Zet kaderbestanden en uitbreidingen in de vaste opmaak van kadertaal: inspringing, "
        "regels, lange teksten verdeeld over regels. Commentaar blijft staan en de betekenis "
        "verandert niet.",
        _EPILOG,
    )
    positionals.add_argument(
        "bestanden",
        metavar="BESTAND",
        nargs="+",
        help="een .kader-bestand; '-' leest de standaardinvoer en schrijft naar de uitvoer",
    )
    options.add_argument(
        "--check",
        action="store_true",
        help="schrijf niets; meld welke bestanden zouden veranderen (afsluitcode 1)",
    )
    parser.set_defaults(run=run)


def formatted(text: str, name: str) -> str:
    """``text`` in the canonical layout; a :class:`KaderError` if it does not parse."""
    from kadermodel.language.syntax import parse_source
    from kadermodel.language.unparse import format_text

    return format_text(parse_source(text, name), text)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    changed: list[str] = []
    for name in args.bestanden:
        if name == "-":
            text = sys.stdin.read()
            result = formatted(text, "<invoer>")
            if result != text:
                changed.append(name)
            if not args.check:
                out.write(result)
            continue
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        result = formatted(text, name)
        if result == text:
            continue
        changed.append(name)
        if not args.check:
            write_atomically(path, result)
    if args.check:
        for name in changed:
            out.write(f"{'standaardinvoer' if name == '-' else name}: zou veranderen\n")
        return EXIT_CHANGED if changed else EXIT_OK
    for name in changed:
        if name != "-":
            print(f"opgemaakt: {name}", file=sys.stderr)
    return EXIT_OK


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` in one step (a reader sees the old or the new file)."""
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", text=True)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
