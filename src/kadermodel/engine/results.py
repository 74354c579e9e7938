"""The result values of an assessment: :class:`Assessment`, per thema and per bouwsteen.

An assessment is two tuples of ints (bouwsteen truths, plateau ranges). The result objects
users read (:class:`ThemaResult`, :class:`PlateauRange`, :class:`BouwsteenResult`) are
frozen values, and there are only a few distinct ones per kader (a thema's range is one of
``(top + 1) ** 2`` pairs, a bouwsteen one of three truths), so they are built once per kader
(:func:`results_of`, cached by identity) and an assessment only picks them out of tables.

Progress per plateau (:class:`PlateauProgress`: how many bouwstenen of one plateau are met,
not met and unknown) depends on the bouwsteen truths, not on the range, so it is counted
when :attr:`Assessment.progress` is first read, over position tables built once per kader;
the counts are few distinct values per plateau and are shared the same way.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from kadermodel import model as m
from kadermodel.facts.afwijking import Afwijking
from kadermodel.facts.afwijking import expired as expired_of
from kadermodel.facts.afwijking import valid as valid_of
from kadermodel.logic import Truth

if TYPE_CHECKING:
    from kadermodel.facts.core import Facts


@attrs.frozen
class PlateauRange:
    """The plateau of a thema: ``low`` is certainly reached, ``high`` is still reachable.

    ``low == high`` means decided. 0 means plateau 1 is not reached.
    """

    low: int
    high: int

    @property
    def decided(self) -> bool:
        return self.low == self.high

    def __str__(self) -> str:
        if self.decided:
            return str(self.low)
        return f"minimaal {self.low}, mogelijk {self.high}"


@attrs.frozen
class ThemaResult:
    id: str
    title: str
    plateau: PlateauRange
    top: int
    """The highest plateau this thema has."""


@attrs.frozen
class PlateauProgress:
    """How many bouwstenen of one plateau of a thema are met, not met and unknown.

    Plateaus stay cumulative (:class:`PlateauRange`); this is the progress within one
    plateau, so that "basisniveau bereikt; 2 van de 3 aanvullende bouwstenen gerealiseerd"
    can be said.
    """

    number: int
    """The plateau (1 is the basisniveau)."""
    met: int
    not_met: int
    unknown: int

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.unknown

    @property
    def complete(self) -> bool:
        """Every bouwsteen of this plateau is met."""
        return self.met == self.total


@attrs.frozen
class ThemaProgress:
    """Per plateau of one thema (in order, plateau 1 first): its :class:`PlateauProgress`."""

    id: str
    plateaus: tuple[PlateauProgress, ...]

    @property
    def top(self) -> int:
        """The highest plateau this thema has (1: the Kader names no further bouwstenen)."""
        return len(self.plateaus)


@attrs.frozen
class BouwsteenResult:
    id: str
    truth: Truth
    bouwsteen: m.Bouwsteen = attrs.field(repr=False)
    via_afwijking: Afwijking | None = None
    """The valid afwijking that makes this bouwsteen count as met ("voldaan via afwijking");
    ``truth`` is then waar."""


@attrs.frozen(eq=False)
class KaderResults:
    """Every distinct result object of one kader, in tables indexed by the plan's ints."""

    thema_ids: tuple[str, ...]
    thema_position: Mapping[str, int]
    themas: tuple[tuple[tuple[ThemaResult, ...], ...], ...]
    """Per thema (declaration order), per low, per high: the result."""
    bouwsteen_ids: tuple[str, ...]
    bouwsteen_position: Mapping[str, int]
    bouwstenen: tuple[tuple[BouwsteenResult, BouwsteenResult, BouwsteenResult], ...]
    """Per bouwsteen (declaration order), per truth (0, 1, 2): the result."""
    plateau_positions: tuple[tuple[tuple[int, ...], ...], ...] = ()
    """Per thema (declaration order), per plateau: the positions of its bouwstenen in the
    assessment's truths."""
    _counts: dict[tuple[int, int, int, int], PlateauProgress] = attrs.field(
        factory=dict, init=False, repr=False
    )
    _by_ranges: dict[tuple[int, ...], Mapping[str, ThemaResult]] = attrs.field(
        factory=dict, init=False, repr=False
    )

    @property
    def shared(self) -> Mapping[tuple[int, ...], Mapping[str, ThemaResult]]:
        """The mappings :meth:`themas_for` gave so far, by ranges (read-only use)."""
        return self._by_ranges

    def themas_for(self, ranges: tuple[int, ...]) -> Mapping[str, ThemaResult]:
        """The read-only mapping of thema results for these plateau ranges.

        Assessments with the same ranges share one mapping (it is immutable); the most
        recent :data:`SHARED_RESULTS` distinct ones are kept.
        """
        found = self._by_ranges.get(ranges)
        if found is None:
            found = MappingProxyType(
                {
                    tid: table[low][high]
                    for tid, table, low, high in zip(
                        self.thema_ids, self.themas, ranges[::2], ranges[1::2], strict=True
                    )
                }
            )
            if len(self._by_ranges) >= SHARED_RESULTS:
                self._by_ranges.clear()
            self._by_ranges[ranges] = found
        return found

    def progress_of(self, index: int, truths: tuple[int, ...]) -> ThemaProgress:
        """The progress of the thema at ``index`` for these bouwsteen truths."""
        plateaus = []
        counts = self._counts
        for number, positions in enumerate(self.plateau_positions[index], 1):
            seen = [0, 0, 0]
            for position in positions:
                seen[truths[position]] += 1
            key = (number, seen[2], seen[0], seen[1])
            found = counts.get(key)
            if found is None:
                found = counts[key] = PlateauProgress(*key)
            plateaus.append(found)
        return ThemaProgress(self.thema_ids[index], tuple(plateaus))


