"""An intake session: ask a municipality one question at a time until every thema is decided.

The state is the answers so far; every step returns a new, frozen :class:`Intake`, so a
terminal questionnaire and a web service can share it (a web service keeps the answers, for
example in the facts file, and rebuilds the session per request). Questions come from
:func:`~kadermodel.explanation.question.next_question` (the most decisive open question first).

A fact is in one of three states:

- answered with a value;
- answered ``weet niet`` (:data:`DONT_KNOW`): asked, the answer is not known. It counts as
  unknown, is written to the facts file (``feit: weet niet``) and is never asked again,
  unless the person goes back to it;
- not asked yet (also: skipped with :meth:`Intake.skip`, which lasts for this session only).

Facts inherited from a region (``regio:``, :mod:`kadermodel.facts.regio`) count as answered:
they are known and not asked. They stay the region's (:attr:`Facts.inherited`), so a facts
file written from the session (:func:`kadermodel.facts.template.facts_file_text`) keeps
``regio:`` and does not copy them; a person who goes back to one and answers it makes the
answer the municipality's own.

The session ends (:attr:`Intake.done`) when every thema's plateau is decided, or when no
question is left whose answer can still move a plateau range (every open fact was answered
``weet niet`` or skipped).

>>> import datetime as dt
>>> from kadermodel import parse_kader
>>> kader = parse_kader('''
... kader voorbeeld { titel "Voorbeeld" }
... feit a: ja_nee
...     vraag "Is a zo?"
... feit n: aantal
... thema t "Thema" {
...     plateau 1 { bouwsteen b "A." als a }
...     plateau 2 { bouwsteen c "Vaak." als n >= 3 }
... }
... ''')
>>> intake = Intake.start(kader, peildatum=dt.date(2026, 6, 30))
>>> intake.question.fact, intake.question.vraag
('a', 'Is a zo?')
>>> intake = intake.answer(True)
>>> intake.question.fact
'n'
>>> intake = intake.answer(DONT_KNOW)
>>> intake.done, intake.finished, str(intake.assessment.plateau("t"))
(True, 'no_questions', 'minimaal 1, mogelijk 2')
>>> intake = intake.back()
>>> intake.question.fact, intake.question.previous
('n', <DontKnow.DONT_KNOW: 'weet niet'>)
>>> intake.answer(3).finished
'decided'
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from kadermodel import model as m
from kadermodel.engine.evaluate import Assessment, evaluate
from kadermodel.engine.graph import impact
from kadermodel.errors import Diagnostic, FactsError
from kadermodel.explanation.question import next_question
from kadermodel.facts.core import DONT_KNOW as DONT_KNOW_TEXT
from kadermodel.facts.core import Facts, build_facts
from kadermodel.facts.stale import max_age_of, stale_facts
from kadermodel.facts.value import carry_regio
from kadermodel.logic import Truth


class DontKnow(enum.Enum):
    """The answer *weet niet*: asked, and the municipality does not know."""

    DONT_KNOW = DONT_KNOW_TEXT

    def __str__(self) -> str:
        return self.value


DONT_KNOW = DontKnow.DONT_KNOW
"""The *weet niet* answer (a singleton)."""

AnswerValue = m.FactValue | DontKnow
"""What a person can answer: a value of the fact's type, or :data:`DONT_KNOW`."""


@attrs.frozen
class Answer:
    """One answered question."""

    fact: str
    value: AnswerValue


@attrs.frozen
class IntakeQuestion:
    """The question to ask now, with what a form needs to show it."""

    number: int
    """1 for the first question; a question revisited with :meth:`Intake.back` keeps its
    place."""
    fact: str
    vraag: str
    """The kader's ``vraag`` for this fact (the fact's name when the kader has none)."""
    type: m.FactType
    expected: str
    """How to answer, in Dutch (``ja of nee``, ``een geheel getal van 0 of meer``)."""
    options: tuple[str, ...]
    """The allowed answers of a ja_nee, keuze or verzameling fact, in order; empty otherwise."""
    thema: str
    """The (first) thema whose plateau range the answer can move."""
    themas: tuple[str, ...]
    """Every undecided thema whose range the answer can move."""
    bouwstenen: tuple[str, ...]
    """The open bouwstenen (qualified ids) the answer can still decide."""
    why: str
    """A short Dutch "waarom vragen we dit?": which thema's and bouwstenen it can move."""
    previous: AnswerValue | None = None
    """The answer given before, when the person went back to this question."""


