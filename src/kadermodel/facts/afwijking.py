"""Afwijkingen (comply or explain): a municipality records why a bouwsteen is met another way.

A facts file may give per bouwsteen (its qualified id, ``thema.bouwsteen``, as everywhere in
kadermodel) the reason, who approved it and until when it holds::

    afwijkingen:
      signalering.tendensen:
        reden: "De regio maakt elk jaar een trendanalyse voor alle gemeenten."
        goedgekeurd_door: "College van B en W, besluit 2026/112"
        geldig_tot: 2027-12-31

An afwijking that is valid on the peildatum (``geldig_tot`` on or after it) makes the
bouwsteen count as met ("voldaan via afwijking"), in the compiled plan and in the reference
interpreter alike, so the plateaus and every bouwsteen that builds on it follow. An expired
one is ignored, with a warning in every report. A bouwsteen the kader marks ``geen
afwijking`` cannot have one (F214); an unknown id is F213; a malformed entry F215.

Afwijkingen are the municipality's own decisions: they are not inherited from a region.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from kadermodel import model as m
from kadermodel.errors import suggest

FIELDS = ("reden", "goedgekeurd_door", "geldig_tot")
"""The keys of one afwijking, all required."""


@attrs.frozen
class Afwijking:
    """Why a bouwsteen does not apply or is met another way, and until when."""

    bouwsteen: str
    """The qualified bouwsteen id (``thema.bouwsteen``)."""
    reden: str
    goedgekeurd_door: str
    geldig_tot: dt.date

    def valid_on(self, day: dt.date) -> bool:
        """Whether the afwijking holds on ``day`` (``geldig_tot`` is the last valid day)."""
        return day <= self.geldig_tot


def valid(afwijkingen: Mapping[str, Afwijking], day: dt.date) -> dict[str, Afwijking]:
    """The afwijkingen that hold on ``day``, by bouwsteen id."""
    return {qid: a for qid, a in afwijkingen.items() if a.valid_on(day)}


def expired(afwijkingen: Mapping[str, Afwijking], day: dt.date) -> dict[str, Afwijking]:
    """The afwijkingen that no longer hold on ``day`` (ignored, with a warning)."""
    return {qid: a for qid, a in afwijkingen.items() if not a.valid_on(day)}


def problem(kader: m.Kader, qid: str) -> tuple[str, str, str | None, str | None] | None:
    """Why ``kader`` refuses an afwijking for ``qid``: (code, message, hint, suggestion)."""
    bouwsteen = kader.bouwstenen.get(qid)
    if bouwsteen is None:
        named = [q for q in kader.bouwstenen if q.split(".", 1)[1] == qid]
        return (
            "F213",
            f"onbekende bouwsteen '{qid[:200]}' onder 'afwijkingen'",
            "noem de bouwsteen als thema.bouwsteen, bijvoorbeeld signalering.tendensen",
            named[0] if len(named) == 1 else suggest(qid[:200], list(kader.bouwstenen)),
        )
    if not bouwsteen.afwijking_toegestaan:
        return (
            "F214",
            f"voor bouwsteen '{qid}' staat het kader geen afwijking toe",
            "het kader zegt bij deze bouwsteen 'geen afwijking': vul de feiten in, of haal "
            "de afwijking weg",
            None,
        )
    return None
