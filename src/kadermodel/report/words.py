"""The plain Dutch words the reports for people share (HTML report, letter, overview).

One place for the labels of a bouwsteen's state, the sentence that says where a thema stands,
a fact's answer in words and the standard disclaimer, so every renderer speaks alike and the
tone stays that of a yardstick, not of an audit.

>>> from kadermodel.engine.evaluate import PlateauProgress, PlateauRange, ThemaProgress
>>> plateau_words(PlateauRange(0, 0), 2)
'het basisniveau (plateau 1) is (nog) niet bereikt'
>>> plateau_words(PlateauRange(1, 2), 2)
'minimaal plateau 1, mogelijk plateau 2 (van 2)'
>>> from kadermodel.engine.evaluate import PlateauProgress, ThemaProgress
>>> progress_words(ThemaProgress("t", (PlateauProgress(1, 3, 0, 0), PlateauProgress(2, 2, 1, 0))))
'basisniveau bereikt; 2 van de 3 aanvullende bouwstenen gerealiseerd'
>>> for part in progress_words(ThemaProgress("t", (PlateauProgress(1, 2, 0, 1),))).split("; "):
...     print(part)
basisniveau: 2 van de 3 bouwstenen gerealiseerd, 1 nog onbekend
voor dit thema noemt het Kader geen aanvullende bouwstenen
"""

from __future__ import annotations

import datetime as dt

from kadermodel import model as m
from kadermodel.engine.evaluate import PlateauProgress, PlateauRange, ThemaProgress
from kadermodel.logic import Truth
from kadermodel.report.textfmt import dutch_date, join_words

DISCLAIMER = (
    "Het Kader is een meetlat, geen verplichting: het Kader bevat geen "
    "resultaatsverplichting. Deze uitkomst laat zien waar de gemeente staat en wat een "
    "volgende stap kan zijn. Onbekende feiten blijven onbekend: dan staat er een bereik."
)
"""The standard disclaimer every report for people carries."""

STATUS: dict[Truth, str] = {
    Truth.TRUE: "voldaan",
    Truth.FALSE: "nog te doen",
    Truth.UNKNOWN: "onbekend",
}
"""A bouwsteen's state as a label (beside a colour, never instead of it)."""

STATUS_KEY: dict[Truth, str] = {
    Truth.TRUE: "voldaan",
    Truth.FALSE: "te-doen",
    Truth.UNKNOWN: "onbekend",
}
"""The same state as a CSS class name."""


def plateau_words(plateau: PlateauRange, top: int) -> str:
    """Where a thema stands, in words; plateau 0 is "basisniveau (nog) niet bereikt"."""
    if plateau.decided:
        if plateau.low == 0:
            return "het basisniveau (plateau 1) is (nog) niet bereikt"
        return f"plateau {plateau.low} (van {top})"
    low = (
        "het basisniveau (plateau 1) is (nog) niet zeker bereikt"
        if plateau.low == 0
        else f"minimaal plateau {plateau.low}"
    )
    return f"{low}, mogelijk plateau {plateau.high} (van {top})"


NO_FURTHER = "voor dit thema noemt het Kader geen aanvullende bouwstenen"
"""What a thema with only plateau 1 says instead of a next plateau (the Kader encourages
gemeenten to do more, it just names no further bouwstenen there)."""


def plateau_progress_words(progress: PlateauProgress) -> str:
    """One plateau's progress: ``2 van de 3 aanvullende bouwstenen gerealiseerd, 1 nog
    onbekend`` (plateau 1 counts "bouwstenen", higher plateaus "aanvullende bouwstenen")."""
    number = progress.number
    one, many = (
        ("bouwsteen", "bouwstenen")
        if number == 1
        else ("aanvullende bouwsteen", "aanvullende bouwstenen")
    )
    where = f" van plateau {number}" if number > 2 else ""
    if progress.total == 1:
        state = (
            "is gerealiseerd"
            if progress.met
            else "is nog onbekend"
            if progress.unknown
            else "is nog niet gerealiseerd"
        )
        return f"de {one}{where} {state}"
    if progress.complete:
        every = "beide" if progress.total == 2 else f"alle {progress.total}"
        return f"{every} {many}{where} gerealiseerd"
    text = f"{progress.met} van de {progress.total} {many}{where} gerealiseerd"
    if progress.unknown:
        text += f", {progress.unknown} nog onbekend"
    return text