Finished = Literal["decided", "no_questions"]


@attrs.frozen(eq=False, slots=False)
class Intake:
    """An intake session; every step returns a new session (see the module docstring)."""

    kader: m.Kader
    peildatum: dt.date
    answers: tuple[Answer, ...] = ()
    """In the order given (a resumed file's answers first, in declaration order)."""
    skipped: frozenset[str] = frozenset()
    """Facts skipped in this session (not asked again in it; not written anywhere)."""
    cursor: int | None = None
    """After :meth:`back`: the index in ``answers`` of the question being revisited."""
    base: Facts | None = None
    """The facts the session started from (gemeente, bronnen and the like carry over)."""
    recheck: tuple[str, ...] = ()
    """Answered facts whose answer is *verouderd* (:mod:`kadermodel.facts.stale`): asked
    again first, in this order, with the old answer shown."""
    confirmed: frozenset[str] = frozenset()
    """Facts answered in this session: their ``vastgesteld`` date becomes ``today``."""
    today: dt.date = attrs.field(factory=dt.date.today)
    """The date written as ``vastgesteld`` for the answers of this session."""

    # ------------------------------------------------------------ building

    @classmethod
    def start(
        cls,
        kader: m.Kader,
        facts: Facts | None = None,
        *,
        peildatum: dt.date | None = None,
        max_age_months: int | None = None,
        today: dt.date | None = None,
    ) -> Intake:
        """A session on ``kader``, resuming ``facts`` (its values and *weet niet* answers).

        The peildatum is the argument, else the facts' own, else today. Answers established
        more than ``max_age_months`` before the peildatum are asked again first (None: the
        kader's ``verouderd na``, else 24).
        """
        answers: list[Answer] = []
        if facts is not None:
            if facts.layout is not kader.feiten:
                raise ValueError("facts were read for another kader")
            for name, value in facts.values.items():
                if value is not None:
                    answers.append(Answer(name, value))
                elif name in facts.dont_know:
                    answers.append(Answer(name, DONT_KNOW))
        day = peildatum or (facts.peildatum if facts is not None else None) or dt.date.today()
        months = max_age_of(kader, max_age_months)
        stale = () if facts is None else stale_facts(facts, day, months)
        return cls(
            kader,
            day,
            tuple(answers),
            base=facts,
            recheck=tuple(s.name for s in stale),
            today=today or dt.date.today(),
        )

    # ------------------------------------------------------------ derived state

    @functools.cached_property
    def facts(self) -> Facts:
        """The answers as facts (*weet niet* answers in ``dont_know``), keeping the base's
        gemeente, peildatum, bronnen and source."""
        values = {a.fact: a.value for a in self.answers if not isinstance(a.value, DontKnow)}
        dont_know = [a.fact for a in self.answers if isinstance(a.value, DontKnow)]
        base = self.base
        established = dict(base.established) if base else {}
        for name in self.confirmed:
            established[name] = self.today
        found = build_facts(
            self.kader,
            values,
            gemeente=base.gemeente if base else None,
            peildatum=self.peildatum,
            bronnen=base.bronnen if base else None,
            source=base.source if base else "<vragenlijst>",
            dont_know=dont_know,
            established={
                a.fact: established[a.fact]
                for a in self.answers
                if a.fact in established and not isinstance(a.value, DontKnow)
            },
        )
        # Inherited facts (regio:) stay the region's until answered in this session.
        return found if base is None else carry_regio(found, base, self.confirmed)

    @functools.cached_property
    def assessment(self) -> Assessment:
        """The assessment of the answers so far (*weet niet* counts as unknown)."""
        return evaluate(self.kader, self.facts, self.peildatum)

    @property
    def asked(self) -> frozenset[str]:
        """Facts answered, with a value or *weet niet*."""
        return frozenset(a.fact for a in self.answers)

    @functools.cached_property
    def question(self) -> IntakeQuestion | None:
        """The question to ask now, or ``None`` when the session is done."""
        if self.cursor is not None:
            answer = self.answers[self.cursor]
            return _question(self, answer.fact, self.cursor + 1, answer.value)
        if self.recheck:
            position = next(i for i, a in enumerate(self.answers) if a.fact == self.recheck[0])
            return _question(self, self.recheck[0], position + 1, self.answers[position].value)
        held = {a.fact for a in self.answers if isinstance(a.value, DontKnow)} | self.skipped
        found = next_question(self.assessment, exclude=held)
        if found is None:
            return None
        return _question(self, found.fact, len(self.answers) + 1, None)

    @property
    def done(self) -> bool:
        return self.question is None

    @property
    def finished(self) -> Finished | None:
        """Why the session ended: every thema ``decided``, or ``no_questions`` left that can
        move a range; ``None`` while it goes on."""
        if not self.done:
            return None
        if all(t.plateau.decided for t in self.assessment.themas.values()):
            return "decided"
        return "no_questions"

    @property
    def can_go_back(self) -> bool:
        return bool(self.answers) and self.cursor != 0

    # ------------------------------------------------------------ steps

    def answer(self, value: AnswerValue) -> Intake:
        """Answer the current question (raises :class:`FactsError` for a value that does not
        fit the fact's type, with the messages of a facts file)."""
        question = self.question
        if question is None:
            raise ValueError("the intake is done: there is no question to answer")
        if not isinstance(value, DontKnow):
            build_facts(self.kader, {question.fact: value})
        given = Answer(question.fact, value)
        confirmed = self.confirmed | {question.fact}
        recheck = tuple(f for f in self.recheck if f != question.fact)
        if self.cursor is not None or self.recheck:
            answers = list(self.answers)
            answers[question.number - 1] = given
            if self.cursor is not None:
                return attrs.evolve(
                    self,
                    answers=tuple(answers),
                    cursor=self._forward(),
                    confirmed=confirmed,
                    recheck=recheck,
                )
            return attrs.evolve(self, answers=tuple(answers), recheck=recheck, confirmed=confirmed)
        return attrs.evolve(self, answers=(*self.answers, given), confirmed=confirmed)

    def skip(self) -> Intake:
        """Go on without answering: a new question is set aside for this session; a
        revisited one keeps its answer."""
        question = self.question
        if question is None:
            raise ValueError("the intake is done: there is no question to skip")
        if self.cursor is not None:
            return attrs.evolve(self, cursor=self._forward())
        if self.recheck:
            return attrs.evolve(self, recheck=self.recheck[1:])
        return attrs.evolve(self, skipped=self.skipped | {question.fact})

    def back(self) -> Intake:
        """Go to the previous answered question; its answer is kept until changed. At the
        first answer (or with none) nothing changes."""
        if not self.can_go_back:
            return self
        cursor = len(self.answers) - 1 if self.cursor is None else self.cursor - 1
        return attrs.evolve(self, cursor=cursor)

    def _forward(self) -> int | None:
        assert self.cursor is not None
        following = self.cursor + 1
        return following if following < len(self.answers) else None


