"""(kader, many municipalities' facts) -> a stream of :class:`Assessment`: :func:`assess_many`.

The per-kader work (the facts decoder, the compiled plan, the result tables, the cut-off
dates of each peildatum) is looked up once for the whole stream instead of once per row, and
plain mappings of fact names to values go straight to the decoder.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from kadermodel import model as m
from kadermodel.engine.plan import plan_of
from kadermodel.engine.results import Assessment, results_of
from kadermodel.facts.core import Facts, facts_for
from kadermodel.facts.decoder import decoder_of

SOURCE = "<feiten>"


def assess_many(
    kader: m.Kader,
    rows: Iterable[Facts | Mapping[str, Any]],
    peildatum: dt.date | None = None,
) -> Iterator[Assessment]:
    """Assess each row's facts against ``kader``, lazily: one :class:`Assessment` per row.

    Rows are what :func:`kadermodel.assess` takes (:class:`Facts` or a mapping, plain or with
    ``feiten:``); a bad row raises its :class:`~kadermodel.FactsError` when the stream reaches
    it. The peildatum is the argument, else the row's own, else the day the stream started.
    Rows of plain mappings (fact names to values) are decoded at once; the :class:`Facts`
    value around them is built when ``assessment.facts`` is first read.
    """
    plan = plan_of(kader)
    function, cutoffs = plan.function, plan.cutoffs
    tables = results_of(kader)
    decode = decoder_of(kader).decode
    layout, kader_id = kader.feiten, kader.id
    today: dt.date | None = None
    last_day: dt.date | None = None
    last_cutoffs: tuple[int, ...] = ()
    for row in rows:
        facts: Facts | Callable[[], Facts]
        if type(row) is dict and "feiten" not in row and (decoded := decode(row)) is not None:
            encoded = decoded[1]
            facts = functools.partial(Facts, *decoded, kader_id, None, None, {}, SOURCE, layout)
            day = peildatum
        else:
            facts = facts_for(kader, row)
            encoded = facts.encoded
            day = peildatum or facts.peildatum
        if day is None:
            day = today = today or dt.date.today()
        if day != last_day:
            last_day, last_cutoffs = day, cutoffs(day)
        truths, ranges = function(encoded, last_cutoffs)
        yield Assessment(kader, facts, day, truths, ranges, tables=tables)
