"""The :class:`Facts` value: a municipality's facts, validated and encoded for one kader.

:func:`build_facts` makes one from a mapping of fact names to Python values and
:func:`for_kader` re-encodes facts for another kader; texts and files are read
by :mod:`kadermodel.facts.reader`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from kadermodel import model as m
from kadermodel.errors import Diagnostic, source_lines
from kadermodel.facts.afwijking import Afwijking
from kadermodel.facts.decoder import Decoded, decoder_of
from kadermodel.facts.validate import FactReader


@attrs.frozen(eq=False)
class Facts:
    """A municipality's facts, validated against one kader's declarations."""

    values: Mapping[str, m.FactValue | None]
    """Every declared fact by name; ``None`` means unknown."""
    encoded: tuple[int | None, ...] = attrs.field(repr=False)
    """The values in the integer form the compiled kader reads, in declaration order."""
    kader_id: str
    gemeente: str | None = None
    peildatum: dt.date | None = None
    bronnen: Mapping[str, str] = attrs.field(factory=dict)
    source: str = "<feiten>"
    layout: object = attrs.field(default=None, repr=False)
    """The fact declarations ``encoded`` follows (identity is checked before assessing)."""
    dont_know: frozenset[str] = frozenset()
    """Unknown facts answered ``weet niet``: asked, and the answer is not known."""
    established: Mapping[str, dt.date] = attrs.field(factory=dict)
    """Per fact the date its answer was established (the file's ``vastgesteld``), when given;
    see :mod:`kadermodel.facts.stale`."""
    warnings: tuple[Diagnostic, ...] = ()
    """Warnings found while reading (F220: a fact under its former name)."""
    text: str | None = attrs.field(default=None, repr=False)
    """The text read, kept only when there are warnings (their lines are shown)."""
    inherited: Mapping[str, str] = attrs.field(factory=dict)
    """Facts whose value came from a regional facts file (``regio:``): name -> that file (the
    file in the chain that gave the value). The municipality's own values are not here."""
    regio: str | None = None
    """The ``regio:`` of the facts file as written (a path relative to the file), if any."""
    regions: tuple[str, ...] = ()
    """Every regional facts file read for these facts, nearest first (see
    :mod:`kadermodel.facts.regio`)."""
    region_hashes: tuple[str, ...] = ()
    """The SHA-256 of each regional file's text as read, in the order of ``regions``."""
    afwijkingen: Mapping[str, Afwijking] = attrs.field(factory=dict)
    """Per bouwsteen id the municipality's afwijking (comply or explain), valid or not; which
    ones hold depends on the peildatum (:mod:`kadermodel.facts.afwijking`)."""

    def warnings_text(self) -> str:
        """The warnings rendered as every diagnostic is (place, line, caret, tip)."""
        lines = None if self.text is None else source_lines(self.text)
        return "\n".join(warning.render(lines) for warning in self.warnings)

    @property
    def known(self) -> dict[str, m.FactValue]:
        return {k: v for k, v in self.values.items() if v is not None}

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.values.items() if v is None)

    @property
    def own(self) -> dict[str, m.FactValue | None]:
        """The values without the inherited ones (unknown where the region gave the value):
        what the municipality's own file says."""
        return {k: None if k in self.inherited else v for k, v in self.values.items()}

    def with_values(self, kader: m.Kader, changes: Mapping[str, Any]) -> Facts:
        """A copy with some facts changed (values as in a mapping; None makes unknown).

        A changed fact is the municipality's own from then on (no longer inherited)."""
        values = dict(self.values)
        values.update(changes)
        changed = build_facts(
            kader,
            {k: v for k, v in values.items() if v is not None},
            gemeente=self.gemeente,
            peildatum=self.peildatum,
            bronnen=self.bronnen,
            source=self.source,
            dont_know=self.dont_know - {k for k, v in changes.items() if v is not None},
            established=self.established,
        )
        return carry_regio(changed, self, changes)


def carry_regio(facts: Facts, origin: Facts, changed: Iterable[str] = ()) -> Facts:
    """``facts`` with ``origin``'s regional provenance (except for the ``changed`` facts) and
    its afwijkingen: what a copy made from values alone would lose."""
    if not origin.inherited and origin.regio is None and not origin.afwijkingen:
        return facts
    skip = set(changed)
    inherited = {
        k: v
        for k, v in origin.inherited.items()
        if k not in skip and k in facts.values and facts.values[k] is not None
    }
    return attrs.evolve(
        facts,
        inherited=inherited,
        regio=origin.regio,
        regions=origin.regions,
        region_hashes=origin.region_hashes,
        afwijkingen=dict(origin.afwijkingen),
    )


def warned(facts: Facts, reader: FactReader) -> Facts:
    """``facts`` with the reader's warnings (and the text, to show their lines)."""
    if not reader.warnings:
        return facts
    return attrs.evolve(facts, warnings=tuple(reader.warnings), text=reader.text_source)