# ---------------------------------------------------------------- questions


def _question(
    intake: Intake, fact: str, number: int, previous: AnswerValue | None
) -> IntakeQuestion:
    kader = intake.kader
    feit = kader.feiten[fact]
    assessment = intake.assessment
    undecided = [t for t, r in assessment.themas.items() if not r.plateau.decided]
    reached = set(impact(kader, fact))
    themas = tuple(t for t in undecided if t in reached)
    bouwstenen = tuple(
        qid
        for qid in _open_bouwstenen(assessment, themas)
        if qid in reached and assessment.truth(qid) is Truth.UNKNOWN
    )
    return IntakeQuestion(
        number=number,
        fact=fact,
        vraag=feit.vraag or fact,
        type=feit.type,
        expected=feit.type.expected_form(),
        options=options_of(feit.type),
        thema=themas[0] if themas else next(iter(kader.themas)),
        themas=themas,
        bouwstenen=bouwstenen,
        why=why_text(kader, themas, bouwstenen),
        previous=previous,
    )


def _open_bouwstenen(assessment: Assessment, themas: Iterable[str]) -> list[str]:
    """Bouwstenen of the plateaus between each thema's low and high, in kader order."""
    found: list[str] = []
    for thema in themas:
        plateau = assessment.plateau(thema)
        for level in assessment.kader.themas[thema].plateaus[plateau.low : plateau.high]:
            found.extend(level.bouwstenen)
    return found


