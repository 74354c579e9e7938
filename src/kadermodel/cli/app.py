"""The ``kadermodel`` command: assess, explain, impact, check.

Every message a user reads is Dutch, including argparse's own usage errors (see
:class:`_Parser`). Bad input never ends in a traceback: a :class:`~kadermodel.errors.KaderError`
is rendered to stderr and the exit code is 2, as it is for usage errors and unreadable
files. Output is deterministic: the same input gives the same bytes.

``main(argv)`` returns the exit code, so tests can call it in-process; the console script
(``kadermodel = "kadermodel.cli:main"``) passes it to ``sys.exit``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from kadermodel import model as m
from kadermodel.api import BUNDLED_KADER, assess, load_kader
from kadermodel.engine.evaluate import Assessment
from kadermodel.errors import KaderError, os_error_reason, suggest
from kadermodel.facts.reader import load_facts
from kadermodel.facts.value import Facts
from kadermodel.report.kader import kader_summary
from kadermodel.report.textfmt import wrap

PROG = "kadermodel"

# Subcommands with a module of their own, in the order `--help` lists them (after assess,
# explain, impact and check). Each module has `register(subparsers)`, which adds its parser
# (see `subparser`) and sets `run` to a function `(args, out) -> exit code`; the shared options
# and helpers are in this module. A module's subcommand is its last name part with `-` for `_`.
COMMAND_MODULES: tuple[str, ...] = (
    "kadermodel.cli.uitleg",
    "kadermodel.cli.toon",
    "kadermodel.cli.vragenlijst",
    "kadermodel.cli.sjabloon",
    "kadermodel.cli.schema",
    "kadermodel.cli.serve",
    "kadermodel.cli.controleer_bewijs",
    "kadermodel.cli.lsp",
    "kadermodel.cli.docs",
    "kadermodel.cli.mutatie",
    "kadermodel.cli.vergelijk",
    "kadermodel.cli.fmt",
    "kadermodel.cli.lint",
    "kadermodel.cli.lezingen",
)
ASSESS_MODULE = "kadermodel.cli.assess"

# What `kadermodel --help` says of each module's subcommand, so listing them imports none of
# the modules (importing them all cost most of a command's start-up time): only the chosen
# subcommand's module is imported. A test checks these are the texts the modules register. A
# module missing here is imported and registered on every run (correct, only slower).
COMMAND_SUMMARIES: dict[str, str] = {
    "assess": "bepaal per thema het plateau van een of meer gemeenten",
    "uitleg": "leg een foutcode uit (zoals K202)",
    "toon": "toon de thema's, bouwstenen, feiten en parameters van een kader",
    "vragenlijst": "vul de feiten in met een vragenlijst",
    "sjabloon": "maak een leeg feitenbestand om in te vullen",
    "schema": "toon het JSON-schema van een feitenbestand",
    "serve": "start de web-API en de vragenlijst in de browser",
    "controleer-bewijs": "controleer of een bewaarde uitkomst nog uit dezelfde regels en "
    "feiten volgt",
    "lsp": "start de taalserver voor editors (LSP over stdio)",
    "docs": "maak leesbare pagina's (Markdown) van de regels",
    "mutatie": "test of de testgevallen een foute regel zouden opmerken",
    "vergelijk": "vergelijk twee feitenbestanden of uitkomsten (bijvoorbeeld vorig jaar en nu)",
    "fmt": "maak kaderbestanden op in de vaste vorm",
    "lint": "zoek fouten die het kader nog wel geldig laten",
    "lezingen": "toon de andere lezingen van het Kader en wat ze veranderen",
}


def command_name(module: str) -> str:
    """The subcommand a module in :data:`COMMAND_MODULES` registers."""
    return module.rsplit(".", 1)[-1].replace("_", "-")


EXIT_OK = 0
EXIT_ERROR = 2


# argparse's messages are English; these turn the ones a user can meet into Dutch. A message
# that matches none is shown as argparse wrote it.
@functools.cache
def _translations() -> tuple[tuple[re.Pattern[str], str], ...]:
    # Compiled on the first usage error, not in every command's start-up.
    return tuple(
        (re.compile(pattern), replacement)
        for pattern, replacement in (
            (r"^the following arguments are required: (.*)$", r"verplicht argument ontbreekt: \1"),
            (r"^unrecognized arguments: (.*)$", r"onbekend argument: \1"),
            (r"^ambiguous option: (\S+) could match (.*)$", r"optie \1 is dubbelzinnig: \2"),
            (r"^one of the arguments (.*) is required$", r"een van deze argumenten is nodig: \1"),
            (
                r"^argument (.*?): invalid choice: (.*) \(choose from (.*)\)$",
                r"argument \1: \2 kan niet; kies uit \3",
            ),
            (
                r"^argument (.*?): expected one argument$",
                r"argument \1: hier hoort een waarde achter",
            ),
            (
                r"^argument (.*?): expected at least one argument$",
                r"argument \1: hier hoort minstens een waarde achter",
            ),
            (
                r"^argument (.*?): not allowed with argument (.*)$",
                r"argument \1: niet samen met \2",
            ),
            (
                r"^argument (.*?): ignored explicit argument (.*)$",
                r"argument \1: waarde \2 hoort hier niet",
            ),
        )
    )


def _dutch(message: str) -> str:
    for pattern, replacement in _translations():
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


def _terminal_width() -> int:
    """What ``shutil.get_terminal_size().columns`` says (``$COLUMNS``, else the terminal's
    width, else 80), without importing shutil: argparse's formatter would import it (and with
    it bz2, lzma and zlib) in every command, costing more start-up time than the rest of it."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's examples as written and says ``gebruik:`` instead of ``usage:``."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_width() - 2  # as argparse's own default
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports usage errors in Dutch (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: fout: {_dutch(message)}\n")


# ------------------------------------------------------------------ argument types


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def peildatum(text: str) -> dt.date:
    """``--peildatum`` value: a date written as JJJJ-MM-DD."""
    if not _DATE.match(text):
        raise argparse.ArgumentTypeError(
            f"'{text}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-06-30"
        )
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen bestaande datum") from None


# ------------------------------------------------------------------ the parser

_MAIN_EPILOG = """\
voorbeelden:
  kadermodel assess examples/voorbeeldstad.yaml
  kadermodel assess feiten.yaml --format json > uitkomst.json
  kadermodel assess feiten.yaml --uitbreiding regio.kader --peildatum 2026-12-31
  kadermodel explain feiten.yaml --thema signalering
  kadermodel impact --basis vng_mensenhandel_2021 --uitbreiding regio.kader feiten.yaml
  kadermodel check mijn_kader.kader

Exitcodes: 0 gelukt, 2 fout in de invoer (de fout staat op stderr).
Meegeleverd kader: vng_mensenhandel_2021 (het VNG-Kader mensenhandel, februari 2021).
"""

_EXPLAIN_EPILOG = """\
voorbeelden:
  kadermodel explain examples/voorbeeldstad.yaml
  kadermodel explain examples/voorbeeldstad.yaml --thema bewustwording
  kadermodel explain feiten.yaml --thema opvang --format json
"""

_IMPACT_EPILOG = """\
voorbeelden:
  kadermodel impact --basis vng_mensenhandel_2021 --uitbreiding regio.kader feiten.yaml
  kadermodel impact --basis vng_mensenhandel_2021 --uitbreiding regio.kader \\
      gemeente_a.yaml gemeente_b.yaml --format json

Laat per gemeente zien hoe de plateaus veranderen als de uitbreidingen gelden.
"""

_CHECK_EPILOG = """\
voorbeelden:
  kadermodel check vng_mensenhandel_2021
  kadermodel check mijn_kader.kader
  kadermodel check vng_mensenhandel_2021 --uitbreiding regio.kader
"""


def _add_help(group: argparse._ArgumentGroup) -> None:
    group.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")


def kader_options(group: argparse._ArgumentGroup, *, kader: bool = True) -> None:
    if kader:
        group.add_argument(
            "--kader",
            metavar="BESTAND_OF_ID",
            default=BUNDLED_KADER,
            help="het kader: een .kader-bestand of de naam van een meegeleverd kader "
            f"(standaard: {BUNDLED_KADER})",
        )
    group.add_argument(
        "--uitbreiding",
        metavar="BESTAND",
        action="append",
        default=[],
        help="pas een uitbreiding (.kader) toe op het kader, of een meegeleverde lezing "
        "(kadermodel lezingen); herhaal voor meer uitbreidingen, in volgorde (landelijk, "
        "regionaal, gemeentelijk)",
    )


def peildatum_option(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--peildatum",
        metavar="JJJJ-MM-DD",
        type=peildatum,
        help="de datum waarop de stand wordt bepaald (standaard: de peildatum uit het "
        "feitenbestand, anders vandaag)",
    )


def format_option(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="uitvoer als leesbare tekst (standaard) of als JSON",
    )


def _months(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is geen aantal maanden; schrijf bv. 24")
    return int(text)


def stale_option(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--verouderd-na",
        metavar="MAANDEN",
        type=_months,
        default=None,
        help="een antwoord dat langer dan zoveel maanden voor de peildatum is vastgesteld, "
        "heet verouderd (standaard: wat het kader zegt, anders 24)",
    )


def timestamp_option(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "--tijdstip",
        action="store_true",
        help="zet bij --format json het huidige tijdstip (UTC) in het bewijs; zonder deze "
        "optie geeft dezelfde invoer altijd dezelfde uitvoer",
    )


def stamped(args: argparse.Namespace, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the clock time in its receipt, when ``--tijdstip`` was given."""
    if getattr(args, "tijdstip", False) and isinstance(data.get("receipt"), dict):
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        data["receipt"]["timestamp"] = now.isoformat()
    return data


def subparser(
    subparsers: Any, name: str, summary: str, description: str, epilog: str
) -> tuple[argparse.ArgumentParser, argparse._ArgumentGroup, argparse._ArgumentGroup]:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=summary,
        description=_para(description),
        epilog=epilog,
        formatter_class=_Formatter,
        add_help=False,
    )
    positionals = parser.add_argument_group("argumenten")
    options = parser.add_argument_group("opties")
    _add_help(options)
    return parser, positionals, options


ALL = None
"""``build_parser(ALL)``: every subcommand's module imported and registered."""


def build_parser(chosen: str | None = ALL) -> argparse.ArgumentParser:
    """The argument parser of the ``kadermodel`` command.

    With ``chosen`` (the subcommand about to run, or ``""`` for none) only that subcommand's
    module is imported and registered in full; the others are listed by name and summary
    (:data:`COMMAND_SUMMARIES`), which is all ``--help`` and a usage error show of them.
    Without it, every module registers its parser.
    """
    parser = _Parser(
        prog=PROG,
        description=_para(
            "Bepaal waar een gemeente staat ten opzichte van het VNG-Kader voor de aanpak van "
            "mensenhandel (of een ander kader in kadertaal)."
        ),
        epilog=_MAIN_EPILOG,
        formatter_class=_Formatter,
        add_help=False,
    )
    options = parser.add_argument_group("opties")
    _add_help(options)
    options.add_argument(
        "--version",
        action=_VersionAction,
        help="toon het versienummer en stop",
    )
    subparsers = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", dest="command")

    # `assess` has a module of its own; it comes first in the list of opdrachten.
    _register(subparsers, ASSESS_MODULE, chosen)

    explain_parser, positionals, group = subparser(
        subparsers,
        "explain",
        "leg uit waarom een thema op zijn plateau staat",
        "Leg uit waarom de thema's op hun plateau staan, welke feiten ontbreken en wat de "
        "volgende stappen zijn.",
        _EXPLAIN_EPILOG,
    )
    positionals.add_argument("feiten", metavar="FEITEN.yaml", help="het feitenbestand")
    kader_options(group)
    group.add_argument("--thema", metavar="ID", help="alleen dit thema (bijvoorbeeld signalering)")
    peildatum_option(group)
    format_option(group)
    timestamp_option(group)
    explain_parser.set_defaults(run=_run_explain)

    impact_parser, positionals, group = subparser(
        subparsers,
        "impact",
        "vergelijk de uitkomst met en zonder uitbreidingen",
        "Vergelijk per gemeente de uitkomst onder het basiskader met die onder het kader "
        "met uitbreidingen.",
        _IMPACT_EPILOG,
    )
    positionals.add_argument(
        "feiten", metavar="FEITEN.yaml", nargs="+", help="een of meer feitenbestanden"
    )
    group.add_argument(
        "--basis",
        metavar="BESTAND_OF_ID",
        required=True,
        help="het basiskader: een .kader-bestand of de naam van een meegeleverd kader",
    )
    group.add_argument(
        "--uitbreiding",
        metavar="BESTAND",
        action="append",
        required=True,
        help="een uitbreiding op het basiskader; herhaal voor meer uitbreidingen, in volgorde",
    )
    format_option(group)
    impact_parser.set_defaults(run=_run_impact)

    check_parser, positionals, group = subparser(
        subparsers,
        "check",
        "controleer een kaderbestand",
        "Lees en controleer een kaderbestand en vat samen wat erin staat, of toon de fouten.",
        _CHECK_EPILOG,
    )
    positionals.add_argument(
        "kaderbestand",
        metavar="KADERBESTAND",
        help="een .kader-bestand of de naam van een meegeleverd kader",
    )
    kader_options(group, kader=False)
    group.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="samenvatting als tekst (standaard), of de meldingen als JSON-lijst of als SARIF",
    )
    check_parser.set_defaults(run=_run_check)
    for module in COMMAND_MODULES:
        _register(subparsers, module, chosen)
    return parser


def _register(subparsers: Any, module: str, chosen: str | None) -> None:
    """Register a module's subcommand, or only list it when another one was chosen."""
    name = command_name(module)
    summary = COMMAND_SUMMARIES.get(name)
    if chosen is ALL or chosen == name or summary is None:
        importlib.import_module(module).register(subparsers)
    else:
        subparsers.add_parser(name, help=summary, add_help=False, formatter_class=_Formatter)


def chosen_command(argv: Sequence[str]) -> str:
    """The subcommand named in ``argv`` (``""`` for none): its first word that is no option.

    The main parser's own options (``-h``, ``--version``) take no value, so that word is the
    subcommand whenever there is one.
    """
    return next((word for word in argv if not word.startswith("-")), "")


def version() -> str:
    """The installed kadermodel version (``onbekend`` when not installed)."""
    from importlib import metadata  # here: importing it costs start-up time on every command

    try:
        return metadata.version("kadermodel")
    except metadata.PackageNotFoundError:
        return "onbekend"


class _VersionAction(argparse.Action):
    """``--version``: looks the version up only when asked."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: Any = argparse.SUPPRESS,
        help: str | None = None,
    ):
        super().__init__(option_strings, dest, nargs=0, default=default, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        sys.stdout.write(f"{PROG} {version()}\n")
        parser.exit()


# ------------------------------------------------------------------ subcommands


def load_kader_reporting(path: str, extensions: Sequence[str]) -> m.Kader:
    """Load a kader with its extensions; warnings (e.g. a weakened plateau 2) go to stderr."""
    kader = load_kader(path, extensions=extensions)
    for warning in kader.warnings:
        source = kader.sources.get(warning.span.file) if warning.span else None
        print(warning.render(source), file=sys.stderr)
    return kader


def load_facts_reporting(path: str | Path, kader: m.Kader) -> Facts:
    """Load a facts file; warnings (e.g. a fact under its former name) go to stderr."""
    facts = load_facts(path, kader)
    report_facts_warnings(facts)
    return facts


def report_facts_warnings(facts: Facts) -> None:
    """Print the warnings found while reading ``facts`` (if any) to stderr."""
    if facts.warnings:
        print(facts.warnings_text(), file=sys.stderr)


def assessment_of(args: argparse.Namespace) -> Assessment:
    kader = load_kader_reporting(args.kader, args.uitbreiding)
    facts = load_facts_reporting(args.feiten, kader)
    return assess(kader, facts, args.peildatum)


def output_option(group: argparse._ArgumentGroup) -> None:
    group.add_argument(
        "-o",
        "--output",
        metavar="BESTAND",
        help="schrijf de uitvoer naar dit bestand in plaats van naar het scherm",
    )


def write_output(path: str | None, text: str, out: IO[str]) -> None:
    """Write ``text`` to ``out``, or atomically to the file ``path`` (``-`` is ``out``)."""
    if path is None or path == "-":
        out.write(text)
        return
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        # surrogateescape: see _write_file_names_as_given
        temporary.write_text(text, encoding="utf-8", errors="surrogateescape")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes_output(path: str, data: bytes) -> None:
    """Write ``data`` atomically to the file ``path`` (a binary format such as XLSX)."""
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_json(out: IO[str], data: Any) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


class UsageError(Exception):
    """A wrong value that only shows once the kader is loaded (e.g. an unknown thema)."""


def _run_explain(args: argparse.Namespace, out: IO[str]) -> int:
    result = assessment_of(args)
    thema = args.thema
    if thema is not None and thema not in result.kader.themas:
        hint = suggest(thema, result.kader.themas)
        raise UsageError(
            f"onbekend thema '{thema}'; thema's in dit kader: "
            + ", ".join(result.kader.themas)
            + (f"\n  bedoelde je '{hint}'?" if hint else "")
        )
    from kadermodel.report.explanation import explanation_json, explanation_text

    if args.format == "json":
        write_json(out, stamped(args, explanation_json(result, thema)))
    else:
        text = explanation_text(result, thema)
        out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _run_impact(args: argparse.Namespace, out: IO[str]) -> int:
    from kadermodel.extend.impact import impact
    from kadermodel.report.impact import impact_json, impact_text

    base = load_kader(args.basis)
    extended = load_kader_reporting(args.basis, args.uitbreiding)
    # Facts are read against the extended kader (it knows every fact); impact() re-encodes
    # them for the base kader.
    facts = [load_facts_reporting(path, extended) for path in args.feiten]
    found = impact(base, extended, facts)
    if args.format == "json":
        write_json(out, impact_json(found))
    else:
        text = impact_text(found)
        out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def _run_check(args: argparse.Namespace, out: IO[str]) -> int:
    if args.format == "text":
        kader = load_kader_reporting(args.kaderbestand, args.uitbreiding)
        out.write(kader_summary(kader, args.kaderbestand))
        return EXIT_OK
    from kadermodel.report.diagnostics import diagnostics_document

    # JSON and SARIF: the diagnostics as data on stdout (errors and warnings alike).
    try:
        found = list(load_kader(args.kaderbestand, extensions=args.uitbreiding).warnings)
        code = EXIT_OK
    except KaderError as error:
        found, code = list(error.diagnostics), EXIT_ERROR
    write_json(out, diagnostics_document(args.format, found, version()))
    return code


def _para(text: str) -> str:
    return "\n".join(wrap(text))


# ------------------------------------------------------------------ entry point


def _os_error_text(error: OSError) -> str:
    reason = os_error_reason(error)
    where = f"'{error.filename}'" if error.filename else "een bestand"
    return f"{PROG}: fout: kan {where} niet lezen of schrijven: {reason}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``kadermodel`` command; returns the exit code."""
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(chosen_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse: --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else EXIT_ERROR
    if getattr(args, "run", None) is None:  # a bare `kadermodel`: the help, and success
        parser.print_help(sys.stdout)
        return EXIT_OK
    run: Callable[[argparse.Namespace, IO[str]], int] = args.run
    _write_file_names_as_given()
    try:
        return run(args, sys.stdout)
    except KaderError as error:
        print(str(error), file=sys.stderr)
    except UsageError as error:
        print(f"{PROG}: fout: {error}", file=sys.stderr)
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; nothing left to say.
        _silence_stdout()
        return EXIT_OK
    except OSError as error:
        print(_os_error_text(error), file=sys.stderr)
    except KeyboardInterrupt:
        print(f"{PROG}: afgebroken", file=sys.stderr)
        return 130
    return EXIT_ERROR


def _write_file_names_as_given() -> None:
    """A file name that is not valid UTF-8 reaches Python with its bytes as surrogates
    (PEP 383); write them back as those bytes, the name the user typed, instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="surrogateescape")


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
