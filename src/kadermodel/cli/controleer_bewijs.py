"""``kadermodel controleer-bewijs``: does a saved result still follow from its rules and facts?

Reads a JSON result of ``assess`` or ``explain`` (with its ``receipt``, see
:mod:`kadermodel.report.receipt`), re-runs it on the facts file with the kader and
extensions the receipt names (or those given), for the receipt's peildatum, and says which
hash differs and whether the result itself is the same. Exit code 0: the result follows;
1: it does not; 2: an input error.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, Any

from kadermodel.api import assess
from kadermodel.cli.app import EXIT_OK, load_facts_reporting, subparser
from kadermodel.cli.results import kader_of_receipt, read_result, reference_date
from kadermodel.facts.stale import MAX_AGE_MONTHS
from kadermodel.report.receipt import compare
from kadermodel.report.textfmt import wrap

EXIT_DIFFERS = 1

_EPILOG = """\
voorbeelden:
  kadermodel assess feiten.yaml --format json > uitkomst.json
  kadermodel controleer-bewijs uitkomst.json feiten.yaml
  kadermodel controleer-bewijs uitkomst.json feiten.yaml --uitbreiding regio.kader

Exitcodes: 0 de uitkomst volgt uit dezelfde regels en feiten, 1 er is iets veranderd,
2 fout in de invoer.
"""


def register(subparsers: Any) -> None:
    parser, positionals, group = subparser(
        subparsers,
        "controleer-bewijs",
        "controleer of een bewaarde uitkomst nog uit dezelfde regels en feiten volgt",
        "Reken een bewaarde uitkomst (JSON van assess of explain) opnieuw uit en zeg of hij "
        "nog uit dezelfde regels en feiten volgt, en zo niet, wat er anders is.",
        _EPILOG,
    )
    positionals.add_argument("uitkomst", metavar="UITKOMST.json", help="de bewaarde uitkomst")
    positionals.add_argument("feiten", metavar="FEITEN.yaml", help="het feitenbestand")
    group.add_argument(
        "--kader",
        metavar="BESTAND_OF_ID",
        help="het kader (standaard: het kader dat in het bewijs staat)",
    )
    group.add_argument(
        "--uitbreiding",
        metavar="BESTAND",
        action="append",
        help="de uitbreidingen, in volgorde (standaard: de bestanden die in het bewijs staan)",
    )
    parser.set_defaults(run=run)


def _without_receipts(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_receipts(v) for k, v in data.items() if k != "receipt"}
    return data


def run(args: argparse.Namespace, out: IO[str]) -> int:
    from kadermodel.report.assessment import assessment_json
    from kadermodel.report.explanation import explanation_json

    data = read_result(Path(args.uitkomst))
    old = data["receipt"]
    kader = kader_of_receipt(old, args.kader, args.uitbreiding)
    facts = load_facts_reporting(args.feiten, kader)
    peildatum = reference_date(old, args.uitkomst)
    result = assess(kader, facts, peildatum)
    if "relevant_unknowns" in data:
        produced = explanation_json(result, data.get("thema"))
    else:
        stale = data.get("stale_facts")
        months = stale.get("max_age_months") if isinstance(stale, dict) else None
        produced = assessment_json(
            result, max_age_months=months if isinstance(months, int) else MAX_AGE_MONTHS
        )
        if "explanation" in data:
            produced["explanation"] = explanation_json(result, None)
    differences = compare(old, produced["receipt"])
    same_result = _without_receipts(produced) == _without_receipts(data)
    if not same_result:
        differences.append("de uitkomst zelf is anders")
    new = produced["receipt"]
    lines: list[str] = []
    if not differences:
        lines += wrap(
            f"Het bewijs klopt: de uitkomst in {args.uitkomst} volgt uit dezelfde regels en feiten."
        )
    else:
        lines += wrap(
            f"Het bewijs klopt niet: de uitkomst in {args.uitkomst} volgt niet uit deze regels "
            "en feiten."
        )
        lines += [f"- {d}" for d in differences]
    lines.append("")
    lines.append(
        f"Kader {new['kader']['id']} (versie {new['kader']['version'] or 'onbekend'}): "
        f"sha256 {new['kader']['sha256']}"
    )
    for extension in new["extensions"]:
        lines.append(f"Uitbreiding {extension['id']}: sha256 {extension['sha256']}")
    lines.append(f"Feiten: sha256 {new['facts_sha256']}")
    lines.append(f"Peildatum: {new['reference_date']}")
    if old.get("kadermodel_version") != new["kadermodel_version"]:
        lines += wrap(
            f"Let op: de uitkomst is gemaakt met kadermodel {old.get('kadermodel_version')}, "
            f"nu is het {new['kadermodel_version']}."
        )
    out.write("\n".join(lines) + "\n")
    return EXIT_OK if not differences else EXIT_DIFFERS
