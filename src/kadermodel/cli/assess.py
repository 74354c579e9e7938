"""``kadermodel assess``: one municipality or many, as text, JSON, HTML, a letter, CSV, XLSX
or JSONL.

Inputs are facts files (YAML or JSON), folders (their ``.yaml``, ``.yml``, ``.json``, ``.csv``
and ``.xlsx`` files, sorted), tables (CSV or XLSX, one row per municipality) and ``-``
(stdin). One bad input
is reported on stderr and the others are still assessed; the exit code then says so (2).
``--minimaal thema=plateau`` makes the exit code 1 when a municipality has not certainly
reached that plateau (for CI). ``-o`` writes the output to a file (atomically); with several
municipalities and ``--format html`` it names a folder that gets an overview page
(``index.html``) and one report per municipality.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from kadermodel.api import assess
from kadermodel.cli.app import (
    EXIT_ERROR,
    EXIT_OK,
    UsageError,
    kader_options,
    load_kader_reporting,
    output_option,
    peildatum_option,
    report_facts_warnings,
    stale_option,
    stamped,
    subparser,
    timestamp_option,
    version,
    write_bytes_output,
    write_output,
)
from kadermodel.engine.evaluate import Assessment
from kadermodel.errors import KaderError
from kadermodel.facts.core import Facts, load_facts, parse_facts
from kadermodel.facts.table import read_table

EXIT_BELOW = 1

_EPILOG = """\
voorbeelden:
  kadermodel assess examples/voorbeeldstad.yaml
  kadermodel assess feiten.yaml --format json
  kadermodel assess feiten.yaml --format html -o rapport.html
  kadermodel assess feiten.yaml --format brief -o brief.md
  kadermodel assess feiten.yaml --uitleg
  kadermodel assess regio/ tabel.csv --format csv -o overzicht.csv
  kadermodel assess tabel.xlsx --format xlsx -o overzicht.xlsx
  kadermodel assess regio/*.yaml --format html -o rapporten/
  kadermodel assess - < feiten.yaml
  kadermodel assess feiten.yaml --minimaal signalering=2
  kadermodel assess feiten.yaml --kader eigen.kader --peildatum 2026-12-31
  kadermodel assess feiten.yaml --uitbreiding regio.kader --uitbreiding gemeente.kader

Het feitenbestand (YAML of JSON) noemt de gemeente, de peildatum en per feit een waarde;
een feit dat ontbreekt of 'onbekend' is, maakt de uitkomst een bereik
("minimaal 1, mogelijk 2"). Een tabel (CSV of Excel, .xlsx) heeft een rij per gemeente en
de kolommen gemeente, peildatum en een kolom per feit. Excel vraagt het pakket openpyxl:
pip install 'kadermodel[spreadsheets]'.

Exitcodes: 0 gelukt, 1 een gevraagd plateau (--minimaal) is niet zeker bereikt, 2 fout in
de invoer (de fout staat op stderr; de andere gemeenten zijn wel beoordeeld).
"""

FORMATS = ("text", "json", "html", "brief", "csv", "xlsx", "jsonl")
_GATE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(\d+)$")
_FACT_SUFFIXES = (".yaml", ".yml", ".json")
_TABLE_SUFFIXES = (".csv", ".xlsx")


def _gate(text: str) -> tuple[str, int]:
    found = _GATE.match(text.strip())
    if not found:
        raise argparse.ArgumentTypeError(
            f"'{text}' kan niet; schrijf THEMA=PLATEAU, bijvoorbeeld signalering=2"
        )
    return found.group(1), int(found.group(2))


def register(subparsers: Any) -> None:
    parser, positionals, group = subparser(
        subparsers,
        "assess",
        "bepaal per thema het plateau van een of meer gemeenten",
        "Bepaal per thema het plateau van een gemeente en noem de bouwstenen waaraan nog "
        "niet is voldaan of die nog onbekend zijn. Meer gemeenten tegelijk kan ook: geef "
        "meer bestanden, een map of een tabel (CSV of Excel).",
        _EPILOG,
    )
    positionals.add_argument(
        "feiten",
        metavar="FEITEN",
        nargs="+",
        help="feitenbestanden (YAML of JSON), mappen, tabellen (CSV of .xlsx), of - voor stdin",
    )
    kader_options(group)
    peildatum_option(group)
    group.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="tekst (standaard), json, html (een rapport om te delen), brief (een brief in "
        "gewone taal, Markdown), csv, xlsx (Excel, met -o) of jsonl (een regel per gemeente)",
    )
    output_option(group)
    timestamp_option(group)
    stale_option(group)
    group.add_argument(
        "--uitleg",
        action="store_true",
        help="voeg per thema de uitleg toe: waarom dit plateau, wat ontbreekt",
    )
    group.add_argument(
        "--minimaal",
        metavar="THEMA=PLATEAU",
        type=_gate,
        action="append",
        default=[],
        help="exitcode 1 als een gemeente dit plateau niet zeker heeft bereikt; herhaal voor "
        "meer thema's",
    )
    parser.set_defaults(run=run)


# ------------------------------------------------------------------ inputs


@attrs.frozen
class Outcome:
    """One input's result: the assessment, or the error that stopped it."""

    label: str
    assessment: Assessment | None
    error: KaderError | None = None


def _expand(inputs: Sequence[str]) -> Iterator[str]:
    for given in inputs:
        path = Path(given)
        if given != "-" and path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.suffix.lower() in (*_FACT_SUFFIXES, *_TABLE_SUFFIXES)
            )
            if not found:
                raise UsageError(f"map '{given}' bevat geen feitenbestanden of tabellen")
            yield from (str(p) for p in found)
        else:
            yield given


def _facts_of(given: str, kader: Any) -> Iterator[tuple[str, Facts | KaderError]]:
    if given == "-":
        try:
            facts = parse_facts(sys.stdin.read(), kader, name="<stdin>")
            report_facts_warnings(facts)
            yield "-", facts
        except KaderError as error:
            yield "-", error
        return
    if given.lower().endswith(_TABLE_SUFFIXES):
        if given.lower().endswith(".xlsx"):
            from kadermodel.facts.spreadsheet import read_xlsx

            rows = read_xlsx(given, kader)
        else:
            rows = read_table(given, kader)
        for item in rows:
            label = item.source if isinstance(item, Facts) else given
            yield label, item
        return
    try:
        facts = load_facts(given, kader)
        report_facts_warnings(facts)
        yield given, facts
    except KaderError as error:
        yield given, error


def outcomes(args: argparse.Namespace) -> list[Outcome]:
    kader = load_kader_reporting(args.kader, args.uitbreiding)
    items = [item for given in _expand(args.feiten) for item in _facts_of(given, kader)]
    progress = _Progress(len(items)) if len(items) > 1 and sys.stderr.isatty() else None
    found: list[Outcome] = []
    for number, (label, facts) in enumerate(items, start=1):
        if isinstance(facts, KaderError):
            found.append(Outcome(label, None, facts))
        else:
            try:
                found.append(Outcome(label, assess(kader, facts, args.peildatum)))
            except KaderError as error:
                found.append(Outcome(label, None, error))
        if progress is not None:
            progress.show(number)
    if progress is not None:
        progress.done()
    return found


class _Progress:
    """A one-line counter on stderr, only when stderr is a terminal."""

    def __init__(self, total: int):
        self.total = total

    def show(self, number: int) -> None:
        sys.stderr.write(f"\r{number} van {self.total} beoordeeld")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")


# ------------------------------------------------------------------ outputs


def _name(outcome: Outcome) -> str:
    assert outcome.assessment is not None
    return outcome.assessment.facts.gemeente or Path(outcome.label).stem


def _row(outcome: Outcome) -> dict[str, Any]:
    result = outcome.assessment
    assert result is not None
    return {
        "municipality": result.facts.gemeente,
        "source": outcome.label,
        "reference_date": result.peildatum.isoformat(),
        "themas": {
            thema: {"low": r.plateau.low, "high": r.plateau.high, "top": r.top}
            for thema, r in result.themas.items()
        },
    }


def table_rows(done: Sequence[Outcome]) -> tuple[list[str], list[list[Any]]]:
    """Header and one row per municipality: gemeente, bestand, peildatum, per thema laag and
    hoog (the CSV and the XLSX table)."""
    themas = list(done[0].assessment.themas) if done and done[0].assessment else []
    header = [
        "gemeente",
        "bestand",
        "peildatum",
        *(f"{t}_{e}" for t in themas for e in ("laag", "hoog")),
    ]
    rows: list[list[Any]] = []
    for outcome in done:
        result = outcome.assessment
        assert result is not None
        cells: list[Any] = [result.facts.gemeente or "", outcome.label, result.peildatum]
        for thema in themas:
            plateau = result.themas[thema].plateau
            cells += [plateau.low, plateau.high]
        rows.append(cells)
    return header, rows


def table_csv(done: Sequence[Outcome]) -> str:
    """The table of :func:`table_rows` as CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header, rows = table_rows(done)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _write_xlsx(args: argparse.Namespace, done: Sequence[Outcome]) -> None:
    if args.output is None or args.output == "-":
        raise UsageError(
            "--format xlsx schrijft een Excel-bestand; geef het een naam met -o, "
            "bijvoorbeeld -o overzicht.xlsx"
        )
    try:
        from kadermodel.report.spreadsheet import workbook_bytes
    except ImportError:
        from kadermodel.facts.spreadsheet import MISSING_EXTRA

        raise UsageError(MISSING_EXTRA) from None
    header, rows = table_rows(done)
    write_bytes_output(args.output, workbook_bytes("Plateaus", header, rows))


def _single(args: argparse.Namespace, outcome: Outcome) -> str:
    result = outcome.assessment
    assert result is not None
    if args.format == "json":
        from kadermodel.report.assessment import assessment_json

        data = assessment_json(result, max_age_months=args.verouderd_na)
        if args.uitleg:
            from kadermodel.report.explanation import explanation_json

            data["explanation"] = explanation_json(result, None)
        return json.dumps(stamped(args, data), ensure_ascii=False, indent=2) + "\n"
    if args.format == "html":
        from kadermodel.report.html import report_html

        return report_html(
            result, source=outcome.label, version=version(), max_age_months=args.verouderd_na
        )
    if args.format == "brief":
        from kadermodel.report.brief import report_brief

        return report_brief(result, max_age_months=args.verouderd_na)
    from kadermodel.report.assessment import assessment_text

    text = assessment_text(result, max_age_months=args.verouderd_na)
    if args.uitleg:
        from kadermodel.report.explanation import explanation_text

        text = text + "\n" + explanation_text(result, None, standalone=False)
    return text if text.endswith("\n") else text + "\n"


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "gemeente"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _html_folder(args: argparse.Namespace, done: Sequence[Outcome]) -> None:
    from kadermodel.report.html import overview_html, report_html

    if args.output is None:
        raise UsageError(
            "bij meer gemeenten en --format html hoort -o MAP: de map krijgt een overzicht "
            "(index.html) en een rapport per gemeente"
        )
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = {"index"}
    links: list[tuple[str, Assessment]] = []
    for outcome in done:
        assert outcome.assessment is not None
        file = _slug(_name(outcome), taken) + ".html"
        page = report_html(
            outcome.assessment,
            source=outcome.label,
            version=version(),
            max_age_months=args.verouderd_na,
        )
        write_output(str(folder / file), page, sys.stdout)
        links.append((file, outcome.assessment))
    write_output(str(folder / "index.html"), overview_html(links), sys.stdout)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    found = outcomes(args)
    done = [o for o in found if o.assessment is not None]
    failed = [o for o in found if o.error is not None]
    kader_themas = done[0].assessment.kader.themas if done and done[0].assessment else {}
    for thema, _ in args.minimaal:
        if done and thema not in kader_themas:
            raise UsageError(
                f"--minimaal: onbekend thema '{thema}'; thema's in dit kader: "
                + ", ".join(kader_themas)
            )
    for outcome in failed:
        assert outcome.error is not None
        print(str(outcome.error), file=sys.stderr)
    if done:
        if args.format == "csv":
            write_output(args.output, table_csv(done), out)
        elif args.format == "xlsx":
            _write_xlsx(args, done)
        elif args.format == "jsonl":
            lines = "".join(json.dumps(_row(o), ensure_ascii=False) + "\n" for o in done)
            write_output(args.output, lines, out)
        elif len(found) == 1:
            write_output(args.output, _single(args, done[0]), out)
        elif args.format == "html":
            _html_folder(args, done)
        elif args.format == "json":
            from kadermodel.report.assessment import assessment_json

            data = [
                assessment_json(o.assessment, max_age_months=args.verouderd_na)
                for o in done
                if o.assessment is not None
            ]
            write_output(args.output, json.dumps(data, ensure_ascii=False, indent=2) + "\n", out)
        else:
            separator = "\n---\n\n" if args.format == "brief" else "\n"
            write_output(args.output, separator.join(_single(args, o) for o in done), out)
    if failed:
        if len(found) > 1:
            print(
                f"{len(failed)} van {len(found)} invoer(en) niet beoordeeld (zie hierboven)",
                file=sys.stderr,
            )
        return EXIT_ERROR
    below = []
    for outcome in done:
        assert outcome.assessment is not None
        for thema, plateau in args.minimaal:
            result = outcome.assessment.themas[thema]
            if result.plateau.low < plateau:
                below.append(
                    f"{_name(outcome)}: {result.title} staat op plateau {result.plateau}; "
                    f"gevraagd is minimaal plateau {plateau}"
                )
    for line in below:
        print(line, file=sys.stderr)
    return EXIT_BELOW if below else EXIT_OK
