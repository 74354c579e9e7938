"""(kader, many municipalities' facts) -> a stream of :class:`Assessment`: :func:`assess_many`.

The per-kader work is done once for the whole stream. For a kader of at most
:data:`PROGRAM_UP_TO` bouwstenen and facts, the facts decoder and the plan
are generated as one program, a generator that loops over the rows: per row of a plain
mapping it fills and checks the values and evaluates every bouwsteen in one frame, with no
calls in between. Rows it cannot decode itself (text values, mappings with ``feiten:``,
:class:`Facts`, bad values) take the path of :func:`kadermodel.assess`, with its errors.
Larger kaders loop over the decoder and the plan.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from kadermodel import model as m
from kadermodel.engine.evaluate import evaluate
from kadermodel.engine.plan import _CodeGen, plan_of
from kadermodel.engine.results import Assessment, results_of
from kadermodel.facts import decoder as facts_decoder
from kadermodel.facts.core import Facts, facts_for
from kadermodel.facts.decoder import decoder_of

Row = Facts | Mapping[str, Any]


class _Slow(Exception):
    """A row the generated program leaves to the reader."""


class _Program:
    """The generated row loop of one kader, and the binnen windows it was generated with."""

    __slots__ = ("run", "source", "windows")

    def __init__(self, kader: m.Kader):
        generator = _CodeGen(kader)
        _, body, result = generator.one_function()
        constants: dict[str, object] = {}
        decode = [
            line
            for index, (name, feit) in enumerate(kader.feiten.items())
            for line in facts_decoder.fact_lines(
                index, name, feit.type, constants, "raise slow", local=f"f{index}"
            )
        ]
        encoded = "".join(f"f{i}, " for i in range(len(kader.feiten)))
        lines = [
            "def _many(rows, c, template, slow, slow_row, kader, day, tables, shared,",
            "          new, A, put0, put1, put2, put3, put4, put5, put6):",
            "    size = len(template)",
            "    themas_for = tables.themas_for",
            generator.windows_line(),
            "    for row in rows:",
            "        try:",
            "            if type(row) is not dict: raise slow",
            "            d = template.copy()",
            "            d.update(row)",
            "            if len(d) != size: raise slow",  # a name that is not declared
            "            v = list(d.values())",
            *(f"            {line}" for line in decode),
            "        except slow:",
            "            yield slow_row(row)",
            "            continue",
            # the decoded facts are already the variables the plan reads (f3 = v[3])
            *(f"    {line}" for line in body),
            f"        truths, ranges = {result}",
            "        themas = shared.get(ranges) or themas_for(ranges)",
            f"        facts = (d, ({encoded}))",
            # Assessment(kader, facts, ...), its slots filled directly (see _SLOT_SETTERS)
            "        a = new(A)",
            "        put0(a, kader); put1(a, facts); put2(a, day); put3(a, truths)",
            "        put4(a, ranges); put5(a, tables); put6(a, themas)",
            "        yield a",
        ]
        self.source = "\n".join(lines) + "\n"
        namespace: dict[str, Any] = {**facts_decoder.NAMESPACE, **constants}
        namespace["__builtins__"] = {**facts_decoder.NAMESPACE["__builtins__"], "len": len}
        exec(compile(self.source, f"<kadermodel batch {kader.id}>", "exec"), namespace)
        self.run: Callable[..., Iterator[Assessment]] = namespace["_many"]
        self.windows = tuple(sorted(generator.windows, key=generator.windows.__getitem__))

    def cutoffs(self, day: dt.date) -> tuple[int, ...]:
        return (day.toordinal(), *(m.subtract(day, a, u).toordinal() for a, u in self.windows))


_SLOT_SETTERS = tuple(Assessment.__dict__[field.name].__set__ for field in attrs.fields(Assessment))
"""The setters of :class:`Assessment`'s slots, in the order of its fields. The row loop fills
each result through them: attrs' frozen ``__init__`` goes through a guarded ``setattr`` per
field, which costs a tenth of a small kader's row. The value is the same (tested)."""

PROGRAM_UP_TO = 300
"""The largest kader (bouwstenen, and facts) that gets a generated row loop; for larger
ones the loop's share of the time per row is small, and compiling it is not."""

_PROGRAMS: weakref.WeakKeyDictionary[m.Kader, _Program | None] = weakref.WeakKeyDictionary()


def _program_of(kader: m.Kader) -> _Program | None:
    """The generated row loop of ``kader`` (None for a large kader), built once per kader."""
    if kader not in _PROGRAMS:
        small = len(kader.bouwstenen) <= PROGRAM_UP_TO and len(kader.feiten) <= PROGRAM_UP_TO
        _PROGRAMS[kader] = _Program(kader) if small else None
    return _PROGRAMS[kader]


def assess_many(
    kader: m.Kader,
    rows: Iterable[Row],
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
    tables = results_of(kader)
    today = dt.date.today()
    fast_day = peildatum or today

    def slow_row(row: Row) -> Assessment:
        facts = facts_for(kader, row)
        day = peildatum or facts.peildatum or today
        if facts.afwijkingen:
            return evaluate(kader, facts, day)
        truths, ranges = plan.run(facts.encoded, day)
        return Assessment(kader, facts, day, truths, ranges, tables=tables)

    program = _program_of(kader)
    if program is not None:
        decoder = decoder_of(kader)
        yield from program.run(
            rows,
            program.cutoffs(fast_day),
            decoder.template,
            _Slow,
            slow_row,
            kader,
            fast_day,
            tables,
            tables.shared,
            object.__new__,
            Assessment,
            *_SLOT_SETTERS,
        )
        return
    decode = decoder_of(kader).decode
    function, cutoffs = plan.function, plan.cutoffs(fast_day)
    for row in rows:
        if type(row) is dict and (decoded := decode(row)) is not None:
            truths, ranges = function(decoded[1], cutoffs)
            yield Assessment(kader, decoded, fast_day, truths, ranges, tables=tables)
        else:
            yield slow_row(row)