def dated(facts: Facts, established: Mapping[str, dt.date]) -> Facts:
    """``facts`` with the dates its answers were established (when there are any)."""
    return attrs.evolve(facts, established=dict(established)) if established else facts


def make_facts(
    kader: m.Kader,
    parsed: Mapping[str, m.FactValue | None],
    *,
    gemeente: str | None,
    peildatum: dt.date | None,
    bronnen: Mapping[str, str],
    source: str,
    dont_know: Iterable[str] = (),
) -> Facts:
    """Facts from values already read for ``kader`` (unknown where absent)."""
    values = {name: parsed.get(name) for name in kader.feiten}
    asked = frozenset(n for n in dont_know if values.get(n, 0) is None)
    encoded = tuple(
        None if (value := values[name]) is None else feit.type.encode(value)
        for name, feit in kader.feiten.items()
    )
    return Facts(
        values, encoded, kader.id, gemeente, peildatum, dict(bronnen), source, kader.feiten, asked
    )


def decoded_facts(
    kader: m.Kader,
    decoded: Decoded,
    *,
    gemeente: str | None = None,
    peildatum: dt.date | None = None,
    bronnen: Mapping[str, str] | None = None,
    source: str = "<feiten>",
    dont_know: frozenset[str] = frozenset(),
) -> Facts:
    """Facts from the fast decoder's output (:mod:`kadermodel.facts.decoder`)."""
    values, encoded = decoded
    return Facts(
        values,
        encoded,
        kader.id,
        gemeente,
        peildatum,
        dict(bronnen or {}),
        source,
        kader.feiten,
        dont_know,
    )


def build_facts(
    kader: m.Kader,
    values: Mapping[str, Any],
    *,
    gemeente: str | None = None,
    peildatum: dt.date | None = None,
    bronnen: Mapping[str, str] | None = None,
    source: str = "<feiten>",
    dont_know: Iterable[str] = (),
    established: Mapping[str, dt.date] | None = None,
) -> Facts:
    """Facts from a plain mapping of names to Python values (raises FactsError).

    ``dont_know`` names facts answered ``weet niet`` (a value ``"weet niet"`` does the same);
    ``established`` gives per fact the date its answer was established.
    """
    dates = {k: v for k, v in (established or {}).items() if k in kader.feiten}
    return dated(
        _build_facts(kader, values, gemeente, peildatum, bronnen, source, dont_know), dates
    )


def _build_facts(
    kader: m.Kader,
    values: Mapping[str, Any],
    gemeente: str | None,
    peildatum: dt.date | None,
    bronnen: Mapping[str, str] | None,
    source: str,
    dont_know: Iterable[str],
) -> Facts:
    decoded = decoder_of(kader).decode(values)
    if decoded is not None:
        asked = frozenset(n for n in dont_know if n in kader.feiten and decoded[0][n] is None)
        return decoded_facts(
            kader,
            decoded,
            gemeente=gemeente,
            peildatum=peildatum,
            bronnen=bronnen,
            source=source,
            dont_know=asked,
        )
    reader = FactReader(kader, source, None)
    reader.dont_know.update(n for n in dont_know if n in kader.feiten)
    parsed = reader.facts_from_mapping(values)
    reader.raise_if_errors()
    found = make_facts(
        kader,
        parsed,
        gemeente=gemeente,
        peildatum=peildatum,
        bronnen=bronnen or {},
        source=source,
        dont_know=reader.dont_know,
    )
    return warned(found, reader)


def read_values(kader: m.Kader, values: Mapping[str, Any], source: str = "<feiten>") -> Facts:
    """The reader's own path for a plain mapping of names to values, without the decoder
    (:mod:`kadermodel.facts.decoder`): the decoder's oracle in tests."""
    reader = FactReader(kader, source, None)
    parsed = reader.facts_from_mapping(values)
    reader.raise_if_errors()
    return make_facts(
        kader,
        parsed,
        gemeente=None,
        peildatum=None,
        bronnen={},
        source=source,
        dont_know=reader.dont_know,
    )


def for_kader(kader: m.Kader, facts: Facts, *, only_known: bool = False) -> Facts:
    """``facts`` encoded for ``kader``: facts of another kader are re-validated.

    With ``only_known``, facts made for another kader (a base or an extended one) keep only the
    facts that ``kader`` declares, instead of rejecting the others.
    """
    if facts.layout is kader.feiten:
        return facts
    known = facts.known
    if only_known:
        known = {k: v for k, v in known.items() if k in kader.feiten}
    found = build_facts(
        kader,
        known,
        gemeente=facts.gemeente,
        peildatum=facts.peildatum,
        bronnen={k: v for k, v in facts.bronnen.items() if k in kader.feiten},
        source=facts.source,
        dont_know=facts.dont_know,
        established=facts.established,
    )
    found = carry_regio(found, facts)
    if found.afwijkingen:
        kept = {q: a for q, a in found.afwijkingen.items() if q in kader.bouwstenen}
        found = attrs.evolve(found, afwijkingen=kept)
    return found
