"""Facts whose answer is *verouderd*: established longer ago than a maximum age.

A facts file may give per fact the date its answer was established (``vastgesteld:``). An
answer older than ``max_age_months`` (default :data:`MAX_AGE_MONTHS`) before the peildatum
is stale: it still counts, every report lists it, and an intake asks it again first.
"""

from __future__ import annotations

import datetime as dt

import attrs

from kadermodel import model as m
from kadermodel.facts.core import Facts
from kadermodel.model import subtract

MAX_AGE_MONTHS = 24
"""How old an answer may be, in months before the peildatum, before it is *verouderd*."""


@attrs.frozen
class StaleFact:
    """A known fact whose answer was established before the cut-off date."""

    name: str
    established: dt.date
    source: str | None
    """The fact's ``bronnen`` entry, when given."""


def max_age_of(kader: m.Kader, given: int | None = None) -> int:
    """The maximum age in months: ``given`` (the command line), else the kader's own
    (``verouderd na`` in its header), else :data:`MAX_AGE_MONTHS`."""
    if given is not None:
        return given
    own = kader.stale_after_months
    return MAX_AGE_MONTHS if own is None else own


def cutoff(peildatum: dt.date, max_age_months: int = MAX_AGE_MONTHS) -> dt.date:
    """The earliest date an answer may be established on and still be current."""
    return subtract(peildatum, max_age_months, "maand")


def stale_facts(
    facts: Facts, peildatum: dt.date, max_age_months: int = MAX_AGE_MONTHS
) -> tuple[StaleFact, ...]:
    """The known facts established before :func:`cutoff`, in declaration order."""
    first = cutoff(peildatum, max_age_months)
    return tuple(
        StaleFact(name, facts.established[name], facts.bronnen.get(name))
        for name, value in facts.values.items()
        if value is not None and name in facts.established and facts.established[name] < first
    )