def options_of(type_: m.FactType) -> tuple[str, ...]:
    """The answers a form offers for a fact of this type (none for numbers and dates)."""
    if type_.kind == "ja_nee":
        return ("ja", "nee")
    return type_.values


def _listing(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def why_text(kader: m.Kader, themas: Sequence[str], bouwstenen: Sequence[str]) -> str:
    """The Dutch "waarom vragen we dit?" for a question that can move these."""
    if not themas:
        return "Dit antwoord verandert de stand niet meer, maar maakt het beeld vollediger."
    names = [kader.themas[t].title for t in themas]
    text = "Uw antwoord kan de stand nog veranderen bij " + _listing(names) + "."
    if bouwstenen:
        parts = [
            f"'{kader.bouwstenen[q].name.replace('_', ' ')}' "
            f"(plateau {kader.bouwstenen[q].plateau})"
            for q in bouwstenen[:4]
        ]
        more = len(bouwstenen) - len(parts)
        word = "bouwsteen" if len(bouwstenen) == 1 else "bouwstenen"
        text += f" Het gaat om de {word} " + _listing(parts)
        text += f" en nog {more} meer." if more else "."
    return text


# ---------------------------------------------------------------- answers as text

_SPLIT = re.compile(r"\s*[,;]\s*")
_EMPTY_SET = frozenset({"geen", "leeg", "-"})


def parse_answer(kader: m.Kader, fact: str, text: str) -> AnswerValue:
    """An answer typed by a person: ``weet niet``, a value as in a facts file, or for a
    keuze or verzameling the number of an option (``2``; ``1, 3`` for several; ``geen`` for
    none). Raises :class:`FactsError` with the messages of a facts file."""
    feit = kader.feiten[fact]
    raw = " ".join(text.strip().split())
    if raw.lower() == DONT_KNOW_TEXT:
        return DONT_KNOW
    if not raw:
        raise FactsError(
            [
                Diagnostic(
                    "F202",
                    f"geen antwoord gegeven voor feit '{fact}'",
                    None,
                    hint=f"verwacht: {feit.type.expected_form()} (of weet niet)",
                )
            ]
        )
    value: object = raw
    if feit.type.kind == "keuze":
        value = _option(feit.type, raw)
    elif feit.type.kind == "verzameling":
        words = [w for w in _SPLIT.split(raw) if w]
        if len(words) == 1 and all(w.isdigit() for w in raw.split()):
            words = raw.split()
        if len(words) == 1 and words[0].lower() in _EMPTY_SET and words[0] not in feit.type.values:
            value = []
        else:
            value = [_option(feit.type, w) for w in words]
    elif feit.type.kind == "ja_nee":
        value = raw.lower()
    parsed = build_facts(kader, {fact: value}).values[fact]
    assert parsed is not None
    return parsed


def _option(type_: m.FactType, word: str) -> str:
    """A keuze word: its number (1-based) or its name (spaces read as underscores)."""
    if word.isdigit() and 1 <= int(word) <= len(type_.values):
        return type_.values[int(word) - 1]
    name = word.strip().lower().replace(" ", "_")
    if name in type_.values:
        return name
    if word.isdigit():
        raise FactsError(
            [
                Diagnostic(
                    "F202",
                    f"er is geen keuze {word}; kies een nummer van 1 tot en met "
                    f"{len(type_.values)}",
                    None,
                    hint="verwacht: " + type_.expected_form(),
                )
            ]
        )
    return word
