"""Another tool using kadermodel as a library: a CSV summary of every example municipality.

Assesses each ``examples/*.yaml`` against the bundled VNG kader and writes one row per
municipality: the gemeente, then for every thema its plateau as ``<thema>_laag`` and
``<thema>_hoog`` (equal when decided).

    python examples/samenvatting.py                  # CSV to stdout
    python examples/samenvatting.py samenvatting.csv # CSV to a file
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TextIO

import kadermodel

EXAMPLES = Path(__file__).resolve().parent


def write_summary(out: TextIO) -> None:
    kader = kadermodel.bundled_kader()
    header = ["gemeente"]
    for thema_id in kader.themas:
        header += [f"{thema_id}_laag", f"{thema_id}_hoog"]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for path in sorted(EXAMPLES.glob("*.yaml")):
        facts = kadermodel.load_facts(path, kader)
        result = kadermodel.assess(kader, facts)
        row: list[str | int] = [facts.gemeente or path.stem]
        for outcome in result.themas.values():
            row += [outcome.plateau.low, outcome.plateau.high]
        writer.writerow(row)


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print("gebruik: python examples/samenvatting.py [UITVOER.csv]", file=sys.stderr)
        return 2
    try:
        if argv:
            with open(argv[0], "w", encoding="utf-8", newline="") as out:
                write_summary(out)
        else:
            write_summary(sys.stdout)
    except kadermodel.KaderError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
