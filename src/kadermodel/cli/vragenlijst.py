"""``kadermodel vragenlijst``: an interactive questionnaire in the terminal, in Dutch.

One question at a time from :class:`kadermodel.explanation.intake.Intake`; the facts file is
written (atomically) after every answer, so Ctrl-C or a crash loses nothing, and starting
on an existing file goes on where it stopped. After every answer the plateau range of every
thema is shown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import sys
from pathlib import Path
from typing import IO, Any

from kadermodel import model as m
from kadermodel.cli.app import (
    EXIT_OK,
    PROG,
    kader_options,
    load_kader_reporting,
    peildatum_option,
    stale_option,
    subparser,
)
from kadermodel.engine.controles import failed_controles
from kadermodel.errors import FactsError
from kadermodel.explanation.intake import (
    DONT_KNOW,
    AnswerValue,
    DontKnow,
    Intake,
    IntakeQuestion,
    parse_answer,
)
from kadermodel.facts.atomic import write_text_atomically
from kadermodel.facts.core import Facts, build_facts, load_facts
from kadermodel.facts.stale import max_age_of
from kadermodel.facts.template import facts_file_text
from kadermodel.facts.value import carry_regio
from kadermodel.report.textfmt import count, plateau_phrase, wrap

DEFAULT_FILE = "feiten.yaml"

_EPILOG = """\
voorbeelden:
  kadermodel vragenlijst
  kadermodel vragenlijst mijn_gemeente.yaml --gemeente Voorbeeldstad
  kadermodel vragenlijst mijn_gemeente.yaml --uitbreiding regio.kader

Antwoord met ja of nee, een getal, een datum (jjjj-mm-dd) of het nummer van een keuze.
Typ ook:
  weet niet   u weet het antwoord niet (de vraag komt niet terug)
  terug       naar de vorige vraag (uw antwoorden blijven bewaard)
  overslaan   deze vraag nu overslaan
  stop        stoppen; later gaat u verder waar u bent gebleven
  ?           uitleg bij de vraag