def further_words(progress: ThemaProgress) -> str:
    """The progress above the basisniveau; for a thema with only plateau 1 :data:`NO_FURTHER`."""
    if progress.top == 1:
        return NO_FURTHER
    return "; ".join(plateau_progress_words(p) for p in progress.plateaus[1:])


def progress_words(progress: ThemaProgress) -> str:
    """Where a thema stands per plateau: ``basisniveau bereikt; 2 van de 3 aanvullende
    bouwstenen gerealiseerd`` (the cumulative plateau number is :func:`plateau_words`)."""
    basis = progress.plateaus[0]
    first = (
        "basisniveau bereikt" if basis.complete else f"basisniveau: {plateau_progress_words(basis)}"
    )
    return f"{first}; {further_words(progress)}"


def capitalised(text: str) -> str:
    """``basisniveau bereikt`` -> ``Basisniveau bereikt``."""
    return text[:1].upper() + text[1:]


def thema_sentence(title: str, plateau: PlateauRange, top: int) -> str:
    """One sentence per thema for a summary."""
    if plateau.decided and plateau.low == top == 1:
        return f"{title}: het basisniveau (plateau 1) is bereikt."
    if plateau.decided and plateau.low == top:
        return f"{title}: het hoogste plateau ({top}) is bereikt."
    if plateau.decided and plateau.low == 0:
        return f"{title}: het basisniveau (plateau 1) is (nog) niet bereikt."
    if plateau.decided:
        return f"{title}: plateau {plateau.low} van {top} is bereikt."
    reached = (
        "het basisniveau is nog niet zeker bereikt"
        if plateau.low == 0
        else f"minimaal plateau {plateau.low} is bereikt"
    )
    return (
        f"{title}: {reached}, mogelijk plateau {plateau.high}; "
        "daarvoor zijn nog niet alle feiten bekend."
    )


def answer_words(value: m.FactValue | None) -> str:
    """A fact's value as an answer a person reads (``ja``, ``3``, ``30 juni 2026``)."""
    if value is None:
        return "nog onbekend"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return dutch_date(value)
    if isinstance(value, frozenset):
        return join_words(sorted(value)) if value else "geen"
    return str(value)


def question_of(kader: m.Kader, name: str) -> str:
    """The question behind a fact; a fact without one is named in words."""
    vraag = kader.feiten[name].vraag
    return vraag if vraag else f"Wat is de waarde van '{name.replace('_', ' ')}'?"


def provenance_words(entry: m.Herkomst) -> str:
    """An extension's change, in words (``verscherpt door regio_voorbeeld (regio.kader,
    regel 67)``)."""
    reason = f": {entry.reason}" if entry.reason else ""
    return f"{entry.action} door {entry.source} ({entry.file}, regel {entry.line}){reason}"


def extension_changes(kader: m.Kader) -> tuple[tuple[str, m.Herkomst], ...]:
    """What the uitbreidingen applied to ``kader`` changed: ``(what, provenance)`` pairs.

    ``what`` is ``parameter NAAM``, ``feit NAAM`` or a bouwsteen id; withdrawn bouwstenen
    (``vervalt``) are included. In the order of the extensions, then by line.
    """
    applied = set(kader.extensions)
    found: list[tuple[str, m.Herkomst]] = []
    for kind, items in (("feit", kader.feiten), ("parameter", kader.parameters)):
        for name, item in items.items():
            found.extend((f"{kind} {name}", h) for h in item.herkomst if h.source in applied)
    for qid, bouwsteen in (*kader.bouwstenen.items(), *kader.withdrawn.items()):
        found.extend((qid, h) for h in bouwsteen.herkomst if h.source in applied)
    order = {name: i for i, name in enumerate(kader.extensions)}
    found.sort(key=lambda c: (order[c[1].source], c[1].file, c[1].line))
    return tuple(found)