SHARED_RESULTS = 4096
"""How many distinct thema-result mappings a kader keeps for reuse."""


def applied_afwijkingen(
    kader: m.Kader, afwijkingen: Mapping[str, Afwijking], peildatum: dt.date
) -> dict[str, Afwijking]:
    """The afwijkingen that count for ``kader`` on ``peildatum``: valid, for a bouwsteen of
    the kader that allows one, in the kader's order."""
    holding = valid_of(afwijkingen, peildatum)
    return {
        qid: holding[qid]
        for qid, bouwsteen in kader.bouwstenen.items()
        if qid in holding and bouwsteen.afwijking_toegestaan
    }


def met_indexes(kader: m.Kader, afwijkingen: Mapping[str, Afwijking]) -> frozenset[int]:
    """The positions (in declaration order) of the bouwstenen met via these afwijkingen."""
    position = results_of(kader).bouwsteen_position
    return frozenset(position[q] for q in afwijkingen if q in position)


_TRUTHS = (Truth.FALSE, Truth.UNKNOWN, Truth.TRUE)
_RESULTS: weakref.WeakKeyDictionary[m.Kader, KaderResults] = weakref.WeakKeyDictionary()


def results_of(kader: m.Kader) -> KaderResults:
    """The result tables of ``kader`` (built once per kader, cached by identity)."""
    found = _RESULTS.get(kader)
    if found is None:
        found = _RESULTS[kader] = _build_results(kader)
    return found


def _build_results(kader: m.Kader) -> KaderResults:
    themas = []
    for thema in kader.themas.values():
        top = thema.top
        themas.append(
            tuple(
                tuple(
                    ThemaResult(thema.id, thema.title, PlateauRange(low, high), top)
                    for high in range(top + 1)
                )
                for low in range(top + 1)
            )
        )
    bouwstenen = []
    for qid, bouwsteen in kader.bouwstenen.items():
        false, unknown, true = (BouwsteenResult(qid, t, bouwsteen) for t in Truth)
        bouwstenen.append((false, unknown, true))
    position = {qid: i for i, qid in enumerate(kader.bouwstenen)}
    plateau_positions = tuple(
        tuple(tuple(position[qid] for qid in plateau.bouwstenen) for plateau in thema.plateaus)
        for thema in kader.themas.values()
    )
    return KaderResults(
        tuple(kader.themas),
        {tid: i for i, tid in enumerate(kader.themas)},
        tuple(themas),
        tuple(kader.bouwstenen),
        position,
        tuple(bouwstenen),
        plateau_positions,
    )


class _LazyMapping(Mapping[str, Any]):
    """A read-only mapping over precomputed keys whose values are looked up on access."""

    __slots__ = ("_build", "_keys", "_positions")

    def __init__(
        self, keys: tuple[str, ...], positions: Mapping[str, int], build: Callable[[int], Any]
    ):
        self._keys = keys
        self._positions = positions
        self._build = build

    def __getitem__(self, key: str) -> Any:
        return self._build(self._positions[key])

    def __contains__(self, key: object) -> bool:
        return key in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