"""

_COMMANDS = """\
Typ het antwoord en druk op Enter. Andere mogelijkheden:
  weet niet   u weet het antwoord niet (de vraag komt niet terug)
  terug       naar de vorige vraag (uw antwoorden blijven bewaard)
  overslaan   deze vraag nu overslaan
  stop        stoppen; later gaat u verder waar u bent gebleven
  ?           uitleg bij deze vraag"""


def register(subparsers: Any) -> None:
    parser, positionals, group = subparser(
        subparsers,
        "vragenlijst",
        "vul de feiten in met een vragenlijst",
        "Stel de vragen van het kader een voor een, de belangrijkste eerst, tot elk thema "
        "een vast plateau heeft. Na elk antwoord staat alles in het feitenbestand; wie "
        "stopt, gaat later verder waar hij was.",
        _EPILOG,
    )
    positionals.add_argument(
        "feiten",
        metavar="FEITEN.yaml",
        nargs="?",
        default=DEFAULT_FILE,
        help=f"het feitenbestand om in te vullen of aan te vullen (standaard: {DEFAULT_FILE})",
    )
    kader_options(group)
    peildatum_option(group)
    stale_option(group)
    group.add_argument(
        "--gemeente",
        metavar="NAAM",
        help="de naam van de gemeente (anders wordt ernaar gevraagd bij een nieuw bestand)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    kader = load_kader_reporting(args.kader, args.uitbreiding)
    return questionnaire(
        kader,
        Path(args.feiten),
        sys.stdin,
        out,
        peildatum=args.peildatum,
        gemeente=args.gemeente,
        max_age_months=args.verouderd_na,
    )


class _Console:
    def __init__(self, inp: IO[str], out: IO[str]):
        self.inp = inp
        self.out = out

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def para(self, text: str, first: str = "", rest: str | None = None) -> None:
        for line in wrap(text, first, rest):
            self.say(line)

    def ask(self, prompt: str) -> str | None:
        """A line typed by the user, or None at the end of input (Ctrl-D)."""
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.say()
            return None
        return line.strip()


def questionnaire(
    kader: m.Kader,
    path: Path,
    inp: IO[str],
    out: IO[str],
    *,
    peildatum: dt.date | None = None,
    gemeente: str | None = None,
    max_age_months: int | None = None,
) -> int:
    """Run the questionnaire on ``path``; returns the exit code."""
    console = _Console(inp, out)
    max_age_months = max_age_of(kader, max_age_months)
    if path.exists():
        facts = load_facts(path, kader)
        if facts.warnings:
            out.write(facts.warnings_text() + "\n")
        if gemeente is not None:
            facts = _renamed(kader, facts, gemeente)
        intake = Intake.start(kader, facts, peildatum=peildatum, max_age_months=max_age_months)
        console.say(f"Verder met {path}:")
        inherited = len(facts.inherited)
        console.say(count(len(intake.answers) - inherited, "vraag", "vragen") + " al beantwoord.")
        if facts.regions:
            console.para(
                count(inherited, "antwoord komt", "antwoorden komen")
                + f" van de regio ({', '.join(facts.regions)}); die worden niet gevraagd en "
                "niet in dit bestand gezet."
            )
        if intake.recheck:
            console.para(
                count(len(intake.recheck), "antwoord is", "antwoorden zijn")
                + f" ouder dan {max_age_months} maanden; die vragen komen eerst terug."
            )
    else:
        console.say(f"Nieuw feitenbestand: {path}")
        if gemeente is None:
            typed = console.ask("Voor welke gemeente vult u de vragenlijst in? ")
            if typed is None:
                console.say("Gestopt; er is niets bewaard.")
                return EXIT_OK
            gemeente = typed or None
        facts = build_facts(kader, {}, gemeente=gemeente, source=str(path))
        intake = Intake.start(kader, facts, peildatum=peildatum)
    console.para(f"Kader: {kader.title}. Peildatum: {intake.peildatum.isoformat()}.")
    console.para(
        "Na elk antwoord wordt het bestand bewaard. Typ ? voor uitleg, 'stop' om te stoppen."
    )
    _save(intake, path)
    while True:
        question = intake.question
        if question is None:
            _finish(console, intake, path)
            return EXIT_OK
        console.say()
        _show(console, intake, question)
        reply = _read_answer(console, intake, question)
        if reply is None or reply is _Command.STOP:
            console.say()
            console.say(f"Gestopt. De antwoorden staan in {path}")
            console.say("Later verder gaan kan met:")
            console.say(f"  {PROG} vragenlijst {path}")
            return EXIT_OK
        if reply is _Command.BACK:
            if not intake.can_go_back:
                console.say("Dit is de eerste vraag; verder terug kan niet.")
            intake = intake.back()
            continue
        if reply is _Command.SKIP:
            intake = intake.skip()
            continue
        intake = intake.answer(reply)
        _save(intake, path)
        _show_ranges(console, intake)


def _renamed(kader: m.Kader, facts: Facts, gemeente: str) -> Facts:
    renamed = build_facts(
        kader,
        facts.known,
        gemeente=gemeente,
        peildatum=facts.peildatum,
        bronnen=facts.bronnen,
        source=facts.source,
        dont_know=facts.dont_know,
        established=facts.established,
    )
    return carry_regio(renamed, facts)


def _save(intake: Intake, path: Path) -> None:
    write_text_atomically(path, facts_file_text(intake.kader, intake.facts))


def _show(console: _Console, intake: Intake, question: IntakeQuestion) -> None:
    kader = intake.kader
    console.para(f"Vraag {question.number} · {kader.themas[question.thema].title}")
    console.para(question.vraag)
    console.say(f"  (feit: {question.fact})")
    if question.type.kind in ("keuze", "verzameling"):
        for number, option in enumerate(question.options, 1):
            console.say(f"  {number}. {option.replace('_', ' ')}")
    if question.fact in intake.recheck and intake.cursor is None:
        console.para("Dit antwoord is verouderd. Klopt het nog?")
    if question.previous is not None:
        console.para(
            f"Eerder antwoord: {_shown(question.previous)}. Druk op Enter om het te houden."
        )


def _prompt(question: IntakeQuestion) -> str:
    kind = question.type.kind
    if kind == "ja_nee":
        return "Antwoord (ja/nee): "
    if kind == "keuze":
        return f"Antwoord (1-{len(question.options)}): "
    if kind == "verzameling":
        return f"Antwoord (nummers 1-{len(question.options)}, met komma's; of geen): "
    if kind == "aantal":
        return "Antwoord (een getal): "
    return "Antwoord (jjjj-mm-dd): "


class _Command(enum.Enum):
    STOP = "stop"
    BACK = "terug"
    SKIP = "overslaan"


def _read_answer(
    console: _Console, intake: Intake, question: IntakeQuestion
) -> AnswerValue | _Command | None:
    """An answer, a command (``stop``, ``terug``, ``overslaan``), or None (end of input)."""
    while True:
        typed = console.ask(_prompt(question))
        if typed is None:
            return None
        word = " ".join(typed.lower().split())
        if word in ("stop", "terug", "overslaan"):
            return _Command(word)
        if word in ("?", "help", "hulp", "uitleg"):
            _explain(console, intake, question)
            continue
        if not word and question.previous is not None:
            return _Command.SKIP
        try:
            return parse_answer(intake.kader, question.fact, typed)
        except FactsError as error:
            for diagnostic in error.diagnostics:
                console.para("Dat kan niet: " + diagnostic.message + ".", "", "  ")
                if diagnostic.hint:
                    console.para(diagnostic.hint[0].upper() + diagnostic.hint[1:] + ".", "  ")
                if diagnostic.suggestion:
                    console.say(f"  Bedoelde u '{diagnostic.suggestion}'?")


def _explain(console: _Console, intake: Intake, question: IntakeQuestion) -> None:
    console.para("Waarom vragen we dit? " + question.why)
    for qid in question.bouwstenen:
        block = intake.kader.bouwstenen[qid]
        console.para(
            f"{block.name.replace('_', ' ')} (plateau {block.plateau}): {block.text}", "- ", "  "
        )
    console.say(_COMMANDS)


def _shown(value: AnswerValue) -> str:
    if isinstance(value, DontKnow):
        return str(DONT_KNOW)
    return m.format_value(value)


def _show_ranges(console: _Console, intake: Intake) -> None:
    console.say("Stand nu:")
    for result in intake.assessment.themas.values():
        console.para(
            f"{result.title}: {plateau_phrase(result.plateau, result.top)}", "  - ", "    "
        )
    for failed in failed_controles(intake.assessment):
        # a controle that fails: the answers contradict each other (a warning, no plateau)
        console.para(f"Let op: {failed.controle.text}", "", "  ")


def _finish(console: _Console, intake: Intake, path: Path) -> None:
    console.say()
    if intake.finished == "decided":
        console.para("Klaar: elk thema heeft een vast plateau.")
    else:
        dont_know = len(intake.facts.dont_know)
        console.para(
            "Klaar: er zijn geen vragen meer die de uitkomst kunnen veranderen. "
            + count(dont_know, "vraag is", "vragen zijn")
            + " beantwoord met 'weet niet'; daardoor blijft de uitkomst een bereik."
        )
    console.say("Uitkomst:")
    for result in intake.assessment.themas.values():
        console.para(
            f"{result.title}: {plateau_phrase(result.plateau, result.top)}", "  - ", "    "
        )
    console.say(f"De antwoorden staan in {path}")
    console.say("De hele uitkomst, met uitleg, ziet u met:")
    console.say(f"  {PROG} assess {path} --uitleg")