@attrs.frozen(eq=False)
class Assessment:
    """The result of assessing one municipality's facts against a kader (immutable)."""

    kader: m.Kader = attrs.field(repr=False)
    _facts: Facts | tuple[dict[str, m.FactValue | None], tuple[int | None, ...]] = attrs.field(
        repr=False, alias="facts"
    )
    """The facts, or (values, encoded) of a plain mapping, made :class:`Facts` when first
    read (a batch)."""
    peildatum: dt.date
    truths: tuple[int, ...] = attrs.field(repr=False)
    """Bouwsteen truths as ints, in the kader's declaration order."""
    ranges: tuple[int, ...] = attrs.field(repr=False)
    """(low, high) per thema, flattened, in declaration order."""
    _tables: KaderResults | None = attrs.field(default=None, repr=False, alias="tables")
    """The kader's :func:`results_of` (looked up when not given)."""
    _themas: Mapping[str, ThemaResult] | None = attrs.field(
        default=None, repr=False, alias="themas"
    )
    """The thema results (``tables.themas_for(ranges)``), when the caller has them already."""

    @property
    def facts(self) -> Facts:
        """The municipality's facts, validated and encoded for this kader."""
        facts = self._facts
        if isinstance(facts, tuple):
            from kadermodel.facts.core import Facts

            values, encoded = facts
            kader = self.kader
            facts = Facts(values, encoded, kader.id, None, None, {}, "<feiten>", kader.feiten)
            object.__setattr__(self, "_facts", facts)
        return facts

    @property
    def results(self) -> KaderResults:
        tables = self._tables
        if tables is None:
            tables = results_of(self.kader)
            object.__setattr__(self, "_tables", tables)
        return tables

    @property
    def themas(self) -> Mapping[str, ThemaResult]:
        """Per thema id: title, :class:`PlateauRange` and top plateau (a read-only mapping)."""
        found = self._themas
        if found is None:
            found = self.results.themas_for(self.ranges)
            object.__setattr__(self, "_themas", found)  # a cache: the value stays the same
        return found

    @property
    def afwijkingen(self) -> Mapping[str, Afwijking]:
        """The afwijkingen that hold on the peildatum, by bouwsteen id: those bouwstenen
        count as met ("voldaan via afwijking")."""
        facts = self._facts
        if isinstance(facts, tuple) or not facts.afwijkingen:
            return {}
        return applied_afwijkingen(self.kader, facts.afwijkingen, self.peildatum)

    @property
    def expired_afwijkingen(self) -> Mapping[str, Afwijking]:
        """The afwijkingen whose ``geldig_tot`` lies before the peildatum: ignored."""
        facts = self._facts
        if isinstance(facts, tuple) or not facts.afwijkingen:
            return {}
        known = {q: a for q, a in facts.afwijkingen.items() if q in self.kader.bouwstenen}
        return expired_of(known, self.peildatum)

    @property
    def bouwstenen(self) -> Mapping[str, BouwsteenResult]:
        """Per bouwsteen id (``thema.bouwsteen``): its :class:`Truth` (and the afwijking it
        was met through, if any)."""
        tables = self.results
        rows, truths = tables.bouwstenen, self.truths
        applied = self.afwijkingen
        if applied:
            ids = tables.bouwsteen_ids

            def build(i: int) -> BouwsteenResult:
                found = rows[i][truths[i]]
                afwijking = applied.get(ids[i])
                return found if afwijking is None else attrs.evolve(found, via_afwijking=afwijking)

            return _LazyMapping(ids, tables.bouwsteen_position, build)
        return _LazyMapping(
            tables.bouwsteen_ids, tables.bouwsteen_position, lambda i: rows[i][truths[i]]
        )

    @property
    def progress(self) -> Mapping[str, ThemaProgress]:
        """Per thema id: per plateau how many bouwstenen are met, not met and unknown."""
        tables = self.results
        truths = self.truths
        return _LazyMapping(
            tables.thema_ids,
            tables.thema_position,
            lambda i: tables.progress_of(i, truths),
        )

    def truth(self, bouwsteen: str) -> Truth:
        return _TRUTHS[self.truths[self.results.bouwsteen_position[bouwsteen]]]

    def plateau(self, thema: str) -> PlateauRange:
        index = self.results.thema_position[thema]
        return PlateauRange(self.ranges[2 * index], self.ranges[2 * index + 1])
